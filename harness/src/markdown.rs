//! Just enough Markdown for the guards: fenced code blocks with their line
//! numbers, mdBook's `{{#...}}` directives, and `ANCHOR:` regions.

/// A fenced code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// Line of the opening fence (1-based).
    pub line: usize,
    /// Line of the closing fence, or of the last line if it is unclosed.
    pub end_line: usize,
    /// The info string after the fence, trimmed (`rust`, `console`, ...).
    pub info: String,
    /// The lines between the fences.
    pub body: Vec<String>,
}

impl CodeBlock {
    /// The words of the info string, split the way rustdoc and skeptic split it.
    pub fn tokens(&self) -> Vec<&str> {
        self.info
            .split(|c: char| !(c == '_' || c == '-' || c.is_alphanumeric()))
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// True when skeptic would compile this block.
    pub fn is_rust(&self) -> bool {
        self.tokens().contains(&"rust")
    }
}

/// Every fenced block of `text`, in order.
pub fn code_blocks(text: &str) -> Vec<CodeBlock> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some((fence_char, fence_len, info)) = opening_fence(lines[i]) {
            let start = i;
            let mut body = Vec::new();
            i += 1;
            while i < lines.len() && !closes(lines[i], fence_char, fence_len) {
                body.push(lines[i].to_string());
                i += 1;
            }
            let end_line = i.min(lines.len() - 1) + 1;
            blocks.push(CodeBlock { line: start + 1, end_line, info, body });
        }
        i += 1;
    }
    blocks
}

fn opening_fence(line: &str) -> Option<(char, usize, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let fence_char = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = rest.len() - rest.trim_start_matches(fence_char).len();
    (indent <= 3 && len >= 3).then(|| (fence_char, len, rest[len..].trim().to_string()))
}

fn closes(line: &str, fence_char: char, fence_len: usize) -> bool {
    let rest = line.trim_start_matches(' ');
    let len = rest.len() - rest.trim_start_matches(fence_char).len();
    len >= fence_len && rest[len..].trim().is_empty()
}

/// An mdBook `{{#kind target}}` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// 1-based line in the chapter.
    pub line: usize,
    /// `include`, `rustdoc_include`, `playground`, ...
    pub kind: String,
    /// The file part of the target, relative to the chapter's folder.
    pub path: String,
    /// What follows the first `:` of the target (an anchor or line range).
    pub selector: Option<String>,
    /// The directive as written.
    pub text: String,
}

/// Every directive in `text` (escaped `\{{#...}}` ones excluded).
pub fn directives(text: &str) -> Vec<Directive> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{{#") {
            let escaped = rest[..start].ends_with('\\');
            let Some(len) = rest[start..].find("}}") else { break };
            let text = &rest[start..start + len + 2];
            if !escaped {
                let inner = text[3..text.len() - 2].trim();
                let (kind, target) =
                    inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
                let target = target.trim();
                let (path, selector) = match target.split_once(':') {
                    Some((path, selector)) => (path, Some(selector.to_string())),
                    None => (target, None),
                };
                found.push(Directive {
                    line: index + 1,
                    kind: kind.to_string(),
                    path: path.to_string(),
                    selector,
                    text: text.to_string(),
                });
            }
            rest = &rest[start + len + 2..];
        }
    }
    found
}

/// The lines of `source` between `ANCHOR: name` and `ANCHOR_END: name`, with
/// every anchor line removed, as mdBook includes them. `None` if the anchor
/// does not open or does not close.
pub fn anchor_region(source: &str, name: &str) -> Option<Vec<String>> {
    let mut inside = false;
    let mut region = Vec::new();
    for line in source.lines() {
        if let Some(found) = anchor_on(line, "ANCHOR_END:") {
            if found == name && inside {
                return Some(region);
            }
        } else if let Some(found) = anchor_on(line, "ANCHOR:") {
            if found == name {
                inside = true;
            }
        } else if inside {
            region.push(line.to_string());
        }
    }
    None
}

fn anchor_on<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let at = line.find(marker)?;
    let name = line[at + marker.len()..].trim_start();
    let end = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(name.len());
    Some(&name[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fenced_blocks_with_their_lines() {
        let text = "# Title\n\n```rust\nfn main() {}\n```\n\ntext\n\n~~~~console\n$ cargo run\n~~~~\n";
        let blocks = code_blocks(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            (blocks[0].line, blocks[0].end_line, blocks[0].info.as_str()),
            (3, 5, "rust")
        );
        assert_eq!(blocks[0].body, ["fn main() {}"]);
        assert_eq!((blocks[1].line, blocks[1].info.as_str()), (9, "console"));
    }

    #[test]
    fn a_longer_fence_holds_a_shorter_one() {
        let blocks = code_blocks("````markdown\n```rust\n```\n````\n");
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].body, ["```rust", "```"]);
    }

    #[test]
    fn parses_directives_and_skips_escaped_ones() {
        let text = "a\n{{#rustdoc_include ../listings/examples/x.rs:main}}\n\\{{#include nope.rs}}\n";
        let found = directives(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
        assert_eq!(found[0].kind, "rustdoc_include");
        assert_eq!(found[0].path, "../listings/examples/x.rs");
        assert_eq!(found[0].selector.as_deref(), Some("main"));
    }

    #[test]
    fn anchor_regions_drop_nested_anchor_lines() {
        let source = "a\n// ANCHOR: outer\nb\n// ANCHOR: inner\nc\n// ANCHOR_END: inner\n// ANCHOR_END: outer\n";
        assert_eq!(anchor_region(source, "outer").unwrap(), ["b", "c"]);
        assert_eq!(anchor_region(source, "inner").unwrap(), ["c"]);
        assert_eq!(anchor_region(source, "missing"), None);
    }

    #[test]
    fn an_anchor_name_is_matched_whole() {
        let source = "// ANCHOR: send_all\nx\n// ANCHOR_END: send_all\n";
        assert_eq!(anchor_region(source, "send"), None);
    }
}

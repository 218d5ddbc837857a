//! The glossary (`src/appendix/glossary.md`): one entry per line item,
//! `- **term**: definition. ([Chapter](../path.md#anchor))`. The guard
//! checks that the entries are in alphabetical order and unique, that each
//! links to a chapter file that exists, and that each term is used in some
//! chapter besides the glossary. (Anchors in the links are checked against
//! the built site by `ci/links.sh`.)

use std::fs;
use std::path::Path;

use crate::{Problem, summary};

/// The glossary, relative to the book root.
pub const FILE: &str = "src/appendix/glossary.md";

/// One entry: its term as written, its line, and the chapters it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub term: String,
    pub line: usize,
    pub links: Vec<String>,
}

impl Entry {
    /// The term as it reads in prose: without backticks, lower case.
    pub fn plain(&self) -> String {
        self.term.replace('`', "").to_lowercase()
    }

    /// The key the entries are sorted by: the plain term without leading
    /// punctuation (`.await` sorts under a).
    fn sort_key(&self) -> String {
        self.plain().trim_start_matches(|c: char| !c.is_alphanumeric()).to_string()
    }
}

/// The entries of a glossary text, and the items that are not entries.
pub fn parse(text: &str) -> (Vec<Entry>, Vec<Problem>) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if let Some(rest) = line.strip_prefix("- ") {
            let term = rest
                .strip_prefix("**")
                .and_then(|rest| rest.split_once("**:"))
                .map(|(term, _)| term.to_string());
            match term {
                Some(term) => {
                    entries.push(Entry { term, line: number, links: Vec::new() })
                }
                None => problems.push(Problem::new(
                    FILE,
                    number,
                    "a glossary item starts `- **term**: definition`",
                )),
            }
        }
        if let Some(entry) = entries.last_mut() {
            let mut rest = line;
            while let Some(start) = rest.find("](") {
                let after = &rest[start + 2..];
                let end = after.find(')').unwrap_or(after.len());
                entry.links.push(after[..end].to_string());
                rest = &after[end..];
            }
        }
    }
    (entries, problems)
}

/// Every problem with the glossary of the book at `root`.
pub fn check(root: &Path) -> Vec<Problem> {
    let Ok(text) = fs::read_to_string(root.join(FILE)) else {
        return vec![Problem::new(FILE, 1, "the glossary is missing")];
    };
    let (entries, mut problems) = parse(&text);
    if entries.is_empty() {
        problems.push(Problem::new(FILE, 1, "the glossary has no entries"));
    }
    let (chapters, _) = summary::read(root);
    let prose: String = chapters
        .iter()
        .filter(|chapter| format!("src/{}", chapter.path) != FILE)
        .filter_map(|chapter| {
            fs::read_to_string(root.join("src").join(&chapter.path)).ok()
        })
        .collect::<Vec<_>>()
        .join("\n")
        .replace('`', "")
        .to_lowercase();
    for pair in entries.windows(2) {
        if pair[0].sort_key() >= pair[1].sort_key() {
            problems.push(Problem::new(
                FILE,
                pair[1].line,
                format!(
                    "`{}` should come before `{}` (alphabetical order, each term once)",
                    pair[1].term, pair[0].term
                ),
            ));
        }
    }
    for entry in &entries {
        if !prose.contains(&entry.plain()) {
            problems.push(Problem::new(
                FILE,
                entry.line,
                format!("no chapter uses the term `{}`", entry.term),
            ));
        }
        if entry.links.is_empty() {
            problems.push(Problem::new(
                FILE,
                entry.line,
                format!("`{}` links to no chapter", entry.term),
            ));
        }
        for link in &entry.links {
            let file = link.split('#').next().unwrap_or("");
            let target = root.join("src/appendix").join(file);
            if file.is_empty() || !target.is_file() {
                problems.push(Problem::new(
                    FILE,
                    entry.line,
                    format!(
                        "`{}` links to {link}, which is not a chapter file",
                        entry.term
                    ),
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_have_terms_lines_and_links() {
        let text = "# Glossary\n\n- **`.await`**: waits.\n  ([A](../a.md#x))\n- **beta**: b.\nplain\n- no term\n";
        let (entries, problems) = parse(text);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].plain(), ".await");
        assert_eq!(entries[0].sort_key(), "await");
        assert_eq!(entries[0].links, ["../a.md#x"]);
        assert_eq!((entries[1].line, entries[1].links.len()), (5, 0));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 7);
    }
}

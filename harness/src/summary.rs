//! Reads `src/SUMMARY.md` the way mdBook numbers it: prefix chapters have no
//! number, numbered chapters count up across parts, nested ones share the
//! number of their top-level chapter for listing captions.

use std::fs;
use std::path::Path;

use crate::Problem;

/// One chapter linked from SUMMARY.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub title: String,
    /// Path relative to `src/`, as written in SUMMARY.md.
    pub path: String,
    /// The top-level chapter number (`Some(3)` for 3. and 3.1.), `None` for
    /// prefix and suffix chapters.
    pub number: Option<u32>,
    /// Line of SUMMARY.md that links it.
    pub line: usize,
}

/// The chapters in reading order, and the problems found reading them.
pub fn read(root: &Path) -> (Vec<Chapter>, Vec<Problem>) {
    const FILE: &str = "src/SUMMARY.md";
    let text = match fs::read_to_string(root.join(FILE)) {
        Ok(text) => text,
        Err(e) => {
            return (
                Vec::new(),
                vec![Problem::new(FILE, 1, format!("cannot read: {e}"))],
            );
        }
    };
    let mut chapters = Vec::new();
    let mut problems = Vec::new();
    let mut top_level = 0;
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        let trimmed = line.trim_start();
        let numbered = trimmed.starts_with("- ") || trimmed.starts_with("* ");
        let Some((title, path)) = link(trimmed) else { continue };
        if path.is_empty() {
            problems.push(Problem::new(
                FILE,
                line_no,
                format!("draft chapter \"{title}\" has no file"),
            ));
            continue;
        }
        let number = if numbered {
            if line.len() == trimmed.len() {
                top_level += 1;
            }
            Some(top_level)
        } else {
            None
        };
        if !root.join("src").join(&path).is_file() {
            problems.push(Problem::new(
                FILE,
                line_no,
                format!("chapter file src/{path} does not exist"),
            ));
        }
        chapters.push(Chapter { title, path, number, line: line_no });
    }
    (chapters, problems)
}

/// `[title](path)` anywhere in a line, the way SUMMARY.md writes chapters.
fn link(line: &str) -> Option<(String, String)> {
    let open = line.find('[')?;
    let close = open + line[open..].find("](")?;
    let end = close + line[close..].find(')')?;
    Some((line[open + 1..close].to_string(), line[close + 2..end].trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_count_across_parts_and_nested_chapters_share_their_parent_number() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("src")).unwrap();
        for name in ["intro.md", "a.md", "a1.md", "b.md", "glossary.md"] {
            fs::write(dir.path().join("src").join(name), "# x\n").unwrap();
        }
        fs::write(
            dir.path().join("src/SUMMARY.md"),
            "# Summary\n\n[Intro](intro.md)\n\n# Part I\n\n- [A](a.md)\n  - [A1](a1.md)\n\n# Part II\n\n- [B](b.md)\n\n---\n\n[Glossary](glossary.md)\n",
        )
        .unwrap();
        let (chapters, problems) = read(dir.path());
        assert!(problems.is_empty(), "{problems:?}");
        let numbers: Vec<_> =
            chapters.iter().map(|c| (c.path.as_str(), c.number)).collect();
        assert_eq!(
            numbers,
            [
                ("intro.md", None),
                ("a.md", Some(1)),
                ("a1.md", Some(1)),
                ("b.md", Some(2)),
                ("glossary.md", None)
            ]
        );
    }

    #[test]
    fn a_missing_chapter_file_is_named_with_its_summary_line() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("src")).unwrap();
        fs::write(
            dir.path().join("src/SUMMARY.md"),
            "# Summary\n\n- [Gone](gone.md)\n",
        )
        .unwrap();
        let (_, problems) = read(dir.path());
        assert_eq!(
            problems,
            [Problem::new(
                "src/SUMMARY.md",
                3,
                "chapter file src/gone.md does not exist"
            )]
        );
    }
}

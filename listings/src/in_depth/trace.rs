//! A printed trace that a test can also read back.

use std::sync::{Arc, Mutex};

/// Prints each line it is given and keeps a copy. Clones share the lines.
#[derive(Clone, Default)]
pub struct Trace {
    lines: Arc<Mutex<Vec<String>>>,
}

impl Trace {
    pub fn say(&self, line: impl Into<String>) {
        let line = line.into();
        println!("{line}");
        self.lines.lock().unwrap().push(line);
    }

    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }
}

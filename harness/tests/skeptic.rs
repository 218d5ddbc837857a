//! Every Rust block of the book, as rendered (hidden lines included), is
//! compiled and run here. build.rs expands the chapters' includes with
//! mdBook's own preprocessor and generates one test per block, named after
//! the chapter file, its section and the block's line in the expanded chapter.

include!(concat!(env!("OUT_DIR"), "/skeptic-tests.rs"));

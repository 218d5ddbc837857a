//! Nothing here: the checks are in `tests/state.rs`, which compiles the
//! listings' `engine/task/state.rs` against loom's atomics. Run them with
//! `bash ci/loom.sh` (or `cargo test -p loom-checks`).

//! A small executor.

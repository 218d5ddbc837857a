//! Part VII: many threads. Chapter 36's async mutex is `mutex`.

pub mod channel;
pub mod mutex;

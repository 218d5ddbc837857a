//! Part VII: many threads. Chapter 34's work-stealing scheduler is `steal`,
//! chapter 35's bounded channel is `channel`,
//! chapter 36's async mutex is `mutex`.

pub mod channel;
pub mod mutex;
pub mod steal;

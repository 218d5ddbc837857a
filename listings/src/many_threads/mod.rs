//! Part VII: many threads. Chapter 34's work-stealing scheduler is `steal`,
//! chapter 36's async mutex is `mutex`.

pub mod mutex;
pub mod steal;

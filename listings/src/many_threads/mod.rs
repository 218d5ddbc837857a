//! Part VII: many threads. Chapter 34's work-stealing scheduler is `steal`,
//! chapter 35's bounded channel is `channel`,
//! chapter 36's async mutex is `mutex`, and chapter 37's exercise, a run
//! loop that checks its driver only every few turns, is `lazy_driver`.

pub mod channel;
pub mod mutex;
pub mod steal;

// The exercise of chapter 37. With `--features starter` the reader's starter
// (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod lazy_driver;
#[cfg(feature = "starter")]
#[path = "../../exercises/many_threads/lazy_driver.rs"]
pub mod lazy_driver;

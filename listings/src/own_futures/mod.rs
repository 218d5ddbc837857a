//! Part III, Writing your own futures: small futures by hand and the
//! contract of `poll`.

pub mod blocking;
pub mod busy_deadline;
pub mod first_waker;
pub mod parked_time;
pub mod ready_after;
pub mod thread_timer;
pub mod unpin_checks;

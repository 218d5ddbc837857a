//! Part III, Writing your own futures: small futures by hand and the
//! contract of `poll`.

pub mod blocking;
pub mod busy_deadline;
pub mod first_waker;
pub mod parked_time;
pub mod ready_after;
pub mod thread_timer;
pub mod unpin_checks;

// The exercises of chapters 11 to 15. With `--features starter` the reader's
// starters (`listings/exercises/`) stand in for the book's solutions.
#[cfg(not(feature = "starter"))]
pub mod first_of;
#[cfg(feature = "starter")]
#[path = "../../exercises/own_futures/first_of.rs"]
pub mod first_of;
#[cfg(not(feature = "starter"))]
pub mod fuse;
#[cfg(feature = "starter")]
#[path = "../../exercises/own_futures/fuse.rs"]
pub mod fuse;
#[cfg(not(feature = "starter"))]
pub mod timeout;
#[cfg(feature = "starter")]
#[path = "../../exercises/own_futures/timeout.rs"]
pub mod timeout;
#[cfg(not(feature = "starter"))]
pub mod within_polls;
#[cfg(feature = "starter")]
#[path = "../../exercises/own_futures/within_polls.rs"]
pub mod within_polls;
#[cfg(not(feature = "starter"))]
pub mod yield_now;
#[cfg(feature = "starter")]
#[path = "../../exercises/own_futures/yield_now.rs"]
pub mod yield_now;

//! Part V, Async in depth: what `async fn` compiles into, a mini Tokio,
//! wakers done right, and cancellation.

pub mod alarm;
pub mod booking;
pub mod frames;
pub mod handover;
pub mod launch;
pub mod line_clock;
pub mod notify_alarm;
pub mod runtime;
pub mod trace;
pub mod trains;

// The exercises of chapters 22 to 26. With `--features starter` the reader's
// starter (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod countdown;
#[cfg(feature = "starter")]
#[path = "../../exercises/in_depth/countdown.rs"]
pub mod countdown;
#[cfg(not(feature = "starter"))]
pub mod line_reader;
#[cfg(feature = "starter")]
#[path = "../../exercises/in_depth/line_reader.rs"]
pub mod line_reader;
#[cfg(not(feature = "starter"))]
pub mod output_slot;
#[cfg(feature = "starter")]
#[path = "../../exercises/in_depth/output_slot.rs"]
pub mod output_slot;
#[cfg(not(feature = "starter"))]
pub mod queued_once;
#[cfg(feature = "starter")]
#[path = "../../exercises/in_depth/queued_once.rs"]
pub mod queued_once;
#[cfg(not(feature = "starter"))]
pub mod waker_cell;
#[cfg(feature = "starter")]
#[path = "../../exercises/in_depth/waker_cell.rs"]
pub mod waker_cell;

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

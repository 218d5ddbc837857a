//! Part VI: the engine under Tokio. Readiness first: sockets that answer
//! "not yet", and mio, which says when to ask again.

pub mod echo;
pub mod echo_clients;
pub mod net;
pub mod reactor;
pub mod readiness;
pub mod runtime;
pub mod task;
pub mod timer;

// The exercises of chapters 27 to 33. With `--features starter` the reader's
// starter (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod budget;
#[cfg(feature = "starter")]
#[path = "../../exercises/engine/budget.rs"]
pub mod budget;
#[cfg(not(feature = "starter"))]
pub mod counting_waker;
#[cfg(feature = "starter")]
#[path = "../../exercises/engine/counting_waker.rs"]
pub mod counting_waker;
#[cfg(not(feature = "starter"))]
pub mod join_set;
#[cfg(feature = "starter")]
#[path = "../../exercises/engine/join_set.rs"]
pub mod join_set;
#[cfg(not(feature = "starter"))]
pub mod limit;
#[cfg(feature = "starter")]
#[path = "../../exercises/engine/limit.rs"]
pub mod limit;
#[cfg(not(feature = "starter"))]
pub mod send_all;
#[cfg(feature = "starter")]
#[path = "../../exercises/engine/send_all.rs"]
pub mod send_all;
#[cfg(not(feature = "starter"))]
pub mod timeout_at;
#[cfg(feature = "starter")]
#[path = "../../exercises/engine/timeout_at.rs"]
pub mod timeout_at;
#[cfg(not(feature = "starter"))]
pub mod udp;
#[cfg(feature = "starter")]
#[path = "../../exercises/engine/udp.rs"]
pub mod udp;

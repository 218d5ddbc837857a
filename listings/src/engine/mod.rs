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

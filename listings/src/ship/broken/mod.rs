//! Chapter 40's broken handlers, and a server on a runtime of its own
//! thread for the tests and programs that load them.

pub mod audit_lock;
pub mod blocking;
pub mod measure;
pub mod running;

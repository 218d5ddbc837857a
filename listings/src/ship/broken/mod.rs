//! Chapter 40's broken handlers, and the measurements that load them.

pub mod audit_lock;
pub mod blocking;
pub mod measure;

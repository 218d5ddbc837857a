//! Part VIII: a key-value server on Tokio. The protocol is `protocol`, the
//! lines off the socket `lines`, the shared map `store`, one connection
//! `connection`, and the accept loop with its limit and shutdown `server`.

pub mod broken;
pub mod clients;
pub mod config;
pub mod connection;
pub mod lines;
#[cfg(not(feature = "starter"))]
pub mod offload;
#[cfg(feature = "starter")]
#[path = "../../exercises/ship/offload.rs"]
pub mod offload;
pub mod protocol;
pub mod server;
pub mod store;

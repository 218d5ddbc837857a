//! Part VIII: a key-value server on Tokio. The protocol is `protocol`, the
//! lines off the socket `lines`, the shared map `store`, one connection
//! `connection`, and the accept loop with its limit and shutdown `server`.

pub mod clients;
pub mod config;
pub mod connection;
pub mod lines;
pub mod protocol;
pub mod server;
pub mod store;

//! Part VIII: a key-value server on Tokio. The protocol is `protocol`, the
//! lines off the socket `lines`, the shared map `store`, one connection
//! `connection`, and the accept loop with its limit and shutdown `server`;
//! the tests' clients are `clients`, and chapter 40's broken handlers are
//! `broken`. Each chapter's exercise is at the end.

pub mod broken;
pub mod clients;
pub mod config;
pub mod connection;
pub mod ctrl_c;
pub mod lines;
pub mod linger_demo;
pub mod protocol;
pub mod running;
pub mod scripted;
pub mod server;
pub mod store;
pub mod until_bye;
pub mod wrappers;

// The exercises of chapters 38, 39 and 40. With `--features starter` the
// reader's starter (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod drain;
#[cfg(feature = "starter")]
#[path = "../../exercises/ship/drain.rs"]
pub mod drain;
#[cfg(not(feature = "starter"))]
pub mod offload;
#[cfg(feature = "starter")]
#[path = "../../exercises/ship/offload.rs"]
pub mod offload;
#[cfg(not(feature = "starter"))]
pub mod store_task;
#[cfg(feature = "starter")]
#[path = "../../exercises/ship/store_task.rs"]
pub mod store_task;

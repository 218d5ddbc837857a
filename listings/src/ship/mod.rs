//! Part VIII: a key-value server on Tokio. The protocol is `protocol`, the
//! lines off the socket `lines`, the shared map `store`, one connection
//! `connection`, and the accept loop with its limit and shutdown `server`;
//! chapter 38's exercise, the store as a task that owns the map, is
//! `store_task`.

pub mod clients;
pub mod config;
pub mod connection;
pub mod ctrl_c;
pub mod lines;
pub mod linger_demo;
pub mod protocol;
pub mod scripted;
pub mod server;
pub mod store;
<<<<<<< HEAD

// The exercise of chapter 38. With `--features starter` the reader's starter
// (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod store_task;
#[cfg(feature = "starter")]
#[path = "../../exercises/ship/store_task.rs"]
pub mod store_task;
=======
pub mod until_bye;
pub mod wrappers;

// The exercise of chapter 39. With `--features starter` the reader's
// starter (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod drain;
#[cfg(feature = "starter")]
#[path = "../../exercises/ship/drain.rs"]
pub mod drain;
>>>>>>> ch39

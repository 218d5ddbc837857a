//! Chapter 32: an echo server that reads what a client sends and writes it
//! back until the client closes: on the runtime Part VI builds (`on_ours`)
//! and on Tokio (`on_tokio`). Both say what they did in a `report::Report`.

pub mod on_ours;
pub mod on_tokio;
pub mod report;
pub mod stop;

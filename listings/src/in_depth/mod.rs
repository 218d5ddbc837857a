//! Part V, Async in depth: what `async fn` compiles into, a mini Tokio,
//! wakers done right, and cancellation.

use std::future::Future;

// ANCHOR: main
/// Accepts only futures that may move after they are polled.
fn needs_unpin<F: Future + Unpin>(future: F) -> F {
    future
}

async fn greet() -> &'static str {
    "hello"
}

fn main() {
    let greeting = async { "hello" };
    let _ = needs_unpin(greeting);
    let _ = needs_unpin(greet());
}
// ANCHOR_END: main

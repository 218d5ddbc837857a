use std::future::Future;

// ANCHOR: main
/// Accepts only futures that may move after they are polled.
fn needs_unpin<F: Future + Unpin>(future: F) -> F {
    future
}

fn main() {
    let greeting = async { "hello" };
    let _ = needs_unpin(greeting);
}
// ANCHOR_END: main

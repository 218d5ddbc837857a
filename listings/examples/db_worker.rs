use std::future::Future;

use listings::db::{balance, start_worker};

// ANCHOR: main
fn main() {
    let (worker, worker_thread) = start_worker();
    let handler = async {
        let mut total = 0;
        for account in ["ada", "grace", "linus"] {
            let amount = balance(&worker, account).await.expect("the worker hung up");
            println!("handler: {account} has {amount}");
            total += amount;
        }
        total
    };
    let total = run(handler);
    println!("handler: total {total}");
    drop(worker); // the last query sender: the worker's loop ends
    worker_thread.join().unwrap();
}

/// Runs a future to completion: with the futures crate's `block_on`, or with
/// `-- ours`, with the `block_on` of chapter 5.
fn run<F: Future>(future: F) -> F::Output {
    match std::env::args().nth(1).as_deref() {
        None => futures::executor::block_on(future),
        Some("ours") => listings::block_on::block_on(future),
        Some(other) => panic!("unknown runner {other:?}; try `-- ours`"),
    }
}
// ANCHOR_END: main

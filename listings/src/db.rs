//! One database connection, owned by one worker thread. Request handlers
//! reach it by message and wait for the answer on a oneshot receiver.

use std::collections::HashMap;
use std::sync::mpsc;
use std::thread::{self, JoinHandle};

use listings::oneshot::{self, Canceled};

// ANCHOR: db
/// A question for the worker, and the way back to whoever asked.
pub struct BalanceQuery {
    pub account: &'static str,
    pub reply: oneshot::Sender<i64>,
}

/// Starts the worker that owns the only connection. It serves queries in
/// the order they arrive and stops when every query sender is dropped.
pub fn start_worker() -> (mpsc::Sender<BalanceQuery>, JoinHandle<()>) {
    let (queries, inbox) = mpsc::channel::<BalanceQuery>();
    let worker = thread::spawn(move || {
        let connection = HashMap::from([("ada", 120), ("grace", 75), ("linus", 30)]);
        for query in inbox {
            // The bug to watch for: an unknown account makes the worker skip
            // the query, dropping its reply sender without a word.
            let Some(&balance) = connection.get(query.account) else {
                continue;
            };
            println!("worker: looked up {}", query.account);
            query.reply.send(balance);
        }
    });
    (queries, worker)
}

/// Asks the worker for the balance of `account` and waits for the answer.
pub async fn balance(
    worker: &mpsc::Sender<BalanceQuery>,
    account: &'static str,
) -> Result<i64, Canceled> {
    let (reply, answer) = oneshot::channel();
    worker.send(BalanceQuery { account, reply }).expect("the worker has stopped");
    answer.await
}
// ANCHOR_END: db

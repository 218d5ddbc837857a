use std::collections::HashMap;
use std::sync::mpsc;
use std::thread;

use tokio::sync::oneshot;

struct BalanceQuery {
    account: &'static str,
    reply: oneshot::Sender<i64>,
}

fn start_worker() -> (mpsc::Sender<BalanceQuery>, thread::JoinHandle<()>) {
    let (queries, inbox) = mpsc::channel::<BalanceQuery>();
    let worker = thread::spawn(move || {
        let connection = HashMap::from([("ada", 120), ("grace", 75), ("linus", 30)]);
        for query in inbox {
            let Some(&balance) = connection.get(query.account) else {
                continue;
            };
            println!("worker: looked up {}", query.account);
            // tokio's send returns the value if the receiver is gone.
            let _ = query.reply.send(balance);
        }
    });
    (queries, worker)
}

async fn balance(
    worker: &mpsc::Sender<BalanceQuery>,
    account: &'static str,
) -> Result<i64, oneshot::error::RecvError> {
    let (reply, answer) = oneshot::channel();
    worker.send(BalanceQuery { account, reply }).expect("the worker has stopped");
    answer.await
}

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
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let total = runtime.block_on(handler);
    println!("handler: total {total}");
    drop(worker);
    worker_thread.join().unwrap();
}

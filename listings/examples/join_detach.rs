//! Chapter 31: dropping a `JoinHandle` detaches its task. The task still
//! runs to completion, and the runner drops the output nobody will read.

use std::future::poll_fn;
use std::io;
use std::task::Poll;
use std::thread;

use listings::engine::runtime::Runtime;
use listings::engine::task::demo::{Loud, yield_now};
use listings::engine::task::{Notified, waker::task_state};

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::<Notified>::for_tasks()?;
    let handle = runtime.handle().spawn(async {
        poll_fn(|cx| {
            println!("first poll:  {:?}", task_state(cx.waker()).unwrap());
            Poll::Ready(())
        })
        .await;
        yield_now().await;
        println!("second poll: returns its output");
        Loud("the output")
    });
    println!("spawned:     {:?}", handle.state());
    drop(handle);

    let loop_thread = thread::Builder::new().name("runtime".into());
    let counts = loop_thread.spawn(move || runtime.run())?.join().unwrap();
    println!("the loop ran {} polls and returned", counts.polls);
    Ok(())
}
// ANCHOR_END: main

//! Chapter 31: a task awaits another task's `JoinHandle` on chapter 28's
//! runtime: the first poll leaves its waker in the child (JOIN_WAKER), and
//! the child's completion wakes it.

use std::future::{Future, poll_fn};
use std::io;
use std::pin::Pin;

use listings::engine::runtime::Runtime;
use listings::engine::task::Notified;
use listings::engine::task::demo::yield_now;

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::<Notified>::for_tasks()?;
    let handle = runtime.handle();
    let spawner = handle.clone();
    handle.spawn(async move {
        let mut child = spawner.spawn(async {
            println!("child: first poll, yields");
            yield_now().await;
            println!("child: second poll, returns 42");
            42
        });
        let output = poll_fn(|cx| {
            let polled = Pin::new(&mut child).poll(cx);
            println!(
                "parent: JoinHandle polled: {polled:?}; child {:?}",
                child.state()
            );
            polled
        })
        .await;
        println!("parent: got {}", output.expect("the child finished"));
    });
    let counts = runtime.run();
    println!("{} polls, {} parks", counts.polls, counts.parks);
    Ok(())
}
// ANCHOR_END: main

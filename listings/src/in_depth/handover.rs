//! A future polled once by one task, then handed to another task that
//! awaits it to the end, both on the mini runtime.

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::Poll;

use listings::in_depth::alarm::Cord;
use listings::in_depth::runtime::Runtime;
use listings::in_depth::trace::Trace;
use listings::oneshot;

// ANCHOR: hand_over
/// Polls `alarm` once in a first task, sends it to a second task, and runs
/// both until they finish. The second task pulls `cord`, which rings the
/// alarm, only after its own first poll of it. Returns the run loop's poll
/// count.
pub fn hand_over<A>(alarm: A, cord: Cord, trace: &Trace) -> u32
where
    A: Future<Output = ()> + Send + 'static,
{
    let (pass, catch) = oneshot::channel::<Pin<Box<A>>>();
    let mut runtime = Runtime::new();

    let say = trace.clone();
    runtime.spawn(async move {
        let mut alarm = catch.await.unwrap();
        say.say("second task: caught the alarm, awaiting it");
        let mut cord = Some(cord);
        poll_fn(|cx| {
            let answer = alarm.as_mut().poll(cx);
            if let Some(cord) = cord.take() {
                cord.pull(); // the bell may ring from now on, not before
            }
            answer
        })
        .await;
        say.say("second task: the alarm rang");
    });

    let say = trace.clone();
    runtime.spawn(async move {
        let mut alarm = Box::pin(alarm);
        // Poll it exactly once, with this task's waker, then move on.
        poll_fn(|cx| {
            let _ = alarm.as_mut().poll(cx);
            Poll::Ready(())
        })
        .await;
        say.say("first task: polled the alarm once, passing it on");
        pass.send(alarm);
        say.say("first task: finished");
    });

    runtime.run()
}
// ANCHOR_END: hand_over

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Wake, Waker};

use listings::in_depth::alarm::{Alarm, cord};

/// A waker that does nothing when woken; each one is a task of its own.
struct Idle;

impl Wake for Idle {
    fn wake(self: Arc<Self>) {}
}

// ANCHOR: main
fn main() {
    let task_a = Waker::from(Arc::new(Idle));
    let task_b = Waker::from(Arc::new(Idle));
    let schedule = [
        ("A", &task_a),
        ("A", &task_a),
        ("A", &task_a),
        ("B", &task_b),
        ("B", &task_b),
        ("A", &task_a),
    ];

    let (until, _cord) = cord(); // a cord nobody pulls: always Pending
    let mut alarm = Alarm::new(until);
    for (poll, (task, waker)) in (1..).zip(schedule) {
        let before = alarm.waker_clones();
        let answer = Pin::new(&mut alarm).poll(&mut Context::from_waker(waker));
        let what = if alarm.waker_clones() > before {
            "new waker, cloned"
        } else {
            "same waker, kept"
        };
        println!("poll {poll} by task {task}: {answer:?}, {what}");
    }
    let polls = schedule.len();
    println!(
        "{polls} polls, {} clones; cloning on every poll makes {polls}",
        alarm.waker_clones()
    );
}
// ANCHOR_END: main

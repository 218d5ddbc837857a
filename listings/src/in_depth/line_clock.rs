//! The clock of chapter 23's railway line: pretend time that moves only
//! when every train on the line is waiting, so that the trains' order
//! follows from the timetable alone.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

// ANCHOR: line_clock
/// The line's time, and who waits for what.
struct Line {
    /// Pretend time since the start; it moves only when the clock rings.
    now: Duration,
    /// Trains that have not arrived at their last stop yet.
    on_line: usize,
    /// Each waiting train's deadline (and a number that makes it unique),
    /// with its waker, earliest first.
    waiting: BTreeMap<(Duration, u64), Waker>,
    /// How many waits were created: the unique numbers.
    created: u64,
}

/// A clock for `trains` trains, with a thread that rings one wait at a time.
#[derive(Clone)]
pub struct LineClock {
    line: Arc<(Mutex<Line>, Condvar)>,
}

impl LineClock {
    pub fn start(trains: usize) -> LineClock {
        let line = Line {
            now: Duration::ZERO,
            on_line: trains,
            waiting: BTreeMap::new(),
            created: 0,
        };
        let clock = LineClock { line: Arc::new((Mutex::new(line), Condvar::new())) };
        let ringer = clock.clone();
        thread::spawn(move || ringer.ring_in_order());
        clock
    }

    /// The clock's thread: once every train on the line waits, jump to the
    /// earliest deadline and wake that train; then wait for it again.
    fn ring_in_order(self) {
        let (line, changed) = &*self.line;
        let mut line = line.lock().unwrap();
        loop {
            line = changed
                .wait_while(line, |line| {
                    line.on_line > 0 && line.waiting.len() < line.on_line
                })
                .unwrap();
            let Some(((deadline, _), waker)) = line.waiting.pop_first() else {
                return; // every train has arrived
            };
            line.now = deadline;
            drop(line);
            waker.wake(); // outside the lock, as the alarm's thread does
            line = self.line.0.lock().unwrap();
        }
    }

    /// A future that is ready once the clock reaches now + `delay`.
    pub fn after(&self, delay: Duration) -> Tick {
        let mut line = self.line.0.lock().unwrap();
        line.created += 1;
        Tick { clock: self.clone(), deadline: (line.now + delay, line.created) }
    }

    /// Takes a train off the line: the clock no longer waits for it.
    pub fn arrive(&self) {
        self.line.0.lock().unwrap().on_line -= 1;
        self.line.1.notify_one();
    }
}

/// One train's wait on the line clock.
pub struct Tick {
    clock: LineClock,
    deadline: (Duration, u64),
}

impl Future for Tick {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let (line, changed) = &*self.clock.line;
        let mut line = line.lock().unwrap();
        if line.now >= self.deadline.0 && !line.waiting.contains_key(&self.deadline) {
            return Poll::Ready(());
        }
        line.waiting.insert(self.deadline, cx.waker().clone());
        changed.notify_one(); // perhaps every train waits now
        Poll::Pending
    }
}

impl Drop for Tick {
    fn drop(&mut self) {
        // A wait given up is no longer a train waiting.
        self.clock.line.0.lock().unwrap().waiting.remove(&self.deadline);
    }
}
// ANCHOR_END: line_clock

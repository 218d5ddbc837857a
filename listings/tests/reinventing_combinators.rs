//! Chapter 8 and the appendix: join, sequence and the `and_then` exercise.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Mutex;
use std::task::Poll;

use listings::reinventing::and_then::and_then;
use listings::reinventing::combinators::{Steps, join, sequence};
use listings::reinventing::wakeful::{Wakeful, run_woken};

/// `run_woken` rings one static bell: tests that use it take turns.
static BELL_USERS: Mutex<()> = Mutex::new(());

/// Answers `Pending` `steps` times (waking itself each time), then `Ready`.
/// Logs every poll to a shared log, and "polled after Ready" if that happens.
struct Logged {
    name: &'static str,
    left: u32,
    finished: bool,
    log: Rc<RefCell<Vec<String>>>,
}

fn logged(name: &'static str, steps: u32, log: &Rc<RefCell<Vec<String>>>) -> Logged {
    Logged { name, left: steps, finished: false, log: Rc::clone(log) }
}

impl Wakeful for Logged {
    type Output = &'static str;

    fn poll(&mut self, wake: fn()) -> Poll<&'static str> {
        let mut log = self.log.borrow_mut();
        if self.finished {
            log.push(format!("{} polled after Ready", self.name));
        }
        log.push(self.name.to_string());
        if self.left == 0 {
            self.finished = true;
            return Poll::Ready(self.name);
        }
        self.left -= 1;
        wake();
        Poll::Pending
    }
}

#[test]
fn join_never_polls_a_finished_future_again() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let log = Rc::new(RefCell::new(Vec::new()));
    let (outputs, polls) = run_woken(join(logged("a", 0, &log), logged("b", 3, &log)));
    assert_eq!(outputs, ("a", "b"));
    assert_eq!(polls, 4);
    // `a` was ready at once and polled once; `b` was polled on every round.
    assert_eq!(log.borrow().join(" "), "a b b b b");
}

#[test]
fn join_polls_both_on_each_round_until_each_is_done() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let log = Rc::new(RefCell::new(Vec::new()));
    run_woken(join(logged("a", 2, &log), logged("b", 1, &log)));
    assert_eq!(log.borrow().join(" "), "a b a b a");
}

#[test]
fn sequence_starts_the_second_only_after_the_first_is_done() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let log = Rc::new(RefCell::new(Vec::new()));
    let (outputs, _) = run_woken(sequence(logged("a", 2, &log), logged("b", 1, &log)));
    assert_eq!(outputs, ("a", "b"));
    assert_eq!(log.borrow().join(" "), "a a a b b");
}

#[test]
fn steps_panics_when_polled_after_ready() {
    let mut steps = Steps::new("probe", 0, 1);
    fn no_wake() {}
    assert_eq!(steps.poll(no_wake), Poll::Ready(1));
    let again = std::panic::catch_unwind(move || steps.poll(no_wake));
    assert!(again.is_err());
}

#[test]
fn and_then_builds_the_second_future_from_the_first_output() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let log = Rc::new(RefCell::new(Vec::new()));
    let second_log = Rc::clone(&log);
    let chained = and_then(logged("id", 1, &log), move |id| {
        second_log.borrow_mut().push(format!("built from {id}"));
        Steps::new("reading", 2, id.len() * 10)
    });
    let (reading, polls) = run_woken(chained);
    assert_eq!(reading, 20);
    assert_eq!(polls, 4);
    // The closure ran once, right after the first future was ready.
    assert_eq!(log.borrow().join(" "), "id id built from id");
}

#[test]
#[should_panic(expected = "polled after it returned Ready")]
fn and_then_panics_when_polled_after_ready() {
    fn no_wake() {}
    let mut chained =
        and_then(Steps::new("id", 0, 1), |n| Steps::new("reading", 0, n + 1));
    assert_eq!(chained.poll(no_wake), Poll::Ready(2));
    let _ = chained.poll(no_wake);
}

#[test]
fn futures_then_is_our_and_then_and_its_own_and_then_passes_an_err_through() {
    use futures::executor::block_on;
    use futures::{FutureExt, TryFutureExt, future};
    // `then` builds the second future from whatever the first gives.
    let then = future::ready("thermometer").then(|probe| future::ready(probe.len()));
    assert_eq!(block_on(then), 11);
    // `TryFutureExt::and_then` builds it only from an `Ok`...
    let ok = future::ready(Ok::<_, &str>("thermometer"))
        .and_then(|probe| future::ready(Ok(probe.len())));
    assert_eq!(block_on(ok), Ok(11));
    // ...and passes an `Err` through without calling the function.
    let called = std::cell::Cell::new(false);
    let err = future::ready(Err::<&str, _>("bus down")).and_then(|probe| {
        called.set(true);
        future::ready(Ok(probe.len()))
    });
    assert_eq!(block_on(err), Err("bus down"));
    assert!(!called.get());
}

//! A `Wakeful` future that logs each poll (chapter 8's tests and its
//! exercise).

use std::cell::RefCell;
use std::rc::Rc;
use std::task::Poll;

use listings::reinventing::wakeful::Wakeful;

/// Answers `Pending` `steps` times (waking itself each time), then `Ready`.
/// Logs every poll to a shared log, and "polled after Ready" if that happens.
pub struct Logged {
    name: &'static str,
    left: u32,
    finished: bool,
    log: Rc<RefCell<Vec<String>>>,
}

pub fn logged(
    name: &'static str,
    steps: u32,
    log: &Rc<RefCell<Vec<String>>>,
) -> Logged {
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

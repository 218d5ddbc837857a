//! A timer future for the real `Future` trait: a thread watches the
//! deadline and wakes the task when it passes.

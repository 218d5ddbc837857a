//! Chapter 7 and the start of chapter 9: the toy traits and their runners.

mod common;

use std::sync::Mutex;
use std::task::Poll;

use listings::reinventing::eventually::{
    Eventually, Probe, Tally, poll_until_all_ready,
};
use listings::reinventing::sensor::{ReadSensor, when_opened};
use listings::reinventing::wakeful::{run_all_woken, run_woken};

/// The `fn()` runners share one static bell, so tests that ring it take
/// turns: a ring meant for one runner would be a stray wake for another.
static BELL_USERS: Mutex<()> = Mutex::new(());

#[test]
fn a_probe_is_pending_until_its_step() {
    let mut probe = Probe::new("thermometer", 3, 21.5);
    assert_eq!(probe.poll(), Poll::Pending);
    assert_eq!(probe.poll(), Poll::Pending);
    assert_eq!(probe.poll(), Poll::Ready(("thermometer", 21.5)));
}

#[test]
fn polling_everything_wastes_a_poll_per_future_per_round() {
    let probes = vec![
        Probe::new("thermometer", 3, 21.5),
        Probe::new("hygrometer", 10, 64.0),
        Probe::new("soil probe", 1000, 0.31),
    ];
    let (readings, tally) = poll_until_all_ready(probes);
    assert_eq!(readings.len(), 3);
    // 3 + 10 + 1000 polls, of which only the last of each found a reading.
    assert_eq!(tally, Tally { polls: 1013, pending: 1010 });
}

#[test]
fn the_woken_runner_polls_once_to_start_and_once_per_wake() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (reading, polls) = common::within_limit("run_woken", || {
        // The sensor answers at once: the answer still cannot beat the first
        // poll, which holds the line's lock until it has stored `wake`.
        run_woken(ReadSensor::new(21.5, || {}))
    });
    assert_eq!((reading, polls), (21.5, 2));
}

#[test]
fn with_one_wake_for_all_the_polls_grow_with_the_square_of_the_tasks() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    const TASKS: usize = 10;
    let polls = common::within_limit("run_all_woken", || {
        let mut gates = Vec::new();
        let mut reads = Vec::new();
        for i in 0..TASKS {
            let (open, gate) = std::sync::mpsc::channel::<()>();
            gates.push(open);
            reads.push(("sensor", ReadSensor::new(i as f32, when_opened(gate))));
        }
        let mut gates = gates.into_iter();
        run_all_woken(reads, || {
            if let Some(gate) = gates.next() {
                gate.send(()).unwrap();
            }
        })
    });
    // One round to start, then one round per answer, each polling every
    // task still pending: TASKS + (TASKS + TASKS-1 + ... + 1).
    assert_eq!(polls as usize, TASKS + TASKS * (TASKS + 1) / 2);
    // A runner told who was woken would need two polls per task.
    let wasted = polls as usize - 2 * TASKS;
    assert_eq!(wasted, TASKS * (TASKS - 1) / 2);
}

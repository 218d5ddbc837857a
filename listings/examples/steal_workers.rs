//! Chapter 34: which worker ran which task. Four tasks meet at a barrier
//! that lets nobody through until all four are there: they finish only on
//! four threads at once, so each ran on its own worker. Then a task woken
//! by a task on another worker moves to that worker.

use listings::many_threads::steal::demo::{meet_at_a_barrier, moved_by_a_wake};
use listings::many_threads::steal::runtime::Source;

// ANCHOR: main
fn main() {
    let ran_on = meet_at_a_barrier(4);
    println!("4 tasks at a barrier on 4 workers ran on workers {ran_on:?}");

    let (a, b, a_again) = moved_by_a_wake();
    println!("a and b ran on different workers: {}", a.worker != b.worker);
    println!("b woke a while a's worker slept");
    println!("a ran next on b's worker: {}", a_again.worker == b.worker);
    println!("from the LIFO slot: {}", a_again.source == Source::Lifo);
}
// ANCHOR_END: main

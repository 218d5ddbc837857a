//! Chapter 34: a worker spawns eight tasks onto its own queue and is then
//! held; the other worker, with nothing of its own, steals half of them.

use listings::many_threads::steal::demo::steal_half;

// ANCHOR: main
fn main() {
    let robbed = steal_half(8);
    let steal = robbed.first_steal;
    let thief = 1 - robbed.busy;
    println!("the busy worker spawned 8 tasks onto its queue and was held");
    println!(
        "the idle worker stole {} of {}: thief is the idle one: {}, victim the busy one: {}",
        steal.took,
        steal.had,
        steal.thief == thief,
        steal.victim == robbed.busy
    );
    println!("the oldest task ran on the thief: {}", robbed.ran_on[0] == thief);
    println!("each task ran exactly once: {}", robbed.runs.iter().all(|&n| n == 1));
}
// ANCHOR_END: main

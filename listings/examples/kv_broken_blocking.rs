//! Chapter 40: a handler that blocks its thread. Two of its calls held in
//! the backend stop both workers of a two-worker runtime; on the blocking
//! pool, the same two calls stop nothing.

use std::time::Duration;

use listings::ship::broken::blocking::Offloaded;
use listings::ship::broken::measure::{Held, hold_two_calls};
use listings::ship::config::Config;

// ANCHOR: main
fn main() -> std::io::Result<()> {
    let window = Duration::from_millis(300);
    let config =
        Config { request_timeout: Duration::from_millis(100), ..Config::default() };

    println!("Blocking, 2 workers, request timeout 100 ms:");
    let held = hold_two_calls(|blocking| blocking, config, 100, window)?;
    print(&held, "within 300 ms");

    println!("Offloaded (spawn_blocking), 2 workers:");
    let patient =
        Config { request_timeout: Duration::from_secs(10), ..Config::default() };
    let held = hold_two_calls(Offloaded, patient, 100, Duration::from_secs(10))?;
    print(&held, "before the calls return");
    Ok(())
}

fn print(held: &Held, within: &str) {
    println!("  both GETs inside the backend; {} PINGs sent", held.pings);
    println!("  PINGs answered {within}: {}", held.answered_while_held);
    println!("  calls still inside the backend then: {}", held.still_inside);
    println!("  the backend opens; PINGs answered after that: {}", held.answered_after);
    println!("  the two GETs were answered {:?}", held.held_replies);
}
// ANCHOR_END: main

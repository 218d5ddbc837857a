//! The program of chapter 10: greenhouse valves that close on timers, run
//! concurrently by one executor or another.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use listings::reinventing::deadline::Deadline;

// ANCHOR: valves
/// Each valve, and how long it stays open.
pub const VALVES: [(&str, u64); 3] =
    [("vent flap", 600), ("drip line", 200), ("mister", 400)];

/// The controller's panel: when the run started, and what the valves did.
pub struct Panel {
    started: Instant,
    state: Mutex<Lights>,
}

#[derive(Default)]
struct Lights {
    open: usize,
    open_at_first_close: Option<usize>,
    closed_early: Vec<&'static str>,
}

/// Opens the valve, waits for its timer, then closes it.
pub async fn close_valve(panel: Arc<Panel>, name: &'static str, open_for_ms: u64) {
    println!("{name} open, closes in {open_for_ms} ms");
    panel.state.lock().unwrap().open += 1;
    Deadline::after(Duration::from_millis(open_for_ms)).await;
    let on_time = panel.started.elapsed() >= Duration::from_millis(open_for_ms);
    let mut lights = panel.state.lock().unwrap();
    let open = lights.open;
    lights.open_at_first_close.get_or_insert(open);
    lights.open -= 1;
    if !on_time {
        lights.closed_early.push(name);
    }
}

impl Panel {
    pub fn new() -> Arc<Panel> {
        Arc::new(Panel { started: Instant::now(), state: Mutex::default() })
    }

    /// How many valves were open when the first one closed.
    pub fn open_at_first_close(&self) -> Option<usize> {
        self.state.lock().unwrap().open_at_first_close
    }

    /// Prints what the run shows, and returns how long it took.
    pub fn report(&self) -> Duration {
        let took = self.started.elapsed();
        let lights = self.state.lock().unwrap();
        let at_first = lights.open_at_first_close.unwrap_or(0);
        println!("valves open when the first one closed: {at_first}");
        println!("valves that closed before their timer: {:?}", lights.closed_early);
        let longest = VALVES.iter().map(|&(_, ms)| ms).max().unwrap();
        if took >= Duration::from_millis(longest) {
            println!("the run took at least the longest timer ({longest} ms)");
        } else {
            println!("the run took {took:?}, less than the longest timer!");
        }
        took
    }
}
// ANCHOR_END: valves

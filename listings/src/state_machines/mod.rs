//! Part IV, State machines with Pin and Poll: pinning in full and a
//! multi-stage network client written as one hand-made future.

pub mod counted;
pub mod counted_lite;
pub mod counting_alloc;
pub mod fetch;
pub mod fetch_async;
pub mod fetch_inline;
pub mod layout;
pub mod pinned_cursor;
pub mod production;
pub mod sensor;
pub mod server;
pub mod unpin_facts;

// The exercises of chapters 16 to 21. With `--features starter` the reader's
// starters (`listings/exercises/`) stand in for the book's solutions.
#[cfg(not(feature = "starter"))]
pub mod exchange;
#[cfg(feature = "starter")]
#[path = "../../exercises/state_machines/exchange.rs"]
pub mod exchange;
#[cfg(not(feature = "starter"))]
pub mod join_boxed;
#[cfg(feature = "starter")]
#[path = "../../exercises/state_machines/join_boxed.rs"]
pub mod join_boxed;
#[cfg(not(feature = "starter"))]
pub mod lines;
#[cfg(feature = "starter")]
#[path = "../../exercises/state_machines/lines.rs"]
pub mod lines;
#[cfg(not(feature = "starter"))]
pub mod read_both;
#[cfg(feature = "starter")]
#[path = "../../exercises/state_machines/read_both.rs"]
pub mod read_both;
#[cfg(not(feature = "starter"))]
pub mod read_budgeted;
#[cfg(feature = "starter")]
#[path = "../../exercises/state_machines/read_budgeted.rs"]
pub mod read_budgeted;
#[cfg(not(feature = "starter"))]
pub mod timed;
#[cfg(feature = "starter")]
#[path = "../../exercises/state_machines/timed.rs"]
pub mod timed;

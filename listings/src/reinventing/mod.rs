//! Part II, Reinventing futures: a future trait designed from scratch, its
//! combinators, and a timer with a small executor.

pub mod combinators;
pub mod deadline;
pub mod eventually;
pub mod join_std;
pub mod run_queue;
pub mod sensor;
pub mod valves;
pub mod wakeful;

// The exercises of chapters 7 to 10. With `--features starter` the reader's
// starter (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod and_then;
#[cfg(feature = "starter")]
#[path = "../../exercises/reinventing/and_then.rs"]
pub mod and_then;
#[cfg(not(feature = "starter"))]
pub mod join_all;
#[cfg(feature = "starter")]
#[path = "../../exercises/reinventing/join_all.rs"]
pub mod join_all;
#[cfg(not(feature = "starter"))]
pub mod select_first;
#[cfg(feature = "starter")]
#[path = "../../exercises/reinventing/select_first.rs"]
pub mod select_first;
#[cfg(not(feature = "starter"))]
pub mod woken;
#[cfg(feature = "starter")]
#[path = "../../exercises/reinventing/woken.rs"]
pub mod woken;

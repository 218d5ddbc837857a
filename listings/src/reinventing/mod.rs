//! Part II, Reinventing futures: a future trait designed from scratch, its
//! combinators, and a timer with a small executor.

// The exercise of chapter 8. With `--features starter` the reader's starter
// (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod and_then;
#[cfg(feature = "starter")]
#[path = "../../exercises/reinventing/and_then.rs"]
pub mod and_then;
pub mod combinators;
pub mod deadline;
pub mod eventually;
pub mod join_std;
pub mod run_queue;
pub mod sensor;
pub mod valves;
pub mod wakeful;

// The exercise of chapter 7.
#[cfg(not(feature = "starter"))]
pub mod woken;
#[cfg(feature = "starter")]
#[path = "../../exercises/reinventing/woken.rs"]
pub mod woken;

//! Part II, Reinventing futures: a future trait designed from scratch, its
//! combinators, and a timer with a small executor.

pub mod and_then;
pub mod combinators;
pub mod deadline;
pub mod eventually;
pub mod join_std;
pub mod run_queue;
pub mod sensor;
pub mod valves;
pub mod wakeful;

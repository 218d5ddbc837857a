//! Part II, Reinventing futures: a future trait designed from scratch, its
//! combinators, and a timer with a small executor.

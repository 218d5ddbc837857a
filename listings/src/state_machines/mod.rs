//! Part IV, State machines with Pin and Poll: pinning in full and a
//! multi-stage network client written as one hand-made future.

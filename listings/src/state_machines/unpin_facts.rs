//! Chapter 17: which types are `Unpin`, each fact checked by the compiler.
//! This module compiles only if every assertion holds.

use std::future::Future;
use std::marker::PhantomPinned;
use std::pin::Pin;

use static_assertions::{assert_impl_all, assert_not_impl_any};

// ANCHOR: auto
/// Plain data: every field is `Unpin`, so the struct is too.
pub struct Invoice {
    pub number: u32,
    pub customer: String,
}

/// Opts out with a marker field: `PhantomPinned` is not `Unpin`.
pub struct Anchored {
    pub number: u32,
    _pinned: PhantomPinned,
}

/// A wrapper is `Unpin` exactly when what it holds is.
pub struct Labelled<T> {
    pub label: &'static str,
    pub inner: T,
}

assert_impl_all!(Invoice: Unpin);
assert_not_impl_any!(PhantomPinned: Unpin);
assert_not_impl_any!(Anchored: Unpin);
assert_impl_all!(Labelled<Invoice>: Unpin);
assert_not_impl_any!(Labelled<Anchored>: Unpin);
// ANCHOR_END: auto

// ANCHOR: pointers
// A pointer is `Unpin` whatever it points to: moving the pointer leaves the
// pointee where it is.
assert_impl_all!(Box<Anchored>: Unpin);
assert_impl_all!(&'static mut Anchored: Unpin);
assert_impl_all!(Pin<Box<Anchored>>: Unpin);
assert_impl_all!(Pin<Box<dyn Future<Output = u8> + Send>>: Unpin);
// A future behind `dyn` promises nothing unless it says `+ Unpin`.
assert_not_impl_any!(dyn Future<Output = u8>: Unpin);
assert_impl_all!(dyn Future<Output = u8> + Unpin: Unpin);
// ANCHOR_END: pointers

// ANCHOR: library
// Library types choose. Tokio's `Sleep` opts out (`#[project(!Unpin)]`:
// its timer entry is linked into the timer wheel by its address). Its
// `TcpStream`, an I/O resource rather than a future, is `Unpin`.
assert_not_impl_any!(tokio::time::Sleep: Unpin);
assert_impl_all!(tokio::net::TcpStream: Unpin);
// Part I's receiver holds an `Arc` and nothing else that cares.
assert_impl_all!(listings::oneshot::Receiver<u32>: Unpin);
// ANCHOR_END: library

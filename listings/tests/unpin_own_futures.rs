//! Chapter 14: the `Unpin` checks of `listings::own_futures::unpin_checks`
//! are compile-time assertions, so building this test checks them all.

#[test]
fn the_unpin_assertions_hold() {
    listings::own_futures::unpin_checks::the_futures_of_async_fns_are_not_unpin();
}

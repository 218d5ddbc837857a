//! Chapters 17 and 21: the relations between the sizes the book prints,
//! which hold on any toolchain. The numbers themselves are the compiler's
//! choice; `listings/output/` shows the ones Rust 1.95 makes.

use std::marker::PhantomPinned;
use std::mem::{size_of, size_of_val};
use std::net::SocketAddr;

use tokio::net::TcpStream;

use listings::state_machines::fetch::fetch;
use listings::state_machines::fetch_async::fetch_async;
use listings::state_machines::fetch_inline::fetch_inline;
use listings::state_machines::layout::measure;
use listings::state_machines::server::{serve, shout};

mod common;
use common::{on_current_thread, within_limit};

#[test]
fn phantom_pinned_takes_no_space() {
    // Chapter 17: the marker opts out of `Unpin` and costs nothing.
    assert_eq!(size_of::<PhantomPinned>(), 0);
}

#[test]
fn boxed_is_smallest_then_inline_then_the_async_fn() {
    let address = "127.0.0.1:9".parse::<SocketAddr>().unwrap().to_string();
    let mut buffer = Vec::new();
    let by_hand = size_of_val(&fetch(&address, b"x\n"));
    let inline = size_of_val(&fetch_inline(&address, b"x\n", &mut buffer));
    let as_async_fn = size_of_val(&fetch_async(&address, b"x\n"));
    // Made, never polled: creating a connect future runs none of it.
    let connect =
        size_of_val(&TcpStream::connect(address.parse::<SocketAddr>().unwrap()));
    assert!(
        by_hand < inline && inline < as_async_fn,
        "{by_hand} {inline} {as_async_fn}"
    );
    // Fetch holds its connect future behind a box; FetchInline holds it whole.
    assert!(by_hand < connect, "Fetch {by_hand}, connect future {connect}");
    assert!(inline >= connect, "FetchInline {inline}, connect future {connect}");
}

#[test]
fn the_async_fn_keeps_a_prefix_and_lays_its_awaits_over_each_other() {
    let address = serve(shout).to_string();
    let l = within_limit("measuring fetch_async", move || {
        on_current_thread(async move { measure(&address, b"sizes\n").await })
    });
    // What is alive at one await at the same time takes distinct bytes,
    // whatever the compiler does: at the connect, its future, `found` and
    // the request still to be written; at the read, its future with the
    // buffer, `found` and the stream.
    assert!(l.whole >= l.at_connect + l.found + l.request, "{}", l.whole);
    assert!(l.whole >= l.at_read + l.found + l.stream, "{}", l.whole);
    // And the awaits share bytes: the whole is smaller than every part of
    // it side by side.
    let side_by_side = l.prefix() + l.at_lookup + l.at_connect + l.at_write + l.at_read;
    assert!(l.whole < side_by_side, "{} against {side_by_side}", l.whole);
    // The connect future is the largest part of the ones laid over each other.
    assert_eq!(l.largest_await(), l.at_connect);
}

//! Chapter 21: the hand-written client and the async fn, side by side
//! against one local server, with the size of each future.

use std::mem::size_of_val;

use listings::state_machines::fetch::fetch;
use listings::state_machines::fetch_async::fetch_async;
use listings::state_machines::fetch_inline::fetch_inline;
use listings::state_machines::server::{serve, shout};

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let address = serve(shout).to_string();

    let by_hand = fetch(&address, b"by hand\n");
    let as_async_fn = fetch_async(&address, b"async fn\n");
    let mut buffer = Vec::with_capacity(64);
    let inline = fetch_inline(&address, b"inline\n", &mut buffer);
    println!("size of the hand-written Fetch: {} bytes", size_of_val(&by_hand));
    println!("size of the async fn's future:  {} bytes", size_of_val(&as_async_fn));
    println!("size of FetchInline:            {} bytes", size_of_val(&inline));

    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    print!("by hand:  {}", text(by_hand.await.unwrap()));
    print!("async fn: {}", text(as_async_fn.await.unwrap()));
    inline.await.unwrap();
    print!("inline:   {}", text(buffer));
}
// ANCHOR_END: main

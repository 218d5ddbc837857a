//! Chapter 20: a fetch dropped while it waits for the response; the server
//! sees the connection close.

use listings::state_machines::production::drop_while_reading;

// ANCHOR: main
fn main() {
    let after = drop_while_reading();
    println!(
        "the client was dropped while {:?}",
        after.client_stage.expect("unfinished")
    );
    match after.server_read {
        Ok(0) => {
            println!("the server read the end of the stream: the connection is closed")
        }
        Ok(n) => println!("the server read {n} more bytes"),
        Err(error) => println!("the server's read failed: {error}"),
    }
}
// ANCHOR_END: main

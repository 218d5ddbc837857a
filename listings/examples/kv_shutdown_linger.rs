//! A server closes a connection whose client has sent requests it will not
//! read: at once, or after lingering. Only the second delivers every reply.

use std::io;

use listings::ship::linger_demo::close_with_unread_requests;

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    for lingers in [false, true] {
        let got = close_with_unread_requests(lingers).await?;
        let how = if lingers { "lingers, then closes" } else { "closes at once" };
        println!("the server {how}:");
        println!("  every reply arrived: {}", got.bytes == got.sent);
        println!("  the last line read was BYE: {}", got.bye);
        match got.error {
            None => println!("  then the end of the stream"),
            Some(kind) => println!("  then an error: {kind:?}"),
        }
    }
    Ok(())
}
// ANCHOR_END: main

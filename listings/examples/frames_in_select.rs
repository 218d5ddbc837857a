use listings::in_depth::frames::{Buffered, TwoAwaits, session};

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("-- TwoAwaits: the frame is read in the select's future");
    for line in session(TwoAwaits).await {
        println!("{line}");
    }
    println!("-- Buffered: the bytes read are kept outside it");
    for line in session(Buffered::new).await {
        println!("{line}");
    }
}
// ANCHOR_END: main

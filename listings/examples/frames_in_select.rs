use listings::in_depth::frames::{
    Buffered, TwoAwaits, session, session_keeping_the_future,
};

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
    println!("-- read_frame again, its future kept across turns");
    for line in session_keeping_the_future().await {
        println!("{line}");
    }
}
// ANCHOR_END: main

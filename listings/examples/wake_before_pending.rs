use listings::own_futures::ready_after::ReadyAfter;

// ANCHOR: main
#[tokio::main]
async fn main() {
    println!("ReadyAfter::waking(3) under #[tokio::main]:");
    let polls = ReadyAfter::waking(3).await;
    println!("ready after {polls} polls");
}
// ANCHOR_END: main

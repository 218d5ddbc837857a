async fn send_welcome(name: &str) {
    println!("sending a welcome email to {name}");
}

// ANCHOR: main
fn main() {
    let email = send_welcome("ada");
    println!("called send_welcome and got a future back");
    futures::executor::block_on(email);
    println!("block_on returned: the future ran to the end");
}
// ANCHOR_END: main

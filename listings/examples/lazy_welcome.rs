async fn send_welcome(name: &str) {
    println!("sending a welcome email to {name}");
}

fn main() {
    let email = send_welcome("ada");
    println!("called send_welcome and got a future back");
    drop(email);
    println!("dropped the future; no email was sent");
}

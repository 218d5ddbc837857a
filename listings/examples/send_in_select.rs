use std::future::ready;

use tokio::sync::mpsc;

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (readings, mut inbox) = mpsc::channel::<String>(1);
    readings.send("reading 1".to_string()).await.unwrap(); // the channel is full

    println!("-- send in select!, the channel full");
    tokio::select! {
        biased;
        sent = readings.send("reading 2".to_string()) => println!("sent: {}", sent.is_ok()),
        () = ready(()) => println!("select: the other branch won"),
    }

    println!("-- reserve in select!, the channel full");
    let reading = "reading 3".to_string();
    tokio::select! {
        biased;
        permit = readings.reserve() => permit.unwrap().send(reading),
        () = ready(()) => {
            println!("select: the other branch won, {reading:?} still here");
            let first = inbox.recv().await.unwrap();
            println!("received: {first:?}, which makes room");
            readings.send(reading).await.unwrap();
        }
    }

    drop(readings);
    while let Some(reading) = inbox.recv().await {
        println!("received: {reading:?}");
    }
}
// ANCHOR_END: main

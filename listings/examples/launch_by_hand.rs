use std::mem;

use listings::block_on::block_on;
use listings::in_depth::alarm::Alarm;
use listings::in_depth::launch::{Launch, launch};

// ANCHOR: main
fn main() {
    let mut async_log = Vec::new();
    let by_compiler = launch(&mut async_log);
    let compiler_size = mem::size_of_val(&by_compiler);
    let async_result = block_on(by_compiler);

    let mut hand_log = Vec::new();
    let by_hand = Launch::new(&mut hand_log);
    let hand_size = mem::size_of_val(&by_hand);
    let hand_result = block_on(by_hand);

    println!("async fn: {async_log:?} -> {async_result:?}, {compiler_size} bytes");
    println!("by hand:  {hand_log:?} -> {hand_result:?}, {hand_size} bytes");
    let same = async_log == hand_log && async_result == hand_result;
    println!("same steps, same result: {same}");
    println!(
        "for scale: an Alarm is {} bytes, a &mut is {}",
        mem::size_of::<Alarm>(),
        mem::size_of::<&mut Vec<&str>>()
    );
}
// ANCHOR_END: main

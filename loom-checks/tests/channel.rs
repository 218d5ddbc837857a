//! Runs chapter 35's loom models of the bounded channel
//! (`loom-checks/src/channel.rs`, compiled here as a module, so that the
//! library's file, which chapter 30 shows whole, is unchanged).
//! `bash ci/loom.sh` runs them.

#[path = "../src/channel.rs"]
mod channel;

#[test]
fn a_sender_and_the_receiver_on_a_full_channel_wake_each_other() {
    channel::a_sender_and_the_receiver_on_a_full_channel_wake_each_other();
}

#[test]
fn a_receiver_racing_the_last_senders_drop_sees_none() {
    channel::a_receiver_racing_the_last_senders_drop_sees_none();
}

#[test]
fn a_waiting_sender_dropped_racing_a_recv_passes_the_slot_on() {
    channel::a_waiting_sender_dropped_racing_a_recv_passes_the_slot_on();
}

#[test]
fn a_close_racing_a_waiting_sender_wakes_it() {
    channel::a_close_racing_a_waiting_sender_wakes_it();
}

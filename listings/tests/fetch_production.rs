//! Chapter 20: dropping a fetch midway closes its connection, and a budget
//! of reads per poll keeps a large response from starving other tasks.
//! Every verdict follows from an order of events (the server has the
//! request, the server has written and closed), never from a delay.

use listings::state_machines::fetch::Stage;
use listings::state_machines::fetch_inline::READ_BUDGET;
use listings::state_machines::production::{
    TokioBudget, a_response_already_waiting, drop_while_reading, flood_beside_a_ticker,
};

mod common;
use common::within_limit;

#[test]
fn dropping_a_fetch_midway_closes_the_connection() {
    let after = within_limit("a fetch dropped midway", drop_while_reading);
    assert_eq!(after.client_stage, Some(Stage::Reading));
    // Ok(0) is the end of the stream: the client closed the connection.
    assert_eq!(after.server_read.map_err(|error| error.kind()), Ok(0));
}

#[test]
fn a_read_budget_bounds_each_poll_and_lets_another_task_run() {
    let with = within_limit("a flood with a budget", || {
        flood_beside_a_ticker(Some(READ_BUDGET), TokioBudget::Off)
    });
    let budget_bytes = READ_BUDGET * 1024; // 1 KiB per read
    assert!(with.most_in_one_poll <= budget_bytes, "a poll read past its budget");
    // 4 MiB in polls of at most 16 KiB is at least 256 polls, and Tokio's
    // current-thread `block_on` runs the ready ticker between two polls of
    // the fetch (whatever ended the poll): an order, not a timing.
    assert!(
        with.ticker_turns_while_reading >= 100,
        "the ticker ran only {} times while the response arrived",
        with.ticker_turns_while_reading
    );
}

#[test]
fn without_a_budget_one_poll_reads_all_that_is_waiting() {
    // The server has written all 32 KiB and closed before the fetch reads:
    // the data is there, so nothing but the budget can end a poll early.
    let (without, with) = within_limit("two fetches of a waiting response", || {
        (
            a_response_already_waiting(None),
            a_response_already_waiting(Some(READ_BUDGET)),
        )
    });
    assert_eq!(without, 32 << 10, "without a budget one poll reads everything");
    assert_eq!(with, READ_BUDGET * 1024, "with it a poll stops after 16 reads");
}

#[test]
fn tokio_budget_alone_also_bounds_each_poll() {
    // Chapter 20's remark: Tokio's TcpStream reads spend Tokio's own budget
    // of 128 operations per task turn, so even without ours a poll ends.
    let report = within_limit("a flood under Tokio's budget", || {
        flood_beside_a_ticker(None, TokioBudget::On)
    });
    assert!(
        report.most_in_one_poll <= 128 * 1024,
        "a poll read {} bytes under Tokio's budget",
        report.most_in_one_poll
    );
    // 4 MiB in polls of at most 128 KiB is at least 32 polls.
    assert!(
        report.ticker_turns_while_reading >= 10,
        "the ticker ran only {} times",
        report.ticker_turns_while_reading
    );
}

#[test]
fn a_reused_buffer_does_not_hide_a_server_that_hangs_up() {
    use listings::state_machines::fetch_inline::fetch_inline;
    use listings::state_machines::server::{hang_up, serve, shout};
    let silent = serve(hang_up).to_string();
    let shouting = serve(shout).to_string();
    within_limit("two fetches into one buffer", move || {
        common::on_current_thread(async move {
            let mut buffer = b"left over from before".to_vec();
            let error = fetch_inline(&silent, b"hello?\n", &mut buffer).await;
            assert_eq!(error.map_err(|error| error.stage), Err(Stage::Reading));
            buffer.extend_from_slice(b"more old bytes");
            let received = fetch_inline(&shouting, b"again\n", &mut buffer).await;
            assert_eq!(received.unwrap(), 6, "only this response counts");
            assert_eq!(buffer, b"AGAIN\n");
        })
    });
}

#[test]
fn a_read_budget_of_zero_still_reads() {
    use listings::state_machines::fetch_inline::fetch_inline;
    use listings::state_machines::server::{serve, shout};
    let address = serve(shout).to_string();
    let received = within_limit("a fetch with a budget of 0", move || {
        common::on_current_thread(async move {
            let mut buffer = Vec::new();
            fetch_inline(&address, b"zero\n", &mut buffer)
                .with_read_budget(Some(0))
                .await
        })
    });
    assert_eq!(received.unwrap(), 5);
}

/// Takes `items` that are always ready, like a parser over a buffer that is
/// already full, and reports the most it took in one poll. With
/// `ask_tokio`, it asks Tokio's budget before each item.
struct AlwaysReady {
    items: u32,
    ask_tokio: bool,
    most_in_one_poll: u32,
}

impl std::future::Future for AlwaysReady {
    type Output = u32;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<u32> {
        use std::task::Poll;
        let mut this_poll = 0;
        while self.items > 0 {
            if self.ask_tokio {
                match tokio::task::coop::poll_proceed(cx) {
                    Poll::Ready(coop) => coop.made_progress(),
                    Poll::Pending => return Poll::Pending, // Tokio woke us, later
                }
            }
            self.items -= 1;
            this_poll += 1;
            self.most_in_one_poll = self.most_in_one_poll.max(this_poll);
        }
        Poll::Ready(self.most_in_one_poll)
    }
}

fn always_ready(ask_tokio: bool) -> AlwaysReady {
    AlwaysReady { items: 1000, ask_tokio, most_in_one_poll: 0 }
}

#[test]
fn tokio_budget_binds_only_a_future_that_asks_for_it() {
    // A source Tokio knows nothing about spends none of its budget...
    assert_eq!(common::on_current_thread(always_ready(false)), 1000);
    // ...unless the future asks: then Tokio ends each poll after 128 items.
    assert_eq!(common::on_current_thread(always_ready(true)), 128);
    // And outside Tokio there is no budget to ask: one poll takes them all.
    assert_eq!(futures::executor::block_on(always_ready(true)), 1000);
}

//! Chapter 20: dropping a fetch midway closes its connection, and a budget
//! of reads per poll keeps a large response from starving other tasks.

use listings::state_machines::fetch::Stage;
use listings::state_machines::fetch_inline::READ_BUDGET;
use listings::state_machines::production::{
    TokioBudget, drop_while_reading, flood_beside_a_ticker,
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
    let (with, without) = within_limit("two floods", || {
        (
            flood_beside_a_ticker(Some(READ_BUDGET), TokioBudget::Off),
            flood_beside_a_ticker(None, TokioBudget::Off),
        )
    });
    let budget_bytes = READ_BUDGET * 1024; // 1 KiB per read
    assert!(with.most_in_one_poll <= budget_bytes, "a poll read past its budget");
    // 4 MiB in polls of at most 16 KiB is at least 256 polls, with a turn
    // for the ticker after each one that spent its budget.
    assert!(
        with.ticker_turns_while_reading >= 100,
        "the ticker ran only {} times while the response arrived",
        with.ticker_turns_while_reading
    );
    assert!(
        // Only past the budget: how far past depends on how far ahead the
        // server's writes are, which a loaded machine changes.
        without.most_in_one_poll > budget_bytes,
        "without a budget one poll read only {} bytes",
        without.most_in_one_poll
    );
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

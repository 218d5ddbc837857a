//! Chapter 38's exercise: the store as a task that owns the map, behind a
//! bounded channel, with a oneshot channel per reply.

mod common;

use futures::FutureExt;
use listings::ship::config::Config;
use listings::ship::protocol::{Command, Reply};
use listings::ship::scripted::Scripted;
use listings::ship::server::Server;
use listings::ship::store::{Handler, Store};
use listings::ship::store_task::StoreTask;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

fn set(key: &str, value: &str) -> Command {
    Command::Set(key.into(), value.into())
}

#[test]
fn the_task_answers_each_command_as_the_locked_store_does() {
    let commands = [
        Command::Ping,
        Command::Get("k".into()),
        set("k", "one"),
        Command::Get("k".into()),
        set("k", "two words"),
        Command::Get("k".into()),
        Command::Del("k".into()),
        Command::Del("k".into()),
        Command::Get("k".into()),
        Command::Quit,
    ];
    common::on_current_thread(async move {
        let (task, _map) = StoreTask::spawn(4);
        let store = Store::default();
        for command in commands {
            let expected = store.apply(command.clone());
            let reply = timeout(common::LIMIT, task.call(command.clone())).await;
            assert_eq!(reply.expect("a reply in time"), expected, "{command:?}");
        }
    });
}

#[test]
fn many_callers_through_a_queue_of_one_are_all_answered() {
    common::within_limit("a hundred callers", || {
        common::on_multi_thread(async {
            let (task, map) = StoreTask::spawn(1);
            let mut callers = tokio::task::JoinSet::new();
            for i in 0..100 {
                let task = task.clone();
                callers.spawn(async move {
                    let (key, value) = (format!("key{i}"), format!("value {i}"));
                    assert_eq!(task.call(set(&key, &value)).await, Reply::Stored);
                    assert_eq!(task.call(Command::Get(key)).await, Reply::Value(value));
                });
            }
            while let Some(done) = callers.join_next().await {
                done.expect("every caller gets its replies");
            }
            drop(task);
            let map = map.await.expect("the task ends cleanly");
            assert_eq!(map.len(), 100);
            assert_eq!(map["key7"], "value 7");
        })
    });
}

#[test]
fn the_task_ends_when_the_last_handle_is_dropped_and_gives_back_the_map() {
    common::on_current_thread(async {
        let (task, map) = StoreTask::spawn(4);
        let other = task.clone();
        assert_eq!(task.call(set("kept", "yes")).await, Reply::Stored);
        drop(task);
        // A clone keeps the task running.
        assert_eq!(
            other.call(Command::Get("kept".into())).await,
            Reply::Value("yes".into())
        );
        drop(other);
        let map = timeout(common::LIMIT, map).await.expect("the task ends");
        let map = map.expect("the task does not panic");
        assert_eq!(
            map.into_iter().collect::<Vec<_>>(),
            [("kept".into(), "yes".into())]
        );
    });
}

#[test]
fn a_caller_that_stops_waiting_does_not_stop_the_task() {
    common::on_current_thread(async {
        let (task, map) = StoreTask::spawn(4);
        // Polled once, the call has queued its request and waits for the
        // reply; dropped then, as a request timeout would drop it.
        assert!(task.call(set("abandoned", "still done")).now_or_never().is_none());
        assert_eq!(task.call(Command::Ping).await, Reply::Pong);
        assert_eq!(
            task.call(Command::Get("abandoned".into())).await,
            Reply::Value("still done".into())
        );
        drop(task);
        let map = timeout(common::LIMIT, map).await.expect("the task ends");
        assert!(map.expect("the task does not panic").contains_key("abandoned"));
    });
}

#[test]
fn the_server_serves_its_clients_from_the_task() {
    common::on_multi_thread(async {
        let (task, map) = StoreTask::spawn(8);
        let server = Server::bind("127.0.0.1:0", Config::default()).await.unwrap();
        let addr = server.local_addr().unwrap();
        let shutdown = CancellationToken::new();
        let running = tokio::spawn(server.run(task, shutdown.clone()));
        let session = async {
            let mut replies = Vec::new();
            for line in ["SET a 1", "GET a", "DEL a", "SET b 2"] {
                // A new client for each line: they all share the one task.
                replies.push(Scripted::connect(addr).await?.ask(line).await?);
            }
            std::io::Result::Ok(replies)
        };
        let replies = timeout(common::LIMIT, session).await.expect("in time").unwrap();
        assert_eq!(replies, ["OK", "VALUE 1", "DELETED", "OK"]);
        shutdown.cancel();
        let summary = timeout(common::LIMIT, running).await.expect("it stops").unwrap();
        assert_eq!(summary.accepted, 4);
        // The server dropped its handles: the task gives back the map.
        let map = timeout(common::LIMIT, map).await.expect("the task ends");
        let map = map.unwrap();
        assert_eq!(map.into_iter().collect::<Vec<_>>(), [("b".into(), "2".into())]);
    });
}

//! Chapter 39: a real SIGINT shuts the server down. The signal goes to this
//! test binary's own process, so this file holds this one test and no other:
//! no other test can be running when it arrives. The handler is installed
//! (the `ctrl_c` future polled once) before the signal is sent.

mod running;

use std::collections::BTreeMap;
use std::process::Command;

use futures::FutureExt;
use listings::ship::clients::Client;
use listings::ship::connection::Ending;
use listings::ship::ctrl_c::cancel_on_ctrl_c;
use listings::ship::server::Server;
use listings::ship::store::Store;
use running::{LIMIT, patient};
use tokio_util::sync::CancellationToken;

/// Sends SIGINT to this process, as Ctrl-C in a terminal would.
fn send_sigint_to_myself() {
    let pid = std::process::id().to_string();
    let status = Command::new("kill").args(["-s", "INT", &pid]).status().unwrap();
    assert!(status.success(), "kill -s INT {pid}: {status}");
}

#[test]
fn a_real_sigint_shuts_the_server_down_and_the_process_lives_on() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let summary = runtime.block_on(async {
        let server = Server::bind("127.0.0.1:0", patient()).await.unwrap();
        let addr = server.local_addr().unwrap();
        let shutdown = CancellationToken::new();
        let mut on_ctrl_c = Box::pin(cancel_on_ctrl_c(shutdown.clone()));
        // The first poll installs the handler: from here on, SIGINT no
        // longer kills the process.
        assert!((&mut on_ctrl_c).now_or_never().is_none());
        let watcher = tokio::spawn(on_ctrl_c);
        let running = tokio::spawn(server.run(Store::default(), shutdown));

        let client = tokio::task::spawn_blocking(move || {
            let mut client = Client::connect(addr).unwrap();
            assert_eq!(client.request("SET k v").unwrap().as_deref(), Some("OK"));
            send_sigint_to_myself();
            // The signal cancels the token; the connection says goodbye.
            assert_eq!(client.reply().unwrap().as_deref(), Some("BYE"));
            assert_eq!(client.reply().unwrap(), None);
        });
        let shut_down = tokio::time::timeout(LIMIT, async {
            client.await.unwrap();
            watcher.await.unwrap().unwrap();
            running.await.unwrap()
        });
        shut_down.await.expect("the shutdown finishes within LIMIT")
    });
    assert_eq!(summary.endings, BTreeMap::from([(Ending::Shutdown, 1)]));
    assert_eq!(summary.dropped, 0);
    // And this process is still alive to check it: the signal was caught.
}

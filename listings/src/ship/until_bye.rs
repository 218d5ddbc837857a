//! Chapter 39's load across a shutdown: clients that send `SET`s until
//! they are told `BYE`, and say which were acknowledged.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use listings::ship::clients::{STEP_LIMIT, many};

/// What one client saw.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The `SET`s answered `OK`, as (key, value).
    pub acknowledged: Vec<(String, String)>,
    /// The key of the `SET` answered `BYE`.
    pub refused: Option<String>,
}

// ANCHOR: set_until_bye
/// `clients` clients at once, each sending `SET`s on keys of its own, one
/// at a time, until one is answered `BYE`; then each reads the end of the
/// stream. A client counts itself in `warmed_up` after its third `OK`. Any
/// other reply, or no `BYE` within the step limit, fails, naming the client.
pub fn set_until_bye(
    addr: SocketAddr,
    clients: usize,
    warmed_up: &AtomicUsize,
) -> io::Result<Vec<Outcome>> {
    many(addr, clients, |id, client| {
        let (mut outcome, start) = (Outcome::default(), Instant::now());
        for n in 0.. {
            if start.elapsed() > STEP_LIMIT {
                return Err(io::Error::other(format!("client {id}: no BYE")));
            }
            let (key, value) = (format!("c{id}-{n}"), format!("v{n}"));
            match client.request(&format!("SET {key} {value}"))?.as_deref() {
                Some("OK") => outcome.acknowledged.push((key, value)),
                Some("BYE") => {
                    outcome.refused = Some(key);
                    break;
                }
                other => {
                    let problem = format!("client {id}: SET {key} answered {other:?}");
                    return Err(io::Error::other(problem));
                }
            }
            if n == 2 {
                warmed_up.fetch_add(1, Ordering::SeqCst);
            }
        }
        match client.reply()? {
            None => Ok(outcome),
            Some(line) => {
                Err(io::Error::other(format!("client {id}: {line} after BYE")))
            }
        }
    })
}
// ANCHOR_END: set_until_bye

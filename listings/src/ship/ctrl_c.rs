//! Ctrl-C as a shutdown: the signal cancels the server's token.

use std::io;

use tokio_util::sync::CancellationToken;
use tracing::info;

// ANCHOR: cancel_on_ctrl_c
/// Waits for Ctrl-C (SIGINT on Unix), then cancels `shutdown`. The signal
/// handler is installed when this future is first polled, not when it is
/// created: until then, a Ctrl-C still kills the process.
pub async fn cancel_on_ctrl_c(shutdown: CancellationToken) -> io::Result<()> {
    tokio::signal::ctrl_c().await?;
    info!("Ctrl-C: shutting down");
    shutdown.cancel();
    Ok(())
}
// ANCHOR_END: cancel_on_ctrl_c

//! Chapter 21: the client of chapter 19 as an `async fn` on Tokio.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, lookup_host};

use listings::state_machines::fetch::{FetchError, Stage, closed_early};

// ANCHOR: fetch_async
/// Sends `request` to `address` and reads the whole response.
pub async fn fetch_async(address: &str, request: &[u8]) -> Result<Vec<u8>, FetchError> {
    let mut found =
        lookup_host(address).await.map_err(FetchError::at(Stage::Resolving))?;
    let address = found.next().ok_or_else(|| FetchError {
        stage: Stage::Resolving,
        source: std::io::Error::other("the name has no address"),
    })?;
    let mut stream =
        TcpStream::connect(address).await.map_err(FetchError::at(Stage::Connecting))?;
    stream.write_all(request).await.map_err(FetchError::at(Stage::Writing))?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.map_err(FetchError::at(Stage::Reading))?;
    if response.is_empty() {
        return Err(FetchError { stage: Stage::Reading, source: closed_early() });
    }
    Ok(response)
}
// ANCHOR_END: fetch_async

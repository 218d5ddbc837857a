//! Length-prefixed frames read inside `tokio::select!`: a reader that loses
//! data when the select drops it, and one that does not.

use std::future::Future;
use std::io::{self, ErrorKind};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;

/// Something that yields one frame at a time; `None` when the wire closes.
/// `Send`, so that a listener can run as a task on any of Tokio's threads.
pub trait Frames {
    fn next_frame(
        &mut self,
    ) -> impl Future<Output = io::Result<Option<Vec<u8>>>> + Send;
}

// ANCHOR: lossy
/// Reads a frame in two awaits: the length byte, then the payload.
pub async fn read_frame<R: AsyncRead + Unpin>(
    wire: &mut R,
) -> io::Result<Option<Vec<u8>>> {
    let length = match wire.read_u8().await {
        Ok(length) => length,
        Err(error) if error.kind() == ErrorKind::UnexpectedEof => return Ok(None),
        Err(error) => return Err(error),
    };
    // Dropped here, this future takes the length byte with it.
    let mut payload = vec![0; usize::from(length)];
    wire.read_exact(&mut payload).await?;
    Ok(Some(payload))
}

/// A wire read with `read_frame`, the frame kept in the future's locals.
pub struct TwoAwaits<R>(pub R);

impl<R: AsyncRead + Unpin + Send> Frames for TwoAwaits<R> {
    async fn next_frame(&mut self) -> io::Result<Option<Vec<u8>>> {
        read_frame(&mut self.0).await
    }
}
// ANCHOR_END: lossy

// ANCHOR: safe
/// A wire read into a buffer that outlives every `next_frame` future.
pub struct Buffered<R> {
    wire: R,
    /// Bytes read but not yet returned as a frame: kept across cancellation.
    pending: Vec<u8>,
}

impl<R> Buffered<R> {
    pub fn new(wire: R) -> Buffered<R> {
        Buffered { wire, pending: Vec::new() }
    }
}

impl<R: AsyncRead + Unpin + Send> Frames for Buffered<R> {
    async fn next_frame(&mut self) -> io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(&length) = self.pending.first() {
                let end = 1 + usize::from(length);
                if self.pending.len() >= end {
                    let frame = self.pending[1..end].to_vec();
                    self.pending.drain(..end);
                    return Ok(Some(frame));
                }
            }
            // The only await. `read` is cancel-safe: if this future is
            // dropped while it waits, no bytes were taken from the wire.
            let mut chunk = [0; 64];
            let read = self.wire.read(&mut chunk).await?;
            if read == 0 {
                if self.pending.is_empty() {
                    return Ok(None); // closed between frames
                }
                return Err(ErrorKind::UnexpectedEof.into()); // closed mid-frame
            }
            self.pending.extend_from_slice(&chunk[..read]);
        }
    }
}
// ANCHOR_END: safe

// ANCHOR: listen
/// Reads frames and heartbeats, whichever comes first, until the wire
/// closes; acknowledges each heartbeat. Returns what it saw.
pub async fn listen(
    mut frames: impl Frames,
    mut beats: mpsc::Receiver<u32>,
    acks: mpsc::Sender<()>,
) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        tokio::select! {
            biased; // poll the frame branch first, every time
            frame = frames.next_frame() => match frame {
                Ok(Some(frame)) => {
                    seen.push(format!("frame {:?}", String::from_utf8_lossy(&frame)));
                }
                Ok(None) => {
                    seen.push("wire closed".to_string());
                    break;
                }
                Err(error) => {
                    seen.push(format!("read failed: {error}"));
                    break;
                }
            },
            Some(beat) = beats.recv() => {
                // The frame future of this turn is already dropped.
                seen.push(format!("heartbeat {beat}"));
                let _ = acks.send(()).await;
            }
        }
    }
    seen
}
// ANCHOR_END: listen

// ANCHOR: wire
/// The other end: sends "ping" split in two, with a heartbeat between the
/// halves, then "pong" whole, then closes the wire.
pub async fn sensor(
    mut wire: DuplexStream,
    beats: mpsc::Sender<u32>,
    mut acks: mpsc::Receiver<()>,
) {
    wire.write_all(&[4]).await.unwrap(); // the length of "ping" ...
    beats.send(1).await.unwrap();
    acks.recv().await; // ... and its payload only after the heartbeat is handled
    wire.write_all(b"ping").await.unwrap();
    wire.write_all(b"\x04pong").await.unwrap();
}

/// Runs a sensor and a listener over an in-process pipe; returns what the
/// listener saw. `reader` picks how the listener reads frames.
pub async fn session<F: Frames>(reader: fn(DuplexStream) -> F) -> Vec<String> {
    let (sensor_end, listener_end) = tokio::io::duplex(64);
    let (beat_sender, beats) = mpsc::channel(1);
    let (ack_sender, acks) = mpsc::channel(1);
    let (seen, ()) = tokio::join!(
        listen(reader(listener_end), beats, ack_sender),
        sensor(sensor_end, beat_sender, acks),
    );
    seen
}
// ANCHOR_END: wire

// ANCHOR: keep_future
/// `read_frame` on a wire it owns and gives back, so that the future of one
/// frame can outlive a turn of the loop without borrowing from it.
async fn read_frame_owned<R: AsyncRead + Unpin>(
    mut wire: R,
) -> (R, io::Result<Option<Vec<u8>>>) {
    let frame = read_frame(&mut wire).await;
    (wire, frame)
}

/// `listen` with one frame future per frame instead of one per turn: a
/// heartbeat that wins leaves the half-read frame where it was.
pub async fn listen_keeping_the_future(
    wire: DuplexStream,
    mut beats: mpsc::Receiver<u32>,
    acks: mpsc::Sender<()>,
) -> Vec<String> {
    let mut seen = Vec::new();
    let mut frame_read = std::pin::pin!(read_frame_owned(wire));
    loop {
        tokio::select! {
            biased;
            // `&mut` polls the pinned future without moving it into select!,
            // so losing this turn does not drop it.
            (wire, frame) = &mut frame_read => match frame {
                Ok(Some(frame)) => {
                    seen.push(format!("frame {:?}", String::from_utf8_lossy(&frame)));
                    frame_read.set(read_frame_owned(wire)); // the next frame
                }
                Ok(None) => {
                    seen.push("wire closed".to_string());
                    break;
                }
                Err(error) => {
                    seen.push(format!("read failed: {error}"));
                    break;
                }
            },
            Some(beat) = beats.recv() => {
                seen.push(format!("heartbeat {beat}"));
                let _ = acks.send(()).await;
            }
        }
    }
    seen
}
// ANCHOR_END: keep_future

/// `session` with `listen_keeping_the_future` as the listener.
pub async fn session_keeping_the_future() -> Vec<String> {
    let (sensor_end, listener_end) = tokio::io::duplex(64);
    let (beat_sender, beats) = mpsc::channel(1);
    let (ack_sender, acks) = mpsc::channel(1);
    let (seen, ()) = tokio::join!(
        listen_keeping_the_future(listener_end, beats, ack_sender),
        sensor(sensor_end, beat_sender, acks),
    );
    seen
}

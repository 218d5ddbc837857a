//! A simulated sensor line, socket-like: a request goes out on the first
//! poll, and the answer comes back later on another thread, which then calls
//! the wake function the future left behind.

use std::sync::{Arc, Mutex, mpsc};
use std::task::Poll;
use std::thread;

use listings::reinventing::wakeful::Wakeful;

// ANCHOR: read
/// What the future and the sensor's thread share.
struct Line {
    answer: Option<f32>,
    wake: Option<fn()>,
}

/// Reads one value from a sensor. `answer_after` stands for the time the
/// sensor takes: the sensor's thread runs it, then answers with `reading`.
pub struct ReadSensor<W> {
    line: Arc<Mutex<Line>>,
    reading: f32,
    /// Taken when the request goes out, on the first poll.
    answer_after: Option<W>,
}

impl<W: FnOnce() + Send + 'static> Wakeful for ReadSensor<W> {
    type Output = f32;

    fn poll(&mut self, wake: fn()) -> Poll<f32> {
        let mut line = self.line.lock().unwrap();
        if let Some(answer) = line.answer.take() {
            return Poll::Ready(answer);
        }
        line.wake = Some(wake); // the sensor calls this when it answers
        if let Some(answer_after) = self.answer_after.take() {
            send_request(Arc::clone(&self.line), self.reading, answer_after);
        }
        Poll::Pending
    }
}
// ANCHOR_END: read

impl<W: FnOnce() + Send + 'static> ReadSensor<W> {
    pub fn new(reading: f32, answer_after: W) -> ReadSensor<W> {
        let line = Line { answer: None, wake: None };
        ReadSensor {
            line: Arc::new(Mutex::new(line)),
            reading,
            answer_after: Some(answer_after),
        }
    }
}

// ANCHOR: sensor
/// The sensor's side: a thread that waits, stores the answer, and calls the
/// wake function it finds.
fn send_request(
    line: Arc<Mutex<Line>>,
    reading: f32,
    answer_after: impl FnOnce() + Send + 'static,
) {
    thread::spawn(move || {
        answer_after();
        let wake = {
            let mut line = line.lock().unwrap();
            line.answer = Some(reading);
            line.wake.take()
        };
        if let Some(wake) = wake {
            wake();
        }
    });
}
// ANCHOR_END: sensor

// ANCHOR: gate
/// A sensor delay for tests and demonstrations: the sensor answers once
/// something is sent on the other end of `gate` (or it is dropped).
pub fn when_opened(gate: mpsc::Receiver<()>) -> impl FnOnce() + Send + 'static {
    move || {
        let _ = gate.recv();
    }
}
// ANCHOR_END: gate

//! The join of chapter 8, ported to `std::future::Future`.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::{Context, Poll, ready};
use std::thread;

use listings::block_on::block_on;
use listings::oneshot;

// ANCHOR: join
/// Runs two futures at once; ready with both outputs when both are done.
/// Both must be `Unpin` for now: see "Why `Pin<&mut Self>`".
pub struct JoinBoth<A: Future, B: Future> {
    a: Option<A>,
    b: Option<B>,
    a_output: Option<A::Output>,
    b_output: Option<B::Output>,
}

pub fn join_both<A, B>(a: A, b: B) -> JoinBoth<A, B>
where
    A: Future + Unpin,
    B: Future + Unpin,
{
    JoinBoth { a: Some(a), b: Some(b), a_output: None, b_output: None }
}

impl<A, B> Future for JoinBoth<A, B>
where
    A: Future + Unpin,
    B: Future + Unpin,
{
    type Output = (A::Output, B::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // `JoinBoth` is `Unpin` (below), so the pin gives up a plain `&mut`.
        let this = self.get_mut();
        // `None` once finished: a finished half is never polled again.
        if let Some(Poll::Ready(output)) = this.a.as_mut().map(|a| Pin::new(a).poll(cx))
        {
            this.a_output = Some(output);
            this.a = None;
        }
        if let Some(Poll::Ready(output)) = this.b.as_mut().map(|b| Pin::new(b).poll(cx))
        {
            this.b_output = Some(output);
            this.b = None;
        }
        if this.a.is_none() && this.b.is_none() {
            let a = this.a_output.take().expect("polled after it returned Ready");
            let b = this.b_output.take().expect("polled after it returned Ready");
            Poll::Ready((a, b))
        } else {
            Poll::Pending
        }
    }
}

/// The outputs are never pinned, and `a` and `b` are `Unpin` themselves, so
/// moving a `JoinBoth` is harmless whatever the outputs are.
impl<A: Future + Unpin, B: Future + Unpin> Unpin for JoinBoth<A, B> {}
// ANCHOR_END: join

// ANCHOR: program
/// Which join `read_greenhouse` uses.
#[derive(Clone, Copy)]
pub enum Joiner {
    Ours,
    FuturesFn,
    FuturesMacro,
}

/// Passes on what `inner` gives, and reports its name on `arrived` when it
/// does. `Unpin` when `inner` is, so our join accepts it.
pub struct Arrival<F> {
    name: &'static str,
    arrived: mpsc::Sender<&'static str>,
    inner: F,
}

impl<F: Future + Unpin> Future for Arrival<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let output = ready!(Pin::new(&mut self.inner).poll(cx));
        let _ = self.arrived.send(self.name);
        Poll::Ready(output)
    }
}

/// Asks two sensor threads for a reading over oneshot channels, awaits both
/// with the chosen join under `listings::block_on`, and returns the lines
/// to print. The hygrometer answers at once; the thermometer answers only
/// once the humidity has arrived, so the join must wait on both at once.
pub fn read_greenhouse(joiner: Joiner) -> Vec<String> {
    let (thermometer, temperature) = oneshot::channel();
    let (hygrometer, humidity) = oneshot::channel();
    let (arrived, arrivals) = mpsc::channel();
    let sensors = thread::spawn(move || {
        hygrometer.send(64.0_f32);
        let first = arrivals.recv().unwrap(); // waits for the humidity
        thermometer.send(21.5_f32);
        [first, arrivals.recv().unwrap()]
    });
    let temperature =
        Arrival { name: "temperature", arrived: arrived.clone(), inner: temperature };
    let humidity = Arrival { name: "humidity", arrived, inner: humidity };
    let (temperature, humidity) = block_on(async move {
        match joiner {
            Joiner::Ours => join_both(temperature, humidity).await,
            Joiner::FuturesFn => futures::future::join(temperature, humidity).await,
            Joiner::FuturesMacro => futures::join!(temperature, humidity),
        }
    });
    let [first, second] = sensors.join().unwrap();
    vec![
        format!("arrived: {first}, then {second}"),
        format!("temperature: {} °C", temperature.unwrap()),
        format!("humidity: {} %", humidity.unwrap()),
    ]
}
// ANCHOR_END: program

impl<F> Arrival<F> {
    /// Wraps `inner`, reporting `name` on `arrived` when it is ready.
    pub fn new(
        name: &'static str,
        arrived: mpsc::Sender<&'static str>,
        inner: F,
    ) -> Self {
        Arrival { name, arrived, inner }
    }
}

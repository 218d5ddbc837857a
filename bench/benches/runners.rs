//! Every runner of the book beside Tokio's, one criterion group per shape:
//! `cargo bench -p bench` (or `bash ci/bench.sh`, which also collects the
//! results and redraws the plots). `cargo test --benches -p bench` runs
//! each body once.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use bench::echo::{self, Clients, Server};
use bench::experiment::LazyDriverRunner;
use bench::runners::{
    EngineJobsRunner, EngineRunner, MiniRunner, RunQueueRunner, Runner, StealRunner,
    TokioCurrent, TokioMulti,
};
use bench::shapes::{self, CHAIN, PING_PONG_ROUNDS, SPAWN_MANY, YIELD_TASKS, YIELDS};

/// Times `body` on runner `R` in `group`, with a fresh runner made outside
/// the timed part for each iteration, and checks what it returns.
fn on<R: Runner>(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    body: fn(R) -> usize,
    expect: usize,
) {
    let mut make = R::maker();
    group.bench_function(R::NAME, |b| {
        b.iter_batched(
            &mut make,
            |runner| assert_eq!(black_box(body(runner)), expect),
            BatchSize::PerIteration,
        )
    });
}

/// Every runner that can run the body.
macro_rules! each_runner {
    ($group:expr, $body:path, $expect:expr, all) => {{
        on::<RunQueueRunner>($group, $body, $expect);
        on::<MiniRunner>($group, $body, $expect);
        each_runner!($group, $body, $expect, rest);
    }};
    ($group:expr, $body:path, $expect:expr, anywhere) => {{
        on::<RunQueueRunner>($group, $body, $expect);
        each_runner!($group, $body, $expect, rest);
    }};
    ($group:expr, $body:path, $expect:expr, rest) => {{
        on::<EngineJobsRunner>($group, $body, $expect);
        on::<EngineRunner>($group, $body, $expect);
        on::<LazyDriverRunner>($group, $body, $expect); // Part VI with one fix
        on::<StealRunner>($group, $body, $expect);
        on::<TokioCurrent>($group, $body, $expect);
        on::<TokioMulti>($group, $body, $expect);
    }};
}

fn schedulers(c: &mut Criterion) {
    let mut group = c.benchmark_group("spawn_many");
    each_runner!(&mut group, shapes::spawn_many, SPAWN_MANY, all);
    group.finish();

    let mut group = c.benchmark_group("ping_pong");
    each_runner!(&mut group, shapes::ping_pong, PING_PONG_ROUNDS, all);
    group.finish();

    let mut group = c.benchmark_group("yield_many");
    each_runner!(&mut group, shapes::yield_many, YIELD_TASKS * YIELDS, all);
    group.finish();

    // Part V's runtime cannot spawn from a task: not in this group.
    let mut group = c.benchmark_group("chained_spawn");
    each_runner!(&mut group, shapes::chained_spawn, CHAIN, anywhere);
    group.finish();
}

fn echo_round_trip(c: &mut Criterion) {
    let mut group = c.benchmark_group("echo");
    for server in Server::ALL {
        let running = echo::start(server);
        let mut clients = Clients::connect(running.addr());
        clients.round(); // every connection accepted and served once
        group.bench_function(server.name(), |b| {
            b.iter(|| {
                assert_eq!(black_box(clients.round()), echo::CLIENTS * echo::MESSAGE)
            })
        });
        drop(clients); // each connection ends with EOF
        let report = running.stop();
        assert_eq!(report.connections, echo::CLIENTS, "{}: {report:?}", server.name());
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

criterion_group! { name = benches; config = config(); targets = schedulers, echo_round_trip }
criterion_main!(benches);

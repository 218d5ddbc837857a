#!/usr/bin/env bash
# Model-checks the task's state word (listings/src/engine/task/state.rs,
# chapter 30) with loom: wakers racing a poll queue the task exactly once,
# the reference count reaches zero once, a wake or an abort racing
# completion queues nothing, a join waker racing completion is woken or
# sees the output, a handle dropped during completion leaves the output and
# the waker each to one side (the models that touch those two places use
# loom's UnsafeCell, which fails on an access the state word does not
# order), and a load-then-store version loses a wake (which loom must find).
# The same file is compiled against loom's atomics by loom-checks/src/lib.rs,
# so no global `--cfg loom` (and no rebuilt tokio) is needed.
#   bash ci/loom.sh
# Then Part VII's concurrent structures, below, each compiled the same way.
# The models are small: a debug build explores all of them in about six
# seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p loom-checks --test state
# Chapter 36's async mutex (listings/src/many_threads/mutex/fair.rs, compiled
# against loom's Mutex and UnsafeCell by loom-checks/src/mutex.rs): lockers,
# an unlock and waiters that give up, in every order; about a second.
cargo test -p loom-checks --test mutex
# Chapter 34's scheduler: parking (listings/src/many_threads/steal/park.rs)
# and the inject queue (queue.rs), compiled against loom's Mutex and Condvar
# by loom-checks/src/steal.rs: a worker parking while a task is pushed gets
# it (the naive park must lose it, which loom must find), and the state word
# keeps one task to one worker at a time (loom's UnsafeCell for the future;
# without the state word loom must find two polls at once); under a second.
cargo test -p loom-checks --test steal
# Chapter 35's bounded channel (listings/src/many_threads/channel/bounded.rs,
# compiled against loom's Mutex and Arc by loom-checks/src/channel.rs): a
# sender and the receiver on a full channel, the last sender's drop, a
# waiting sender that gives up, a close racing a waiting sender; no lost
# wake-up (loom reports a deadlock); well under a second.
cargo test -p loom-checks --test channel
echo "ci/loom.sh: ok"

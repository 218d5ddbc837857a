//! Chapter 31: the `JoinHandle`, a future of the task's output, and the
//! error it resolves to when the task was aborted or panicked. The `unsafe`
//! here is checked under Miri (`ci/miri.sh`).

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::ptr::NonNull;
use std::task::{Context, Poll};

use listings::engine::task::header::Header;
use listings::engine::task::state::{COMPLETE, Snapshot};

// ANCHOR: join_handle
/// Owns one reference to a task, and the right to its output.
pub struct JoinHandle<T> {
    ptr: NonNull<Header>,
    _output: PhantomData<T>,
}

// SAFETY: the handle only moves the output (a `T`) out of the task, on the
// thread that polls it; the task itself is built to be shared (`spawn`
// asks for a `Send` future and a `Send + Sync` scheduler).
unsafe impl<T: Send> Send for JoinHandle<T> {}
// SAFETY: `&JoinHandle` offers only `abort` and reads of the state word.
unsafe impl<T: Send> Sync for JoinHandle<T> {}
// The output is never pinned: it is moved out.
impl<T> Unpin for JoinHandle<T> {}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut output: Poll<Result<T, JoinError>> = Poll::Pending;
        // SAFETY: the handle's reference keeps the task alive, and `T` is
        // the output type of the future that `spawn` stored in it.
        unsafe {
            (self.header().vtable.read_output)(
                self.ptr,
                (&raw mut output).cast(),
                cx.waker(),
            );
        }
        output
    }
}

impl<T> Drop for JoinHandle<T> {
    fn drop(&mut self) {
        // SAFETY: called once, with the handle's own reference.
        unsafe { (self.header().vtable.drop_join_handle)(self.ptr) }
    }
}
// ANCHOR_END: join_handle

impl<T> JoinHandle<T> {
    /// # Safety
    /// `ptr` is a task whose output is `T`, and the handle takes over one
    /// reference (the one `State::new` counts for it).
    pub unsafe fn from_raw(ptr: NonNull<Header>) -> JoinHandle<T> {
        JoinHandle { ptr, _output: PhantomData }
    }

    fn header(&self) -> &Header {
        // SAFETY: the handle's reference keeps the task alive.
        unsafe { self.ptr.as_ref() }
    }

    // ANCHOR: abort
    /// Cancels the task: its next poll drops the future instead, on the
    /// runner's thread, and the handle resolves to a cancelled `JoinError`.
    /// Does nothing if the task has completed.
    pub fn abort(&self) {
        if self.header().state.abort() {
            // SAFETY: `abort` counted a reference for the queued task.
            unsafe { (self.header().vtable.schedule)(self.ptr) }
        }
    }
    // ANCHOR_END: abort

    /// Whether the task has completed (its output, or error, is waiting).
    pub fn is_finished(&self) -> bool {
        self.state().has(COMPLETE)
    }

    /// The task's state word, as the book prints it.
    pub fn state(&self) -> Snapshot {
        self.header().state.load()
    }
}

// ANCHOR: join_error
/// Why a task gave no output.
pub struct JoinError {
    repr: Repr,
}

enum Repr {
    Cancelled,
    Panic(Box<dyn Any + Send + 'static>),
}

impl JoinError {
    /// The error of an aborted task.
    pub fn cancelled() -> JoinError {
        JoinError { repr: Repr::Cancelled }
    }

    /// The error of a task whose future panicked with `payload`.
    pub fn panic(payload: Box<dyn Any + Send + 'static>) -> JoinError {
        JoinError { repr: Repr::Panic(payload) }
    }

    /// The task was aborted before it finished.
    pub fn is_cancelled(&self) -> bool {
        matches!(self.repr, Repr::Cancelled)
    }

    /// The task's future panicked.
    pub fn is_panic(&self) -> bool {
        matches!(self.repr, Repr::Panic(_))
    }

    /// The panic's payload, to inspect or to `resume_unwind`. Panics if the
    /// task was cancelled instead.
    pub fn into_panic(self) -> Box<dyn Any + Send + 'static> {
        match self.repr {
            Repr::Panic(payload) => payload,
            Repr::Cancelled => panic!("into_panic on a JoinError of a cancelled task"),
        }
    }
}
// ANCHOR_END: join_error

/// The message of a panic payload, if it is a string.
pub fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "(not a string)"
    }
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Cancelled => write!(f, "task was cancelled"),
            Repr::Panic(payload) => {
                write!(f, "task panicked: {}", panic_message(payload.as_ref()))
            }
        }
    }
}

impl fmt::Debug for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Cancelled => write!(f, "JoinError::Cancelled"),
            Repr::Panic(payload) => {
                write!(f, "JoinError::Panic({:?})", panic_message(payload.as_ref()))
            }
        }
    }
}

impl std::error::Error for JoinError {}

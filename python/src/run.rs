//! Running the core off the GIL, interruptibly, on a fork-safe pool.
//!
//! - **The GIL is released** while the core works, so other Python threads
//!   run (and two threads can align at once).
//! - **Ctrl-C**: Python handles a signal only when its main thread runs
//!   Python code, and the core has no cancellation points. So a long job
//!   runs on a worker thread, and the calling thread waits for it in slices
//!   of [`POLL`], taking the GIL between slices to run the signal handlers
//!   (`check_signals`). When a handler raises (`KeyboardInterrupt`), the
//!   call returns that exception at once; the worker is left to finish on
//!   its own and its result is dropped (the CPU it still uses is the cost
//!   of not threading a cancellation flag through the aligner).
//! - **Fork-safe threads**: rayon's global pool is created once per
//!   process, and a child made by `fork` (multiprocessing's default on
//!   Linux) inherits the pool's bookkeeping but none of its threads, so a
//!   parallel call in the child would wait forever. The binding therefore
//!   runs the core in a pool of its own, made again in a process whose id
//!   has changed. `RAYON_NUM_THREADS` is honoured as in the CLI.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// How often a waiting call checks for signals.
const POLL: Duration = Duration::from_millis(50);

/// Jobs on less input than this (in bytes) run on the calling thread,
/// without the GIL but without a worker: they take milliseconds, and a
/// thread per call would cost more than they do in a loop over many small
/// documents.
pub const INLINE_BYTES: usize = 64 * 1024;

/// The binding's thread pool, for this process.
fn pool() -> PyResult<Arc<rayon::ThreadPool>> {
    static POOL: Mutex<Option<(u32, Arc<rayon::ThreadPool>)>> = Mutex::new(None);
    let pid = std::process::id();
    let mut slot = POOL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((owner, pool)) = slot.as_ref() {
        if *owner == pid {
            return Ok(pool.clone());
        }
    }
    if let Some((_, inherited)) = slot.take() {
        // A pool inherited through fork has no threads here; dropping it
        // would try to talk to them. Leak it (one allocation per fork).
        std::mem::forget(inherited);
    }
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("wasl-{i}"))
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("wasl: cannot start threads: {e}")))?,
    );
    *slot = Some((pid, pool.clone()));
    Ok(pool)
}

/// Runs `job` in the binding's pool without the GIL, interruptibly when
/// `size` (bytes of input) is at least [`INLINE_BYTES`].
pub fn run<T, F>(py: Python<'_>, size: usize, job: F) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let pool = pool()?;
    if size < INLINE_BYTES {
        return Ok(py.detach(move || pool.install(job)));
    }
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("wasl-call".into())
        .spawn(move || {
            // The receiver may be gone (the call was interrupted): then
            // the result is simply dropped.
            let _ = tx.send(pool.install(job));
        })
        .map_err(|e| PyRuntimeError::new_err(format!("wasl: cannot start a thread: {e}")))?;
    let mut rx = rx;
    loop {
        let (got, back) = py.detach(move || (rx.recv_timeout(POLL), rx));
        rx = back;
        match got {
            Ok(out) => return Ok(out),
            Err(mpsc::RecvTimeoutError::Timeout) => py.check_signals()?,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                // The worker ended without sending: it panicked.
                let why = match worker.join() {
                    Err(payload) => panic_message(payload),
                    Ok(()) => "no result".to_string(),
                };
                return Err(PyRuntimeError::new_err(format!(
                    "wasl: internal error: {why} (please report it)"
                )));
            }
        }
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic".to_string()
    }
}

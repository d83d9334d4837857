//! Progress on standard error, for runs long enough to wonder about.
//!
//! A subcommand makes one [`Progress`], says which phase it is in
//! ([`phase`](Progress::phase) for work of unknown length,
//! [`steps`](Progress::steps) and [`inc`](Progress::inc) for counted work
//! such as documents), and drops it when done; the bar is cleared then.
//!
//! The bar appears only when standard error is a terminal and the run has
//! gone on for [`DELAY`]: a pipe, a CI log or `--quiet` gets nothing, and a
//! quick run never flashes a bar. Drawing is indicatif's (a separate thread
//! redraws the spinner at 10 Hz, rate-limited, so a hot loop calling
//! [`inc`](Progress::inc) costs an atomic add).

use std::borrow::Cow;
use std::io::IsTerminal;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use wasl::align::Stage;

/// How long a run goes before its progress shows.
/// `WASL_PROGRESS_DELAY_MS` overrides it (the tests set 0).
const DELAY: Duration = Duration::from_millis(1000);

/// A progress display; see the module docs.
pub struct Progress {
    bar: ProgressBar,
    /// Dropping it wakes the thread waiting to show the bar, which then
    /// gives up.
    cancel: Option<mpsc::Sender<()>>,
    waiter: Option<thread::JoinHandle<()>>,
}

impl Progress {
    /// A display that shows itself on standard error after [`DELAY`],
    /// unless `quiet` or standard error is not a terminal.
    pub fn new(quiet: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(spinner_style());
        if quiet || !std::io::stderr().is_terminal() {
            return Progress {
                bar,
                cancel: None,
                waiter: None,
            };
        }
        let delay = std::env::var("WASL_PROGRESS_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(DELAY, Duration::from_millis);
        let (cancel, wait) = mpsc::channel::<()>();
        let shown = bar.clone();
        let waiter = thread::spawn(move || {
            // A message or a hang-up means the run ended first.
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(delay) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(100));
            }
        });
        Progress {
            bar,
            cancel: Some(cancel),
            waiter: Some(waiter),
        }
    }

    /// A phase of unknown length: a spinner, the time so far and `msg`.
    pub fn phase(&self, msg: impl Into<Cow<'static, str>>) {
        // The style first, for the reason given in `steps`.
        self.bar.set_style(spinner_style());
        self.bar.set_message(msg);
    }

    /// A phase of `total` steps (documents, files), counted by
    /// [`inc`](Self::inc): a bar and `done/total`.
    pub fn steps(&self, msg: impl Into<Cow<'static, str>>, total: usize) {
        // Each call may draw: the style comes last, so no line is ever
        // drawn with the new bar and a long message from before.
        self.bar.set_message(msg);
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
        self.bar.set_style(bar_style());
    }

    /// One more step of the current [`steps`](Self::steps) phase done.
    pub fn inc(&self) {
        self.bar.inc(1);
    }

    /// Prints `line` on standard error with the bar out of its way.
    pub fn eprintln(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// A callback for [`wasl::Aligner::align_batch_with`] that shows the
    /// aligner's stage after `what` ("1 document, 18 + 20 sentences").
    pub fn aligner_stages<'a>(&'a self, what: &'a str) -> impl Fn(Stage) + 'a {
        move |stage| {
            let doing = match stage {
                Stage::Features => "features".to_string(),
                Stage::Pass(n) => format!("pass {n}"),
                Stage::Settle => "omissions and insertions".to_string(),
            };
            self.phase(format!("aligning {what}: {doing}"));
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        drop(self.cancel.take());
        if let Some(w) = self.waiter.take() {
            // The thread only waits and sets the bar up; it cannot panic
            // in a way worth reporting over the run's own result.
            let _ = w.join();
        }
        self.bar.finish_and_clear();
    }
}

fn spinner_style() -> ProgressStyle {
    // The template is a constant, checked by the tests below.
    ProgressStyle::with_template("{spinner} {elapsed:>4} {wide_msg}").expect("a valid template")
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {elapsed:>4} {msg} [{bar:30}] {pos}/{len}")
        .expect("a valid template")
        .progress_chars("=> ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse_and_a_hidden_display_takes_every_call() {
        let p = Progress::new(true);
        p.phase("reading");
        p.steps("segmenting", 3);
        p.inc();
        (p.aligner_stages("2 documents"))(Stage::Pass(2));
        p.eprintln("a line");
        let _ = (spinner_style(), bar_style());
    }
}

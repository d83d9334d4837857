//! Running one aligner process and measuring it as `/usr/bin/time` does.
//!
//! The figures come from the kernel, not from sampling: wall time is taken
//! around `fork`/`exec` and the child's exit, and CPU time and peak
//! resident memory are the `rusage` that `wait4(2)` hands back when the
//! child is reaped. That `rusage` covers the child *and every descendant
//! it waited for*, so an adapter script that runs Python, which runs the
//! real aligner, is measured whole — the same figures `/usr/bin/time`
//! prints, which uses the same call.
//!
//! The harness adds nothing to what it measures: the child's standard
//! output and error go straight to files (no pipe for the harness to
//! drain while the clock runs), and the parent blocks in the kernel until
//! the child exits. A timeout is a second thread asleep on a channel; it
//! kills the child's whole process group (the child is made a group
//! leader, so an adapter's own children die with it). The parent first
//! waits for the exit *without reaping* (`waitid` with `WNOWAIT`), stops
//! the timer, and only then reaps: until then the child's pid, and so its
//! group id, cannot be reused, and the timer can never kill a stranger.
//! Ctrl-C (or SIGTERM, SIGHUP) kills the measured group too, then the
//! harness, so an interrupted benchmark leaves no aligner running.

use std::fs::File;
use std::io;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a measured process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// It exited with this status.
    Exited(i32),
    /// A signal it did not handle ended it (11: a segmentation fault).
    Signaled(i32),
    /// It ran past the timeout and was killed.
    TimedOut,
}

impl End {
    /// True for a clean exit (status 0).
    pub fn success(self) -> bool {
        self == End::Exited(0)
    }
}

/// What one process cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measured {
    /// From just before the process was started until it exited.
    pub wall: Duration,
    /// CPU time in user mode, the process and its reaped descendants.
    pub user: Duration,
    /// CPU time in the kernel, likewise.
    pub sys: Duration,
    /// Peak resident memory of the process or its largest descendant, in
    /// bytes (`None` where the platform does not say).
    pub max_rss: Option<u64>,
    pub end: End,
}

impl Measured {
    /// User plus system CPU time.
    pub fn cpu(&self) -> Duration {
        self.user + self.sys
    }
}

/// Runs `cmd` with standard input empty, standard output into `stdout`
/// and standard error into `stderr`, killing it after `timeout`. An error
/// means the process could not be started (the program does not exist or
/// may not be run).
///
/// On Unix the first call installs handlers for SIGINT, SIGTERM and SIGHUP
/// that kill the measured process group and then end this process with
/// the signal, as it would have ended without them (see the module docs).
pub fn run(
    cmd: &mut Command,
    stdout: File,
    stderr: File,
    timeout: Option<Duration>,
) -> io::Result<Measured> {
    cmd.stdin(Stdio::null()).stdout(stdout).stderr(stderr);
    imp::run(cmd, timeout)
}

/// Hands the memory the harness has freed back to the system, so that the
/// copy a fork makes of it, which the kernel counts in the child's peak
/// memory until the child execs, is as small as the harness's live data.
/// (glibc keeps freed memory for reuse; other allocators return it.)
pub fn shed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free heap pages; no pointer the
    // program holds is affected.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(unix)]
mod imp {
    use std::io;
    use std::os::unix::process::CommandExt;
    use std::process::Command;
    use std::sync::atomic::{AtomicI32, Ordering};
    use std::sync::{mpsc, Once};
    use std::thread;

    use super::{Duration, End, Instant, Measured};

    /// The process group being measured (0: none).
    static RUNNING: AtomicI32 = AtomicI32::new(0);

    /// Ctrl-C goes to the terminal's foreground process group, which the
    /// measured child, in a group of its own, is not in: without this, an
    /// interrupted benchmark would leave its aligner running, orphaned.
    /// On SIGINT, SIGTERM or SIGHUP the child's group is killed, and the
    /// harness dies of the signal as it would have.
    fn forward_interrupts() {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                // SAFETY: the handler calls only async-signal-safe
                // functions (kill, signal, raise) and reads an atomic.
                unsafe { libc::signal(sig, on_signal as *const () as libc::sighandler_t) };
            }
        });
    }

    extern "C" fn on_signal(sig: libc::c_int) {
        let group = RUNNING.load(Ordering::SeqCst);
        // SAFETY: async-signal-safe calls only; `group` is unreaped (see
        // where RUNNING is cleared).
        unsafe {
            if group > 0 {
                libc::kill(-group, libc::SIGKILL);
            }
            libc::signal(sig, libc::SIG_DFL);
            libc::raise(sig);
        }
    }

    pub fn run(cmd: &mut Command, timeout: Option<Duration>) -> io::Result<Measured> {
        // A group of its own, so a timeout can kill the adapter's children.
        cmd.process_group(0);
        // Fork, not vfork. At exec the kernel folds the peak resident size
        // of the address space being replaced into the process's peak;
        // under vfork (std's posix_spawn) that space is the harness's own,
        // so every aligner would report at least the harness's peak (the
        // workloads it generated). A forked copy holds only the harness's
        // current pages, a few MB, as /usr/bin/time's own fork does. A
        // pre_exec hook is what makes std fork.
        // SAFETY: the hook does nothing, so it is async-signal-safe.
        unsafe { cmd.pre_exec(|| Ok(())) };
        let start = Instant::now();
        forward_interrupts();
        let child = cmd.spawn()?;
        // A pid always fits: the kernel's pid_max is far below i32::MAX.
        let pid = child.id() as libc::pid_t;
        RUNNING.store(pid, Ordering::SeqCst);
        let (cancel, cancelled) = mpsc::channel::<()>();
        let timer = timeout.map(|limit| {
            thread::spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) = cancelled.recv_timeout(limit) {
                    // SAFETY: kill(2) has no memory effects; the group is
                    // the child's, which is not reaped yet (see the module
                    // docs), so the id is still its.
                    unsafe { libc::kill(-pid, libc::SIGKILL) };
                    true
                } else {
                    false
                }
            })
        });
        let waited = wait_exit(pid);
        let wall = start.elapsed();
        // Before the reaping: until then the group id is still the child's.
        RUNNING.store(0, Ordering::SeqCst);
        drop(cancel);
        let timed_out = timer.is_some_and(|t| t.join().unwrap_or(false));
        waited?;
        let (status, usage) = reap(pid)?;
        // Whatever the adapter left running in its group goes too, so a
        // straggler cannot eat the next measurement's CPU. (ESRCH, nobody
        // left, is the usual answer and fine.)
        // SAFETY: as above; the group id stays reserved while any member lives.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
        // `child` was reaped by hand: dropping a std Child neither waits
        // nor kills, so it has nothing left to do.
        drop(child);
        let end = if timed_out {
            End::TimedOut
        } else if libc::WIFEXITED(status) {
            End::Exited(libc::WEXITSTATUS(status))
        } else if libc::WIFSIGNALED(status) {
            End::Signaled(libc::WTERMSIG(status))
        } else {
            End::Exited(status)
        };
        let time = |t: libc::timeval| {
            Duration::from_secs(t.tv_sec.max(0) as u64)
                + Duration::from_micros(t.tv_usec.max(0) as u64)
        };
        // Linux reports kilobytes, macOS bytes.
        let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
        Ok(Measured {
            wall,
            user: time(usage.ru_utime),
            sys: time(usage.ru_stime),
            max_rss: Some(usage.ru_maxrss.max(0) as u64 * unit),
            end,
        })
    }

    /// Blocks until `pid` has exited, leaving it unreaped.
    fn wait_exit(pid: libc::pid_t) -> io::Result<()> {
        loop {
            // SAFETY: siginfo_t is plain data, valid when zeroed; waitid
            // writes into it and nothing else.
            let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
            let r = unsafe {
                libc::waitid(
                    libc::P_PID,
                    pid as libc::id_t,
                    &mut info,
                    libc::WEXITED | libc::WNOWAIT,
                )
            };
            if r == 0 {
                return Ok(());
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }

    /// Reaps `pid`, returning its wait status and resource usage.
    fn reap(pid: libc::pid_t) -> io::Result<(libc::c_int, libc::rusage)> {
        loop {
            let mut status = 0;
            // SAFETY: rusage is plain data, valid when zeroed; wait4
            // writes into `status` and `usage` only.
            let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
            let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            if r == pid {
                return Ok((status, usage));
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }
}

/// Elsewhere: wall time and exit status only, the timeout by polling.
#[cfg(not(unix))]
mod imp {
    use std::io;
    use std::process::Command;

    use super::{Duration, End, Instant, Measured};

    pub fn run(cmd: &mut Command, timeout: Option<Duration>) -> io::Result<Measured> {
        let start = Instant::now();
        let mut child = cmd.spawn()?;
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break Some(status);
            }
            if timeout.is_some_and(|t| start.elapsed() >= t) {
                child.kill()?;
                child.wait()?;
                break None;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let wall = start.elapsed();
        let end = match status {
            None => End::TimedOut,
            Some(s) => End::Exited(s.code().unwrap_or(-1)),
        };
        Ok(Measured {
            wall,
            user: Duration::ZERO,
            sys: Duration::ZERO,
            max_rss: None,
            end,
        })
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str, timeout: Option<Duration>) -> (Measured, String) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let m = run(
            Command::new("sh").arg("-c").arg(script),
            File::create(&out).unwrap(),
            File::create(dir.path().join("err")).unwrap(),
            timeout,
        )
        .unwrap();
        (m, std::fs::read_to_string(out).unwrap())
    }

    #[test]
    fn exit_status_and_output_are_kept() {
        let (m, out) = sh("echo '[0]:[0]'; exit 3", None);
        assert_eq!(m.end, End::Exited(3));
        assert_eq!(out, "[0]:[0]\n");
    }

    #[test]
    fn a_signal_is_told_apart_from_an_exit() {
        let (m, _) = sh("kill -SEGV $$", None);
        assert_eq!(m.end, End::Signaled(libc::SIGSEGV));
    }

    #[test]
    fn a_timeout_kills_the_whole_group() {
        // The shell's child holds the group open: killing only the shell
        // would leave `sleep` running.
        let (m, _) = sh("sleep 30 & wait", Some(Duration::from_millis(200)));
        assert_eq!(m.end, End::TimedOut);
        assert!(m.wall < Duration::from_secs(10), "{:?}", m.wall);
    }

    #[test]
    fn cpu_time_and_memory_of_descendants_are_counted() {
        // A busy grandchild that touches 64 MB: wait4's rusage counts it.
        let (m, _) = sh(
            "awk 'BEGIN { s = \"x\"; for (i = 0; i < 26; i++) s = s s; for (i = 0; i < 3000000; i++) x += i }'",
            None,
        );
        assert!(m.end.success());
        assert!(m.max_rss.unwrap() > 60 << 20, "{:?}", m.max_rss);
        assert!(m.cpu() > Duration::ZERO);
    }

    #[test]
    fn a_missing_program_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let r = run(
            &mut Command::new("/nonexistent/aligner"),
            File::create(dir.path().join("o")).unwrap(),
            File::create(dir.path().join("e")).unwrap(),
            None,
        );
        assert_eq!(r.unwrap_err().kind(), io::ErrorKind::NotFound);
    }
}

//! Benchmarking sentence aligners: wasl's and anyone's, on the same
//! workloads, measured the same way (`wasl bench`).
//!
//! An aligner is a command that follows one contract: run as
//! `COMMAND SRC TGT` on two files of one sentence per line, it prints
//! beads, `[i, j]:[k]` one per line (the format of gold files and of
//! `wasl align -f beads`), on standard output, and exits 0. wasl itself is
//! built in; any other aligner is wrapped in a small adapter script
//! (`scripts/aligners/`). An adapter whose aligner is not installed exits
//! with status 127, the shell's "command not found", and is skipped.
//!
//! Every aligner runs on every [`workload`] `runs` times. Each run is one
//! process per document pair, measured by the kernel ([`child`]): wall
//! time, CPU time and peak memory, as `/usr/bin/time` reports them. The
//! output of the last run is scored against the workload's gold with the
//! measure of [`crate::eval`] (strict and lax F1, micro-averaged over the
//! documents). A run that times out, crashes or prints something that is
//! not beads is recorded as such in the [`Report`], never fatal to the
//! rest of the benchmark. [`render`] turns a report into a table, CSV or
//! JSON, [`plot`] into an SVG picture.

pub mod child;
pub mod plot;
pub mod render;
pub mod workload;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::eval::{read_links, Counts, Prf};
use child::{End, Measured};
use workload::{Description, Workload};

/// The exit status an adapter gives when its aligner is not installed
/// (the shell's own status for a command it cannot find).
pub const MISSING: i32 = 127;

/// How an aligner is run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invocation {
    /// wasl itself, this very executable: `EXE align --presegmented -f
    /// beads --src-lang S --tgt-lang T SRC TGT`, exec'd directly (no
    /// shell), so its figures are what `/usr/bin/time` would give.
    Wasl { exe: PathBuf },
    /// A shell command line; `SRC TGT` are appended as its last two
    /// arguments (`sh -c 'COMMAND "$@"' NAME SRC TGT`), so it may hold
    /// options, quotes and environment settings.
    Shell(String),
}

/// An aligner to benchmark: a name for the tables and how to run it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlignerSpec {
    pub name: String,
    pub invocation: Invocation,
}

impl AlignerSpec {
    /// Parses `NAME=COMMAND` as given to `--aligner`.
    ///
    /// ```
    /// use wasl::bench::{AlignerSpec, Invocation};
    /// let a = AlignerSpec::parse("gc=scripts/aligners/galechurch --fast").unwrap();
    /// assert_eq!(a.name, "gc");
    /// assert_eq!(a.invocation, Invocation::Shell("scripts/aligners/galechurch --fast".into()));
    /// assert!(AlignerSpec::parse("no-command").is_err());
    /// ```
    pub fn parse(s: &str) -> std::result::Result<AlignerSpec, String> {
        let (name, command) = s
            .split_once('=')
            .ok_or_else(|| format!("'{s}': an aligner is NAME=COMMAND"))?;
        let (name, command) = (name.trim(), command.trim());
        if name.is_empty() || command.is_empty() {
            return Err(format!("'{s}': an aligner is NAME=COMMAND, neither empty"));
        }
        Ok(AlignerSpec {
            name: name.to_string(),
            invocation: Invocation::Shell(command.to_string()),
        })
    }

    /// The command line shown in reports.
    pub fn command_line(&self) -> String {
        match &self.invocation {
            Invocation::Wasl { .. } => {
                "wasl align --presegmented --format beads --src-lang SRC_LANG --tgt-lang TGT_LANG"
                    .into()
            }
            Invocation::Shell(c) => c.clone(),
        }
    }

    /// The process that aligns `doc`.
    fn command(&self, doc: &workload::DocPair) -> Command {
        let mut cmd = match &self.invocation {
            Invocation::Wasl { exe } => {
                let mut c = Command::new(exe);
                c.args(["--quiet", "align", "--presegmented", "--format", "beads"])
                    .args(["--src-lang", &doc.src_lang, "--tgt-lang", &doc.tgt_lang]);
                c
            }
            Invocation::Shell(line) => {
                let mut c = Command::new("sh");
                c.arg("-c").arg(format!("{line} \"$@\"")).arg(&self.name);
                c
            }
        };
        // Adapters that need the languages (Bertalign, an embedder) read
        // them here; the contract itself is two files.
        cmd.arg(&doc.src)
            .arg(&doc.tgt)
            .env("WASL_BENCH_SRC_LANG", &doc.src_lang)
            .env("WASL_BENCH_TGT_LANG", &doc.tgt_lang);
        cmd
    }
}

/// How to run the benchmark.
#[derive(Clone, Debug)]
pub struct Options {
    /// Runs of each aligner on each workload (at least 1).
    pub runs: usize,
    /// A run's time limit per document pair.
    pub timeout: Option<Duration>,
    /// Where outputs go: `WORK/ALIGNER/WORKLOAD/N.beads` (and `N.err`).
    pub work: PathBuf,
}

/// What the benchmark is doing, for a progress display.
#[derive(Clone, Debug)]
pub enum Event<'a> {
    /// `aligner` starts run `run` (from 1) of `runs` on `workload`.
    Run {
        aligner: &'a str,
        workload: &'a str,
        run: usize,
        runs: usize,
    },
    /// Something a user should read (an aligner skipped, a crash).
    Note(String),
}

/// How an aligner fared on a workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Every run finished and the output was scored.
    Ok,
    /// The aligner is not installed (its adapter said so); not run.
    Missing,
    /// A run went past `--timeout` and was killed.
    Timeout,
    /// A run exited with a non-zero status or was killed by a signal.
    Crashed,
    /// The runs finished, but the output is not beads.
    BadOutput,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Missing => "missing",
            Status::Timeout => "timeout",
            Status::Crashed => "crashed",
            Status::BadOutput => "bad-output",
        }
    }
}

/// One run of an aligner over a whole workload: its documents' times and
/// CPU summed, their peak memory the largest.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RunFigures {
    pub wall_s: f64,
    pub cpu_s: f64,
    pub user_s: f64,
    pub sys_s: f64,
    pub peak_rss_bytes: Option<u64>,
}

/// Median, minimum and maximum of a figure over the runs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Spread {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Spread {
    /// The spread of `xs` (`None` when empty); the median of an even
    /// count is the mean of the middle two.
    pub fn of(xs: &[f64]) -> Option<Spread> {
        let mut v = xs.to_vec();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = match n {
            0 => return None,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        };
        Some(Spread {
            median,
            min: v[0],
            max: v[n - 1],
        })
    }
}

/// One aligner on one workload.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    pub aligner: String,
    pub workload: String,
    /// Source sentences of the workload (its size on the plot's x axis).
    pub sentences: usize,
    pub status: Status,
    /// What went wrong, or was noted, in a line: the exit status and the
    /// last line the aligner wrote on standard error.
    pub detail: Option<String>,
    /// Every completed run.
    pub runs: Vec<RunFigures>,
    /// Wall time over the runs, seconds.
    pub wall_s: Option<Spread>,
    /// Median CPU time (user + system), seconds.
    pub cpu_s: Option<f64>,
    /// Peak resident memory, the largest of any run, bytes.
    pub peak_rss_bytes: Option<u64>,
    /// Source sentences per second of median wall time.
    pub sentences_per_s: Option<f64>,
    pub strict: Option<Prf>,
    pub lax: Option<Prf>,
}

/// A workload as the report describes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkloadInfo {
    pub name: String,
    #[serde(flatten)]
    pub description: Description,
    pub documents: usize,
    pub src_sentences: usize,
    pub tgt_sentences: usize,
    /// Language pairs of its documents (`ar-en`).
    pub languages: Vec<String>,
}

impl WorkloadInfo {
    pub fn of(w: &Workload) -> WorkloadInfo {
        let mut languages: Vec<String> = w
            .documents
            .iter()
            .map(|d| format!("{}-{}", d.src_lang, d.tgt_lang))
            .collect();
        languages.sort();
        languages.dedup();
        WorkloadInfo {
            name: w.name.clone(),
            description: w.description.clone(),
            documents: w.documents.len(),
            src_sentences: w.src_sentences(),
            tgt_sentences: w.tgt_sentences(),
            languages,
        }
    }
}

/// An aligner as the report describes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlignerInfo {
    pub name: String,
    pub command: String,
}

/// The machine the figures were taken on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Machine {
    pub os: String,
    pub arch: String,
    /// Cores available to the run.
    pub cores: usize,
}

impl Machine {
    pub fn this() -> Machine {
        Machine {
            os: std::env::consts::OS.into(),
            arch: std::env::consts::ARCH.into(),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// Everything a benchmark measured, and what it ran, so that the table
/// can be made again (the `--json` output).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub wasl_version: String,
    /// The command line that made the report, when the caller gives it
    /// (`wasl bench` does).
    pub command: Vec<String>,
    /// Seconds since 1970 when the benchmark started.
    pub started_unix: u64,
    pub machine: Machine,
    pub runs: usize,
    pub timeout_s: Option<f64>,
    pub workloads: Vec<WorkloadInfo>,
    pub aligners: Vec<AlignerInfo>,
    /// Workload by workload, aligner by aligner, in the order given.
    pub results: Vec<Entry>,
}

/// Runs every aligner on every workload; see the module docs. Errors are
/// the harness's own (the work folder cannot be written); whatever an
/// aligner does is recorded in its [`Entry`].
pub fn run(
    aligners: &[AlignerSpec],
    workloads: &[Workload],
    options: &Options,
    event: &dyn Fn(Event),
) -> Result<Report> {
    let runs = options.runs.max(1);
    let started_unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut missing: Vec<Option<String>> = vec![None; aligners.len()];
    let mut results = Vec::new();
    for (w, workload) in workloads.iter().enumerate() {
        for (a, aligner) in aligners.iter().enumerate() {
            if let Some(why) = &missing[a] {
                results.push(entry(aligner, workload, Status::Missing, Some(why.clone())));
                continue;
            }
            let dir = options
                .work
                .join(slug(&aligner.name))
                .join(format!("{w}-{}", slug(&workload.name)));
            fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            child::shed_memory();
            let e = measure(aligner, workload, runs, options.timeout, &dir, event)?;
            match e.status {
                Status::Ok => {}
                Status::Missing => {
                    event(Event::Note(format!(
                        "{}: not installed, skipped: {}",
                        aligner.name,
                        e.detail.as_deref().unwrap_or("")
                    )));
                    missing[a] = e.detail.clone();
                }
                _ => event(Event::Note(format!(
                    "{} on {}: {}: {}",
                    aligner.name,
                    workload.name,
                    e.status.as_str(),
                    e.detail.as_deref().unwrap_or("")
                ))),
            }
            results.push(e);
        }
    }
    Ok(Report {
        wasl_version: env!("CARGO_PKG_VERSION").into(),
        command: Vec::new(),
        started_unix,
        machine: Machine::this(),
        runs,
        timeout_s: options.timeout.map(|t| t.as_secs_f64()),
        workloads: workloads.iter().map(WorkloadInfo::of).collect(),
        aligners: aligners
            .iter()
            .map(|a| AlignerInfo {
                name: a.name.clone(),
                command: a.command_line(),
            })
            .collect(),
        results,
    })
}

/// An entry with nothing measured yet.
fn entry(aligner: &AlignerSpec, w: &Workload, status: Status, detail: Option<String>) -> Entry {
    Entry {
        aligner: aligner.name.clone(),
        workload: w.name.clone(),
        sentences: w.src_sentences(),
        status,
        detail,
        runs: Vec::new(),
        wall_s: None,
        cpu_s: None,
        peak_rss_bytes: None,
        sentences_per_s: None,
        strict: None,
        lax: None,
    }
}

/// `runs` runs of `aligner` over `w`, then the last run's output scored.
fn measure(
    aligner: &AlignerSpec,
    w: &Workload,
    runs: usize,
    timeout: Option<Duration>,
    dir: &Path,
    event: &dyn Fn(Event),
) -> Result<Entry> {
    let mut e = entry(aligner, w, Status::Ok, None);
    for run in 1..=runs {
        event(Event::Run {
            aligner: &aligner.name,
            workload: &w.name,
            run,
            runs,
        });
        let mut figures = RunFigures {
            wall_s: 0.0,
            cpu_s: 0.0,
            user_s: 0.0,
            sys_s: 0.0,
            peak_rss_bytes: None,
        };
        for (k, doc) in w.documents.iter().enumerate() {
            let (out, err) = (dir.join(format!("{k}.beads")), dir.join(format!("{k}.err")));
            let create = |p: &Path| fs::File::create(p).map_err(|e| Error::io(p, e));
            let (stdout, stderr) = (create(&out)?, create(&err)?);
            let m = match child::run(&mut aligner.command(doc), stdout, stderr, timeout) {
                Ok(m) => m,
                Err(why) => {
                    // The program itself is not there (only wasl is run
                    // without a shell): the same as an adapter's 127.
                    e.status = Status::Missing;
                    e.detail = Some(why.to_string());
                    return Ok(e);
                }
            };
            add(&mut figures, &m);
            if let Some((status, detail)) = failure(&m, timeout, &err, w, doc) {
                e.status = status;
                e.detail = Some(detail);
                return Ok(e);
            }
        }
        e.runs.push(figures);
    }
    let walls: Vec<f64> = e.runs.iter().map(|r| r.wall_s).collect();
    let cpus: Vec<f64> = e.runs.iter().map(|r| r.cpu_s).collect();
    e.wall_s = Spread::of(&walls);
    e.cpu_s = Spread::of(&cpus).map(|s| s.median);
    e.peak_rss_bytes = e.runs.iter().filter_map(|r| r.peak_rss_bytes).max();
    e.sentences_per_s = e
        .wall_s
        .filter(|s| s.median > 0.0)
        .map(|s| w.src_sentences() as f64 / s.median);
    let mut counts = Counts::default();
    for (k, doc) in w.documents.iter().enumerate() {
        match read_links(&dir.join(format!("{k}.beads"))) {
            Ok(links) => counts += Counts::document(&read_links(&doc.gold)?, &links),
            Err(why) => {
                e.status = Status::BadOutput;
                e.detail = Some(format!("{} (document {})", why, doc.name));
                return Ok(e);
            }
        }
    }
    let scores = counts.scores();
    e.strict = Some(scores.strict);
    e.lax = Some(scores.lax);
    Ok(e)
}

fn add(f: &mut RunFigures, m: &Measured) {
    f.wall_s += m.wall.as_secs_f64();
    f.cpu_s += m.cpu().as_secs_f64();
    f.user_s += m.user.as_secs_f64();
    f.sys_s += m.sys.as_secs_f64();
    f.peak_rss_bytes = f.peak_rss_bytes.max(m.max_rss);
}

/// What went wrong with a finished process, if anything.
fn failure(
    m: &Measured,
    timeout: Option<Duration>,
    err: &Path,
    w: &Workload,
    doc: &workload::DocPair,
) -> Option<(Status, String)> {
    let on = if w.documents.len() > 1 {
        format!(" on document {}", doc.name)
    } else {
        String::new()
    };
    let said = last_line(err).map(|l| format!(": {l}")).unwrap_or_default();
    match m.end {
        End::Exited(0) => None,
        End::Exited(MISSING) => Some((Status::Missing, format!("exit status 127{said}"))),
        // A shell between the harness and the aligner reports a signal
        // as 128 + its number.
        End::Exited(n) if (129..=128 + 64).contains(&n) => Some((
            Status::Crashed,
            format!(
                "exit status {n}, signal {}{}{on}{said}",
                n - 128,
                signal_name(n - 128)
            ),
        )),
        End::Exited(n) => Some((Status::Crashed, format!("exit status {n}{on}{said}"))),
        End::Signaled(s) => Some((
            Status::Crashed,
            format!("killed by signal {s}{}{on}{said}", signal_name(s)),
        )),
        End::TimedOut => Some((
            Status::Timeout,
            format!(
                "killed after {:.1} s{on}",
                timeout.unwrap_or_default().as_secs_f64()
            ),
        )),
    }
}

/// The last non-blank line of a (small) standard-error file, shortened.
fn last_line(path: &Path) -> Option<String> {
    let text = fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&text);
    let line = text.lines().rev().find(|l| !l.trim().is_empty())?.trim();
    let mut short: String = line.chars().take(200).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    Some(short)
}

fn signal_name(s: i32) -> &'static str {
    match s {
        6 => " (SIGABRT)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV)",
        15 => " (SIGTERM)",
        _ => "",
    }
}

/// A name safe as one path component.
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_takes_the_middle() {
        assert_eq!(Spread::of(&[]), None);
        let s = Spread::of(&[3.0, 1.0, 2.0]).unwrap();
        assert_eq!((s.median, s.min, s.max), (2.0, 1.0, 3.0));
        assert_eq!(Spread::of(&[4.0, 1.0, 2.0, 3.0]).unwrap().median, 2.5);
    }

    #[test]
    fn slugs_are_one_path_component() {
        assert_eq!(slug("../x y"), ".._x_y");
        assert_eq!(slug("hunalign-1.2"), "hunalign-1.2");
    }
}

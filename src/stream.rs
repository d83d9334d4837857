//! Streaming: one document pair per input line, aligned pairs out.
//!
//! This is the shape distributed engines want (GNU parallel's `--pipe`,
//! Spark's `rdd.pipe`, Hadoop streaming): every record is aligned on its
//! own, with nothing carried from one record to the next, so any
//! partitioning of the input gives the same output as one process.
//!
//! Two record formats are read:
//! - **JSON Lines**: `{"id": …, "src": …, "tgt": …}` with optional
//!   `src_lang`, `tgt_lang` (BCP 47) and `presegmented` (then `src` and
//!   `tgt` hold one sentence per line). `id` may be a string or a number;
//!   without one the record is named by a hash of its texts, the same in
//!   any partitioning of the input.
//! - **Bitextor's document TSV**: a header line naming the columns
//!   (`src_url`, `trg_url`, `src_text`, `trg_text`; others are ignored),
//!   then one document pair per line, the texts base64-encoded documents
//!   with one sentence per line.
//!
//! and two written: JSON Lines with one object per bead (the format of
//! `wasl align -f jsonl`, with the record id as `doc`), or Bitextor's
//! sentence TSV `src_url  trg_url  src_sentence  trg_sentence  score`.
//!
//! A bad record — malformed JSON, a missing field, invalid base64 or UTF-8,
//! an empty side, a record over the size limit — is reported through a
//! callback with its line and id and skipped; the stream goes on. Only
//! failures of the input or output themselves end the run with an error.
//!
//! Memory stays bounded: records are read as raw bytes (so invalid UTF-8
//! cannot end the stream), a line over the limit is skipped without being
//! held, and records are aligned as they arrive, whatever is ready at once
//! in parallel, then written in input order and flushed record by record.

use std::fmt;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::sync::mpsc::{self, SyncSender};
use std::sync::{Arc, Condvar, Mutex};

use base64::Engine as _;
use rayon::prelude::*;

use crate::align::Aligner;
use crate::error::{Error, Result};
use crate::input::paragraphs;
use crate::lang::Lang;
use crate::langcheck::Mismatch;
use crate::segment::Side;
use crate::write::{meets_min_score, AlignedDoc, Format, Pair, StreamWriter};

/// Record formats `wasl stream` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object per line.
    Jsonl,
    /// Bitextor's document TSV with a header line, texts in base64.
    Bitextor,
}

/// Formats `wasl stream` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// One JSON object per bead, as `wasl align -f jsonl`.
    Jsonl,
    /// Bitextor's sentence TSV: `src_url trg_url src trg score`.
    Bitextor,
}

/// Settings of a stream run.
#[derive(Clone, Debug)]
pub struct Options {
    pub input: InputFormat,
    pub output: OutputFormat,
    /// Languages of records that do not name theirs (and of Bitextor input).
    pub src_lang: Lang,
    pub tgt_lang: Lang,
    /// Whether JSON records without a `presegmented` field are one sentence
    /// per line. Bitextor documents always are.
    pub presegmented: bool,
    /// Write Bitextor output's column-name header first.
    pub header: bool,
    /// Bitextor output: also write beads with one empty side (by default
    /// only pairs, as Bitextor's sentence files hold; what is left out is
    /// counted in the [`Summary`]).
    pub all_beads: bool,
    /// Records longer than this many bytes are skipped unread.
    pub max_record_bytes: usize,
    /// Skip (as bad) a record whose sides are not in their declared
    /// languages ([`crate::langcheck`]); on by default.
    pub check_langs: bool,
    /// Bitextor output: write only pairs whose score (as written) is at
    /// least this, and no bead with an empty side, whatever `all_beads`
    /// says; what is left out is counted in the [`Summary`]. JSON Lines
    /// output keeps every bead with its score. A bead's score depends on
    /// its record alone, so the filtered output is the same in any
    /// partitioning of the input.
    pub min_score: Option<f64>,
    /// Name of the input in error messages ("standard input").
    pub input_name: String,
    /// Name of the output in error messages ("standard output").
    pub output_name: String,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            input: InputFormat::Jsonl,
            output: OutputFormat::Jsonl,
            src_lang: Lang::ar(),
            tgt_lang: Lang::en(),
            presegmented: false,
            header: false,
            all_beads: false,
            max_record_bytes: 256 << 20,
            check_langs: true,
            min_score: None,
            input_name: "standard input".into(),
            output_name: "standard output".into(),
        }
    }
}

/// What a run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read (blank lines and repeated headers are not records).
    pub records: usize,
    /// Records aligned and written.
    pub aligned: usize,
    /// Records skipped as bad.
    pub skipped: usize,
    /// Beads written.
    pub beads: usize,
    /// Beads with one empty side that the output format left out.
    pub one_sided_left_out: usize,
    /// Pairs left out because their score is below [`Options::min_score`].
    pub below_min_score: usize,
    /// Source sentences in those pairs.
    pub src_sentences_below_min_score: usize,
    /// Target sentences in those pairs.
    pub tgt_sentences_below_min_score: usize,
}

/// A record that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    /// Line of the input, from 1.
    pub line: usize,
    /// The record's id (or source URL) when it could be read.
    pub id: Option<String>,
    pub message: String,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "line {} (record {id:?}): {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// One document pair, decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Line of the input, from 1.
    pub line: usize,
    /// Id written with each bead (JSON output's `doc`).
    pub id: String,
    /// URLs written in Bitextor output (the id when the input has none).
    pub src_url: String,
    pub tgt_url: String,
    pub src: String,
    pub tgt: String,
    pub src_lang: Lang,
    pub tgt_lang: Lang,
    pub presegmented: bool,
}

/// Where the columns of Bitextor's document TSV are, from its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitextorColumns {
    header: Vec<u8>,
    src_url: usize,
    trg_url: usize,
    src_text: usize,
    trg_text: usize,
    /// Fields a line needs to hold all four.
    needed: usize,
}

impl BitextorColumns {
    /// Reads the header line. Bitextor names the target side `trg`; `tgt`
    /// is accepted too.
    pub fn from_header(line: &[u8]) -> std::result::Result<BitextorColumns, String> {
        let text = std::str::from_utf8(line).map_err(|_| "header is not UTF-8".to_string())?;
        let names: Vec<&str> = text.split('\t').map(str::trim).collect();
        let find = |options: &[&str]| {
            names
                .iter()
                .position(|n| options.contains(n))
                .ok_or_else(|| {
                    format!(
                        "the header line has no {} column (Bitextor's document TSV starts with \
                         a header naming src_url, trg_url, src_text, trg_text; found {:?})",
                        options[0],
                        truncate(text, 200)
                    )
                })
        };
        let src_url = find(&["src_url", "url1"])?;
        let trg_url = find(&["trg_url", "tgt_url", "url2"])?;
        let src_text = find(&["src_text", "src_doc", "text1"])?;
        let trg_text = find(&["trg_text", "tgt_text", "trg_doc", "text2"])?;
        let needed = 1 + src_url.max(trg_url).max(src_text).max(trg_text);
        Ok(BitextorColumns {
            header: line.to_vec(),
            src_url,
            trg_url,
            src_text,
            trg_text,
            needed,
        })
    }
}

/// Parses one JSON Lines record.
pub fn parse_jsonl(
    bytes: &[u8],
    line: usize,
    opts: &Options,
) -> std::result::Result<Record, RecordError> {
    let fail = |id: Option<String>, message: String| RecordError { line, id, message };
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| fail(None, format!("not a JSON record: {e}")))?;
    let serde_json::Value::Object(obj) = value else {
        return Err(fail(None, "a record must be a JSON object".into()));
    };
    let id = match obj.get("id") {
        None | Some(serde_json::Value::Null) => content_id(&obj),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err(fail(None, "\"id\" must be a string or a number".into())),
    };
    let fail_id = |message: String| fail(Some(id.clone()), message);
    let text = |key: &str| -> std::result::Result<String, RecordError> {
        match obj.get(key) {
            Some(serde_json::Value::String(s)) => Ok(s.clone()),
            None | Some(serde_json::Value::Null) => {
                Err(fail_id(format!("missing field \"{key}\"")))
            }
            Some(_) => Err(fail_id(format!("\"{key}\" must be a string"))),
        }
    };
    let lang = |key: &str, default: &Lang| -> std::result::Result<Lang, RecordError> {
        match obj.get(key) {
            None | Some(serde_json::Value::Null) => Ok(default.clone()),
            Some(serde_json::Value::String(s)) => {
                Lang::parse(s).map_err(|e| fail_id(format!("\"{key}\": {e}")))
            }
            Some(_) => Err(fail_id(format!(
                "\"{key}\" must be a language tag such as \"ar\""
            ))),
        }
    };
    let presegmented = match obj.get("presegmented") {
        None | Some(serde_json::Value::Null) => opts.presegmented,
        Some(serde_json::Value::Bool(b)) => *b,
        Some(_) => return Err(fail_id("\"presegmented\" must be true or false".into())),
    };
    let record = Record {
        line,
        src: text("src")?,
        tgt: text("tgt")?,
        src_lang: lang("src_lang", &opts.src_lang)?,
        tgt_lang: lang("tgt_lang", &opts.tgt_lang)?,
        presegmented,
        src_url: id.clone(),
        tgt_url: id.clone(),
        id,
    };
    check_texts(record)
}

/// The name of a record without an id: 16 hex digits of a hash of its
/// `src` and `tgt` fields, so the same record gets the same name in any
/// partitioning of the input (a line number would be the line within each
/// worker's block). FNV-1a, spelled out: its value is fixed by definition,
/// not by a library's version.
fn content_id(obj: &serde_json::Map<String, serde_json::Value>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for key in ["src", "tgt"] {
        let text = obj.get(key).and_then(|v| v.as_str()).unwrap_or("");
        for &b in text.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Parses one line of Bitextor's document TSV.
pub fn parse_bitextor(
    bytes: &[u8],
    line: usize,
    columns: &BitextorColumns,
    opts: &Options,
) -> std::result::Result<Record, RecordError> {
    let fields: Vec<&[u8]> = bytes.split(|&b| b == b'\t').collect();
    // The URL names the record in messages, if it is readable.
    let url = fields
        .get(columns.src_url)
        .and_then(|u| std::str::from_utf8(u).ok())
        .map(str::to_string);
    let fail = |message: String| RecordError {
        line,
        id: url.clone(),
        message,
    };
    if fields.len() < columns.needed {
        return Err(fail(format!(
            "{} tab-separated fields, the header names {}",
            fields.len(),
            columns.needed
        )));
    }
    let url_of = |i: usize, name: &str| {
        std::str::from_utf8(fields[i])
            .map(|s| s.trim().to_string())
            .map_err(|e| fail(format!("{name} is not UTF-8 (byte {})", e.valid_up_to())))
    };
    let text_of = |i: usize, name: &str| -> std::result::Result<String, RecordError> {
        let encoded = fields[i].trim_ascii();
        let bytes = base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT
            .decode(encoded)
            .map_err(|e| fail(format!("{name} is not valid base64: {e}")))?;
        String::from_utf8(bytes).map_err(|e| {
            fail(format!(
                "{name} decodes to invalid UTF-8 (byte {} of the decoded text)",
                e.utf8_error().valid_up_to()
            ))
        })
    };
    let src_url = url_of(columns.src_url, "src_url")?;
    let tgt_url = url_of(columns.trg_url, "trg_url")?;
    let record = Record {
        line,
        id: src_url.clone(),
        src: text_of(columns.src_text, "src_text")?,
        tgt: text_of(columns.trg_text, "trg_text")?,
        src_url,
        tgt_url,
        src_lang: opts.src_lang.clone(),
        tgt_lang: opts.tgt_lang.clone(),
        presegmented: true,
    };
    check_texts(record)
}

/// The checks both formats share: no NUL (no text format allows it, and it
/// means a binary payload), a BOM dropped, and text on both sides.
fn check_texts(mut record: Record) -> std::result::Result<Record, RecordError> {
    let fail = |message: String| RecordError {
        line: record.line,
        id: Some(record.id.clone()),
        message,
    };
    for (text, name) in [(&record.src, "src"), (&record.tgt, "tgt")] {
        if let Some(at) = text.find('\0') {
            return Err(fail(format!(
                "{name} holds a NUL character (byte {at}); is it binary?"
            )));
        }
        if !crate::segment::has_visible(text) {
            return Err(fail(format!("{name} is empty: nothing to align")));
        }
    }
    for text in [&mut record.src, &mut record.tgt] {
        if let Some(rest) = text.strip_prefix('\u{FEFF}') {
            *text = rest.to_string();
        }
    }
    Ok(record)
}

/// A record whose sides are not in their declared languages (or were
/// given the wrong way round) is a bad record: the check of
/// [`crate::langcheck`], with the fields named as in the record.
pub fn check_langs(record: &Record) -> std::result::Result<(), RecordError> {
    let side = |name: &'static str, text, lang| crate::langcheck::SideText {
        path: std::path::Path::new(name),
        text,
        lang,
    };
    crate::langcheck::check_pair(
        side("src", &record.src, &record.src_lang),
        side("tgt", &record.tgt, &record.tgt_lang),
    )
    .map_err(|e| RecordError {
        line: record.line,
        id: Some(record.id.clone()),
        message: match e {
            Error::Lang(m) if matches!(*m, Mismatch::Swapped { .. }) => format!(
                "{}; swap the two texts, or the two languages{}",
                m.facts(),
                crate::langcheck::FORCE_HINT
            ),
            e => e.to_string(),
        },
    })
}

/// Aligns one record and renders its output.
pub fn align_record(
    record: &Record,
    aligner: &Aligner,
    opts: &Options,
) -> std::result::Result<Rendered, RecordError> {
    let src = side(&record.src_lang, &record.src, record.presegmented);
    let tgt = side(&record.tgt_lang, &record.tgt, record.presegmented);
    let alignment = aligner.align(&src, &tgt);
    let doc = AlignedDoc {
        id: &record.id,
        src: &src,
        tgt: &tgt,
        alignment: &alignment,
    };
    let fail = |e: io::Error| RecordError {
        line: record.line,
        id: Some(record.id.clone()),
        message: e.to_string(),
    };
    let mut out = Vec::new();
    let mut rendered = Rendered::default();
    match opts.output {
        OutputFormat::Jsonl => {
            let mut w =
                StreamWriter::new(Format::Jsonl, &mut out, &record.src_lang).map_err(fail)?;
            w.write_doc(&doc).map_err(fail)?;
            rendered.beads = w.finish().map_err(fail)?.written;
        }
        OutputFormat::Bitextor => {
            for bead in &alignment.beads {
                let pair = Pair::of(&doc, bead).map_err(fail)?;
                let both = pair.has_both_sides();
                if !both && (!opts.all_beads || opts.min_score.is_some()) {
                    rendered.one_sided_left_out += 1;
                    continue;
                }
                if let Some(min) = opts.min_score {
                    if !meets_min_score(pair.score, min) {
                        rendered.below_min_score += 1;
                        rendered.src_sentences_below_min_score += bead.src.len();
                        rendered.tgt_sentences_below_min_score += bead.tgt.len();
                        continue;
                    }
                }
                for field in [&record.src_url, &record.tgt_url, &*pair.src, &*pair.tgt] {
                    push_tsv_field(&mut out, field);
                    out.push(b'\t');
                }
                out.extend_from_slice(pair.score_text().as_bytes());
                out.push(b'\n');
                rendered.beads += 1;
            }
        }
    }
    rendered.bytes = out;
    Ok(rendered)
}

/// One side of a record, segmented or taken line by line.
fn side<'a>(lang: &Lang, text: &'a str, presegmented: bool) -> Side<'a> {
    if presegmented {
        Side::presegmented(lang.clone(), text)
    } else {
        Side::segment(lang.clone(), text, &paragraphs(text))
    }
}

/// One record's output, ready to write.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub beads: usize,
    pub one_sided_left_out: usize,
    pub below_min_score: usize,
    pub src_sentences_below_min_score: usize,
    pub tgt_sentences_below_min_score: usize,
}

/// A TSV field cannot hold a tab or a line break: each becomes a space
/// (sentences are single lines already; URLs never hold them).
fn push_tsv_field(out: &mut Vec<u8>, field: &str) {
    if !field.contains(['\t', '\n', '\r']) {
        out.extend_from_slice(field.as_bytes());
        return;
    }
    for c in field.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(b' '),
            _ => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// Runs a stream: reads records from `input`, writes aligned pairs to
/// `output`, calls `report` for each record skipped (in input order).
///
/// `aligner` aligns records in `opts`' language pair; `generic`, records
/// naming another pair (a dictionary is for one pair only).
///
/// Records are read on a thread of their own, so that alignment never
/// waits for input that has not come: whatever has arrived when the
/// aligner is free — one record from a client waiting for its answer, or a
/// full window from a file — is aligned at once, in parallel, and each
/// record's output is written and flushed as soon as it is done. Memory
/// holds at most about 64 MB of records in flight, plus one record. The
/// reader thread is detached: if the output fails (a closed pipe), the
/// run returns at once instead of waiting for input that may never end.
pub fn run<R: BufRead + Send + 'static, W: Write>(
    input: R,
    mut output: W,
    opts: &Options,
    aligner: &Aligner,
    generic: &Aligner,
    report: &mut dyn FnMut(&RecordError),
) -> Result<Summary> {
    let out_err = |e: io::Error| Error::io(PathBuf::from(&opts.output_name), e);
    let mut summary = Summary::default();
    if opts.output == OutputFormat::Bitextor && opts.header {
        output
            .write_all(b"src_url\ttrg_url\tsrc_text\ttrg_text\tscore\n")
            .and_then(|_| output.flush())
            .map_err(out_err)?;
    }
    // A window is at most this many records a core: each window ends when
    // its slowest record does, so a short window leaves cores idle (at 4 a
    // core, 10 000 news-sized records took 10% more wall time than at 32);
    // the budget bounds the bytes read ahead either way.
    let window_records = 32 * rayon::current_num_threads().max(1);
    let budget = Arc::new(Budget::new(64 << 20));
    let (tx, rx) = mpsc::sync_channel(window_records);
    {
        let (reader_opts, reader_budget) = (opts.clone(), Arc::clone(&budget));
        std::thread::Builder::new()
            .name("wasl-stream-reader".into())
            .spawn(move || read_records(input, &reader_opts, &tx, &reader_budget))
            .map_err(|e| Error::io(PathBuf::from(&opts.input_name), e))?;
    }
    // Wakes the reader if it waits for room, whichever way this returns.
    let _close = CloseOnDrop(&budget);
    let mut window: Vec<(std::result::Result<Record, RecordError>, usize)> = Vec::new();
    // Wait for one record, then take whatever else is ready.
    while let Ok(first) = rx.recv() {
        for message in std::iter::once(first).chain(std::iter::from_fn(|| rx.try_recv().ok())) {
            match message {
                Read::Record(record, bytes) => window.push((record, bytes)),
                Read::Fatal(e) => return Err(e),
            }
            if window.len() >= window_records {
                break;
            }
        }
        let results: Vec<std::result::Result<Rendered, RecordError>> = window
            .par_iter()
            .map(|(r, _)| {
                let record = r.as_ref().map_err(Clone::clone)?;
                if opts.check_langs {
                    check_langs(record)?;
                }
                let same_pair =
                    record.src_lang == opts.src_lang && record.tgt_lang == opts.tgt_lang;
                align_record(record, if same_pair { aligner } else { generic }, opts)
            })
            .collect();
        let bytes: usize = window.iter().map(|(_, n)| n).sum();
        summary.records += window.len();
        window.clear();
        budget.give(bytes);
        for result in results {
            match result {
                Ok(r) => {
                    output
                        .write_all(&r.bytes)
                        .and_then(|_| output.flush())
                        .map_err(out_err)?;
                    summary.aligned += 1;
                    summary.beads += r.beads;
                    summary.one_sided_left_out += r.one_sided_left_out;
                    summary.below_min_score += r.below_min_score;
                    summary.src_sentences_below_min_score += r.src_sentences_below_min_score;
                    summary.tgt_sentences_below_min_score += r.tgt_sentences_below_min_score;
                }
                Err(e) => {
                    summary.skipped += 1;
                    report(&e);
                }
            }
        }
    }
    output.flush().map_err(out_err)?;
    Ok(summary)
}

/// What the reader thread hands on.
enum Read {
    /// A record (or why it is bad) and the bytes it holds.
    Record(std::result::Result<Record, RecordError>, usize),
    /// The input itself failed; nothing more comes.
    Fatal(Error),
}

/// Bytes of records read but not yet aligned, bounded: the reader waits
/// for room, except that one record always fits (a record larger than the
/// whole budget must still go through).
struct Budget {
    state: Mutex<(usize, bool)>,
    room: Condvar,
    limit: usize,
}

impl Budget {
    fn new(limit: usize) -> Budget {
        Budget {
            state: Mutex::new((0, false)),
            room: Condvar::new(),
            limit,
        }
    }

    /// Waits for room for `n` bytes and takes it; false once closed.
    fn take(&self, n: usize) -> bool {
        // A poisoned lock means the other side panicked: stop reading.
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        while !state.1 && state.0 > 0 && state.0 + n > self.limit {
            state = match self.room.wait(state) {
                Ok(s) => s,
                Err(_) => return false,
            };
        }
        state.0 += n;
        !state.1
    }

    /// Gives back `n` bytes.
    fn give(&self, n: usize) {
        if let Ok(mut state) = self.state.lock() {
            state.0 = state.0.saturating_sub(n);
        }
        self.room.notify_all();
    }

    /// Ends the run: a waiting reader wakes and stops.
    fn close(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.1 = true;
        }
        self.room.notify_all();
    }
}

struct CloseOnDrop<'a>(&'a Budget);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// The reader thread: records off `input`, parsed, into `tx`, until the
/// input ends, fails, or the run stops listening.
fn read_records<R: BufRead>(mut input: R, opts: &Options, tx: &SyncSender<Read>, budget: &Budget) {
    let in_err = |e: io::Error| Error::io(PathBuf::from(&opts.input_name), e);
    let mut columns: Option<BitextorColumns> = None;
    let mut line_no = 0;
    let mut buf = Vec::new();
    let mut skip_lf = false;
    loop {
        let line =
            match read_line_limited(&mut input, &mut buf, opts.max_record_bytes, &mut skip_lf) {
                Ok(l) => l,
                Err(e) => {
                    let _ = tx.send(Read::Fatal(in_err(e)));
                    return;
                }
            };
        let too_long = match line {
            Line::Eof => break,
            Line::Complete => None,
            Line::TooLong(n) => Some(n),
        };
        line_no += 1;
        if line_no == 1 && buf.starts_with("\u{FEFF}".as_bytes()) {
            buf.drain(..3);
        }
        if too_long.is_none() && buf.trim_ascii().is_empty() {
            continue;
        }
        if opts.input == InputFormat::Bitextor {
            match &columns {
                None => match BitextorColumns::from_header(&buf) {
                    Ok(header) => {
                        columns = Some(header);
                        continue;
                    }
                    Err(message) => {
                        let _ = tx.send(Read::Fatal(Error::Parse {
                            path: PathBuf::from(&opts.input_name),
                            line: line_no,
                            message,
                        }));
                        return;
                    }
                },
                // Concatenated inputs (or `parallel --header`) repeat it.
                Some(c) if c.header == buf => continue,
                Some(_) => {}
            }
        }
        let record = match (too_long, &columns) {
            (Some(n), _) => Err(RecordError {
                line: line_no,
                id: None,
                message: format!(
                    "record of {n} bytes or more, over the limit of {} (--max-record-bytes)",
                    opts.max_record_bytes
                ),
            }),
            (None, Some(c)) => parse_bitextor(&buf, line_no, c, opts),
            (None, None) => parse_jsonl(&buf, line_no, opts),
        };
        let bytes = buf.len();
        if !budget.take(bytes) || tx.send(Read::Record(record, bytes)).is_err() {
            return;
        }
    }
    if opts.input == InputFormat::Bitextor && columns.is_none() && line_no > 0 {
        let _ = tx.send(Read::Fatal(Error::Parse {
            path: PathBuf::from(&opts.input_name),
            line: 1,
            message: "no header line (src_url, trg_url, src_text, trg_text)".into(),
        }));
    }
}

/// The lines of `input` as raw bytes, ended as wasl ends lines (LF, CRLF
/// or a lone CR), a byte-order mark dropped from the first: the records of
/// a JSON Lines file, for callers that read one whole (`wasl learn`).
pub fn records<R: BufRead>(mut input: R) -> impl Iterator<Item = io::Result<Vec<u8>>> {
    let mut skip_lf = false;
    let mut first = true;
    std::iter::from_fn(move || {
        let mut buf = Vec::new();
        match read_line_limited(&mut input, &mut buf, usize::MAX, &mut skip_lf) {
            Ok(Line::Eof) => None,
            Ok(_) => {
                if std::mem::take(&mut first) && buf.starts_with("\u{FEFF}".as_bytes()) {
                    buf.drain(..3);
                }
                Some(Ok(buf))
            }
            Err(e) => Some(Err(e)),
        }
    })
}

/// How reading one line ended.
enum Line {
    /// No more input.
    Eof,
    /// `buf` holds the line, without its line end.
    Complete,
    /// The line was longer than the limit; `buf` is empty and the line was
    /// read past. Holds how many bytes were seen (at least the limit).
    TooLong(usize),
}

/// Reads one line into `buf` (cleared first), keeping at most `limit`
/// bytes in memory: a longer line is consumed and dropped. Lines end as
/// everywhere in wasl ([`crate::input::line_spans`]): LF, CRLF or a lone CR.
///
/// `skip_lf` carries a CR line end over to the next call, whose line then
/// starts after an LF that completes CRLF.
fn read_line_limited<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
    skip_lf: &mut bool,
) -> io::Result<Line> {
    buf.clear();
    let mut seen = 0usize;
    let mut any = false;
    let mut over = false;
    let mut ended_by_cr = false;
    loop {
        let available = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        if std::mem::take(skip_lf) && available[0] == b'\n' {
            r.consume(1);
            continue;
        }
        any = true;
        let (chunk, done) = match line_end(available) {
            Some(i) => {
                ended_by_cr = available[i] == b'\r';
                (&available[..i], Some(i + 1))
            }
            None => (available, None),
        };
        seen += chunk.len();
        if !over && seen > limit {
            over = true;
            *buf = Vec::new();
        }
        if !over {
            buf.extend_from_slice(chunk);
        }
        let used = done.unwrap_or(available.len());
        r.consume(used);
        if done.is_some() {
            break;
        }
    }
    // CRLF: the LF may not have come yet (a client waiting for its answer
    // sends no more), so it is skipped when the next line is read.
    *skip_lf = ended_by_cr;
    if !any {
        return Ok(Line::Eof);
    }
    if over {
        return Ok(Line::TooLong(seen));
    }
    Ok(Line::Complete)
}

fn line_end(bytes: &[u8]) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', bytes)
}

/// The first `max` bytes of `s`, cut at a character boundary.
fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(input: InputFormat, output: OutputFormat) -> Options {
        Options {
            input,
            output,
            ..Options::default()
        }
    }

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    fn run_str(input: &str, opts: &Options) -> (String, Summary, Vec<RecordError>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let aligner = Aligner::default();
        let summary = run(
            io::Cursor::new(input.as_bytes().to_vec()),
            &mut out,
            opts,
            &aligner,
            &aligner,
            &mut |e| errors.push(e.clone()),
        )
        .unwrap();
        (String::from_utf8(out).unwrap(), summary, errors)
    }

    #[test]
    fn long_lines_are_skipped_without_being_held() {
        let input = format!("short\n{}\nafter\r\n", "x".repeat(100));
        let mut r = io::BufReader::with_capacity(8, input.as_bytes());
        let mut buf = Vec::new();
        let skip = &mut false;
        assert!(matches!(
            read_line_limited(&mut r, &mut buf, 10, skip).unwrap(),
            Line::Complete
        ));
        assert_eq!(buf, b"short");
        assert!(matches!(
            read_line_limited(&mut r, &mut buf, 10, skip).unwrap(),
            Line::TooLong(100)
        ));
        assert!(buf.capacity() <= 16, "the long line was not kept");
        assert!(matches!(
            read_line_limited(&mut r, &mut buf, 10, skip).unwrap(),
            Line::Complete
        ));
        assert_eq!(buf, b"after");
        assert!(matches!(
            read_line_limited(&mut r, &mut buf, 10, skip).unwrap(),
            Line::Eof
        ));
    }

    #[test]
    fn lf_crlf_and_lone_cr_end_records_alike() {
        // A buffer of 7 bytes puts CRLF's two bytes in different reads.
        let input = b"first\r\nsecond\rthird\n\r\nfourth";
        let mut r = io::BufReader::with_capacity(7, &input[..]);
        let (mut buf, mut skip, mut got) = (Vec::new(), false, Vec::new());
        while let Line::Complete = read_line_limited(&mut r, &mut buf, 100, &mut skip).unwrap() {
            got.push(String::from_utf8(buf.clone()).unwrap());
        }
        assert_eq!(got, ["first", "second", "third", "", "fourth"]);
    }

    #[test]
    fn bitextor_header_finds_columns_by_name() {
        let c =
            BitextorColumns::from_header(b"trg_url\tsrc_url\textra\ttrg_text\tsrc_text").unwrap();
        assert_eq!((c.src_url, c.trg_url, c.src_text, c.trg_text), (1, 0, 4, 3));
        assert_eq!(c.needed, 5);
        let e = BitextorColumns::from_header(b"a\tb\tc\td").unwrap_err();
        assert!(e.contains("src_url"), "{e}");
    }

    #[test]
    fn bitextor_records_decode_and_bad_ones_say_why() {
        let o = opts(InputFormat::Bitextor, OutputFormat::Bitextor);
        let c = BitextorColumns::from_header(b"src_url\ttrg_url\tsrc_text\ttrg_text").unwrap();
        let line = format!(
            "a.ar\ta.en\t{}\t{}",
            b64("جملة.\nثانية."),
            b64("One.\nTwo.")
        );
        let r = parse_bitextor(line.as_bytes(), 2, &c, &o).unwrap();
        assert_eq!(r.src, "جملة.\nثانية.");
        assert_eq!((r.src_url.as_str(), r.tgt_url.as_str()), ("a.ar", "a.en"));
        assert!(r.presegmented);

        let bad = parse_bitextor(b"a.ar\ta.en\t!!!\tT25lLg==", 3, &c, &o).unwrap_err();
        assert_eq!(bad.id.as_deref(), Some("a.ar"));
        assert!(
            bad.message.contains("src_text is not valid base64"),
            "{bad}"
        );
        let latin1 = base64::engine::general_purpose::STANDARD.encode(b"caf\xe9");
        let bad =
            parse_bitextor(format!("u\tv\t{latin1}\tT25lLg==").as_bytes(), 4, &c, &o).unwrap_err();
        assert!(bad.message.contains("invalid UTF-8"), "{bad}");
        let bad = parse_bitextor(b"u\tv\tT25lLg==", 5, &c, &o).unwrap_err();
        assert!(bad.message.contains("3 tab-separated fields"), "{bad}");
        let bad =
            parse_bitextor(format!("u\tv\t{}\t", b64("x")).as_bytes(), 6, &c, &o).unwrap_err();
        assert!(bad.message.contains("tgt is empty"), "{bad}");
    }

    #[test]
    fn json_records_take_defaults_and_name_what_is_wrong() {
        let o = opts(InputFormat::Jsonl, OutputFormat::Jsonl);
        let r = parse_jsonl(br#"{"src":"a","tgt":"b","id":7}"#, 3, &o).unwrap();
        assert_eq!(r.id, "7");
        assert_eq!(r.src_lang, Lang::ar());
        assert!(!r.presegmented);
        let r = parse_jsonl(
            br#"{"src":"a","tgt":"b","src_lang":"de","tgt_lang":"fr","presegmented":true}"#,
            4,
            &o,
        )
        .unwrap();
        // No id: named by content, not by line, so that any partitioning
        // of the input gives the same name (issue 14).
        let again = parse_jsonl(
            br#"{"tgt":"b", "src":"a","src_lang":"de","tgt_lang":"fr","presegmented":true}"#,
            90,
            &o,
        )
        .unwrap();
        assert_eq!(r.id, again.id);
        assert_eq!(r.id.len(), 16);
        let other = parse_jsonl(br#"{"src":"a","tgt":"c"}"#, 4, &o).unwrap();
        assert_ne!(r.id, other.id);
        assert_eq!((r.src_lang, r.tgt_lang), (Lang::new("de"), Lang::new("fr")));
        assert!(r.presegmented);
        for (json, says) in [
            (&br#"{"id":"x","src":"a"}"#[..], "missing field \"tgt\""),
            (
                br#"{"id":"x","src":"a","tgt":3}"#,
                "\"tgt\" must be a string",
            ),
            (br#"{"id":"x","src":" ","tgt":"b"}"#, "src is empty"),
            (br#"{"id":"x","src":"a\u0000","tgt":"b"}"#, "NUL"),
            (br#"["a","b"]"#, "JSON object"),
            (b"{\"id\":\"x\",\"src\":\"\xff\"}", "not a JSON record"),
        ] {
            let e = parse_jsonl(json, 9, &o).unwrap_err();
            assert!(e.to_string().contains(says), "{e} / {says}");
            assert_eq!(e.line, 9);
        }
    }

    #[test]
    fn bad_records_are_skipped_and_order_is_kept() {
        let o = opts(InputFormat::Jsonl, OutputFormat::Jsonl);
        let mut input = String::new();
        for i in 0..20 {
            if i == 5 {
                input.push_str("{not json\n\n");
            }
            input.push_str(&format!(
                "{{\"id\":\"d{i}\",\"src\":\"جملة {i}.\\nأخرى.\",\"tgt\":\"Sentence {i}.\\nAnother.\",\"presegmented\":true}}\n"
            ));
        }
        let (out, summary, errors) = run_str(&input, &o);
        assert_eq!(summary.records, 21);
        assert_eq!(summary.skipped, 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 6);
        let docs: Vec<String> = out
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["doc"].as_str().unwrap().to_string()
            })
            .collect();
        let mut expected = Vec::new();
        for i in 0..20 {
            let n = docs.iter().filter(|d| **d == format!("d{i}")).count();
            assert!(n >= 1, "d{i} written");
            expected.extend(std::iter::repeat_n(format!("d{i}"), n));
        }
        assert_eq!(docs, expected, "records in input order");
    }

    #[test]
    fn bitextor_stream_repeats_no_header_and_leaves_out_one_sided_beads_by_default() {
        let mut o = opts(InputFormat::Bitextor, OutputFormat::Bitextor);
        let header = "src_url\ttrg_url\tsrc_text\ttrg_text\n";
        let line = format!(
            "a.ar\ta.en\t{}\t{}\n",
            b64("قال الرئيس إن الاجتماع ناجح.\nوأضاف أن 2024 عام مهم."),
            b64("The president said the meeting was a success.\nHe added that 2024 is an important year.")
        );
        let input = format!("{header}{line}{header}{line}");
        let (out, summary, errors) = run_str(&input, &o);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(summary.records, 2, "the repeated header is not a record");
        let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
        assert_eq!(rows.len(), summary.beads);
        assert!(rows
            .iter()
            .all(|r| r.len() == 5 && r[0] == "a.ar" && r[1] == "a.en"));
        assert!(rows.iter().all(|r| r[4].parse::<f64>().is_ok()));
        o.header = true;
        let (out, _, _) = run_str(&input, &o);
        assert!(out.starts_with("src_url\ttrg_url\tsrc_text\ttrg_text\tscore\n"));
    }

    #[test]
    fn bitextor_input_without_a_header_is_an_input_error() {
        let o = opts(InputFormat::Bitextor, OutputFormat::Jsonl);
        let aligner = Aligner::default();
        let err = run(
            io::Cursor::new(b"u\tv\tT25lLg==\tT25lLg==\n".to_vec()),
            Vec::new(),
            &o,
            &aligner,
            &aligner,
            &mut |_| {},
        )
        .unwrap_err();
        assert!(err.to_string().contains("standard input:1"), "{err}");
    }
}

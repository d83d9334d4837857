//! `wasl align`: one bilingual file, or a source and a target file, to
//! aligned pairs.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use std::sync::Arc;

use rayon::prelude::*;
use wasl::align::embedding::Embeddings;
use wasl::align::model::CorpusModel;
use wasl::align::Config;
use wasl::encoding::Encoding;
use wasl::input::split_sections;
use wasl::langcheck::{check_pair, Mismatch, SideText, FORCE_HINT};
use wasl::write::html::PageInfo;
use wasl::write::{self, check_outputs, AlignedDoc, Format};
use wasl::{Aligner, Document, Error, Lang, Result, Side};

use super::progress::Progress;
use super::Outcome;

#[derive(clap::Args)]
pub struct Args {
    /// One bilingual file (sections found by script), or SOURCE TARGET.
    /// `-` is standard input (one side at most); with no file at all,
    /// standard input is read as one bilingual file when it is not a
    /// terminal.
    #[arg(num_args = 0..=2, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Align every document pair in DIR: files NAME.SRC_EXT and
    /// NAME.TGT_EXT are a pair; -o names the output folder, where each pair
    /// is written as NAME.OUT_EXT. All pairs are aligned in one run, in
    /// parallel, with model parameters and lexicon estimated from all.
    /// With -f html (or -o NAME.html), -o names one page holding them all.
    #[arg(
        long,
        value_name = "DIR",
        conflicts_with = "inputs",
        requires = "output"
    )]
    pub batch: Option<PathBuf>,
    /// With --batch: extension of source files (default: --src-lang).
    #[arg(long, requires = "batch")]
    pub src_ext: Option<String>,
    /// With --batch: extension of target files (default: --tgt-lang).
    #[arg(long, requires = "batch")]
    pub tgt_ext: Option<String>,
    /// With --batch: extension of output files (default: the format's;
    /// empty: none, so outputs are named like the pairs).
    #[arg(long, requires = "batch")]
    pub out_ext: Option<String>,
    /// Output file; the format follows its extension (.csv, .tmx, .beads,
    /// .txt, .jsonl, .html) unless --format says; another extension is an
    /// error. Without it (or with `-`), output goes to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format: csv, tmx, beads, text (two files: OUTPUT.SRC and
    /// OUTPUT.TGT), jsonl, html (a review page). Default: from -o's
    /// extension, else csv.
    #[arg(short, long)]
    pub format: Option<String>,
    /// Source language (BCP 47 tag).
    #[arg(long, default_value = "ar", value_parser = Lang::parse)]
    pub src_lang: Lang,
    /// Target language (BCP 47 tag).
    #[arg(long, default_value = "en", value_parser = Lang::parse)]
    pub tgt_lang: Lang,
    /// Inputs are already one sentence per line: line N is sentence N.
    #[arg(long)]
    pub presegmented: bool,
    /// Encoding of inputs that are not UTF-8: a WHATWG name such as
    /// windows-1256, iso-8859-6, utf-16le. A file starting with a UTF-16
    /// byte-order mark is read as UTF-16 without it. Output is UTF-8.
    #[arg(long, value_name = "NAME", value_parser = wasl::encoding::for_label)]
    pub encoding: Option<&'static Encoding>,
    /// Align even when a side does not look like its declared language, or
    /// the two files look the wrong way round (by default such a run is
    /// refused; with --batch, such a pair is reported and skipped).
    #[arg(long)]
    pub force: bool,
    /// Write only the pairs scored P or more (a number from 0 to 1; the
    /// score as written, with four decimals) to TMX and text output, and
    /// say on standard error how many pairs and sentences were left out.
    /// CSV, JSON Lines, beads and HTML keep every bead with its score.
    #[arg(long, value_name = "P", value_parser = write::parse_min_score)]
    pub min_score: Option<f64>,
    /// Sentence embeddings of the source, as one more kind of evidence: a
    /// NumPy .npy file, float32 or float16, shape (sentences, dimension),
    /// row k for sentence k (of a --presegmented file, line k; of raw
    /// text, the sentences `wasl segment` prints). scripts/embed.py makes
    /// one. Needs --tgt-embed.
    #[arg(
        long,
        value_name = "FILE",
        requires = "tgt_embed",
        conflicts_with = "batch"
    )]
    pub src_embed: Option<PathBuf>,
    /// Sentence embeddings of the target (as --src-embed, same encoder).
    #[arg(
        long,
        value_name = "FILE",
        requires = "src_embed",
        conflicts_with = "batch"
    )]
    pub tgt_embed: Option<PathBuf>,
    /// With --batch: each pair's sentence embeddings are NAME.SRC_EXT.npy
    /// and NAME.TGT_EXT.npy beside its files (as --src-embed says); a pair
    /// without them is reported and skipped.
    #[arg(long, requires = "batch")]
    pub embed: bool,
    #[command(flatten)]
    pub model: ModelArgs,
}

/// Settings of the alignment model (shared by `align` and `stream`).
#[derive(clap::Args, Clone, Debug)]
pub struct ModelArgs {
    /// Largest number of sentences on one side of a bead.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u8).range(1..=16))]
    pub max_bead: u8,
    /// Re-estimation passes after the first (default 2; with --model, 0:
    /// what the model knows replaces what more passes would estimate).
    #[arg(long)]
    pub passes: Option<usize>,
    /// Do not learn a word-translation lexicon from the input (IBM Model 1).
    #[arg(long)]
    pub no_learned_lexicon: bool,
    /// Do not use anchors (numbers, names, Latin tokens, punctuation).
    #[arg(long)]
    pub no_anchors: bool,
    /// Do not use paragraph structure (raw text's paragraphs; indented
    /// lines of presegmented input).
    #[arg(long)]
    pub no_paragraphs: bool,
    /// Search the whole grid even for long documents (slow; for checking
    /// that the banded search loses nothing).
    #[arg(long)]
    pub exact: bool,
    /// Bilingual dictionary: hunalign format (`target @ source` per line),
    /// a FreeDict/dictd database by its `.index` file (e.g.
    /// /usr/share/dictd/freedict-ara-eng.index from dict-freedict-ara-eng),
    /// or `freedict`: the FreeDict database Debian installs for the
    /// language pair, in either direction.
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,
    /// A corpus model made by `wasl learn`: start from what it learned
    /// instead of generic values, and align in one pass.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Which path to write: `viterbi`, the most probable path, or
    /// `posterior`, the path with the most beads expected right (the sum
    /// of its beads' posterior probabilities).
    #[arg(long, value_enum, default_value_t = DecodeArg::Viterbi)]
    pub decode: DecodeArg,
}

/// `--decode`'s values.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeArg {
    Viterbi,
    Posterior,
}

impl ModelArgs {
    /// The aligner these settings describe.
    pub fn aligner(&self, src: &Lang, tgt: &Lang) -> Result<Aligner> {
        let dictionary = match self.dict_path(src, tgt)? {
            Some(path) => Some(wasl::dict::load(path, src, tgt)?),
            None => None,
        };
        let model = match &self.model {
            Some(path) => {
                let m = CorpusModel::read(path)?;
                m.check_pair(src, tgt, path)?;
                Some(Arc::new(m))
            }
            None => None,
        };
        let passes = self.passes.unwrap_or(if model.is_some() { 0 } else { 2 });
        Ok(Aligner::new(Config {
            max_bead: self.max_bead as usize,
            passes,
            learn_lexicon: !self.no_learned_lexicon,
            anchors: !self.no_anchors,
            paragraphs: !self.no_paragraphs,
            dictionary,
            exact: self.exact,
            model,
            decode: match self.decode {
                DecodeArg::Viterbi => wasl::align::Decode::Viterbi,
                DecodeArg::Posterior => wasl::align::Decode::Posterior,
            },
        }))
    }

    /// The dictionary file: as given, or for `freedict` the database
    /// Debian installs for the pair.
    pub fn dict_path(&self, src: &Lang, tgt: &Lang) -> Result<Option<PathBuf>> {
        Ok(match &self.dict {
            Some(p) if p.as_os_str() == "freedict" && !p.exists() => Some(
                wasl::dict::find_freedict(Path::new(wasl::dict::FREEDICT_DIR), src, tgt)?,
            ),
            other => other.clone(),
        })
    }

    /// The files these settings read (dictionary, model), for the check
    /// that no output is an input.
    pub fn inputs(&self) -> Vec<PathBuf> {
        self.dict.iter().chain(&self.model).cloned().collect()
    }

    /// The settings as the HTML page's summary lists them.
    pub fn describe(&self) -> Vec<(String, String)> {
        let mut evidence = vec!["bead-type priors", "length"];
        if !self.no_anchors {
            evidence.push("anchors");
        }
        if !self.no_learned_lexicon {
            evidence.push("learned lexicon");
        }
        if self.dict.is_some() {
            evidence.push("dictionary");
        }
        if !self.no_paragraphs {
            evidence.push("paragraphs");
        }
        let row = |k: &str, v: String| (k.to_string(), v);
        let passes = self
            .passes
            .unwrap_or(if self.model.is_some() { 0 } else { 2 });
        vec![
            row(
                "model",
                match &self.model {
                    Some(p) => format!(
                        "{} (corpus model: parameters and lexicon start from it)",
                        p.display()
                    ),
                    None => "none given: every parameter estimated from this run".into(),
                },
            ),
            row("evidence", evidence.join(", ")),
            row(
                "dictionary",
                self.dict
                    .as_ref()
                    .map_or("none".into(), |p| p.display().to_string()),
            ),
            row("largest bead side (--max-bead)", self.max_bead.to_string()),
            row("re-estimation passes (--passes)", passes.to_string()),
            row(
                "search",
                if self.exact {
                    "exact (--exact)"
                } else {
                    "exact when small, else banded coarse-to-fine"
                }
                .into(),
            ),
        ]
    }
}

impl Args {
    /// What the HTML page says about this run.
    fn page_info(&self, title: String) -> PageInfo {
        let mut settings = vec![
            (
                "input".to_string(),
                match &self.batch {
                    Some(dir) => dir.display().to_string(),
                    None => self
                        .inputs
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(" + "),
                },
            ),
            (
                "languages".to_string(),
                format!("{} → {}", self.src_lang, self.tgt_lang),
            ),
            (
                "input is".to_string(),
                if self.presegmented {
                    "presegmented: one sentence a line"
                } else {
                    "raw text, segmented by wasl"
                }
                .into(),
            ),
        ];
        settings.extend(self.model.describe());
        PageInfo { title, settings }
    }
}

pub fn run(args: Args) -> Result<Outcome> {
    if let Some(dir) = &args.batch {
        return run_batch(&args, dir);
    }
    // `-o -` is standard output, as everywhere in Unix.
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    // An output that is an input is refused first, whatever else is wrong
    // with the command (an -o extension wasl does not write, for one).
    let format = output_format(args.format.as_deref(), output);
    let guarded = format.as_ref().copied().unwrap_or(Format::Csv);
    let (src_lang, tgt_lang) = (args.src_lang.clone(), args.tgt_lang.clone());
    let files = super::inputs_or_stdin(&args.inputs)?;
    // Nothing is read or written before it is clear that no output is an
    // input: a run must never destroy what it reads.
    let mut inputs: Vec<PathBuf> = files
        .iter()
        .filter(|p| !super::is_stdin(p))
        .cloned()
        .collect();
    inputs.extend(args.model.inputs());
    inputs.extend(args.src_embed.iter().chain(&args.tgt_embed).cloned());
    check_outputs(
        &output_paths(guarded, output, &src_lang, &tgt_lang),
        &inputs,
    )?;
    let format = format?;
    // Both files are read (and below, segmented) at once, one per core.
    // (The first file's error is reported when both fail.)
    let docs: Vec<Document> = files
        .par_iter()
        .map(|p| read_nonblank(p, args.encoding))
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<_>>()?;
    let (src, tgt, id) = match docs.as_slice() {
        [one] => {
            if args.presegmented {
                return Err(Error::Usage(
                    "--presegmented needs two files, SOURCE and TARGET".into(),
                ));
            }
            let sections = split_sections(one, &src_lang, &tgt_lang)?;
            if !args.force {
                // Each section against its language: a bilingual file is
                // split by script, but its Latin side may be French when
                // --tgt-lang says English.
                let join = |paras: &[std::ops::Range<usize>]| {
                    paras
                        .iter()
                        .map(|r| &one.text[r.clone()])
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                let (s, t) = (join(&sections.source), join(&sections.target));
                check_pair(
                    SideText {
                        path: &one.path,
                        text: &s,
                        lang: &src_lang,
                    },
                    SideText {
                        path: &one.path,
                        text: &t,
                        lang: &tgt_lang,
                    },
                )?;
            }
            let (src, tgt) = rayon::join(
                || Side::segment(src_lang, &one.text, &sections.source),
                || Side::segment(tgt_lang, &one.text, &sections.target),
            );
            (src, tgt, one.id.clone())
        }
        [s, t] => {
            if !args.force {
                check_files(s, &src_lang, t, &tgt_lang)?;
            }
            // The source's id: its file stem (`dev` for `dev.de` and
            // `dev.fr`, which share it), or `stdin`.
            let pre = args.presegmented;
            let (src, tgt) =
                rayon::join(|| side_of(src_lang, s, pre), || side_of(tgt_lang, t, pre));
            (src, tgt, s.id.clone())
        }
        _ => unreachable!("clap allows one or two inputs"),
    };
    let aligner = args.model.aligner(&src.lang, &tgt.lang)?;
    let embeddings = match (&args.src_embed, &args.tgt_embed) {
        (Some(s), Some(t)) => {
            let (se, te) = rayon::join(|| Embeddings::read(s), || Embeddings::read(t));
            let (se, te) = (se?, te?);
            let name = |k: usize| {
                files
                    .get(k)
                    .or(files.first())
                    .map_or("the input".to_string(), |p| p.display().to_string())
            };
            check_embeddings(&se, &te, &src, &tgt, &name(0), &name(1))?;
            Some((se, te))
        }
        _ => None,
    };
    let progress = Progress::new(super::quiet());
    let what = format!("1 document, {} + {} sentences", src.len(), tgt.len());
    let alignment = aligner
        .align_batch_embedded(
            &[(&src, &tgt)],
            &[embeddings.as_ref().map(|(s, t)| (s, t))],
            &progress.aligner_stages(&what),
        )?
        .pop()
        .unwrap_or_default();
    let doc = AlignedDoc {
        id: &id,
        src: &src,
        tgt: &tgt,
        alignment: &alignment,
    };
    progress.phase("writing");
    let page = args.page_info(id.clone());
    let stats = emit(format, &[doc], output, &page, args.min_score)?;
    report_left_out(format, &stats, args.min_score, &progress);
    Ok(Outcome::Done)
}

/// Refuses embeddings that are not one row per sentence of their side
/// (`src_name`, `tgt_name`: the files the sides came from), or whose sides
/// differ in dimension.
fn check_embeddings(
    se: &Embeddings,
    te: &Embeddings,
    src: &Side,
    tgt: &Side,
    src_name: &str,
    tgt_name: &str,
) -> Result<()> {
    se.check_count(src.len(), src_name)?;
    te.check_count(tgt.len(), tgt_name)?;
    Embeddings::check_pair(se, te)
}

/// The embedding files of pair `name` in a batch folder.
fn embed_paths(dir: &Path, name: &str, src_ext: &str, tgt_ext: &str) -> (PathBuf, PathBuf) {
    (
        dir.join(format!("{name}.{src_ext}.npy")),
        dir.join(format!("{name}.{tgt_ext}.npy")),
    )
}

/// Checks two files against their declared languages. Files given the
/// wrong way round get the command line to run instead: the one this run
/// was given, with the two files swapped.
fn check_files(s: &Document, src: &Lang, t: &Document, tgt: &Lang) -> Result<()> {
    match check_pair(SideText::of(s, src), SideText::of(t, tgt)) {
        Err(Error::Lang(m)) if matches!(*m, Mismatch::Swapped { .. }) => {
            let (a, b) = (s.path.as_os_str(), t.path.as_os_str());
            let fix = match swapped_command(a, b) {
                Some(cmd) => format!("run `{cmd}`"),
                None => format!("give {} first", t.path.display()),
            };
            Err(Error::Usage(format!("{}; {fix}{FORCE_HINT}", m.facts())))
        }
        other => other,
    }
}

/// This run's command line with the arguments `a` and `b` swapped, quoted
/// for a POSIX shell, the program named `wasl`.
fn swapped_command(a: &OsStr, b: &OsStr) -> Option<String> {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    let i = args.iter().skip(1).position(|x| x == a)? + 1;
    let j = args.iter().skip(1).rposition(|x| x == b)? + 1;
    args.swap(i, j);
    args[0] = "wasl".into();
    Some(
        args.iter()
            .map(|x| shell_quote(&x.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// `word` as a POSIX shell reads it back: as it is when it holds nothing
/// the shell treats specially, else in single quotes.
fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%".contains(&b) || b >= 0x80);
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Reads a file (or standard input, `-`) that must hold some text.
pub fn read_nonblank(path: &Path, encoding: Option<&'static Encoding>) -> Result<Document> {
    let d = super::read_input(path, encoding)?;
    if d.is_blank() {
        return Err(Error::Empty {
            path: d.path.clone(),
            what: "the file".into(),
        });
    }
    Ok(d)
}

/// The files writing `format` to `output` creates: one, or for
/// line-aligned text the two `PREFIX.SRC` and `PREFIX.TGT`.
fn output_paths(format: Format, output: Option<&Path>, src: &Lang, tgt: &Lang) -> Vec<PathBuf> {
    match output {
        None => Vec::new(),
        Some(p) if format == Format::Text => {
            let (s, t) = write::text::text_paths(p, src, tgt);
            vec![s, t]
        }
        Some(p) => vec![p.to_path_buf()],
    }
}

/// `--batch`: every `NAME.SRC_EXT` + `NAME.TGT_EXT` pair in `dir`.
///
/// A pair that cannot be aligned (unreadable, empty, not UTF-8) or a file
/// without its partner is reported and left out, and the others are
/// aligned and written: one bad file in a corpus of thousands must not
/// cost the rest. The run then ends with [`Outcome::Partial`] (exit 1).
fn run_batch(args: &Args, dir: &Path) -> Result<Outcome> {
    // -o names a folder, so its extension says nothing about the format,
    // except that a NAME.html is the one page a review of a batch is.
    let format = match (&args.format, &args.output) {
        (Some(n), _) => output_format(Some(n), None)?,
        (None, Some(o)) if Format::from_path(o) == Some(Format::Html) => Format::Html,
        (None, _) => Format::Csv,
    };
    let progress = Progress::new(super::quiet());
    let src_ext = args
        .src_ext
        .clone()
        .unwrap_or_else(|| args.src_lang.tag().to_string());
    let tgt_ext = args
        .tgt_ext
        .clone()
        .unwrap_or_else(|| args.tgt_lang.tag().to_string());
    if src_ext == tgt_ext {
        return Err(Error::Usage(format!(
            "--src-ext and --tgt-ext are both '{src_ext}': a pair needs two extensions"
        )));
    }
    let out_ext = args
        .out_ext
        .clone()
        .unwrap_or_else(|| format.extension().to_string());
    // `requires = "output"` on --batch guarantees it.
    let out_dir = args.output.as_deref().unwrap_or(Path::new("."));
    if format != Format::Html && out_dir.exists() && !out_dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: not a folder; with --batch, -o names the folder each pair's output is written into",
            out_dir.display()
        )));
    }
    let listing = list_pairs(dir, &src_ext, &tgt_ext)?;
    let mut failed = listing.report_lone(dir);
    if listing.pairs.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no document pairs NAME.{src_ext} + NAME.{tgt_ext} found",
            dir.display()
        )));
    }
    let (src_lang, tgt_lang) = (args.src_lang.clone(), args.tgt_lang.clone());
    let out_path = |name: &str| {
        if out_ext.is_empty() {
            out_dir.join(name)
        } else {
            out_dir.join(format!("{name}.{out_ext}"))
        }
    };
    // Every output against every input, before anything is read or written.
    let mut inputs: Vec<PathBuf> = listing
        .pairs
        .iter()
        .flat_map(|n| {
            [
                dir.join(format!("{n}.{src_ext}")),
                dir.join(format!("{n}.{tgt_ext}")),
            ]
        })
        .collect();
    inputs.extend(args.model.inputs());
    if args.embed {
        for n in &listing.pairs {
            let (s, t) = embed_paths(dir, n, &src_ext, &tgt_ext);
            inputs.extend([s, t]);
        }
    }
    let outputs: Vec<PathBuf> = listing
        .pairs
        .iter()
        .flat_map(|n| output_paths(format, Some(&out_path(n)), &src_lang, &tgt_lang))
        .collect();
    check_outputs(&outputs, &inputs)?;
    let aligner = args.model.aligner(&src_lang, &tgt_lang)?;
    // Each pair read on its own; a bad one is reported, in name order.
    type Read = (Document, Document, Option<(Embeddings, Embeddings)>);
    let read: Vec<Result<Read>> = listing
        .pairs
        .par_iter()
        .map(|n| {
            let s = read_nonblank(&dir.join(format!("{n}.{src_ext}")), args.encoding)?;
            let t = read_nonblank(&dir.join(format!("{n}.{tgt_ext}")), args.encoding)?;
            // Every pair is checked before any is aligned, so every
            // mislabelled pair is reported, not only the first.
            if !args.force {
                check_pair(SideText::of(&s, &src_lang), SideText::of(&t, &tgt_lang))?;
            }
            let emb = if args.embed {
                let (sp, tp) = embed_paths(dir, n, &src_ext, &tgt_ext);
                Some((Embeddings::read(&sp)?, Embeddings::read(&tp)?))
            } else {
                None
            };
            Ok((s, t, emb))
        })
        .collect();
    let mut names = Vec::new();
    let mut docs = Vec::new();
    let swapped = read
        .iter()
        .filter(|r| matches!(r, Err(Error::Lang(m)) if matches!(**m, Mismatch::Swapped { .. })))
        .count();
    if swapped == listing.pairs.len() {
        // One cause for all: say it once, with the fix.
        return Err(Error::Usage(format!(
            "{}: every pair is the wrong way round (NAME.{src_ext} files are in {}, NAME.{tgt_ext} \
             files in {}): give --src-ext {tgt_ext} --tgt-ext {src_ext}{FORCE_HINT}",
            dir.display(),
            tgt_lang.name(),
            src_lang.name(),
        )));
    }
    for (name, r) in listing.pairs.iter().zip(read) {
        match r {
            Ok(pair) => {
                names.push(name.clone());
                docs.push(pair);
            }
            Err(e) => {
                eprintln!("wasl: {e}; pair {name} skipped");
                failed += 1;
            }
        }
    }
    if docs.is_empty() {
        return Err(Error::Usage(format!(
            "{}: none of the {} document pairs could be read (see above)",
            dir.display(),
            listing.pairs.len()
        )));
    }
    let sides: Vec<(Side, Side)> = docs
        .par_iter()
        .map(|(s, t, _)| {
            (
                side_of(src_lang.clone(), s, args.presegmented),
                side_of(tgt_lang.clone(), t, args.presegmented),
            )
        })
        .collect();
    // Embeddings that do not fit their pair's sentences: the pair is
    // reported and left out, as an unreadable one is.
    let fits: Vec<bool> = docs
        .iter()
        .zip(&sides)
        .zip(&names)
        .map(|(((s, t, emb), (ss, ts)), name)| match emb {
            Some((se, te)) => {
                let (sn, tn) = (s.path.display().to_string(), t.path.display().to_string());
                match check_embeddings(se, te, ss, ts, &sn, &tn) {
                    Ok(()) => true,
                    Err(e) => {
                        eprintln!("wasl: {e}; pair {name} skipped");
                        false
                    }
                }
            }
            None => true,
        })
        .collect();
    failed += fits.iter().filter(|f| !**f).count();
    let keep = |k: &usize| fits[*k];
    let names: Vec<String> = (0..names.len())
        .filter(keep)
        .map(|k| names[k].clone())
        .collect();
    let embeddings: Vec<Option<(&Embeddings, &Embeddings)>> = (0..docs.len())
        .filter(keep)
        .map(|k| docs[k].2.as_ref().map(|(s, t)| (s, t)))
        .collect();
    let sides: Vec<(Side, Side)> = sides
        .into_iter()
        .enumerate()
        .filter(|(k, _)| keep(k))
        .map(|(_, x)| x)
        .collect();
    if sides.is_empty() {
        return Err(Error::Usage(format!(
            "{}: none of the {} document pairs could be aligned (see above)",
            dir.display(),
            listing.pairs.len()
        )));
    }
    let pairs: Vec<(&Side, &Side)> = sides.iter().map(|(s, t)| (s, t)).collect();
    let what = format!(
        "{} documents, {} + {} sentences",
        names.len(),
        sides.iter().map(|(s, _)| s.len()).sum::<usize>(),
        sides.iter().map(|(_, t)| t.len()).sum::<usize>()
    );
    let alignments =
        aligner.align_batch_embedded(&pairs, &embeddings, &progress.aligner_stages(&what))?;
    let docs: Vec<AlignedDoc> = names
        .iter()
        .zip(&sides)
        .zip(&alignments)
        .map(|((name, (src, tgt)), alignment)| AlignedDoc {
            id: name,
            src,
            tgt,
            alignment,
        })
        .collect();
    if format == Format::Html {
        // One page for the run: -o is the page's file, not a folder.
        if out_dir.is_dir() {
            return Err(Error::Usage(format!(
                "{}: is a directory; with --batch, an HTML review is one page: \
                 give -o a file name such as review.html",
                out_dir.display()
            )));
        }
        progress.phase("writing the review page");
        let page = args.page_info(format!("{} documents from {}", docs.len(), dir.display()));
        emit(format, &docs, Some(out_dir), &page, args.min_score)?;
        report_left_out(format, &write::Stats::default(), args.min_score, &progress);
    } else {
        std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
        progress.steps("writing", docs.len());
        let page = PageInfo::default();
        // One report for the whole batch, not one per file.
        let mut stats = write::Stats::default();
        for doc in &docs {
            stats += emit(
                format,
                &[*doc],
                Some(&out_path(doc.id)),
                &page,
                args.min_score,
            )?;
            progress.inc();
        }
        report_left_out(format, &stats, args.min_score, &progress);
    }
    super::note(format!(
        "aligned {} into {}{}",
        plural(names.len(), "document pair"),
        out_dir.display(),
        if failed > 0 {
            format!("; {} not (see above)", plural(failed, "pair"))
        } else {
            String::new()
        }
    ));
    Ok(if failed > 0 {
        Outcome::Partial
    } else {
        Outcome::Done
    })
}

/// What a batch folder holds: complete pairs by name, and files whose
/// partner is missing (`(stem, its extension, the missing extension)`).
pub struct Listing {
    pub pairs: Vec<String>,
    pub lone: Vec<(String, String, String)>,
}

impl Listing {
    /// Reports each file without its partner on standard error; returns
    /// how many there were.
    pub fn report_lone(&self, dir: &Path) -> usize {
        for (stem, ext, other) in &self.lone {
            eprintln!(
                "wasl: {}: no {stem}.{other} beside it; skipped",
                dir.join(format!("{stem}.{ext}")).display()
            );
        }
        self.lone.len()
    }
}

pub fn list_pairs(dir: &Path, src_ext: &str, tgt_ext: &str) -> Result<Listing> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let (mut srcs, mut tgts) = (BTreeSet::new(), BTreeSet::new());
    for e in entries {
        let path = e.map_err(|e| Error::io(dir, e))?.path();
        let (Some(ext), Some(stem)) = (
            path.extension().and_then(|x| x.to_str()),
            path.file_stem().and_then(|s| s.to_str()),
        ) else {
            continue;
        };
        if ext == src_ext {
            srcs.insert(stem.to_string());
        } else if ext == tgt_ext {
            tgts.insert(stem.to_string());
        }
    }
    let mut lone: Vec<(String, String, String)> = srcs
        .difference(&tgts)
        .map(|s| (s.clone(), src_ext.to_string(), tgt_ext.to_string()))
        .chain(
            tgts.difference(&srcs)
                .map(|s| (s.clone(), tgt_ext.to_string(), src_ext.to_string())),
        )
        .collect();
    lone.sort();
    Ok(Listing {
        pairs: srcs.intersection(&tgts).cloned().collect(),
        lone,
    })
}

/// `1 pair`, `2 pairs`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// One whole file as one side.
pub fn side_of(lang: Lang, doc: &Document, presegmented: bool) -> Side<'_> {
    if presegmented {
        Side::presegmented(lang, &doc.text)
    } else {
        Side::segment(lang, &doc.text, &doc.paragraphs())
    }
}

/// The format asked for, or the one `-o`'s extension implies, or CSV (no
/// `-o`, or an `-o` without extension). An extension wasl does not know
/// (`.xlsx`, `.tsv`) is an error rather than CSV under a misleading name.
pub fn output_format(name: Option<&str>, output: Option<&Path>) -> Result<Format> {
    match (name, output) {
        (Some(n), _) => Format::from_name(n)
            .ok_or_else(|| Error::Usage(format!("unknown format '{n}': use {}", Format::NAMES))),
        (None, Some(p)) => match p.extension() {
            None => Ok(Format::Csv),
            Some(ext) => Format::from_path(p).ok_or_else(|| {
                Error::Usage(format!(
                    "{}: wasl does not write .{} files; give --format {} \
                     (or an -o ending in .csv, .tmx, .beads, .txt, .jsonl or .html)",
                    p.display(),
                    ext.to_string_lossy(),
                    Format::NAMES
                ))
            }),
        },
        (None, None) => Ok(Format::Csv),
    }
}

/// Writes the aligned documents to `output` (atomically) or to stdout,
/// the pair formats (TMX, text) only the pairs scored at least
/// `min_score`, and returns what was written and left out. `page` is what
/// an HTML page says about the run.
fn emit(
    format: Format,
    docs: &[AlignedDoc],
    output: Option<&Path>,
    page: &PageInfo,
    min_score: Option<f64>,
) -> Result<write::Stats> {
    if format == Format::Text {
        let Some(prefix) = output else {
            return Err(Error::Usage(
                "text output is two files (one per language): give -o PREFIX".into(),
            ));
        };
        return write::text::write_text_files_filtered(docs, prefix, min_score);
    }
    let mut stats = write::Stats::default();
    let mut body = |w: &mut dyn Write| -> io::Result<()> {
        stats = if format == Format::Html {
            write::html::write_page(docs, page, w)?
        } else {
            write::write_docs_filtered(format, docs, min_score, w)?
        };
        Ok(())
    };
    match output {
        Some(path) => write::write_atomically(path, body)?,
        None => {
            let stdout = io::stdout();
            let mut w = io::BufWriter::new(stdout.lock());
            body(&mut w)
                .and_then(|_| w.flush())
                .map_err(|e| Error::io("<stdout>", e))?
        }
    }
    Ok(stats)
}

/// Says on standard error what a pairs-only format (TMX, text) left out —
/// beads with one empty side, pairs below `--min-score` — so no sentence
/// disappears without a word; and that `--min-score` leaves the formats
/// that keep every bead as they are. `-q` silences it.
fn report_left_out(
    format: Format,
    stats: &write::Stats,
    min_score: Option<f64>,
    progress: &Progress,
) {
    if super::quiet() {
        return;
    }
    if format.pairs_only() && stats.one_sided > 0 {
        progress.eprintln(&format!(
            "{} of {} beads have text on one side only ({} source, {} target sentences); \
             {} output holds pairs only, so they are not in it (csv, jsonl and beads keep them)",
            stats.one_sided,
            stats.beads,
            stats.src_sentences_left_out,
            stats.tgt_sentences_left_out,
            format.name()
        ));
    }
    let Some(min) = min_score else {
        return;
    };
    if format.pairs_only() {
        progress.eprintln(&format!(
            "wasl: --min-score {min}: {} of {} pairs scored below it left out of the {} output \
             ({} source, {} target sentences); {} written (csv, jsonl and beads keep every bead)",
            stats.below_min_score,
            stats.below_min_score + stats.written,
            format.name(),
            stats.src_sentences_below_min_score,
            stats.tgt_sentences_below_min_score,
            plural(stats.written, "pair"),
        ));
    } else {
        progress.eprintln(&format!(
            "wasl: --min-score filters tmx and text output only; {} output keeps every bead \
             with its score",
            format.name()
        ));
    }
}

//! `wasl align`: one bilingual file, or a source and a target file, to
//! aligned pairs.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use wasl::align::Config;
use wasl::input::split_sections;
use wasl::write::html::PageInfo;
use wasl::write::{self, AlignedDoc, Format};
use wasl::{Aligner, Document, Error, Lang, Result, Side};

use super::progress::Progress;

#[derive(clap::Args)]
pub struct Args {
    /// One bilingual file (sections found by script), or SOURCE TARGET.
    #[arg(required_unless_present = "batch", num_args = 1..=2, value_name = "FILE")]
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
    /// error. Without it, output goes to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format: csv, tmx, beads, text (two files: OUTPUT.SRC and
    /// OUTPUT.TGT), jsonl, html (a review page). Default: from -o's
    /// extension, else csv.
    #[arg(short, long)]
    pub format: Option<String>,
    /// No progress bar and no summary line on standard error (warnings
    /// stay). The bar shows only on a terminal, and only after a second.
    #[arg(short, long)]
    pub quiet: bool,
    /// Source language (BCP 47 tag).
    #[arg(long, default_value = "ar")]
    pub src_lang: String,
    /// Target language (BCP 47 tag).
    #[arg(long, default_value = "en")]
    pub tgt_lang: String,
    /// Inputs are already one sentence per line: line N is sentence N.
    #[arg(long)]
    pub presegmented: bool,
    #[command(flatten)]
    pub model: ModelArgs,
}

/// Settings of the alignment model (shared by `align` and `stream`).
#[derive(clap::Args, Clone, Debug)]
pub struct ModelArgs {
    /// Largest number of sentences on one side of a bead.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u8).range(1..=16))]
    pub max_bead: u8,
    /// Re-estimation passes after the first (0 = generic values only).
    #[arg(long, default_value_t = 2)]
    pub passes: usize,
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
    /// or a FreeDict/dictd database by its `.index` file (e.g.
    /// /usr/share/dictd/freedict-ara-eng.index from dict-freedict-ara-eng).
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,
}

impl ModelArgs {
    /// The aligner these settings describe.
    pub fn aligner(&self, src: &Lang, tgt: &Lang) -> Result<Aligner> {
        let dictionary = match &self.dict {
            Some(path) => Some(wasl::dict::load(path, src, tgt)?),
            None => None,
        };
        Ok(Aligner::new(Config {
            max_bead: self.max_bead as usize,
            passes: self.passes,
            learn_lexicon: !self.no_learned_lexicon,
            anchors: !self.no_anchors,
            paragraphs: !self.no_paragraphs,
            dictionary,
            exact: self.exact,
        }))
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
        vec![
            row(
                "model",
                "none given: every parameter estimated from this run".into(),
            ),
            row("evidence", evidence.join(", ")),
            row(
                "dictionary",
                self.dict
                    .as_ref()
                    .map_or("none".into(), |p| p.display().to_string()),
            ),
            row("largest bead side (--max-bead)", self.max_bead.to_string()),
            row("re-estimation passes (--passes)", self.passes.to_string()),
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

pub fn run(args: Args) -> Result<()> {
    if let Some(dir) = &args.batch {
        return run_batch(&args, dir);
    }
    let format = output_format(args.format.as_deref(), args.output.as_deref())?;
    let progress = Progress::new(args.quiet);
    progress.phase("reading");
    let (src_lang, tgt_lang) = (Lang::new(&args.src_lang), Lang::new(&args.tgt_lang));
    // Both files are read (and below, segmented) at once, one per core.
    // (The first file's error is reported when both fail.)
    let docs: Vec<Document> = args
        .inputs
        .par_iter()
        .map(Document::read)
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<_>>()?;
    for d in &docs {
        if d.is_blank() {
            return Err(Error::Empty {
                path: d.path.clone(),
                what: "the file".into(),
            });
        }
    }
    progress.phase("segmenting");
    let (src, tgt, id) = match docs.as_slice() {
        [one] => {
            if args.presegmented {
                return Err(Error::Usage(
                    "--presegmented needs two files, SOURCE and TARGET".into(),
                ));
            }
            let sections = split_sections(one, &src_lang, &tgt_lang)?;
            let (src, tgt) = rayon::join(
                || Side::segment(src_lang, &one.text, &sections.source),
                || Side::segment(tgt_lang, &one.text, &sections.target),
            );
            (src, tgt, one.id.clone())
        }
        [s, t] => {
            let pre = args.presegmented;
            let (src, tgt) =
                rayon::join(|| side_of(src_lang, s, pre), || side_of(tgt_lang, t, pre));
            (src, tgt, pair_id(&s.path))
        }
        _ => unreachable!("clap allows one or two inputs"),
    };
    let aligner = args.model.aligner(&src.lang, &tgt.lang)?;
    let what = format!("1 document, {} + {} sentences", src.len(), tgt.len());
    let alignment = aligner
        .align_batch_with(&[(&src, &tgt)], &progress.aligner_stages(&what))
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
    emit(format, &[doc], args.output.as_deref(), &page, &progress)
}

/// `--batch`: every `NAME.SRC_EXT` + `NAME.TGT_EXT` pair in `dir`.
fn run_batch(args: &Args, dir: &Path) -> Result<()> {
    // -o names a folder, so its extension says nothing about the format,
    // except that a NAME.html is the one page a review of a batch is.
    let format = match (&args.format, &args.output) {
        (Some(n), _) => output_format(Some(n), None)?,
        (None, Some(o)) if Format::from_path(o) == Some(Format::Html) => Format::Html,
        (None, _) => Format::Csv,
    };
    let progress = Progress::new(args.quiet);
    let src_ext = args
        .src_ext
        .clone()
        .unwrap_or_else(|| args.src_lang.clone());
    let tgt_ext = args
        .tgt_ext
        .clone()
        .unwrap_or_else(|| args.tgt_lang.clone());
    let out_ext = args
        .out_ext
        .clone()
        .unwrap_or_else(|| format.extension().to_string());
    // `requires = "output"` on --batch guarantees it.
    let out_dir = args.output.as_deref().unwrap_or(Path::new("."));
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut names = Vec::new();
    for e in entries {
        let path = e.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().and_then(|x| x.to_str()) == Some(src_ext.as_str()) {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                names.push(stem.to_string());
            }
        }
    }
    names.sort();
    let mut unpaired = Vec::new();
    names.retain(|n| {
        let ok = dir.join(format!("{n}.{tgt_ext}")).is_file();
        if !ok {
            unpaired.push(n.clone());
        }
        ok
    });
    if names.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no document pairs NAME.{src_ext} + NAME.{tgt_ext} found",
            dir.display()
        )));
    }
    for n in &unpaired {
        progress.eprintln(&format!(
            "wasl: {}: no {n}.{tgt_ext} beside it; skipped",
            dir.join(format!("{n}.{src_ext}")).display()
        ));
    }
    let read = |ext: &str| -> Result<Vec<Document>> {
        progress.steps(format!("reading .{ext} files"), names.len());
        names
            .iter()
            .map(|n| {
                let d = Document::read(dir.join(format!("{n}.{ext}")))?;
                if d.is_blank() {
                    return Err(Error::Empty {
                        path: d.path.clone(),
                        what: "the file".into(),
                    });
                }
                progress.inc();
                Ok(d)
            })
            .collect()
    };
    let (srcs, tgts) = (read(&src_ext)?, read(&tgt_ext)?);
    let (src_lang, tgt_lang) = (Lang::new(&args.src_lang), Lang::new(&args.tgt_lang));
    progress.steps("segmenting", names.len());
    let sides: Vec<(Side, Side)> = srcs
        .iter()
        .zip(&tgts)
        .map(|(s, t)| {
            let pair = (
                side_of(src_lang.clone(), s, args.presegmented),
                side_of(tgt_lang.clone(), t, args.presegmented),
            );
            progress.inc();
            pair
        })
        .collect();
    let pairs: Vec<(&Side, &Side)> = sides.iter().map(|(s, t)| (s, t)).collect();
    let what = format!(
        "{} documents, {} + {} sentences",
        names.len(),
        sides.iter().map(|(s, _)| s.len()).sum::<usize>(),
        sides.iter().map(|(_, t)| t.len()).sum::<usize>()
    );
    let alignments = args
        .model
        .aligner(&src_lang, &tgt_lang)?
        .align_batch_with(&pairs, &progress.aligner_stages(&what));
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
        emit(format, &docs, Some(out_dir), &page, &progress)?;
        if !args.quiet {
            progress.eprintln(&format!(
                "wasl: aligned {} document pairs into {}",
                names.len(),
                out_dir.display()
            ));
        }
        return Ok(());
    }
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    progress.steps("writing", docs.len());
    let page = PageInfo::default();
    for doc in &docs {
        let out = if out_ext.is_empty() {
            out_dir.join(doc.id)
        } else {
            out_dir.join(format!("{}.{out_ext}", doc.id))
        };
        emit(format, &[*doc], Some(&out), &page, &progress)?;
        progress.inc();
    }
    if !args.quiet {
        progress.eprintln(&format!(
            "wasl: aligned {} document pairs into {}",
            names.len(),
            out_dir.display()
        ));
    }
    Ok(())
}

/// One whole file as one side.
fn side_of(lang: Lang, doc: &Document, presegmented: bool) -> Side<'_> {
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

/// Document id for a two-file pair: the source file's stem (`dev` for
/// `dev.de` and `dev.fr`, which share it).
fn pair_id(src: &Path) -> String {
    src.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Writes the aligned documents to `output` (atomically) or to stdout, and
/// says on stderr what a pairs-only format (TMX, text) left out, so no
/// sentence disappears without a word. `page` is what an HTML page says
/// about the run.
fn emit(
    format: Format,
    docs: &[AlignedDoc],
    output: Option<&Path>,
    page: &PageInfo,
    progress: &Progress,
) -> Result<()> {
    // Only formats that hold pairs leave beads out (the others write every
    // bead, and a bead out of range is the writer's error as well).
    let stats = if format.pairs_only() {
        write::Stats::of(format, docs).map_err(|e| Error::io("<output>", e))?
    } else {
        write::Stats::default()
    };
    if stats.one_sided > 0 {
        progress.eprintln(&format!(
            "wasl: {} of {} beads have text on one side only ({} source, {} target sentences); \
             {} output holds pairs only, so they are not in it (csv, jsonl and beads keep them)",
            stats.one_sided,
            stats.beads,
            stats.src_sentences_left_out,
            stats.tgt_sentences_left_out,
            format.extension()
        ));
    }
    if format == Format::Text {
        let Some(prefix) = output else {
            return Err(Error::Usage(
                "text output is two files (one per language): give -o PREFIX".into(),
            ));
        };
        return write::write_text_files(docs, prefix);
    }
    let body = |w: &mut dyn Write| -> io::Result<()> {
        if format == Format::Html {
            write::html::write_page(docs, page, w).map(|_| ())
        } else {
            write::write_docs(format, docs, w)
        }
    };
    match output {
        Some(path) => write::write_atomically(path, body),
        None => {
            let stdout = io::stdout();
            let mut w = io::BufWriter::new(stdout.lock());
            body(&mut w)
                .and_then(|_| w.flush())
                .map_err(|e| Error::io("<stdout>", e))
        }
    }
}

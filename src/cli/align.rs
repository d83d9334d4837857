//! `wasl align`: one bilingual file, or a source and a target file, to
//! aligned pairs.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use wasl::input::split_sections;
use wasl::write::{self, AlignedDoc, Format};
use wasl::{Aligner, Document, Error, Lang, Result, Side};

#[derive(clap::Args)]
pub struct Args {
    /// One bilingual file (sections found by script), or SOURCE TARGET.
    #[arg(required = true, num_args = 1..=2, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Output file; the format follows its extension unless --format says.
    /// Without it, output goes to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format: csv, tmx, beads, text (two files: OUTPUT.SRC and
    /// OUTPUT.TGT), jsonl. Default: from -o's extension, else csv.
    #[arg(short, long)]
    pub format: Option<String>,
    /// Source language (BCP 47 tag).
    #[arg(long, default_value = "ar")]
    pub src_lang: String,
    /// Target language (BCP 47 tag).
    #[arg(long, default_value = "en")]
    pub tgt_lang: String,
    /// Inputs are already one sentence per line: line N is sentence N.
    #[arg(long)]
    pub presegmented: bool,
}

pub fn run(args: Args) -> Result<()> {
    let format = output_format(args.format.as_deref(), args.output.as_deref())?;
    let (src_lang, tgt_lang) = (Lang::new(&args.src_lang), Lang::new(&args.tgt_lang));
    let docs: Vec<Document> = args
        .inputs
        .iter()
        .map(Document::read)
        .collect::<Result<_>>()?;
    for d in &docs {
        if d.is_blank() {
            return Err(Error::Empty {
                path: d.path.clone(),
                what: "the file".into(),
            });
        }
    }
    let (src, tgt, id) = match docs.as_slice() {
        [one] => {
            if args.presegmented {
                return Err(Error::Usage(
                    "--presegmented needs two files, SOURCE and TARGET".into(),
                ));
            }
            let sections = split_sections(one, &src_lang, &tgt_lang)?;
            (
                Side::segment(src_lang, &one.text, &sections.source),
                Side::segment(tgt_lang, &one.text, &sections.target),
                one.id.clone(),
            )
        }
        [s, t] => {
            let pre = args.presegmented;
            (
                side_of(src_lang, s, pre),
                side_of(tgt_lang, t, pre),
                pair_id(&s.path, &t.path),
            )
        }
        _ => unreachable!("clap allows one or two inputs"),
    };
    let aligner = Aligner::default();
    let alignment = aligner.align(&src, &tgt);
    let doc = AlignedDoc {
        id: &id,
        src: &src,
        tgt: &tgt,
        alignment: &alignment,
    };
    emit(format, &[doc], args.output.as_deref())
}

/// One whole file as one side.
fn side_of(lang: Lang, doc: &Document, presegmented: bool) -> Side<'_> {
    if presegmented {
        Side::presegmented(lang, &doc.text)
    } else {
        Side::segment(lang, &doc.text, &doc.paragraphs())
    }
}

/// The format asked for, or the one `-o`'s extension implies, or CSV.
pub fn output_format(name: Option<&str>, output: Option<&Path>) -> Result<Format> {
    match (name, output) {
        (Some(n), _) => Format::from_name(n).ok_or_else(|| {
            Error::Usage(format!(
                "unknown format '{n}': use csv, tmx, beads, text or jsonl"
            ))
        }),
        (None, Some(p)) => Ok(Format::from_path(p).unwrap_or(Format::Csv)),
        (None, None) => Ok(Format::Csv),
    }
}

/// Document id for a two-file pair: the common stem (`dev` for `dev.de`
/// and `dev.fr`), else the source file's stem.
fn pair_id(src: &Path, tgt: &Path) -> String {
    let stem = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let (a, b) = (stem(src), stem(tgt));
    // `dev.de` + `dev.fr` share the stem `dev`; otherwise the source names it.
    let _ = b;
    a
}

/// Writes the aligned documents to `output` (atomically) or to stdout.
pub fn emit(format: Format, docs: &[AlignedDoc], output: Option<&Path>) -> Result<()> {
    if format == Format::Text {
        let Some(prefix) = output else {
            return Err(Error::Usage(
                "text output is two files (one per language): give -o PREFIX".into(),
            ));
        };
        return write::write_text_files(docs, prefix);
    }
    match output {
        Some(path) => write::write_atomically(path, |w| write::write_docs(format, docs, w)),
        None => {
            let stdout = io::stdout();
            let mut w = io::BufWriter::new(stdout.lock());
            write::write_docs(format, docs, &mut w)
                .and_then(|_| w.flush())
                .map_err(|e| Error::io("<stdout>", e))
        }
    }
}

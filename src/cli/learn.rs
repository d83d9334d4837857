//! `wasl learn`: align a corpus and keep what the passes learned as a
//! corpus model file, for `wasl align --model` and `wasl stream --model`.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use wasl::align::embedding::Embeddings;
use wasl::input::split_sections;
use wasl::stream::{self, Options};
use wasl::write::check_outputs;
use wasl::{Document, Error, Lang, Result, Side};

use super::align::{list_pairs, plural, read_nonblank, side_of, ModelArgs};
use super::progress::Progress;
use super::Outcome;

#[derive(clap::Args)]
pub struct Args {
    /// One bilingual file (sections found by script), or SOURCE TARGET.
    #[arg(num_args = 1..=2, value_name = "FILE", required_unless_present_any = ["batch", "jsonl"])]
    pub inputs: Vec<PathBuf>,
    /// Learn from every document pair NAME.SRC_EXT + NAME.TGT_EXT in DIR.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["inputs", "jsonl"])]
    pub batch: Option<PathBuf>,
    /// With --batch: extension of source files (default: --src-lang).
    #[arg(long, requires = "batch")]
    pub src_ext: Option<String>,
    /// With --batch: extension of target files (default: --tgt-lang).
    #[arg(long, requires = "batch")]
    pub tgt_ext: Option<String>,
    /// Learn from a JSON Lines file of `wasl stream` records (`-` for
    /// standard input); records of another language pair are left out.
    #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
    pub jsonl: Option<PathBuf>,
    /// Where to write the model (JSON; `wasl model show FILE` summarises it).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Source language (BCP 47 tag).
    #[arg(long, default_value = "ar", value_parser = Lang::parse)]
    pub src_lang: Lang,
    /// Target language (BCP 47 tag).
    #[arg(long, default_value = "en", value_parser = Lang::parse)]
    pub tgt_lang: Lang,
    /// Inputs (and JSON records without a `presegmented` field) are one
    /// sentence per line.
    #[arg(long)]
    pub presegmented: bool,
    /// With --batch: learn with each pair's sentence embeddings,
    /// NAME.SRC_EXT.npy and NAME.TGT_EXT.npy beside its files (as `wasl
    /// align --batch --embed` reads them); the model then keeps the map
    /// from embedding similarity to evidence. A pair without them is
    /// reported and left out.
    #[arg(long, requires = "batch")]
    pub embed: bool,
    #[command(flatten)]
    pub model: ModelArgs,
}

/// The documents learned from, owned.
struct Corpus {
    /// A pair of texts, or a bilingual file kept whole (its sections are
    /// found when it is segmented).
    docs: Vec<CorpusDoc>,
    /// Inputs reported and left out.
    failed: usize,
    /// Each document's sentence embeddings (`--embed`; empty without).
    emb: Vec<Option<(Embeddings, Embeddings)>>,
}

enum CorpusDoc {
    Pair {
        src: Document,
        tgt: Document,
        presegmented: bool,
    },
    Bilingual(Document),
}

pub fn run(args: Args) -> Result<Outcome> {
    let (src_lang, tgt_lang) = (args.src_lang.clone(), args.tgt_lang.clone());
    let mut inputs = args.inputs.clone();
    inputs.extend(args.jsonl.iter().cloned());
    inputs.extend(args.model.inputs());
    if let Some(dir) = &args.batch {
        // Every file in the folder is a possible input.
        if let Ok(entries) = std::fs::read_dir(dir) {
            inputs.extend(entries.flatten().map(|e| e.path()));
        }
    }
    check_outputs(std::slice::from_ref(&args.output), &inputs)?;
    let corpus = read_corpus(&args)?;
    if corpus.docs.is_empty() {
        return Err(Error::Usage(
            "nothing to learn from: no document could be read".into(),
        ));
    }
    let sides: Vec<(Side, Side)> = corpus
        .docs
        .par_iter()
        .map(|d| -> Result<(Side, Side)> {
            Ok(match d {
                CorpusDoc::Pair {
                    src,
                    tgt,
                    presegmented,
                } => (
                    side_of(src_lang.clone(), src, *presegmented),
                    side_of(tgt_lang.clone(), tgt, *presegmented),
                ),
                CorpusDoc::Bilingual(doc) => {
                    let sections = split_sections(doc, &src_lang, &tgt_lang)?;
                    (
                        Side::segment(src_lang.clone(), &doc.text, &sections.source),
                        Side::segment(tgt_lang.clone(), &doc.text, &sections.target),
                    )
                }
            })
        })
        .collect::<Result<_>>()?;
    let pairs: Vec<(&Side, &Side)> = sides.iter().map(|(s, t)| (s, t)).collect();
    let aligner = args.model.aligner(&src_lang, &tgt_lang)?;
    let dictionary = args
        .model
        .dict_path(&src_lang, &tgt_lang)?
        .map(|p| p.display().to_string());
    let progress = Progress::new(super::quiet());
    let what = format!(
        "{} documents, {} + {} sentences",
        pairs.len(),
        pairs.iter().map(|(s, _)| s.len()).sum::<usize>(),
        pairs.iter().map(|(_, t)| t.len()).sum::<usize>()
    );
    let emb: Vec<Option<(&Embeddings, &Embeddings)>> = corpus
        .emb
        .iter()
        .map(|e| e.as_ref().map(|(s, t)| (s, t)))
        .collect();
    let (_, model) =
        aligner.learn_embedded(&pairs, &emb, dictionary, &progress.aligner_stages(&what))?;
    progress.phase("writing the model");
    model.write(&args.output)?;
    if !super::quiet() {
        let p = &model.learned_from;
        eprintln!(
            "wasl: learned {} from {} ({} + {} sentences); lexicon of {} source stems{}",
            args.output.display(),
            plural(p.documents, "document"),
            p.src_sentences,
            p.tgt_sentences,
            model.lexicon.len(),
            if corpus.failed > 0 {
                format!("; {} left out (see above)", plural(corpus.failed, "input"))
            } else {
                String::new()
            }
        );
    }
    Ok(if corpus.failed > 0 {
        Outcome::Partial
    } else {
        Outcome::Done
    })
}

fn read_corpus(args: &Args) -> Result<Corpus> {
    let mut failed = 0;
    let mut docs = Vec::new();
    let mut emb = Vec::new();
    if let Some(dir) = &args.batch {
        let src_ext = args
            .src_ext
            .clone()
            .unwrap_or_else(|| args.src_lang.tag().to_string());
        let tgt_ext = args
            .tgt_ext
            .clone()
            .unwrap_or_else(|| args.tgt_lang.tag().to_string());
        let listing = list_pairs(dir, &src_ext, &tgt_ext)?;
        failed += listing.report_lone(dir);
        type Read = (Document, Document, Option<(Embeddings, Embeddings)>);
        let read: Vec<Result<Read>> = listing
            .pairs
            .par_iter()
            .map(|n| {
                let e = if args.embed {
                    let path = |ext: &str| dir.join(format!("{n}.{ext}.npy"));
                    Some((
                        Embeddings::read(&path(&src_ext))?,
                        Embeddings::read(&path(&tgt_ext))?,
                    ))
                } else {
                    None
                };
                Ok((
                    read_nonblank(&dir.join(format!("{n}.{src_ext}")), None)?,
                    read_nonblank(&dir.join(format!("{n}.{tgt_ext}")), None)?,
                    e,
                ))
            })
            .collect();
        for (name, r) in listing.pairs.iter().zip(read) {
            match r {
                Ok((src, tgt, e)) => {
                    docs.push(CorpusDoc::Pair {
                        src,
                        tgt,
                        presegmented: args.presegmented,
                    });
                    emb.push(e);
                }
                Err(e) => {
                    eprintln!("wasl: {e}; pair {name} skipped");
                    failed += 1;
                }
            }
        }
    } else if let Some(path) = &args.jsonl {
        read_jsonl(args, path, &mut docs, &mut failed)?;
    } else {
        match args.inputs.as_slice() {
            [one] => {
                if args.presegmented {
                    return Err(Error::Usage(
                        "--presegmented needs two files, SOURCE and TARGET".into(),
                    ));
                }
                docs.push(CorpusDoc::Bilingual(read_nonblank(one, None)?));
            }
            [s, t] => docs.push(CorpusDoc::Pair {
                src: read_nonblank(s, None)?,
                tgt: read_nonblank(t, None)?,
                presegmented: args.presegmented,
            }),
            _ => unreachable!("clap allows one or two inputs"),
        }
    }
    Ok(Corpus { docs, failed, emb })
}

/// Records of `wasl stream`'s JSON Lines format; bad ones and those of
/// another language pair are reported and left out.
fn read_jsonl(
    args: &Args,
    path: &Path,
    docs: &mut Vec<CorpusDoc>,
    failed: &mut usize,
) -> Result<()> {
    let opts = Options {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        presegmented: args.presegmented,
        ..Options::default()
    };
    let reader: Box<dyn BufRead> = if path == Path::new("-") {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Box::new(std::io::BufReader::new(file))
    };
    for (n, line) in stream::records(reader).enumerate() {
        let line_no = n + 1;
        let bytes = line.map_err(|e| Error::io(path, e))?;
        if bytes.trim_ascii().is_empty() {
            continue;
        }
        match stream::parse_jsonl(&bytes, line_no, &opts) {
            Ok(r) if r.src_lang != opts.src_lang || r.tgt_lang != opts.tgt_lang => {
                eprintln!(
                    "wasl: {}: line {line_no} (record {:?}) is {} → {}, not {} → {}; left out",
                    path.display(),
                    r.id,
                    r.src_lang,
                    r.tgt_lang,
                    opts.src_lang,
                    opts.tgt_lang
                );
                *failed += 1;
            }
            Ok(r) => docs.push(CorpusDoc::Pair {
                src: Document::from_text(r.id.clone(), r.src),
                tgt: Document::from_text(r.id, r.tgt),
                presegmented: r.presegmented,
            }),
            Err(e) => {
                eprintln!("wasl: {}: skipped {e}", path.display());
                *failed += 1;
            }
        }
    }
    Ok(())
}

//! What the aligners are benchmarked on: document pairs with gold beads,
//! one sentence per line, as files on disk (the aligner contract is a
//! command run on two files).
//!
//! Two kinds:
//!
//! - **synthetic**: one long document pair of a given size, drawn at
//!   random from a seed by the generator the criterion benchmarks and
//!   `scripts/workload.sh` use (`benches/support/workload.rs`, compiled
//!   in here so that the three can never drift apart), from a [`Content`]
//!   pool: the bilingual sample in `data/`, or the gold-aligned sets of a
//!   folder. The seed and the pool go into the report, so a table can be
//!   made again byte for byte.
//! - **gold**: every gold-aligned document pair under a folder, as the
//!   evaluation sets of `../shared/eval` lay them out.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::eval::read_links;

/// The generator shared with `benches/` and `examples/workload.rs`.
#[path = "../../benches/support/workload.rs"]
mod synth;

/// Where a synthetic workload's sentences come from. A new kind of content
/// (say, periodic text for stressing the search) is one more variant here
/// and one more arm in [`synthetic`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// The bilingual news article `data/003…` shipped with wasl
    /// (Arabic–English; a small vocabulary, so long documents repeat it).
    Sample,
    /// Every gold-aligned document pair of the two languages under a folder
    /// (the layouts [`gold`] reads), for real, varied sentences.
    Pool {
        dir: PathBuf,
        src_lang: String,
        tgt_lang: String,
    },
}

/// How a synthetic document is built from its [`Content`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Gold units drawn at random, with 2% omissions, 2% insertions and 3%
    /// merges: text as translations come.
    Drawn,
    /// Content that returns every `period` sentences, words shuffled; the
    /// source side is an Arabic-script image of the target with word
    /// noise, merges, splits, omissions and insertions: the trap a
    /// coarse-to-fine search can fall into (a copy one period away).
    Periodic { period: usize },
}

/// How a workload was made, as it goes into the JSON report: enough to
/// make it again.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Description {
    Synthetic {
        /// Source sentences asked for (the document has at least this many).
        size: usize,
        seed: u64,
        /// `sample` (`data/003…`) or the pool folder.
        content: String,
        #[serde(flatten)]
        shape: ShapeInfo,
        /// The command that writes the same files.
        reproduce: String,
    },
    Gold {
        /// The folder the document pairs were found in.
        dir: String,
    },
}

/// A synthetic workload's shape and perturbation, as the report gives it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShapeInfo {
    /// `drawn` or `periodic`.
    pub shape: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<usize>,
    /// Chances per unit of an omission, an insertion, a merge (and, for
    /// periodic text, of a split, and per word of dropping or doubling it).
    pub omit: f64,
    pub insert: f64,
    pub merge: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word_noise: Option<f64>,
}

/// One document pair of a workload.
#[derive(Clone, Debug)]
pub struct DocPair {
    /// Its name in the workload (a path relative to the gold folder).
    pub name: String,
    pub src: PathBuf,
    pub tgt: PathBuf,
    pub src_lang: String,
    pub tgt_lang: String,
    /// The gold beads' file. Read when the outputs are scored, not kept
    /// in memory: whatever the harness holds while an aligner runs is
    /// counted in the aligner's peak memory (see [`super::child`]).
    pub gold: PathBuf,
    pub src_sentences: usize,
    pub tgt_sentences: usize,
}

/// A named set of document pairs to run every aligner on.
#[derive(Clone, Debug)]
pub struct Workload {
    /// Short name for tables: `1k`, `ntrex128`.
    pub name: String,
    pub description: Description,
    pub documents: Vec<DocPair>,
}

impl Workload {
    /// Source sentences over all documents: the workload's size.
    pub fn src_sentences(&self) -> usize {
        self.documents.iter().map(|d| d.src_sentences).sum()
    }

    /// Target sentences over all documents.
    pub fn tgt_sentences(&self) -> usize {
        self.documents.iter().map(|d| d.tgt_sentences).sum()
    }
}

/// Parses a size as people write it: `1000`, `1k`, `10K`, `1M`, `2_000`.
///
/// ```
/// use wasl::bench::workload::parse_size;
/// assert_eq!(parse_size("10k"), Ok(10_000));
/// assert_eq!(parse_size("1M"), Ok(1_000_000));
/// assert!(parse_size("0").is_err());
/// ```
pub fn parse_size(s: &str) -> std::result::Result<usize, String> {
    let t = s.trim().replace('_', "");
    let (digits, times) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1_000),
        Some((i, 'm' | 'M')) => (&t[..i], 1_000_000),
        _ => (t.as_str(), 1),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("'{s}' is not a size (a number, or with k or M: 1k, 10k, 1M)"))?;
    match n.checked_mul(times) {
        Some(0) => Err(format!("'{s}': a workload needs at least one sentence")),
        Some(n) => Ok(n),
        None => Err(format!("'{s}' is too large")),
    }
}

/// The table name of a size: `1k` for 1 000, `1.5k`, `2M`, else the number.
pub fn size_label(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 100_000 == 0 => trim_label(n as f64 / 1e6, "M"),
        n if n >= 1_000 && n % 100 == 0 => trim_label(n as f64 / 1e3, "k"),
        n => n.to_string(),
    }
}

fn trim_label(x: f64, unit: &str) -> String {
    let s = format!("{x:.1}");
    format!("{}{unit}", s.strip_suffix(".0").unwrap_or(&s))
}

/// Generates a synthetic workload of `size` source sentences from
/// `content`, `shape` and `seed`, and writes it into `dir` as `doc.SRC`,
/// `doc.TGT` (one sentence per line) and `gold` (gold beads), the files
/// `scripts/workload.sh SIZE DIR --seed SEED` writes under `seg/` and
/// `gold/`.
pub fn synthetic(
    content: &Content,
    shape: Shape,
    size: usize,
    seed: u64,
    dir: &Path,
) -> Result<Workload> {
    let (pool, src_lang, tgt_lang, content_name, pool_flag) = match content {
        Content::Sample => (
            synth::Pool::sample(),
            "ar".to_string(),
            "en".to_string(),
            "sample".to_string(),
            String::new(),
        ),
        Content::Pool {
            dir: pool_dir,
            src_lang,
            tgt_lang,
        } => {
            let pool = synth::Pool::from_dir(pool_dir, src_lang, tgt_lang)
                .map_err(|e| Error::io(pool_dir, e))?;
            let shown = pool_dir.display().to_string();
            let flag = format!(" --pool {shown} --src-lang {src_lang} --tgt-lang {tgt_lang}");
            (pool, src_lang.clone(), tgt_lang.clone(), shown, flag)
        }
    };
    if pool.units.is_empty() {
        return Err(Error::Usage(format!(
            "{content_name}: no gold-aligned {src_lang}-{tgt_lang} document pairs to draw sentences from"
        )));
    }
    let perturb = synth::Perturb::default();
    let (w, src_lang, info, shape_flag) = match shape {
        Shape::Drawn => (
            synth::build(&pool, size, seed, perturb),
            src_lang,
            ShapeInfo {
                shape: "drawn",
                period: None,
                omit: perturb.omit,
                insert: perturb.insert,
                merge: perturb.merge,
                split: None,
                word_noise: None,
            },
            String::new(),
        ),
        Shape::Periodic { period } => {
            let p = synth::Periodic {
                period,
                ..Default::default()
            };
            (
                synth::periodic(&pool, size, seed, p),
                // The source is an Arabic-script image of the target,
                // whatever the pool's source language.
                "ar".to_string(),
                ShapeInfo {
                    shape: "periodic",
                    period: Some(period),
                    omit: p.omit,
                    insert: p.insert,
                    merge: p.merge,
                    split: Some(p.split),
                    word_noise: Some(p.word_noise),
                },
                format!(" --periodic {period}"),
            )
        }
    };
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let src = dir.join(format!("doc.{src_lang}"));
    let tgt = dir.join(format!("doc.{tgt_lang}"));
    let gold_path = dir.join("gold");
    let gold_text = w.gold_beads();
    for (path, text) in [
        (&src, w.src_lines()),
        (&tgt, w.tgt_lines()),
        (&gold_path, gold_text),
    ] {
        fs::write(path, text).map_err(|e| Error::io(path, e))?;
    }
    // Checked now, so a bad gold file is the harness's error, not a run's.
    read_links(&gold_path)?;
    Ok(Workload {
        name: size_label(size),
        description: Description::Synthetic {
            size,
            seed,
            content: content_name,
            shape: info,
            reproduce: format!(
                "scripts/workload.sh {size} DIR --seed {seed}{pool_flag}{shape_flag}"
            ),
        },
        documents: vec![DocPair {
            name: "doc".into(),
            src,
            tgt,
            src_lang,
            tgt_lang,
            gold: gold_path,
            src_sentences: w.src.len(),
            tgt_sentences: w.tgt.len(),
        }],
    })
}

/// Every gold-aligned document pair under `dir` (recursively, in path
/// order), in either layout of `../shared/eval`:
///
/// - `NAME.SRC` + `NAME.TGT` + gold `NAME.SRCTGT` (`doc.ar`, `doc.en`,
///   `doc.aren`): the languages are read from the gold file's extension;
/// - `SRC/NAME` + `TGT/NAME` + `gold/NAME` (AlignAR): the folders named
///   `folder_langs` (source, target) beside `gold/`.
///
/// Gold files are `[i, j]:[k]` beads over line numbers of the two files.
/// A folder with no such pair is an error naming it.
pub fn gold(dir: &Path, folder_langs: (&str, &str)) -> Result<Workload> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    let mut documents = Vec::new();
    for f in &files {
        let Some(found) = pair_of(f, folder_langs) else {
            continue;
        };
        let (src, tgt, src_lang, tgt_lang) = found;
        let name = f
            .strip_prefix(dir)
            .unwrap_or(f)
            .with_extension("")
            .display()
            .to_string();
        documents.push(DocPair {
            name,
            src_sentences: count_lines(&src)?,
            tgt_sentences: count_lines(&tgt)?,
            gold: {
                read_links(f)?;
                f.clone()
            },
            src,
            tgt,
            src_lang,
            tgt_lang,
        });
    }
    if documents.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no gold-aligned document pairs (NAME.ar + NAME.en + gold NAME.aren, \
             or ar/NAME + en/NAME + gold/NAME)",
            dir.display()
        )));
    }
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string());
    Ok(Workload {
        name,
        description: Description::Gold {
            dir: dir.display().to_string(),
        },
        documents,
    })
}

/// The source and target files and languages that gold file `f` aligns,
/// when both exist.
fn pair_of(f: &Path, (fs_src, fs_tgt): (&str, &str)) -> Option<(PathBuf, PathBuf, String, String)> {
    let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
    // Two-letter codes make a four-letter gold extension (`aren`, `defr`).
    if ext.len() == 4 && ext.is_ascii() && ext.chars().all(|c| c.is_ascii_lowercase()) {
        let (s, t) = ext.split_at(2);
        let (src, tgt) = (f.with_extension(s), f.with_extension(t));
        if src.is_file() && tgt.is_file() {
            return Some((src, tgt, s.to_string(), t.to_string()));
        }
    }
    let parent = f.parent()?;
    if parent.file_name()? == "gold" {
        let base = parent.parent()?;
        let name = f.file_name()?;
        let (src, tgt) = (base.join(fs_src).join(name), base.join(fs_tgt).join(name));
        if src.is_file() && tgt.is_file() {
            return Some((src, tgt, fs_src.to_string(), fs_tgt.to_string()));
        }
    }
    None
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Sentences in a one-sentence-per-line file: its lines.
fn count_lines(path: &Path) -> Result<usize> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(crate::input::text_lines(&text).count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Link;

    #[test]
    fn sizes_parse_and_label() {
        assert_eq!(parse_size("1_000"), Ok(1000));
        assert_eq!(parse_size(" 2K "), Ok(2000));
        assert!(parse_size("k").is_err());
        assert!(parse_size("-1k").is_err());
        assert!(parse_size("99999999999999999999M").is_err());
        assert_eq!(size_label(1234), "1234");
        assert_eq!(size_label(10_000), "10k");
        assert_eq!(size_label(1_000_000), "1M");
        assert_eq!(size_label(2_500_000), "2.5M");
        assert_eq!(size_label(1500), "1.5k");
    }

    #[test]
    fn synthetic_workloads_are_reproducible_from_their_seed() {
        let dir = tempfile::tempdir().unwrap();
        let make = |sub: &str, seed| {
            synthetic(
                &Content::Sample,
                Shape::Drawn,
                300,
                seed,
                &dir.path().join(sub),
            )
            .unwrap()
        };
        let (a, b, c) = (make("a", 7), make("b", 7), make("c", 8));
        let text = |w: &Workload| fs::read_to_string(&w.documents[0].src).unwrap();
        assert_eq!(text(&a), text(&b));
        assert_ne!(text(&a), text(&c));
        let d = &a.documents[0];
        assert!(d.src_sentences >= 300);
        assert_eq!(d.src_sentences, text(&a).lines().count());
        // Gold covers every sentence of both sides once.
        let gold = read_links(&d.gold).unwrap();
        let src: usize = gold.iter().map(|l| l.src.len()).sum();
        let tgt: usize = gold.iter().map(|l| l.tgt.len()).sum();
        assert_eq!((src, tgt), (d.src_sentences, d.tgt_sentences));
        assert_eq!(a.name, "300");
    }

    #[test]
    fn periodic_workloads_say_so_and_cover_every_sentence() {
        let dir = tempfile::tempdir().unwrap();
        let shape = Shape::Periodic { period: 50 };
        let w = synthetic(&Content::Sample, shape, 400, 3, dir.path()).unwrap();
        let d = &w.documents[0];
        let gold = read_links(&d.gold).unwrap();
        let src: usize = gold.iter().map(|l| l.src.len()).sum();
        let tgt: usize = gold.iter().map(|l| l.tgt.len()).sum();
        assert_eq!((src, tgt), (d.src_sentences, d.tgt_sentences));
        assert!(d.src_sentences >= 400);
        // The source is the Arabic-script image of the target.
        let text = fs::read_to_string(&d.src).unwrap();
        assert!(text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
        assert_eq!(d.src_lang, "ar");
        match &w.description {
            Description::Synthetic {
                shape, reproduce, ..
            } => {
                assert_eq!((shape.shape, shape.period), ("periodic", Some(50)));
                assert!(reproduce.ends_with("--periodic 50"), "{reproduce}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn gold_folders_in_both_layouts() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let write = |rel: &str, text: &str| {
            let path = p.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write("news/a.de", "Hallo.\nWelt.\n");
        write("news/a.fr", "Salut.\n");
        write("news/a.defr", "[0, 1]:[0]\n");
        write("news/b.de", "lone file, no gold\n");
        write("law/ar/005", "x\ny\n");
        write("law/en/005", "x\ny\nz\n");
        write("law/gold/005", "[0]:[0]\n[1]:[1, 2]\n");
        let w = gold(p, ("ar", "en")).unwrap();
        let names: Vec<_> = w.documents.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["law/gold/005", "news/a"]);
        let (law, news) = (&w.documents[0], &w.documents[1]);
        assert_eq!((law.src_lang.as_str(), law.tgt_lang.as_str()), ("ar", "en"));
        assert_eq!(
            (news.src_lang.as_str(), news.tgt_lang.as_str()),
            ("de", "fr")
        );
        assert_eq!((w.src_sentences(), w.tgt_sentences()), (4, 4));
        assert_eq!(
            read_links(&news.gold).unwrap(),
            vec![Link::new([0, 1], [0])]
        );

        let empty = tempfile::tempdir().unwrap();
        let err = gold(empty.path(), ("ar", "en")).unwrap_err().to_string();
        assert!(err.contains(&empty.path().display().to_string()), "{err}");
    }
}

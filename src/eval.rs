//! Scoring alignments against gold: strict and lax precision, recall, F1.
//!
//! This is the measure of the sentence-alignment literature (Bleualign,
//! Vecalign, Bertalign), so wasl's figures sit in the same tables as
//! theirs; `../shared/tools/score.py` is the reference it must agree with.
//!
//! A *link* (bead) pairs source sentence ids with target sentence ids, one
//! per line as `[src ids]:[tgt ids]`. Per document, links empty on both
//! sides are dropped and duplicates collapsed. Then:
//!
//! - **precision** runs over every distinct test link, null links (one side
//!   empty) included. A link is a *strict hit* when gold holds the identical
//!   link, a *lax hit* when some gold link joins one of its source ids to
//!   one of its target ids, else a miss; a null link can only hit strictly.
//! - **recall** is the same with gold and test swapped, after null links are
//!   removed from both.
//! - counts are summed over the documents of a set (micro-average), then
//!   `P = hits / test links`, `R = hits / gold links`, `F1 = 2PR / (P + R)`,
//!   with 0/0 taken as 0.
//!
//! ```
//! use wasl::eval::{score_documents, Link};
//!
//! let gold = vec![Link::new([0], [0]), Link::new([1, 2], [1])];
//! let test = vec![Link::new([0], [0]), Link::new([1], [1]), Link::new([2], [])];
//! let s = score_documents(&[(gold, test)]);
//! // [0]:[0] hits strictly; [1]:[1] only laxly; [2]:[] misses.
//! assert!((s.strict.precision - 1.0 / 3.0).abs() < 1e-12);
//! assert!((s.lax.precision - 2.0 / 3.0).abs() < 1e-12);
//! assert_eq!(s.strict.recall, 0.5);
//! assert_eq!(s.lax.recall, 1.0);
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::ops::{Add, AddAssign};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

pub mod calibration;

pub use calibration::{Calibration, CalibrationCounts, NotAvailable, ScoredLink};

/// One link of an alignment: source sentence ids paired with target
/// sentence ids. Either side may be empty (a deletion or an insertion).
///
/// Ids keep the order they were written in, as the reference scorer keeps
/// them: `[4, 3]:[1]` and `[3, 4]:[1]` are different links.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Link {
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
}

impl Link {
    /// A link from any two lists of ids.
    pub fn new(src: impl IntoIterator<Item = usize>, tgt: impl IntoIterator<Item = usize>) -> Link {
        Link {
            src: src.into_iter().collect(),
            tgt: tgt.into_iter().collect(),
        }
    }

    /// True when one side is empty: the link records an omission, not a
    /// correspondence.
    pub fn is_null(&self) -> bool {
        self.src.is_empty() || self.tgt.is_empty()
    }

    /// True when both sides are empty: the link says nothing and is ignored.
    pub fn is_empty(&self) -> bool {
        self.src.is_empty() && self.tgt.is_empty()
    }

    /// Parses one bead line, `[i, j]:[k]`, with anything after the target
    /// list (a `:score`) ignored. `Ok(None)` for a blank line.
    ///
    /// ```
    /// use wasl::eval::Link;
    /// assert_eq!(Link::parse("[3, 4]:[2]:0.91"), Ok(Some(Link::new([3, 4], [2]))));
    /// assert_eq!(Link::parse("  "), Ok(None));
    /// assert!(Link::parse("[3]-[2]").is_err());
    /// ```
    pub fn parse(line: &str) -> std::result::Result<Option<Link>, String> {
        Ok(ScoredLink::parse(line)?.map(|s| s.link))
    }
}

impl ScoredLink {
    /// Parses one bead line as [`Link::parse`] does, keeping the score
    /// after the target list (`[3, 4]:[2]:0.91`) when there is one that
    /// reads as a number. Anything else there is a comment, as the
    /// reference scorer has it, and the link has no score.
    ///
    /// ```
    /// use wasl::eval::{Link, ScoredLink};
    /// let s = ScoredLink::parse("[3, 4]:[2]:0.9100").unwrap().unwrap();
    /// assert_eq!((s.link, s.score), (Link::new([3, 4], [2]), Some(0.91)));
    /// assert_eq!(ScoredLink::parse("[0]:[0]").unwrap().unwrap().score, None);
    /// assert_eq!(ScoredLink::parse("[0]:[0]:note").unwrap().unwrap().score, None);
    /// ```
    pub fn parse(line: &str) -> std::result::Result<Option<ScoredLink>, String> {
        let rest = line.trim_start();
        if rest.trim_end().is_empty() {
            return Ok(None);
        }
        let (src, rest) = id_list(rest).map_err(|e| format!("source ids: {e}"))?;
        let rest = rest
            .trim_start()
            .strip_prefix(':')
            .ok_or("expected ':' between the source and target id lists")?;
        let (tgt, rest) = id_list(rest.trim_start()).map_err(|e| format!("target ids: {e}"))?;
        // Whatever follows the target list is a score or a comment: the
        // reference scorer ignores it; calibration reads the score.
        let score = rest
            .trim_start()
            .strip_prefix(':')
            .and_then(|s| s.split_whitespace().next())
            .and_then(|s| s.parse::<f64>().ok());
        Ok(Some(ScoredLink {
            link: Link { src, tgt },
            score,
        }))
    }
}

/// Parses `[1, 2]` at the start of `s` (Python list syntax; `[]` is empty)
/// and returns the ids and the text after `]`.
fn id_list(s: &str) -> std::result::Result<(Vec<usize>, &str), String> {
    let body = s
        .strip_prefix('[')
        .ok_or_else(|| format!("expected '[', found {}", found(s)))?;
    let close = body.find(']').ok_or("missing ']'")?;
    let (inner, rest) = (&body[..close], &body[close + 1..]);
    let mut ids = Vec::new();
    for item in inner.split(',') {
        let item = item.trim();
        // Python's `[1, 2, ]` and the reference's `if x.strip()` both allow
        // empty items; a list that is all spaces is simply empty.
        if item.is_empty() {
            continue;
        }
        let id = item
            .parse::<usize>()
            .map_err(|_| format!("'{item}' is not a sentence id (a number from 0)"))?;
        ids.push(id);
    }
    Ok((ids, rest))
}

/// What an error message shows of the unexpected text.
fn found(s: &str) -> String {
    match s.chars().next() {
        None => "end of line".into(),
        Some(_) => {
            let head: String = s.chars().take(20).collect();
            format!("'{head}'")
        }
    }
}

/// Parses a whole bead file's text. `path` only names the file in errors.
/// Blank lines are skipped; a UTF-8 byte-order mark is allowed.
pub fn parse_links(text: &str, path: &Path) -> Result<Vec<Link>> {
    Ok(parse_scored_links(text, path)?
        .into_iter()
        .map(|s| s.link)
        .collect())
}

/// [`parse_links`], keeping each link's score (see [`ScoredLink::parse`]).
pub fn parse_scored_links(text: &str, path: &Path) -> Result<Vec<ScoredLink>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut links = Vec::new();
    for (n, line) in crate::input::text_lines(text).enumerate() {
        match ScoredLink::parse(line) {
            Ok(Some(link)) => links.push(link),
            Ok(None) => {}
            Err(message) => {
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line: n + 1,
                    message: format!("not a bead `[src ids]:[tgt ids]`: {message}"),
                })
            }
        }
    }
    Ok(links)
}

/// Reads and parses a bead file.
pub fn read_links(path: &Path) -> Result<Vec<Link>> {
    Ok(read_scored_links(path)?
        .into_iter()
        .map(|s| s.link)
        .collect())
}

/// Reads and parses a bead file, keeping the scores.
pub fn read_scored_links(path: &Path) -> Result<Vec<ScoredLink>> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let offset = e.valid_up_to();
        Error::Utf8 {
            path: path.to_path_buf(),
            offset,
            line: crate::input::line_of(&bytes, offset),
        }
    })?;
    parse_scored_links(text, path)
}

impl From<&crate::align::Bead> for Link {
    /// Scores an in-memory alignment without writing it out first.
    fn from(b: &crate::align::Bead) -> Link {
        Link::new(b.src.clone(), b.tgt.clone())
    }
}

impl fmt::Display for Link {
    /// The bead format, `[3, 4]:[2]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |ids: &[usize]| {
            ids.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        write!(f, "[{}]:[{}]", list(&self.src), list(&self.tgt))
    }
}

/// Hits of one direction (precision or recall): how many links were
/// judged, and how many of them hit strictly and laxly. Every strict hit is
/// also a lax hit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Hits {
    /// Links judged: distinct test links for precision, distinct non-null
    /// gold links for recall.
    pub links: usize,
    pub strict: usize,
    pub lax: usize,
}

impl Add for Hits {
    type Output = Hits;
    fn add(self, o: Hits) -> Hits {
        Hits {
            links: self.links + o.links,
            strict: self.strict + o.strict,
            lax: self.lax + o.lax,
        }
    }
}

/// The counts behind the scores of one document or, summed, of a set.
/// Keeping counts (not ratios) is what makes micro-averaging a plain sum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub precision: Hits,
    pub recall: Hits,
}

impl Counts {
    /// Counts of one document's test links against its gold links.
    pub fn document(gold: &[Link], test: &[Link]) -> Counts {
        let precision = judge(gold.iter(), test.iter());
        // Recall swaps the roles: every gold link is judged against test.
        let recall = judge(
            test.iter().filter(|l| !l.is_null()),
            gold.iter().filter(|l| !l.is_null()),
        );
        Counts { precision, recall }
    }

    /// Precision, recall and F1 from these counts.
    pub fn scores(&self) -> Scores {
        let prf = |p_hits: usize, r_hits: usize| {
            Prf::new(
                ratio(p_hits, self.precision.links),
                ratio(r_hits, self.recall.links),
            )
        };
        Scores {
            strict: prf(self.precision.strict, self.recall.strict),
            lax: prf(self.precision.lax, self.recall.lax),
        }
    }
}

impl Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            precision: self.precision + o.precision,
            recall: self.recall + o.recall,
        }
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        *self = *self + o;
    }
}

impl std::iter::Sum for Counts {
    fn sum<I: Iterator<Item = Counts>>(iter: I) -> Counts {
        iter.fold(Counts::default(), Add::add)
    }
}

/// Judges each distinct non-empty link of `test` against `reference`.
fn judge<'a>(
    reference: impl Iterator<Item = &'a Link>,
    test: impl Iterator<Item = &'a Link>,
) -> Hits {
    let reference: HashSet<&Link> = reference.filter(|l| !l.is_empty()).collect();
    // Which reference links each id takes part in. A lax hit needs one
    // reference link holding both a source and a target id of the test
    // link. Postings per link (rather than the reference's id-to-id pairs)
    // keep memory linear even for a pathological 1000:1000 link.
    let mut by_src: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_tgt: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, link) in reference.iter().enumerate() {
        for &s in &link.src {
            by_src.entry(s).or_default().push(k);
        }
        for &t in &link.tgt {
            by_tgt.entry(t).or_default().push(k);
        }
    }
    let test: HashSet<&Link> = test.filter(|l| !l.is_empty()).collect();
    let mut hits = Hits {
        links: test.len(),
        ..Hits::default()
    };
    for link in test {
        if reference.contains(link) {
            hits.strict += 1;
            hits.lax += 1;
            continue;
        }
        // A null link has no source or no target id, so this finds nothing
        // for it: null links hit only strictly, as in the reference.
        let via_src: HashSet<usize> = link
            .src
            .iter()
            .filter_map(|s| by_src.get(s))
            .flatten()
            .copied()
            .collect();
        let lax = link
            .tgt
            .iter()
            .filter_map(|t| by_tgt.get(t))
            .flatten()
            .any(|k| via_src.contains(k));
        if lax {
            hits.lax += 1;
        }
    }
    hits
}

/// `a / b`, with 0/0 taken as 0 (an empty test side has no precision to
/// speak of; the literature and the reference both report 0).
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Precision, recall and their harmonic mean.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// F1 from precision and recall (0 when both are 0).
    pub fn new(precision: f64, recall: f64) -> Prf {
        let sum = precision + recall;
        let f1 = if sum > 0.0 {
            2.0 * precision * recall / sum
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }

    /// Each figure rounded to 4 decimals, as the reference scorer prints.
    pub fn rounded(&self) -> Prf {
        Prf {
            precision: round4(self.precision),
            recall: round4(self.recall),
            f1: round4(self.f1),
        }
    }
}

/// Rounds to 4 decimals the way Python's `round(x, 4)` does: from the exact
/// binary value, so that our JSON prints the same digits as score.py.
/// (`(x * 1e4).round() / 1e4` can be off by one in the last place, because
/// the multiplication itself rounds.)
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// Strict and lax scores of a document or a set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    pub strict: Prf,
    pub lax: Prf,
}

/// Scores a set of documents, each a `(gold, test)` pair of link lists,
/// micro-averaged: counts are summed over the documents before any ratio is
/// taken, so long documents weigh more.
pub fn score_documents<G, T>(docs: &[(G, T)]) -> Scores
where
    G: AsRef<[Link]>,
    T: AsRef<[Link]>,
{
    docs.iter()
        .map(|(g, t)| Counts::document(g.as_ref(), t.as_ref()))
        .sum::<Counts>()
        .scores()
}

/// The evaluation of a test alignment (file or folder) against gold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    pub counts: Counts,
    /// Documents scored (in folder mode, every gold file).
    pub documents: usize,
    /// Gold file names with no test file of the same name; they were scored
    /// as empty alignments (precision unaffected, recall 0 for them).
    pub missing: Vec<String>,
    /// What the test beads' scores are worth as probabilities, summed over
    /// the documents ([`CalibrationCounts::report`] turns it into figures).
    pub calibration: CalibrationCounts,
}

impl Evaluation {
    /// One document's evaluation: `test` (with its scores) against `gold`.
    pub fn document(gold: &[Link], test: &[ScoredLink]) -> Evaluation {
        let links: Vec<Link> = test.iter().map(|s| s.link.clone()).collect();
        Evaluation {
            counts: Counts::document(gold, &links),
            documents: 1,
            missing: Vec::new(),
            calibration: CalibrationCounts::document(gold, test),
        }
    }

    /// The micro-averaged scores.
    pub fn scores(&self) -> Scores {
        self.counts.scores()
    }

    /// The calibration report over every document, or why there is none.
    pub fn calibration_report(&self) -> std::result::Result<Calibration, NotAvailable> {
        self.calibration.report()
    }
}

/// Scores `test` against `gold`, both files or both folders.
///
/// Folders are matched as score.py matches them: every file in `gold`
/// (sorted by name) is a document, looked up by the same name in `test`;
/// a missing test file counts as an empty alignment and is listed in
/// [`Evaluation::missing`]. Files in `test` with no gold are ignored.
pub fn evaluate_paths(gold: &Path, test: &Path) -> Result<Evaluation> {
    let meta = |p: &Path| fs::metadata(p).map_err(|e| Error::io(p, e));
    let (gold_meta, test_meta) = (meta(gold)?, meta(test)?);
    match (gold_meta.is_dir(), test_meta.is_dir()) {
        (false, false) => Ok(Evaluation::document(
            &read_links(gold)?,
            &read_scored_links(test)?,
        )),
        (true, true) => evaluate_folders(gold, test),
        (true, false) => Err(Error::Usage(format!(
            "{} is a folder but {} is not: give two files or two folders",
            gold.display(),
            test.display()
        ))),
        (false, true) => Err(Error::Usage(format!(
            "{} is a folder but {} is not: give two files or two folders",
            test.display(),
            gold.display()
        ))),
    }
}

fn evaluate_folders(gold: &Path, test: &Path) -> Result<Evaluation> {
    let mut names = Vec::new();
    for entry in fs::read_dir(gold).map_err(|e| Error::io(gold, e))? {
        let entry = entry.map_err(|e| Error::io(gold, e))?;
        let path = entry.path();
        // Follow symlinks: evaluation scripts often link gold files into a
        // folder of their own.
        if fs::metadata(&path)
            .map_err(|e| Error::io(&path, e))?
            .is_dir()
        {
            return Err(Error::Usage(format!(
                "{}: a gold folder holds one bead file per document, not folders",
                path.display()
            )));
        }
        names.push(entry.file_name());
    }
    // Sorted by name (bytes, which is code-point order for UTF-8 names, as
    // Python sorts) so that `missing` is listed in a stable order.
    names.sort();
    let mut eval = Evaluation {
        documents: names.len(),
        ..Evaluation::default()
    };
    for name in names {
        let gold_links = read_links(&gold.join(&name))?;
        let test_path: PathBuf = test.join(&name);
        let test_links = if test_path.exists() {
            read_scored_links(&test_path)?
        } else {
            eval.missing.push(name.to_string_lossy().into_owned());
            Vec::new()
        };
        let doc = Evaluation::document(&gold_links, &test_links);
        eval.counts += doc.counts;
        eval.calibration += doc.calibration;
    }
    Ok(eval)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(src: &[usize], tgt: &[usize]) -> Link {
        Link::new(src.iter().copied(), tgt.iter().copied())
    }

    fn links(text: &str) -> Vec<Link> {
        parse_links(text, Path::new("t")).unwrap()
    }

    fn hits(links: usize, strict: usize, lax: usize) -> Hits {
        Hits { links, strict, lax }
    }

    #[test]
    fn parses_python_lists_scores_and_blank_lines() {
        let got = links("[0]:[0]\n\n[3, 4]:[2]:0.5\n  [ 7 ] : [ ]  \n[]:[9]\r\n[1,2,]:[3]\n");
        assert_eq!(
            got,
            vec![
                l(&[0], &[0]),
                l(&[3, 4], &[2]),
                l(&[7], &[]),
                l(&[], &[9]),
                l(&[1, 2], &[3]),
            ]
        );
        assert_eq!(links("\u{feff}[1]:[2]"), vec![l(&[1], &[2])]);
    }

    #[test]
    fn malformed_line_names_file_and_line() {
        for bad in [
            "[0]:[0]\n[1]-[1]\n",
            "[0]:[0]\n[1]:[x]\n",
            "[0]:[0]\n[1:[1]\n",
            "[0]:[0]\n1:1\n",
            "[0]:[0]\n[-1]:[1]\n",
            "[0]:[0]\n[1]:\n",
            "[0]:[0]\n[99999999999999999999999]:[1]\n",
        ] {
            match parse_links(bad, Path::new("g.txt")) {
                Err(Error::Parse { path, line, .. }) => {
                    assert_eq!((path, line), (PathBuf::from("g.txt"), 2), "{bad:?}")
                }
                other => panic!("{bad:?}: expected a parse error, got {other:?}"),
            }
        }
    }

    #[test]
    fn display_is_the_bead_format() {
        assert_eq!(l(&[3, 4], &[2]).to_string(), "[3, 4]:[2]");
        assert_eq!(l(&[], &[9]).to_string(), "[]:[9]");
    }

    #[test]
    fn strict_hit() {
        let c = Counts::document(&[l(&[0], &[0])], &[l(&[0], &[0])]);
        assert_eq!(c.precision, hits(1, 1, 1));
        assert_eq!(c.recall, hits(1, 1, 1));
    }

    #[test]
    fn lax_hit_looks_through_source_ids() {
        // Gold 2:1; test splits it: both test links hit laxly in precision;
        // the gold link is a lax hit in recall (test joins 1 to 1).
        let gold = [l(&[1, 2], &[1])];
        let test = [l(&[1], &[1]), l(&[2], &[1])];
        let c = Counts::document(&gold, &test);
        assert_eq!(c.precision, hits(2, 0, 2));
        assert_eq!(c.recall, hits(1, 0, 1));
    }

    #[test]
    fn lax_needs_one_link_with_both_ids() {
        // Test [0]:[1]: gold links 0 to 0 and 1 to 1, never 0 to 1.
        let gold = [l(&[0], &[0]), l(&[1], &[1])];
        let c = Counts::document(&gold, &[l(&[0], &[1])]);
        assert_eq!(c.precision, hits(1, 0, 0));
        assert_eq!(c.recall, hits(2, 0, 0));
    }

    #[test]
    fn miss() {
        let c = Counts::document(&[l(&[0], &[0])], &[l(&[5], &[6])]);
        assert_eq!(c.precision, hits(1, 0, 0));
        assert_eq!(c.recall, hits(1, 0, 0));
        assert_eq!(c.scores(), Scores::default());
    }

    #[test]
    fn order_of_ids_matters_for_strict_only() {
        let c = Counts::document(&[l(&[3, 4], &[2])], &[l(&[4, 3], &[2])]);
        assert_eq!(c.precision, hits(1, 0, 1));
    }

    #[test]
    fn null_test_link_hits_only_an_identical_gold_null_link() {
        // [1]:[] is in gold; [2]:[] is not, although gold links 2 to 2:
        // it still cannot hit laxly. Recall ignores both.
        let gold = [l(&[0], &[0]), l(&[1], &[]), l(&[2], &[2])];
        let test = [l(&[0], &[0]), l(&[1], &[]), l(&[2], &[]), l(&[], &[2])];
        let c = Counts::document(&gold, &test);
        assert_eq!(c.precision, hits(4, 2, 2));
        // Gold non-null: [0]:[0] hit, [2]:[2] missed (test has no 2-2 link).
        assert_eq!(c.recall, hits(2, 1, 1));
    }

    #[test]
    fn gold_null_links_affect_precision_only() {
        let gold = [l(&[0], &[0]), l(&[], &[1])];
        let test = [l(&[0], &[0, 1])];
        let c = Counts::document(&gold, &test);
        assert_eq!(c.precision, hits(1, 0, 1));
        assert_eq!(c.recall, hits(1, 0, 1));
    }

    #[test]
    fn duplicates_collapse_and_empty_links_drop() {
        let gold = [l(&[0], &[0]), l(&[0], &[0]), l(&[], &[])];
        let test = [l(&[0], &[0]), l(&[0], &[0]), l(&[1], &[1]), l(&[], &[])];
        let c = Counts::document(&gold, &test);
        assert_eq!(c.precision, hits(2, 1, 1));
        assert_eq!(c.recall, hits(1, 1, 1));
    }

    #[test]
    fn zero_over_zero_is_zero() {
        let s = score_documents(&[(Vec::<Link>::new(), Vec::<Link>::new())]);
        assert_eq!(s, Scores::default());
        // Only null links on both sides: precision 1/1, recall 0/0 → 0.
        let s = score_documents(&[(vec![l(&[0], &[])], vec![l(&[0], &[])])]);
        assert_eq!(s.strict, Prf::new(1.0, 0.0));
        assert_eq!(s.strict.f1, 0.0);
    }

    #[test]
    fn micro_average_sums_counts_over_documents() {
        // Doc A: 1 of 1 right. Doc B: 0 of 3 right (no lax hits either).
        // Macro-averaging would give P = 0.5; micro gives 1/4.
        let a = (vec![l(&[0], &[0])], vec![l(&[0], &[0])]);
        let b = (
            vec![l(&[0], &[0]), l(&[1], &[1]), l(&[2], &[2])],
            vec![l(&[0], &[1]), l(&[1], &[2]), l(&[2], &[0])],
        );
        let s = score_documents(&[a, b]);
        assert_eq!(s.strict.precision, 0.25);
        assert_eq!(s.strict.recall, 0.25);
        assert_eq!(s.lax.precision, 0.25);
        assert_eq!(s.strict.f1, 0.25);
    }

    #[test]
    fn f1_is_harmonic_mean() {
        let p = Prf::new(0.5, 1.0);
        assert!((p.f1 - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn rounding_matches_python_round() {
        // Values whose x * 1e4 lands on .5 after a rounding multiplication.
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(round4(1.0 / 3.0), 0.3333);
        // Python: round(0.00005, 4) == 0.0001, round(1.00005, 4) == 1.0001,
        // round(0.12345, 4) == 0.1235, round(0.00015, 4) == 0.0001.
        assert_eq!(round4(0.00005), 0.0001);
        assert_eq!(round4(1.00005), 1.0001);
        assert_eq!(round4(0.12345), 0.1235);
        assert_eq!(round4(0.00015), 0.0001);
        assert_eq!(round4(0.0), 0.0);
    }

    #[test]
    fn json_prints_like_python() {
        let json = serde_json::to_string(&Prf::new(1.0, 0.0001).rounded()).unwrap();
        assert_eq!(json, r#"{"precision":1.0,"recall":0.0001,"f1":0.0002}"#);
    }

    #[test]
    fn bead_converts_to_link() {
        let b = crate::align::Bead {
            src: 2..4,
            tgt: 5..5,
            score: 0.3,
        };
        assert_eq!(Link::from(&b), l(&[2, 3], &[]));
    }
}

//! HTML: a review page, for reading an alignment rather than loading it.
//!
//! One self-contained file per run (styles and a few lines of script
//! inline; no fonts, images or scripts fetched from anywhere), which opens
//! from disk in any browser and prints cleanly:
//!
//! - a summary of the run (the settings and model it used, totals) and of
//!   each document: sentences per side, beads by kind, sentences left out,
//!   the distribution of scores;
//! - the alignment path as a picture: an SVG of the grid of sentence pairs
//!   (source index across, target index down) with each bead drawn as its
//!   rectangle, coloured by score; each rectangle links to its bead;
//! - the beads side by side, each bead a row with its score as a colour and
//!   a number; one-sided beads marked, several sentences on one side
//!   grouped, every sentence its own block, so no sentence's bidi text can
//!   reorder its neighbours;
//! - filters (every bead, below 0.9, 0.75 or 0.5, one-sided only) made of
//!   radio buttons and the CSS sibling combinator (`#fu90:checked ~ main
//!   .b:not(.u90)`), so they work without script; a search box that needs
//!   the few lines of inline script and stays hidden without it; links
//!   between the documents of a batch.
//!
//! Long documents stay usable through lazy rendering: beads go in chunks of
//! [`CHUNK`] with `content-visibility: auto`, so the browser lays out only
//! the chunks on screen. Each chunk carries an estimate of its height for
//! every filter (and the script scales it for a search), so a filter or a
//! search keeps the rendering lazy instead of laying out every match, and a
//! chunk with nothing to show is not displayed at all. (The filters once
//! used `body:has(#f:checked)`; with 10 000 beads, Chromium then spent
//! several times longer on every chunk scrolled into view.)
//!
//! All text from the input goes through one function, `escape_into`: the
//! markup characters become entities, and characters that would change how
//! other text is shown — bidi embeddings, overrides and isolates, control
//! characters, noncharacters — become visible marks (`RLO`, `^G`) that carry
//! the original code point in `data-u`. Hostile input (`</script>`, markup,
//! a stray U+202E) is shown as text and runs nothing; the page's one script
//! is a constant and holds no data.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{sentences, AlignedDoc, Stats};
use crate::align::Bead;
use crate::lang::{Lang, Script};
use crate::segment::Side;

/// Beads per lazily rendered chunk: small enough that a chunk scrolled
/// into view is laid out within a frame or two (with 10 000 beads, chunks
/// of 100 made Chromium stall twice as long on each), large enough that
/// 10 000 beads are only 200 chunks.
pub const CHUNK: usize = 50;

/// What the page says about the run as a whole.
#[derive(Clone, Debug, Default)]
pub struct PageInfo {
    /// The page title (e.g. the input's name); empty: the documents' ids.
    pub title: String,
    /// The settings and model the run used, as (name, value) rows of the
    /// summary; the caller knows them, the writer only shows them.
    pub settings: Vec<(String, String)>,
}

/// Score thresholds of the filters, with the class a bead below each gets.
const BELOW: [(f64, &str); 3] = [(0.9, "u90"), (0.75, "u75"), (0.5, "u50")];

/// The filters: the class of the beads each one shows (`one`: one-sided
/// beads) and its label. Every bead is the filter `all`.
const FILTERS: [(&str, &str); 4] = [
    ("u90", "below 0.9"),
    ("u75", "below 0.75"),
    ("u50", "below 0.5"),
    ("one", "one-sided"),
];

/// Writes the review page for `docs` to `out`; returns what it wrote
/// (every bead).
///
/// ```
/// use wasl::write::html::{write_page, PageInfo};
/// use wasl::write::AlignedDoc;
/// use wasl::{Alignment, Bead, Lang, Side};
///
/// let (ar, en) = ("مرحبا <b>.", "Hello <b>.");
/// let src = Side::presegmented(Lang::ar(), ar);
/// let tgt = Side::presegmented(Lang::en(), en);
/// let alignment = Alignment { beads: vec![Bead { src: 0..1, tgt: 0..1, score: 0.9 }] };
/// let doc = AlignedDoc { id: "d", src: &src, tgt: &tgt, alignment: &alignment };
/// let mut page = Vec::new();
/// write_page(&[doc], &PageInfo::default(), &mut page).unwrap();
/// let page = String::from_utf8(page).unwrap();
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("Hello &lt;b&gt;."));
/// ```
pub fn write_page(docs: &[AlignedDoc], info: &PageInfo, out: &mut dyn Write) -> io::Result<Stats> {
    let mut stats = Stats::default();
    let mut summaries = Vec::with_capacity(docs.len());
    for doc in docs {
        summaries.push(Summary::of(doc)?);
    }
    let title = if !info.title.is_empty() {
        info.title.clone()
    } else if let [doc] = docs {
        doc.id.to_string()
    } else {
        format!("{} documents", docs.len())
    };

    let mut s = String::with_capacity(16 * 1024);
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        s,
        "<meta name=\"generator\" content=\"wasl {}\">",
        env!("CARGO_PKG_VERSION")
    );
    s.push_str("<title>wasl review: ");
    escape_into(&mut s, &title, Context::Plain);
    s.push_str("</title>\n<style>\n");
    s.push_str(STYLE);
    colour_classes(&mut s);
    filter_rules(&mut s);
    s.push_str("</style>\n</head>\n<body>\n");
    toolbar(&mut s, &title);
    s.push_str("<main>\n");
    run_summary(&mut s, docs, &summaries, info);
    if docs.len() > 1 {
        doc_index(&mut s, docs, &summaries);
    }
    out.write_all(s.as_bytes())?;

    for (k, (doc, sum)) in docs.iter().zip(&summaries).enumerate() {
        doc_section(out, k, docs.len(), doc, sum)?;
        stats.docs += 1;
        stats.beads += doc.alignment.beads.len();
        stats.written += doc.alignment.beads.len();
    }

    let mut s = String::new();
    s.push_str("</main>\n<script>\n");
    s.push_str(SCRIPT);
    s.push_str("</script>\n</body>\n</html>\n");
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(stats)
}

/// What a document's summary shows, computed once.
struct Summary {
    /// (source count, target count, beads) by kind, most frequent first.
    kinds: Vec<((usize, usize), usize)>,
    /// Source and target sentences in one-sided beads.
    left_out: (usize, usize),
    /// One-sided beads, by index.
    one_sided: Vec<usize>,
    /// Beads per score decile, 0.0–0.1 first.
    histogram: [usize; 10],
    /// Lowest, median and mean score (0 with no bead).
    min: f64,
    median: f64,
    mean: f64,
    /// Beads below each of [`BELOW`]'s thresholds.
    below: [usize; 3],
}

impl Summary {
    fn of(doc: &AlignedDoc) -> io::Result<Summary> {
        let beads = &doc.alignment.beads;
        let mut kinds = std::collections::BTreeMap::new();
        let mut left_out = (0, 0);
        let mut one_sided = Vec::new();
        let mut histogram = [0; 10];
        let mut below = [0; 3];
        let mut scores = Vec::with_capacity(beads.len());
        for (n, b) in beads.iter().enumerate() {
            // The same range check as every writer: a bead past its side is
            // an error naming the document, found before anything is written.
            sentences(doc, doc.src, &b.src, "source")?;
            sentences(doc, doc.tgt, &b.tgt, "target")?;
            *kinds.entry((b.src.len(), b.tgt.len())).or_insert(0) += 1;
            if b.src.is_empty() || b.tgt.is_empty() {
                left_out.0 += b.src.len();
                left_out.1 += b.tgt.len();
                one_sided.push(n);
            }
            let score = super::clamp_score(b.score);
            histogram[((score * 10.0) as usize).min(9)] += 1;
            for (k, (limit, _)) in BELOW.iter().enumerate() {
                if score < *limit {
                    below[k] += 1;
                }
            }
            scores.push(score);
        }
        let mut kinds: Vec<_> = kinds.into_iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        scores.sort_by(f64::total_cmp);
        let (min, median, mean) = match scores.len() {
            0 => (0.0, 0.0, 0.0),
            n => (
                scores[0],
                if n % 2 == 1 {
                    scores[n / 2]
                } else {
                    (scores[n / 2 - 1] + scores[n / 2]) / 2.0
                },
                scores.iter().sum::<f64>() / n as f64,
            ),
        };
        Ok(Summary {
            kinds,
            left_out,
            one_sided,
            histogram,
            min,
            median,
            mean,
            below,
        })
    }
}

/// The sticky bar: title, filters, search.
///
/// The filters' radio buttons come first in `<body>`, before the bar and
/// `<main>`, so the style sheet reaches the beads from them with the
/// sibling combinator; the bar holds their labels.
fn toolbar(s: &mut String, title: &str) {
    s.push_str("<input type=\"radio\" name=\"f\" class=\"fr\" id=\"fall\" checked>\n");
    for (class, _) in FILTERS {
        let _ = writeln!(
            s,
            "<input type=\"radio\" name=\"f\" class=\"fr\" id=\"f{class}\">"
        );
    }
    s.push_str("<header class=\"bar\">\n<h1>wasl review: ");
    escape_into(s, title, Context::Text);
    s.push_str("</h1>\n<div class=\"filter\"><span>Show</span>\n");
    s.push_str("<label for=\"fall\">every bead</label>\n");
    for (class, text) in FILTERS {
        let _ = writeln!(s, "<label for=\"f{class}\">{text}</label>");
    }
    s.push_str("</div>\n");
    // Hidden until the script runs: without script, the browser's own
    // find (Ctrl-F) searches the page, skipped chunks included.
    s.push_str(
        "<label class=\"search\" hidden>Search <input type=\"search\" id=\"q\" \
         autocomplete=\"off\"> <output id=\"qn\"></output></label>\n</header>\n",
    );
}

/// The run's settings and totals.
fn run_summary(s: &mut String, docs: &[AlignedDoc], sums: &[Summary], info: &PageInfo) {
    s.push_str("<section class=\"run\">\n<h2>Run</h2>\n<dl class=\"kvs\">\n");
    let row = |s: &mut String, k: &str, v: &str| {
        s.push_str("<div><dt>");
        escape_into(s, k, Context::Text);
        s.push_str("</dt><dd>");
        escape_into(s, v, Context::Text);
        s.push_str("</dd></div>\n");
    };
    row(s, "wasl", env!("CARGO_PKG_VERSION"));
    for (k, v) in &info.settings {
        row(s, k, v);
    }
    let beads: usize = docs.iter().map(|d| d.alignment.beads.len()).sum();
    let src: usize = docs.iter().map(|d| d.src.len()).sum();
    let tgt: usize = docs.iter().map(|d| d.tgt.len()).sum();
    let one: usize = sums.iter().map(|m| m.one_sided.len()).sum();
    let low: usize = sums.iter().map(|m| m.below[2]).sum();
    row(s, "documents", &docs.len().to_string());
    if let Some(d) = docs.first() {
        row(
            s,
            "sentences",
            &format!("{src} {} · {tgt} {}", d.src.lang.name(), d.tgt.lang.name()),
        );
    }
    row(
        s,
        "beads",
        &format!("{beads}, of which {one} one-sided and {low} scored below 0.5"),
    );
    s.push_str("</dl>\n</section>\n");
}

/// Links to every document of a batch, with its counts and lowest score.
fn doc_index(s: &mut String, docs: &[AlignedDoc], sums: &[Summary]) {
    s.push_str("<nav class=\"docs\">\n<h2>Documents</h2>\n<ol>\n");
    for (k, (doc, sum)) in docs.iter().zip(sums).enumerate() {
        let _ = write!(s, "<li><a href=\"#d{k}\">");
        escape_into(s, doc.id, Context::Text);
        let _ = writeln!(
            s,
            "</a> {} beads, lowest score {:.2}, {} below 0.5</li>",
            doc.alignment.beads.len(),
            sum.min,
            sum.below[2]
        );
    }
    s.push_str("</ol>\n</nav>\n");
}

/// One document: heading, summary, path picture, beads. Written to `out`
/// a chunk at a time, so a long document is never a second copy in memory.
fn doc_section(
    out: &mut dyn Write,
    k: usize,
    n_docs: usize,
    doc: &AlignedDoc,
    sum: &Summary,
) -> io::Result<()> {
    let mut buf = String::with_capacity(64 * 1024);
    let s = &mut buf;
    let _ = write!(s, "<section class=\"doc\" id=\"d{k}\">\n<h2>");
    escape_into(s, doc.id, Context::Text);
    s.push_str("</h2>\n");
    if n_docs > 1 {
        s.push_str("<p class=\"docnav\">");
        if k > 0 {
            let _ = write!(s, "<a href=\"#d{}\">← previous document</a> ", k - 1);
        }
        let _ = write!(s, "document {} of {n_docs}", k + 1);
        if k + 1 < n_docs {
            let _ = write!(s, " <a href=\"#d{}\">next document →</a>", k + 1);
        }
        s.push_str("</p>\n");
    }
    s.push_str("<div class=\"over\">\n");
    doc_summary(s, k, doc, sum);
    path_svg(s, k, doc);
    s.push_str("</div>\n");

    let (src_name, tgt_name) = (doc.src.lang.name(), doc.tgt.lang.name());
    s.push_str("<div class=\"beads\">\n<div class=\"bh\" aria-hidden=\"true\"><span>bead</span><span>score</span>");
    column_head(s, &doc.src.lang, &src_name);
    column_head(s, &doc.tgt.lang, &tgt_name);
    s.push_str("</div>\n");
    for (c, chunk) in doc.alignment.beads.chunks(CHUNK).enumerate() {
        chunk_open(s, doc, chunk);
        for (m, bead) in chunk.iter().enumerate() {
            bead_row(s, k, c * CHUNK + m, doc, bead, (&src_name, &tgt_name))?;
        }
        s.push_str("</div>\n");
        out.write_all(s.as_bytes())?;
        s.clear();
    }
    s.push_str("</div>\n</section>\n");
    out.write_all(s.as_bytes())
}

fn column_head(s: &mut String, lang: &Lang, name: &str) {
    s.push_str("<span");
    lang_dir(s, lang);
    s.push('>');
    escape_into(s, name, Context::Text);
    s.push_str(" (");
    escape_into(s, lang.tag(), Context::Text);
    s.push_str(")</span>");
}

/// ` lang="…" dir="…"`: right to left for the languages written in Arabic
/// script, left to right otherwise.
fn lang_dir(s: &mut String, lang: &Lang) {
    s.push_str(" lang=\"");
    escape_into(s, lang.tag(), Context::Plain);
    s.push_str("\" dir=\"");
    s.push_str(if lang.script() == Script::Arabic {
        "rtl"
    } else {
        "ltr"
    });
    s.push('"');
}

/// Opens a chunk: `<div class="chunk hu90 …">` with a class `hF` for each
/// filter F it has beads for, and its height in `em` under each filter,
/// guessed from the text (about 60 characters a line): `--a` with every
/// bead, `--F` under filter F. The browser takes the guess for a chunk it
/// has not laid out, so the scroll bar is about right.
fn chunk_open(s: &mut String, doc: &AlignedDoc, chunk: &[Bead]) {
    let lines = |side: &Side, r: &std::ops::Range<usize>| -> usize {
        side.sentences
            .get(r.clone())
            .unwrap_or(&[])
            .iter()
            .map(|x| x.text(side.text).chars().count().div_ceil(60).max(1))
            .sum::<usize>()
            .max(1)
    };
    let mut all = 0.0;
    let mut shown = [0.0; FILTERS.len()];
    for b in chunk {
        let em = 1.5 * lines(doc.src, &b.src).max(lines(doc.tgt, &b.tgt)) as f64 + 0.8;
        all += em;
        let classes = bead_classes(b);
        for (f, (class, _)) in FILTERS.iter().enumerate() {
            if classes.contains(class) {
                shown[f] += em;
            }
        }
    }
    s.push_str("<div class=\"chunk");
    for (f, (class, _)) in FILTERS.iter().enumerate() {
        if shown[f] > 0.0 {
            let _ = write!(s, " h{class}");
        }
    }
    let _ = write!(s, "\" style=\"--a:{}em", all.ceil());
    for (f, (class, _)) in FILTERS.iter().enumerate() {
        let _ = write!(s, ";--{class}:{}em", shown[f].ceil());
    }
    s.push_str("\">\n");
}

/// The filter classes of a bead: `u90`, `u75`, `u50` below each score,
/// `one` when one side is empty.
fn bead_classes(bead: &Bead) -> Vec<&'static str> {
    let score = super::clamp_score(bead.score);
    let mut classes: Vec<&str> = BELOW
        .iter()
        .filter(|(limit, _)| score < *limit)
        .map(|(_, class)| *class)
        .collect();
    if bead.src.is_empty() || bead.tgt.is_empty() {
        classes.push("one");
    }
    classes
}

fn doc_summary(s: &mut String, k: usize, doc: &AlignedDoc, sum: &Summary) {
    let (src, tgt) = (doc.src.lang.name(), doc.tgt.lang.name());
    let beads = doc.alignment.beads.len();
    s.push_str("<div class=\"sum\">\n<table class=\"kv\">\n");
    let _ = writeln!(
        s,
        "<tr><th>sentences</th><td>{} {} · {} {}</td></tr>",
        doc.src.len(),
        esc(&src),
        doc.tgt.len(),
        esc(&tgt)
    );
    let _ = write!(s, "<tr><th>beads</th><td>{beads}:");
    for ((a, b), n) in &sum.kinds {
        let _ = write!(s, " <span class=\"kind\">{a}-{b}</span>&nbsp;{n}");
    }
    s.push_str("</td></tr>\n");
    let _ = write!(
        s,
        "<tr><th>left out</th><td>{} {} and {} {} sentences, in one-sided beads",
        sum.left_out.0,
        esc(&src),
        sum.left_out.1,
        esc(&tgt)
    );
    if !sum.one_sided.is_empty() {
        s.push(':');
        for n in sum.one_sided.iter().take(20) {
            let _ = write!(s, " <a href=\"#d{k}-b{n}\">{n}</a>");
        }
        if sum.one_sided.len() > 20 {
            s.push_str(" …");
        }
    }
    s.push_str("</td></tr>\n");
    let _ = writeln!(
        s,
        "<tr><th>scores</th><td>lowest {:.2} · median {:.2} · mean {:.2} · below 0.9: {} · below 0.5: {}</td></tr>",
        sum.min, sum.median, sum.mean, sum.below[0], sum.below[2]
    );
    s.push_str("</table>\n<table class=\"hist\">\n<caption>Beads by score</caption>\n");
    let top = sum.histogram.iter().copied().max().unwrap_or(0).max(1);
    for (d, &n) in sum.histogram.iter().enumerate().rev() {
        let _ = writeln!(
            s,
            "<tr><th>{:.1}–{:.1}</th><td><span class=\"c{} hb\" style=\"width:{:.2}rem\"></span> {n}</td></tr>",
            d as f64 / 10.0,
            (d + 1) as f64 / 10.0,
            d,
            12.0 * n as f64 / top as f64
        );
    }
    s.push_str("</table>\n</div>\n");
}

/// The alignment path: the grid of sentence pairs, source index across and
/// target index down, each bead the rectangle of the pairs it covers, a
/// link to its row. A one-sided bead has no extent on one axis: it is
/// drawn as a thin bar on the grid line where it sits.
fn path_svg(s: &mut String, k: usize, doc: &AlignedDoc) {
    let (w, h) = (doc.src.len().max(1), doc.tgt.len().max(1));
    // Thickness of a one-sided bead: 1/120 of the picture on its short axis.
    let (tx, ty) = (w as f64 / 120.0, h as f64 / 120.0);
    let (src, tgt) = (doc.src.lang.name(), doc.tgt.lang.name());
    let _ = writeln!(
        s,
        "<figure class=\"path\">\n<svg viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"none\" role=\"img\" \
         aria-labelledby=\"d{k}-pt\"><title id=\"d{k}-pt\">Alignment path: {} sentences across, {} sentences down</title>",
        esc(&src),
        esc(&tgt)
    );
    let _ = writeln!(s, "<path class=\"diag\" d=\"M0 0L{w} {h}\"/>");
    for (n, b) in doc.alignment.beads.iter().enumerate() {
        let score = super::clamp_score(b.score);
        let (x, y) = (b.src.start as f64, b.tgt.start as f64);
        let (bw, bh) = (b.src.len() as f64, b.tgt.len() as f64);
        let (x, bw) = if bw == 0.0 {
            (x - tx / 2.0, tx)
        } else {
            (x, bw)
        };
        let (y, bh) = if bh == 0.0 {
            (y - ty / 2.0, ty)
        } else {
            (y, bh)
        };
        let one = if b.src.is_empty() || b.tgt.is_empty() {
            " one"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "<a href=\"#d{k}-b{n}\"><rect class=\"c{}{one}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>bead {n} · {} · {:.2}</title></rect></a>",
            colour_class(score),
            num(x),
            num(y),
            num(bw),
            num(bh),
            b.kind(),
            score
        );
    }
    let _ = writeln!(
        s,
        "</svg>\n<figcaption>{} sentences 0–{} across, {} sentences 0–{} down; \
         each bead a rectangle coloured by score. Click one to go to it.</figcaption>\n</figure>",
        esc(&src),
        doc.src.len().saturating_sub(1),
        esc(&tgt),
        doc.tgt.len().saturating_sub(1)
    );
}

/// A coordinate with at most three decimals and no trailing zeros.
fn num(v: f64) -> String {
    let t = format!("{v:.3}");
    let t = t.trim_end_matches('0').trim_end_matches('.');
    if t == "-0" {
        "0".into()
    } else {
        t.to_string()
    }
}

/// One bead: number and kind, score, then each side's sentences.
fn bead_row(
    s: &mut String,
    k: usize,
    n: usize,
    doc: &AlignedDoc,
    bead: &Bead,
    names: (&str, &str),
) -> io::Result<()> {
    let score = super::clamp_score(bead.score);
    let _ = write!(s, "<div class=\"b c{}", colour_class(score));
    for class in bead_classes(bead) {
        s.push(' ');
        s.push_str(class);
    }
    if bead.src.len() > 1 || bead.tgt.len() > 1 {
        s.push_str(" multi");
    }
    let _ = write!(
        s,
        "\" id=\"d{k}-b{n}\" data-src=\"{}\" data-tgt=\"{}\" data-score=\"{score:.4}\">\
         <a class=\"n\" href=\"#d{k}-b{n}\">{n}<small>{}</small></a><span class=\"s\">{score:.2}</span>",
        super::ids_spaced(&bead.src),
        super::ids_spaced(&bead.tgt),
        bead.kind()
    );
    side_cell(s, doc, doc.src, &bead.src, "source", names.0)?;
    side_cell(s, doc, doc.tgt, &bead.tgt, "target", names.1)?;
    s.push_str("</div>\n");
    Ok(())
}

/// One side of a bead: each sentence a block of its own (a paragraph to
/// the bidi algorithm, so nothing in it can move text outside it), or a
/// note that the other side's sentences have no counterpart in `name`.
fn side_cell(
    s: &mut String,
    doc: &AlignedDoc,
    side: &Side,
    range: &std::ops::Range<usize>,
    which: &str,
    name: &str,
) -> io::Result<()> {
    s.push_str("<div class=\"t\"");
    lang_dir(s, &side.lang);
    s.push('>');
    let sents = sentences(doc, side, range, which)?;
    if sents.is_empty() {
        s.push_str("<p class=\"none\" dir=\"ltr\" lang=\"en\">no ");
        escape_into(s, name, Context::Text);
        s.push_str(" counterpart</p>");
    }
    for (i, sent) in range.clone().zip(sents) {
        let text = side.text.get(sent.span()).unwrap_or("");
        if text.trim().is_empty() {
            let _ = write!(s, "<p data-i=\"{i}\" class=\"blank\">");
        } else {
            let _ = write!(s, "<p data-i=\"{i}\">");
        }
        escape_into(s, text, Context::Text);
        s.push_str("</p>");
    }
    s.push_str("</div>");
    Ok(())
}

/// The colour class of a score: `c0` (red) to `c10` (green), by tenths.
fn colour_class(score: f64) -> usize {
    (score * 10.0).round() as usize
}

/// The eleven colour classes: a strong colour (`--c`, the picture's
/// outlines) and a light one (`--l`, fills), red through yellow to green.
fn colour_classes(s: &mut String) {
    for c in 0..=10 {
        let hue = 12 * c;
        let _ = writeln!(s, ".c{c}{{--c:hsl({hue} 70% 38%);--l:hsl({hue} 85% 82%)}}");
    }
}

/// The filters' rules: with filter F's radio button checked, beads without
/// class F and chunks without any are not shown, chunks not laid out yet
/// take their height under F (no `auto`: the size remembered from before
/// the filter would be the unfiltered one), and F's label looks pressed.
fn filter_rules(s: &mut String) {
    s.push_str("#fall:checked~.bar label[for=fall]");
    for (class, _) in FILTERS {
        let _ = write!(s, ",#f{class}:checked~.bar label[for=f{class}]");
    }
    s.push_str("{background:#2a5bd7;border-color:#2a5bd7;color:#fff}\n");
    s.push_str("#fall:focus-visible~.bar label[for=fall]");
    for (class, _) in FILTERS {
        let _ = write!(s, ",#f{class}:focus-visible~.bar label[for=f{class}]");
    }
    s.push_str("{outline:2px solid #2a5bd7;outline-offset:1px}\n");
    for (class, _) in FILTERS {
        let _ = writeln!(
            s,
            "#f{class}:checked~main .b:not(.{class}),#f{class}:checked~main .chunk:not(.h{class}){{display:none}}\n\
             #f{class}:checked~main .chunk{{contain-intrinsic-block-size:var(--{class})}}"
        );
    }
}

/// Where escaped text goes: page text, where a control character can be
/// shown as a marked-up sign, or an attribute value or `<title>`, which
/// hold no markup.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Text,
    Plain,
}

/// `text` escaped as page text.
fn esc(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    escape_into(&mut s, text, Context::Text);
    s
}

/// The short name of a character that must not act on the page, or `None`
/// for one that may be written as it is.
///
/// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
/// would reorder the text after them (the Trojan Source trick: a line that
/// reads differently from what it holds); control characters and
/// noncharacters are parse errors in HTML and invisible besides. The marks
/// U+200E, U+200F and U+061C only settle neutral characters and are common
/// in real Arabic text: they are kept.
fn hidden_char_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        '\t' | '\n' => return None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => "CTRL",
        '\u{FDD0}'..='\u{FDEF}' => "NONCHAR",
        c if (c as u32) & 0xFFFE == 0xFFFE => "NONCHAR",
        _ => return None,
    })
}

/// Appends `text` escaped for HTML: `& < > " '` as character references,
/// and the characters [`hidden_char_name`] names as a visible mark — in
/// page text an `<abbr class="cc" data-u="202E">` holding the name (a C0
/// control in caret notation, `^G`; CR as `CR`), in plain contexts the
/// name in brackets. This is the only place input text enters the page.
fn escape_into(out: &mut String, text: &str, ctx: Context) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => match hidden_char_name(c) {
                None => out.push(c),
                Some(name) => {
                    // Caret notation for C0 controls (`^G`), which every
                    // font can show (the Control Pictures block, `␇`, is
                    // missing from common fonts).
                    let label = match c {
                        '\r' => "CR".to_string(),
                        '\u{0}'..='\u{1f}' => format!("^{}", (c as u8 + 0x40) as char),
                        '\u{7f}' => "DEL".to_string(),
                        _ if name == "CTRL" || name == "NONCHAR" => format!("U+{:04X}", c as u32),
                        _ => name.to_string(),
                    };
                    match ctx {
                        Context::Text => {
                            let _ = write!(
                                out,
                                "<abbr class=\"cc\" data-u=\"{:04X}\" title=\"U+{:04X}\">{label}</abbr>",
                                c as u32, c as u32
                            );
                        }
                        Context::Plain => {
                            out.push('[');
                            out.push_str(&label);
                            out.push(']');
                        }
                    }
                }
            },
        }
    }
}

/// The page's styles. Fonts are the reader's own (a list of common Arabic
/// and Latin families, no download). The filters' rules are written by
/// [`filter_rules`], the score colours by [`colour_classes`].
const STYLE: &str = r#":root{color-scheme:light;--fg:#1c1c1e;--mut:#6b6b70;--line:#e2e2e6;--bg:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0}
main{max-width:1500px;margin:0 auto;padding:0 1rem 4rem}
[dir=rtl]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Geeza Pro","Segoe UI",Tahoma,"DejaVu Sans",sans-serif}
.bar{position:sticky;top:0;z-index:2;background:#f6f6f8;border-bottom:1px solid var(--line);padding:.3rem 1rem;display:flex;flex-wrap:wrap;gap:.3rem 1.5rem;align-items:center}
.bar h1{font-size:1rem;margin:0;unicode-bidi:isolate}
.filter{display:flex;flex-wrap:wrap;gap:.2rem .4rem;align-items:center}
.filter span{color:var(--mut);margin-inline-end:.2rem}
.filter label{white-space:nowrap;cursor:pointer;border:1px solid #bbb;border-radius:1em;padding:0 .6em;font-size:.9em;background:#fff}
.fr{position:absolute;left:-100vw}
.bar label{white-space:nowrap}
h2{font-size:1.15rem;margin:1.6rem 0 .4rem;unicode-bidi:isolate}
table{border-collapse:collapse}
.kv th{text-align:start;font-weight:600;padding:.1rem 1rem .1rem 0;vertical-align:top;white-space:nowrap}
.kv td{padding:.1rem 0}
.run h2{margin-top:.8rem}
.kvs{display:flex;flex-wrap:wrap;gap:.15rem 1.6rem;margin:0;font-size:.88em}
.kvs div{display:flex;gap:.4rem}
.kvs dt{color:var(--mut)}
.kvs dt::after{content:":"}
.kvs dd{margin:0;overflow-wrap:anywhere}
.kind{font-variant-numeric:tabular-nums;background:#eef;border-radius:3px;padding:0 .25em}
.over{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start;margin-bottom:1rem}
.sum{flex:1 1 24rem}
.hist{margin-top:.6rem;font-size:.85em}
.hist caption{text-align:start;color:var(--mut)}
.hist th{font-weight:400;padding-inline-end:.6rem;color:var(--mut);font-variant-numeric:tabular-nums}
.hist td{white-space:nowrap}
.hb{display:inline-block;height:.8em;background:var(--c);vertical-align:middle}
.path{margin:0;flex:0 1 22rem}
.path svg{display:block;width:100%;max-width:22rem;aspect-ratio:1;border:1px solid #ccc;background:#fcfcfd}
.path rect{fill:var(--l);stroke:var(--c);stroke-width:1.5px;vector-effect:non-scaling-stroke}
.path rect.one{fill:var(--c)}
.path a:hover rect,.path a:focus rect{stroke:#000;stroke-width:3px}
.path .diag{stroke:#ccc;stroke-dasharray:4 4;vector-effect:non-scaling-stroke;fill:none}
.path figcaption{font-size:.8em;color:var(--mut);max-width:22rem}
.docs ol{padding-inline-start:1.5rem;columns:22rem}
.docnav{margin:.2rem 0 .6rem;color:var(--mut)}
.b,.bh{display:grid;grid-template-columns:3.4em 3.2em minmax(0,1fr) minmax(0,1fr);gap:0 .9em;padding:.35em .3em}
.bh{position:sticky;top:2.4rem;z-index:1;background:var(--bg);border-bottom:2px solid var(--line);font-weight:600;color:var(--mut)}
.b{border-top:1px solid var(--line)}
.b:target{outline:2px solid #2a5bd7;outline-offset:-2px}
.n{color:var(--mut);font-size:.85em;text-decoration:none;font-variant-numeric:tabular-nums}
.n small{display:block}
.s{align-self:start;text-align:center;border-radius:3px;background:var(--l);border-inline-start:4px solid var(--c);font-size:.9em;font-variant-numeric:tabular-nums}
.t p{margin:0;overflow-wrap:anywhere}
.t[dir=rtl]{font-size:1.1em}
.t p::before{content:attr(data-i);font-size:.65em;color:var(--mut);margin-inline-end:.45em;unicode-bidi:isolate}
.t p.blank::after{content:"(blank line)";color:var(--mut);font-style:italic}
.t p.none{color:var(--mut);font-style:italic;font-size:.85em;font-family:system-ui,sans-serif}
.multi .t{border-inline-start:3px solid #8aa0c8;padding-inline-start:.5em}
.multi .t p+p{border-top:1px dotted #b8b8c0}
.one{background:repeating-linear-gradient(135deg,transparent 0 8px,#f4f4f7 8px 16px)}
.cc{font:.7em/1 ui-monospace,monospace;direction:ltr;unicode-bidi:isolate;border:1px solid #c44;color:#a22;border-radius:2px;padding:0 .15em;text-decoration:none}
.chunk{content-visibility:auto;contain-intrinsic-block-size:auto var(--a)}
.searching .chunk{contain-intrinsic-block-size:calc(var(--a) * var(--s,1))}
.b.nomatch,.chunk.nomatch{display:none}
@media (max-width:700px){.b,.bh{grid-template-columns:3em 3em minmax(0,1fr)}.b .t:last-child,.bh span:last-child{grid-column:3}}
@media print{.bar{position:static}.filter,.search,.fr{display:none}.bh{position:static}.chunk{content-visibility:visible}.b,.path,.hist{break-inside:avoid}*{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
"#;

/// The search box: hides the beads whose text does not contain the query
/// (case-insensitive), and the chunks with none, and scales each chunk's
/// height guess (`--s`) to its share of matches. Texts are read once, on
/// first use.
const SCRIPT: &str = r#"(()=>{const q=document.getElementById("q"),n=document.getElementById("qn"),cs=[...document.querySelectorAll(".chunk")];let tx=null;
q.parentElement.hidden=false;
q.addEventListener("input",()=>{tx=tx||cs.map(c=>[...c.querySelectorAll(".b")].map(b=>[b,b.textContent.toLowerCase()]));const t=q.value.trim().toLowerCase();let k=0,all=0;
document.body.classList.toggle("searching",t!=="");
cs.forEach((c,i)=>{let m=0;for(const[b,s]of tx[i]){const y=t===""||s.includes(t);b.classList.toggle("nomatch",!y);m+=y}c.classList.toggle("nomatch",m===0);c.style.setProperty("--s",m/Math.max(tx[i].length,1));k+=m;all+=tx[i].length});
n.textContent=t?k+" of "+all+" beads":""})})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::testing::*;

    fn escaped(text: &str, ctx: Context) -> String {
        let mut s = String::new();
        escape_into(&mut s, text, ctx);
        s
    }

    #[test]
    fn markup_is_escaped_and_controls_become_visible_marks() {
        assert_eq!(
            escaped("</script><b x='1'>&", Context::Text),
            "&lt;/script&gt;&lt;b x=&#39;1&#39;&gt;&amp;"
        );
        assert_eq!(
            escaped("a\u{202E}b\u{7}c\u{200F}", Context::Text),
            "a<abbr class=\"cc\" data-u=\"202E\" title=\"U+202E\">RLO</abbr>b\
             <abbr class=\"cc\" data-u=\"0007\" title=\"U+0007\">^G</abbr>c\u{200F}"
        );
        assert_eq!(
            escaped("x\u{2066}\u{FFFF}\"", Context::Plain),
            "x[LRI][U+FFFF]&quot;"
        );
    }

    #[test]
    fn every_bead_is_a_row_in_order_and_past_the_side_is_an_error() {
        let src = side(Lang::ar(), "أ.\nب.\nج.");
        let tgt = side(Lang::en(), "A.\nB.");
        let al = alignment(vec![
            bead(0..2, 0..1, 0.9),
            bead(2..3, 1..1, 0.3),
            bead(3..3, 1..2, 0.1),
        ]);
        let doc = AlignedDoc {
            id: "d<1>",
            src: &src,
            tgt: &tgt,
            alignment: &al,
        };
        let mut out = Vec::new();
        let stats = write_page(&[doc], &PageInfo::default(), &mut out).unwrap();
        assert_eq!((stats.beads, stats.written), (3, 3));
        let page = String::from_utf8(out).unwrap();
        let rows: Vec<usize> = (0..3)
            .map(|n| page.find(&format!("id=\"d0-b{n}\"")).unwrap())
            .collect();
        assert!(rows.windows(2).all(|w| w[0] < w[1]));
        assert!(page.contains("d&lt;1&gt;") && !page.contains("d<1>"));
        assert!(page.contains("class=\"b c9 multi\""), "2-1 bead grouped");
        assert!(
            page.contains("class=\"b c3 u90 u75 u50 one\""),
            "1-0 bead marked"
        );

        let al = alignment(vec![bead(0..5, 0..1, 0.9)]);
        let doc = AlignedDoc {
            id: "doc7",
            src: &src,
            tgt: &tgt,
            alignment: &al,
        };
        let err = write_page(&[doc], &PageInfo::default(), &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("doc7"), "{err}");
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(0.125), "0.125");
    }
}

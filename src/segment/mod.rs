//! Sentence segmentation.
//!
//! The base is Unicode's sentence-boundary algorithm (UAX #29); language
//! rules then join or split where UAX #29 is known to be wrong for news
//! text. Paragraph breaks are hard boundaries: segmentation runs on each
//! paragraph on its own.
//!
//! The idea, and where each part lives:
//!
//! - [`scan`] evaluates UAX #29 only where a sentence can end. It skips to
//!   the next terminator (`.`, `!`, `?`, `؟`, `。`, …) with a byte loop and
//!   reads the few characters around it, giving a *cluster* (terminators,
//!   closing quotes, spaces) and UAX #29's verdict with the rule behind it.
//!   On its own it agrees with `unicode-segmentation` (tested), at a
//!   fraction of the cost, because most text is never classified.
//! - [`arabic`] and [`latin`] (English and every other language) accept or
//!   overrule that verdict: abbreviations, initials, the `.,` separator of
//!   scraped Arabic news, `"Why?" he asked`.
//! - [`abbrev`] loads the per-language abbreviation lists, plain text files
//!   in `abbrev/` compiled in with `include_str!`.
//!
//! Every sentence is a byte span into the input text, trimmed of white
//! space, so nothing is copied and every output can point back at its
//! source. The spans of a paragraph are in order, do not overlap, and
//! together hold every non-white-space byte of it: rules only choose where
//! to cut, never what to keep. The one separator that is not white space,
//! the comma of Arabic `., `, stays at the end of the sentence before it.

mod abbrev;
mod arabic;
mod class;
mod latin;
mod scan;

use rayon::prelude::*;
use std::ops::Range;

use crate::input;
use crate::lang::{Lang, Rules};

use self::arabic::Arabic;
use self::latin::Latin;

/// One sentence: a byte span into its document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Index of the paragraph (within its side) the sentence is in.
    pub paragraph: usize,
}

impl Sentence {
    /// The sentence's text in `text`, the document it was cut from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// The byte span.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One language side of a document pair: its language, the text the
/// sentences point into, and the sentences in order.
#[derive(Clone, Debug)]
pub struct Side<'a> {
    pub lang: Lang,
    pub text: &'a str,
    pub sentences: Vec<Sentence>,
}

impl<'a> Side<'a> {
    /// Segments the given paragraphs of `text` with the rules of `lang`.
    pub fn segment(lang: Lang, text: &'a str, paragraphs: &[Range<usize>]) -> Side<'a> {
        let sentences = segment(text, paragraphs, &lang);
        Side {
            lang,
            text,
            sentences,
        }
    }

    /// Takes `text` as presegmented: line N is sentence N (blank lines are
    /// empty sentences, so ids stay line numbers).
    ///
    /// Each line is its own paragraph, except that a line which begins with
    /// white space continues the paragraph of the non-blank line before it.
    /// That is what a text split into sentences looks like when the
    /// splitter kept the space between two sentences of one paragraph (the
    /// English side of AlignAR, for one); the aligner weighs how far such
    /// marks agree across the sides from the input itself (see
    /// [`crate::align::paragraph`]).
    pub fn presegmented(lang: Lang, text: &'a str) -> Side<'a> {
        let mut paragraph = 0;
        let mut sentences: Vec<Sentence> = Vec::new();
        for (i, line) in input::line_spans(text).enumerate() {
            let r = input::trim_range(text, line.clone()).unwrap_or(line.start..line.start);
            let indented = !r.is_empty() && r.start > line.start;
            let continues = indented && sentences.last().is_some_and(|s| s.end > s.start);
            if i > 0 && !continues {
                paragraph += 1;
            }
            sentences.push(Sentence {
                start: r.start,
                end: r.end,
                paragraph,
            });
        }
        Side {
            lang,
            text,
            sentences,
        }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// True when there is no sentence.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Text of sentence `i`.
    pub fn sentence(&self, i: usize) -> &'a str {
        self.sentences[i].text(self.text)
    }

    /// Texts of all sentences, in order.
    pub fn texts(&self) -> Vec<&'a str> {
        self.sentences.iter().map(|s| s.text(self.text)).collect()
    }
}

/// Splits each paragraph of `text` into sentences with `lang`'s rules.
/// The result is in text order; paragraph indices count the given ranges.
///
/// Ranges that are out of bounds or not on character boundaries are
/// skipped (they cannot come from [`input::paragraphs`]); no input panics.
///
/// ```
/// use wasl::{segment::segment, Lang};
///
/// let text = "قال د. محمد: «انتهى.» ثم غادر., وعاد\nMr. Smith left. He came back.";
/// let paragraphs = wasl::input::paragraphs(text);
/// let ar = segment(text, &paragraphs[..1], &Lang::ar());
/// let texts: Vec<&str> = ar.iter().map(|s| s.text(text)).collect();
/// assert_eq!(texts, ["قال د. محمد: «انتهى.»", "ثم غادر.,", "وعاد"]);
/// let en = segment(text, &paragraphs[1..], &Lang::en());
/// assert_eq!(en[0].text(text), "Mr. Smith left.");
/// ```
pub fn segment(text: &str, paragraphs: &[Range<usize>], lang: &Lang) -> Vec<Sentence> {
    let rules = LangRules::new(lang);
    // Paragraphs are independent (no sentence crosses one), so a long text
    // is split into groups of paragraphs segmented in parallel: the two
    // sides of a document then share the cores evenly, however unequal
    // their sizes.
    let bytes: usize = paragraphs.iter().map(|r| r.len()).sum();
    if bytes < PARALLEL_BYTES || paragraphs.len() < 2 {
        return segment_paragraphs(text, paragraphs, 0, &rules);
    }
    let groups = (bytes / PARALLEL_BYTES).clamp(2, 4 * rayon::current_num_threads().max(1));
    let per = paragraphs.len().div_ceil(groups);
    paragraphs
        .par_chunks(per)
        .enumerate()
        .map(|(g, chunk)| segment_paragraphs(text, chunk, g * per, &rules))
        .collect::<Vec<_>>()
        .concat()
}

/// Texts shorter than this (in bytes) are segmented on one core.
const PARALLEL_BYTES: usize = 1 << 20;

/// [`segment`] of `paragraphs`, the first of which is paragraph `first`.
fn segment_paragraphs(
    text: &str,
    paragraphs: &[Range<usize>],
    first: usize,
    rules: &LangRules,
) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    for (p, range) in paragraphs.iter().enumerate() {
        let p = first + p;
        let Some(para) = text.get(range.clone()) else {
            continue;
        };
        // Where the paragraph's next sentence starts when a piece with
        // nothing visible was met before it (see `has_visible`).
        let mut carry: Option<usize> = None;
        let first_of_paragraph = out.len();
        let mut push = |start: usize, end: usize| {
            let span = range.start + start..range.start + end;
            let Some(r) = input::trim_range(text, span) else {
                return;
            };
            if !has_visible(&text[r.clone()]) {
                // A bidi mark, a stray control or a noncharacter cut off
                // by a terminator is not a sentence: it joins the sentence
                // before it, or the one after it at a paragraph's start.
                match out[first_of_paragraph..].last_mut() {
                    Some(prev) => prev.end = r.end,
                    None => carry = Some(carry.unwrap_or(r.start)),
                }
                return;
            }
            out.push(Sentence {
                start: carry.take().unwrap_or(r.start),
                end: r.end,
                paragraph: p,
            });
        };
        let mut start = 0;
        let mut pos = 0;
        while let Some(cl) = scan::next_cluster(para, pos, rules.ellipsis()) {
            match rules.decide(para, &cl) {
                Cut::At(cut) => {
                    push(start, cut);
                    start = cut;
                    pos = cut;
                }
                // `end` is past the cluster's first terminator, so the scan
                // always moves on.
                Cut::No => pos = cl.end,
            }
        }
        push(start, para.len());
    }
    out
}

/// True when `s` has a character a reader sees: not white space, not a
/// control character, not an invisible format character (bidi marks and
/// embeddings, zero-width characters, the BOM), not a noncharacter.
pub fn has_visible(s: &str) -> bool {
    s.chars().any(|c| !is_invisible(c))
}

/// Characters that carry no text of their own.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{061C}' // Arabic letter mark
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}' // zero-width space, ZWNJ, ZWJ, LRM, RLM
                | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
                | '\u{2060}'..='\u{2069}' // word joiner, invisible operators, isolates
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{FFFE}'
                | '\u{FFFF}'
        )
}

/// A rule's answer at a cluster: no boundary, or a boundary at a byte
/// offset (the start of the next sentence, before trimming).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cut {
    No,
    At(usize),
}

/// The rules chosen for a language, resolved once per call.
enum LangRules {
    Arabic(Arabic),
    Latin {
        rules: Latin,
        /// Treat `…` as a full stop (English; UAX #29 does not).
        ellipsis: bool,
    },
}

impl LangRules {
    fn new(lang: &Lang) -> LangRules {
        match lang.rules() {
            Rules::Arabic => LangRules::Arabic(Arabic::new()),
            Rules::English => LangRules::Latin {
                rules: Latin::english(),
                ellipsis: true,
            },
            Rules::Generic => LangRules::Latin {
                rules: Latin::generic(lang.primary()),
                ellipsis: false,
            },
        }
    }

    fn ellipsis(&self) -> bool {
        match self {
            LangRules::Arabic(_) => true,
            LangRules::Latin { ellipsis, .. } => *ellipsis,
        }
    }

    fn decide(&self, para: &str, cl: &scan::Cluster) -> Cut {
        match self {
            LangRules::Arabic(rules) => rules.decide(para, cl),
            LangRules::Latin { rules, .. } => rules.decide(para, cl),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn presegmented_indented_lines_continue_the_paragraph_before() {
        let text = "  First.\n Second.\nThird.\n\t Fourth.\n\n Sixth.\nSeventh.\r\n Eighth.";
        let side = Side::presegmented(Lang::new("en"), text);
        let paras: Vec<usize> = side.sentences.iter().map(|s| s.paragraph).collect();
        // The first line starts the first paragraph however it is indented;
        // after a blank line an indented line has nothing to continue.
        assert_eq!(paras, [0, 0, 1, 1, 2, 3, 4, 4]);
        assert_eq!(
            side.texts(),
            ["First.", "Second.", "Third.", "Fourth.", "", "Sixth.", "Seventh.", "Eighth."]
        );
    }

    /// The sentences of `text`, one paragraph per line.
    pub(crate) fn sentences<'a>(text: &'a str, lang: &Lang) -> Vec<&'a str> {
        segment(text, &input::paragraphs(text), lang)
            .iter()
            .map(|s| s.text(text))
            .collect()
    }

    #[test]
    fn paragraph_breaks_are_hard_boundaries() {
        // A headline without final punctuation is its own sentence.
        let text = "اهتمام البيت الأبيض\nوحسب الشبكة الأمريكية، فإن\nWhite House Interest\nAccording to Mr.\nSmith";
        assert_eq!(
            sentences(text, &Lang::ar())[..2],
            ["اهتمام البيت الأبيض", "وحسب الشبكة الأمريكية، فإن"]
        );
        let en = sentences(text, &Lang::en());
        assert_eq!(
            en[2..],
            ["White House Interest", "According to Mr.", "Smith"]
        );
    }

    #[test]
    fn paragraph_index_counts_given_ranges() {
        let text = "One. Two.\n\nThree.";
        let s = segment(text, &input::paragraphs(text), &Lang::en());
        let idx: Vec<usize> = s.iter().map(|s| s.paragraph).collect();
        assert_eq!(idx, [0, 0, 1]);
    }

    #[test]
    fn long_texts_segment_in_parallel_exactly_as_serially() {
        // The five sample articles, repeated past the parallel threshold:
        // the parallel groups must give the sentences, offsets and
        // paragraph numbers of one serial pass.
        let mut sample = String::new();
        for text in crate::sample_articles() {
            sample.push_str(&text);
            sample.push('\n');
        }
        let text = sample.repeat(PARALLEL_BYTES / sample.len() * 3 + 1);
        let paragraphs = input::paragraphs(&text);
        for lang in [Lang::ar(), Lang::en()] {
            let serial = segment_paragraphs(&text, &paragraphs, 0, &LangRules::new(&lang));
            let parallel = segment(&text, &paragraphs, &lang);
            assert!(serial.len() > 1000);
            assert_eq!(parallel, serial);
            assert_eq!(
                parallel.last().unwrap().paragraph,
                paragraphs.len() - 1,
                "paragraph numbers run across the groups"
            );
        }
    }

    #[test]
    fn degenerate_input_does_not_panic() {
        for lang in [Lang::ar(), Lang::en(), Lang::new("de")] {
            for text in [
                "",
                " ",
                ".",
                "\u{301}",
                "؟؟؟",
                "...",
                "\u{301}.\u{301}",
                "., ,.",
                "a.\r\rb",
            ] {
                let _ = sentences(text, &lang);
            }
            // Out-of-range and mid-character ranges are skipped.
            let text = "مرحبا";
            #[allow(clippy::reversed_empty_ranges)]
            let bad = [0..1, 0..100, 3..1];
            assert!(segment(text, &bad, &lang).is_empty());
        }
    }

    #[test]
    fn huge_paragraph_without_spaces_is_linear_and_covered() {
        // Many full stops inside one long token: the look-back is bounded.
        let text = "a.".repeat(200_000);
        let s = segment(&text, &input::paragraphs(&text), &Lang::en());
        assert_eq!(s.first().map(|s| s.start), Some(0));
        assert_eq!(s.last().map(|s| s.end), Some(text.len()));
    }

    /// Checks the span invariants: trimmed, in order, non-overlapping,
    /// non-empty, inside their paragraph, covering every non-space byte.
    fn check_cover(text: &str, lang: &Lang) -> Result<(), TestCaseError> {
        let paras = input::paragraphs(text);
        let sents = segment(text, &paras, lang);
        let mut covered = vec![false; text.len()];
        let mut prev_end = 0;
        for s in &sents {
            prop_assert!(s.start < s.end, "empty span {:?}", s);
            prop_assert!(s.start >= prev_end, "overlap at {:?}", s);
            let t = s.text(text);
            prop_assert_eq!(t, t.trim());
            let p = &paras[s.paragraph];
            prop_assert!(p.start <= s.start && s.end <= p.end);
            covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
            prev_end = s.end;
        }
        // Every character but white space is in a sentence, except in a
        // paragraph with nothing visible (only bidi marks, say), which is
        // no sentence at all.
        for (i, c) in text.char_indices() {
            let in_visible_paragraph = paras
                .iter()
                .any(|p| p.contains(&i) && has_visible(&text[p.clone()]));
            if !c.is_whitespace() && in_visible_paragraph {
                prop_assert!(covered[i], "{:?} at {} dropped from {:?}", c, i, text);
            }
        }
        for s in &sents {
            prop_assert!(has_visible(s.text(text)), "invisible sentence {:?}", s);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn spans_cover_every_non_space_byte(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'J', 'U', 'S', 'r', 'M', ' ', ' ', '.', '.', '?', '!', ',', '،', '"',
                '«', '»', '1', '٣', 'د', 'م', 'ق', 'ه', '\u{640}', '؟', '…', '\u{64E}',
                '\n', '\r', '\u{2029}', '\u{301}', '\u{200F}', '\u{202B}', '\u{202C}',
                '\u{1}', '\u{FFFE}', '\u{200B}', '\u{FEFF}',
            ]), 0..60),
            lang in proptest::sample::select(vec!["ar", "en", "de", "fr", "xx"]),
        ) {
            let text: String = chars.into_iter().collect();
            check_cover(&text, &Lang::new(lang))?;
        }
    }
}

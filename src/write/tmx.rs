//! TMX 1.4b: a translation memory for CAT tools (OmegaT, Trados, memoQ,
//! Okapi, translate-toolkit).
//!
//! One `<tu>` per bead with text on both sides; beads with an empty side are
//! not translation units and are counted in [`Stats`](super::Stats) instead.
//! The file is valid against the TMX 1.4 DTD (`tmx14.dtd`):
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8"?>
//! <!DOCTYPE tmx SYSTEM "tmx14.dtd">
//! <tmx version="1.4">
//!   <header creationtool="wasl" creationtoolversion="0.1.0" segtype="sentence"
//!           o-tmf="wasl" adminlang="en" srclang="ar" datatype="plaintext"/>
//!   <body>
//!     <tu tuid="003_18ef8cb601dfb36a-0">
//!       <prop type="x-doc">003_18ef8cb601dfb36a</prop>
//!       <prop type="x-bead">1-1</prop>
//!       <prop type="x-score">0.9731</prop>
//!       <prop type="x-src-ids">0</prop>
//!       <prop type="x-tgt-ids">0</prop>
//!       <tuv xml:lang="ar"><seg>نقلت شبكة CNN …</seg></tuv>
//!       <tuv xml:lang="en"><seg>CNN reported …</seg></tuv>
//!     </tu>
//!   </body>
//! </tmx>
//! ```
//!
//! - `tuid` is `DOC-N`, N the bead's index in the document (the line of the
//!   bead output), so ids keep document order and gaps show left-out beads.
//! - The DTD puts `prop`s before `tuv`s in a `tu`. `x-` prop types are the
//!   spec's convention for tool-defined properties.
//! - Text is written in logical order, as read; Arabic is never reversed and
//!   bidi marks (U+200E, U+200F, …) are kept.
//! - No `creationdate`: it is optional, and leaving it out makes the same
//!   input give the same bytes.
//! - XML 1.0 forbids most C0 controls (all but tab, LF, CR) and U+FFFE,
//!   U+FFFF anywhere, even as character references; they are dropped. A CR
//!   is written `&#13;` and, inside attributes, tab and LF as references
//!   too, so a parser's line-end and attribute normalisation gives back the
//!   text as it was.

use std::io::{self, Write};

use super::{ids_spaced, AlignedDoc, Pair};
use crate::lang::Lang;

/// Writes a TMX document: the prologue and header on creation, one `<tu>`
/// per pair, the closing tags on [`finish`](TmxWriter::finish).
pub struct TmxWriter<W: Write> {
    out: W,
}

impl<W: Write> TmxWriter<W> {
    /// Writes the XML declaration, the doctype and the `<header>`. `src` is
    /// the header's `srclang`, the language TM tools take as the source.
    pub fn new(mut out: W, src: &Lang) -> io::Result<TmxWriter<W>> {
        let mut head = String::new();
        head.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        head.push_str("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n");
        head.push_str("<tmx version=\"1.4\">\n");
        head.push_str("  <header creationtool=\"wasl\" creationtoolversion=\"");
        escape_into(&mut head, env!("CARGO_PKG_VERSION"), Context::Attribute);
        head.push_str(
            "\" segtype=\"sentence\" o-tmf=\"wasl\" adminlang=\"en\" datatype=\"plaintext\" srclang=\"",
        );
        escape_into(&mut head, src.tag(), Context::Attribute);
        head.push_str("\"/>\n  <body>\n");
        out.write_all(head.as_bytes())?;
        Ok(TmxWriter { out })
    }

    /// Writes the pair as a `<tu>`; `n` is the bead's index in its document.
    pub(crate) fn write(&mut self, doc: &AlignedDoc, n: usize, pair: &Pair) -> io::Result<()> {
        let mut tu = String::with_capacity(256 + 2 * (pair.src.len() + pair.tgt.len()));
        tu.push_str("    <tu tuid=\"");
        escape_into(&mut tu, doc.id, Context::Attribute);
        tu.push('-');
        tu.push_str(&n.to_string());
        tu.push_str("\">\n");
        prop(&mut tu, "x-doc", doc.id);
        prop(&mut tu, "x-bead", &pair.bead.kind());
        prop(&mut tu, "x-score", &pair.score_text());
        prop(&mut tu, "x-src-ids", &ids_spaced(&pair.bead.src));
        prop(&mut tu, "x-tgt-ids", &ids_spaced(&pair.bead.tgt));
        tuv(&mut tu, &doc.src.lang, &pair.src);
        tuv(&mut tu, &doc.tgt.lang, &pair.tgt);
        tu.push_str("    </tu>\n");
        self.out.write_all(tu.as_bytes())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Closes `<body>` and `<tmx>`.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.write_all(b"  </body>\n</tmx>\n")?;
        self.out.flush()
    }
}

fn prop(out: &mut String, kind: &str, value: &str) {
    out.push_str("      <prop type=\"");
    escape_into(out, kind, Context::Attribute);
    out.push_str("\">");
    escape_into(out, value, Context::Text);
    out.push_str("</prop>\n");
}

fn tuv(out: &mut String, lang: &Lang, text: &str) {
    out.push_str("      <tuv xml:lang=\"");
    escape_into(out, lang.tag(), Context::Attribute);
    out.push_str("\"><seg>");
    escape_into(out, text, Context::Text);
    out.push_str("</seg></tuv>\n");
}

/// Where escaped text goes: attribute values need white space escaped too,
/// because parsers turn a literal tab or line end in them into a space.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Text,
    Attribute,
}

/// True for the characters XML 1.0 allows in a document (production
/// `Char`). Rust strings hold no surrogates, so only controls and the two
/// noncharacters U+FFFE and U+FFFF are left to exclude.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` escaped for XML: `& < > "` as entities, characters XML
/// forbids dropped, CR (and in attributes tab and LF) as character
/// references.
fn escape_into(out: &mut String, text: &str, ctx: Context) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // A literal CR becomes LF when parsed (XML 1.0 §2.11).
            '\r' => out.push_str("&#13;"),
            '\t' if ctx == Context::Attribute => out.push_str("&#9;"),
            '\n' if ctx == Context::Attribute => out.push_str("&#10;"),
            c if !is_xml_char(c) => {}
            c => out.push(c),
        }
    }
}

/// `text` as it reads back from wasl's TMX: with the characters XML forbids
/// removed. Tests and tools comparing TMX with other outputs use it.
pub fn xml_text(text: &str) -> String {
    text.chars().filter(|&c| is_xml_char(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::testing::*;
    use crate::write::{write_docs_stats, Format};

    fn escaped(text: &str, ctx: Context) -> String {
        let mut s = String::new();
        escape_into(&mut s, text, ctx);
        s
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escaped("a & b < c > d \"e\" 'f'", Context::Text),
            "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'"
        );
    }

    #[test]
    fn forbidden_characters_are_dropped_and_white_space_kept() {
        let nasty = "a\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{fffe}\u{ffff}b\tc\r\nd\u{7f}\u{200f}";
        assert_eq!(escaped(nasty, Context::Text), "ab\tc&#13;\nd\u{7f}\u{200f}");
        assert_eq!(escaped("x\ty\nz", Context::Attribute), "x&#9;y&#10;z");
        assert_eq!(xml_text(nasty), "ab\tc\r\nd\u{7f}\u{200f}");
    }

    #[test]
    fn one_tu_per_pair_props_before_tuvs_arabic_in_logical_order() {
        let src = side(Lang::ar(), "مرحبا <بكم>.\nوحيدة.");
        let tgt = side(Lang::new("en-US"), "Welcome & hello.");
        let al = alignment(vec![bead(0..1, 0..1, 0.97314), bead(1..2, 1..1, 0.2)]);
        let doc = AlignedDoc {
            id: "d&1",
            src: &src,
            tgt: &tgt,
            alignment: &al,
        };
        let mut out = Vec::new();
        let stats = write_docs_stats(Format::Tmx, &[doc], &mut out).unwrap();
        assert_eq!((stats.written, stats.one_sided), (1, 1));
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
        ));
        assert!(xml.contains("srclang=\"ar\""));
        assert!(xml.contains("<tu tuid=\"d&amp;1-0\">"));
        assert!(xml.contains("<tuv xml:lang=\"ar\"><seg>مرحبا &lt;بكم&gt;.</seg></tuv>"));
        assert!(xml.contains("<tuv xml:lang=\"en-us\"><seg>Welcome &amp; hello.</seg></tuv>"));
        assert!(xml.contains("<prop type=\"x-score\">0.9731</prop>"));
        assert!(xml.find("</prop>").unwrap() < xml.find("<tuv").unwrap());
        assert!(!xml.contains("وحيدة"));
        assert_eq!(xml.matches("<tu ").count(), 1);
        assert!(xml.ends_with("  </body>\n</tmx>\n"));
    }
}

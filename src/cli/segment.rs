//! `wasl segment`: one sentence per line, so Arabic-only text is useful on
//! its own and users can prepare presegmented input for `align`.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use wasl::lang::Script;
use wasl::{Error, Lang, Result, Side};

#[derive(clap::Args)]
pub struct Args {
    /// Text file to segment; `-` or none reads standard input (when it is
    /// not a terminal).
    pub file: Option<PathBuf>,
    /// Encoding of the file when it is not UTF-8: a WHATWG name such as
    /// windows-1256, iso-8859-6, utf-16le. A file starting with a UTF-16
    /// byte-order mark is read as UTF-16 without it.
    #[arg(long, value_name = "NAME", value_parser = wasl::encoding::for_label)]
    pub encoding: Option<&'static wasl::encoding::Encoding>,
    /// Language of the whole file; without it each paragraph's language is
    /// detected from its script (Arabic script: ar, Latin: en).
    #[arg(long, value_parser = Lang::parse)]
    pub lang: Option<Lang>,
    /// Print only the paragraphs in this language's script (e.g. `ar`).
    #[arg(long, conflicts_with = "lang", value_parser = Lang::parse)]
    pub section: Option<Lang>,
    /// Prefix each sentence with its byte offsets, `START<TAB>END<TAB>text`.
    /// For UTF-8 input they index the file as it is on disk (a byte-order
    /// mark counted); for any other encoding (UTF-16, --encoding) they
    /// index the UTF-8 text wasl decoded and prints, not the file.
    #[arg(long)]
    pub spans: bool,
}

pub fn run(args: Args) -> Result<()> {
    let path = match &args.file {
        Some(p) => p.clone(),
        None => super::inputs_or_stdin(&[])?.remove(0),
    };
    let doc = super::read_input(&path, args.encoding)?;
    if doc.is_blank() {
        return Err(Error::Empty {
            path: doc.path.clone(),
            what: "the file".into(),
        });
    }
    let sections = sections(&doc, args.lang.as_ref(), args.section.as_ref())?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (lang, paras) in sections {
        let side = Side::segment(lang, &doc.text, &paras);
        for s in &side.sentences {
            let r = if args.spans {
                // Offsets index the file as it is on disk (a BOM counted),
                // or the decoded text (offset 0) for other encodings.
                let (start, end) = (s.start + doc.offset, s.end + doc.offset);
                writeln!(out, "{start}\t{end}\t{}", s.text(&doc.text))
            } else {
                writeln!(out, "{}", s.text(&doc.text))
            };
            r.map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    out.flush().map_err(|e| Error::io("<stdout>", e))
}

/// The file's paragraphs grouped into sections by language, in text
/// order: all of them in `lang` when given, else each in the language of
/// its script (Arabic script: ar, Latin: en); with `section`, only those
/// in that language's script (none is an error naming the file).
pub fn sections(
    doc: &wasl::Document,
    lang: Option<&Lang>,
    section: Option<&Lang>,
) -> Result<Vec<(Lang, Vec<std::ops::Range<usize>>)>> {
    let paragraphs = doc.paragraphs();
    let mut sections: Vec<(Lang, Vec<std::ops::Range<usize>>)> = Vec::new();
    match lang {
        Some(l) => sections.push((l.clone(), paragraphs)),
        None => {
            let mut last: Option<Script> = None;
            for p in paragraphs {
                let script = Script::dominant(&doc.text[p.clone()]).or(last);
                last = script;
                let lang = match script {
                    Some(Script::Latin) => Lang::en(),
                    _ => Lang::ar(),
                };
                match sections.iter_mut().find(|(l, _)| *l == lang) {
                    Some((_, ps)) => ps.push(p),
                    None => sections.push((lang, vec![p])),
                }
            }
        }
    }
    if let Some(want) = section {
        sections.retain(|(l, _)| l.script() == want.script());
        if sections.is_empty() {
            return Err(Error::NoSection {
                path: doc.path.clone(),
                missing: want.name(),
                detail: "no paragraph is in its script".into(),
            });
        }
    }
    Ok(sections)
}

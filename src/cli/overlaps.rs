//! `wasl overlaps`: the blocks of consecutive sentences whose embeddings
//! `align --src-embed/--tgt-embed` can use, one block a line, for an
//! encoder to embed (`scripts/embed.py` reads the listing as it is).
//!
//! Vecalign (`overlap.py`) and Bertalign embed each block's text rather
//! than adding up its sentences' vectors; this lists those texts in the
//! order an embedding file of them must hold its rows (see
//! [`wasl::align::embedding::overlaps`]): every sentence, then every two
//! consecutive sentences, and so on up to `--max`. The first rows are
//! therefore the sentences' own, and `wasl align` tells such a file from
//! one row per sentence by its row count.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use wasl::align::embedding::{block_text, overlaps};
use wasl::{Error, Lang, Result, Side};

#[derive(clap::Args)]
#[command(after_help = "Line k of the output is row k of the embedding file \
    `wasl align --src-embed/--tgt-embed` reads: with n sentences, lines 1 to n \
    are the sentences, the next n-1 the pairs (1+2, 2+3, …), then the n-2 \
    triples, and so on; a block is its sentences joined by a space. \
    Example: wasl overlaps --lang de doc.de -o doc.de.blocks && \
    scripts/embed.py doc.de.blocks -o doc.de.npy")]
pub struct Args {
    /// Text file; `-` or none reads standard input (when it is not a
    /// terminal).
    pub file: Option<PathBuf>,
    /// Blocks of 1 to N consecutive sentences (N·n − N(N−1)/2 lines for n
    /// sentences; Vecalign and Bertalign use 4). Beads with more sentences
    /// on a side are scored by sums of sentence embeddings.
    #[arg(long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u8).range(1..=8))]
    pub max: u8,
    /// One sentence per line (line N is sentence N), as `align
    /// --presegmented` reads it.
    #[arg(long, conflicts_with_all = ["lang", "section"])]
    pub presegmented: bool,
    /// Language of the whole file, as given to `align` (--src-lang or
    /// --tgt-lang): it decides the sentence rules. Without it, the file's
    /// script decides (Arabic script: ar, Latin: en), as in `wasl segment`.
    #[arg(long, value_parser = Lang::parse)]
    pub lang: Option<Lang>,
    /// List only the paragraphs in this language's script (e.g. `ar`): one
    /// side of a bilingual file.
    #[arg(long, conflicts_with = "lang", value_parser = Lang::parse)]
    pub section: Option<Lang>,
    /// Encoding of the file when it is not UTF-8 (a WHATWG name, as in
    /// `wasl segment`).
    #[arg(long, value_name = "NAME", value_parser = wasl::encoding::for_label)]
    pub encoding: Option<&'static wasl::encoding::Encoding>,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let path = match &args.file {
        Some(p) => p.clone(),
        None => super::inputs_or_stdin(&[])?.remove(0),
    };
    if let Some(out) = &args.output {
        wasl::write::check_outputs(std::slice::from_ref(out), std::slice::from_ref(&path))?;
    }
    let doc = super::read_input(&path, args.encoding)?;
    if doc.is_blank() {
        return Err(Error::Empty {
            path: doc.path.clone(),
            what: "the file".into(),
        });
    }
    let side = if args.presegmented {
        Side::presegmented(args.lang.clone().unwrap_or_else(Lang::en), &doc.text)
    } else {
        let mut sections =
            super::segment::sections(&doc, args.lang.as_ref(), args.section.as_ref())?;
        if sections.len() > 1 {
            let names: Vec<String> = sections.iter().map(|(l, _)| l.name()).collect();
            return Err(Error::Usage(format!(
                "{}: holds paragraphs in more than one script ({}): give --section for one side, \
                 or --lang for the whole file",
                doc.path.display(),
                names.join(", ")
            )));
        }
        let (lang, paras) = sections.remove(0);
        Side::segment(lang, &doc.text, &paras)
    };
    let texts = side.texts();
    let max = usize::from(args.max);
    let body = |out: &mut dyn Write| -> io::Result<()> {
        for block in overlaps(texts.len(), max) {
            out.write_all(block_text(&texts[block]).as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    };
    match &args.output {
        Some(p) => wasl::write::write_atomically(p, body),
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            body(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io("<stdout>", e))
        }
    }
}

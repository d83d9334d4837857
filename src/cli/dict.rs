//! `wasl dict`: bilingual dictionaries for `wasl align --dict`.
//!
//! `import` converts a FreeDict (dictd) database, such as the ones Debian's
//! `dict-freedict-ara-eng` and `dict-freedict-eng-ara` install, into a
//! hunalign `.dic` file; `stats` loads any dictionary the way the aligner
//! will and reports what it keeps. See [`wasl::dict`] for the rules.
//!
//! ```text
//! apt-get install dict-freedict-ara-eng dict-freedict-eng-ara
//! wasl dict import /usr/share/dictd/freedict-ara-eng.index --src-lang ar --tgt-lang en -o ar-en.dic
//! wasl dict import /usr/share/dictd/freedict-eng-ara.index --src-lang ar --tgt-lang en -o en-ar.dic
//! wasl dict stats ar-en.dic --src-lang ar --tgt-lang en
//! ```

use std::path::PathBuf;

use wasl::lang::Script;
use wasl::{dict, Error, Lang, Result};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Subcommand)]
pub enum Command {
    /// Convert a FreeDict/dictd database (.index + .dict.dz) to a hunalign
    /// dictionary (`target @ source` per line).
    Import(ImportArgs),
    /// Load a dictionary as `wasl align --dict` would and report what it
    /// holds.
    Stats(StatsArgs),
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The database's index, e.g. /usr/share/dictd/freedict-ara-eng.index.
    pub index: PathBuf,
    /// Its data file; defaults to the index's sibling `.dict.dz` (or `.dict`).
    pub dict: Option<PathBuf>,
    /// Source language of the alignment (the `@ source` side).
    #[arg(long, value_parser = Lang::parse)]
    pub src_lang: Lang,
    /// Target language of the alignment (the `target @` side).
    #[arg(long, value_parser = Lang::parse)]
    pub tgt_lang: Lang,
    /// Which way round to read the database. By default wasl finds it, as
    /// `align --dict` does: from FreeDict's name (freedict-eng-ara is
    /// English→Arabic, so it is reversed for --src-lang ar), else from the
    /// script of its headwords. `--reverse` swaps headwords and
    /// translations whatever the name says; `--no-reverse` never does.
    #[arg(long, conflicts_with = "no_reverse")]
    pub reverse: bool,
    /// Read the database as it is, whatever its name says.
    #[arg(long)]
    pub no_reverse: bool,
    /// Where to write the hunalign dictionary.
    #[arg(short, long)]
    pub output: PathBuf,
}

#[derive(clap::Args)]
pub struct StatsArgs {
    /// A hunalign `.dic` file, or a dictd `.index` / `.dict.dz`.
    pub file: PathBuf,
    /// Source language of the alignment.
    #[arg(long, value_parser = Lang::parse)]
    pub src_lang: Lang,
    /// Target language of the alignment.
    #[arg(long, value_parser = Lang::parse)]
    pub tgt_lang: Lang,
}

pub fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Import(a) => import(a),
        Command::Stats(a) => stats(a),
    }
}

fn import(args: ImportArgs) -> Result<()> {
    let (src, tgt) = (args.src_lang.clone(), args.tgt_lang.clone());
    let data = match args.dict {
        Some(d) => d,
        None => match dict::dictd_paths(&args.index) {
            Some((_, d)) => d,
            None => {
                return Err(Error::Usage(format!(
                    "{}: expected a dictd index (NAME.index); give the data file too",
                    args.index.display()
                )))
            }
        },
    };
    let reverse = if args.reverse || args.no_reverse {
        args.reverse
    } else {
        dict::dictd_reversed(&args.index, &src, &tgt)?
    };
    let pairs = dict::import_freedict(&args.index, &data, reverse)?;
    // Catch the easy mistake of importing eng-ara for ar→en without
    // --reverse: the source phrases would all be in the wrong script.
    let (ss, ts) = (src.script(), tgt.script());
    if ss != ts && ss != Script::Other && ts != Script::Other {
        let wrong = pairs
            .iter()
            .filter(|(s, _)| Script::dominant(s) == Some(ts))
            .count();
        if wrong * 2 > pairs.len() {
            let (flag, now) = if reverse {
                ("with --no-reverse", "reversed")
            } else {
                ("with --reverse", "as it is")
            };
            return Err(Error::Usage(format!(
                "{}: read {now}, {wrong} of {} source phrases are {}, not {}; run again {flag}",
                args.index.display(),
                pairs.len(),
                tgt.name(),
                src.name(),
            )));
        }
    }
    wasl::write::write_atomically(&args.output, |w| dict::write_hunalign(&pairs, w))?;
    let (_, st) = dict::lexicon_from_pairs(&pairs, &src, &tgt);
    super::note(format!(
        "wrote {} entries to {} ({} usable by the aligner: {} {} words with {} translations)",
        pairs.len(),
        args.output.display(),
        st.used,
        st.source_stems,
        src.name(),
        st.pairs,
    ));
    Ok(())
}

fn stats(args: StatsArgs) -> Result<()> {
    let (src, tgt) = (args.src_lang.clone(), args.tgt_lang.clone());
    let (_, st) = dict::load_with_stats(&args.file, &src, &tgt)?;
    println!("entries\t{}", st.entries);
    println!("used\t{}", st.used);
    println!("skipped_no_content\t{}", st.no_content);
    println!("skipped_long_phrase\t{}", st.skipped);
    println!("source_stems\t{}", st.source_stems);
    println!("stem_pairs\t{}", st.pairs);
    Ok(())
}

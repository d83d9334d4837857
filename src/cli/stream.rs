//! `wasl stream`: one document pair per line on standard input, aligned
//! pairs on standard output, for GNU parallel, Spark and other engines.

use std::io::{self, Write};

use wasl::stream::{self, InputFormat, Options, OutputFormat};
use wasl::{Lang, Result};

use super::align::{plural, ModelArgs};

#[derive(clap::Args)]
pub struct Args {
    /// Record format on standard input: jsonl (`{"id", "src", "tgt"}` plus
    /// optional `src_lang`, `tgt_lang`, `presegmented`) or bitextor
    /// (Bitextor's document TSV with a header line, texts in base64).
    #[arg(long, value_enum, default_value = "jsonl")]
    pub input: InputArg,
    /// Output format: jsonl (one object per bead, as `align -f jsonl`) or
    /// bitextor (`src_url trg_url src_text trg_text score`, tab-separated).
    #[arg(long, value_enum, default_value = "jsonl")]
    pub output: OutputArg,
    /// Source language of records that do not name theirs (and of the
    /// model and dictionary: records of another pair get neither).
    #[arg(long, default_value = "ar", value_parser = Lang::parse)]
    pub src_lang: Lang,
    /// Target language of records that do not name theirs.
    #[arg(long, default_value = "en", value_parser = Lang::parse)]
    pub tgt_lang: Lang,
    /// JSON records without a `presegmented` field hold one sentence per
    /// line (Bitextor documents always do).
    #[arg(long)]
    pub presegmented: bool,
    /// Bitextor output: write the column names first. Off by default, so
    /// that outputs of parallel workers can simply be concatenated.
    #[arg(long)]
    pub header: bool,
    /// Bitextor output: also write beads whose one side is empty (1-0,
    /// 0-1); by default only pairs are written and the rest counted.
    #[arg(long, conflicts_with = "min_score")]
    pub all_beads: bool,
    /// Bitextor output: write only the pairs scored P or more (a number
    /// from 0 to 1; the score as written, with four decimals); the summary
    /// says how many pairs and sentences were left out. JSON Lines output
    /// keeps every bead with its score.
    #[arg(long, value_name = "P", value_parser = wasl::write::parse_min_score)]
    pub min_score: Option<f64>,
    /// Skip (and report) records longer than this many bytes.
    #[arg(long, default_value_t = 256 << 20, value_name = "BYTES")]
    pub max_record_bytes: usize,
    /// Align records whose sides do not look like their declared
    /// languages (by default such a record is reported and skipped).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum InputArg {
    Jsonl,
    Bitextor,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum OutputArg {
    Jsonl,
    Bitextor,
}

pub fn run(args: Args) -> Result<()> {
    let (src_lang, tgt_lang) = (args.src_lang.clone(), args.tgt_lang.clone());
    let aligner = args.model.aligner(&src_lang, &tgt_lang)?;
    // Records in another language pair get no dictionary: it is for one pair.
    let mut generic = aligner.clone();
    generic.config.dictionary = None;
    // A corpus model is for one language pair too.
    generic.config.model = None;
    generic.config.passes = args.model.passes.unwrap_or(2);
    let opts = Options {
        input: match args.input {
            InputArg::Jsonl => InputFormat::Jsonl,
            InputArg::Bitextor => InputFormat::Bitextor,
        },
        output: match args.output {
            OutputArg::Jsonl => OutputFormat::Jsonl,
            OutputArg::Bitextor => OutputFormat::Bitextor,
        },
        src_lang,
        tgt_lang,
        presegmented: args.presegmented,
        header: args.header,
        all_beads: args.all_beads,
        max_record_bytes: args.max_record_bytes,
        check_langs: !args.force,
        min_score: args.min_score,
        ..Options::default()
    };
    if args.min_score.is_some() && matches!(args.output, OutputArg::Jsonl) {
        super::note(
            "stream: --min-score filters bitextor output only; jsonl output keeps every bead \
             with its score",
        );
    }
    // Unlocked: the stream's reader thread takes it.
    let input = io::BufReader::with_capacity(1 << 20, io::stdin());
    let output = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let summary = stream::run(input, output, &opts, &aligner, &generic, &mut |e| {
        eprintln!("wasl stream: skipped {e}");
    })?;
    // -q (global) drops the summary line; skipped records are reported.
    if !super::quiet() {
        let mut line = format!(
            "wasl stream: {}, {} aligned, {} skipped; {} written",
            plural(summary.records, "record"),
            summary.aligned,
            summary.skipped,
            plural(summary.beads, "bead"),
        );
        if summary.one_sided_left_out > 0 {
            line += &format!(
                ", {} beads with one empty side left out (--all-beads keeps them)",
                summary.one_sided_left_out
            );
        }
        if let (Some(min), OutputArg::Bitextor) = (args.min_score, args.output) {
            line += &format!(
                "; --min-score {min}: {} scored below it left out ({} source, {} target sentences)",
                plural(summary.below_min_score, "pair"),
                summary.src_sentences_below_min_score,
                summary.tgt_sentences_below_min_score,
            );
        }
        // Standard error closed too: nothing left to tell anyone.
        let _ = writeln!(io::stderr(), "{line}");
    }
    Ok(())
}

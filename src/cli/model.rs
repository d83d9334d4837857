//! `wasl model`: look inside a corpus model file.

use std::path::PathBuf;

use wasl::align::model::CorpusModel;
use wasl::Result;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Subcommand)]
pub enum Command {
    /// Print what a model holds and what it was learned from (the file
    /// is JSON too, for the details).
    Show {
        /// A model file made by `wasl learn`.
        file: PathBuf,
    },
}

pub fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Show { file } => {
            let model = CorpusModel::read(&file)?;
            print!("{}", model.summary());
            Ok(())
        }
    }
}

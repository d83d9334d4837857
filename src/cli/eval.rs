//! `wasl eval`: score alignments against gold.

use wasl::Result;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<()> {
    Err(wasl::Error::Usage("eval: not built yet".into()))
}

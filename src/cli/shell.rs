//! `wasl completions` and `wasl man`: shell completions and manual pages,
//! generated from the same clap definitions that parse the command line,
//! so they can never disagree with it.
//!
//! ```text
//! wasl completions bash > /usr/share/bash-completion/completions/wasl
//! wasl completions zsh  > "${fpath[1]}/_wasl"
//! wasl completions fish > ~/.config/fish/completions/wasl.fish
//! wasl man > /usr/local/share/man/man1/wasl.1
//! wasl man align > /usr/local/share/man/man1/wasl-align.1
//! ```

use std::io::{self, Write};

use clap_complete::Shell;
use wasl::{Error, Result};

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(clap::Args)]
pub struct ManArgs {
    /// A subcommand's page (`wasl-align(1)`) instead of wasl's.
    pub subcommand: Option<String>,
}

/// Writes the completion script for `args.shell` to standard output.
pub fn completions(args: CompletionsArgs, mut cmd: clap::Command) -> Result<()> {
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "wasl", &mut out);
    out.flush().map_err(|e| Error::io("<stdout>", e))
}

/// Writes a manual page (roff) to standard output.
pub fn man(args: ManArgs, cmd: clap::Command) -> Result<()> {
    let cmd = match &args.subcommand {
        None => cmd,
        Some(name) => {
            let names: Vec<String> = cmd
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let Some(sub) = cmd.find_subcommand(name) else {
                return Err(Error::Usage(format!(
                    "no subcommand '{name}': one of {}",
                    names.join(", ")
                )));
            };
            // The page is named wasl-align(1), as git's are.
            // Leaked: clap wants 'static names, and the process ends next.
            let full: &'static str = Box::leak(format!("wasl-{name}").into_boxed_str());
            let bin: &'static str = Box::leak(format!("wasl {name}").into_boxed_str());
            let version = cmd.get_version().unwrap_or_default();
            let version: &'static str = Box::leak(version.to_string().into_boxed_str());
            sub.clone()
                .name(full)
                .bin_name(bin)
                .display_name(full)
                .version(version)
        }
    };
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("<stdout>", e))
}

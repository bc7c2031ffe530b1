//! `cica-kg --generate`: the man page (clap_mangen) and the shells' completion scripts
//! (clap_complete), made from the same clap definitions as `--help` (so `query`'s list of
//! predefined prefixes is in the man page too) and written to standard output.
//!
//! The man page is one page: the program's synopsis and options, then a section per command
//! (`CICA-KG QUERY`, ...) with its synopsis, description and options as subsections.

use super::destination::Destination;
use anyhow::Result;
use clap::ValueEnum;
use clap_complete::Shell;
use clap_mangen::Man;
use std::io::{self, Write};
use std::process::ExitCode;

/// What `--generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    /// The man page, in roff (read it with `man -l FILE`, or install it as cica-kg.1)
    Man,
    /// The completion script for bash
    CompleteBash,
    /// The completion script for zsh (install it as _cica-kg in a directory of $fpath)
    CompleteZsh,
    /// The completion script for fish
    CompleteFish,
    /// The completion script for PowerShell
    CompletePowershell,
}

/// Writes what was asked for to standard output.
pub fn generate(what: Generate) -> Result<ExitCode> {
    let mut command = super::command();
    // Made whole in memory (a few tens of kilobytes), then written: clap_complete panics on a
    // write error, and a reader that closes standard output early is no error.
    let shell = match what {
        Generate::Man => return write(man_page(command)?),
        Generate::CompleteBash => Shell::Bash,
        Generate::CompleteZsh => Shell::Zsh,
        Generate::CompleteFish => Shell::Fish,
        Generate::CompletePowershell => Shell::PowerShell,
    };
    let mut text = Vec::new();
    clap_complete::generate(shell, &mut command, "cica-kg", &mut text);
    write(text)
}

/// Writes the text to standard output.
fn write(text: Vec<u8>) -> Result<ExitCode> {
    Destination::Stdout.write(|out| out.write_all(&text))?;
    Ok(ExitCode::SUCCESS)
}

/// The program's title, name, synopsis, description and options, a section per command
/// (depth first: `wikidata`, then `wikidata diff`), then the version.
fn man_page(mut command: clap::Command) -> io::Result<Vec<u8>> {
    let mut page = Vec::new();
    let out = &mut page;
    // Sets every subcommand's full name ("cica-kg query") and copies the global options in.
    command.build();
    let man = Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    command_sections(&command, out)?;
    man.render_version_section(out)?;
    Ok(page)
}

/// A section per visible command under `command`, its own sections made subsections.
fn command_sections(command: &clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let visible = command
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help");
    for subcommand in visible {
        let name = subcommand
            .get_bin_name()
            .unwrap_or_else(|| subcommand.get_name());
        // Command names are letters, digits, hyphens and spaces: nothing roff would read.
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let man = Man::new(subcommand.clone());
        let mut sections = Vec::new();
        man.render_synopsis_section(&mut sections)?;
        man.render_description_section(&mut sections)?;
        man.render_options_section(&mut sections)?;
        if subcommand.get_after_help().is_some() || subcommand.get_after_long_help().is_some() {
            man.render_extra_section(&mut sections)?;
        }
        // roff escapes a text line that starts with '.', so only headings start with ".SH ".
        for line in String::from_utf8_lossy(&sections).lines() {
            match line.strip_prefix(".SH ") {
                Some(heading) => writeln!(out, ".SS {heading}")?,
                None => writeln!(out, "{line}")?,
            }
        }
        command_sections(subcommand, out)?;
    }
    Ok(())
}

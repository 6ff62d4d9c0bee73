//! The `strata` binary: parse the command line, then hand over to the library.

use clap::Parser;
use strata::cli::{Cli, run};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => match window(cli.project) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                strata::cli::say(format_args!("error: {e}"));
                std::process::ExitCode::FAILURE
            }
        },
        Some(cmd) => match run(cmd).map_err(anyhow::Error::from) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            // The reader went away (`| head`): quiet, with the status of
            // a Unix tool ended by SIGPIPE (128 + 13), so that a script
            // with `pipefail` still sees that not everything was written.
            Err(e)
                if matches!(
                    e.downcast_ref::<strata::cli::CliError>(),
                    Some(strata::cli::CliError::ClosedPipe)
                ) =>
            {
                std::process::ExitCode::from(141)
            }
            Err(e) => {
                strata::cli::say(format_args!("error: {e}"));
                match e.downcast_ref::<strata::cli::CliError>() {
                    Some(strata::cli::CliError::Usage(_)) => std::process::ExitCode::from(2),
                    _ => std::process::ExitCode::FAILURE,
                }
            }
        },
    }
}

#[cfg(feature = "gui")]
fn window(project: Option<std::path::PathBuf>) -> Result<(), String> {
    strata::app::run(project)
}

#[cfg(not(feature = "gui"))]
fn window(_project: Option<std::path::PathBuf>) -> Result<(), String> {
    Err(
        "this Strata was built without the window (feature `gui`); use a subcommand, see --help"
            .into(),
    )
}

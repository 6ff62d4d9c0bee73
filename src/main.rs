//! The `strata` binary: parse the command line, then hand over to the library.

use clap::Parser;
use strata::cli::{Cli, run};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => match window(cli.project) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::ExitCode::FAILURE
            }
        },
        Some(cmd) => match run(cmd).map_err(anyhow::Error::from) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            // The reader went away (`| head`): quiet, as Unix tools are.
            Err(e)
                if matches!(
                    e.downcast_ref::<strata::cli::CliError>(),
                    Some(strata::cli::CliError::ClosedPipe)
                ) =>
            {
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
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

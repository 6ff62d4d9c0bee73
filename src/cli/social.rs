//! `strata social import` and `strata social indices`: the monitoring
//! strand's posts and comments, and the Bonsón et al. indices with the
//! paper's Tables 1 and 2 (`crate::social`).

use super::matrix::{table, to_json};
use super::{CliError, LangArg, SocialCmd, input, load, modify, print_out, say};
use crate::export::{Cell, grid_bytes, grid_markdown};
use crate::social::{self, By, Files, indices::Figures, starter, tables};
use crate::store;

pub(super) fn run(cmd: SocialCmd) -> Result<(), CliError> {
    match cmd {
        SocialCmd::Import {
            project,
            accounts,
            posts,
            comments,
            starter_codes,
        } => {
            let files = Files {
                accounts: &accounts,
                posts: &posts,
                comments: comments.as_deref(),
            };
            let mut done = None;
            modify(&project, None, |p| {
                let plan = social::plan(p, files)?;
                let mut cmds = vec![plan.command.clone()];
                if let Some(lang) = starter_codes {
                    cmds.extend(starter::command(p, lang == LangArg::Fa));
                }
                done = Some(plan);
                Ok(cmds)
            })?;
            if let Some(plan) = done {
                say(format_args!(
                    "imported {} posts with {} comments ({} managers' replies) of {} accounts",
                    plan.posts, plan.comments, plan.replies, plan.accounts
                ));
            }
            Ok(())
        }
        SocialCmd::Indices {
            project,
            by,
            json,
            table: which,
            output,
            lang,
        } => {
            let by_arg = by;
            let by = By::parse(&by_arg).ok_or_else(|| {
                CliError::Usage(format!(
                    "--by '{by_arg}': use network, account, role or network,role"
                ))
            })?;
            let p = load(&project)?;
            if p.accounts.is_empty() {
                return Err(input(
                    &project,
                    "no social-media accounts in this project; import them first with `strata social import`",
                ));
            }
            let ix = social::indices(&p, by)?;
            let persian = lang == LangArg::Fa;
            if json {
                return print_out(&to_json(&ix).map_err(|e| input(&project, e))?);
            }
            let grid = match which {
                Some(1) => tables::table1(&ix, persian),
                Some(_) => tables::table2(&ix, persian),
                None => return print_out(&all_text(&ix)),
            };
            let Some(output) = output else {
                return print_out(&grid_markdown(&grid));
            };
            let ext = output
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            store::check_export_target(&output, Some(&project))?;
            let bytes = grid_bytes(&grid, &ext)
                .ok_or_else(|| {
                    input(
                        &output,
                        "name the file .csv, .md or .xlsx to choose the format",
                    )
                })?
                .map_err(|e| input(&output, e))?;
            store::write_atomic_from(&output, &bytes, false, Some(&project))?;
            say(format_args!("wrote {}", output.display()));
            Ok(())
        }
    }
}

/// Every figure of every group, as an aligned text table.
fn all_text(ix: &social::Indices) -> String {
    let mut head = vec![
        ix.by.name().to_string(),
        "accounts".into(),
        "posts".into(),
        "followers".into(),
        "posts/acct".into(),
        "posts/month".into(),
    ];
    head.extend(Figures::NAMES.iter().map(|s| s.to_string()));
    let body = ix
        .groups
        .iter()
        .map(|g| {
            let mut row = vec![
                g.key.clone(),
                g.accounts.to_string(),
                g.posts.to_string(),
                Cell::Real(g.mean_followers).text(),
                Cell::Real(g.mean_posts).text(),
                Cell::Real(g.mean_posts_per_month).text(),
            ];
            row.extend(
                g.figures
                    .values()
                    .iter()
                    .map(|v| v.map_or("-".into(), |x| Cell::Real(x).text())),
            );
            row
        })
        .collect();
    table(head, body, 1)
}

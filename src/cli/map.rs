//! `strata map`: a category's starter layout or a saved map as a figure
//! (SVG or PNG), the list of saved maps, and saving a starter layout as a
//! map (`crate::maps`).

use super::{CliError, Cmd, LangArg, input, load, modify, print_out, say};
use crate::edit::Command;
use crate::maps;
use crate::model::{CodeId, Map, PathError, Project};
use crate::store;
use std::path::Path;

pub(super) fn run(cmd: Cmd) -> Result<(), CliError> {
    let Cmd::Map {
        project,
        category,
        name,
        output,
        no_counts,
        lang,
        list,
        save,
    } = cmd
    else {
        return Ok(());
    };
    if list {
        return print_out(&list_text(&load(&project)?));
    }
    if category.is_none() && name.is_none() {
        return Err(CliError::Usage(
            "give --category NAME (a starter layout), --name MAP (a saved map) or --list".into(),
        ));
    }
    if output.is_none() && !save {
        return Err(CliError::Usage(
            "give --output fig.svg or fig.png (or --save to keep the layout as a map)".into(),
        ));
    }
    let png = match &output {
        Some(o) => {
            // Before the work of loading: a refusal costs nothing.
            store::check_export_target(o, Some(&project))?;
            Some(is_png(o)?)
        }
        None => None,
    };
    let persian_of = |p: &Project| match lang {
        Some(l) => l == LangArg::Fa,
        None => crate::export::table_rtl(p),
    };
    let (p, map) = match (category, name) {
        (Some(cat), _) if save => {
            let mut made = None;
            let p = modify(&project, None, |p| {
                let code = find_category(p, &project, &cat)?;
                let mut map = maps::category_map(p, code, persian_of(p));
                map.name = maps::unique_name(p, &map.name);
                map.counts = !no_counts;
                made = Some(map.clone());
                Ok(vec![Command::PutMap {
                    map: Box::new(map),
                    index: p.maps.len(),
                }])
            })?;
            let map = made.ok_or_else(|| input(&project, "the map was not made"))?;
            say(format_args!("saved the map '{}'", map.name));
            (p, map)
        }
        (Some(cat), _) => {
            let p = load(&project)?;
            let code = find_category(&p, &project, &cat)?;
            let map = maps::category_map(&p, code, persian_of(&p));
            (p, map)
        }
        (None, Some(name)) => {
            let p = load(&project)?;
            let map = find_map(&p, &project, &name)?.clone();
            (p, map)
        }
        (None, None) => return Ok(()),
    };
    let (Some(output), Some(png)) = (output, png) else {
        return Ok(());
    };
    let mut map = map;
    if no_counts {
        map.counts = false;
    }
    let persian = persian_of(&p);
    let bytes = if png {
        maps::map_png(&p, &map, persian).map_err(|e| input(&output, e))?
    } else {
        maps::map_svg(&p, &map, persian).into_bytes()
    };
    store::check_export_target(&output, Some(&project))?;
    store::write_atomic_from(&output, &bytes, false, Some(&project))?;
    say(format_args!("wrote {}", output.display()));
    Ok(())
}

fn is_png(output: &Path) -> Result<bool, CliError> {
    let ext = output
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => Ok(true),
        "svg" => Ok(false),
        _ => Err(input(
            output,
            "name the figure .svg or .png to choose the format",
        )),
    }
}

/// A code with codes under it (a category or subcategory), by path or name.
fn find_category(p: &Project, project: &Path, name: &str) -> Result<CodeId, CliError> {
    let choices = || {
        let names: Vec<String> = p
            .walk()
            .into_iter()
            .filter(|(id, _)| p.codes.get(id).is_some_and(|c| !c.children.is_empty()))
            .map(|(id, _)| p.code_path_label(id, "/"))
            .collect();
        if names.is_empty() {
            "this project has no categories yet".to_string()
        } else {
            format!("Categories: {}", names.join(", "))
        }
    };
    match p.resolve_path(name) {
        Ok(id) if p.codes.get(&id).is_some_and(|c| !c.children.is_empty()) => Ok(id),
        Ok(_) => Err(input(
            project,
            format!("'{name}' has no codes under it. {}", choices()),
        )),
        Err(e @ PathError::Ambiguous(_)) => Err(input(project, format!("{e}. {}", choices()))),
        Err(_) => Err(input(
            project,
            format!("no category named '{name}'. {}", choices()),
        )),
    }
}

fn find_map<'a>(p: &'a Project, project: &Path, name: &str) -> Result<&'a Map, CliError> {
    p.map_by_name(name).ok_or_else(|| {
        if p.maps.is_empty() {
            input(
                project,
                format!(
                    "no map named '{name}': this project has no maps (save one with --category NAME --save)"
                ),
            )
        } else {
            let names: Vec<&str> = p.maps.iter().map(|m| m.name.as_str()).collect();
            input(
                project,
                format!("no map named '{name}'. Maps: {}", names.join(", ")),
            )
        }
    })
}

/// One map a line: its name, nodes and links.
fn list_text(p: &Project) -> String {
    if p.maps.is_empty() {
        say(format_args!("no maps in this project"));
    }
    p.maps
        .iter()
        .map(|m| {
            format!(
                "{}\t{} nodes, {} links\n",
                m.name,
                m.nodes.len(),
                m.links.len()
            )
        })
        .collect()
}

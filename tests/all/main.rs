//! One integration test binary (as ripgrep does): real files, real round
//! trips, the CLI end to end, and the GUI headless.

mod agreement;
mod bidi;
mod bulk;
mod charts;
mod cli;
mod core_edits;
mod core_v2;
mod direction;
mod edit_props;
mod export;
mod freq;
mod fuzz;
#[cfg(feature = "gui")]
mod gui;
#[cfg(feature = "gui")]
mod gui_analysis;
#[cfg(feature = "gui")]
mod gui_cards;
#[cfg(feature = "gui")]
mod gui_charts;
#[cfg(feature = "gui")]
mod gui_digits;
#[cfg(feature = "gui")]
mod gui_files;
#[cfg(feature = "gui")]
mod gui_first_hour;
#[cfg(feature = "gui")]
mod gui_freq;
#[cfg(feature = "gui")]
mod gui_habits;
#[cfg(feature = "gui")]
mod gui_indices;
#[cfg(feature = "gui")]
mod gui_interop;
#[cfg(feature = "gui")]
mod gui_layout;
#[cfg(feature = "gui")]
mod gui_maps;
#[cfg(feature = "gui")]
mod gui_merge;
#[cfg(feature = "gui")]
mod gui_mirror;
#[cfg(feature = "gui")]
mod gui_query;
#[cfg(feature = "gui")]
mod gui_review;
#[cfg(feature = "gui")]
mod gui_safety;
#[cfg(feature = "gui")]
mod gui_select;
#[cfg(feature = "gui")]
mod gui_social;
#[cfg(feature = "gui")]
mod gui_status;
#[cfg(feature = "gui")]
mod gui_v2;
#[cfg(feature = "gui")]
mod gui_workflow;
mod hostile;
mod import;
mod maps;
mod maps_core;
mod matrix;
mod refi_export;
mod refi_hostile;
mod refi_import;
mod refi_more;
mod refi_roundtrip;
mod refi_xml;
mod reports;
mod retrieve;
mod retrieve_edges;
mod review;
mod safety;
mod search;
mod selection;
mod social;
mod social_refused;
mod store;
mod team;
mod team_e2e;
mod torture;
mod util;

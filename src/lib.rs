//! Strata: qualitative coding of interview transcripts.
//!
//! The core (`model`, `edit`, `store`, `import`, `export`, `analysis`,
//! `text`) is pure Rust with no UI. The GUI (`app`) and the CLI (`cli`)
//! both drive it through the same commands.

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod base;
pub mod cli;
pub mod demo;
pub mod edit;
pub mod export;
pub mod import;
pub mod maps;
pub mod merge;
pub mod model;
pub mod social;
pub mod store;
pub mod text;

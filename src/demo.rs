//! The bundled demo project (built from `projects/demo.strata`).

use crate::model::Project;
use std::path::Path;

/// The demo project's file text, compiled into the binary.
pub const DEMO_STRATA: &str = include_str!("../projects/demo.strata");

/// The demo project, parsed. It ships with the binary, so a failure here
/// is a build defect; the error says so rather than panicking.
pub fn demo_project() -> Result<Project, crate::store::StoreError> {
    crate::store::from_str(DEMO_STRATA, Path::new("projects/demo.strata")).map(|(p, _)| p)
}

//! The GUI (egui/eframe).
pub fn run(_path: Option<std::path::PathBuf>) -> Result<(), String> {
    Ok(())
}

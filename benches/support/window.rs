//! One frame of the workbench, headless: UI code plus tessellation, as
//! eframe would do per frame (no renderer, so no GPU).

use egui::{Event, RawInput, Rect, pos2, vec2};
use strata::app::Workbench;

pub fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1500.0, 900.0))),
        events,
        ..Default::default()
    }
}

pub fn frame(ctx: &egui::Context, wb: &mut Workbench, events: Vec<Event>) {
    let mut out = ctx.run_ui(input(events), |ui| wb.ui(ui));
    // No renderer here: textures are not uploaded anywhere.
    out.textures_delta.clear();
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    std::hint::black_box(prims);
}

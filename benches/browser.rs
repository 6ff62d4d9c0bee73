//! CPU time of one frame of the workbench with a 60,000-word transcript
//! and 2,000 codings open in the document browser, headless (no GPU):
//! UI code plus tessellation, as eframe would do per frame.

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/window.rs"]
mod window;
use egui::{Event, pos2, vec2};
use strata::app::Workbench;
use window::frame;

fn bench(c: &mut Criterion) {
    let p = corpus::study(1, 60_000, 2_000, 42);
    let words = strata::analysis::stats(&p).words;
    eprintln!(
        "document: {words} words, {} lines, {} codings",
        p.documents[0].line_count(),
        p.codings.len()
    );
    let mut wb = Workbench::new(p, None);
    // Activate every code, so all 2,000 segments are highlighted and listed.
    wb.state.active_codes = wb.project.codes.keys().copied().collect();
    let ctx = egui::Context::default();
    let t = std::time::Instant::now();
    for _ in 0..3 {
        frame(&ctx, &mut wb, vec![]);
    }
    eprintln!(
        "first frames (fonts, line breaks of the whole document, layout of what is visible): {:?}",
        t.elapsed()
    );
    let mut g = c.benchmark_group("browser-60k-words");
    g.bench_function("frame-idle", |b| b.iter(|| frame(&ctx, &mut wb, vec![])));
    // Scrolling: the pointer over the text and a wheel step each frame.
    let over_text = pos2(800.0, 400.0);
    let mut down = true;
    g.bench_function("frame-scrolling", |b| {
        b.iter(|| {
            down = !down;
            let dy = if down { -120.0 } else { 100.0 };
            frame(
                &ctx,
                &mut wb,
                vec![
                    Event::PointerMoved(over_text),
                    Event::MouseWheel {
                        unit: egui::MouseWheelUnit::Point,
                        delta: vec2(0.0, dy),
                        phase: egui::TouchPhase::Move,
                        source: egui::MouseWheelSource::Wheel,
                        modifiers: egui::Modifiers::NONE,
                    },
                ],
            )
        })
    });
    // Selecting: a drag across the text, moving each frame.
    frame(
        &ctx,
        &mut wb,
        vec![Event::PointerButton {
            pos: over_text,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        }],
    );
    let mut x = 0.0f32;
    g.bench_function("frame-selecting", |b| {
        b.iter(|| {
            x = (x + 37.0) % 300.0;
            frame(
                &ctx,
                &mut wb,
                vec![Event::PointerMoved(pos2(600.0 + x, 420.0 + x / 3.0))],
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

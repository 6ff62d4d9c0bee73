//! The side panes share what the transcript leaves them. The document always
//! keeps a readable width: the panes shrink toward their least width first,
//! then collapse one by one (retrieved segments and memo first, then the
//! documents, the code tree last, as coding needs it most) to a tab on the
//! window's edge. A tab opens its pane as a drawer over the document.

use super::{Action, UiState, Workbench, bidi, docs, memo, mirror, panels, tree};

/// The three side panes, in the order they give way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pane {
    Side,
    Documents,
    Tree,
}

impl Pane {
    const ALL: [Pane; 3] = [Pane::Side, Pane::Documents, Pane::Tree];

    fn index(self) -> usize {
        self as usize
    }

    /// The least useful width (outer, with the frame).
    pub fn min_width(self) -> f32 {
        match self {
            Pane::Side => 200.0,
            Pane::Documents => 150.0,
            Pane::Tree => 220.0,
        }
    }

    fn salt(self) -> &'static str {
        match self {
            Pane::Side => "side",
            Pane::Documents => "docs",
            Pane::Tree => "tree",
        }
    }

    fn name(self, s: &super::i18n::Strings) -> &'static str {
        match self {
            Pane::Side => s.side_pane,
            Pane::Documents => s.documents,
            Pane::Tree => s.codes,
        }
    }

    /// On the reading side (documents and tree) or the far side.
    fn leading(self) -> bool {
        self != Pane::Side
    }
}

/// The panes' widths before the user drags them.
pub const DEFAULT_WIDTHS: [f32; 3] = [300.0, 200.0, 400.0];

/// The width of the strip that holds the tabs of collapsed panes.
pub const TAB_STRIP: f32 = 30.0;

/// The transcript's least width in a central area `total` wide: over half
/// of it, never under 320 px (a line of a dozen words) nor over 600 px. (At
/// 800 px, 45% left a text column of four Persian words; now the documents
/// fold to their tab there and the tree keeps room for its names.)
pub fn doc_min(total: f32) -> f32 {
    (total * 0.55).clamp(320.0, 600.0)
}

/// How the panes are laid out for one width: each pane's outer width, or
/// `None` when it is collapsed to a tab (or hidden by the user).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    pub width: [Option<f32>; 3],
    pub collapsed: [bool; 3],
}

impl Plan {
    pub fn width(&self, p: Pane) -> Option<f32> {
        self.width[p.index()]
    }
    pub fn collapsed(&self, p: Pane) -> bool {
        self.collapsed[p.index()]
    }
    fn strip(&self, leading: bool) -> bool {
        Pane::ALL
            .iter()
            .any(|p| p.leading() == leading && self.collapsed(*p))
    }
    /// Room the tab strips take.
    fn strips(&self) -> f32 {
        TAB_STRIP * (self.strip(true) as u8 + self.strip(false) as u8) as f32
    }
}

/// Share `total` between the shown panes (at their preferred widths
/// `pref` when they fit) and the document (at least `doc_min(total)`).
/// `keep`, the pane the user last dragged, keeps its width while the others
/// can give way.
pub fn plan(total: f32, shown: [bool; 3], pref: [f32; 3], keep: Option<Pane>) -> Plan {
    let mut plan = Plan {
        width: [None; 3],
        collapsed: [false; 3],
    };
    let mut open: Vec<Pane> = Pane::ALL.into_iter().filter(|p| shown[p.index()]).collect();
    let room = (total - doc_min(total)).max(0.0);
    loop {
        let budget = room - plan.strips();
        let min: f32 = open.iter().map(|p| p.min_width()).sum();
        if min <= budget || open.is_empty() {
            let want = |p: &Pane| pref[p.index()].max(p.min_width());
            let mut budget = budget;
            let mut others: Vec<Pane> = open.clone();
            if let Some(k) = keep.filter(|k| open.contains(k)) {
                // The dragged pane first, as far as the others' least widths
                // allow; the others share what is left.
                let others_min: f32 = open
                    .iter()
                    .filter(|p| **p != k)
                    .map(|p| p.min_width())
                    .sum();
                let w = want(&k).min(budget - others_min).max(k.min_width());
                plan.width[k.index()] = Some(w);
                budget -= w;
                others.retain(|p| *p != k);
            }
            let min: f32 = others.iter().map(|p| p.min_width()).sum();
            let sum: f32 = others.iter().map(want).sum();
            // Each pane gives up the same share of what it has above its
            // least width.
            let t = if sum <= budget || sum <= min {
                1.0
            } else {
                (budget - min) / (sum - min)
            };
            for p in &others {
                plan.width[p.index()] = Some(p.min_width() + (want(p) - p.min_width()) * t);
            }
            return plan;
        }
        let gone = open.remove(0);
        plan.collapsed[gone.index()] = true;
    }
}

/// Draw the shown panes around the document; what the document gets is
/// the `CentralPanel` left after this.
pub fn panes_ui(ui: &mut egui::Ui, wb: &mut Workbench, out: &mut Vec<Action>) {
    let rtl = wb.state.lang.rtl();
    let st = &wb.state;
    let shown = [st.show_side, st.show_documents, st.show_tree];
    let total = ui.available_width();
    let plan = plan(total, shown, st.pane_widths, st.pane_keep);
    // What the panes may take in all: the document keeps its least width.
    let budget = (total - doc_min(total)).max(0.0) - plan.strips();
    let open: Vec<Pane> = Pane::ALL
        .into_iter()
        .filter(|p| plan.width(*p).is_some())
        .collect();
    let (lead, far) = if rtl {
        (
            egui::Panel::right as fn(&'static str) -> egui::Panel,
            egui::Panel::left as _,
        )
    } else {
        (
            egui::Panel::left as fn(&'static str) -> egui::Panel,
            egui::Panel::right as _,
        )
    };
    if wb.state.drawer.is_some_and(|d| !plan.collapsed(d)) {
        wb.state.drawer = None;
    }
    for leading in [true, false] {
        if plan.strip(leading) {
            let side = if leading { lead } else { far };
            side(if leading { "tabs-lead" } else { "tabs-far" })
                .exact_size(TAB_STRIP)
                .resizable(false)
                .show(ui, |ui| tabs_ui(ui, &plan, leading, &mut wb.state));
        }
    }
    for pane in [Pane::Documents, Pane::Tree, Pane::Side] {
        let Some(w) = plan.width(pane) else { continue };
        let side = if pane.leading() { lead } else { far };
        let panel = side(pane.salt());
        // The width is ours to give: egui's remembered width would keep a
        // pane squeezed after the window grows again.
        let id = ui.scope_id().with(pane.salt());
        ui.data_mut(|d| d.remove::<egui::PanelState>(id));
        let r = panel
            .resizable(true)
            .default_size(w)
            .min_size(pane.min_width())
            // Dragged wider, it may take from the other panes down to
            // their least widths, never from the document.
            .max_size(
                (budget
                    - open
                        .iter()
                        .filter(|p| **p != pane)
                        .map(|p| p.min_width())
                        .sum::<f32>())
                .max(w),
            )
            .show(ui, |ui| {
                mirror::panel_body(ui, rtl, |ui| pane_contents_ui(ui, pane, wb, out))
            });
        let got = r.response.rect.width();
        // A drag on the pane's edge: that is the width the user prefers.
        // egui's own resize handle of this pane is being dragged (content
        // wider than the pane while any button is down is not a drag).
        let handle = ui.scope_id().with(pane.salt()).with("__resize");
        if (got - w).abs() > 1.0 && ui.ctx().is_being_dragged(handle) {
            // The others stay as wide as they are now (so a narrower pane
            // gives its width to the document), and this one keeps its new
            // width while the others give way.
            for q in &open {
                if let Some(now) = plan.width(*q) {
                    wb.state.pane_widths[q.index()] = now;
                }
            }
            wb.state.pane_widths[pane.index()] = got;
            wb.state.pane_keep = Some(pane);
        }
    }
    if let Some(pane) = wb.state.drawer {
        drawer_ui(ui, pane, wb, out);
    }
}

fn pane_contents_ui(ui: &mut egui::Ui, pane: Pane, wb: &mut Workbench, out: &mut Vec<Action>) {
    let p = &wb.project;
    let st = &mut wb.state;
    match pane {
        Pane::Documents => docs::documents_ui(ui, p, st, out),
        Pane::Tree => tree::tree_ui(ui, p, st, out),
        Pane::Side => {
            panels::retrieved_ui(ui, p, st, out);
            ui.separator();
            memo::memo_ui(ui, p, st, out);
        }
    }
}

/// The tabs of the collapsed panes on one side: their names run down the
/// strip; a click opens the pane as a drawer (a second click closes it).
fn tabs_ui(ui: &mut egui::Ui, plan: &Plan, leading: bool, st: &mut UiState) {
    let s = st.lang.strings();
    for pane in Pane::ALL.into_iter().rev() {
        if pane.leading() != leading || !plan.collapsed(pane) {
            continue;
        }
        let name = bidi(pane.name(s));
        let font = egui::TextStyle::Button.resolve(ui.style());
        let galley = ui
            .painter()
            .layout_no_wrap(name.clone(), font, ui.visuals().text_color());
        let size = egui::vec2(TAB_STRIP - 6.0, galley.size().x + 16.0);
        let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
        let open = st.drawer == Some(pane);
        let visuals = ui.style().interact_selectable(&resp, open);
        ui.painter()
            .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        // Read bottom to top, as tabs on a window's edge are.
        let at = egui::pos2(rect.center().x - galley.size().y / 2.0, rect.bottom() - 8.0);
        ui.painter().add(
            egui::epaint::TextShape::new(at, galley, visuals.text_color())
                .with_angle(-std::f32::consts::FRAC_PI_2),
        );
        let label = pane.name(s);
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
        let resp = resp.on_hover_text(bidi(s.show_pane));
        if resp.clicked() {
            st.drawer = if open { None } else { Some(pane) };
        }
        ui.add_space(4.0);
    }
}

/// A collapsed pane shown over the document, beside its tab strip, until
/// its tab is clicked again, Escape is pressed or its close button.
fn drawer_ui(ui: &mut egui::Ui, pane: Pane, wb: &mut Workbench, out: &mut Vec<Action>) {
    let rtl = wb.state.lang.rtl();
    let area = ui.available_rect_before_wrap();
    let width = wb.state.pane_widths[pane.index()]
        .max(pane.min_width())
        .min(area.width() - 40.0)
        .max(120.0);
    let from_left = pane.leading() != rtl;
    let (x, align) = if from_left {
        (area.left(), egui::Align2::LEFT_TOP)
    } else {
        (area.right(), egui::Align2::RIGHT_TOP)
    };
    if ui.input(|i| i.key_pressed(egui::Key::Escape))
        && wb.state.picker.is_none()
        && !wb.state.dialog_open()
    {
        wb.state.drawer = None;
        return;
    }
    let s = wb.state.lang.strings();
    egui::Area::new(egui::Id::unique("pane-drawer"))
        .order(egui::Order::Middle)
        .pivot(align)
        .fixed_pos(egui::pos2(x, area.top()))
        .show(ui.ctx(), |ui| {
            egui::Frame::window(ui.style()).show(ui, |ui| {
                ui.set_width(width - 16.0);
                ui.set_height(area.height() - 20.0);
                mirror::panel_body(ui, rtl, |ui| {
                    super::row(ui, rtl, |ui| {
                        if ui.button("×").on_hover_text(bidi(s.close_pane)).clicked() {
                            wb.state.drawer = None;
                        }
                        ui.strong(bidi(pane.name(s)));
                    });
                    ui.separator();
                    pane_contents_ui(ui, pane, wb, out);
                });
            });
        });
}

// expect() here is on the tests' own fixed inputs: a panic is the test
// failing, with its message; no file or user data reaches it.
#[cfg(test)]
mod tests {
    // `expect` here is on values the test itself made, never on a file's
    // or a user's data: a failure is the test's finding.
    use super::*;

    const ALL: [bool; 3] = [true; 3];
    const PREF: [f32; 3] = DEFAULT_WIDTHS;

    fn used(p: &Plan) -> f32 {
        p.width.iter().flatten().sum::<f32>() + p.strips()
    }

    #[test]
    fn a_wide_window_gives_every_pane_its_width() {
        let p = plan(1920.0, ALL, PREF, None);
        assert_eq!(p.width, [Some(300.0), Some(200.0), Some(400.0)]);
        assert_eq!(p.collapsed, [false; 3]);
    }

    #[test]
    fn panes_shrink_before_any_collapses() {
        let p = plan(1366.0, ALL, PREF, None);
        assert_eq!(p.collapsed, [false; 3]);
        assert!(1366.0 - used(&p) >= doc_min(1366.0) - 0.01);
        for pane in Pane::ALL {
            let w = p.width(pane).expect("none collapses at 1366 px");
            assert!(
                w >= pane.min_width() && w < PREF[pane.index()],
                "{pane:?} {w}"
            );
        }
    }

    #[test]
    fn the_side_pane_collapses_first_then_the_documents() {
        let p = plan(800.0, ALL, PREF, None);
        assert!(p.collapsed(Pane::Side) && p.width(Pane::Tree).is_some());
        let p = plan(600.0, ALL, PREF, None);
        assert!(p.collapsed(Pane::Side) && p.collapsed(Pane::Documents));
        // The tree stays as long as it fits beside the document and the two
        // tabs at all.
        let room = 600.0 - doc_min(600.0) - 2.0 * TAB_STRIP;
        assert_eq!(
            p.width(Pane::Tree).is_some(),
            room >= Pane::Tree.min_width()
        );
    }

    #[test]
    fn the_document_always_keeps_its_width() {
        for total in (300..2600).step_by(7) {
            let total = total as f32;
            for shown in 0..8u8 {
                let shown = [shown & 1 != 0, shown & 2 != 0, shown & 4 != 0];
                for keep in [
                    None,
                    Some(Pane::Side),
                    Some(Pane::Documents),
                    Some(Pane::Tree),
                ] {
                    let p = plan(total, shown, [900.0, 10.0, 700.0], keep);
                    let doc = total - used(&p);
                    assert!(
                        doc >= doc_min(total).min(total - 2.0 * TAB_STRIP) - 0.01,
                        "{total} {shown:?} {keep:?} {p:?}"
                    );
                    for pane in Pane::ALL {
                        if let Some(w) = p.width(pane) {
                            assert!(w >= pane.min_width() - 0.01, "{total} {pane:?} {w}");
                        }
                    }
                }
                let p = plan(total, shown, [900.0, 10.0, 700.0], None);
                for pane in Pane::ALL {
                    if !shown[pane.index()] {
                        assert!(p.width(pane).is_none() && !p.collapsed(pane));
                    }
                }
            }
        }
    }

    #[test]
    fn the_dragged_pane_keeps_its_width_and_the_others_give_way() {
        let p = plan(1366.0, ALL, [300.0, 200.0, 380.0], Some(Pane::Tree));
        assert_eq!(p.width(Pane::Tree), Some(380.0));
        let rest = 1366.0 - doc_min(1366.0) - 380.0;
        let width = |pane| p.width(pane).expect("none collapses at 1366 px");
        let others = width(Pane::Side) + width(Pane::Documents);
        assert!((others - rest).abs() < 0.01, "{others} {rest}");
        // Wider than the others' least widths allow: as wide as it can be.
        let p = plan(1366.0, ALL, [300.0, 200.0, 900.0], Some(Pane::Tree));
        let most = 1366.0 - doc_min(1366.0) - Pane::Side.min_width() - Pane::Documents.min_width();
        assert_eq!(p.width(Pane::Tree), Some(most));
    }
}

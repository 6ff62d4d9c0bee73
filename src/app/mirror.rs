//! Menus, context menus, combo boxes and dialog bodies that mirror in the
//! Persian interface: contents right-aligned, shortcuts on the left,
//! submenus opening to the left behind a left-pointing arrow, combo arrows
//! on the left. egui 0.37 lays these out left to right only (its submenus
//! always open to the right), so the right-to-left forms are built here
//! from egui's buttons and popups; the left-to-right forms are egui's own.

use super::bidi;
use egui::{
    Align, Align2, Button, Layout, Popup, PopupCloseBehavior, RectAlign, Response, Shape, Ui,
    UiBuilder, Vec2, vec2,
};

/// Contents laid out from the right in the Persian interface.
pub fn body_ui<R>(ui: &mut Ui, rtl: bool, add: impl FnOnce(&mut Ui) -> R) -> R {
    let align = if rtl { Align::Max } else { Align::Min };
    ui.with_layout(Layout::top_down(align), add).inner
}

/// A menu's items: full width, their text on the reading side.
fn menu_body_ui<R>(ui: &mut Ui, rtl: bool, add: impl FnOnce(&mut Ui) -> R) -> R {
    let align = if rtl { Align::Max } else { Align::Min };
    ui.with_layout(Layout::top_down_justified(align), add).inner
}

/// A menu item with its shortcut at the far end: on the left of Persian text.
pub fn item_button(rtl: bool, label: &str, shortcut: String) -> Button<'static> {
    let b = Button::new(bidi(label));
    if shortcut.is_empty() {
        b
    } else if rtl {
        b.left_text(egui::RichText::new(shortcut).weak())
    } else {
        b.shortcut_text(shortcut)
    }
}

/// A small filled triangle pointing down (`angle` 0), left or right.
fn triangle_atom(angle: f32) -> egui::Atom<'static> {
    egui::AtomKind::closure(move |ui, _| {
        let size = Vec2::splat(ui.spacing().icon_width);
        egui::IntoSizedResult {
            intrinsic_size: size,
            sized: egui::SizedAtomKind::Paint {
                paint: std::sync::Arc::new(move |ui: &Ui, args: egui::AtomPaintArgs| {
                    let r = egui::Rect::from_center_size(
                        args.rect.center(),
                        vec2(args.rect.width() * 0.55, args.rect.height() * 0.35),
                    );
                    ui.painter()
                        .add(Shape::rotated_triangle(r, angle, args.fallback_text_color));
                }),
                size,
            },
        }
    })
    .into()
}

const LEFT: f32 = std::f32::consts::FRAC_PI_2;

/// A top-level menu (menu bar): in Persian it opens under its button with
/// the right edges lined up, growing to the left.
pub fn menu_ui(ui: &mut Ui, rtl: bool, title: &str, add: impl FnOnce(&mut Ui)) {
    if !rtl {
        ui.menu_button(bidi(title), |ui| menu_body_ui(ui, false, add));
        return;
    }
    let r = ui.add(Button::new(bidi(title)).frame_when_inactive(false));
    Popup::menu(&r)
        .align(RectAlign::BOTTOM_END)
        .layout(Layout::top_down_justified(Align::Max))
        .show(|ui| add(ui));
}

/// A context menu on `resp`: in Persian it opens to the left of the pointer.
pub fn context_menu_ui(resp: &Response, rtl: bool, add: impl FnOnce(&mut Ui)) {
    if !rtl {
        resp.context_menu(|ui| menu_body_ui(ui, false, add));
        return;
    }
    Popup::context_menu(resp)
        .align(RectAlign::BOTTOM_END)
        .layout(Layout::top_down_justified(Align::Max))
        .show(|ui| add(ui));
}

/// A submenu inside a menu. In Persian its arrow points left and it opens
/// on the left of its item, while the pointer rests on the item or inside it.
pub fn submenu_ui<R>(
    ui: &mut Ui,
    rtl: bool,
    label: &str,
    add: impl FnOnce(&mut Ui) -> R,
) -> Option<R> {
    if !rtl {
        return ui
            .menu_button(bidi(label), |ui| menu_body_ui(ui, false, add))
            .inner;
    }
    let resp = ui.add(Button::new(bidi(label)).left_text(triangle_atom(LEFT)));
    let id = resp.id.with("left-submenu");
    // One submenu of a menu is open at a time: the menu remembers which,
    // and the pass it was last drawn in. A menu closed since then (Escape,
    // a click elsewhere) opens again with its submenus closed.
    let menu_key = ui.scope_id().with("left-submenu-open");
    let pass = ui.ctx().cumulative_pass_nr();
    let (mut open, last_pass): (Option<egui::Id>, u64) =
        ui.data(|d| d.get_temp(menu_key)).unwrap_or((None, 0));
    if pass > last_pass + 1 {
        open = None;
    }
    if resp.hovered() || resp.clicked() {
        open = Some(id);
    }
    let mut inner = None;
    if open == Some(id) {
        let gap = 4.0;
        let shown = egui::Area::new(id)
            .kind(egui::UiKind::Menu)
            .order(egui::Order::Foreground)
            .pivot(Align2::RIGHT_TOP)
            .fixed_pos(resp.rect.left_top() - vec2(gap, 6.0))
            .show(ui.ctx(), |ui| {
                egui::containers::menu::menu_style(ui.style_mut());
                // Its items fill its width: at most a menu's (a right-to-left
                // area would otherwise grow to the screen's edge).
                ui.set_max_width(ui.spacing().menu_width);
                egui::Frame::menu(ui.style())
                    .show(ui, |ui| {
                        ui.scope_builder(UiBuilder::new().closable(), |ui| {
                            menu_body_ui(ui, true, add)
                        })
                    })
                    .inner
            });
        // An item chosen inside closes the whole menu.
        if shown.inner.response.should_close() {
            ui.close();
            open = None;
        }
        // Resting on another item of the menu, above or below, closes it;
        // crossing one on the way into the submenu does not (as egui's own).
        let heading_in = ui.input(|i| i.pointer.is_moving_towards_rect(&shown.response.rect));
        if heading_in {
            ui.ctx().request_repaint();
        }
        if let Some(p) = ui.ctx().pointer_hover_pos()
            && !heading_in
            && ui.ctx().layer_id_at(p) == Some(ui.layer_id())
            && !resp.rect.expand(gap).contains(p)
        {
            open = None;
        }
        if open.is_none() {
            // Gone from the next frame on: make sure there is one.
            ui.ctx().request_repaint();
        }
        inner = Some(shown.inner.inner);
    }
    ui.data_mut(|d| d.insert_temp(menu_key, (open, pass)));
    inner
}

/// A combo box: its current value with a down arrow (on the left in
/// Persian) opening a list under it. `keep_open` keeps the list open on
/// clicks inside it (for a list with a text field in it).
pub fn combo_ui(
    ui: &mut Ui,
    rtl: bool,
    label: &str,
    selected: &str,
    keep_open: bool,
    add: impl FnOnce(&mut Ui),
) -> Response {
    let arrow = triangle_atom(0.0);
    let button = if rtl {
        Button::new(bidi(selected)).left_text(arrow)
    } else {
        Button::new(bidi(selected)).right_text(arrow)
    };
    // egui puts a combo's label after its box; a Persian reader reads the
    // label first, on the right (the row runs from the right there).
    let r = ui
        .horizontal(|ui| {
            if rtl {
                ui.label(bidi(label));
            }
            let r = ui.add(button.min_size(vec2(90.0, 0.0)));
            if !rtl {
                ui.label(bidi(label));
            }
            r
        })
        .inner;
    let close = if keep_open {
        PopupCloseBehavior::CloseOnClickOutside
    } else {
        PopupCloseBehavior::CloseOnClick
    };
    Popup::menu(&r)
        .align(if rtl {
            RectAlign::BOTTOM_END
        } else {
            RectAlign::BOTTOM_START
        })
        .close_behavior(close)
        .layout(Layout::top_down_justified(if rtl {
            Align::Max
        } else {
            Align::Min
        }))
        .show(|ui| {
            ui.set_min_width(r.rect.width());
            add(ui)
        });
    r
}

/// A disclosure header that mirrors: its triangle on the reading side,
/// pointing into the reading direction when closed.
pub fn collapsing_ui(
    ui: &mut Ui,
    rtl: bool,
    id: egui::Id,
    title: &str,
    default_open: bool,
    add: impl FnOnce(&mut Ui),
) {
    let state = egui::collapsing_header::CollapsingState::load_with_default_open(
        ui.ctx(),
        id,
        default_open,
    );
    let header = |ui: &mut Ui| {
        let mut state = state;
        let open = state.is_open();
        let angle = if open {
            0.0
        } else if rtl {
            LEFT
        } else {
            -LEFT
        };
        let text = bidi(title);
        // The triangle comes first in reading order.
        let b = if rtl {
            Button::new(text).right_text(triangle_atom(angle))
        } else {
            Button::new(text).left_text(triangle_atom(angle))
        };
        let r = ui.add(b.frame(false));
        if r.clicked() {
            state.toggle(ui);
        }
        state.store(ui.ctx());
    };
    // One row high (a right-to-left layout given the rest of the panel
    // would centre the header in it, far below).
    let layout = if rtl {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    };
    ui.allocate_ui_with_layout(vec2(ui.available_width(), 0.0), layout, header);
    let state = egui::collapsing_header::CollapsingState::load_with_default_open(
        ui.ctx(),
        id,
        default_open,
    );
    if state.is_open() {
        body_ui(ui, rtl, add);
    }
}

/// A dialog's contents, `width` wide at most: right-aligned in Persian, so
/// that its rows (egui's `horizontal`) also run from the right.
pub fn dialog_ui<R>(ui: &mut Ui, rtl: bool, width: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.set_max_width(width);
    body_ui(ui, rtl, add)
}

/// A row of widgets that runs right to left in the Persian interface.
pub fn row<R>(ui: &mut egui::Ui, rtl: bool, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let layout = if rtl {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    ui.allocate_ui_with_layout(
        egui::vec2(ui.available_width(), 0.0),
        layout.with_main_wrap(true),
        add,
    )
    .inner
}

/// Panel contents: right-aligned in the Persian interface.
pub fn panel_body(ui: &mut egui::Ui, rtl: bool, add: impl FnOnce(&mut egui::Ui)) {
    let align = if rtl {
        egui::Align::Max
    } else {
        egui::Align::Min
    };
    ui.with_layout(egui::Layout::top_down(align), add);
}

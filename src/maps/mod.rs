//! Maps as figures: the starter layouts (a category with its subcategories
//! and codes; conditions → strategies → consequences), what each node
//! shows as the project is now, and the SVG/PNG figure. No UI here: the
//! GUI's map window and `strata map` both draw through this module.

pub mod layout;
pub mod svg;

pub use layout::{
    Label, Rect, category_map, deleted_text, model_map, node_label, node_size, route, unique_name,
    wrap,
};
pub use svg::{map_png, map_svg};

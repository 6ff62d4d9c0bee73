//! The paper's Tables 1 and 2 (one row per network, or per the chosen
//! grouping; one column per measure) as `export::Grid`, so that they are
//! written as CSV, Markdown or XLSX like every other table.

use super::indices::{By, Figures, Indices};
use crate::export::{Cell, Grid};

fn first_column(by: By, persian: bool) -> &'static str {
    match (by, persian) {
        (By::Network, false) => "Network",
        (By::Network, true) => "شبکه",
        (By::Account, false) => "Account",
        (By::Account, true) => "حساب",
        (By::Role, false) => "Role",
        (By::Role, true) => "نقش",
        (By::NetworkRole, false) => "Network, role",
        (By::NetworkRole, true) => "شبکه، نقش",
    }
}

/// Table 1: the pages' activity.
pub fn table1(ix: &Indices, persian: bool) -> Grid {
    let columns: [&str; 5] = if persian {
        [
            first_column(ix.by, true),
            "حساب‌ها",
            "میانگین تعداد دنبال‌کنندگان",
            "میانگین تعداد پست‌ها",
            "میانگین پست‌گذاری در یک ماه",
        ]
    } else {
        [
            first_column(ix.by, false),
            "Accounts",
            "Mean followers",
            "Mean posts",
            "Mean posts per month",
        ]
    };
    Grid {
        title: if persian {
            "جدول ۱. میزان فعالیت صفحه‌های کاربری مدیران".into()
        } else {
            "Table 1. Activity of the managers' pages".into()
        },
        columns: columns.iter().map(|s| s.to_string()).collect(),
        rows: ix
            .groups
            .iter()
            .map(|g| {
                vec![
                    Cell::Text(g.key.clone()),
                    Cell::Count(g.accounts),
                    Cell::Real(g.mean_followers),
                    Cell::Real(g.mean_posts),
                    Cell::Real(g.mean_posts_per_month),
                ]
            })
            .collect(),
        rtl: persian,
    }
}

/// The measures' headings, in the order of `Figures::values`.
pub fn measure_names(persian: bool) -> [&'static str; 13] {
    if persian {
        [
            "مشهوریت P1 (٪ پست‌های پسندیده)",
            "پسند در هر پست (P2)",
            "پسند در هزار دنبال‌کننده (P3)",
            "تعهد C1 (٪ پست‌های دارای نظر)",
            "نظر در هر پست (C2)",
            "نظر در هزار دنبال‌کننده (C3)",
            "پربازدید بودن V1 (٪ پست‌های بازنشرشده)",
            "بازنشر در هر پست (V2)",
            "بازنشر در هزار دنبال‌کننده (V3)",
            "تعاملات E = P3 + C3 + V3",
            "بازدید: ٪ پست‌های دیده‌شده (V1)",
            "بازدید در هر پست (V2)",
            "بازدید در هزار دنبال‌کننده (V3)",
        ]
    } else {
        [
            "Popularity P1 (% posts liked)",
            "P2 (likes per post)",
            "P3 (per 1000 followers)",
            "Commitment C1 (% posts commented)",
            "C2 (comments per post)",
            "C3 (per 1000 followers)",
            "Virality V1 (% posts shared)",
            "V2 (shares per post)",
            "V3 (per 1000 followers)",
            "Engagement E = P3 + C3 + V3",
            "Views V1 (% posts viewed)",
            "Views V2 (views per post)",
            "Views V3 (per 1000 followers)",
        ]
    }
}

fn real(x: Option<f64>) -> Cell {
    // No posts: no rate (an empty cell, not a zero that would mislead).
    x.map_or(Cell::Text(String::new()), Cell::Real)
}

/// Table 2: citizens' engagement, every measure.
pub fn table2(ix: &Indices, persian: bool) -> Grid {
    let mut columns = vec![first_column(ix.by, persian).to_string()];
    columns.extend(measure_names(persian).iter().map(|s| s.to_string()));
    Grid {
        title: if persian {
            "جدول ۲. میزان تعامل و مشارکت شهروندان".into()
        } else {
            "Table 2. Citizens' engagement".into()
        },
        columns,
        rows: ix
            .groups
            .iter()
            .map(|g| {
                let mut row = vec![Cell::Text(g.key.clone())];
                row.extend(Figures::values(&g.figures).into_iter().map(real));
                row
            })
            .collect(),
        rtl: persian,
    }
}

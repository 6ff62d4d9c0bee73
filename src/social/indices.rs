//! The Bonsón et al. (2017) indices of popularity, commitment and
//! virality, per account over its posts in its period, then averaged over
//! the accounts of each network, role or both.
//!
//! Per account, with n its posts:
//! - P1 = 100 × (posts with a like) / n; P2 = likes / n; P3 = 1000 × P2 / followers;
//! - C1–C3 the same with comments, V1–V3 with shares;
//! - E = P3 + C3 + V3;
//! - posts per month = n / (days in the period, both ends included, / 30.4375);
//! - the paper's view-based virality, V1–V3 with views, apart as `V*_views`.
//!
//! An account with no posts in its period has no rates: it counts in
//! `accounts`, `mean_followers` and the means of posts, and is left out of
//! the means of the rates (null when no account of a group has posts).

use super::SocialError;
use super::import::COUNTS;
use crate::model::{Account, Document, Project, same_network};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the accounts are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    Network,
    Account,
    Role,
    #[serde(rename = "network,role")]
    NetworkRole,
}

impl By {
    pub const ALL: [By; 4] = [By::Network, By::Role, By::NetworkRole, By::Account];

    pub fn parse(s: &str) -> Option<By> {
        let parts: Vec<String> = s.split(',').map(|p| p.trim().to_lowercase()).collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match parts.as_slice() {
            ["network"] => Some(By::Network),
            ["account"] => Some(By::Account),
            ["role"] => Some(By::Role),
            ["network", "role"] | ["role", "network"] => Some(By::NetworkRole),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            By::Network => "network",
            By::Account => "account",
            By::Role => "role",
            By::NetworkRole => "network,role",
        }
    }
}

/// The rates of one account, or their means over a group's accounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[allow(non_snake_case)]
pub struct Figures {
    pub P1: Option<f64>,
    pub P2: Option<f64>,
    pub P3: Option<f64>,
    pub C1: Option<f64>,
    pub C2: Option<f64>,
    pub C3: Option<f64>,
    pub V1: Option<f64>,
    pub V2: Option<f64>,
    pub V3: Option<f64>,
    pub E: Option<f64>,
    pub V1_views: Option<f64>,
    pub V2_views: Option<f64>,
    pub V3_views: Option<f64>,
}

impl Figures {
    /// The names, in the order of `values`.
    pub const NAMES: [&'static str; 13] = [
        "P1", "P2", "P3", "C1", "C2", "C3", "V1", "V2", "V3", "E", "V1_views", "V2_views",
        "V3_views",
    ];

    pub fn values(&self) -> [Option<f64>; 13] {
        [
            self.P1,
            self.P2,
            self.P3,
            self.C1,
            self.C2,
            self.C3,
            self.V1,
            self.V2,
            self.V3,
            self.E,
            self.V1_views,
            self.V2_views,
            self.V3_views,
        ]
    }

    fn from_values(v: [Option<f64>; 13]) -> Figures {
        Figures {
            P1: v[0],
            P2: v[1],
            P3: v[2],
            C1: v[3],
            C2: v[4],
            C3: v[5],
            V1: v[6],
            V2: v[7],
            V3: v[8],
            E: v[9],
            V1_views: v[10],
            V2_views: v[11],
            V3_views: v[12],
        }
    }
}

/// One group's row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    pub key: String,
    pub accounts: usize,
    pub posts: usize,
    pub mean_followers: f64,
    pub mean_posts: f64,
    pub mean_posts_per_month: f64,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Indices {
    pub by: By,
    pub groups: Vec<Group>,
}

/// One account's posts in its period, and its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountFigures {
    pub account: Account,
    pub posts: usize,
    pub posts_per_month: f64,
    pub figures: Figures,
}

/// The documents that are this account's posts in its period.
pub fn posts_of<'a>(p: &'a Project, a: &'a Account) -> impl Iterator<Item = &'a Document> + 'a {
    p.documents.iter().filter(move |d| {
        let var = |k: &str| d.variables.get(k).map_or("", |v| v.trim());
        same_network(var("network"), &a.network)
            && var("account") == a.account
            && super::csv_table::parse_date(var("posted_at")).is_ok_and(|day| a.covers(day))
    })
}

/// The counts of a post (likes, comments, shares, views).
pub fn counts(d: &Document) -> Result<[u64; 4], SocialError> {
    let mut out = [0; 4];
    for (i, name) in COUNTS.iter().enumerate() {
        let value = d.variables.get(*name).map_or("", |v| v.trim());
        out[i] = value.parse().map_err(|_| SocialError::BadVariable {
            document: d.name.clone(),
            variable: name,
            value: value.to_string(),
        })?;
    }
    Ok(out)
}

pub fn account_figures(p: &Project, a: &Account) -> Result<AccountFigures, SocialError> {
    let posts: Vec<[u64; 4]> = posts_of(p, a).map(counts).collect::<Result<_, _>>()?;
    let n = posts.len();
    // A file edited by hand may hold an account of no followers or a
    // period that ends first (an import refuses both): no rate, not ∞.
    let months = a.days().max(1) as f64 / 30.4375;
    let mut v = [None; 13];
    if n > 0 {
        let nf = n as f64;
        let followers = a.followers as f64;
        // likes, comments, shares, views → P, C, V, V_views.
        let mut rates = [[0.0; 3]; 4];
        for (k, rate) in rates.iter_mut().enumerate() {
            let with = posts.iter().filter(|c| c[k] > 0).count() as f64;
            let total: f64 = posts.iter().map(|c| c[k] as f64).sum();
            let per_post = total / nf;
            let per_1000 = if followers > 0.0 {
                1000.0 * per_post / followers
            } else {
                f64::NAN
            };
            *rate = [100.0 * with / nf, per_post, per_1000];
        }
        let some = |x: f64| x.is_finite().then_some(x);
        for k in 0..3 {
            for j in 0..3 {
                v[k * 3 + j] = some(rates[k][j]);
            }
        }
        v[9] = some(rates[0][2] + rates[1][2] + rates[2][2]);
        for j in 0..3 {
            v[10 + j] = some(rates[3][j]);
        }
    }
    Ok(AccountFigures {
        account: a.clone(),
        posts: n,
        posts_per_month: n as f64 / months,
        figures: Figures::from_values(v),
    })
}

/// Group key of an account; the sort key beside it (networks and roles
/// without regard to case).
fn key(by: By, a: &Account) -> (String, String) {
    let shown = match by {
        By::Network => a.network.clone(),
        By::Account => format!("{} ({})", a.account, a.network),
        By::Role => a.role.clone(),
        By::NetworkRole => format!("{}, {}", a.network, a.role),
    };
    let sort = match by {
        By::Account => format!("{}\u{0}{}", a.network.to_lowercase(), a.account),
        _ => shown.to_lowercase(),
    };
    (sort, shown)
}

fn mean(xs: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / n as f64)
}

pub fn indices(p: &Project, by: By) -> Result<Indices, SocialError> {
    let mut groups: BTreeMap<String, (String, Vec<AccountFigures>)> = BTreeMap::new();
    for a in &p.accounts {
        let (sort, shown) = key(by, a);
        let f = account_figures(p, a)?;
        groups
            .entry(sort)
            .or_insert_with(|| (shown, Vec::new()))
            .1
            .push(f);
    }
    let groups = groups
        .into_values()
        .map(|(key, accs)| {
            let mut v = [None; 13];
            for (i, slot) in v.iter_mut().enumerate() {
                *slot = mean(accs.iter().filter_map(|a| a.figures.values()[i]));
            }
            let n = accs.len() as f64;
            Group {
                key,
                accounts: accs.len(),
                posts: accs.iter().map(|a| a.posts).sum(),
                mean_followers: accs.iter().map(|a| a.account.followers as f64).sum::<f64>() / n,
                mean_posts: accs.iter().map(|a| a.posts as f64).sum::<f64>() / n,
                mean_posts_per_month: accs.iter().map(|a| a.posts_per_month).sum::<f64>() / n,
                figures: Figures::from_values(v),
            }
        })
        .collect();
    Ok(Indices { by, groups })
}

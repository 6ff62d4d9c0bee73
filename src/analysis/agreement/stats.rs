//! Agreement statistics for nominal data, from sufficient statistics.
//!
//! A unit is described by its *profile*: how many coders put it in each
//! category (`[3, 1]`: three said category 0, one said category 1). Units
//! with the same profile are counted once with a weight, so a study of a
//! million line-by-code decisions is a handful of profiles.
//!
//! Every statistic is `None` where it is undefined, never NaN: no units, or
//! a chance agreement of 1 (every value in one category), where kappa and
//! alpha divide zero by zero. scikit-learn's `cohen_kappa_score` returns NaN
//! there and the `krippendorff` package refuses a one-value domain; both
//! say "undefined", and so does `None`. See `docs/agreement.md`.

/// Units sharing one profile: counts per category, and how many units.
pub type Profile = (Vec<u64>, u64);

/// Chance agreement this close to 1 counts as 1: the kappas' denominator
/// is then zero (or rounding noise around it).
const DEGENERATE: f64 = 1e-12;

/// Observed agreement: the mean, over units, of the share of coder pairs
/// that agree (Fleiss's P̄). For two coders, the share of units on which
/// they agree. Units with fewer than two values are left out.
pub fn observed(units: &[Profile]) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0u64);
    for (counts, w) in units {
        let m: u64 = counts.iter().sum();
        if m < 2 || *w == 0 {
            continue;
        }
        let same: u64 = counts.iter().map(|c| c * c.saturating_sub(1)).sum();
        sum += *w as f64 * same as f64 / (m * (m - 1)) as f64;
        n += w;
    }
    (n > 0).then(|| sum / n as f64)
}

/// Cohen's kappa from a square contingency table (rows: coder 1's
/// category, columns: coder 2's), as scikit-learn's `cohen_kappa_score`
/// (unweighted): κ = (p_o − p_e) / (1 − p_e).
pub fn cohen(table: &[Vec<u64>]) -> Option<f64> {
    let k = table.len();
    if table.iter().any(|row| row.len() != k) {
        return None;
    }
    let n: u64 = table.iter().flatten().sum();
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let diagonal: u64 = (0..k).map(|i| table[i][i]).sum();
    let p_o = diagonal as f64 / n;
    let p_e: f64 = (0..k)
        .map(|i| {
            let row: u64 = table[i].iter().sum();
            let col: u64 = table.iter().map(|r| r[i]).sum();
            (row as f64 / n) * (col as f64 / n)
        })
        .sum();
    kappa(p_o, p_e)
}

/// Fleiss' kappa (1971): every unit must have the same number of values
/// m ≥ 2 (else `None`). P̄ as in `observed`, p_j the share of all values
/// in category j, P̄_e = Σ p_j², κ = (P̄ − P̄_e) / (1 − P̄_e).
pub fn fleiss(units: &[Profile]) -> Option<f64> {
    let mut m = None;
    let mut totals: Vec<f64> = Vec::new();
    let mut n_units = 0u64;
    for (counts, w) in units.iter().filter(|(_, w)| *w > 0) {
        let mu: u64 = counts.iter().sum();
        if *m.get_or_insert(mu) != mu {
            return None;
        }
        if totals.len() < counts.len() {
            totals.resize(counts.len(), 0.0);
        }
        for (t, c) in totals.iter_mut().zip(counts) {
            *t += (*c * *w) as f64;
        }
        n_units += w;
    }
    let m = m.filter(|m| *m >= 2)?;
    let p_bar = observed(units)?;
    let all = (n_units * m) as f64;
    let p_e: f64 = totals.iter().map(|t| (t / all) * (t / all)).sum();
    kappa(p_bar, p_e)
}

/// Krippendorff's alpha for nominal data, missing values allowed (a unit
/// has as many values as coders who judged it). Units with fewer than two
/// values cannot be paired and are left out (Krippendorff 2011).
///
/// With n_c the pairable values in category c and n their total:
/// α = 1 − (n − 1) · Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1) / (n² − Σ_c n_c²).
pub fn krippendorff_nominal(units: &[Profile]) -> Option<f64> {
    let mut totals: Vec<f64> = Vec::new();
    let mut disagree = 0.0;
    for (counts, w) in units.iter().filter(|(_, w)| *w > 0) {
        let mu: u64 = counts.iter().sum();
        if mu < 2 {
            continue;
        }
        let squares: u64 = counts.iter().map(|c| c * c).sum();
        disagree += *w as f64 * (mu * mu - squares) as f64 / (mu - 1) as f64;
        if totals.len() < counts.len() {
            totals.resize(counts.len(), 0.0);
        }
        for (t, c) in totals.iter_mut().zip(counts) {
            *t += (*c * *w) as f64;
        }
    }
    let n: f64 = totals.iter().sum();
    let expected = n * n - totals.iter().map(|t| t * t).sum::<f64>();
    // One category only: expected disagreement is zero, alpha undefined.
    if n < 2.0 || expected <= DEGENERATE * n * n {
        return None;
    }
    Some(1.0 - (n - 1.0) * disagree / expected)
}

/// Brennan and Prediger's (1981) kappa: chance agreement is 1/k for k
/// categories, as if each were equally likely. `None` for k < 2.
pub fn brennan_prediger(observed: f64, categories: usize) -> Option<f64> {
    if categories < 2 {
        return None;
    }
    kappa(observed, 1.0 / categories as f64)
}

/// (p_o − p_e) / (1 − p_e); undefined when chance agreement is 1.
fn kappa(p_o: f64, p_e: f64) -> Option<f64> {
    (1.0 - p_e > DEGENERATE).then(|| (p_o - p_e) / (1.0 - p_e))
}

/// Profiles of a reliability matrix (rows: coders, columns: units; `None`
/// where a coder gave no value) with values `0..categories`. Values out of
/// range are left out.
pub fn profiles(matrix: &[Vec<Option<usize>>], categories: usize) -> Vec<Profile> {
    let units = matrix.iter().map(Vec::len).max().unwrap_or(0);
    (0..units)
        .map(|u| {
            let mut counts = vec![0u64; categories];
            for row in matrix {
                if let Some(Some(v)) = row.get(u)
                    && let Some(c) = counts.get_mut(*v)
                {
                    *c += 1;
                }
            }
            (counts, 1)
        })
        .collect()
}

// expect() here is on the tests' own fixed inputs: a panic is the test
// failing, with its message; no file or user data reaches it.
#[cfg(test)]
mod tests {
    // `expect` here is on values the test itself made, never on a file's
    // or a user's data: a failure is the test's finding.
    use super::*;

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < 1e-3, "{a} vs {b}");
    }

    /// Wikipedia's "Cohen's kappa" worked example (50 grant proposals,
    /// two readers): p_o = 0.7, p_e = 0.5, κ = 0.4.
    #[test]
    fn cohen_textbook_example() {
        let t = vec![vec![20, 5], vec![10, 15]];
        close(cohen(&t), 0.4);
    }

    /// Fleiss' kappa, the worked example of Wikipedia's article (10
    /// subjects, 14 raters, 5 categories): P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
    #[test]
    fn fleiss_worked_example() {
        let rows: [[u64; 5]; 10] = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let units: Vec<Profile> = rows.iter().map(|r| (r.to_vec(), 1)).collect();
        close(observed(&units), 0.378);
        close(fleiss(&units), 0.210);
    }

    /// Krippendorff (2011), "Computing Krippendorff's alpha-reliability",
    /// the nominal example with missing data: 4 observers, 12 units,
    /// α = 0.743.
    #[test]
    fn krippendorff_2011_nominal_example() {
        let n = None;
        let s = Some;
        // Values 1..=5 as categories 0..=4.
        let m: Vec<Vec<Option<usize>>> = vec![
            vec![
                s(1),
                s(2),
                s(3),
                s(3),
                s(2),
                s(1),
                s(4),
                s(1),
                s(2),
                n,
                n,
                n,
            ],
            vec![
                s(1),
                s(2),
                s(3),
                s(3),
                s(2),
                s(2),
                s(4),
                s(1),
                s(2),
                s(5),
                n,
                s(3),
            ],
            vec![
                n,
                s(3),
                s(3),
                s(3),
                s(2),
                s(3),
                s(4),
                s(2),
                s(2),
                s(5),
                s(1),
                n,
            ],
            vec![
                s(1),
                s(2),
                s(3),
                s(3),
                s(2),
                s(4),
                s(4),
                s(1),
                s(2),
                s(5),
                s(1),
                n,
            ],
        ]
        .into_iter()
        .map(|row| row.into_iter().map(|v| v.map(|v| v - 1)).collect())
        .collect();
        close(krippendorff_nominal(&profiles(&m, 5)), 0.743);
    }

    /// Brennan and Prediger with two categories: p_o = 0.9 gives 0.8.
    #[test]
    fn brennan_prediger_rescales_from_one_over_k() {
        close(brennan_prediger(0.9, 2), 0.8);
        close(brennan_prediger(0.5, 4), 1.0 / 3.0);
        assert_eq!(brennan_prediger(1.0, 1), None);
    }

    /// Perfect agreement on one category only: chance agreement is 1 too,
    /// and every chance-corrected figure is undefined (scikit-learn: NaN;
    /// krippendorff: refuses), while observed agreement is 1.
    #[test]
    fn one_category_only_is_undefined_not_nan() {
        let units: Vec<Profile> = vec![(vec![2, 0], 7)];
        assert_eq!(observed(&units), Some(1.0));
        assert_eq!(cohen(&[vec![7, 0], vec![0, 0]]), None);
        assert_eq!(fleiss(&units), None);
        assert_eq!(krippendorff_nominal(&units), None);
    }

    #[test]
    fn no_units_is_undefined() {
        assert_eq!(observed(&[]), None);
        assert_eq!(cohen(&[vec![0, 0], vec![0, 0]]), None);
        assert_eq!(fleiss(&[]), None);
        assert_eq!(krippendorff_nominal(&[]), None);
    }

    /// A single unit on which two coders disagree: observed 0. Cohen's
    /// chance agreement (from each coder's own marginals) is 0, so κ = 0;
    /// Fleiss's (pooled marginals) is 0.5, so κ = −1; alpha with n = 2
    /// pairable values is 1 − 1·2/2 = 0.
    #[test]
    fn a_single_unit() {
        let units: Vec<Profile> = vec![(vec![1, 1], 1)];
        assert_eq!(observed(&units), Some(0.0));
        close(cohen(&[vec![0, 1], vec![0, 0]]), 0.0);
        close(fleiss(&units), -1.0);
        close(krippendorff_nominal(&units), 0.0);
    }

    #[test]
    fn fleiss_needs_the_same_number_of_values_per_unit() {
        let units: Vec<Profile> = vec![(vec![2, 0], 1), (vec![1, 2], 1)];
        assert_eq!(fleiss(&units), None);
        assert!(krippendorff_nominal(&units).is_some());
    }
}

//! Hand-computed cases: every figure below is worked out in the comments.
//! `expect` is on the tests' own fixed inputs: a panic is the test failing.

use super::*;

struct Study {
    p: Project,
    coders: Vec<CoderId>,
}

impl Study {
    fn new(texts: &[&str], coders: &[&str]) -> Self {
        let mut p = Project::new("t");
        for (i, t) in texts.iter().enumerate() {
            p.documents.push(Document::new(format!("doc{}", i + 1), t));
        }
        let coders = coders
            .iter()
            .map(|name| {
                let c = Coder {
                    id: CoderId::new(),
                    name: name.to_string(),
                    color: "#000000".into(),
                };
                p.coders.push(c.clone());
                c.id
            })
            .collect();
        Study { p, coders }
    }

    fn code(&mut self, name: &str) -> CodeId {
        let c = Code::new(name, "#888888");
        let id = c.id;
        self.p.roots.push(id);
        self.p.codes.insert(id, c);
        self.p.touch();
        id
    }

    /// Code lines `a..=b` (1-based) of document `doc` (0-based).
    fn lines(&mut self, doc: usize, a: usize, b: usize, code: CodeId, coder: usize) {
        let range = self.p.documents[doc].lines_range(a, b).expect("lines");
        self.chars(doc, range, code, coder);
    }

    fn chars(&mut self, doc: usize, range: CharRange, code: CodeId, coder: usize) {
        let c = Coding {
            id: CodingId::new(),
            document: self.p.documents[doc].id,
            range,
            code,
            coder: self.coders[coder],
            origin: Origin::Manual,
            stamp: Stamp::now(None),
        };
        self.p.codings.insert(c.id, c);
        self.p.touch();
    }

    fn run(&self, unit: Unit, codes: Option<Vec<CodeId>>) -> Agreement {
        let opts = AgreementOptions {
            unit,
            codes,
            ..AgreementOptions::new(self.coders.clone())
        };
        agreement(&self.p, &opts).expect("agreement")
    }
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("defined");
    assert!((a - b).abs() < 1e-9, "{a} vs {b}");
}

/// Ten non-blank lines and a blank line 7.
const TEN: &str = "l1\nl2\nl3\nl4\nl5\nl6\n\nl8\nl9\nl10\nl11";

fn two_codes() -> (Study, CodeId, CodeId) {
    let mut s = Study::new(&[TEN], &["A", "B"]);
    let (x, y) = (s.code("X"), s.code("Y"));
    // X: A on 1–4, B on 3–6. Y: both on 8; B twice (counted once).
    s.lines(0, 1, 4, x, 0);
    s.lines(0, 3, 6, x, 1);
    s.lines(0, 8, 8, y, 0);
    s.lines(0, 8, 8, y, 1);
    let at = s.p.documents[0].line_range(8).expect("line 8").start.0;
    s.chars(0, CharRange::new(at, at + 1), y, 1);
    (s, x, y)
}

#[test]
fn line_units_two_coders_by_hand() {
    let (s, x, y) = two_codes();
    let a = s.run(Unit::Line, None);
    assert_eq!(
        a.per_code.iter().map(|r| r.code).collect::<Vec<_>>(),
        [x, y]
    );
    let fx = &a.per_code[0].figures;
    // 10 units (the blank line is none): both 3–4, A only 1–2, B only 5–6.
    assert_eq!((fx.units, fx.agreements, fx.coded_by_all), (10, 6, 2));
    assert_eq!(fx.only, [2, 2]);
    // p_o = 0.6, p_e = 0.4·0.4 + 0.6·0.6 = 0.52, κ = 0.08/0.48.
    close(fx.observed, 0.6);
    close(fx.cohen, 0.08 / 0.48);
    close(fx.fleiss, 0.08 / 0.48);
    // n = 20 (8 present, 12 absent), D = 4 units · 2, E = 400 − 64 − 144.
    close(fx.alpha, 1.0 - 19.0 * 8.0 / 192.0);
    close(fx.brennan_prediger, 0.2);
    let fy = &a.per_code[1].figures;
    assert_eq!(
        (fy.units, fy.coded_by_all, fy.only.clone()),
        (10, 1, vec![0, 0])
    );
    close(fy.cohen, 1.0);
    close(fy.alpha, 1.0);
    // Pooled: 20 items, 3 both, 2 + 2 only, 13 neither. p_o = 0.8,
    // p_e = 0.25² + 0.75² = 0.625.
    let o = &a.overall;
    assert_eq!(
        (o.units, o.agreements, o.only.clone()),
        (20, 16, vec![2, 2])
    );
    close(o.cohen, 0.175 / 0.375);
    // Two runs of disagreement on X: lines 1–2 (A), 5–6 (B).
    let d: Vec<_> = a.disagreements.iter().map(|d| (d.lines, d.code)).collect();
    assert_eq!(d, [((1, 2), x), ((5, 6), x)]);
    let first = &a.disagreements[0];
    assert_eq!(first.text, "l1\nl2");
    assert_eq!(first.doc_name, "doc1");
    assert!(first.coders[0].coded && !first.coders[1].coded);
    assert_eq!(first.coders[0].codes, [x]);
    assert!(first.coders[1].codes.is_empty());
    assert_eq!((a.documents_complete, a.documents_partial), (1, 0));
}

#[test]
fn a_code_nobody_used_has_undefined_kappas_and_perfect_observed() {
    let (mut s, x, y) = two_codes();
    let z = s.code("Z");
    let a = s.run(Unit::Line, Some(vec![z, y, x]));
    // Tree order, whatever the order asked in.
    let row = a.per_code.iter().find(|r| r.code == z).expect("Z's row");
    assert_eq!(a.per_code[2].code, z);
    let f = &row.figures;
    assert_eq!((f.units, f.agreements, f.coded_by_all), (10, 10, 0));
    close(f.observed, 1.0);
    assert_eq!((f.cohen, f.fleiss, f.alpha), (None, None, None));
    // Chance 1/2 is a model, not the data: defined.
    close(f.brennan_prediger, 1.0);
    // Without a list, an unused code gets no row.
    assert!(s.run(Unit::Line, None).per_code.iter().all(|r| r.code != z));
}

#[test]
fn both_coding_everything_is_perfect_but_chance_is_one() {
    let mut s = Study::new(&["a\nb\nc"], &["A", "B"]);
    let w = s.code("W");
    s.lines(0, 1, 3, w, 0);
    s.lines(0, 1, 3, w, 1);
    let f = s.run(Unit::Line, None).overall;
    close(f.observed, 1.0);
    assert_eq!((f.cohen, f.fleiss, f.alpha), (None, None, None));
}

#[test]
fn a_single_unit() {
    let mut s = Study::new(&["only line"], &["A", "B"]);
    let (x, y) = (s.code("X"), s.code("Y"));
    s.lines(0, 1, 1, x, 0);
    s.lines(0, 1, 1, y, 1);
    let a = s.run(Unit::Line, None);
    let f = &a.per_code[0].figures;
    assert_eq!((f.units, f.only.clone()), (1, vec![1, 0]));
    close(f.observed, 0.0);
    close(f.cohen, 0.0);
    close(f.fleiss, -1.0);
    close(f.alpha, 0.0);
    // The disagreement names what each coder put there.
    assert_eq!(a.disagreements.len(), 2);
    assert_eq!(a.disagreements[0].coders[1].codes, [y]);
}

#[test]
fn three_coders_and_a_document_one_did_not_code() {
    let mut s = Study::new(&["a\nb\nc\nd", "e\nf"], &["A", "B", "C"]);
    let x = s.code("X");
    // Per line, coders giving X: 3, 1, 1, 0.
    s.lines(0, 1, 2, x, 0);
    s.lines(0, 1, 1, x, 1);
    s.lines(0, 1, 1, x, 2);
    s.lines(0, 3, 3, x, 2);
    let f = s.run(Unit::Line, None).overall;
    assert_eq!(f.cohen, None);
    assert_eq!(
        (f.units, f.agreements, f.only.clone()),
        (4, 2, vec![1, 0, 1])
    );
    // P̄ = (1 + 1/3 + 1/3 + 1)/4, p = 5/12, P_e = 74/144.
    close(f.observed, 2.0 / 3.0);
    close(f.fleiss, (2.0 / 3.0 - 74.0 / 144.0) / (70.0 / 144.0));
    // n = 12, D = 2 + 2, E = 144 − 25 − 49 = 70.
    close(f.alpha, 1.0 - 11.0 * 4.0 / 70.0);
    // Document 2: A and B both give X to line 1; C never coded it, so it
    // is missing there: alpha pairs its lines, Fleiss does not.
    s.lines(1, 1, 1, x, 0);
    s.lines(1, 1, 1, x, 1);
    let a = s.run(Unit::Line, None);
    assert_eq!((a.documents_complete, a.documents_partial), (1, 1));
    let f2 = &a.overall;
    assert_eq!(f2.fleiss, f.fleiss);
    assert_eq!((f2.units, f2.pairable_units), (4, 6));
    // n = 16 (7 present, 9 absent), D = 4, E = 256 − 49 − 81 = 126.
    close(f2.alpha, 1.0 - 15.0 * 4.0 / 126.0);
}

#[test]
fn a_run_of_disagreement_spans_blank_lines_and_splits_on_change() {
    let mut s = Study::new(&["a\n\nb\nc\nd"], &["A", "B"]);
    let x = s.code("X");
    s.lines(0, 1, 4, x, 0);
    s.lines(0, 4, 5, x, 1);
    let a = s.run(Unit::Line, None);
    let runs: Vec<_> = a.disagreements.iter().map(|d| d.lines).collect();
    // A alone on 1–3 (2 is blank), both on 4, B alone on 5.
    assert_eq!(runs, [(1, 3), (5, 5)]);
    assert_eq!(a.overall.units, 4);
}

#[test]
fn document_units() {
    let mut s = Study::new(&["a\nb", "c\nd", "e"], &["A", "B"]);
    let (x, y) = (s.code("X"), s.code("Y"));
    s.lines(0, 1, 1, x, 0);
    s.lines(0, 2, 2, x, 1);
    s.lines(1, 2, 2, x, 0);
    s.lines(1, 1, 1, y, 1);
    // Document 3: only A coded it; not compared.
    s.lines(2, 1, 1, x, 0);
    let a = s.run(Unit::Document, None);
    let f = &a.per_code[0].figures;
    assert_eq!(
        (f.units, f.coded_by_all, f.only.clone()),
        (2, 1, vec![1, 0])
    );
    close(f.observed, 0.5);
    assert_eq!(a.disagreements.len(), 2); // X in doc2, Y in doc2
    assert_eq!(a.disagreements[0].lines, (2, 2));
    assert_eq!(a.disagreements[0].text, "d");
    assert!(a.notes.iter().any(|n| n.contains("only one of the coders")));
}

#[test]
fn segments_by_hand() {
    let text = "x".repeat(400);
    let mut s = Study::new(&[&text], &["A", "B"]);
    let (x, y) = (s.code("X"), s.code("Y"));
    let r = CharRange::new;
    // IoU 95/100: a match. A's 0–50 overlaps its own 0–100: one segment.
    s.chars(0, r(0, 100), x, 0);
    s.chars(0, r(0, 50), x, 0);
    s.chars(0, r(5, 100), x, 1);
    // IoU 20/50: no match either way.
    s.chars(0, r(200, 250), x, 0);
    s.chars(0, r(200, 220), x, 1);
    // Exactly 90%: 9 of 10 chars.
    s.chars(0, r(300, 310), x, 0);
    s.chars(0, r(301, 310), x, 1);
    s.chars(0, r(350, 360), y, 1);
    let a = s.run(Unit::Segment, None);
    assert_eq!(a.overlap, Some(0.9));
    let fx = &a.per_code[0].figures;
    assert_eq!(
        (fx.agreements, fx.disagreements, fx.only.clone()),
        (4, 2, vec![1, 1])
    );
    close(fx.observed, 4.0 / 6.0);
    // k = 2 codes: chance 1/2.
    close(fx.brennan_prediger, (4.0 / 6.0 - 0.5) / 0.5);
    assert_eq!((fx.cohen, fx.fleiss, fx.alpha), (None, None, None));
    let o = &a.overall;
    assert_eq!((o.agreements, o.disagreements), (4, 3));
    close(o.brennan_prediger, (4.0 / 7.0 - 0.5) / 0.5);
    let d: Vec<_> = a.disagreements.iter().map(|d| (d.range, d.code)).collect();
    assert_eq!(d, [(r(200, 220), x), (r(200, 250), x), (r(350, 360), y)]);
    // A touched B's 200–220 (and B A's 200–250), but A never coded Y.
    assert!(a.disagreements[0].coders[0].coded && a.disagreements[0].coders[1].coded);
    assert!(a.disagreements[1].coders[0].coded && a.disagreements[1].coders[1].coded);
    assert!(!a.disagreements[2].coders[0].coded);
    // A stricter threshold drops the 90% pair.
    let opts = AgreementOptions {
        unit: Unit::Segment,
        overlap: 0.95,
        ..AgreementOptions::new(s.coders.clone())
    };
    let strict = agreement(&s.p, &opts).expect("agreement");
    assert_eq!(strict.per_code[0].figures.agreements, 2);
}

#[test]
fn refusals() {
    let mut s = Study::new(&["a"], &["A", "B", "C"]);
    let x = s.code("X");
    let go = |coders: Vec<CoderId>, unit, overlap| {
        agreement(
            &s.p,
            &AgreementOptions {
                unit,
                overlap,
                ..AgreementOptions::new(coders)
            },
        )
    };
    let c = s.coders.clone();
    assert_eq!(
        go(vec![c[0]], Unit::Line, 0.9),
        Err(AgreementError::TooFewCoders(1))
    );
    assert_eq!(
        go(vec![c[0], c[0]], Unit::Line, 0.9),
        Err(AgreementError::DuplicateCoder("A".into()))
    );
    let ghost = CoderId::new();
    assert_eq!(
        go(vec![c[0], ghost], Unit::Line, 0.9),
        Err(AgreementError::UnknownCoder(ghost))
    );
    assert_eq!(
        go(c.clone(), Unit::Segment, 0.9),
        Err(AgreementError::SegmentsNeedTwoCoders(3))
    );
    assert_eq!(
        go(vec![c[0], c[1]], Unit::Segment, 0.0),
        Err(AgreementError::BadOverlap(0.0))
    );
    let ghost_code = CodeId::new();
    let opts = AgreementOptions {
        codes: Some(vec![x, ghost_code]),
        ..AgreementOptions::new(vec![c[0], c[1]])
    };
    assert_eq!(
        agreement(&s.p, &opts),
        Err(AgreementError::UnknownCode(ghost_code))
    );
}

#[test]
fn coders_are_found_by_name_as_a_person_would_write_it_or_by_id() {
    let s = Study::new(&["a"], &["علی", "Sara"]);
    assert_eq!(find_coder(&s.p, "علي"), Ok(s.coders[0]));
    assert_eq!(find_coder(&s.p, " sara "), Ok(s.coders[1]));
    assert_eq!(find_coder(&s.p, &s.coders[1].to_string()), Ok(s.coders[1]));
    let err = find_coder(&s.p, "Reza").expect_err("unknown");
    assert!(err.to_string().contains("'Reza'") && err.to_string().contains("Sara"));
}

//! The three charts (codes per group or value, document portrait,
//! codeline) counted by hand on a small study, and their figures: SVG that
//! parses as XML with the Persian names exact and marked right to left,
//! and a PNG at print resolution that shows them.
//!
//! The tree (colours in brackets):
//!   C1 «زیرساخت» (#ff0000) › S1 «دسترسی» (#00ff00) › a «اینترنت کند»
//!     (#00aa00), b «گرانی» (#0000ff)
//!   C2 Trust (#aa00aa) › S2 Institutions › d distrust (#888800)
//! Documents: D1 (group «تهران», gender «زن»), 4 lines of 9 chars:
//!   a on line 2 (chars 10–19), b from char 15 to the end of line 3 (15–29),
//!   d on line 4 (30–39).
//! D2 (group «تهران», gender «مرد»), 2 lines: a on line 1.
//! D3 (no group, gender «زن»), 3 Persian lines: b on line 3.
//!
//! Tests here build their own values, so `expect` on them is a test
//! failure, never a user's data.

use crate::refi_xml::parse;
use strata::analysis::charts::{self, UNCODED};
use strata::analysis::matrix::{By, CountUnit, NO_GROUP};
use strata::export::{Words, bars_svg, codeline_svg, figure_png, portrait_svg};
use strata::model::*;

struct Study {
    p: Project,
    c1: CodeId,
    c2: CodeId,
    a: CodeId,
    d1: DocId,
}

fn code(p: &mut Project, name: &str, color: &str, children: Vec<CodeId>) -> CodeId {
    let mut c = Code::new(name, color);
    c.children = children;
    let id = c.id;
    p.codes.insert(id, c);
    id
}

fn study() -> Study {
    let mut p = Project::new("charts");
    let coder = CoderId::new();
    p.coders.push(Coder {
        id: coder,
        name: "A".into(),
        color: "#000000".into(),
    });
    let g = DocGroup {
        id: GroupId::new(),
        name: "تهران".into(),
        description: String::new(),
        stamp: Stamp::now(None),
    };
    let tehran = g.id;
    p.groups.push(g);
    let mut d1 = Document::new("D1", "aaaaaaaaa\nbbbbbbbbb\nccccccccc\nddddddddd");
    d1.group = Some(tehran);
    d1.variables.insert("gender".into(), "زن".into());
    let mut d2 = Document::new("D2", "x\ny");
    d2.group = Some(tehran);
    d2.variables.insert("gender".into(), "مرد".into());
    let mut d3 = Document::new("D3", "P3: سلام\nP3: فیلترینگ\nP3: گران است");
    d3.variables.insert("gender".into(), "زن".into());

    let a = code(&mut p, "اینترنت کند", "#00aa00", vec![]);
    let b = code(&mut p, "گرانی", "#0000ff", vec![]);
    let d = code(&mut p, "distrust", "#888800", vec![]);
    let s1 = code(&mut p, "دسترسی", "#00ff00", vec![a, b]);
    let s2 = code(&mut p, "Institutions", "#008888", vec![d]);
    let c1 = code(&mut p, "زیرساخت", "#ff0000", vec![s1]);
    let c2 = code(&mut p, "Trust", "#aa00aa", vec![s2]);
    p.roots = vec![c1, c2];
    let l3 = d3.line_range(3).expect("line 3");
    let codings = [
        (d1.id, CharRange::new(10, 19), a),
        (d1.id, CharRange::new(15, 29), b),
        (d1.id, CharRange::new(30, 39), d),
        (d2.id, CharRange::new(0, 1), a),
        (d3.id, l3, b),
    ];
    for (document, range, code) in codings {
        let id = CodingId::new();
        p.codings.insert(
            id,
            Coding {
                id,
                document,
                range,
                code,
                coder,
                origin: Origin::Manual,
                stamp: Stamp::now(Some(coder)),
            },
        );
    }
    let d1_id = d1.id;
    p.documents = vec![d1, d2, d3];
    Study {
        p,
        c1,
        c2,
        a,
        d1: d1_id,
    }
}

fn counts(b: &charts::Bars) -> Vec<(String, Vec<usize>)> {
    b.series
        .iter()
        .map(|s| (s.key.name.clone(), s.counts.clone()))
        .collect()
}

#[test]
fn bars_count_categories_per_group_and_per_value() {
    let s = study();
    let cats = charts::default_codes(&s.p);
    assert_eq!(cats, vec![s.c1, s.c2], "the level-3 codes, in tree order");
    assert_eq!(charts::default_by(&s.p), By::Group);

    let by_group = charts::code_bars(&s.p, &cats, &By::Group, CountUnit::Coding).expect("groups");
    assert_eq!(
        by_group.columns,
        vec!["تهران".to_string(), NO_GROUP.to_string()]
    );
    // C1: a, b in D1 and a in D2 (تهران); b in D3 (no group). C2: d in D1.
    assert_eq!(
        counts(&by_group),
        vec![("زیرساخت".into(), vec![3, 1]), ("Trust".into(), vec![1, 0])]
    );
    assert_eq!(by_group.max(), 3);
    assert_eq!(by_group.series[0].key.color, "#ff0000");

    let gender = By::Variable("gender".into());
    let by_value = charts::code_bars(&s.p, &cats, &gender, CountUnit::Coding).expect("gender");
    assert_eq!(by_value.columns, vec!["زن".to_string(), "مرد".to_string()]);
    assert_eq!(
        counts(&by_value),
        vec![("زیرساخت".into(), vec![3, 1]), ("Trust".into(), vec![1, 0])]
    );
    // Coded documents: C1 in D1 and D3 (زن) and D2 (مرد).
    let docs = charts::code_bars(&s.p, &cats, &gender, CountUnit::Document).expect("docs");
    assert_eq!(
        counts(&docs),
        vec![("زیرساخت".into(), vec![2, 1]), ("Trust".into(), vec![1, 0])]
    );
    // A code chosen by hand counts only itself.
    let one = charts::code_bars(&s.p, &[s.a], &By::Group, CountUnit::Coding).expect("a");
    assert_eq!(counts(&one), vec![("اینترنت کند".into(), vec![2, 0])]);
    assert!(
        charts::code_bars(&s.p, &cats, &By::Variable("age".into()), CountUnit::Coding).is_err()
    );

    // Two categories of one colour: the second takes a colour of its own,
    // or the chart could not be read.
    let mut same = study();
    same.p.codes.get_mut(&same.c2).expect("C2").color = "#FF0000".into();
    let both = [same.c1, same.c2];
    let bars = charts::code_bars(&same.p, &both, &By::Group, CountUnit::Coding).expect("bars");
    assert_eq!(bars.series[0].key.color, "#ff0000");
    assert_ne!(bars.series[1].key.color.to_lowercase(), "#ff0000");
}

#[test]
fn a_portrait_colours_each_tile_by_the_codes_on_its_text() {
    let s = study();
    // 39 chars in 13 tiles: 3 chars a tile.
    let pt = charts::portrait(&s.p, s.d1, 13, 5).expect("D1");
    assert_eq!(pt.tiles.len(), 13);
    assert_eq!(pt.tiles[12].range, CharRange::new(36, 39));
    let names: Vec<&str> = pt.keys.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, vec!["اینترنت کند", "گرانی", "distrust"]);
    // a (10–19) on tiles 3–6, b (15–29) on 5–9, d (30–39) on 10–12.
    let tiles: Vec<Vec<usize>> = pt.tiles.iter().map(|t| t.codes.clone()).collect();
    let (e, a, ab, b, d) = (vec![], vec![0], vec![0, 1], vec![1], vec![2]);
    assert_eq!(
        tiles,
        vec![
            e.clone(),
            e.clone(),
            e,
            a.clone(),
            a,
            ab.clone(),
            ab,
            b.clone(),
            b.clone(),
            b,
            d.clone(),
            d.clone(),
            d
        ]
    );
    assert!(charts::portrait(&s.p, DocId::new(), 13, 5).is_none());
}

/// A mark as (key, first line, last line, from, to).
type MarkRow = (usize, usize, usize, f64, f64);

#[test]
fn a_codeline_places_each_coding_along_its_interview() {
    let s = study();
    let cl = charts::codeline(&s.p, &[s.a, s.c2]);
    let marks: Vec<(String, Vec<MarkRow>)> = cl
        .documents
        .iter()
        .map(|d| {
            (
                d.name.clone(),
                d.marks
                    .iter()
                    .map(|m| (m.key, m.first_line, m.last_line, m.from, m.to))
                    .collect(),
            )
        })
        .collect();
    // a: D1 line 2 of 4, D2 line 1 of 2; C2 (through d): D1 line 4 of 4.
    // D3 has neither and still has its row.
    assert_eq!(
        marks,
        vec![
            (
                "D1".into(),
                vec![(0, 2, 2, 0.25, 0.5), (1, 4, 4, 0.75, 1.0)]
            ),
            ("D2".into(), vec![(0, 1, 1, 0.0, 0.5)]),
            ("D3".into(), vec![]),
        ]
    );
}

fn words(title: &str) -> Words {
    Words {
        title: title.into(),
        x_label: "گروه".into(),
        y_label: "کدگذاری‌ها".into(),
        persian: true,
    }
}

#[test]
fn figures_are_xml_with_persian_names_exact_and_right_to_left() {
    let s = study();
    let cats = charts::default_codes(&s.p);
    let bars = charts::code_bars(&s.p, &cats, &By::Group, CountUnit::Coding).expect("bars");
    let svg = bars_svg(&bars, &words("کدها <و> گروه‌ها & «مقوله‌ها»"));
    // The same data, the same bytes.
    assert_eq!(svg, bars_svg(&bars, &words("کدها <و> گروه‌ها & «مقوله‌ها»")));
    let root = parse(&svg);
    assert_eq!(root.name, "svg");
    assert!(root.attr("font-family").starts_with("Vazirmatn"));
    let texts = root.find("text");
    let persian = texts
        .iter()
        .find(|t| t.text == "زیرساخت")
        .expect("the category's name, exactly, as one text element");
    assert_eq!(persian.attr("direction"), "rtl");
    assert_eq!(persian.attr("unicode-bidi"), "embed");
    // The legend of Persian names is set on the right: an rtl text's
    // start is its right edge.
    assert_eq!(persian.attr("text-anchor"), "start");
    let trust = texts.iter().find(|t| t.text == "Trust").expect("Trust");
    assert_eq!(trust.attr("direction"), "", "Latin text is left as it is");
    assert!(
        texts
            .iter()
            .any(|t| t.text == "کدها <و> گروه‌ها & «مقوله‌ها»")
    );
    assert!(texts.iter().any(|t| t.text == "تهران"));
    // Persian digits on the axis.
    assert!(texts.iter().any(|t| t.text == "۳"));
    let bars_drawn = root.find("rect");
    assert!(bars_drawn.iter().any(|r| r.attr("fill") == "#ff0000"));

    let pt = charts::portrait(&s.p, s.d1, 13, 5).expect("D1");
    let psvg = portrait_svg(&pt, false, &words("D1"));
    let proot = parse(&psvg);
    let fills: Vec<&str> = proot.find("rect").iter().map(|r| r.attr("fill")).collect();
    // White ground, 3 uncoded tiles, 2 + 2×2 + 3 + 3 code stripes, 3 legend swatches.
    assert_eq!(fills.iter().filter(|f| **f == UNCODED).count(), 3);
    assert_eq!(fills.iter().filter(|f| **f == "#00aa00").count(), 4 + 1);
    assert!(proot.find("text").iter().any(|t| t.text == "اینترنت کند"));

    let cl = charts::codeline(&s.p, &[s.a, s.c2]);
    let csvg = codeline_svg(&cl, &words("خط کد"));
    let croot = parse(&csvg);
    assert!(croot.find("text").iter().any(|t| t.text == "D3"));
    assert!(croot.find("text").iter().any(|t| t.text == "۵۰٪"));
}

#[test]
fn a_png_is_drawn_at_print_resolution_and_shows_the_chart() {
    let s = study();
    let cats = charts::default_codes(&s.p);
    let bars = charts::code_bars(&s.p, &cats, &By::Group, CountUnit::Coding).expect("bars");
    let svg = bars_svg(&bars, &words("کدها"));
    let root = parse(&svg);
    let w: f32 = root.attr("width").parse().expect("width");
    let h: f32 = root.attr("height").parse().expect("height");
    let png = figure_png(&svg).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    let mut reader = decoder.read_info().expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("PNG pixels");
    assert_eq!(info.width, (w * 300.0 / 96.0).round() as u32);
    assert_eq!(info.height, (h * 300.0 / 96.0).round() as u32);
    let px = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    // C1's red bars, and dark text (the labels are drawn: fonts loaded).
    let red = pixels
        .iter()
        .filter(|p| p[0] > 240 && p[1] < 20 && p[2] < 20)
        .count();
    assert!(red > 1000, "red bar pixels: {red}");
    let dark = pixels
        .iter()
        .filter(|p| p[0] < 60 && p[1] < 60 && p[2] < 60)
        .count();
    assert!(dark > 500, "text pixels: {dark}");
    assert!(
        figure_png("<svg").is_err(),
        "not an SVG: an error, not a panic"
    );
}

#[test]
fn a_codelines_marks_are_drawn_as_runs_per_key() {
    let line = charts::Line {
        document: DocId::new(),
        name: "d".into(),
        lines: 10,
        marks: [
            (0, 0.0, 0.1),
            (0, 0.1, 0.3),
            (1, 0.2, 0.4),
            (0, 0.5, 0.5),
            (0, 0.2, 0.25),
            (1, 0.6, 0.7),
            (1, 0.705, 0.8),
            (1, 0.9, 1.0),
        ]
        .into_iter()
        .map(|(key, from, to)| charts::Mark {
            key,
            range: CharRange::new(0, 1),
            first_line: 1,
            last_line: 1,
            from,
            to,
        })
        .collect(),
    };
    // Touching and overlapping marks of a key are one run, and so are
    // marks less than the least width apart; another key's are apart; an
    // empty mark is drawn at its least width.
    assert_eq!(
        line.runs(2, 0.01),
        vec![
            vec![(0.0, 0.3), (0.5, 0.51)],
            vec![(0.2, 0.4), (0.6, 0.8), (0.9, 1.0)]
        ]
    );
}

#[test]
fn a_key_with_too_many_runs_has_its_gaps_joined() {
    let mark = |from: f64| charts::Mark {
        key: 0,
        range: CharRange::new(0, 1),
        first_line: 1,
        last_line: 1,
        from,
        to: from,
    };
    let cl = charts::Codeline {
        keys: vec![charts::Key {
            code: CodeId::new(),
            name: "k".into(),
            color: "#000000".into(),
        }],
        documents: vec![charts::Line {
            document: DocId::new(),
            name: "d".into(),
            lines: 10,
            marks: vec![mark(0.0), mark(0.02), mark(0.04), mark(0.5)],
        }],
    };
    assert_eq!(
        cl.runs(0.004, 10)[0][0].len(),
        4,
        "under the cap: as they are"
    );
    // Gaps of 0.016 joined, then of 0.032, 0.064: the first three are one
    // run; 0.5 stays apart (a gap wider than a twentieth of the line).
    let runs = &cl.runs(0.004, 1)[0][0];
    assert_eq!(runs.len(), 2);
    let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(near(runs[0].0, 0.0) && near(runs[0].1, 0.044), "{runs:?}");
    assert!(near(runs[1].0, 0.5), "{runs:?}");
}

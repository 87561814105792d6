//! The text reader survives damaged input: the seed with cells dropped, duplicated, shifted and
//! split never makes it panic, and every cell still ends up in a document or a diagnostic.

mod common;

use jixiao_core::source::Position;
use jixiao_tables::read::is_template_label;
use jixiao_tables::{Diagnostic, Item, read_text};
use proptest::prelude::*;

const SEED: &str = include_str!("../../../samples/ningxia-waishi-2020.txt");

#[derive(Debug, Clone)]
enum Mutation {
    Drop { line: usize, field: usize },
    Duplicate { line: usize, field: usize },
    Shift { line: usize, field: usize },
    Split { line: usize, field: usize, at: usize },
    JoinLines { line: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = || (0usize..130, 0usize..6);
    prop_oneof![
        at().prop_map(|(line, field)| Mutation::Drop { line, field }),
        at().prop_map(|(line, field)| Mutation::Duplicate { line, field }),
        at().prop_map(|(line, field)| Mutation::Shift { line, field }),
        (0usize..130, 0usize..6, 0usize..40).prop_map(|(line, field, at)| Mutation::Split { line, field, at }),
        (0usize..130).prop_map(|line| Mutation::JoinLines { line }),
    ]
}

fn apply(lines: &mut Vec<Vec<String>>, m: &Mutation) {
    let n = lines.len();
    match *m {
        Mutation::Drop { line, field } => {
            let row = &mut lines[line % n];
            if !row.is_empty() {
                let f = field % row.len();
                row.remove(f);
            }
        }
        Mutation::Duplicate { line, field } => {
            let row = &mut lines[line % n];
            if !row.is_empty() {
                let f = field % row.len();
                let cell = row[f].clone();
                row.insert(f, cell);
            }
        }
        Mutation::Shift { line, field } => {
            let row = &mut lines[line % n];
            let f = field % (row.len() + 1);
            row.insert(f, String::new());
        }
        Mutation::Split { line, field, at } => {
            let row = &mut lines[line % n];
            if !row.is_empty() {
                let f = field % row.len();
                let chars: Vec<char> = row[f].chars().collect();
                if chars.len() > 1 {
                    let k = 1 + at % (chars.len() - 1);
                    let (a, b): (String, String) = (chars[..k].iter().collect(), chars[k..].iter().collect());
                    row[f] = a;
                    row.insert(f + 1, b);
                }
            }
        }
        Mutation::JoinLines { line } => {
            let i = line % n;
            if i + 1 < n {
                let next = lines.remove(i + 1);
                lines[i].extend(next);
            }
        }
    }
}

/// A cell's text as the reader keeps it: without blanks, markup, or numbering.
fn normalize(text: &str) -> String {
    let no_markup = text.replace("<p>", "").replace("</p>", "");
    let mut s: String = no_markup.chars().filter(|c| !c.is_whitespace()).collect();
    for prefix in ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)", "(八)"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_owned();
        }
    }
    s
}

/// How a diagnostic quotes a cell: its first characters (messages shorten long cells).
fn quoted(text: &str) -> String {
    normalize(text).chars().take(8).collect()
}

/// Every value the documents hold (never a key): strings normalised as cells are, numbers as
/// exact decimals.
fn placed_values(docs: &[jixiao_core::model::Document]) -> (Vec<String>, Vec<rust_decimal::Decimal>) {
    fn walk(v: &serde_json::Value, texts: &mut Vec<String>, numbers: &mut Vec<rust_decimal::Decimal>) {
        match v {
            serde_json::Value::String(s) => texts.push(normalize(s)),
            serde_json::Value::Number(n) => numbers.extend(n.to_string().parse::<rust_decimal::Decimal>().ok()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, texts, numbers)),
            serde_json::Value::Object(o) => o.values().for_each(|v| walk(v, texts, numbers)),
            _ => {}
        }
    }
    let (mut texts, mut numbers) = (Vec::new(), Vec::new());
    walk(&serde_json::to_value(docs).expect("serialises"), &mut texts, &mut numbers);
    (texts, numbers)
}

/// Whether the cell's text is one of the values placed: inside a string value (a wrapped cell
/// is joined to its neighbour), or the same number as a numeric value.
/// A cell of `<p>` paragraphs or numbered items (部门职责, 绩效目标) is placed when each item
/// is, since the reader lists them one by one.
fn placed(cell: &str, texts: &[String], numbers: &[rust_decimal::Decimal]) -> bool {
    let mut cell = cell.replace("<p>", "\n").replace("</p>", "\n");
    for marker in ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)", "(八)"] {
        cell = cell.replace(marker, "\n");
    }
    // Items are listed without the punctuation that separated them (`……战略，(二)`).
    let separators: &[char] = &['，', ',', '；', ';', '、', '。'];
    cell.split('\n').map(|p| normalize(p).trim_matches(separators).to_owned()).filter(|p| !p.is_empty()).all(|part| {
        texts.iter().any(|t| t.contains(&part))
            || part.replace(',', "").parse::<rust_decimal::Decimal>().is_ok_and(|n| numbers.contains(&n))
    })
}

fn covers(d: &Diagnostic, line: u32) -> bool {
    match (&d.position, &d.until) {
        (Some(Position::Text { line: a, .. }), Some(Position::Text { line: b, .. })) => (*a..=*b).contains(&line),
        _ => false,
    }
}

/// Reads the seed damaged by `mutations` and checks that every cell is placed or reported.
fn damaged_seed_loses_no_cell(mutations: &[Mutation]) -> Result<(), TestCaseError> {
    let mut lines: Vec<Vec<String>> = SEED.lines().map(|l| l.split('\t').map(str::to_owned).collect()).collect();
    for m in mutations {
        apply(&mut lines, m);
    }
    let text: String = lines.iter().map(|row| row.join("\t") + "\n").collect();
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    for item in read_text("mutated.txt", std::io::Cursor::new(text.clone().into_bytes())).expect("opens") {
        match item.expect("in-memory text cannot fail to read") {
            Item::Document(d) => docs.push(d.document),
            Item::Diagnostic(d) => diags.push(d),
        }
    }
    let (texts, numbers) = placed_values(&docs);
    let messages: String =
        diags.iter().map(|d| d.message.as_str()).collect::<String>().chars().filter(|c| !c.is_whitespace()).collect();
    for (i, row) in lines.iter().enumerate() {
        let line = i as u32 + 1;
        for cell in row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
            let accounted = is_template_label(cell)
                || placed(cell, &texts, &numbers)
                || messages.contains(&quoted(cell))
                || diags.iter().any(|d| covers(d, line));
            prop_assert!(
                accounted,
                "line {} cell {:?} is in no document and no diagnostic\n{:?}",
                line,
                cell,
                mutations
            );
        }
    }
    Ok(())
}

/// 300 cases on every run, or as many as `PROPTEST_CASES` asks for a longer search
/// (`ProptestConfig::with_cases` alone would ignore it).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn damaged_seed_never_panics_and_loses_no_cell(mutations in prop::collection::vec(mutation(), 1..12)) {
        damaged_seed_loses_no_cell(&mutations)?;
    }
}

/// Found by the property above: a 三级 cell lost, the next line's `大于10人` joined on, was read
/// as a name `大于` with the target `10人`.
#[test]
fn a_target_in_the_name_column_is_not_cut_after_its_comparator() {
    let mutations = [Mutation::Drop { line: 114, field: 3 }, Mutation::JoinLines { line: 113 }];
    damaged_seed_loses_no_cell(&mutations).unwrap();
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut runner = proptest::test_runner::TestRunner::new(config());
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..2000), |bytes| {
            for item in read_text("bytes.txt", std::io::Cursor::new(bytes)).expect("opens") {
                let _ = item;
            }
            Ok(())
        })
        .expect("no panic");
}

/// A department's projects published as prose under bracketed headings (held-out table 33).
const BRACKETED: &str = include_str!("../../../fixtures/heldout/33_huangshan-gongan-xueliang-jifang-mubiao.txt");

/// A line operation on a text: drop, duplicate or split a line, or join it to the next.
fn line_mutation() -> impl Strategy<Value = (u8, usize, usize)> {
    (0u8..4, 0usize..200, 0usize..30)
}

#[test]
fn damaged_bracketed_prose_never_panics_nor_invents_indicators() {
    // Lines dropped, repeated, split or joined never make the reader panic, and it reads no more
    // indicators than the damaged text has numbered indicator lines with a level heading above.
    let mut runner = proptest::test_runner::TestRunner::new(config());
    runner
        .run(&prop::collection::vec(line_mutation(), 1..12), |mutations| {
            let mut lines: Vec<String> = BRACKETED.lines().map(str::to_owned).collect();
            for (op, at, cut) in mutations {
                let i = at % lines.len();
                match op {
                    0 => {
                        lines.remove(i);
                    }
                    1 => lines.insert(i, lines[i].clone()),
                    2 => {
                        let chars: Vec<char> = lines[i].chars().collect();
                        let cut = cut.min(chars.len());
                        let (a, b) = (chars[..cut].iter().collect(), chars[cut..].iter().collect());
                        lines[i] = a;
                        lines.insert(i + 1, b);
                    }
                    _ if i + 1 < lines.len() => {
                        let next = lines.remove(i + 1);
                        lines[i].push_str(&next);
                    }
                    _ => {}
                }
                if lines.is_empty() {
                    lines.push(String::new());
                }
            }
            let text = lines.join("\n");
            let numbered = lines.iter().filter(|l| l.trim().starts_with("指标")).count();
            let mut read = 0;
            for item in read_text("damaged.txt", std::io::Cursor::new(text.into_bytes())).expect("opens") {
                if let Item::Document(d) = item.expect("in-memory text cannot fail to read") {
                    read += d.document.indicators.len();
                }
            }
            prop_assert!(read <= numbered, "{read} indicators read from {numbered} numbered lines");
            Ok(())
        })
        .expect("no panic, no invented indicator");
}

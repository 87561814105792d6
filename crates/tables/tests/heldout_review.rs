//! The review measured end to end on real web tables: each held-out table of `fixtures/heldout`
//! is read and reviewed as `jixiao review` and `jixiao import` do, and every error and warning
//! is looked up in the table's `*.findings.tsv`, where each was judged by hand against the
//! published text (not against what jixiao read): `true` when the table has that problem,
//! `false` when it does not (mostly a misreading the review then reports as the table's fault),
//! `unjudged` when the excerpt stops before the part concerned. The test prints the findings'
//! precision, fails below the floor, and fails on any finding nobody has judged, so that the
//! figure stays a measurement: a change that makes new findings must have them judged.

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::{read_page, repo, text_inputs};
use jixiao_core::report::Origin;
use jixiao_core::review::{Reviewer, Severity};
use jixiao_tables::{IntakeError, reviewed};

/// What the review reached on the held-out tables when they were last judged; the test fails
/// below it. (The third batch brought four findings no rule can avoid: a copy that masked the
/// department, the implementer and some figures with `****`, which the placeholder rule takes
/// for a template's, as a reader of that copy would. The fourth brought two misreadings not
/// yet mended: a 满意度 row cut by the excerpt, a task block's total read a column off. The
/// eighth, 112–122, brought eight false findings, all of tables whose indicator rows were not
/// read and so reported missing (113, 115, 119's 年度目标), which took precision from 0.952 to
/// 0.909; once an indicator header or row the reader cannot take leaves the reading vouching for
/// no kind of indicator being absent, they were gone, and precision back at 0.950. The ninth,
/// 123–132, came in at 4 true and 2 false; with 125's 社会效益 block read under its own 一级, a
/// satisfaction 二级 counted wherever it stands, and 06's and 119's misreadings mended, 0.972.)
const PRECISION_FLOOR: f64 = 0.96;

/// A finding as it is judged: the document's label, the rule, the indicator's name (empty for
/// the table as a whole) and the message.
type Key = (String, String, String, String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    True,
    False,
    Unjudged,
}

/// The verdicts of a `*.findings.tsv`:
/// `document<TAB>rule<TAB>indicator<TAB>message<TAB>verdict<TAB>why` a line.
fn verdicts(stem: &str, text: &str) -> BTreeMap<Key, Verdict> {
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "{stem}.findings.tsv:{}: six fields", n + 1);
        assert!(!f[5].trim().is_empty(), "{stem}.findings.tsv:{}: every verdict says why", n + 1);
        let verdict = match f[4] {
            "true" => Verdict::True,
            "false" => Verdict::False,
            "unjudged" => Verdict::Unjudged,
            other => panic!("{stem}.findings.tsv:{}: verdict {other:?}", n + 1),
        };
        out.insert((f[0].to_owned(), f[1].to_owned(), f[2].to_owned(), f[3].to_owned()), verdict);
    }
    out
}

/// The errors and warnings the review makes on a file's documents, as `jixiao import` reviews
/// them (the reader's own diagnostics are not findings of the review).
fn findings(path: &std::path::Path) -> Vec<Key> {
    let name = path.display().to_string();
    let items = read_page(path);
    let reviewer = Reviewer::default();
    let docs = match reviewed(&name, items, |d, s| reviewer.review(d, Some(s)), |_| {}) {
        Ok(docs) => docs,
        Err(IntakeError::NoTables(_)) => return Vec::new(),
        Err(e) => panic!("{e}"),
    };
    let mut keys = Vec::new();
    for d in docs {
        for f in &d.report.findings {
            if f.origin != Origin::Review || f.severity == Severity::Info {
                continue;
            }
            let indicator = f.indicator.as_ref().map(|i| i.name.clone()).unwrap_or_default();
            let key = (d.document.label().to_owned(), f.rule.clone(), indicator, f.message.clone());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

#[test]
fn held_out_tables_get_few_false_findings() {
    let dir = repo().join("fixtures/heldout");
    let inputs = text_inputs(&dir);
    assert!(inputs.len() >= 50, "the held-out tables are there ({} found)", inputs.len());
    let (mut right, mut wrong, mut unjudged, mut gone_right) = (0, 0, 0, 0);
    // Per rule: (true, false).
    let mut by_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut report = String::new();
    let mut not_judged = String::new();
    for input in &inputs {
        let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let judged = verdicts(&stem, &fs::read_to_string(input.with_extension("findings.tsv")).unwrap_or_default());
        let got = findings(input);
        for key in &got {
            match judged.get(key) {
                Some(Verdict::True) => {
                    right += 1;
                    by_rule.entry(key.1.clone()).or_default().0 += 1;
                }
                Some(Verdict::False) => {
                    wrong += 1;
                    by_rule.entry(key.1.clone()).or_default().1 += 1;
                    report.push_str(&format!("  {stem}: 误报 {} {} {}\n", key.1, key.2, key.3));
                }
                Some(Verdict::Unjudged) => unjudged += 1,
                None => not_judged.push_str(&format!("{stem}\t{}\t{}\t{}\t{}\n", key.0, key.1, key.2, key.3)),
            }
        }
        // A true finding no longer made is a loss of what the review found, worth seeing.
        for (key, verdict) in &judged {
            if *verdict == Verdict::True && !got.contains(key) {
                gone_right += 1;
                report.push_str(&format!("  {stem}: 不再报出 (原判为真) {} {} {}\n", key.1, key.2, key.3));
            }
        }
    }
    let precision = right as f64 / (right + wrong).max(1) as f64;
    for (rule, (t, f)) in &by_rule {
        report.push_str(&format!("{rule}: {t} true, {f} false\n"));
    }
    println!(
        "{report}findings: {right} true, {wrong} false, {unjudged} unjudged; precision {precision:.3}; \
         {gone_right} judged true no longer made"
    );
    assert!(
        not_judged.is_empty(),
        "findings nobody has judged (add each to its table's .findings.tsv with a verdict and why):\n{not_judged}"
    );
    assert!(precision >= PRECISION_FLOOR, "held-out review precision fell below {PRECISION_FLOOR}: {precision:.3}");
}

//! Indicator precision and recall of the text reader over real tables it was not built on:
//! `fixtures/heldout`, collected from the web after the reader was written, each with the
//! indicators a careful reader takes from it, written by hand before jixiao was run on it.
//! Unlike `fixtures/wild`, these tables are not all read right, and the test does not require
//! them to be: it reports where the reader stands on tables it has not seen, and fails if that
//! falls below what was reached (precision first: an invented indicator costs more than one
//! left unread and reported).

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::{IndicatorKey, Tally, as_json, indicator_keys, read_page, repo, text_inputs};
use jixiao_core::{Horizon, levels, readings, script};
use jixiao_tables::{Item, ReadDocument};

/// What the reader reached on the held-out tables when they were last looked at; the test fails
/// below it, so that a change which reads them worse is seen. (The fifth batch, 85–91, came in
/// at 0 of its 13 indicators, which put all 91 tables at 0.650 before it was worked on; the
/// mirror copies with pinyin readings, 09/21/27/80, took recall from 0.675 to 0.718; the sixth,
/// 92–99, came in at 0.875 / 0.660; the spaced sheet of projects, 35, took recall from 0.743 to
/// 0.776; 遂宁's self-evaluation, 38, whose 分值 column kept only its points, took it to 0.796;
/// rows of bars copied without their header, 63 and part of 86, to 0.817. The seventh batch,
/// 100–111, came in at 0.962 / 0.403 (25 of 62) with the reader before those two changes, and
/// all 111 stood at 0.987 / 0.766 with them. The eighth batch, 112–122, came in at 0.619 / 0.200
/// (13 of 21 read right, 13 of 65 wanted), which took all 122 tables to 0.974 / 0.720: seven of
/// its eight wrong readings are 温泉县's 一级 `项目完成`, which its want file keeps as published
/// and the reader names 产出指标. Then 温泉县's `项目完成` kept as the 一级 and a weight moved into
/// the 度量单位 column reported, not read as the unit, took all 122 to 0.993 / 0.733, and a 序号
/// column before the indicator columns (120) to 0.758. The ninth batch, 123–132, came in at
/// 0.714 / 0.385 (10 of 14 read right, 10 of 26 wanted), which took all 132 tables to 0.985 /
/// 0.742 (445 of 452, 445 of 600): its four wrong readings are 慈溪's 社会效益 rows, whose block
/// has no 一级 cell, named 产出指标 after the block above. With that block's 一级 inferred from its
/// 二级, and 113's 一级 set a character a line, all 132 read 0.993 / 0.755; after that evening's
/// work on the eighth and ninth batches (outlines in prose, 114's self-evaluation), 0.996 / 0.795;
/// with 102's spaced self-evaluation, its values placed by kind, 0.996 / 0.810. The tenth batch,
/// 133–142, came in at nothing read (0 of its 20 indicators, none invented on its seven probes),
/// which took all 142 tables to 0.996 / 0.784 (486 of 488, 486 of 620): a sample 申报表 run
/// together across a page marker, and two outlines in prose whose items part at no comparator.)
const PRECISION_FLOOR: f64 = 0.99;
const RECALL_FLOOR: f64 = 0.78;

/// The batches the tables were collected in, each with the number of its last table (the
/// number a stem starts with): the later a batch, the less the reader was shaped by its tables
/// (fixtures/heldout/README.md).
const BATCHES: [(&str, u32); 10] = [
    ("01-32", 32),
    ("33-50", 50),
    ("51-70", 70),
    ("71-84", 84),
    ("85-91", 91),
    ("92-99", 99),
    ("100-111", 111),
    ("112-122", 122),
    ("123-132", 132),
    ("133-142", 142),
];

/// The batch a table was collected in, by the number its stem starts with (`100_…` comes after
/// `99_…`, which as text it would not).
fn batch_of(stem: &str) -> usize {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    let number: u32 = stem[..digits].parse().unwrap_or(u32::MAX);
    BATCHES.iter().position(|&(_, last)| number <= last).unwrap_or(BATCHES.len())
}

/// The indicators a `*.want.tsv` names: `一级<TAB>二级<TAB>三级<TAB>指标值` a line. The pinyin
/// readings a mirror site printed after characters (`經(jīng)費`), which the want files of
/// such copies keep as the page gave them, are not the table's: the reader takes them out, and
/// so does the comparison.
fn wanted(text: &str) -> BTreeMap<IndicatorKey, usize> {
    let mut keys = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut f = line.split('\t').map(|s| readings::strip(s.trim()).map_or_else(|| s.trim().to_owned(), |r| r.0));
        let mut next = || f.next().unwrap_or_default();
        *keys.entry((next(), next(), next(), next())).or_insert(0) += 1;
    }
    keys
}

/// The keys with their levels by canonical name, as the want files write them (`產出指標` and
/// `产出` are 产出指标); a level no standard name fits stays as published.
fn by_canonical_levels(keys: BTreeMap<IndicatorKey, usize>) -> BTreeMap<IndicatorKey, usize> {
    let simplified = |text: &str| script::Script::default().simplify(text);
    let mut canonical = BTreeMap::new();
    for ((level1, level2, name, target), n) in keys {
        let level1 = match levels::Level1::from_name(&simplified(&level1)) {
            Some(l) => l.name().to_owned(),
            None => level1,
        };
        let level2 = match levels::Level2::from_name(&simplified(&level2)) {
            Some(l) => l.name().to_owned(),
            None => level2,
        };
        *canonical.entry((level1, level2, name, target)).or_insert(0) += n;
    }
    canonical
}

/// The documents read from a table's page; an item the reader gives up on (an error, as
/// `jixiao convert` reports it) adds none.
fn documents(path: &std::path::Path) -> Vec<ReadDocument> {
    read_page(path)
        .filter_map(|item| match item {
            Ok(Item::Document(d)) => Some(*d),
            _ => None,
        })
        .collect()
}

/// How many mid-term indicators repeat one of the year's, by key: a 申报表 of 财预〔2015〕88号
/// gives its indicators for the mid term and for the year side by side, mostly alike, and a
/// table of funds that span years gives each indicator's target for the period beside the
/// year's (周期指标值 | 本年度指标值). Some want files list such an indicator once, for the year,
/// others once for each horizon: a mid-term indicator with a year indicator's levels and name
/// counts as read only as far as the want file lists it.
fn repeated_for_the_mid_term(docs: &[ReadDocument]) -> BTreeMap<IndicatorKey, usize> {
    let mut repeated = BTreeMap::new();
    for d in docs {
        let key =
            |i: &jixiao_core::Indicator| (i.level1.to_string(), i.level2.to_string(), i.name.clone(), i.target.clone());
        let (long, year): (Vec<_>, Vec<_>) =
            d.document.indicators.iter().partition(|i| i.horizon == Some(Horizon::LongTerm));
        let year: Vec<IndicatorKey> = year.into_iter().map(key).collect();
        let named_for_the_year = |k: &IndicatorKey| year.iter().any(|y| (&y.0, &y.1, &y.2) == (&k.0, &k.1, &k.2));
        for k in long.into_iter().map(key).filter(named_for_the_year) {
            *repeated.entry(k).or_insert(0) += 1;
        }
    }
    by_canonical_levels(repeated)
}

#[test]
fn held_out_tables_are_read_without_invented_indicators() {
    let dir = repo().join("fixtures/heldout");
    let inputs = text_inputs(&dir);
    assert!(inputs.len() >= 50, "the held-out tables are there ({} found)", inputs.len());
    let mut tally = Tally::default();
    // Read, wanted and right indicators of each batch, in the order they were collected.
    let mut batches: BTreeMap<usize, (usize, usize, usize)> = BTreeMap::new();
    for input in &inputs {
        let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let want =
            by_canonical_levels(wanted(&fs::read_to_string(input.with_extension("want.tsv")).expect("a want file")));
        let docs = documents(input);
        let mut got = by_canonical_levels(indicator_keys(&as_json(&docs)));
        // A mid-term indicator that repeats the year's is no invented one: where the want file
        // lists the year's alone, it is not counted.
        for (k, extra) in repeated_for_the_mid_term(&docs) {
            let wanted = want.get(&k).copied().unwrap_or(0);
            if let Some(n) = got.get_mut(&k) {
                *n = (*n).saturating_sub(extra).max(wanted.min(*n));
            }
        }
        let right = tally.add(&stem, &got, &want);
        let b = batches.entry(batch_of(&stem)).or_default();
        b.0 += got.values().sum::<usize>();
        b.1 += want.values().sum::<usize>();
        b.2 += right;
    }
    let summary = tally.summary();
    println!("{summary}");
    for (&batch, (read, want, right)) in &batches {
        let batch = BATCHES.get(batch).map_or("?", |(name, _)| name);
        let (p, r) = (*right as f64 / (*read).max(1) as f64, *right as f64 / (*want).max(1) as f64);
        println!("batch {batch}: precision {p:.3} ({right}/{read}), recall {r:.3} ({right}/{want})");
    }
    assert!(tally.precision() >= PRECISION_FLOOR, "held-out precision fell below {PRECISION_FLOOR}:\n{summary}");
    assert!(tally.recall() >= RECALL_FLOOR, "held-out recall fell below {RECALL_FLOOR}:\n{summary}");
}

//! A deterministic corpus of self-evaluation tables (自评表) for the scoring benchmark: the
//! scoring fixtures (a real 池州 table pair and one with wrong scores) copied with varied
//! targets and actuals, so that every formula is taken.

use jixiao_core::Document;
use jixiao_core::Stated;
use jixiao_core::model::documents_from_json;

const REAL: &str = include_str!("../../../fixtures/scoring/chizhou-tangxi-2022.json");
const WRONG: &str = include_str!("../../../fixtures/scoring/wrong-scores.json");

/// (target, actual) pairs swapped in: floors met and missed, a fraction against a percentage,
/// ceilings in other units, ranges, compound targets, deadlines, bands, unscorable actuals.
const VARIANTS: &[(&str, &str)] = &[
    ("≥90%", "95%"),
    ("≥90%", "0.85"),
    ("≤28.8万元", "30万元"),
    ("≤28.8万元", "250000元"),
    ("90%-95%", "93%"),
    ("大于10个团组，80人次", "8个团组，85人次"),
    ("2021年12月底前", "2022年1月15日"),
    ("2021年12月底前", "按时完成"),
    ("效果明显", "部分达成年度指标并具有一定效果"),
    ("≥50人", "较好"),
    ("≥50人", ""),
    ("100%", "100%"),
];

/// `copies` copies of the three fixture tables, about 9 indicators each, half varied.
pub fn scoring_corpus(copies: usize) -> Vec<Document> {
    let mut seed = documents_from_json(REAL).expect("the fixture reads");
    seed.extend(documents_from_json(WRONG).expect("the fixture reads"));
    let mut rng = super::Rng(0x5c0e);
    let mut docs = Vec::with_capacity(seed.len() * copies);
    for copy in 0..copies {
        for doc in &seed {
            let mut doc = doc.clone();
            if let Some(p) = doc.project.as_mut() {
                p.name = format!("{}{copy}", p.name);
            }
            for ind in &mut doc.indicators {
                if rng.below(2) == 0 {
                    let (t, a) = VARIANTS[rng.below(VARIANTS.len())];
                    ind.target = t.to_owned();
                    ind.actual = Some(a.to_owned());
                    // The table's own score was for the old actual: left blank, as when a
                    // table is scored before publishing, so that only the fixture's
                    // deliberate errors are reported.
                    ind.score = Stated::Blank;
                }
            }
            docs.push(doc);
        }
    }
    docs
}

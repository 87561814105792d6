//! A table's lights and scores as the pages and the API show them: jixiao-core's monitoring and
//! scoring with the application's profile (the built-in 10号 one), and their JSON.

use jixiao_core::Document;
use jixiao_core::elements::{ElementId, Elements};
use jixiao_core::monitoring::{MonitoringReport, has_monitoring, monitor};
use jixiao_core::scoring::{DocumentScore, Place, Profile, ROUNDING, Weight, has_actuals, score_document};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The table's lights at the month its data runs to, when it has monitoring data.
pub fn lights(doc: &Document, profile: &Profile) -> Option<MonitoringReport> {
    has_monitoring(doc).then(|| monitor(doc, None, &profile.lights))
}

/// The table's scores with their working, when it has actuals.
pub fn scores(doc: &Document, profile: &Profile) -> Option<DocumentScore> {
    has_actuals(doc).then(|| score_document(doc, profile))
}

/// A figure as a JSON number with the decimals it has (`4.00` stays exact in the text).
pub fn number(d: Decimal) -> Value {
    d.to_string().parse::<serde_json::Number>().map(Value::Number).unwrap_or(Value::Null)
}

/// Two decimals, as the reports round.
pub fn two(d: Decimal) -> Decimal {
    let mut r = jixiao_core::scoring::round(d);
    r.rescale(2);
    r
}

/// Where in a table a discrepancy is, in words.
pub fn place_label(doc: &Document, place: Place) -> String {
    match place {
        Place::Indicator(i) => {
            format!("第 {} 个指标“{}”", i + 1, doc.indicators.get(i).map(|x| x.name.as_str()).unwrap_or(""))
        }
        Place::Execution => "预算执行".to_owned(),
        Place::Total => "总分".to_owned(),
        Place::Grade => "等级".to_owned(),
    }
}

/// The identity of `doc`'s indicator `i`, where `elements` are `doc`'s (else `null`).
fn indicator_ids<'a>(doc: &Document, elements: &'a Elements) -> impl Fn(usize) -> Option<ElementId> + 'a {
    let fits = elements.fits(doc);
    move |i| if fits { elements.indicator(i) } else { None }
}

/// The lights as JSON: the month, the table's light, execution, each indicator's light and
/// working, the missing causes and the causes given. Each indicator names its identity (`id`)
/// where the stored table's `elements` fit `doc`.
pub fn lights_json(doc: &Document, elements: &Elements, r: &MonitoringReport) -> Value {
    let ids = indicator_ids(doc, elements);
    json!({
        "month": r.month,
        "light": r.light,
        "execution": r.execution,
        "indicators": doc.indicators.iter().zip(&r.indicators).enumerate().map(|(i, (ind, j))| json!({
            "index": i, "id": ids(i), "name": ind.name, "target": ind.target, "light": j.light, "working": j.working,
        })).collect::<Vec<_>>(),
        "findings": r.findings,
        "causes": r.causes,
    })
}

/// The scores as JSON, in the shape of `jixiao score --format json`'s documents: computed and
/// published total and grade, per indicator the computed and published score and the working,
/// and the places where the published figures disagree with the rules.
pub fn scores_json(doc: &Document, elements: &Elements, s: &DocumentScore, profile: &Profile) -> Value {
    let se = doc.self_evaluation.as_ref();
    let ids = indicator_ids(doc, elements);
    let opt = |d: Option<Decimal>| d.map(number).unwrap_or(Value::Null);
    json!({
        "profile": profile.name,
        "basis": ROUNDING,
        "computed": {
            "total": number(two(s.total)),
            "grade": s.grade,
            "unscored": s.unscored,
            "execution": s.execution.as_ref().map(|e| json!({
                "rate": number(two(e.rate)), "weight": number(e.weight), "score": number(two(e.score)), "working": e.working,
            })),
        },
        "published": {
            "total": opt(se.and_then(|e| e.total_score).map(|t| t.get())),
            "grade": se.and_then(|e| e.grade.as_deref()),
            "execution_rate": opt(se.and_then(|e| e.execution_rate).map(|r| r.get())),
            "execution_score": opt(se.and_then(|e| e.execution_score).map(|s| s.get())),
        },
        "notes": s.notes,
        "indicators": doc.indicators.iter().zip(&s.indicators).enumerate().map(|(i, (ind, r))| json!({
            "index": i,
            "id": ids(i),
            "name": ind.name,
            "target": ind.target,
            "actual": ind.actual,
            "weight": opt(r.weight.value()),
            "weight_source": match r.weight { Weight::Given(_) => "given", Weight::Split(_) => "split", Weight::Missing(_) => "missing" },
            "method": r.method,
            "met": r.met,
            "computed": opt(r.score.map(two)),
            "published": opt(ind.score.into_given().map(|s| s.get())),
            "working": r.working.to_string(),
            "notes": r.notes,
        })).collect::<Vec<_>>(),
        "discrepancies": s.discrepancies.iter().map(|d| json!({
            "code": d.kind.code(),
            "place": d.place,
            "published": d.published,
            "expected": d.expected,
            "difference": opt(d.difference.map(two)),
            "message": d.message,
        })).collect::<Vec<_>>(),
    })
}

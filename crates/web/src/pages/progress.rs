//! A table's lights and scores on its page: each indicator's light with how it was reached, and
//! each score with its working (`B/A×w = 8/10×5 = 4.00`) beside the score the table states.

use jixiao_core::monitoring::MonitoringReport;
use jixiao_core::scoring::{DocumentScore, ROUNDING, num, points};

use super::*;
use crate::html::light_badge;

/// The monitoring section: the table's light, budget execution, each indicator's light, the
/// causes given and those missing.
pub(crate) fn lights_section(doc: &Document, r: &MonitoringReport) -> String {
    let mut s =
        format!("<h2 id=\"monitoring\">运行监控 (截至 {} 月)</h2><p>整表: {}</p>", r.month, light_badge(r.light));
    if let Some(e) = &r.execution {
        s.push_str(&format!(
            "<p>预算执行: {} <span class=\"working\">{}</span></p>",
            light_badge(e.light),
            esc(&e.working)
        ));
    }
    s.push_str(
        "<table class=\"list\" id=\"lights\"><tr><th>#</th><th>三级指标</th><th>指标值</th><th>1–N月完成</th>\
         <th>全年预计</th><th>灯</th><th>判断依据</th><th>偏差原因</th><th>完成目标可能性</th></tr>",
    );
    for (i, (ind, j)) in doc.indicators.iter().zip(&r.indicators).enumerate() {
        let m = ind.monitoring.clone().unwrap_or_default();
        let cause = match (m.cause, ind.deviation_cause.as_deref()) {
            (Some(c), Some(t)) => format!("{}: {}", c.label(), esc(t)),
            (Some(c), None) => c.label().to_owned(),
            (None, Some(t)) => esc(t),
            (None, None) => String::new(),
        };
        s.push_str(&format!(
            "<tr id=\"light-{i}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"working\">{}</td><td>{cause}</td><td>{}</td></tr>",
            i + 1,
            esc(&ind.name),
            esc(&ind.target),
            esc(m.actual_to_date.as_deref().unwrap_or("")),
            esc(m.forecast.as_deref().unwrap_or("")),
            light_badge(j.light),
            esc(&j.working),
            m.likelihood.map(|l| l.label()).unwrap_or("")
        ));
    }
    s.push_str("</table>");
    if !r.findings.is_empty() {
        s.push_str("<h3>缺少偏差原因</h3><ul>");
        for f in &r.findings {
            s.push_str(&format!("<li class=\"warning\">{}</li>", esc(&f.message)));
        }
        s.push_str("</ul>");
    }
    s
}

/// The scoring section: each indicator's computed score with its working beside the stated
/// one, budget execution, total and grade, notes, and the disagreements.
pub(crate) fn scores_section(doc: &Document, sc: &DocumentScore, profile: &jixiao_core::scoring::Profile) -> String {
    let se = doc.self_evaluation.as_ref();
    let stated = |d: Option<rust_decimal::Decimal>| d.map(|d| points(d).to_string()).unwrap_or_default();
    let mut s = format!(
        "<h2 id=\"scores\">自评得分</h2><p>计算总分 <b id=\"computed-total\">{}</b>, 等级 <b>{}</b>{}{}</p>\
         <p><small>评分方案: {}; {ROUNDING}</small></p>\
         <table class=\"list\" id=\"score-table\"><tr><th>#</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th>\
         <th>分值</th><th>计算得分</th><th>所填得分</th><th>计算过程</th></tr>",
        points(sc.total),
        esc(&sc.grade),
        se.and_then(|e| e.total_score).map(|t| format!("; 所填总分 {}", points(t.get()))).unwrap_or_default(),
        se.and_then(|e| e.grade.as_deref()).map(|g| format!(", 所填等级 {}", esc(g))).unwrap_or_default(),
        esc(&profile.name),
    );
    for (i, (ind, r)) in doc.indicators.iter().zip(&sc.indicators).enumerate() {
        let mut working = esc(&r.working.to_string());
        for n in &r.notes {
            working.push_str(&format!("<br><small class=\"info\">{}</small>", esc(n)));
        }
        s.push_str(&format!(
            "<tr id=\"score-{i}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"working\">{working}</td></tr>",
            i + 1,
            esc(&ind.name),
            esc(&ind.target),
            esc(ind.actual.as_deref().unwrap_or("")),
            r.weight.value().map(|w| num(w).to_string()).unwrap_or_default(),
            r.score.map(|x| points(x).to_string()).unwrap_or_else(|| "—".into()),
            stated(ind.score.into_given().map(|s| s.get())),
        ));
    }
    if let Some(e) = &sc.execution {
        s.push_str(&format!(
            "<tr id=\"score-execution\"><td></td><td>预算执行率</td><td></td><td>{}%</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"working\">{}</td></tr>",
            points(e.rate),
            num(e.weight),
            points(e.score),
            stated(se.and_then(|x| x.execution_score).map(|s| s.get())),
            esc(&e.working)
        ));
    }
    s.push_str("</table>");
    if !sc.notes.is_empty() {
        s.push_str("<ul>");
        for n in &sc.notes {
            s.push_str(&format!("<li class=\"info\">{}</li>", esc(n)));
        }
        s.push_str("</ul>");
    }
    if !sc.discrepancies.is_empty() {
        s.push_str(&format!(
            "<h3>所填得分与计分规则不符 ({} 处)</h3><ul id=\"discrepancies\">",
            sc.discrepancies.len()
        ));
        for d in &sc.discrepancies {
            s.push_str(&format!("<li class=\"error\">{}</li>", esc(&d.message)));
        }
        s.push_str("</ul>");
    }
    s
}

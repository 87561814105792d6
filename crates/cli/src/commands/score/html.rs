//! The HTML report: one self-contained printable page, a table per scored 自评表 with each
//! indicator's working and the disagreements marked. Every value is escaped.

use std::fmt::Write as _;
use std::io::{self, Write};

use jixiao_core::scoring::{Place, Profile, points};

use super::{Scored, basis, totals};

/// Text made safe for HTML content and attributes.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",SimSun,sans-serif;margin:2em}\
table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #444;padding:4px 6px;vertical-align:top;font-size:10.5pt}\
th{background:#eee}.w{color:#555;font-size:9pt}.bad{background:#fde2e2}.num{text-align:right;white-space:nowrap}\
section{page-break-before:always}section:first-of-type{page-break-before:auto}@page{size:A4 landscape;margin:15mm}";

pub fn write(out: &mut impl Write, all: &[Scored], profile: &Profile) -> io::Result<()> {
    let mut h = String::new();
    let t = totals(all);
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>绩效自评评分</title><style>{STYLE}</style></head><body>\
<h1>绩效自评评分</h1><p>共 {} 张表, 评分 {} 张 ({} 个指标): {} 处填报与规则不符。{}</p>",
        t.documents,
        t.scored,
        t.indicators,
        t.discrepancies,
        esc(&basis(profile))
    );
    for s in all {
        let Some(score) = &s.score else { continue };
        let doc = &s.document;
        let se = doc.self_evaluation.as_ref();
        let bad: Vec<usize> = score
            .discrepancies
            .iter()
            .filter_map(|d| if let Place::Indicator(i) = d.place { Some(i) } else { None })
            .collect();
        let _ = write!(
            h,
            "<section><h2>{}</h2><p>{} · {} · 计算总分 <b>{}</b> ({}) · 填报总分 {} ({})</p>\
<table><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>计算得分</th><th>填报得分</th><th>计算过程</th></tr></thead><tbody>",
            esc(doc.label()),
            esc(&s.file),
            esc(doc.kind.label()),
            points(score.total),
            esc(&score.grade),
            se.and_then(|e| e.total_score).map_or("—".to_owned(), |p| points(p).to_string()),
            esc(se.and_then(|e| e.grade.as_deref()).unwrap_or("—")),
        );
        for (i, (ind, r)) in doc.indicators.iter().zip(&score.indicators).enumerate() {
            let class = if bad.contains(&i) { " class=\"bad\"" } else { "" };
            let mut working = esc(&r.working.to_string());
            for n in &r.notes {
                let _ = write!(working, "<br>注: {}", esc(n));
            }
            let _ = write!(
                h,
                "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"w\">{working}</td></tr>",
                esc(&ind.level1),
                esc(&ind.level2),
                esc(&ind.name),
                esc(&ind.target),
                esc(ind.actual.as_deref().unwrap_or("")),
                r.weight.value().map_or("—".to_owned(), |p| points(p).to_string()),
                r.score.map_or("未计分".to_owned(), |p| points(p).to_string()),
                ind.score.into_given().map_or("—".to_owned(), |p| points(p).to_string()),
            );
        }
        if let Some(e) = &score.execution {
            let _ = write!(
                h,
                "<tr><td colspan=\"5\">预算执行率</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"w\">{}</td></tr>",
                points(e.weight),
                points(e.score),
                se.and_then(|e| e.execution_score).map_or("—".to_owned(), |p| points(p).to_string()),
                esc(&e.working)
            );
        }
        h.push_str("</tbody></table>");
        if !score.notes.is_empty() || !score.discrepancies.is_empty() {
            h.push_str("<ul>");
            for n in &score.notes {
                let _ = write!(h, "<li>{}</li>", esc(n));
            }
            for d in &score.discrepancies {
                let _ = write!(h, "<li class=\"bad\">不符[{}]: {}</li>", d.kind.code(), esc(&d.message));
            }
            h.push_str("</ul>");
        }
        h.push_str("</section>");
    }
    h.push_str("</body></html>\n");
    out.write_all(h.as_bytes())
}

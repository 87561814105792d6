//! The text report: per table its computed and published totals and grades, each indicator's
//! score with its working, then every disagreement in compiler style (`file:line:col: 不符[code]`).

use std::io::{self, Write};

use jixiao_core::Stated;
use jixiao_core::scoring::{Place, Profile, Weight, points};

use super::{Scored, basis, totals};

pub fn write(out: &mut impl Write, all: &[Scored], profile: &Profile) -> io::Result<()> {
    for s in all {
        let doc = &s.document;
        let label = doc.label();
        let Some(score) = &s.score else {
            writeln!(out, "{}: {label}: 无实际完成值, 未评分\n", s.file)?;
            continue;
        };
        let se = doc.self_evaluation.as_ref();
        write!(out, "{}: {label} ({}): 计算总分 {} ({})", s.file, doc.kind.label(), points(score.total), score.grade)?;
        match (se.and_then(|e| e.total_score), se.and_then(|e| e.grade.as_deref())) {
            (Some(t), g) => writeln!(out, "; 填报总分 {} ({})", points(t), g.unwrap_or("未填等级"))?,
            (None, Some(g)) => writeln!(out, "; 填报等级 {g}")?,
            (None, None) => writeln!(out)?,
        }
        for (i, (ind, r)) in doc.indicators.iter().zip(&score.indicators).enumerate() {
            let weight = match &r.weight {
                Weight::Given(w) => points(*w).to_string(),
                Weight::Split(w) => format!("{} (平均分配)", points(*w)),
                Weight::Missing(_) => "—".to_owned(),
            };
            let got = r.score.map_or("未计分".to_owned(), |p| points(p).to_string());
            let published = match ind.score {
                Stated::Given(p) => format!(" (填报 {})", points(p)),
                _ => String::new(),
            };
            writeln!(
                out,
                "  [{}] {}/{}/{}  分值 {weight}  指标值 {}  实际 {}  得分 {got}{published}",
                i + 1,
                ind.level1,
                ind.level2,
                ind.name,
                ind.target,
                ind.actual.as_deref().unwrap_or("—")
            )?;
            writeln!(out, "      {}", r.working)?;
            for n in &r.notes {
                writeln!(out, "      注: {n}")?;
            }
        }
        if let Some(e) = &score.execution {
            let published =
                se.and_then(|e| e.execution_score).map_or(String::new(), |p| format!(" (填报 {})", points(p)));
            writeln!(out, "  预算执行: {}{published}", e.working)?;
        }
        for n in &score.notes {
            writeln!(out, "  注: {n}")?;
        }
        for d in &score.discrepancies {
            let position = match d.place {
                Place::Indicator(i) => s.source.indicator(i),
                _ => s.source.document.as_ref(),
            };
            match position {
                Some(p) => write!(out, "{}:{p}: ", s.file)?,
                None => write!(out, "{}: ", s.file)?,
            }
            writeln!(out, "不符[{}]: {label}: {}", d.kind.code(), d.message)?;
        }
        writeln!(out)?;
    }
    let t = totals(all);
    writeln!(
        out,
        "共 {} 张表, 评分 {} 张 ({} 个指标): {} 处填报与规则不符",
        t.documents, t.scored, t.indicators, t.discrepancies
    )?;
    writeln!(out, "{}", basis(profile))
}

//! A table set against the same table of the nearest earlier year in the store: funds,
//! indicators kept, added and dropped, targets raised or lowered, floors under last year's
//! actuals.

use jixiao_core::compare::{Change, Comparison, compare_with_actuals, in_wan};

use super::*;

pub(crate) async fn compare_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    let earlier = crate::earlier::earlier(&state, &u, &t).await.map_err(IntoResponse::into_response)?;
    let s = &t.summary;
    let mut body = format!(
        "<h1>{} <span class=\"badge\">{}</span> 与往年对比</h1><p><a href=\"/tables/{id}\">返回</a></p>",
        esc(&s.project_name),
        stage_label(&s.stage)
    );
    match earlier {
        None => body.push_str(&format!(
            "<p class=\"notice\">库中没有这张表较早年度的版本 (同一部门、同一项目, 预算年度早于 {}): 无可对比。</p>",
            s.year.map_or_else(|| "本表 (本表没有写明年度)".to_owned(), |y| format!("{y} 年"))
        )),
        Some(found) => {
            let e = &found.table;
            let c = compare_with_actuals(&e.document, &t.document, found.actuals.as_ref().map(|a| &a.document));
            body.push_str(&format!(
                "<p>{} 年 (<a href=\"/tables/{}\">第 {} 版</a>{}) → {} 年 (第 {} 版)</p>",
                e.summary.year.map(|y| y.to_string()).unwrap_or_default(),
                e.summary.id,
                e.version,
                if e.summary.stage == s.stage { "" } else { ", 自评表" },
                s.year.map(|y| y.to_string()).unwrap_or_default(),
                t.version
            ));
            if let Some(a) = found.actuals.as_ref().filter(|a| a.summary.id != e.summary.id) {
                body.push_str(&format!(
                    "<p class=\"info\">上年实际完成值取自 <a href=\"/tables/{}\">{} 年自评表</a>。</p>",
                    a.summary.id,
                    a.summary.year.map(|y| y.to_string()).unwrap_or_default()
                ));
            }
            body.push_str(&comparison_html(&c));
        }
    }
    Ok(page("与往年对比", Some(&u), &body))
}

/// The comparison as a summary line and a table of every indicator.
pub(crate) fn comparison_html(c: &Comparison) -> String {
    let mut s = String::new();
    if let Some(f) = &c.funds {
        s.push_str(&format!("<p>年度资金总额: {} 万元 → {} 万元</p>", in_wan(f.before_yuan), in_wan(f.after_yuan)));
    }
    s.push_str(&format!("<p>指标: {}</p>", esc(&c.summary())));
    let year = |y: Option<i32>| y.map(|y| format!("{y} 年")).unwrap_or_default();
    s.push_str(&format!(
        "<table class=\"list\" id=\"comparison\"><tr><th>变化</th><th>一级指标</th><th>二级指标</th><th>三级指标</th>\
         <th>{}指标值</th><th>{}指标值</th><th>说明</th></tr>",
        year(c.year_before),
        year(c.year_after)
    ));
    for i in &c.indicators {
        let mut notes = Vec::new();
        if let Some(a) = i.ambition {
            notes.push(a.label().to_owned());
        }
        if let Some(done) = &i.below_actual {
            notes.push(format!("低于上年实际完成值 {done}"));
        }
        let class = match i.change {
            Change::Same => "same",
            Change::Added => "added",
            Change::Dropped => "dropped",
            _ => "changed",
        };
        s.push_str(&format!(
            "<tr class=\"{class}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i.change.label(),
            esc(&i.level1),
            esc(&i.level2),
            esc(&i.name),
            esc(i.target_before.as_deref().unwrap_or("—")),
            esc(i.target_after.as_deref().unwrap_or("—")),
            esc(&notes.join("; "))
        ));
    }
    s.push_str("</table>");
    s
}

//! The reviewers' overview of monitoring and self-evaluation: every table's light and grade,
//! counted in a server-rendered SVG chart, the departments side by side, the tables off track
//! with their causes, and every place where a 自评表's stated scores disagree with the scoring
//! rules.

use futures_util::TryStreamExt;
use jixiao_core::monitoring::Light;
use jixiao_core::scoring::points;

use super::*;
use crate::html::light_badge;
use crate::progress;

/// At most this many rows per list on the page (the counts cover every table).
const SHOWN: usize = 500;

/// One table with monitoring data.
pub(crate) struct LightRow {
    pub(crate) id: i64,
    pub(crate) status: Status,
    pub(crate) label: String,
    pub(crate) department: String,
    pub(crate) month: u8,
    pub(crate) light: Light,
    pub(crate) causes: Vec<String>,
    pub(crate) missing_causes: usize,
}

/// One table with actuals.
pub(crate) struct ScoreRow {
    pub(crate) id: i64,
    pub(crate) status: Status,
    pub(crate) label: String,
    pub(crate) department: String,
    pub(crate) total: rust_decimal::Decimal,
    pub(crate) grade: String,
    pub(crate) stated_total: Option<rust_decimal::Decimal>,
    pub(crate) stated_grade: Option<String>,
    pub(crate) discrepancies: Vec<(String, jixiao_core::scoring::Discrepancy)>,
}

/// Everything the overview shows.
#[derive(Default)]
pub(crate) struct Overview {
    pub(crate) lights: Vec<LightRow>,
    pub(crate) scores: Vec<ScoreRow>,
    /// Every department's tables side by side, the least quantified first.
    pub(crate) departments: Vec<jixiao_core::compare::DepartmentFigures>,
}

pub(crate) const LIGHTS: [Light; 5] = [Light::Red, Light::Yellow, Light::Green, Light::Blue, Light::Unknown];

impl Overview {
    pub(crate) fn light_counts(&self) -> Vec<(Light, usize)> {
        LIGHTS.iter().map(|l| (*l, self.lights.iter().filter(|r| r.light == *l).count())).collect()
    }

    pub(crate) fn grade_counts(&self, profile: &jixiao_core::scoring::Profile) -> Vec<(String, usize)> {
        profile
            .grades
            .iter()
            .map(|g| (g.grade.clone(), self.scores.iter().filter(|r| r.grade == g.grade).count()))
            .collect()
    }
}

/// Reviewers and administrators see every table; officers have their tables' pages.
pub(crate) fn may_overview(u: &CurrentUser) -> bool {
    matches!(u.user.role, Role::Reviewer | Role::Admin)
}

/// Reads every table of `year` (or all years) and computes its light and scores.
pub(crate) async fn compute(state: &AppState, year: Option<i32>) -> AppResult<Overview> {
    let filter = Filter { year, ..Filter::default() };
    let profile = &state.inner.profile;
    let mut out = Overview::default();
    let mut docs = state.store().documents_with_ids(&filter);
    let mut departments = jixiao_core::compare::DepartmentTally::default();
    while let Some(jixiao_store::StoredDocument { id, status, document: doc }) = docs.try_next().await? {
        departments.add(&doc);
        if let Some(r) = progress::lights(&doc, profile) {
            out.lights.push(LightRow {
                id,
                status,
                label: doc.label().to_owned(),
                department: doc.department.clone(),
                month: r.month,
                light: r.light,
                causes: r.causes,
                missing_causes: r.findings.len(),
            });
        }
        if let Some(s) = progress::scores(&doc, profile) {
            let se = doc.self_evaluation.as_ref();
            out.scores.push(ScoreRow {
                id,
                status,
                label: doc.label().to_owned(),
                department: doc.department.clone(),
                total: s.total,
                grade: s.grade.clone(),
                stated_total: se.and_then(|e| e.total_score).map(|t| t.get()),
                stated_grade: se.and_then(|e| e.grade.clone()),
                discrepancies: s.discrepancies.into_iter().map(|d| (progress::place_label(&doc, d.place), d)).collect(),
            });
        }
    }
    out.lights.sort_by_key(|r| (r.light, r.id));
    out.departments = departments.finish();
    Ok(out)
}

/// Every department's tables side by side: indicators, the share quantified, the tables that
/// state cost and satisfaction indicators, and funds; the least quantified first.
fn departments_html(all: &[jixiao_core::compare::DepartmentFigures], year: Option<i32>) -> String {
    let funds = if year.is_some() { "年度资金总额 (万元)" } else { "资金总额 (万元, 各年合计)" };
    let mut s = format!(
        "<h2>各部门对比</h2><p class=\"info\">目标表 (自评表不重复计入); 量化率: 指标值为数量、区间或日期的指标所占比例, 由低到高排列; \
         成本指标为财预〔2021〕101号所要求。</p><table class=\"list\" id=\"overview-departments\"><tr><th>部门</th><th>表</th>\
         <th>指标</th><th>量化率</th><th>有成本指标的表</th><th>有满意度指标的表</th><th>{funds}</th></tr>",
    );
    for d in all.iter().take(SHOWN) {
        let percent = d.quantified_percent().map(|p| format!("{}%", p.normalize())).unwrap_or_else(|| "—".to_owned());
        s.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{percent}</td><td>{} / {}</td><td>{} / {}</td><td>{}</td></tr>",
            esc(&d.department),
            d.tables,
            d.indicators,
            d.with_cost,
            d.tables,
            d.with_satisfaction,
            d.tables,
            jixiao_core::compare::in_wan(d.funds_yuan)
        ));
    }
    s.push_str("</table>");
    s
}

/// A horizontal bar chart as inline SVG: one bar per category with its count.
pub(crate) fn bar_chart(title: &str, bars: &[(String, usize, &str)]) -> String {
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (90, 260, 26);
    let height = 30 + row_h * bars.len();
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{t}\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{t}</title><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">{t}</text>",
        t = esc(title),
        w = label_w + bar_w + 60
    );
    for (i, (label, count, colour)) in bars.iter().enumerate() {
        let y = 26 + i * row_h;
        let len = bar_w * count / max;
        s.push_str(&format!(
            "<text x=\"0\" y=\"{ty}\" font-size=\"13\">{}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{len}\" height=\"18\" fill=\"{colour}\"/>\
             <text x=\"{tx}\" y=\"{ty}\" font-size=\"13\">{count}</text>",
            esc(label),
            ty = y + 14,
            tx = label_w + len + 6,
        ));
    }
    s.push_str("</svg>");
    s
}

pub(crate) fn light_colour(l: Light) -> &'static str {
    match l {
        Light::Red => "#c62828",
        Light::Yellow => "#f9a825",
        Light::Green => "#2e7d32",
        Light::Blue => "#1565c0",
        Light::Unknown => "#9e9e9e",
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct OverviewQuery {
    pub(crate) year: Option<String>,
}

/// The year asked for: empty is every year; anything else must be a year.
pub(crate) fn year_of(q: &OverviewQuery) -> AppResult<Option<i32>> {
    match q.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        None => Ok(None),
        Some(y) => super::entry::number_text(y)
            .parse()
            .map(Some)
            .map_err(|_| AppError::bad_request(format!("年度“{y}”不是数字"))),
    }
}

pub(crate) async fn overview(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<OverviewQuery>,
) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    if !may_overview(&u) {
        return Err(AppError::forbidden().into_response());
    }
    let year = year_of(&q).map_err(IntoResponse::into_response)?;
    let o = compute(&state, year).await.map_err(IntoResponse::into_response)?;
    let profile = &state.inner.profile;
    let mut body = format!(
        "<h1>监控与评分总览</h1><form method=\"get\" action=\"/overview\"><label>年度 <input type=\"text\" name=\"year\" value=\"{}\" size=\"5\"></label>\
         <button type=\"submit\">筛选</button></form><p class=\"info\">灯与得分按内置评分方案 ({}) 计算; 有监控数据的表 {} 张, 有自评数据的表 {} 张。</p><div class=\"cards\">",
        year.map(|y| y.to_string()).unwrap_or_default(),
        esc(&profile.name),
        o.lights.len(),
        o.scores.len()
    );
    let lights: Vec<(String, usize, &str)> =
        o.light_counts().into_iter().map(|(l, n)| (l.label().to_owned(), n, light_colour(l))).collect();
    body.push_str(&format!("<div class=\"card\" id=\"chart-lights\">{}</div>", bar_chart("各表监控灯", &lights)));
    let grades: Vec<(String, usize, &str)> =
        o.grade_counts(profile).into_iter().map(|(g, n)| (g, n, "#9b1c1c")).collect();
    body.push_str(&format!(
        "<div class=\"card\" id=\"chart-grades\">{}</div></div>",
        bar_chart("自评等级 (按计算总分)", &grades)
    ));

    body.push_str(&departments_html(&o.departments, year));
    body.push_str("<h2>各表监控灯</h2><table class=\"list\" id=\"overview-lights\"><tr><th>灯</th><th>表</th><th>部门</th><th>状态</th><th>截至</th><th>偏差原因</th></tr>");
    for r in o.lights.iter().take(SHOWN) {
        let mut causes: Vec<String> = r.causes.iter().map(|c| esc(c)).collect();
        if r.missing_causes > 0 {
            causes.push(format!("<span class=\"warning\">{} 处未填偏差原因</span>", r.missing_causes));
        }
        body.push_str(&format!(
            "<tr><td>{}</td><td><a href=\"/tables/{}#monitoring\">{}</a></td><td>{}</td><td>{}</td><td>{} 月</td><td>{}</td></tr>",
            light_badge(r.light),
            r.id,
            esc(&r.label),
            esc(&r.department),
            status_badge(r.status),
            r.month,
            causes.join("<br>")
        ));
    }
    body.push_str("</table>");

    body.push_str("<h2>自评得分</h2><table class=\"list\" id=\"overview-scores\"><tr><th>表</th><th>部门</th><th>状态</th><th>计算总分</th><th>等级</th><th>所填总分</th><th>所填等级</th><th>不符处</th></tr>");
    for r in o.scores.iter().take(SHOWN) {
        body.push_str(&format!(
            "<tr><td><a href=\"/tables/{}#scores\">{}</a></td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            r.id,
            esc(&r.label),
            esc(&r.department),
            status_badge(r.status),
            points(r.total),
            esc(&r.grade),
            r.stated_total.map(|t| points(t).to_string()).unwrap_or_default(),
            esc(r.stated_grade.as_deref().unwrap_or("")),
            r.discrepancies.len()
        ));
    }
    body.push_str("</table>");

    let wrong: Vec<(&ScoreRow, &(String, jixiao_core::scoring::Discrepancy))> =
        o.scores.iter().flat_map(|r| r.discrepancies.iter().map(move |d| (r, d))).collect();
    body.push_str(&format!(
        "<h2>所填得分与计分规则不符 ({} 处)</h2><table class=\"list\" id=\"overview-discrepancies\"><tr><th>表</th><th>位置</th><th>所填</th><th>按规则</th><th>差</th><th>说明</th></tr>",
        wrong.len()
    ));
    for (r, (place, d)) in wrong.iter().take(SHOWN) {
        body.push_str(&format!(
            "<tr><td><a href=\"/tables/{}#scores\">{}</a><br><small>{} {}</small></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            r.id,
            esc(&r.label),
            esc(&r.department),
            status_badge(r.status),
            esc(place),
            esc(&d.published),
            esc(&d.expected),
            d.difference.map(|x| points(x).to_string()).unwrap_or_default(),
            esc(&d.message)
        ));
    }
    body.push_str("</table>");
    if o.lights.len() > SHOWN || o.scores.len() > SHOWN || wrong.len() > SHOWN {
        body.push_str(&format!("<p class=\"info\">每个列表只显示前 {SHOWN} 行; 请按年度筛选。</p>"));
    }
    Ok(page("监控与评分总览", Some(&u), &body))
}

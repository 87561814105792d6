//! The list of tables: filters, search, sorting and paging, shared by the public catalogue.

use super::*;

#[derive(Deserialize, Default)]
pub(crate) struct ListQuery {
    pub(crate) year: Option<String>,
    pub(crate) department: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) grade: Option<String>,
    pub(crate) q: Option<String>,
    pub(crate) sort: Option<String>,
    pub(crate) desc: Option<String>,
    pub(crate) page: Option<i64>,
}

impl ListQuery {
    pub(crate) fn filter(&self) -> Filter {
        let nonempty = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        Filter {
            year: nonempty(&self.year).and_then(|y| super::entry::number_text(&y).parse().ok()),
            department: nonempty(&self.department),
            kind: nonempty(&self.kind).filter(|k| k == "project" || k == "department"),
            status: nonempty(&self.status).and_then(|s| s.parse().ok()),
            grade: nonempty(&self.grade),
            search: nonempty(&self.q),
            sort: self.sort.as_deref().and_then(Sort::parse).unwrap_or_default(),
            descending: self.desc.as_deref() != Some("0"),
            page: self.page.unwrap_or(1).clamp(1, MAX_PAGE),
            per_page: 50,
            ..Filter::default()
        }
    }

    /// The query string of these filters, for links that keep them.
    pub(crate) fn keep(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("year", &self.year),
            ("department", &self.department),
            ("kind", &self.kind),
            ("status", &self.status),
            ("grade", &self.grade),
            ("q", &self.q),
            ("sort", &self.sort),
            ("desc", &self.desc),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                parts.push(format!("{k}={}", url_encode(v)));
            }
        }
        parts.join("&")
    }
}

/// The furthest page asked of the store: its rows start at `(page - 1) × per_page`, which must
/// stay a number however large a page the address names. Past the last page the list shows the
/// last ([`list_page`]).
const MAX_PAGE: i64 = i64::MAX / 1024;

/// One page of the list; a page past the last is the last, so that a link kept from a longer
/// list, or a page typed into the address, still shows tables and a pager that leads back.
pub(crate) async fn list_page(
    state: &AppState,
    filter: &Filter,
) -> Result<jixiao_store::Page<jixiao_store::TableSummary>, jixiao_store::StoreError> {
    let first = state.store().list(filter).await?;
    let last = (first.total + first.per_page - 1) / first.per_page.max(1);
    if first.total_exact && first.items.is_empty() && last >= 1 && filter.page > last {
        return state.store().list(&Filter { page: last, ..filter.clone() }).await;
    }
    Ok(first)
}

pub(crate) fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Which table of the cycle a stored table is: a 目标表 states targets, a 自评表 scores them at
/// year end; the two of one project share its name.
pub(crate) fn stage_label(stage: &str) -> &'static str {
    if stage == "self_evaluation" { "自评表" } else { "目标表" }
}

pub(crate) fn summary_table(items: &[jixiao_store::TableSummary], base: &str) -> String {
    let mut s = String::from(
        "<table class=\"list\"><tr><th>编号</th><th>年度</th><th>部门</th><th>项目</th><th>表</th><th>状态</th>\
         <th>版本</th><th>等级</th><th>错误</th><th>警告</th><th>更新时间</th></tr>",
    );
    for t in items {
        s.push_str(&format!(
            "<tr><td>{id}</td><td>{}</td><td>{}</td><td><a href=\"{base}/{id}\">{}</a></td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            t.year.map(|y| y.to_string()).unwrap_or_default(),
            esc(&t.department),
            esc(&t.project_name),
            stage_label(&t.stage),
            status_badge(t.status),
            t.version,
            esc(&t.grade),
            t.errors,
            t.warnings,
            esc(&crate::html::china_time(&t.updated_at)),
            id = t.id,
        ));
    }
    if items.is_empty() {
        s.push_str("<tr><td colspan=\"11\">没有符合条件的表。</td></tr>");
    }
    s.push_str("</table>");
    s
}

pub(crate) fn filter_form(q: &ListQuery, action: &str, with_status: bool) -> String {
    let v = |o: &Option<String>| esc(o.as_deref().unwrap_or(""));
    let select = |name: &str, current: &Option<String>, options: &[(&str, &str)]| {
        let mut s = format!("<select name=\"{name}\"><option value=\"\">全部</option>");
        for (code, label) in options {
            let sel = if current.as_deref() == Some(code) { " selected" } else { "" };
            s.push_str(&format!("<option value=\"{code}\"{sel}>{label}</option>"));
        }
        s.push_str("</select>");
        s
    };
    let statuses: Vec<(&str, &str)> = Status::ALL.iter().map(|s| (s.code(), s.label())).collect();
    let status = if with_status {
        format!("<label>状态 {}</label>", select("status", &q.status, &statuses))
    } else {
        String::new()
    };
    let sorts = [
        ("updated", "更新时间"),
        ("year", "年度"),
        ("department", "部门"),
        ("project", "项目"),
        ("grade", "等级"),
        ("errors", "错误数"),
    ];
    // Descending unless asked otherwise, as the list has always been sorted.
    let ascending = q.desc.as_deref() == Some("0");
    let direction = format!(
        "<select name=\"desc\" title=\"排序方向\"><option value=\"1\"{}>降序</option>\
         <option value=\"0\"{}>升序</option></select>",
        if ascending { "" } else { " selected" },
        if ascending { " selected" } else { "" },
    );
    format!(
        "<form method=\"get\" action=\"{action}\"><fieldset>\
         <label>查找 <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"项目或指标\"></label>\
         <label>年度 <input type=\"text\" name=\"year\" value=\"{}\" size=\"5\"></label>\
         <label>部门 <input type=\"text\" name=\"department\" value=\"{}\"></label>\
         <label>类型 {}</label>{status}<label>等级 {}</label><label>排序 {}</label>{direction}\
         <button type=\"submit\">筛选</button></fieldset></form>",
        v(&q.q),
        v(&q.year),
        v(&q.department),
        select("kind", &q.kind, &[("project", "项目支出"), ("department", "部门整体支出")]),
        select("grade", &q.grade, &[("优", "优"), ("良", "良"), ("中", "中"), ("差", "差")]),
        select("sort", &q.sort, &sorts),
    )
}

pub(crate) fn pager(page_: &jixiao_store::Page<jixiao_store::TableSummary>, base: &str, keep: &str) -> String {
    let pages = (page_.total + page_.per_page - 1) / page_.per_page.max(1);
    let mut s = if page_.total_exact {
        format!("<p class=\"pager\">共 {} 张, 第 {} / {} 页 ", page_.total, page_.page, pages.max(1))
    } else {
        // A search many tables match is counted no further: a full page may have more after it.
        format!("<p class=\"pager\">超过 {} 张 (请缩小查找范围), 第 {} 页 ", page_.total, page_.page)
    };
    let sep = if keep.is_empty() { "" } else { "&" };
    if page_.page > 1 {
        s.push_str(&format!("<a href=\"{base}?{keep}{sep}page={}\">上一页</a>", page_.page - 1));
    }
    if has_next(page_.total, page_.total_exact, page_.page, page_.per_page, page_.items.len()) {
        s.push_str(&format!("<a href=\"{base}?{keep}{sep}page={}\">下一页</a>", page_.page.saturating_add(1)));
    }
    s.push_str("</p>");
    s
}

/// Whether a list has a page after this one: by the count, or, where a search was counted no
/// further than some of its tables, by this page being full.
fn has_next(total: i64, total_exact: bool, page: i64, per_page: i64, shown: usize) -> bool {
    if total_exact { page.saturating_mul(per_page) < total } else { shown as i64 == per_page }
}

pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let mut filter = q.filter();
    access::scope(&u, &mut filter);
    let page_ = list_page(&state, &filter).await.map_err(|e| AppError::from(e).into_response())?;
    let keep = q.keep();
    let body = format!(
        "<h1>绩效目标表</h1>{}{}{}<p>下载筛选结果: <a href=\"/export/xlsx?{keep}\">xlsx</a> <a href=\"/export/csv?{keep}\">csv</a> \
         <a href=\"/export/json?{keep}\">json</a> <a href=\"/export/html?{keep}\">html</a></p>",
        filter_form(&q, "/tables", true),
        summary_table(&page_.items, "/tables"),
        pager(&page_, "/tables", &keep),
    );
    Ok(page("绩效目标表", Some(&u), &body))
}

#[cfg(test)]
mod tests {
    use super::{ListQuery, has_next, pager};

    #[test]
    fn links_keep_the_order_and_the_furthest_page_does_not_overflow() {
        let q = ListQuery {
            sort: Some("year".into()),
            desc: Some("0".into()),
            q: Some("外事".into()),
            ..ListQuery::default()
        };
        assert_eq!(q.keep(), "q=%E5%A4%96%E4%BA%8B&sort=year&desc=0");
        let huge = ListQuery { page: Some(i64::MAX), ..ListQuery::default() }.filter();
        assert!(huge.page.checked_sub(1).and_then(|p| p.checked_mul(500)).is_some(), "the store's offset is a number");
        let page =
            jixiao_store::Page { items: Vec::new(), total: 1000, total_exact: true, page: i64::MAX, per_page: 50 };
        let html = pager(&page, "/tables", "sort=year");
        assert!(html.contains(&format!("sort=year&page={}\">上一页", i64::MAX - 1)), "{html}");
        assert!(!html.contains("下一页"), "{html}");
    }

    #[test]
    fn a_search_counted_so_far_pages_on_while_its_pages_are_full() {
        assert!(has_next(120, true, 2, 50, 50));
        assert!(!has_next(100, true, 2, 50, 50), "the count says page 2 is the last");
        assert!(has_next(1000, false, 20, 50, 50), "past the count, a full page has more after it");
        assert!(has_next(1000, false, 25, 50, 50));
        assert!(!has_next(1000, false, 25, 50, 17), "a page that is not full is the last");
    }
}

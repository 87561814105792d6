//! The public catalogue: published tables only, at their published version, without login.

use super::*;

pub(crate) async fn public_list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let mut filter = q.filter();
    filter.published = true;
    filter.status = None;
    let page_ = list_page(&state, &filter).await?;
    let keep = q.keep();
    let body = format!(
        "<h1>公开的绩效目标表</h1>{}{}{}",
        filter_form(&q, "/public", false),
        summary_table(&page_.items, "/public"),
        pager(&page_, "/public", &keep)
    );
    Ok(page("公开目录", viewer.0.as_ref(), &body))
}

pub(crate) async fn published(state: &AppState, id: i64) -> AppResult<StoredTable> {
    let t = state.store().get(id).await?;
    let v = t.summary.published_version.ok_or_else(AppError::not_found)?;
    Ok(state.store().get_version(id, v).await?)
}

pub(crate) async fn public_show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let t = published(&state, id).await?;
    let body = format!(
        "<h1>{} <span class=\"badge\">{}</span></h1><p>{} · 公开版本第 {} 版 · 下载: <a href=\"/public/{id}/download/xlsx\">xlsx</a> \
         <a href=\"/public/{id}/download/csv\">csv</a> <a href=\"/public/{id}/download/json\">json</a> \
         <a href=\"/public/{id}/download/html\">html</a> · <a href=\"/public/{id}/compare\">与往年对比</a></p>{}",
        esc(t.document.label()),
        stage_label(&t.summary.stage),
        esc(&t.document.department),
        t.version,
        official(&t.document)
    );
    Ok(page(t.document.label(), viewer.0.as_ref(), &body))
}

/// A published table set against the same table's published edition of the nearest earlier
/// year, for anyone.
pub(crate) async fn public_compare(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let t = published(&state, id).await?;
    let mut body = format!(
        "<h1>{} <span class=\"badge\">{}</span> 与往年对比</h1><p>{} · <a href=\"/public/{id}\">返回</a></p>",
        esc(t.document.label()),
        stage_label(&t.summary.stage),
        esc(&t.document.department)
    );
    match crate::earlier::earlier_published(&state, &t).await? {
        None => body.push_str("<p class=\"notice\">没有这张表较早年度的公开版本: 无可对比。</p>"),
        Some(found) => {
            // Years from the published versions: a revision under way is not the public's.
            let e = &found.table;
            body.push_str(&format!(
                "<p>{} 年 (<a href=\"/public/{}\">公开版本</a>) → {} 年</p>",
                e.document.year.map(|y| y.to_string()).unwrap_or_default(),
                e.summary.id,
                t.document.year.map(|y| y.to_string()).unwrap_or_default()
            ));
            let actuals = found.actuals.as_ref().map(|a| &a.document);
            body.push_str(&comparison_html(&jixiao_core::compare::compare_with_actuals(
                &e.document,
                &t.document,
                actuals,
            )));
        }
    }
    Ok(page("与往年对比", viewer.0.as_ref(), &body))
}

pub(crate) async fn public_download(
    State(state): State<AppState>,
    Path((id, format)): Path<(i64, String)>,
) -> AppResult<Response> {
    let t = published(&state, id).await?;
    let (mime, ext, body) = render(&[t.document], &format)?;
    Ok(attachment(mime, ext, body))
}

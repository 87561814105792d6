//! Downloads of one table or a filtered list in the writers' formats.

use super::*;

/// The writer of a download format named in an address.
fn write_format(format: &str) -> AppResult<jixiao_tables::write::WriteFormat> {
    use jixiao_tables::write::WriteFormat;
    Ok(match format {
        "json" => WriteFormat::Json,
        "csv" => WriteFormat::Csv { excel: true },
        "html" => WriteFormat::Html { title: "绩效目标表".to_owned() },
        "xlsx" => WriteFormat::Xlsx { per_sheet: 1 },
        _ => {
            return Err(AppError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("不能下载为“{format}”格式: 可选 xlsx、csv、json 或 html"),
            ));
        }
    })
}

/// A file in one of the writers' formats.
pub(crate) fn render(docs: &[Document], format: &str) -> AppResult<(&'static str, &'static str, Vec<u8>)> {
    use jixiao_tables::write::to_bytes;
    let format = write_format(format)?;
    let out = to_bytes(&format, docs)
        .map_err(|e| AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", format!("无法生成文件: {e}")))?;
    Ok((format.mime(), format.extension(), out))
}

pub(crate) fn attachment(mime: &'static str, name: &str, body: Vec<u8>) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    // An ASCII name plus the UTF-8 one (RFC 6266), never the raw text of the table.
    let disposition = format!(
        "attachment; filename=\"jixiao.{name}\"; filename*=UTF-8''{}",
        url_encode(&format!("绩效目标表.{name}"))
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    (headers, body).into_response()
}

pub(crate) async fn download(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, format)): Path<(i64, String)>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    let (mime, ext, body) = render(&[t.document], &format).map_err(IntoResponse::into_response)?;
    Ok(attachment(mime, ext, body))
}

pub(crate) async fn collect(state: &AppState, filter: &Filter) -> AppResult<Vec<Document>> {
    use futures_util::TryStreamExt;
    Ok(state.store().documents(filter).try_collect().await?)
}

pub(crate) async fn export(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(format): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    // An unknown format is refused before the tables are read for it.
    write_format(&format).map_err(IntoResponse::into_response)?;
    let mut filter = q.filter();
    access::scope(&u, &mut filter);
    let docs = collect(&state, &filter).await.map_err(IntoResponse::into_response)?;
    let (mime, ext, body) = render(&docs, &format).map_err(IntoResponse::into_response)?;
    Ok(attachment(mime, ext, body))
}

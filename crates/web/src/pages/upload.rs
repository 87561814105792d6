//! Upload of one or more files: what was read and found is previewed before anything is saved.

use super::*;

/// The largest body of the upload form: the files' limit, written in base64 when the preview
/// sends them back to be saved, with room for the names and the token.
pub(crate) const CONFIRM_LIMIT: usize = UPLOAD_LIMIT / 3 * 4 + 1024 * 1024;

pub(crate) async fn upload_form(viewer: Viewer) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    if u.user.role != Role::Officer {
        return Err(AppError::forbidden().into_response());
    }
    Ok(page(
        "上传",
        Some(&u),
        &format!(
            "<h1>上传绩效目标表</h1><p>支持 xlsx、xls、ods、csv、txt (从 PDF 或网页复制的文字) 和 JSON, 每个文件不超过 {} MB。\
             先预览读到的内容和审核意见, 确认后才保存。</p>\
             <form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">{}\
             <p><input type=\"file\" name=\"file\" multiple required></p><p><button type=\"submit\">预览</button></p></form>",
            UPLOAD_LIMIT / 1024 / 1024,
            csrf_field(&u)
        ),
    ))
}

/// Reads and reviews uploaded bytes; tables of other departments are refused for officers.
pub(crate) fn read_upload(
    reviewer: &jixiao_core::review::Reviewer,
    name: &str,
    bytes: Vec<u8>,
) -> Result<(Vec<ImportTable>, Vec<String>), jixiao_tables::IntakeError> {
    let hash = jixiao_store::hash::sha256_hex(&bytes);
    let items = jixiao_tables::read_stream(name, std::io::Cursor::new(bytes))?;
    let mut notes = Vec::new();
    let docs = jixiao_tables::reviewed(
        name,
        items,
        |document, source| reviewer.review(document, Some(source)),
        |diagnostics| notes.extend(diagnostics.iter().map(|d| d.display(name).to_string())),
    )?;
    let tables = docs
        .into_iter()
        .map(|d| ImportTable { reading: d.reading, ..ImportTable::new(d.document, d.report, name, &hash) })
        .collect();
    Ok((tables, notes))
}

pub(crate) async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    mut multipart: Multipart,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    if u.user.role != Role::Officer {
        return Err(AppError::forbidden().into_response());
    }
    let mut csrf = None;
    let mut confirm = false;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut empty: Vec<String> = Vec::new();
    let too_big = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_big_files()
        } else {
            AppError::new(e.status(), "bad_request", "上传的内容无法读取 (传输不完整或格式不正确), 请重新上传")
                .into_response()
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(too_big)? {
        let name = field.name().unwrap_or("").to_owned();
        match name.as_str() {
            "_csrf" => csrf = Some(field.text().await.map_err(too_big)?),
            "confirm" => confirm = true,
            "file" => {
                // A form sent with no file chosen has a part with no file name: nothing to report.
                let chosen = field.file_name().is_some_and(|n| !n.is_empty());
                let fname = field.file_name().unwrap_or("upload").to_owned();
                let bytes = field.bytes().await.map_err(too_big)?.to_vec();
                if !bytes.is_empty() {
                    files.push((fname, bytes));
                } else if chosen {
                    empty.push(fname);
                }
            }
            "kept" => {
                // A file from the preview, carried back for saving (base64 of name and bytes).
                let text = field.text().await.map_err(too_big)?;
                if let Some((n, b)) = text.split_once(':') {
                    let name =
                        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(n).unwrap_or_default())
                            .unwrap_or_default();
                    files.push((name, base64::engine::general_purpose::STANDARD.decode(b).unwrap_or_default()));
                }
            }
            _ => {}
        }
    }
    if files.iter().map(|(_, b)| b.len()).sum::<usize>() > UPLOAD_LIMIT {
        return Err(too_big_files());
    }
    if csrf.as_deref() != Some(u.csrf.as_str()) {
        return Err(
            AppError::new(StatusCode::FORBIDDEN, "csrf", "表单已过期或来源不明, 请刷新页面后重试").into_response()
        );
    }
    let mut body =
        String::from(if confirm { "<h1>上传结果</h1>" } else { "<h1>预览: 读到的表和审核意见</h1>" });
    for name in &empty {
        body.push_str(&format!(
            "<h2>{}</h2><p class=\"error\" role=\"alert\">文件是空的 (0 字节), 没有可读取的内容。</p>",
            esc(name)
        ));
    }
    if files.is_empty() {
        if empty.is_empty() {
            body.push_str("<p class=\"error\" role=\"alert\">没有收到文件, 请选择要上传的文件。</p>");
        }
        body.push_str("<p><a href=\"/upload\">重新上传</a></p>");
        let mut r = page("上传", Some(&u), &body).into_response();
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(r);
    }
    let mut kept = String::new();
    for (name, bytes) in files {
        body.push_str(&format!("<h2>{}</h2>", esc(&name)));
        let encoded = format!(
            "{}:{}",
            base64::engine::general_purpose::STANDARD.encode(name.as_bytes()),
            base64::engine::general_purpose::STANDARD.encode(&bytes)
        );
        let (tables, notes) = match read_upload(&state.inner.reviewer, &name, bytes) {
            Ok(r) => r,
            Err(e) => {
                body.push_str(&format!("<p class=\"error\">{}</p>", esc(&e.to_string())));
                continue;
            }
        };
        let foreign = tables
            .iter()
            .any(|t| u.user.department.as_deref().is_none_or(|d| d.trim() != t.document.department.trim()));
        if foreign {
            body.push_str(&format!(
                "<p class=\"error\">此文件中有不属于本部门 ({}) 的表, 不能上传。</p>",
                esc(u.user.department.as_deref().unwrap_or("未设部门"))
            ));
            continue;
        }
        match state.store().import(&u.user.username, &tables, !confirm).await {
            Ok(outcomes) => {
                body.push_str("<table class=\"list\"><tr><th>结果</th><th>表</th><th>等级</th><th>审核意见</th></tr>");
                for (t, o) in tables.iter().zip(&outcomes) {
                    let mut findings = String::new();
                    for f in &t.report.findings {
                        findings.push_str(&format!(
                            "<div class=\"{}\">{}[{}]: {}</div>",
                            f.severity.code(),
                            f.severity.label(),
                            esc(&f.rule),
                            esc(&f.message)
                        ));
                    }
                    let what = if confirm {
                        format!("<a href=\"/tables/{}\">{}</a>", o.id(), o.label())
                    } else {
                        format!("将{}", o.label())
                    };
                    body.push_str(&format!(
                        "<tr><td>{what}</td><td>{}</td><td>{}</td><td>{findings}</td></tr>",
                        esc(t.document.label()),
                        esc(&t.report.summary.grade)
                    ));
                }
                body.push_str("</table>");
                if !confirm {
                    kept.push_str(&format!("<input type=\"hidden\" name=\"kept\" value=\"{}\">", esc(&encoded)));
                }
            }
            Err(e) => body.push_str(&format!("<p class=\"error\">{}</p>", esc(&AppError::from(e).message))),
        }
        if !notes.is_empty() {
            body.push_str("<details><summary>读取说明</summary><ul>");
            for n in notes {
                body.push_str(&format!("<li>{}</li>", esc(&n)));
            }
            body.push_str("</ul></details>");
        }
    }
    if !confirm && !kept.is_empty() {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">{}{kept}\
             <input type=\"hidden\" name=\"confirm\" value=\"1\"><button type=\"submit\">确认保存</button></form>",
            csrf_field(&u)
        ));
    }
    Ok(page("上传", Some(&u), &body).into_response())
}

/// The answer to files over the limit, together.
fn too_big_files() -> Response {
    AppError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!("上传的文件太大: 每次最多 {} MB", UPLOAD_LIMIT / 1024 / 1024),
    )
    .into_response()
}

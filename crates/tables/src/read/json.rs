//! Reading the interchange JSON.

use jixiao_core::model::documents_from_json;

use super::{Item, ReadDocument, ReadError};

/// Reads a file holding one document or an array of them.
pub fn read(name: &str, bytes: &[u8]) -> Result<Vec<Item>, ReadError> {
    let malformed = |line, column, message| ReadError::Malformed { path: name.to_owned(), line, column, message };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        malformed(line, 0, "JSON 文件不是有效的 UTF-8 编码".to_owned())
    })?;
    let docs =
        documents_from_json(text).map_err(|e| malformed(e.line, e.column, format!("JSON 格式错误: {}", e.message)))?;
    Ok(docs.into_iter().map(|d| Item::Document(Box::new(ReadDocument::from(d)))).collect())
}

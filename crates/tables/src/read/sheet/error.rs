//! Why a workbook or one of its sheets could not be read, before the reader gives it its place
//! (file and sheet) as a `ReadError`.

use std::fmt::Display;

/// A workbook or sheet that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// The spreadsheet or zip library refused it, in that library's words.
    #[error("{0}")]
    Library(String),
    /// The spreadsheet library panicked on it (a damaged file reaching an `unwrap`).
    #[error("读取库内部出错 ({0})")]
    Panicked(String),
    /// It passes one of the reader's size limits; the message names the limit and its variable.
    #[error("{0}")]
    Limit(String),
    /// The compound file (OLE2) around an .xls is damaged at the named structure.
    #[error("复合文档结构损坏: {0}")]
    Damaged(&'static str),
    /// An OLE2 file that holds no workbook.
    #[error("不是 Excel 工作簿 (没有 Workbook 数据流)")]
    NotWorkbook,
    /// A workbook with an open password (kept encrypted in a compound file).
    #[error("工作簿已加密 (设有打开密码), 无法读取; 请先在 Excel 或 WPS 中解除密码后另存")]
    Encrypted,
}

impl SheetError {
    /// A library's error, kept in its words.
    pub fn library(e: impl Display) -> SheetError {
        SheetError::Library(e.to_string())
    }
}

//! Formulas whose result was never stored. Excel and WPS save each formula's value beside it,
//! and a reader takes that value; programs that write workbooks without calculating them
//! (openpyxl, Apache POI, some systems' exports) store the formula alone,
//! `<c r="G6"><f>SUM(B2:B5)</f></c>`. calamine reads such a cell as empty, as it reads a blank
//! one, and the value Excel would show is nowhere in the file: it is said, never invented. The
//! cells are found by the pass over the sheet's XML that reads its merges (see `xlsx`).

use jixiao_core::source::Position;

use super::xlsx::{MOST_QUOTED, Uncached};
use crate::diagnostic::{Diagnostic, Severity, excerpt};

/// Warns of each formula without a result, the first [`MOST_QUOTED`] one by one and the rest
/// in one more warning.
pub fn report_uncached(sheet: &str, uncached: &[Uncached], diagnostics: &mut Vec<Diagnostic>) {
    let (quoted, rest) = uncached.split_at(uncached.len().min(MOST_QUOTED));
    for u in quoted {
        diagnostics.push(warning(Position::cell(sheet, u.row, u.col), None, one(&u.formula)));
    }
    if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
        diagnostics.push(warning(
            Position::cell(sheet, first.row, first.col),
            Some(Position::cell(sheet, last.row, last.col)).filter(|_| rest.len() > 1),
            format!("另有 {} 个公式单元格同样没有保存计算结果, 都按空白读取", rest.len()),
        ));
    }
}

fn one(formula: &str) -> String {
    let formula = if formula.is_empty() {
        "(与其他单元格共用的公式)".to_owned()
    } else {
        format!("={}", excerpt(formula))
    };
    format!(
        "公式 {formula} 没有保存计算结果 (生成文件的程序只写了公式, 没有计算), 按空白读取: \
         请在 Excel 或 WPS 中打开、重新计算并保存后再读取"
    )
}

fn warning(position: Position, until: Option<Position>, message: String) -> Diagnostic {
    Diagnostic { code: "uncached-formula", severity: Severity::Warning, position: Some(position), until, message }
}

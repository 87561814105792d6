//! Writing workbooks in the official layout: one sheet per table (or several one under another),
//! borders, merged 一级/二级, widths that fit Chinese text, wrapped text, A4 fitted to width.
//!
//! Every text is written as a string cell, never as a formula. A text that starts like a
//! formula (`=`, `+`, `-`, `@`, tab, carriage return) also gets Excel's quote prefix (the
//! `'` Excel itself adds when one types `'=1+1`): the cell shows and stores the exact text, and
//! Excel keeps it text even when someone edits the cell, so the neutralising is permanent
//! without changing the data.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use jixiao_core::Document;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::layout::{Layout, LayoutCell, Role, layout, text_width};

/// A font with CJK glyphs that every Chinese Office and WPS installation has; viewers without
/// it substitute their own CJK font.
const FONT: &str = "宋体";
/// GB2312, so that Excel picks a Chinese font for the text when 宋体 is missing.
const CHARSET: u8 = 134;
/// Excel's limit on a cell's text.
const MAX_CELL_CHARS: usize = 32_767;
/// Blank rows between tables stacked on one sheet.
const GAP: u32 = 2;

/// Writes documents into a workbook, each as it comes.
pub struct XlsxWriter {
    book: Workbook,
    formats: Formats,
    names: HashSet<String>,
    per_sheet: usize,
    /// The sheet being filled when tables are stacked: its index, tables so far, next row.
    stack: Option<(usize, usize, u32)>,
    widths: HashMap<usize, Vec<f64>>,
    count: usize,
}

/// An [`XlsxWriter`] with the output it will be saved to, for the common writer interface.
pub struct XlsxFileWriter<W> {
    book: XlsxWriter,
    out: W,
}

impl<W> XlsxFileWriter<W> {
    /// A workbook of `per_sheet` tables a sheet, to be saved to `out`.
    pub fn new(per_sheet: usize, out: W) -> Self {
        XlsxFileWriter { book: XlsxWriter::new(per_sheet), out }
    }
}

impl<W: Write + Send> super::DocumentWriter<W> for XlsxFileWriter<W> {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        self.book.write(doc)
    }

    fn finish(self: Box<Self>) -> io::Result<W> {
        let XlsxFileWriter { book, out } = *self;
        book.finish(out)
    }
}

impl Default for XlsxWriter {
    fn default() -> Self {
        XlsxWriter::new(1)
    }
}

impl XlsxWriter {
    /// A writer putting `per_sheet` tables on each sheet, one under another (1: a sheet per
    /// table, as the official templates have it).
    pub fn new(per_sheet: usize) -> Self {
        XlsxWriter {
            book: Workbook::new(),
            formats: Formats::new(),
            names: HashSet::new(),
            per_sheet: per_sheet.max(1),
            stack: None,
            widths: HashMap::new(),
            count: 0,
        }
    }

    /// Adds one document.
    pub fn write(&mut self, doc: &Document) -> io::Result<()> {
        let l = layout(doc);
        let (index, top) = match self.stack {
            Some((index, n, next)) if n < self.per_sheet => {
                self.stack = Some((index, n + 1, next + l.height + GAP));
                (index, next)
            }
            _ => {
                let name = self.sheet_name(if self.per_sheet == 1 {
                    doc.label().to_owned()
                } else {
                    format!("表{}", self.count / self.per_sheet + 1)
                });
                let sheet = self.book.add_worksheet();
                sheet.set_name(name).map_err(xlsx_error)?;
                setup_page(sheet, &l);
                let index = self.book.worksheets_mut().len() - 1;
                self.stack = Some((index, 1, l.height + GAP));
                (index, 0)
            }
        };
        let sheet = self.book.worksheet_from_index(index).map_err(xlsx_error)?;
        draw(sheet, &self.formats, &l, top).map_err(xlsx_error)?;
        // A sheet's columns fit the widest of its tables.
        let widths = self.widths.entry(index).or_insert_with(|| vec![0.0; l.col_widths.len()]);
        if widths.len() < l.col_widths.len() {
            widths.resize(l.col_widths.len(), 0.0);
        }
        for (w, lw) in widths.iter_mut().zip(&l.col_widths) {
            *w = w.max(*lw);
        }
        for (col, w) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, *w).map_err(xlsx_error)?;
        }
        self.count += 1;
        Ok(())
    }

    /// Writes the workbook to `out`. An empty input still makes a valid workbook, with one
    /// empty sheet, as Excel requires at least one.
    pub fn finish<W: Write + Send>(mut self, out: W) -> io::Result<W> {
        if self.count == 0 {
            self.book.add_worksheet().set_name("空").map_err(xlsx_error)?;
        }
        let mut out = out;
        self.book.save_to_writer(&mut out).map_err(xlsx_error)?;
        Ok(out)
    }

    /// A sheet name Excel accepts, unique in the workbook: at most 31 characters, none of
    /// `[]:*?/\`, no leading or trailing apostrophe, compared without case.
    fn sheet_name(&mut self, wanted: String) -> String {
        let clean: String =
            wanted.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { '_' } else { c }).collect();
        let clean = clean.trim_matches('\'').trim();
        let clean = if clean.is_empty() || clean.eq_ignore_ascii_case("history") { "表" } else { clean };
        let mut n = 1;
        loop {
            let suffix = if n == 1 { String::new() } else { format!("({n})") };
            let room = 31 - suffix.encode_utf16().count();
            let mut name = String::new();
            for c in clean.chars() {
                if name.encode_utf16().count() + c.len_utf16() > room {
                    break;
                }
                name.push(c);
            }
            let name = format!("{}{suffix}", name.trim_end_matches('\''));
            if self.names.insert(name.to_lowercase()) {
                return name;
            }
            n += 1;
        }
    }
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("写入 xlsx 失败: {e}"))
}

/// A4 portrait, fitted to one page wide, narrow margins, centred; landscape when the table
/// is too wide to read on a portrait page.
fn setup_page(sheet: &mut Worksheet, l: &Layout) {
    sheet.set_paper_size(9);
    if l.col_widths.iter().sum::<f64>() > 110.0 {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
}

/// The formats of each role, plain and with the quote prefix.
struct Formats {
    plain: HashMap<Role, Format>,
    quoted: HashMap<Role, Format>,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_charset(CHARSET)
            .set_font_size(11)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        let boxed = base.clone().set_border(FormatBorder::Thin);
        let roles = [
            (Role::Title, base.clone().set_font_size(16).set_bold().set_align(FormatAlign::Center)),
            (Role::Subtitle, base.set_align(FormatAlign::Center)),
            (Role::Label, boxed.clone().set_align(FormatAlign::Center)),
            (Role::Heading, boxed.clone().set_bold().set_align(FormatAlign::Center)),
            (Role::Text, boxed.clone().set_align(FormatAlign::Left)),
            (Role::Centered, boxed.clone().set_align(FormatAlign::Center)),
            (Role::Amount, boxed.set_align(FormatAlign::Right)),
        ];
        let plain: HashMap<Role, Format> = roles.iter().cloned().collect();
        let quoted = roles.into_iter().map(|(r, f)| (r, f.set_quote_prefix())).collect();
        Formats { plain, quoted }
    }

    fn get(&self, role: Role, text: &str) -> &Format {
        let map = if needs_neutralising(text) { &self.quoted } else { &self.plain };
        &map[&role]
    }
}

/// Whether a text would be taken for a formula by a spreadsheet (OWASP's list).
pub fn needs_neutralising(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Draws one table with its top at sheet row `top`.
fn draw(sheet: &mut Worksheet, formats: &Formats, l: &Layout, top: u32) -> Result<(), XlsxError> {
    for cell in &l.cells {
        let (r0, c0) = (top + cell.row, cell.col as u16);
        let (r1, c1) = (r0 + cell.rows - 1, (cell.col + cell.cols - 1) as u16);
        let text = truncate(&cell.text);
        let format = formats.get(cell.role, text);
        if r1 > r0 || c1 > c0 {
            sheet.merge_range(r0, c0, r1, c1, text, format)?;
        }
        match number(cell) {
            Some(n) => sheet.write_number_with_format(r0, c0, n, format)?,
            None => sheet.write_string_with_format(r0, c0, text, format)?,
        };
    }
    for row in 0..l.height {
        sheet.set_row_height(top + row, row_height(l, row))?;
    }
    Ok(())
}

/// The number to store for an amount: only when the text shows the same value, so that the
/// workbook never says something the document does not (more than 15 significant digits
/// would not survive as an Excel number, and stay text).
fn number(cell: &LayoutCell) -> Option<f64> {
    let value = cell.number?;
    let f = value.to_f64()?;
    let digits = value.normalize().mantissa().unsigned_abs().to_string().len();
    (digits <= 15).then_some(f)
}

/// The texts of `doc` that an xlsx cell cannot hold whole (Excel's limit is 32,767 characters):
/// their first characters and their length, for a warning; the workbook holds them cut.
pub fn cut_texts(doc: &Document) -> Vec<(String, usize)> {
    super::layout::layout(doc)
        .cells
        .iter()
        .filter(|c| c.text.len() > MAX_CELL_CHARS)
        .filter_map(|c| {
            let n = c.text.chars().count();
            (n > MAX_CELL_CHARS).then(|| (c.text.chars().take(20).collect(), n))
        })
        .collect()
}

fn truncate(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// A row height (points) that shows every line of its cells: wrapped text in merged cells is
/// not grown by Excel itself.
fn row_height(l: &Layout, row: u32) -> f64 {
    const LINE: f64 = 14.5;
    let lines = l
        .cells
        .iter()
        .filter(|c| c.row + c.rows - 1 == row)
        .map(|c| {
            let width: f64 = l.col_widths[c.col as usize..(c.col + c.cols) as usize].iter().sum::<f64>() - 1.0;
            let per_line = |line: &str| (text_width(line) / width.max(1.0)).ceil().max(1.0);
            let needed: f64 = c.text.split('\n').map(per_line).sum();
            // A cell over several rows shares its lines among them.
            (needed / c.rows as f64).ceil()
        })
        .fold(1.0, f64::max);
    let size = if row == 0 { 24.0 } else { lines * LINE + 6.0 };
    size.min(409.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut w = XlsxWriter::new(1);
        assert_eq!(w.sheet_name("外事出访经费".into()), "外事出访经费");
        assert_eq!(w.sheet_name("外事出访经费".into()), "外事出访经费(2)");
        assert_eq!(w.sheet_name("a/b:c[d]*?\\".into()), "a_b_c_d____");
        assert_eq!(w.sheet_name("'引号'".into()), "引号");
        assert_eq!(w.sheet_name("".into()), "表");
        let long = "一二三四五六七八九十".repeat(4);
        let name = w.sheet_name(long.clone());
        assert_eq!(name.chars().count(), 31);
        let again = w.sheet_name(long);
        assert!(again.ends_with("(2)") && again.chars().count() == 31, "{again}");
        assert_eq!(w.sheet_name("HISTORY".into()), "表(2)");
    }

    #[test]
    fn formula_like_text_is_recognised() {
        for t in ["=1+1", "+86", "-5%", "@SUM(A1)", "\t=x", "\r=x"] {
            assert!(needs_neutralising(t), "{t}");
        }
        for t in ["≥90%", "大于10个", "", "1-2"] {
            assert!(!needs_neutralising(t), "{t}");
        }
    }
}

//! What calamine does not report for .ods: merged cells (`number-columns-spanned` /
//! `number-rows-spanned`), percentage cells, the text a number format adds (`50次`) and hidden
//! rows and columns (`table:visibility="collapse"`, or `"filter"` for rows a filter hides), read
//! from `content.xml` in one streaming pass.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read, Seek};

use calamine::Dimensions;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::error::SheetError;
use super::hidden::Hidden;

/// The layout facts of one sheet of an .ods file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OdsSheetLayout {
    /// Merge ranges, in absolute 0-based (row, col).
    pub merges: Vec<Dimensions>,
    /// Cells whose value type is `percentage`.
    pub percent: HashSet<(u32, u32)>,
    /// Number cells whose shown text has more than digits and signs (a unit from the number
    /// format): the text as shown.
    pub shown: HashMap<(u32, u32), String>,
    /// The rows and columns it hides.
    pub hidden: Hidden,
}

/// Reads the layout of every sheet, by sheet name.
pub fn read_layout<R: Read + Seek>(zip: R) -> Result<HashMap<String, OdsSheetLayout>, SheetError> {
    let mut archive = zip::ZipArchive::new(zip).map_err(SheetError::library)?;
    let content = archive.by_name("content.xml").map_err(|e| SheetError::library(format!("content.xml: {e}")))?;
    let mut xml = Reader::from_reader(BufReader::new(content));
    xml.config_mut().trim_text(false);
    let mut sheets = HashMap::new();
    let mut buf = Vec::new();
    let mut current: Option<(String, OdsSheetLayout)> = None;
    let (mut row, mut col) = (0u32, 0u32);
    // The columns declared so far in the current sheet, for the hidden ones' places.
    let mut declared_cols = 0u32;
    // Subtables inside a cell are not sheet rows; count the depth to ignore them.
    let mut depth = 0u32;
    // A row with content may be repeated (identical rows); its percentage cells repeat too.
    let mut pending_row_repeat = 1u32;
    let mut row_percent: Vec<u32> = Vec::new();
    // The shown text of the number cell being read, and where it is.
    let mut shown: Option<((u32, u32), String)> = None;
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| SheetError::library(format!("content.xml: {e}")))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "table" if depth == 0 => {
                        if !empty {
                            let name = attr(e, "table:name").unwrap_or_default();
                            current = Some((name, OdsSheetLayout::default()));
                            (row, col, declared_cols) = (0, 0, 0);
                        }
                        depth += u32::from(!empty);
                    }
                    "table" => depth += u32::from(!empty),
                    "table-column" if depth == 1 => {
                        let n = repeat(e, "table:number-columns-repeated");
                        if let (true, Some((_, layout))) = (hides(e), current.as_mut()) {
                            layout.hidden.cols.push((declared_cols, declared_cols.saturating_add(n - 1)));
                        }
                        declared_cols = declared_cols.saturating_add(n);
                    }
                    "table-row" if depth == 1 => {
                        col = 0;
                        if let (true, Some((_, layout))) = (hides(e), current.as_mut()) {
                            let n = repeat(e, "table:number-rows-repeated");
                            layout.hidden.rows.push((row, row.saturating_add(n - 1)));
                        }
                        if empty {
                            row = row.saturating_add(repeat(e, "table:number-rows-repeated"));
                        } else {
                            // The repeat count of a row with content is applied at its end.
                            pending_row_repeat = repeat(e, "table:number-rows-repeated");
                        }
                    }
                    "table-cell" | "covered-table-cell" if depth == 1 => {
                        let cols = repeat(e, "table:number-columns-repeated");
                        if let Some((_, layout)) = current.as_mut() {
                            let spanned_c = repeat(e, "table:number-columns-spanned");
                            let spanned_r = repeat(e, "table:number-rows-spanned");
                            let covered = e.local_name().as_ref() == "covered-table-cell";
                            if !covered && (spanned_c > 1 || spanned_r > 1) {
                                layout.merges.push(Dimensions::new(
                                    (row, col),
                                    (row.saturating_add(spanned_r - 1), col.saturating_add(spanned_c - 1)),
                                ));
                            }
                            let value_type = attr(e, "office:value-type");
                            if value_type.as_deref() == Some("percentage") {
                                row_percent.extend((0..cols.min(1024)).map(|c| col.saturating_add(c)));
                            }
                            if !empty && matches!(value_type.as_deref(), Some("float" | "currency" | "percentage")) {
                                shown = Some(((row, col), String::new()));
                            }
                        }
                        col = col.saturating_add(cols);
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                if let Some((_, text)) = shown.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                "table-cell" => {
                    if let (Some((at, text)), Some((_, layout))) = (shown.take(), current.as_mut()) {
                        if text.chars().any(|c| !matches!(c, '0'..='9' | '.' | ',' | '-' | '+' | '%' | 'E' | 'e' | ' '))
                        {
                            layout.shown.insert(at, text);
                        }
                    }
                }
                "table" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        if let Some((name, mut layout)) = current.take() {
                            layout.hidden.normalise();
                            sheets.insert(name, layout);
                        }
                    }
                }
                "table-row" if depth == 1 => {
                    if let Some((_, layout)) = current.as_mut() {
                        for r in 0..pending_row_repeat.min(1024) {
                            layout.percent.extend(row_percent.iter().map(|&c| (row.saturating_add(r), c)));
                        }
                    }
                    row_percent.clear();
                    row = row.saturating_add(pending_row_repeat);
                    pending_row_repeat = 1;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(sheets)
}

/// Whether a row or column is hidden: collapsed, or left out by a filter.
fn hides(e: &BytesStart<'_>) -> bool {
    matches!(attr(e, "table:visibility").as_deref(), Some("collapse" | "filter"))
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())
}

/// A repeat or span count; 1 when absent or unreadable.
fn repeat(e: &BytesStart<'_>, name: &str) -> u32 {
    attr(e, name).and_then(|v| v.parse().ok()).filter(|&n: &u32| n >= 1).unwrap_or(1)
}

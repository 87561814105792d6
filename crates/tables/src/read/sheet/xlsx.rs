//! What calamine does not report for .xlsx, read in one streaming pass over a sheet's XML: the
//! rows and columns the sheet hides (`<row hidden="1">`, `<col hidden="1">`), the AutoFilter
//! whose criteria hid some of them (`<autoFilter ref="A5:D9"><filterColumn …>`), and the formulas
//! whose result was never stored (`<c r="G6"><f>F6</f></c>`, as openpyxl or Apache POI write
//! them), beside the merge ranges. The pass stands in for calamine's own pass for the merges,
//! which reads the whole sheet to reach them at its end: the sheet is still read twice.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::error::SheetError;
use super::hidden::Hidden;
use super::rows::Merge;

/// What one pass over a sheet's XML found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct XlsxSheetLayout {
    /// The merge ranges.
    pub merges: Vec<Merge>,
    /// The rows and columns it hides.
    pub hidden: Hidden,
    /// Cells holding a formula and no stored result, in sheet order.
    pub uncached: Vec<Uncached>,
}

/// A formula whose result the file does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncached {
    /// 0-based row.
    pub row: u32,
    /// 0-based column.
    pub col: u32,
    /// The formula's text without `=`; empty for a cell that shares another cell's formula.
    pub formula: String,
}

/// The most formulas whose text is kept: the rest are counted, not quoted.
pub const MOST_QUOTED: usize = 10;

/// The reader's own view of an .xlsx zip: the zip, and where each sheet's XML is in it.
pub struct XlsxParts<R> {
    zip: ZipArchive<R>,
    paths: HashMap<String, String>,
}

impl<R: Read + Seek> XlsxParts<R> {
    /// Opens the zip and finds its sheets; `None` if the zip cannot be opened.
    pub fn open(reader: R) -> Option<Self> {
        let mut zip = ZipArchive::new(reader).ok()?;
        let paths = sheet_paths(&mut zip);
        Some(XlsxParts { zip, paths })
    }

    /// The layout of the sheet named `name`, if its XML was found.
    pub fn layout(&mut self, name: &str) -> Option<Result<XlsxSheetLayout, SheetError>> {
        let path = self.paths.get(name)?;
        Some(read_sheet(&mut self.zip, path))
    }
}

/// Where each sheet's XML is in the zip, by sheet name, from the package's relationships and
/// the workbook's list of sheets. An entry that cannot be found is left out (the merges are
/// then read by calamine, as before).
pub fn sheet_paths<R: Read + Seek>(zip: &mut ZipArchive<R>) -> HashMap<String, String> {
    let mut paths = HashMap::new();
    let Some(workbook) = relationships(zip, "_rels/.rels")
        .into_iter()
        .find(|(_, (kind, _))| kind.ends_with("/officeDocument"))
        .map(|(_, (_, target))| target.trim_start_matches('/').to_owned())
    else {
        return paths;
    };
    let (dir, name) = workbook.rsplit_once('/').map_or(("", workbook.as_str()), |(d, n)| (d, n));
    let dir = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    let rels = relationships(zip, &format!("{dir}_rels/{name}.rels"));
    let Some(mut xml) = open(zip, &workbook) else { return paths };
    let mut buf = Vec::new();
    while let Ok(event) = xml.read_event_into(&mut buf) {
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == "sheet" => {
                let (Some(sheet), Some(id)) = (attr(e, "name"), attr(e, "id")) else { continue };
                if let Some((_, target)) = rels.get(&id) {
                    let path = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_owned(),
                        None => format!("{dir}{target}"),
                    };
                    paths.insert(sheet, path);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    paths
}

/// A relationships part: (type, target) by id; empty if it is missing or damaged.
fn relationships<R: Read + Seek>(zip: &mut ZipArchive<R>, path: &str) -> HashMap<String, (String, String)> {
    let mut out = HashMap::new();
    let Some(mut xml) = open(zip, path) else { return out };
    let mut buf = Vec::new();
    while let Ok(event) = xml.read_event_into(&mut buf) {
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(kind), Some(target)) = (attr(e, "Id"), attr(e, "Type"), attr(e, "Target")) {
                    out.insert(id, (kind, target));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// An XML part of the zip, found as calamine finds it: by its name, else by its name in any
/// case (writers differ in `xl/Worksheets/Sheet1.xml`).
fn open<'z, R: Read + Seek>(zip: &'z mut ZipArchive<R>, path: &str) -> Option<Reader<BufReader<impl Read + 'z>>> {
    let index = zip.index_for_name(path).or_else(|| {
        let wanted = path.to_ascii_lowercase();
        zip.file_names().position(|n| n.is_ok_and(|n| n.replace('\\', "/").to_ascii_lowercase() == wanted))
    })?;
    let file = zip.by_index(index).ok()?;
    let mut xml = Reader::from_reader(BufReader::new(file));
    let config = xml.config_mut();
    config.trim_text(false);
    // Damaged end tags are left to calamine's pass over the cells to judge.
    config.check_end_names = false;
    Some(xml)
}

/// An attribute's value by its local name (`r:id` is `id`), unescaped.
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(Cow::into_owned))
}

/// The attributes of a start tag's text (`row r="5" hidden="1"`) as raw (key, value) pairs, for
/// the numbers and flags that need no unescaping. Stepped through byte by byte: quick-xml's
/// attribute iterator, which checks for duplicates, cost more than the rest of the pass on a
/// sheet of many rows. A damaged tag gives what it can.
fn tag_attrs(tag: &str) -> impl Iterator<Item = (&str, &str)> {
    let b = tag.as_bytes();
    let blank = |i: usize| b.get(i).is_some_and(u8::is_ascii_whitespace);
    // Past the element's name.
    let mut i = b.iter().position(u8::is_ascii_whitespace).unwrap_or(b.len());
    std::iter::from_fn(move || {
        while blank(i) {
            i += 1;
        }
        let key = i;
        while i < b.len() && b[i] != b'=' && !blank(i) {
            i += 1;
        }
        let key_end = i;
        while blank(i) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while blank(i) {
            i += 1;
        }
        let quote = *b.get(i).filter(|&&q| q == b'"' || q == b'\'')?;
        let start = i + 1;
        let end = start + memchr::memchr(quote, b.get(start..)?)?;
        i = end + 1;
        // Every boundary is at an ASCII byte, so these are character boundaries.
        Some((tag.get(key..key_end)?, tag.get(start..end)?))
    })
}

/// An element's name without its namespace prefix (`x:c` is `c`), stepping through the few
/// bytes rather than setting up a search at every element.
fn local(name: &str) -> &str {
    match name.bytes().rposition(|b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// One attribute's raw value.
fn tag_attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    tag_attrs(tag).find(|&(key, _)| key == name).map(|(_, value)| value)
}

/// An attribute's raw value where it is the tag's first, as writers put `r` on a row and `ref`
/// on a merge (`row r="5" …`), without stepping through the rest; else looked for among all.
fn first_attr<'a>(tag: &'a str, element: &str, name: &str) -> Option<&'a str> {
    let quick = tag
        .strip_prefix(element)
        .and_then(|t| t.strip_prefix(' '))
        .and_then(|t| t.strip_prefix(name))
        .and_then(|t| t.strip_prefix("=\""))
        .and_then(|t| memchr::memchr(b'"', t.as_bytes()).map(|end| &t[..end]));
    quick.or_else(|| tag_attr(tag, name))
}

fn is_true(value: Option<&str>) -> bool {
    matches!(value, Some("1" | "true"))
}

/// Reads one sheet's layout from the zip.
pub fn read_sheet<R: Read + Seek>(zip: &mut ZipArchive<R>, path: &str) -> Result<XlsxSheetLayout, SheetError> {
    let xml = open(zip, path).ok_or_else(|| SheetError::library(format!("{path}: 工作表不在文件中")))?;
    scan(xml).map_err(|e| SheetError::library(format!("{path}: {e}")))
}

/// The cell being read: enough to tell, at its end, whether it held a formula and no result.
#[derive(Default)]
struct OpenCell {
    /// Whether a cell is being read.
    open: bool,
    /// The `<c …>` tag's content, copied only for the cells with a body (a blank cell with a
    /// style is an empty element, and never copied); parsed only for a formula without result.
    tag: String,
    /// Its place among the row's cells, for a cell without `r`.
    index: u32,
    formula: bool,
    formula_text: String,
    in_formula: bool,
    /// Whether it has a `<v>` or `<is>` element, and whether that holds any text.
    value_element: bool,
    value_text: bool,
    in_value: bool,
}

fn scan<B: BufRead>(mut xml: Reader<B>) -> Result<XlsxSheetLayout, quick_xml::Error> {
    let mut scan = Scan {
        out: XlsxSheetLayout::default(),
        hidden_word: memchr::memmem::Finder::new("hidden"),
        row: 0,
        next_row: 0,
        cells_in_row: 0,
        cell: OpenCell::default(),
        filter: None,
        criteria: false,
    };
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf)? {
            Event::Start(ref e) => scan.start(e, false),
            Event::Empty(ref e) => scan.start(e, true),
            Event::Text(ref t) => scan.text(|s| s.push_str(&t.xml10_content()), t.is_empty()),
            Event::GeneralRef(ref r) => scan.text(|s| push_reference(s, r), false),
            Event::End(ref e) => scan.end(local(e.name().as_ref())),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if let (Some(range), true) = (scan.filter, scan.criteria) {
        scan.out.hidden.filter(range);
    }
    scan.out.hidden.normalise();
    Ok(scan.out)
}

/// The state of a pass over a sheet's XML.
struct Scan {
    out: XlsxSheetLayout,
    hidden_word: memchr::memmem::Finder<'static>,
    row: u32,
    next_row: u32,
    cells_in_row: u32,
    /// The cell being read, if `cell.open`: its buffers are reused from cell to cell.
    cell: OpenCell,
    /// The AutoFilter's range, header row included.
    filter: Option<Merge>,
    /// Whether the AutoFilter has criteria (a `filterColumn`): only then did it hide rows.
    criteria: bool,
}

impl Scan {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        match local(e.name().as_ref()) {
            "c" => {
                self.cells_in_row = self.cells_in_row.saturating_add(1);
                if !empty {
                    self.cell.open(e, self.cells_in_row - 1);
                }
            }
            "f" if self.cell.open => {
                self.cell.formula = true;
                self.cell.in_formula = !empty;
            }
            "v" | "is" if self.cell.open => {
                self.cell.value_element = true;
                self.cell.in_value = !empty;
            }
            "row" => {
                let r = first_attr(e, "row", "r").and_then(number);
                self.row = r.map_or(self.next_row, |r| r.saturating_sub(1));
                self.next_row = self.row.saturating_add(1);
                self.cells_in_row = 0;
                // Most rows are shown: the word is looked for before any attribute is read.
                if self.hidden_word.find(e.as_bytes()).is_some() && is_true(tag_attr(e, "hidden")) {
                    self.out.hidden.rows.push((self.row, self.row));
                }
            }
            "col" if is_true(tag_attr(e, "hidden")) => {
                let bound = |name| tag_attr(e, name).and_then(number).filter(|&n| n >= 1);
                if let (Some(min), Some(max)) = (bound("min"), bound("max")) {
                    self.out.hidden.cols.push((min - 1, max.max(min) - 1));
                }
            }
            "autoFilter" => self.filter = first_attr(e, "autoFilter", "ref").and_then(merge_range),
            "filterColumn" => self.criteria = true,
            "mergeCell" => {
                if let Some(m) = first_attr(e, "mergeCell", "ref").and_then(merge_range) {
                    self.out.merges.push(m);
                }
            }
            _ => {}
        }
    }

    /// Text inside the current cell: a formula's (added by `add`), or a value's (`empty` when
    /// there is none).
    fn text(&mut self, add: impl FnOnce(&mut String), empty: bool) {
        let c = &mut self.cell;
        if !c.open {
            return;
        }
        if c.in_formula {
            add(&mut c.formula_text);
        } else if c.in_value && !empty {
            c.value_text = true;
        }
    }

    fn end(&mut self, local: &str) {
        if !self.cell.open {
            return;
        }
        match local {
            "f" => self.cell.in_formula = false,
            "v" | "is" => self.cell.in_value = false,
            "c" => {
                self.cell.open = false;
                if self.cell.formula && !self.cell.value_text {
                    self.cell.note_uncached(self.row, &mut self.out.uncached);
                }
            }
            _ => {}
        }
    }
}

impl OpenCell {
    /// Starts reading the cell of tag `e`, the `index`th of its row.
    fn open(&mut self, e: &BytesStart<'_>, index: u32) {
        self.open = true;
        self.tag.clear();
        self.tag.push_str(e);
        self.index = index;
        self.formula_text.clear();
        (self.formula, self.in_formula, self.value_element, self.value_text, self.in_value) =
            (false, false, false, false, false);
    }

    /// Adds this cell to `uncached` unless its empty result is a stored one: a formula whose
    /// text result is empty (`t="str"` with an empty `<v>`) is written so by Excel itself.
    fn note_uncached(&self, row: u32, uncached: &mut Vec<Uncached>) {
        if self.value_element && tag_attr(&self.tag, "t") == Some("str") {
            return;
        }
        let (row, col) = tag_attr(&self.tag, "r").and_then(cell_ref).unwrap_or((row, self.index));
        let formula = if uncached.len() < MOST_QUOTED { self.formula_text.clone() } else { String::new() };
        uncached.push(Uncached { row, col, formula });
    }
}

/// Adds an entity or character reference of a formula's text (`&quot;` in `IF(E8="",…)`).
fn push_reference(text: &mut String, r: &quick_xml::events::BytesRef<'_>) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        text.push(c);
    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r.xml10_content()) {
        text.push_str(s);
    }
}

/// A decimal number of at most nine digits.
fn number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|d| d.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A cell reference (`B7`, `$B$7`) as a 0-based (row, col).
pub fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let r = r.strip_prefix('$').unwrap_or(r);
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r.bytes().take(letters).fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1);
    let digits = &r[letters..];
    let row = number(digits.strip_prefix('$').unwrap_or(digits))?;
    Some((row.checked_sub(1)?, col - 1))
}

/// A merge range (`A1:D1`; a single cell merges nothing, and is kept as one).
fn merge_range(r: &str) -> Option<Merge> {
    let (a, b) = match r.split_once(':') {
        Some((a, b)) => (cell_ref(a)?, cell_ref(b)?),
        None => (cell_ref(r)?, cell_ref(r)?),
    };
    Some(Merge { first_row: a.0.min(b.0), first_col: a.1.min(b.1), last_row: a.0.max(b.0), last_col: a.1.max(b.1) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(xml: &str) -> XlsxSheetLayout {
        scan(Reader::from_str(xml)).expect("XML")
    }

    #[test]
    fn attributes_in_a_tag() {
        let tag = r#"row r="12" spans="1:5" ht = '30' hidden="1" customHeight="1""#;
        assert_eq!(tag_attrs(tag).count(), 5);
        assert_eq!(tag_attr(tag, "r"), Some("12"));
        assert_eq!(tag_attr(tag, "ht"), Some("30"));
        assert_eq!(tag_attr(tag, "hidden"), Some("1"));
        assert_eq!(tag_attr(tag, "Height"), None);
        assert_eq!(tag_attr(r#"c r="B2" t="str""#, "t"), Some("str"));
        assert_eq!(tag_attr(r#"c r="B2"#, "r"), None);
        assert_eq!(tag_attr("c", "r"), None);
        assert_eq!(first_attr(r#"mergeCell ref="A1:B2""#, "mergeCell", "ref"), Some("A1:B2"));
        assert_eq!(first_attr(r#"row spans="1:5" r="7""#, "row", "r"), Some("7"));
        assert_eq!(first_attr(r#"row r="7" spans="1:5""#, "row", "r"), Some("7"));
    }

    #[test]
    fn references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("$AB$12"), Some((11, 27)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("12"), None);
        assert_eq!(cell_ref("ABCD1"), None);
        assert_eq!(cell_ref("A99999999999"), None);
        let m = merge_range("D4:B2").expect("range");
        assert_eq!((m.first_row, m.first_col, m.last_row, m.last_col), (1, 1, 3, 3));
    }

    #[test]
    fn formulas_without_results_hidden_rows_and_columns() {
        let l = layout(
            r#"<worksheet><cols><col min="2" max="3" hidden="1"/><col min="5" max="5" width="9"/></cols>
            <sheetData>
            <row r="2" hidden="1"><c r="A2" s="1"/><c r="B2"><f>SUM(A1:A2)</f><v/></c></row>
            <row r="3"><c r="C3"><f>IF(A1=&quot;&quot;,&quot;&quot;,A1)</f></c><c r="D3"><f>A1</f><v>5</v></c>
              <c r="E3" t="str"><f>A2</f><v></v></c><c r="F3" t="str"><f>A3</f></c></row>
            <row><c><f t="shared" si="0"/></c></row>
            </sheetData><mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells></worksheet>"#,
        );
        assert_eq!(l.hidden.rows, [(1, 1)]);
        assert_eq!(l.hidden.cols, [(1, 2)]);
        let found: Vec<(u32, u32, &str)> = l.uncached.iter().map(|u| (u.row, u.col, u.formula.as_str())).collect();
        // D3 has its result, E3 an empty text result Excel stored; F3 has none.
        assert_eq!(found, [(1, 1, "SUM(A1:A2)"), (2, 2, r#"IF(A1="","",A1)"#), (2, 5, "A3"), (3, 0, "")]);
        assert_eq!(l.merges.len(), 1);
    }

    #[test]
    fn rows_an_autofilter_hides_are_told_from_rows_hidden_by_hand() {
        let rows = |hidden: &[u32]| {
            hidden.iter().map(|r| format!(r#"<row r="{r}" hidden="1"><c r="A{r}"/></row>"#)).collect::<String>()
        };
        let sheet = |filter: &str| {
            layout(&format!("<worksheet><sheetData>{}</sheetData>{filter}</worksheet>", rows(&[3, 6, 7, 12])))
        };
        // Rows 6–7 under the header (row 5) of A5:D9 are the filter's; 3 and 12 lie outside it.
        let l = sheet(
            r#"<autoFilter ref="A5:D9"><filterColumn colId="0"><filters><filter val="产出指标"/></filters></filterColumn></autoFilter>"#,
        );
        assert_eq!((&l.hidden.rows[..], &l.hidden.filtered[..]), (&[(2, 2), (11, 11)][..], &[(5, 6)][..]));
        assert_eq!(l.hidden.filter.map(|m| (m.first_row, m.last_row)), Some((4, 8)));
        // A filter without criteria hides nothing: the rows were hidden by hand.
        let l = sheet(r#"<autoFilter ref="A5:D9"/>"#);
        assert_eq!((l.hidden.rows.len(), l.hidden.filtered.len()), (3, 0));
    }
}

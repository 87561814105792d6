//! jixiao's own flat CSV (one row per indicator, docs/csv.md) read back into documents, so that
//! data edited in a spreadsheet can be reviewed and published again. A table's rows follow one
//! another; what the flat form leaves out (goals, duties, split targets) stays empty, and the
//! parsed-target columns are derived again from the target, not read.

use std::io::Read;
use std::str::FromStr;

use jixiao_core::Stated;
use jixiao_core::{Document, DocumentKind, Indicator, MoneyUnit, Project};
use rust_decimal::Decimal;

use super::{Item, ReadDocument, ReadError};
use crate::diagnostic::Diagnostic;
use crate::write::csv::COLUMNS;

/// The columns that say which table a row belongs to (year … funds_other).
const DOCUMENT_COLUMNS: usize = 15;

/// Whether a file's first bytes are the header of jixiao's flat CSV.
pub fn is_flat_csv(head: &[u8]) -> bool {
    head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).starts_with(b"year,kind,title,")
}

/// A stream of the documents in a flat CSV.
pub struct FlatReader<R: Read> {
    name: String,
    records: csv::StringRecordsIntoIter<R>,
    /// Where each of [`COLUMNS`] is in the file (a column may be missing or moved).
    index: [Option<usize>; COLUMNS.len()],
    /// The table being gathered, with the fields that identify it.
    current: Option<(Vec<String>, Document)>,
    noted: bool,
    failed: bool,
}

impl<R: Read> FlatReader<R> {
    /// Starts reading `source`, a flat CSV in UTF-8 (with or without a byte-order mark).
    pub fn new(name: &str, source: R) -> Result<Self, ReadError> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(source);
        let header = reader.headers().map_err(|e| malformed(name, &e))?.clone();
        let mut index = [None; COLUMNS.len()];
        for (i, column) in COLUMNS.iter().enumerate() {
            index[i] = header.iter().position(|h| h.trim_start_matches('\u{FEFF}') == *column);
        }
        if index[1].is_none() {
            return Err(ReadError::Malformed {
                path: name.to_owned(),
                line: 1,
                column: 0,
                message: "扁平 CSV 缺少 kind 一列".to_owned(),
            });
        }
        Ok(FlatReader {
            name: name.to_owned(),
            records: reader.into_records(),
            index,
            current: None,
            noted: false,
            failed: false,
        })
    }

    /// The value of column `name` in `record`, with the quote that guarded a formula removed.
    fn get<'a>(&self, record: &'a csv::StringRecord, name: &str) -> &'a str {
        let i = COLUMNS.iter().position(|c| *c == name).and_then(|i| self.index[i]);
        let value = i.and_then(|i| record.get(i)).unwrap_or("");
        match value.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
            _ => value,
        }
    }

    /// Reads one row into the table it belongs to; returns the table it ends, if any.
    fn row(&mut self, record: &csv::StringRecord) -> Result<Option<Document>, ReadError> {
        let line = record.position().map_or(0, |p| p.line() as usize);
        let key: Vec<String> = COLUMNS[..DOCUMENT_COLUMNS].iter().map(|c| self.get(record, c).to_owned()).collect();
        // A table's rows share these fields and number its indicators from 1: a row numbered 1
        // starts another table, even one whose fields are the same (a table repeated).
        let restarts = self.get(record, "indicator_no") == "1";
        let ended = match &self.current {
            Some((k, doc)) if *k == key && (!restarts || doc.indicators.is_empty()) => None,
            _ => {
                let doc = self.document(record, line)?;
                self.current.replace((key, doc)).map(|(_, d)| d)
            }
        };
        let indicator = self.indicator(record, line)?;
        if let (Some(ind), Some((_, doc))) = (indicator, &mut self.current) {
            doc.indicators.push(ind);
        }
        Ok(ended)
    }

    fn document(&self, record: &csv::StringRecord, line: usize) -> Result<Document, ReadError> {
        let kind = match self.get(record, "kind") {
            "project" => DocumentKind::Project,
            "department" => DocumentKind::Department,
            other => {
                return Err(self.error(line, "kind", &format!("表类型应为 project 或 department, 而不是 “{other}”")));
            }
        };
        let mut doc = Document::new(kind);
        doc.year = match self.get(record, "year") {
            "" => None,
            y => Some(y.parse().map_err(|_| self.error(line, "year", &format!("预算年度 “{y}” 不是年份")))?),
        };
        doc.title = self.get(record, "title").to_owned();
        doc.department = self.get(record, "department").to_owned();
        doc.department_code = code(self.get(record, "department_code"));
        if kind == DocumentKind::Project {
            let funds_unit = match self.get(record, "funds_unit") {
                "" | "万元" => MoneyUnit::TenThousandYuan,
                "元" => MoneyUnit::Yuan,
                other => {
                    return Err(self.error(line, "funds_unit", &format!("资金单位应为 万元 或 元, 而不是 “{other}”")));
                }
            };
            let mut project = Project {
                name: self.get(record, "project").to_owned(),
                code: code(self.get(record, "project_code")),
                implementer: self.get(record, "implementer").to_owned(),
                implementer_code: code(self.get(record, "implementer_code")),
                attribute: self.get(record, "attribute").to_owned(),
                period: self.get(record, "period").to_owned(),
                ..Project::default()
            };
            project.funds.unit = funds_unit;
            project.funds.total = self.decimal(record, "funds_total", line)?;
            project.funds.fiscal = self.decimal(record, "funds_fiscal", line)?;
            project.funds.other = self.decimal(record, "funds_other", line)?;
            doc.project = Some(project);
        }
        Ok(doc)
    }

    /// The row's indicator; `None` for the row of a table without indicators.
    fn indicator(&self, record: &csv::StringRecord, line: usize) -> Result<Option<Indicator>, ReadError> {
        let text = |c| self.get(record, c).to_owned();
        let optional = |c| Some(text(c)).filter(|t: &String| !t.is_empty());
        let ind = Indicator {
            level1: text("level1").into(),
            level2: text("level2").into(),
            policy_target: optional("policy_target"),
            name: text("name"),
            target: text("target"),
            weight: self.decimal(record, "weight", line)?,
            actual: optional("actual"),
            score: Stated::given_or_absent(self.decimal(record, "score", line)?),
            ..Indicator::default()
        };
        let empty = self.get(record, "indicator_no").is_empty() && ind == Indicator::default();
        Ok((!empty).then_some(ind))
    }

    /// A number column, as whichever quantity its field holds.
    fn decimal<Q: From<Decimal>>(
        &self,
        record: &csv::StringRecord,
        column: &str,
        line: usize,
    ) -> Result<Option<Q>, ReadError> {
        match self.get(record, column) {
            "" => Ok(None),
            v => Decimal::from_str(v)
                .map(|d| Some(d.into()))
                .map_err(|_| self.error(line, column, &format!("“{v}” 不是数字"))),
        }
    }

    fn error(&self, line: usize, column: &str, message: &str) -> ReadError {
        let at = COLUMNS.iter().position(|c| *c == column).and_then(|i| self.index[i]).map_or(0, |i| i + 1);
        ReadError::Malformed { path: self.name.clone(), line, column: at, message: format!("{column}: {message}") }
    }
}

impl<R: Read> Iterator for FlatReader<R> {
    type Item = Result<Item, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.noted {
            self.noted = true;
            return Some(Ok(Item::Diagnostic(Diagnostic::note(
                "flat-csv",
                None,
                "按 jixiao 的扁平 CSV (每行一个指标) 读入: 其中没有绩效目标、部门职责和拆分的指标值".to_owned(),
            ))));
        }
        while !self.failed {
            match self.records.next() {
                Some(Ok(record)) => match self.row(&record) {
                    Ok(Some(doc)) => return Some(Ok(document(doc))),
                    Ok(None) => {}
                    Err(e) => {
                        self.failed = true;
                        return Some(Err(e));
                    }
                },
                Some(Err(e)) => {
                    self.failed = true;
                    return Some(Err(malformed(&self.name, &e)));
                }
                None => return self.current.take().map(|(_, d)| Ok(document(d))),
            }
        }
        None
    }
}

fn document(doc: Document) -> Item {
    Item::Document(Box::new(ReadDocument { document: doc, source: Default::default() }))
}

/// A code column: empty is no code.
/// A code column: the flat CSV cannot tell a table without the field from one that left it
/// blank, so an empty cell is absent.
fn code(value: &str) -> Stated<String> {
    Stated::given_or_absent((!value.is_empty()).then(|| value.to_owned()))
}

fn malformed(name: &str, e: &csv::Error) -> ReadError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "不是 UTF-8 编码 (jixiao 导出的 CSV 是 UTF-8; 在 Excel 中另存时请选 “CSV UTF-8”)".to_owned()
        }
        _ => format!("CSV 格式有误: {e}"),
    };
    ReadError::Malformed { path: name.to_owned(), line, column: 0, message }
}

//! Flat data: one CSV row per indicator, the document's fields repeated on each, and the target
//! both as published and parsed. The columns are documented in docs/csv.md.

use std::io::{self, Write};

use jixiao_core::Stated;
use jixiao_core::{Document, DocumentKind, Indicator, Target};
use rust_decimal::Decimal;

/// The columns, in order (docs/csv.md says what each holds).
pub const COLUMNS: [&str; 29] = [
    "year",
    "kind",
    "title",
    "department",
    "department_code",
    "project",
    "project_code",
    "implementer",
    "implementer_code",
    "attribute",
    "period",
    "funds_unit",
    "funds_total",
    "funds_fiscal",
    "funds_other",
    "indicator_no",
    "level1",
    "level2",
    "name",
    "policy_target",
    "target",
    "target_kind",
    "target_op",
    "target_value",
    "target_unit",
    "target_canonical",
    "weight",
    "actual",
    "score",
];

/// Writes documents as CSV rows, each as it comes.
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the file with its header. `excel` puts a UTF-8 byte-order mark first, without
    /// which Excel reads the file in the system's legacy code page and garbles Chinese.
    pub fn new(mut out: W, excel: bool) -> io::Result<Self> {
        if excel {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
        out.write_record(COLUMNS).map_err(csv_error)?;
        Ok(CsvWriter { out })
    }

    /// Writes one row per indicator of `doc`; a document without indicators still gets one
    /// row, so that it is not lost from the data.
    pub fn write(&mut self, doc: &Document) -> io::Result<()> {
        let head = document_fields(doc);
        let blank = Indicator::default();
        let indicators: Vec<(usize, &Indicator)> = if doc.indicators.is_empty() {
            vec![(0, &blank)]
        } else {
            doc.indicators.iter().enumerate().map(|(i, x)| (i + 1, x)).collect()
        };
        for (no, ind) in indicators {
            let mut record: Vec<String> = head.clone();
            record.push(if no == 0 { String::new() } else { no.to_string() });
            record.extend(indicator_fields(ind));
            debug_assert_eq!(record.len(), COLUMNS.len());
            self.out.write_record(record.iter().map(|f| neutralise(f).into_owned())).map_err(csv_error)?;
        }
        Ok(())
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| io::Error::other(e.to_string()))
    }
}

impl<W: Write> super::DocumentWriter<W> for CsvWriter<W> {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        CsvWriter::write(self, doc)
    }

    fn finish(self: Box<Self>) -> io::Result<W> {
        CsvWriter::finish(*self)
    }
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn decimal(d: Option<impl Into<Decimal>>) -> String {
    d.map(Into::<Decimal>::into).map(|d| d.normalize().to_string()).unwrap_or_default()
}

fn document_fields(doc: &Document) -> Vec<String> {
    let project = doc.project.clone().unwrap_or_default();
    let is_project = doc.kind == DocumentKind::Project;
    let code = |c: &Stated<String>| c.given().cloned().unwrap_or_default();
    let kind = match doc.kind {
        DocumentKind::Project => "project",
        DocumentKind::Department => "department",
    };
    let mut f = vec![
        doc.year.map(|y| y.to_string()).unwrap_or_default(),
        kind.to_owned(),
        doc.title.clone(),
        doc.department.clone(),
        doc.department_code().unwrap_or_default().to_owned(),
        project.name.clone(),
        code(&project.code),
        project.implementer.clone(),
        code(&project.implementer_code),
        project.attribute.clone(),
        project.period.clone(),
    ];
    if is_project {
        let funds = &project.funds;
        f.extend([funds.unit.label().to_owned(), decimal(funds.total), decimal(funds.fiscal), decimal(funds.other)]);
    } else {
        f.extend([String::new(), String::new(), String::new(), String::new()]);
    }
    f
}

/// The parsed target as `(kind, op, value, unit)`: filled for a single quantity and for a
/// date; a compound target (`大于10个团组，80人次`) leaves op, value and unit empty, so that no
/// column holds half of it, and `target_canonical` holds all its terms.
pub fn target_columns(target: &Target) -> (&'static str, String, String, String) {
    match target {
        Target::Quantity { terms } => match terms.as_slice() {
            // A counted subject (`网站` in `大于网站2个`) is in target_canonical only.
            [t] => ("quantity", t.op.symbol().to_owned(), t.value.to_string(), t.unit.clone()),
            _ => ("quantity", String::new(), String::new(), String::new()),
        },
        Target::Date { op, date } => ("date", op.symbol().to_owned(), date.to_string(), String::new()),
        Target::Range { unit, .. } => ("range", String::new(), String::new(), unit.clone()),
        Target::Quality { .. } => ("quality", String::new(), String::new(), String::new()),
        Target::Empty => ("empty", String::new(), String::new(), String::new()),
    }
}

fn indicator_fields(ind: &Indicator) -> Vec<String> {
    let target = ind.parsed_target();
    let (kind, op, value, unit) = target_columns(&target);
    vec![
        ind.level1.to_string(),
        ind.level2.to_string(),
        ind.name.clone(),
        ind.policy_target.clone().unwrap_or_default(),
        ind.target.clone(),
        kind.to_owned(),
        op,
        value,
        unit,
        target.canonical(),
        decimal(ind.weight),
        ind.actual.clone().unwrap_or_default(),
        decimal(ind.score.into_given()),
    ]
}

/// A field a spreadsheet would run as a formula gets a leading `'` (OWASP's advice). A plain
/// number such as `-5` or `+3.5` is left alone: spreadsheets read it as the number it is.
pub fn neutralise(field: &str) -> std::borrow::Cow<'_, str> {
    let risky = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(field) { format!("'{field}").into() } else { field.into() }
}

fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_injection_is_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(neutralise("@SUM(A1:A9)"), "'@SUM(A1:A9)");
        assert_eq!(neutralise("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("-5"), "-5");
        assert_eq!(neutralise("-0.5"), "-0.5");
        assert_eq!(neutralise("≥90%"), "≥90%");
        assert_eq!(neutralise(">=90%"), ">=90%");
    }

    #[test]
    fn targets_split_into_columns() {
        let cols = |t: &str| target_columns(&Target::parse(t));
        assert_eq!(cols("≥90%"), ("quantity", ">=".into(), "90".into(), "%".into()));
        assert_eq!(cols("大于10个团组，80人次"), ("quantity", "".into(), "".into(), "".into()));
        assert_eq!(cols("2021年12月31日前"), ("date", "<=".into(), "2021-12-31".into(), "".into()));
        assert_eq!(cols("90%-95%"), ("range", "".into(), "".into(), "%".into()));
        assert_eq!(cols("大大提升"), ("quality", "".into(), "".into(), "".into()));
        assert_eq!(cols(""), ("empty", "".into(), "".into(), "".into()));
    }
}

//! How a version's review report is kept: a compact JSON array that leaves out what its document
//! already says, read back into the very same [`DocumentReport`].
//!
//! The report as the API shows it repeats, for every finding, the rule's dimension and its label,
//! and the indicator's four texts, and spells out its keys: it was twice the size of the document,
//! and writing it was a large share of an import. Here a finding is
//! `[rule, severity, subject, index, position, message, hint, extra]`: the dimension comes from
//! the rule's catalogue entry and the indicator's words from the document of the same version.
//! Whatever the document or catalogue would not give back as it was (a rule unknown to this
//! build, a dimension configured otherwise, an indicator that differs from the document) is kept
//! in `extra`, so that nothing the review said is ever lost or changed. A message or hint that
//! recurs from table to table is kept as the id of its template in `finding_texts` (see
//! [`crate::texts`]), filled again with the words of the indicator or task it names. Reports
//! stored before, as the API's JSON object or with every text written out, are still read.

use jixiao_core::Document;
use jixiao_core::report::{DocumentReport, IndicatorRef, Origin, ReportFinding, ReportSummary, TaskRef};
use jixiao_core::review::{RuleId, Severity};
use jixiao_core::source::Position;
use serde::{Deserialize, Serialize};

/// A report stored in this form could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum FindingsError {
    /// Not JSON of either form.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// JSON of the compact form whose values do not fit it.
    #[error("第 {finding} 条审核意见: {what}")]
    Value {
        /// 1-based.
        finding: usize,
        /// What does not fit.
        what: BadValue,
    },
}

/// A value of a stored finding that does not fit what it should point at.
#[derive(Debug, thiserror::Error)]
pub enum BadValue {
    /// A rule this version of jixiao does not know, stored without its dimension.
    #[error("未知的规则 {0}")]
    UnknownRule(String),
    /// An indicator index past the end of the document's indicators (1-based in the message).
    #[error("文档没有第 {} 个指标", .0 + 1)]
    NoIndicator(usize),
    /// A task index past the end of the document's tasks (1-based in the message).
    #[error("文档没有第 {} 项年度主要任务", .0 + 1)]
    NoTask(usize),
    /// A severity other than `e`, `w` or `i`.
    #[error("未知的严重程度 {0}")]
    Severity(String),
    /// A position that is neither `line:column` nor `!sheet!cell`.
    #[error("无法读取的位置 {0}")]
    Position(String),
    /// A template id that `finding_texts` does not hold.
    #[error("数据库中没有编号为 {0} 的审核意见模板")]
    NoTemplate(i64),
}

/// `[report version, errors, warnings, infos, grade, findings]`.
#[derive(Serialize, Deserialize)]
pub struct Stored<F>(u32, usize, usize, usize, String, Vec<F>);

/// One finding; `extra` only when the rest would not give the finding back as it was. Written by
/// [`encode`] as serde_json would write it (tests compare the two).
#[cfg_attr(test, derive(Serialize))]
struct Out<'a>(&'a str, &'a str, &'a str, Option<usize>, Option<String>, TextOut<'a>, TextOut<'a>, Option<Extra<'a>>);

/// One finding as read.
#[derive(Deserialize)]
pub struct In(String, String, String, Option<usize>, Option<String>, TextIn, TextIn, Option<ExtraIn>);

/// A message or hint as stored: the id of its template, or the text itself.
#[cfg_attr(test, derive(Serialize))]
#[cfg_attr(test, serde(untagged))]
enum TextOut<'a> {
    Template(i64),
    Inline(&'a str),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TextIn {
    Template(i64),
    Inline(String),
}

#[derive(Serialize)]
struct Extra<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    dimension: Option<(&'a str, &'a str)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicator: Option<&'a IndicatorRef>,
    /// A reader's diagnostic rather than a rule's finding.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    reading: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<String>,
}

#[derive(Deserialize)]
struct ExtraIn {
    dimension: Option<(String, String)>,
    indicator: Option<IndicatorRef>,
    #[serde(default)]
    reading: bool,
    #[serde(default)]
    until: Option<String>,
}

/// The report of a review of `document`, as stored beside it: the JSON that serde_json gives for
/// `Stored(version, errors, warnings, infos, grade, findings)`, each finding an [`Out`], byte for
/// byte (a test compares them), but written here. serde_json looks at a string's bytes one at a
/// time to find those it escapes, and the messages and hints of the findings, Chinese text of
/// three bytes a character, were most of the time it took to store a report, a twentieth of an
/// import's CPU; [`push_json_str`] passes over eight bytes at a time. `templates` gives the id of
/// a message's or hint's template (see [`crate::texts`]) where the store holds it; the text is
/// written out where it does not.
pub fn encode(
    document: &Document,
    report: &DocumentReport,
    templates: &mut TemplateIds<'_>,
) -> Result<String, serde_json::Error> {
    use std::fmt::Write as _;
    let s = &report.summary;
    let mut out = String::with_capacity(64 + report.findings.len() * 160);
    let mut scratch = String::new();
    let _ = write!(out, "[{},{},{},{},", report.version, s.errors, s.warnings, s.infos);
    push_json_str(&mut out, &s.grade);
    out.push_str(",[");
    for (n, f) in report.findings.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        let Out(rule, severity, subject, index, position, message, hint, extra) =
            finding_out(document, f, templates, &mut scratch);
        out.push('[');
        for text in [rule, severity, subject] {
            push_json_str(&mut out, text);
            out.push(',');
        }
        match index {
            Some(i) => {
                let _ = write!(out, "{i},");
            }
            None => out.push_str("null,"),
        }
        match position {
            Some(p) => push_json_str(&mut out, &p),
            None => out.push_str("null"),
        }
        for text in [message, hint] {
            out.push(',');
            match text {
                TextOut::Template(id) => {
                    let _ = write!(out, "{id}");
                }
                TextOut::Inline(text) => push_json_str(&mut out, text),
            }
        }
        out.push(',');
        match extra {
            // Rare (see `finding_out`): serde_json writes it as it always did.
            Some(extra) => out.push_str(&serde_json::to_string(&extra)?),
            None => out.push_str("null"),
        }
        out.push(']');
    }
    out.push_str("]]");
    Ok(out)
}

/// `text` as a JSON string, escaped as serde_json escapes it: `"` and `\` with a backslash,
/// the control characters as `\b`, `\t`, `\n`, `\f`, `\r` or `\u00xx`, nothing else. Eight
/// bytes at a time are tested at once for any of those and copied as they are when none is there.
fn push_json_str(out: &mut String, text: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `w` is below 0x20, a quote or a backslash (a byte of zero after the
    // xor is one equal to the byte looked for).
    let any_escaped = |w: u64| {
        let below_space = w.wrapping_sub(ONES * 0x20) & !w;
        let quote = (w ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES) & !(w ^ (ONES * u64::from(b'"')));
        let backslash = (w ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES) & !(w ^ (ONES * u64::from(b'\\')));
        (below_space | quote | backslash) & HIGH != 0
    };
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push('"');
    // Bytes from `copied` on are still to be copied as they are.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
            if !any_escaped(w) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escaped: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            0x08 => Some("\\b"),
            b'\t' => Some("\\t"),
            b'\n' => Some("\\n"),
            0x0c => Some("\\f"),
            b'\r' => Some("\\r"),
            0..0x20 => Some(""),
            _ => None,
        };
        if let Some(escaped) = escaped {
            // An ASCII byte: the text before it ends on a character's boundary.
            out.push_str(&text[copied..i]);
            if escaped.is_empty() {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            } else {
                out.push_str(escaped);
            }
            copied = i + 1;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out.push('"');
}

/// Looks up the id of a template in the store: `None` where it holds none.
pub type TemplateIds<'a> = dyn FnMut(&str) -> Option<i64> + 'a;

/// Looks up the text of a template the store holds by its id.
pub type TemplateTexts<'a> = dyn Fn(i64) -> Option<&'a str> + 'a;

/// A stored report read as JSON, the texts of its templates still to be looked up.
pub enum Parsed {
    /// As the API's JSON object (stores written before the compact form).
    Plain(DocumentReport),
    /// The compact form.
    Compact(Stored<In>),
}

/// Reads a report stored by [`encode`] (or, from an older store, as plain JSON), up to the texts
/// of its templates.
pub fn parse(text: &str) -> Result<Parsed, FindingsError> {
    if !text.trim_start().starts_with('[') {
        return Ok(Parsed::Plain(serde_json::from_str(text)?));
    }
    Ok(Parsed::Compact(serde_json::from_str(text)?))
}

impl Parsed {
    /// The ids of the templates it names.
    pub fn templates(&self) -> Vec<i64> {
        let Parsed::Compact(Stored(.., findings)) = self else {
            return Vec::new();
        };
        let mut ids: Vec<i64> = findings
            .iter()
            .flat_map(|f| [&f.5, &f.6])
            .filter_map(|t| match t {
                TextIn::Template(id) => Some(*id),
                TextIn::Inline(_) => None,
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The report stored with `document`, its templates' texts given by `texts`.
    pub fn resolve(self, document: &Document, texts: &TemplateTexts<'_>) -> Result<DocumentReport, FindingsError> {
        let Stored(version, errors, warnings, infos, grade, findings) = match self {
            Parsed::Plain(report) => return Ok(report),
            Parsed::Compact(stored) => stored,
        };
        let findings = findings
            .into_iter()
            .enumerate()
            .map(|(n, f)| finding_in(document, f, texts).map_err(|what| FindingsError::Value { finding: n + 1, what }))
            .collect::<Result<_, _>>()?;
        Ok(DocumentReport { version, summary: ReportSummary { errors, warnings, infos, grade }, findings })
    }
}

/// The words a finding's texts are templated on: the name of the task it names by index (subject
/// `t`), or the name and target of the indicator; none where the document has no such part.
fn words<'d>(document: &'d Document, subject: &str, index: Option<usize>) -> (&'d str, &'d str) {
    let words = match index {
        Some(i) if subject == "t" => document.tasks.get(i).map(|t| (t.name.as_str(), "")),
        Some(i) => document.indicators.get(i).map(|x| (x.name.as_str(), x.target.as_str())),
        None => None,
    };
    words.unwrap_or(("", ""))
}

/// A message or hint as it is stored: by its template's id where the store holds the template.
fn text_out<'a>(
    text: &'a str,
    (name, target): (&str, &str),
    templates: &mut TemplateIds<'_>,
    scratch: &mut String,
) -> TextOut<'a> {
    let template = crate::texts::template(text, name, target, scratch);
    match template.len() <= crate::texts::LONGEST {
        true => templates(template).map_or(TextOut::Inline(text), TextOut::Template),
        false => TextOut::Inline(text),
    }
}

fn text_in(text: TextIn, (name, target): (&str, &str), texts: &TemplateTexts<'_>) -> Result<String, BadValue> {
    match text {
        TextIn::Inline(text) => Ok(text),
        TextIn::Template(id) => Ok(crate::texts::fill(texts(id).ok_or(BadValue::NoTemplate(id))?, name, target)),
    }
}

/// `scratch` holds the templates while they are looked up, from finding to finding.
fn finding_out<'a>(
    document: &Document,
    f: &'a ReportFinding,
    templates: &mut TemplateIds<'_>,
    scratch: &mut String,
) -> Out<'a> {
    let catalogued = RuleId::from_code(&f.rule).map(|r| r.rule().dimension);
    let dimension = match catalogued {
        Some(d) if d.code() == f.dimension && d.label() == f.dimension_label => None,
        _ => Some((f.dimension.as_str(), f.dimension_label.as_str())),
    };
    // The identity is not kept: the version's identities give it back when read.
    let indicator = f.indicator.as_ref().filter(|r| !names_indicator(document, r));
    let reading = f.origin == Origin::Reading;
    let until = f.until.as_ref().map(position_out);
    let extra = (dimension.is_some() || indicator.is_some() || reading || until.is_some()).then_some(Extra {
        dimension,
        indicator,
        reading,
        until,
    });
    let subject = subject_code(&f.subject);
    let index = f.indicator.as_ref().map(|r| r.index).or(f.task.as_ref().map(|t| t.index));
    let words = words(document, subject, index);
    Out(
        &f.rule,
        severity_code(f.severity),
        subject,
        index,
        f.position.as_ref().map(position_out),
        text_out(&f.message, words, templates, scratch),
        text_out(&f.hint, words, templates, scratch),
        extra,
    )
}

fn finding_in(document: &Document, f: In, texts: &TemplateTexts<'_>) -> Result<ReportFinding, BadValue> {
    let In(rule, severity, subject, index, position, message, hint, extra) = f;
    let words = words(document, &subject, index);
    let message = text_in(message, words, texts)?;
    let hint = text_in(hint, words, texts)?;
    let (dimension, indicator, reading, until) = match extra {
        Some(e) => (e.dimension, e.indicator, e.reading, e.until),
        None => (None, None, false, None),
    };
    let (dimension, dimension_label) = match dimension {
        Some(d) => d,
        None => {
            let d = RuleId::from_code(&rule).ok_or_else(|| BadValue::UnknownRule(rule.clone()))?.rule().dimension;
            (d.code().to_owned(), d.label().to_owned())
        }
    };
    // The index is a task's under subject `t`, else an indicator's.
    let (indicator, task) = match (indicator, index) {
        (_, Some(i)) if subject == "t" => (None, Some(TaskRef::of(document, i).ok_or(BadValue::NoTask(i))?)),
        (Some(r), _) => (Some(r), None),
        (None, Some(i)) => (Some(IndicatorRef::of(document, i).ok_or(BadValue::NoIndicator(i))?), None),
        (None, None) => (None, None),
    };
    Ok(ReportFinding {
        origin: if reading { Origin::Reading } else { Origin::Review },
        rule,
        severity: match severity.as_str() {
            "e" => Severity::Error,
            "w" => Severity::Warning,
            "i" => Severity::Info,
            other => return Err(BadValue::Severity(other.to_owned())),
        },
        dimension,
        dimension_label,
        subject: match subject.as_str() {
            "d" => "document",
            "p" => "period",
            "f" => "funds",
            "i" => "indicator",
            "t" => "task",
            other => other,
        }
        .to_owned(),
        indicator,
        task,
        position: position.as_deref().map(position_in).transpose()?,
        until: until.as_deref().map(position_in).transpose()?,
        message,
        hint,
    })
}

/// Whether `r` names the document's indicator of its index with that indicator's very words (as
/// [`IndicatorRef::of`] would give it back), compared in place: a report has a finding for most
/// indicators, and copying their words to compare them was a share of every import.
fn names_indicator(document: &Document, r: &IndicatorRef) -> bool {
    document
        .indicators
        .get(r.index)
        .is_some_and(|i| i.level1 == r.level1 && i.level2 == r.level2 && i.name == r.name && i.target == r.target)
}

fn severity_code(s: Severity) -> &'static str {
    match s {
        Severity::Error => "e",
        Severity::Warning => "w",
        Severity::Info => "i",
    }
}

/// One letter for the subjects the review knows; any other is kept as it is (none is one letter).
fn subject_code(subject: &str) -> &str {
    match subject {
        "document" => "d",
        "period" => "p",
        "funds" => "f",
        "indicator" => "i",
        "task" => "t",
        other => other,
    }
}

/// `12:4` for a line and cell of a text, `!Sheet!B7` for a spreadsheet's cell (a cell reference
/// has no `!`, so the last one ends the sheet's name, whatever that holds).
fn position_out(p: &Position) -> String {
    match p {
        Position::Text { line, column } => format!("{line}:{column}"),
        Position::Cell { sheet, cell } => format!("!{sheet}!{cell}"),
    }
}

fn position_in(s: &str) -> Result<Position, BadValue> {
    let bad = || BadValue::Position(s.to_owned());
    if let Some(rest) = s.strip_prefix('!') {
        let (sheet, cell) = rest.rsplit_once('!').ok_or_else(bad)?;
        return Ok(Position::Cell { sheet: sheet.to_owned(), cell: cell.to_owned() });
    }
    let (line, column) = s.split_once(':').ok_or_else(bad)?;
    Ok(Position::Text { line: line.parse().map_err(|_| bad())?, column: column.parse().map_err(|_| bad())? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_core::model::{DocumentKind, Indicator};

    fn document() -> Document {
        let mut d = Document::new(DocumentKind::Department);
        d.department = "外事办".into();
        for (name, target) in [("出访团组数", "若干"), ("满意度", "大大提升"), ("出访费用", "大于650万元")]
        {
            d.indicators.push(Indicator {
                level1: "产出指标".into(),
                level2: "数量指标".into(),
                name: name.into(),
                target: target.into(),
                ..Indicator::default()
            });
        }
        d
    }

    fn report(d: &Document) -> DocumentReport {
        DocumentReport::new(d, &jixiao_core::review::review(d, None))
    }

    /// Encodes with every text written out, as for a store that holds no template.
    fn encode(d: &Document, r: &DocumentReport) -> Result<String, serde_json::Error> {
        super::encode(d, r, &mut |_| None)
    }

    fn decode(d: &Document, text: &str) -> Result<DocumentReport, FindingsError> {
        parse(text)?.resolve(d, &|_| None)
    }

    #[test]
    fn texts_kept_as_templates_come_back_with_their_own_indicators_words() {
        let d = document();
        let mut r = report(&d);
        // A finding whose indicator differs from the document's keeps that in `extra`; its texts
        // are filled with the document's words, as they were taken out.
        let at = r.findings.iter().position(|f| f.indicator.is_some()).unwrap();
        r.findings[at].indicator.as_mut().unwrap().target = "≥3个".into();
        let mut store: Vec<String> = Vec::new();
        let mut ids = |t: &str| {
            let at = store.iter().position(|s| s == t).unwrap_or_else(|| {
                store.push(t.to_owned());
                store.len() - 1
            });
            Some(at as i64 + 1)
        };
        let text = super::encode(&d, &r, &mut ids).unwrap();
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.templates().len(), store.len(), "{text}");
        assert!(store.iter().any(|t| t.contains("\u{1}n")), "{store:?}");
        let back = parsed.resolve(&d, &|id| store.get(id as usize - 1).map(String::as_str)).unwrap();
        assert_eq!(back, r);
        assert!(text.len() * 3 < encode(&d, &r).unwrap().len(), "{text}");
        // An id the store does not hold is an error that says which finding.
        let err = parse(&text).unwrap().resolve(&d, &|_| None).unwrap_err();
        assert!(err.to_string().starts_with("第 1 条审核意见: 数据库中没有编号为 1 的"), "{err}");
    }

    #[test]
    fn a_report_comes_back_equal_and_smaller() {
        let d = document();
        let mut r = report(&d);
        assert!(r.findings.iter().any(|f| f.indicator.is_some()), "{r:?}");
        assert!(r.findings.iter().any(|f| f.indicator.is_none()), "{r:?}");
        r.findings[0].position = Some(Position::Cell { sheet: "表!1".into(), cell: "B7".into() });
        r.findings[1].position = Some(Position::text(14, 3));
        let text = encode(&d, &r).unwrap();
        assert_eq!(decode(&d, &text).unwrap(), r);
        let plain = serde_json::to_string(&r).unwrap();
        assert!(text.len() * 3 < plain.len() * 2, "{} bytes against {}", text.len(), plain.len());
    }

    #[test]
    fn a_tasks_finding_names_its_task_and_comes_back_equal() {
        use jixiao_core::model::{Funds, Task};
        use jixiao_core::quantity::Amount;
        let mut d = document();
        let funds = |t: i64, f: i64, o: i64| Funds {
            total: Some(Amount::from(t)),
            fiscal: Some(Amount::from(f)),
            other: Some(Amount::from(o)),
            ..Funds::default()
        };
        d.tasks = vec![
            Task { name: "出访".into(), funds: funds(100, 100, 0), ..Task::default() },
            Task { name: "接待".into(), funds: funds(500, 450, 40), ..Task::default() },
        ];
        let r = report(&d);
        let f = r.findings.iter().find(|f| f.rule == "funds-sum").expect("the second task's sum is wrong");
        assert_eq!(
            (f.subject.as_str(), f.task.as_ref().map(|t| (t.index, t.name.as_str()))),
            ("task", Some((1, "接待")))
        );
        assert_eq!(decode(&d, &encode(&d, &r).unwrap()).unwrap(), r);
        // A stored index past the document's tasks is refused, not read as an indicator.
        let mut fewer = d.clone();
        fewer.tasks.pop();
        assert!(matches!(
            decode(&fewer, &encode(&d, &r).unwrap()),
            Err(FindingsError::Value { what: BadValue::NoTask(1), .. })
        ));
    }

    #[test]
    fn what_the_document_and_catalogue_would_not_give_back_is_kept() {
        let d = document();
        let mut r = report(&d);
        let at = r.findings.iter().position(|f| f.indicator.is_some()).unwrap();
        // Findings of an older review: the indicator has changed since, a dimension was
        // configured otherwise, a rule this build does not know, an index past the end.
        r.findings[at].indicator.as_mut().unwrap().target = "≥3个".into();
        r.findings[0].dimension_label = "别的维度".into();
        r.findings.push(ReportFinding { rule: "future-rule".into(), ..r.findings[at].clone() });
        r.findings.push(ReportFinding {
            indicator: Some(IndicatorRef { index: 9, ..r.findings[at].indicator.clone().unwrap() }),
            ..r.findings[at].clone()
        });
        assert_eq!(decode(&d, &encode(&d, &r).unwrap()).unwrap(), r);
    }

    #[test]
    fn a_readers_diagnostics_come_back_as_they_were() {
        let d = document();
        let review = jixiao_core::review::review(&d, None);
        let mut unplaced = jixiao_core::diagnostic::Diagnostic::unplaced(Position::text(3, 2), "多余", "没有表头");
        unplaced.until = Some(Position::text(5, 1));
        let note = jixiao_core::diagnostic::Diagnostic::note("wrapped-cell", None, "折行".into());
        let r = DocumentReport::read_and_reviewed(&d, &[unplaced, note], &review);
        assert_eq!(r.findings[0].origin, Origin::Reading);
        assert_eq!(decode(&d, &encode(&d, &r).unwrap()).unwrap(), r);
    }

    /// What serde_json gives for the stored form, which `encode` writes itself.
    fn as_serde_json_writes_it(d: &Document, r: &DocumentReport) -> String {
        let findings: Vec<Out<'_>> =
            r.findings.iter().map(|f| finding_out(d, f, &mut |_| None, &mut String::new())).collect();
        let s = &r.summary;
        serde_json::to_string(&Stored(r.version, s.errors, s.warnings, s.infos, s.grade.clone(), findings)).unwrap()
    }

    #[test]
    fn a_report_is_written_as_serde_json_writes_it() {
        let d = document();
        let mut r = report(&d);
        assert_eq!(encode(&d, &r).unwrap(), as_serde_json_writes_it(&d, &r));
        // Texts with what JSON escapes, at every place within a word of eight bytes, positions
        // of both kinds, and findings with extras.
        let at = r.findings.iter().position(|f| f.indicator.is_some()).unwrap();
        r.findings[at].indicator.as_mut().unwrap().target = "≥3个\"\\".into();
        r.findings[0].dimension_label = "别的\n维度".into();
        r.findings[0].position = Some(Position::Cell { sheet: "表\"1".into(), cell: "B7".into() });
        r.findings[1].position = Some(Position::text(14, 3));
        r.summary.grade = "良\u{7f}".into();
        let template = r.findings[at].clone();
        for special in ["\"", "\\", "\u{0}", "\u{8}", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1f}", "/", "\u{7f}"] {
            for before in 0..10 {
                let mut f = template.clone();
                f.message = format!("{}{special}审核意见", "a".repeat(before));
                f.hint = format!("{special}{}", "请补充".repeat(before));
                r.findings.push(f);
            }
        }
        assert_eq!(encode(&d, &r).unwrap(), as_serde_json_writes_it(&d, &r));
        assert_eq!(decode(&d, &encode(&d, &r).unwrap()).unwrap(), r);
    }

    #[test]
    fn a_text_is_escaped_as_serde_json_escapes_it() {
        // Every ASCII byte, at each place in a word, between texts of one, two and three bytes a
        // character.
        for b in 0u8..0x80 {
            for before in 0..9 {
                let text = format!("{}{}é中{}", "中".repeat(before), char::from(b), "x".repeat(before));
                let mut out = String::new();
                push_json_str(&mut out, &text);
                assert_eq!(out, serde_json::to_string(&text).unwrap(), "byte {b:#x}, {before} before");
            }
        }
    }

    #[test]
    fn a_report_stored_as_plain_json_is_still_read() {
        let d = document();
        let r = report(&d);
        assert_eq!(decode(&d, &serde_json::to_string(&r).unwrap()).unwrap(), r);
    }

    #[test]
    fn a_damaged_report_is_an_error_saying_which_finding() {
        let d = document();
        let err = decode(&d, r#"[1,0,1,0,"良",[["missing-unit","x","i",0,null,"m","h",null]]]"#).unwrap_err();
        assert_eq!(err.to_string(), "第 1 条审核意见: 未知的严重程度 x");
        let err = decode(&d, r#"[1,0,1,0,"良",[["missing-unit","w","i",7,null,"m","h",null]]]"#).unwrap_err();
        assert!(err.to_string().contains("第 8 个指标"), "{err}");
        assert!(decode(&d, "[1,0").is_err());
    }
}

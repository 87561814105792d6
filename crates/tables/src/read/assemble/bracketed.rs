//! Targets published as prose under bracketed headings, as some budget pages list a
//! department's projects: each project's name and amount, `【项目概况】…`, `【总体目标】` and its
//! goal, then `【产出指标-数量指标】` over its indicators, `指标1:机柜数量(≥77台)`, one a line.

use jixiao_core::levels::{LevelName, canonical_level1, canonical_level2, classify};
use jixiao_core::source::{Position, Reading, SourceMap};
use jixiao_core::text::{is_ideograph, trim};
use jixiao_core::{Document, DocumentKind, HeaderField, Indicator, Project};

use super::fields::year_of;
use super::{Outside, missing_year_note};
use crate::read::{Item, ReadDocument};

/// How many lines before a project's `【项目概况】` may hold its name and amount.
const RECENT: usize = 4;

/// Whether a text's start is in this form: a heading of two standard levels in brackets, and a
/// numbered indicator with its target in brackets.
pub fn sniff(sample: &str) -> bool {
    let mut heading = false;
    for line in sample.lines().map(trim) {
        if levels_heading(line).is_some() {
            heading = true;
        } else if heading && numbered(line).is_some_and(|(_, t)| t.is_some()) {
            return true;
        }
    }
    false
}

/// The two levels a heading names (`【产出指标-数量指标】`), as written.
fn levels_heading(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('【')?.strip_suffix('】')?;
    let (one, two) = inner.split_once(['-', '－', '—'])?;
    (classify(one).0.is_some() && classify(two).1.is_some()).then_some((one, two))
}

/// A numbered indicator (`指标1:机柜数量(≥77台)`): its name, and its target where brackets
/// end the line.
fn numbered(line: &str) -> Option<(&str, Option<&str>)> {
    let rest = line.strip_prefix("指标")?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = rest[digits..].strip_prefix([':', '：']).filter(|_| digits > 0)?;
    let close = rest.strip_suffix(')').or_else(|| rest.strip_suffix('）'));
    let split = close.and_then(|body| body.rfind(['(', '（']).map(|open| (body, open)));
    Some(match split {
        Some((body, open)) if open > 0 => {
            let bracket = if body[open..].starts_with('(') { 1 } else { '（'.len_utf8() };
            (trim(&body[..open]), Some(trim(&body[open + bracket..])))
        }
        _ => (rest, None),
    })
}

/// The documents of a text in this form, read a line at a time.
#[derive(Default)]
pub struct Bracketed {
    /// The page's heading naming the tables (`黄山市公安局2025年项目绩效目标和指标`).
    title: Option<String>,
    /// Lines since the last one read, which may hold the next project's name.
    recent: Vec<(Position, String)>,
    doc: Option<(Document, SourceMap)>,
    level1: LevelName,
    level2: LevelName,
    /// Whether the lines next are the project's goals (after `【总体目标】`).
    in_goals: bool,
    /// Lines read as nothing since the last line read.
    outside: Option<Outside>,
}

impl Bracketed {
    /// Reads one line.
    pub fn line(&mut self, line_no: u32, text: &str, out: &mut Vec<Item>) {
        let line = trim(text);
        if line.is_empty() {
            return;
        }
        let at = Position::text(line_no, 1);
        if let Some((one, two)) = levels_heading(line) {
            self.flush_outside(out);
            self.in_goals = false;
            if self.doc.is_none() {
                self.start(&at, out);
            }
            self.level1 = canonical_level1(one).into();
            self.level2 = canonical_level2(two).into();
            return;
        }
        if let Some(rest) = line.strip_prefix("【项目概况】") {
            self.start(&at, out);
            self.note_outside(&at, rest);
            return;
        }
        if let Some(rest) = line.strip_prefix("【总体目标】") {
            // A project's goals come before its indicators: after some, they are the next one's.
            if self.doc.as_ref().is_none_or(|(d, _)| !d.indicators.is_empty()) {
                self.start(&at, out);
            }
            self.in_goals = true;
            let goal = trim(rest.trim_start_matches([':', '：']));
            if !goal.is_empty() {
                self.goal(goal);
            }
            return;
        }
        let indicator = numbered(line).filter(|_| self.doc.is_some() && !self.level1.is_empty());
        if let Some((name, target)) = indicator {
            self.flush_outside(out);
            self.in_goals = false;
            if let Some((doc, source)) = &mut self.doc {
                doc.indicators.push(Indicator {
                    level1: self.level1.clone(),
                    level2: self.level2.clone(),
                    name: name.to_owned(),
                    target: target.unwrap_or_default().to_owned(),
                    ..Indicator::default()
                });
                source.indicators.push(Some(at));
            }
            return;
        }
        if self.in_goals && !line.starts_with('【') {
            self.goal(line);
            return;
        }
        self.in_goals = false;
        if self.title.is_none() && self.doc.is_none() && line.contains("绩效目标") && line.chars().count() <= 40 {
            self.title = Some(line.to_owned());
        }
        self.recent.push((at, line.to_owned()));
        if self.recent.len() > RECENT {
            let (at, text) = self.recent.remove(0);
            self.note_outside(&at, &text);
        }
    }

    /// The text has ended.
    pub fn finish(mut self, out: &mut Vec<Item>) {
        self.finish_doc(out);
        for (at, text) in std::mem::take(&mut self.recent) {
            self.note_outside(&at, &text);
        }
        self.flush_outside(out);
    }

    fn goal(&mut self, line: &str) {
        if let Some((doc, _)) = &mut self.doc {
            doc.goals.push(line.to_owned());
        }
    }

    /// Starts the next project's document, named by the last line before it with words (the
    /// lines after that name, its amount, are reported: their unit is not given).
    fn start(&mut self, at: &Position, out: &mut Vec<Item>) {
        self.finish_doc(out);
        let recent = std::mem::take(&mut self.recent);
        let named = recent.iter().rposition(|(_, t)| t.chars().any(is_ideograph) && !t.starts_with('【'));
        let mut name = String::new();
        for (i, (p, text)) in recent.into_iter().enumerate() {
            if Some(i) == named {
                name = text;
            } else {
                self.note_outside(&p, &text);
            }
        }
        self.flush_outside(out);
        let title = self.title.clone().unwrap_or_else(|| "项目绩效目标".to_owned());
        let mut labels = vec![HeaderField::Goals];
        if !name.is_empty() {
            labels.push(HeaderField::Name);
        }
        let mut doc = Document::new(DocumentKind::Project);
        doc.year = year_of(&title);
        doc.title = title;
        doc.project = Some(Project { name, ..Project::default() });
        let source = SourceMap {
            document: Some(at.clone()),
            reading: Some(Reading { labels, ..Reading::default() }),
            ..SourceMap::default()
        };
        self.doc = Some((doc, source));
        self.level1 = LevelName::default();
        self.level2 = LevelName::default();
    }

    fn finish_doc(&mut self, out: &mut Vec<Item>) {
        let Some((document, source)) = self.doc.take() else { return };
        if document.year.is_none() {
            out.push(Item::Diagnostic(missing_year_note(source.document.clone())));
        }
        out.push(Item::Document(Box::new(ReadDocument { document, source })));
    }

    fn note_outside(&mut self, at: &Position, text: &str) {
        let text = trim(text);
        if text.is_empty() {
            return;
        }
        match &mut self.outside {
            Some(o) => o.add(at),
            None => self.outside = Some(Outside::new(at, text)),
        }
    }

    fn flush_outside(&mut self, out: &mut Vec<Item>) {
        if let Some(o) = self.outside.take() {
            out.push(Item::Diagnostic(o.note()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn read(text: &str) -> (Vec<ReadDocument>, Vec<Diagnostic>) {
        let mut b = Bracketed::default();
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            b.line(i as u32 + 1, line, &mut out);
        }
        b.finish(&mut out);
        let (mut docs, mut diags) = (Vec::new(), Vec::new());
        for item in out {
            match item {
                Item::Document(d) => docs.push(*d),
                Item::Diagnostic(d) => diags.push(d),
            }
        }
        (docs, diags)
    }

    const PAGE: &str = "黄山市公安局2025年项目绩效目标和指标\n单位编码\n单位名称\n 037001\n 黄山市公安局\n\
        27955180\n   037001\n   雪亮工程机房租赁服务采购项目\n1681680\n【项目概况】:该项目为机房租赁服务。\n\
        【总体目标】\n保障机房内所有设备设施运转\n【产出指标-数量指标】\n指标1:机柜数量(≥77台)\n\
        【产出指标-成本指标】\n指标1:维护成本(<1681680元)\n【满意度指标-服务对象满意度指标】\n指标1:提升群众安全感(≥90%)\n\
         本级项目\n   037001\n   第二个项目\n500\n【总体目标】\n目标二\n【效益指标-社会效益指标】\n指标1:服务保障民生(有力保障)\n";

    #[test]
    fn the_form_is_told_by_a_heading_of_levels_and_a_numbered_indicator() {
        assert!(sniff(PAGE));
        assert!(!sniff("【产出指标-数量指标】 alone\n机柜数量 ≥77台\n"));
        assert!(!sniff("指标1:机柜数量(≥77台)\n"));
    }

    #[test]
    fn each_project_is_a_document_with_its_goals_and_indicators() {
        let (docs, diags) = read(PAGE);
        let names: Vec<_> = docs.iter().map(|d| d.document.project.as_ref().map(|p| p.name.clone())).collect();
        assert_eq!(names, [Some("雪亮工程机房租赁服务采购项目".to_owned()), Some("第二个项目".to_owned())]);
        let first = &docs[0].document;
        assert_eq!(first.year, Some(2025));
        assert_eq!(first.goals, ["保障机房内所有设备设施运转"]);
        let rows: Vec<String> =
            first.indicators.iter().map(|i| format!("{}/{}/{}/{}", i.level1, i.level2, i.name, i.target)).collect();
        assert_eq!(
            rows,
            [
                "产出指标/数量指标/机柜数量/≥77台",
                "产出指标/成本指标/维护成本/<1681680元",
                "满意度指标/服务对象满意度指标/提升群众安全感/≥90%"
            ]
        );
        assert_eq!(docs[1].document.indicators[0].target, "有力保障");
        assert_eq!(docs[0].source.indicators.len(), 3);
        // The lines no table holds, the amounts among them, are reported.
        assert!(diags.iter().filter(|d| d.code == "outside-table").count() >= 2, "{diags:?}");
    }

    #[test]
    fn a_target_with_brackets_of_its_own_keeps_them() {
        assert_eq!(numbered("指标2:达标率(%)(≥95%)"), Some(("达标率(%)", Some("≥95%"))));
        assert_eq!(numbered("指标3:覆盖面"), Some(("覆盖面", None)));
        assert_eq!(numbered("指标:名称(值)"), None);
    }
}

//! 完整性: the parts a table must have — header fields, the three kinds of 一级, full indicator
//! rows, a target for each indicator — and no indicator listed twice.

use crate::levels::{Frame, Level1};
use crate::model::{DocumentKind, HeaderField, Horizon, Project};
use crate::target::Target;

use super::context::Context;
use super::hints::example_target;
use super::template::{self, Template};
use super::{RuleId, Sink, Subject, cat};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    missing_field(cx, out);
    incomplete_indicator(cx, out);
    missing_level(cx, out);
    missing_target(cx, out);
    duplicate_indicator(cx, out);
}

fn missing_field(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::MissingField) {
        return;
    }
    let doc = cx.doc;
    let mut missing: Vec<&str> = Vec::new();
    match doc.kind {
        DocumentKind::Project => {
            let none = Project::default();
            let p = doc.project.as_ref().unwrap_or(&none);
            // Only what the table's template has: most forms have no 项目属性 or 项目期.
            for &field in cx.fields {
                let absent = match field {
                    HeaderField::Name => blank(&p.name),
                    HeaderField::Department => blank(&doc.department),
                    HeaderField::Implementer => blank(&p.implementer),
                    HeaderField::Attribute => blank(&p.attribute),
                    HeaderField::Period => blank(&p.period),
                    // A monitoring table's 年度资金总额 is the first row of its budget block.
                    // A table that states only the project's 资金总额 states its money too.
                    HeaderField::Funds => {
                        p.funds.total.is_none()
                            && p.funds.fiscal.is_none()
                            && p.funds.period_total.given().is_none()
                            && doc
                                .monitoring
                                .as_ref()
                                .is_none_or(|m| m.budget_initial.is_none() && m.budget_full_year.is_none())
                    }
                    HeaderField::Goals => doc.goals.iter().all(|g| blank(g)),
                };
                if absent && cx.shows_label(field) {
                    missing.push(field.label());
                }
            }
        }
        DocumentKind::Department => {
            if blank(&doc.department) && cx.shows_label(HeaderField::Department) {
                missing.push("部门名称");
            }
            if doc.duties.iter().chain(&doc.goals).all(|g| blank(g))
                && cx.template == Template::Department
                && cx.shows_label(HeaderField::Goals)
            {
                missing.push("部门职责/绩效目标");
            }
        }
    }
    // Indicators the reader met and could not read are its warning, not the table's gap.
    if doc.indicators.is_empty() && !cx.indicators_unread() {
        missing.push("绩效指标");
    }
    if !missing.is_empty() {
        out.report(
            RuleId::MissingField,
            Subject::Document,
            format!("{}缺少{}", cx.template.label(), missing.join("、")),
            format!("补填{}; 确实没有的填“无”并说明原因", missing.join("、")),
        );
    }
}

/// One of the three name columns of an indicator row.
type Column = fn(&crate::model::Indicator) -> &str;

fn incomplete_indicator(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::IncompleteIndicator) || !cx.template.has_levels() {
        return;
    }
    // A column blank on every row is one the template does not have (a two-level form has no
    // 三级): that is the form, not a gap in a row.
    let inds = &cx.doc.indicators;
    let has = |col: Column| inds.iter().any(|i| !blank(col(i)));
    let columns: [(&str, bool, Column); 3] = [
        ("一级指标", has(|i| &i.level1), |i| &i.level1),
        ("二级指标", has(|i| &i.level2), |i| &i.level2),
        ("三级指标", has(|i| &i.name), |i| &i.name),
    ];
    for (i, ind, f) in cx.indicators() {
        let mut missing: Vec<&str> = Vec::new();
        for (label, present, col) in &columns {
            // A 一级 left blank is told from a standard 二级 (merged cells lost in copying).
            let told = *label == "一级指标" && (f.level1.is_some() || f.level2.is_some());
            if *present && !told && blank(col(ind)) {
                missing.push(label);
            }
        }
        if !missing.is_empty() {
            let what =
                if blank(&ind.name) { format!("指标值“{}”", ind.target) } else { format!("“{}”", ind.name) };
            out.report(
                RuleId::IncompleteIndicator,
                Subject::Indicator(i),
                format!("指标{what}所在行缺少{}", missing.join("、")),
                format!("为指标{what}补上{}", missing.join("、")),
            );
        }
    }
}

fn missing_level(cx: &Context, out: &mut Sink) {
    // Rows the reader could not read may hold any kind of indicator.
    if !cx.is_project() || !cx.template.has_levels() || !out.enabled(RuleId::MissingLevel) || cx.indicators_unread() {
        return;
    }
    // A self-evaluation (whose template is told before a table without levels is) that names
    // no level at all: none of the kinds is missing.
    if template::names_no_level(&cx.doc.indicators) {
        return;
    }
    let mut present = [false; 4];
    for f in &cx.facts {
        // A 二级 says its kind wherever it stands: 服务对象满意度 under 效益指标 (as the 2015
        // frame has it, or misplaced, which level-mismatch tells) is a satisfaction indicator.
        for level1 in [f.level1, f.level2.map(|l| l.usual_parent())].into_iter().flatten() {
            match level1 {
                Level1::Output => present[0] = true,
                Level1::Benefit => present[1] = true,
                Level1::Satisfaction => present[2] = true,
                Level1::Cost => present[3] = true,
            }
        }
        if f.is_cost() {
            present[3] = true;
        }
    }
    // 成本指标 is required by 财预〔2021〕101号: under the 2021 frame, or from the configured year;
    // not by the investment and transfer frame (一级 实施效果指标), whose forms have no place
    // for one.
    let cost_required = !matches!(cx.template, Template::SelfEvaluation | Template::Transfer)
        && match cx.frame {
            Frame::F2021 => true,
            Frame::F2015 => false,
            Frame::Any => cx.doc.year.is_some_and(|y| y >= cx.thresholds.cost_level_from_year),
        };
    let levels = [Level1::Output, Level1::Benefit, Level1::Satisfaction, Level1::Cost];
    for (level, present) in levels.into_iter().zip(present) {
        if present || (level == Level1::Cost && !cost_required) {
            continue;
        }
        let (message, hint) = match level {
            Level1::Cost => (
                "项目没有成本指标 (财预〔2021〕101号要求设置)".to_owned(),
                "增加成本指标, 写明项目主要支出的金额上限 (如“设备购置成本 ≤50万元”)",
            ),
            Level1::Satisfaction => {
                ("项目没有满意度指标".to_owned(), "增加满意度指标, 写明服务对象和下限 (如“服务对象满意度 ≥90%”)")
            }
            Level1::Output => {
                ("项目没有产出指标".to_owned(), "增加产出指标: 项目完成的数量、质量、时效 (如“培训人数 ≥100人”)")
            }
            Level1::Benefit => (
                "项目没有效益指标".to_owned(),
                "增加效益指标: 项目带来的社会、经济或生态效益 (如“受益群众人数 ≥500人”)",
            ),
        };
        out.report(RuleId::MissingLevel, Subject::Document, message, hint);
    }
}

fn missing_target(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::MissingTarget) {
        return;
    }
    for (i, ind, f) in cx.indicators() {
        if matches!(f.target, Target::Empty) && !blank(&ind.name) {
            let shown =
                if ind.target.trim().is_empty() { "空白".to_owned() } else { format!("“{}”", ind.target) };
            out.report(
                RuleId::MissingTarget,
                Subject::Indicator(i),
                cat(&["指标“", &ind.name, "”没有指标值 (为", &shown, ")"]),
                cat(&["为“", &ind.name, "”填写可衡量的指标值, 如“", &example_target(f, cx.doc.year), "”"]),
            );
        }
    }
}

fn duplicate_indicator(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::DuplicateIndicator) {
        return;
    }
    let inds = &cx.doc.indicators;
    // Where each (二级, 三级) first appears. A short table is scanned back (no allocation, the
    // common case); a long one is indexed, so that 100,000 indicators cost per indicator what
    // ten do. Names are trimmed by the readers (format.md).
    // The long-term and the year's indicators of a table that gives both name the same things.
    let mut seen: std::collections::HashMap<(&str, &str, Option<Horizon>), usize> = std::collections::HashMap::new();
    let indexed = inds.len() > 64;
    for (i, ind) in inds.iter().enumerate() {
        let name = ind.name.as_str();
        if name.is_empty() {
            continue;
        }
        let first = if indexed {
            Some(*seen.entry((ind.level2.as_str(), name, ind.horizon)).or_insert(i)).filter(|&f| f != i)
        } else {
            inds[..i].iter().position(|o| o.name == name && o.level2 == ind.level2 && o.horizon == ind.horizon)
        };
        if let Some(first) = first {
            out.report(
                RuleId::DuplicateIndicator,
                Subject::Indicator(i),
                format!("三级指标“{name}”在{}下重复出现 (第 {} 个和第 {} 个指标)", ind.level2, first + 1, i + 1),
                format!("合并两个“{name}”, 或改用能区分两者的名称"),
            );
        }
    }
}

/// Whether a cell is empty or only blanks; most cells start with a visible character.
fn blank(s: &str) -> bool {
    s.chars().next().is_none_or(|c| c.is_whitespace() && s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use crate::review::testing::*;
    use crate::review::{ReviewConfig, Reviewer, RuleId, Subject};

    #[test]
    fn missing_target_fires_on_empty_and_dash_targets_only() {
        let doc = project(vec![
            ind("产出指标", "时效指标", "重大国际事件对外口径表态", ""),
            ind("产出指标", "数量指标", "培训人数", "—"),
            ind("效益指标", "社会效益指标", "影响力", "大大提升"),
            ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
        ]);
        assert_eq!(flagged(&doc, RuleId::MissingTarget), ["重大国际事件对外口径表态", "培训人数"]);
        let f = &findings(&doc, RuleId::MissingTarget)[0];
        assert!(f.message.contains("重大国际事件对外口径表态"), "{}", f.message);
    }

    #[test]
    fn missing_level_names_each_absent_first_level() {
        let doc = project(vec![ind("产出指标", "数量指标", "培训人数", "≥100人")]);
        let messages: Vec<String> = findings(&doc, RuleId::MissingLevel).into_iter().map(|f| f.message).collect();
        assert_eq!(messages, ["项目没有效益指标", "项目没有满意度指标"]);
        // A 一级 left blank is recognised from its 二级.
        let doc = project(vec![
            ind("产出指标", "数量指标", "培训人数", "≥100人"),
            ind("", "社会效益指标", "就业率", "≥90%"),
            ind("满意度", "服务对象满意度", "学员满意度", "≥90%"),
        ]);
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
        // A satisfaction 二级 under 效益指标 is a satisfaction indicator all the same.
        let doc = project(vec![
            ind("产出指标", "数量指标", "培训人数", "≥100人"),
            ind("效益指标", "社会效益指标", "就业率", "≥60%"),
            ind("效益指标", "服务对象满意度指标", "学员满意度", "≥95%"),
        ]);
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
        // A table without indicators lacks all three.
        assert_eq!(findings(&project(vec![]), RuleId::MissingLevel).len(), 3);
        // Department tables have their own levels.
        let doc = department(vec![("不发生预算追加", "发生预算追加资金占比", "0")]);
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
        // A self-evaluation whose table names no level at all says nothing of their kinds.
        let mut doc = project(vec![ind("", "", "电视专栏节目", "24期"), ind("", "", "宣传覆盖面", "拓宽")]);
        doc.self_evaluation = Some(Default::default());
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
    }

    #[test]
    fn missing_field_lists_what_the_header_lacks() {
        let mut doc = project_with(ind("产出指标", "质量指标", "合格率", "≥95%"));
        assert!(findings(&doc, RuleId::MissingField).is_empty());
        doc.goals.clear();
        if let Some(p) = doc.project.as_mut() {
            p.period.clear();
            p.funds.total = None;
            p.funds.fiscal = None;
        }
        let f = findings(&doc, RuleId::MissingField);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "项目支出绩效目标表缺少年度资金总额、绩效目标");
        assert_eq!(f[0].subject, Subject::Document);
        assert!(f[0].hint.contains("年度资金总额、绩效目标"), "{}", f[0].hint);
        // A monitoring table states its 年度资金总额 in its budget block.
        let mut monitored = doc.clone();
        monitored.monitoring = Some(crate::model::Monitoring {
            budget_full_year: Some(rust_decimal::Decimal::from(120).into()),
            ..Default::default()
        });
        assert_eq!(findings(&monitored, RuleId::MissingField)[0].message, "项目支出绩效目标表缺少绩效目标");
        // So does one that gives only the 资金总额 of the whole project.
        let mut whole = doc.clone();
        if let Some(p) = whole.project.as_mut() {
            p.funds.period_total = crate::Stated::Given(rust_decimal::Decimal::from(300).into());
        }
        assert_eq!(findings(&whole, RuleId::MissingField)[0].message, "项目支出绩效目标表缺少绩效目标");
        // 项目期 is asked for where the region's form has it (the Ningxia rule set).
        let config: ReviewConfig = serde_json::from_value(serde_json::json!({
            "required_fields": ["name", "department", "implementer", "attribute", "period", "funds", "goals"]
        }))
        .expect("valid");
        let r = Reviewer::new(&config).expect("usable");
        let f: Vec<_> = r.review(&doc, None).findings.into_iter().filter(|f| f.rule == RuleId::MissingField).collect();
        assert_eq!(f[0].message, "项目支出绩效目标表缺少项目期、年度资金总额、绩效目标");
        // Without 项目属性 and 项目期 the table is a 申报表; neither asks for 实施单位.
        if let Some(p) = doc.project.as_mut() {
            p.attribute.clear();
            p.implementer.clear();
        }
        let f = findings(&doc, RuleId::MissingField);
        assert_eq!(f[0].message, "项目绩效目标申报表缺少年度资金总额、绩效目标");
        // The Ningxia rule set asks for all seven.
        let r = Reviewer::new(&config).expect("usable");
        let f: Vec<_> = r.review(&doc, None).findings.into_iter().filter(|f| f.rule == RuleId::MissingField).collect();
        assert_eq!(f[0].message, "项目绩效目标申报表缺少实施单位、项目属性、项目期、年度资金总额、绩效目标");
    }

    #[test]
    fn self_evaluations_and_flat_lists_are_asked_for_what_they_have() {
        let mut doc = project_with(ind("产出指标", "质量指标", "合格率", "≥95%"));
        doc.goals.clear();
        if let Some(p) = doc.project.as_mut() {
            p.attribute.clear();
            p.period.clear();
            p.implementer.clear();
        }
        doc.indicators[0].actual = Some("120人".into());
        assert!(findings(&doc, RuleId::MissingField).is_empty());
        let flat = project(vec![ind("", "", "培训人数", "≥100人"), ind("", "", "满意度", "≥90%")]);
        assert!(findings(&flat, RuleId::MissingLevel).is_empty());
        assert!(findings(&flat, RuleId::IncompleteIndicator).is_empty());
    }

    #[test]
    fn the_transfer_frame_and_long_satisfaction_levels_count() {
        let mut doc = project(vec![
            ind("实施效果指标", "产出指标", "培训人数", "≥100人"),
            ind("实施效果指标", "效益指标", "就业率", "≥90%"),
            ind("满意度指标", "社会公众或服务对象满意度指标", "学生家长满意度", "≥90%"),
        ]);
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
        // Its forms (中央预算内投资计划绩效目标表) have no 成本指标 to ask for, in any year.
        doc.year = Some(2022);
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
        assert!(findings(&doc, RuleId::LevelMismatch).is_empty());
        let doc = project(vec![
            ind("产出指标", "数量指标", "培训人数", "≥100人"),
            ind("效益指标", "社会效益指标", "就业率", "≥90%"),
            ind("社会公众或服务对象满意度指标", "社会公众或服务对象满意度指标", "学生家长满意度", "≥90%"),
        ]);
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
    }

    #[test]
    fn a_two_level_form_is_not_incomplete_on_every_row() {
        let doc = project(vec![
            ind("产出指标", "", "培训人数", "≥100人"),
            ind("效益指标", "", "就业率", "≥90%"),
            ind("满意度指标", "", "学员满意度", "≥90%"),
        ]);
        assert!(findings(&doc, RuleId::IncompleteIndicator).is_empty());
        // Written with the indicator in the 二级 column and no 三级: read the same.
        let doc = project(vec![
            ind("产出指标", "培训人数", "", "≥100人"),
            ind("效益指标", "就业率", "", "≥90%"),
            ind("满意度指标", "学员满意度", "", "大于80%"),
        ]);
        assert!(findings(&doc, RuleId::IncompleteIndicator).is_empty());
        assert!(findings(&doc, RuleId::MissingTarget).is_empty());
        assert_eq!(flagged(&doc, RuleId::SatisfactionNotFloor), Vec::<String>::new());
    }

    #[test]
    fn projects_from_2022_need_cost_indicators() {
        let mut doc = project_with(ind("产出指标", "质量指标", "合格率", "≥95%"));
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
        doc.year = Some(2022);
        let f = findings(&doc, RuleId::MissingLevel);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("成本指标"), "{}", f[0].message);
        doc.indicators.push(ind("产出指标", "成本指标", "培训费", "≤10万元"));
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
    }

    #[test]
    fn incomplete_indicator_fires_on_rows_without_a_level() {
        let doc = project_with(ind("产出指标", "", "培训合格率", "≥95%"));
        assert_eq!(flagged(&doc, RuleId::IncompleteIndicator), ["培训合格率"]);
        let doc = project_with(ind("产出指标", "质量指标", "培训合格率", "≥95%"));
        assert!(flagged(&doc, RuleId::IncompleteIndicator).is_empty());
    }

    #[test]
    fn duplicate_indicator_fires_within_one_second_level_only() {
        let doc = project(vec![
            ind("产出指标", "数量指标", "出访团组", "≥10个"),
            ind("产出指标", "数量指标", "出访团组", "≥12个"),
            ind("产出指标", "质量指标", "出访团组", "100%"),
        ]);
        assert_eq!(subjects(&doc, RuleId::DuplicateIndicator), [Subject::Indicator(1)]);
        // A table that gives the long-term targets beside the year's names each indicator twice.
        let mut long = ind("产出指标", "数量指标", "出访团组", "≥30个");
        long.horizon = Some(crate::model::Horizon::LongTerm);
        let doc = project(vec![long, ind("产出指标", "数量指标", "出访团组", "≥10个")]);
        assert!(subjects(&doc, RuleId::DuplicateIndicator).is_empty());
    }

    #[test]
    fn a_reading_is_not_taken_for_the_tables_gaps() {
        use crate::model::HeaderField;
        use crate::source::{Position, Reading, SourceMap};
        let mut doc = project(vec![ind("产出指标", "数量指标", "培训人数", "≥100人")]);
        doc.department.clear();
        doc.goals.clear();
        let review = |doc: &crate::model::Document, source: &SourceMap, rule: RuleId| -> Vec<String> {
            let r = Reviewer::default().review(doc, Some(source));
            r.findings.into_iter().filter(|f| f.rule == rule).map(|f| f.message).collect()
        };
        // A reader that does not say which labels it saw (none): every blank is the table's.
        let silent = SourceMap::default();
        assert_eq!(review(&doc, &silent, RuleId::MissingField), ["项目支出绩效目标表缺少主管部门、绩效目标"]);
        // One that found the 主管部门 label left blank, and never met a 绩效目标 label (worded as
        // it does not know, or outside the excerpt): only the blank it saw is the table's.
        let mut reading = Reading::default();
        for field in [HeaderField::Name, HeaderField::Department, HeaderField::Funds] {
            reading.saw_label(field);
        }
        let read = SourceMap { reading: Some(reading.clone()), ..SourceMap::default() };
        assert_eq!(review(&doc, &read, RuleId::MissingField), ["项目支出绩效目标表缺少主管部门"]);
        // Indicator rows the reader could not read may hold any kind of indicator, and the
        // table is not without indicators: its warning says so, the review does not.
        assert_eq!(review(&doc, &read, RuleId::MissingLevel).len(), 2);
        doc.indicators.clear();
        assert_eq!(review(&doc, &read, RuleId::MissingField), ["项目支出绩效目标表缺少主管部门、绩效指标"]);
        reading.indicators_unread = Some(Position::text(12, 1));
        let unread = SourceMap { reading: Some(reading), ..SourceMap::default() };
        assert!(review(&doc, &unread, RuleId::MissingLevel).is_empty());
        assert_eq!(review(&doc, &unread, RuleId::MissingField), ["项目支出绩效目标表缺少主管部门"]);
    }
}

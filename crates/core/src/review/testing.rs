//! Builders for the rules' tests: small documents with just what a rule looks at.

use rust_decimal::Decimal;

use super::{Finding, RuleId, Subject, review};
use crate::model::{Document, DocumentKind, Funds, Indicator, Project};

/// An indicator row: 一级, 二级, 三级, 指标值.
pub fn ind(level1: &str, level2: &str, name: &str, target: &str) -> Indicator {
    Indicator {
        level1: level1.into(),
        level2: level2.into(),
        name: name.to_owned(),
        target: target.to_owned(),
        ..Indicator::default()
    }
}

/// A complete 2020 project table (funds 100 万元, period 2019年-2021年) with these indicators.
pub fn project(indicators: Vec<Indicator>) -> Document {
    let mut doc = Document::new(DocumentKind::Project);
    doc.year = Some(2020);
    doc.title = "2020年项目支出预算绩效目标表".to_owned();
    doc.department = "测试部门".to_owned();
    doc.project = Some(Project {
        name: "测试项目".to_owned(),
        implementer: "测试单位".to_owned(),
        attribute: "新增项目".to_owned(),
        period: "2019年-2021年".to_owned(),
        funds: Funds {
            total: Some(Decimal::from(100).into()),
            fiscal: Some(Decimal::from(100).into()),
            other: Some(Decimal::ZERO.into()),
            ..Funds::default()
        },
        ..Project::default()
    });
    doc.goals = vec!["完成项目建设。".to_owned()];
    doc.indicators = indicators;
    doc
}

/// A project table with the three 一级 covered and one extra indicator under test.
pub fn project_with(extra: Indicator) -> Document {
    project(vec![
        ind("产出指标", "数量指标", "培训人数", "≥100人"),
        extra,
        ind("效益指标", "社会效益指标", "培训合格率", "≥90%"),
        ind("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"),
    ])
}

/// A department table row with a policy target.
pub fn department(rows: Vec<(&str, &str, &str)>) -> Document {
    let mut doc = Document::new(DocumentKind::Department);
    doc.year = Some(2020);
    doc.department = "测试部门".to_owned();
    doc.duties = vec!["负责测试。".to_owned()];
    doc.indicators = rows
        .into_iter()
        .map(|(policy, name, target)| Indicator {
            level1: "预算执行绩效目标".into(),
            level2: "预算调剂".into(),
            policy_target: Some(policy.to_owned()),
            name: name.to_owned(),
            target: target.to_owned(),
            ..Indicator::default()
        })
        .collect();
    doc
}

/// The findings of one rule, reviewed with the default configuration.
pub fn findings(doc: &Document, rule: RuleId) -> Vec<Finding> {
    review(doc, None).findings.into_iter().filter(|f| f.rule == rule).collect()
}

/// The subjects one rule reports on.
pub fn subjects(doc: &Document, rule: RuleId) -> Vec<Subject> {
    findings(doc, rule).into_iter().map(|f| f.subject).collect()
}

/// The indicator names one rule reports on.
pub fn flagged(doc: &Document, rule: RuleId) -> Vec<String> {
    findings(doc, rule).into_iter().filter_map(|f| f.indicator().map(|i| doc.indicators[i].name.clone())).collect()
}

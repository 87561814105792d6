//! Which template (表样) a table follows — told from what was read, or set in the configuration
//! — and what each template has, so that a table is asked only for what its form provides.

use serde::Deserialize;

use crate::model::{Document, DocumentKind, HeaderField};

/// The templates the review tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Template {
    /// 项目支出绩效目标表 of Ningxia and the provinces that copy it: 项目属性 or 项目期 and
    /// 实施单位 in the header, indicators in three levels.
    Project,
    /// 项目绩效目标申报表 (Sichuan, Hubei, Hunan, Tianjin …): no 项目属性 or 项目期.
    Declaration,
    /// 绩效自评表: targets beside what was achieved, weights and scores.
    SelfEvaluation,
    /// 部门整体支出绩效目标表: its own levels.
    Department,
    /// A flat list of indicators without levels (Chongqing's 一般性项目绩效目标表).
    Flat,
    /// The transfer-payment and investment frame: 一级 `实施效果指标` with 二级 `产出指标` and
    /// `效益指标`, beside `满意度指标`.
    Transfer,
    /// A form with two level columns only: 一级 and the indicator, no separate 三级.
    TwoLevel,
}

/// The template setting: told from the table (the default) or fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateChoice {
    /// Told from what was read.
    #[default]
    Auto,
    /// One template for every table reviewed.
    #[serde(untagged)]
    Fixed(Template),
}

impl Template {
    /// The template's Chinese name, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Template::Project => "项目支出绩效目标表",
            Template::Declaration => "项目绩效目标申报表",
            Template::SelfEvaluation => "绩效自评表",
            Template::Department => "部门整体支出绩效目标表",
            Template::Flat => "无分级指标的目标表",
            Template::Transfer => "转移支付/投资项目目标表",
            Template::TwoLevel => "两级指标目标表",
        }
    }

    /// The template a document follows, told from what was read.
    pub fn detect(doc: &Document) -> Template {
        // `"score": null` is a field left out by the writer, not a blank 得分 column.
        let scored = |i: &crate::model::Indicator| i.actual.is_some() || i.score.given().is_some();
        if doc.self_evaluation.is_some() || doc.indicators.iter().any(scored) {
            return Template::SelfEvaluation;
        }
        if doc.kind == DocumentKind::Department {
            return Template::Department;
        }
        let inds = &doc.indicators;
        if names_no_level(inds) {
            return Template::Flat;
        }
        if inds.iter().any(|i| is_transfer_level1(&i.level1) || names_level1(&i.level2)) {
            return Template::Transfer;
        }
        if !inds.is_empty() && (inds.iter().all(|i| blank(&i.level2)) || inds.iter().all(|i| blank(&i.name))) {
            return Template::TwoLevel;
        }
        match &doc.project {
            Some(p) if !blank(&p.attribute) || !blank(&p.period) => Template::Project,
            _ => Template::Declaration,
        }
    }

    /// The header fields the template has, which a table of it must fill in. 项目属性, 项目期
    /// and 实施单位 are not among them: whether a form has them cannot be told from a table that
    /// left them blank, and many forms lack them (`项目来源` or `项目期限` in their place, the
    /// 预算部门 as the only unit). A region whose form has them asks for them in its
    /// configuration (`required_fields`).
    pub fn fields(self) -> &'static [HeaderField] {
        use HeaderField::*;
        match self {
            Template::Project | Template::Declaration | Template::Transfer | Template::TwoLevel => {
                &[Name, Department, Funds, Goals]
            }
            Template::SelfEvaluation => &[Name],
            Template::Flat => &[Name],
            Template::Department => &[],
        }
    }

    /// Whether the template sorts indicators under 产出/效益/满意度 一级.
    pub fn has_levels(self) -> bool {
        !matches!(self, Template::Flat | Template::Department)
    }
}

/// A 二级 cell naming a 一级 (`产出指标` under `实施效果指标`). Compared as written: every
/// document is told once, and folding each row's name would cost more than the review of it.
fn names_level1(text: &str) -> bool {
    // Cells are trimmed by the readers (format.md).
    matches!(text, "产出指标" | "效益指标" | "满意度指标" | "产出" | "效益" | "满意度")
}

/// `实施效果指标` and the like: the 一级 of the transfer-payment frame, above 产出 and 效益.
pub(crate) fn is_transfer_level1(text: &str) -> bool {
    // Asked of every row: the first character settles almost all of them.
    let t = text.trim_start();
    (t.starts_with('实') || t.starts_with('绩')) && (t.starts_with("实施效果") || t.starts_with("绩效目标实施效果"))
}

/// Whether a table's indicators name no level at all (`序号 | 三级指标 | 指标值`): which kinds
/// they are is not said.
pub fn names_no_level(inds: &[crate::model::Indicator]) -> bool {
    !inds.is_empty() && inds.iter().all(|i| blank(&i.level1) && blank(&i.level2))
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::*;

    #[test]
    fn templates_are_told_from_the_table() {
        let doc = project_with(ind("产出指标", "质量指标", "合格率", "≥95%"));
        assert_eq!(Template::detect(&doc), Template::Project);
        let mut decl = doc.clone();
        if let Some(p) = decl.project.as_mut() {
            p.attribute.clear();
            p.period.clear();
        }
        assert_eq!(Template::detect(&decl), Template::Declaration);
        let flat = project(vec![ind("", "", "培训人数", "≥100人")]);
        assert_eq!(Template::detect(&flat), Template::Flat);
        let transfer = project(vec![ind("实施效果指标", "产出指标", "培训人数", "≥100人")]);
        assert_eq!(Template::detect(&transfer), Template::Transfer);
        let two = project(vec![ind("产出指标", "", "培训人数", "≥100人"), ind("效益指标", "", "就业率", "≥90%")]);
        assert_eq!(Template::detect(&two), Template::TwoLevel);
        let mut eval = doc.clone();
        eval.indicators[0].actual = Some("120人".into());
        assert_eq!(Template::detect(&eval), Template::SelfEvaluation);
        assert_eq!(Template::detect(&department(vec![("a", "b", "0")])), Template::Department);
    }

    #[test]
    fn the_choice_reads_auto_or_a_template() {
        let c: TemplateChoice = serde_json::from_value(serde_json::json!("auto")).expect("auto");
        assert_eq!(c, TemplateChoice::Auto);
        let c: TemplateChoice = serde_json::from_value(serde_json::json!("declaration")).expect("a template");
        assert_eq!(c, TemplateChoice::Fixed(Template::Declaration));
        assert!(serde_json::from_value::<TemplateChoice>(serde_json::json!("ningxia")).is_err());
    }
}

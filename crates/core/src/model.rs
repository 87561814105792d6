//! The target table (绩效目标表) as data, exactly as the interchange format (format.md) has it.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::levels::LevelName;
use crate::nullable;
use crate::polarity::Polarity;
use crate::quantity::{Amount, Points, Rate};
use crate::stated::Stated;
use crate::target::Target;

/// Which table a document is: 项目支出绩效目标表 or 部门整体支出绩效目标表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 项目支出绩效目标表
    Project,
    /// 部门整体支出绩效目标表
    Department,
}

impl DocumentKind {
    /// The table's Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Project => "项目支出绩效目标表",
            DocumentKind::Department => "部门整体支出绩效目标表",
        }
    }
}

/// One published target table (绩效目标表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// 项目支出 (`project`) or 部门整体支出 (`department`).
    pub kind: DocumentKind,
    /// 预算年度, from the title; null when the table does not say.
    #[serde(default)]
    pub year: Option<i32>,
    /// 表名: the table's heading as published.
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub title: String,
    /// 主管部门 / 部门名称, without any code.
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub department: String,
    /// 部门代码: absent when the table has no place for it, null when it has one left blank.
    #[serde(default, skip_serializing_if = "Stated::is_absent")]
    #[schemars(with = "Option<String>")]
    pub department_code: Stated<String>,
    /// 项目: project tables only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Project>,
    /// 部门职责, numbering and markup removed: department tables only.
    #[serde(default, deserialize_with = "nullable::or_default", skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Option<Vec<String>>")]
    pub duties: Vec<String>,
    /// 年度主要任务 and their budgets: department tables that list them (an extension).
    #[serde(default, deserialize_with = "nullable::or_default", skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Option<Vec<Task>>")]
    pub tasks: Vec<Task>,
    /// 金额合计 of the 年度主要任务 as the table states it (an extension; absent when it states
    /// none). Kept, not recomputed: the review checks it against the tasks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks_total: Option<Funds>,
    /// 绩效目标 / 年度总体目标, numbering removed.
    #[serde(default, deserialize_with = "nullable::or_default", skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Option<Vec<String>>")]
    pub goals: Vec<String>,
    /// 中期目标 / 长期目标, where the table states them beside the year's (an extension).
    #[serde(default, deserialize_with = "nullable::or_default", skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Option<Vec<String>>")]
    pub long_term_goals: Vec<String>,
    /// 绩效指标, in table order.
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<Vec<Indicator>>")]
    pub indicators: Vec<Indicator>,
    /// 自评: self-evaluation tables only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_evaluation: Option<SelfEvaluation>,
    /// 绩效运行监控: the budget-execution block of a monitoring table (an extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<Monitoring>,
}

impl Document {
    /// An empty document of the given kind; readers fill it in.
    pub fn new(kind: DocumentKind) -> Self {
        Document {
            kind,
            year: None,
            title: String::new(),
            department: String::new(),
            department_code: Stated::Absent,
            project: None,
            duties: Vec::new(),
            tasks: Vec::new(),
            tasks_total: None,
            goals: Vec::new(),
            long_term_goals: Vec::new(),
            indicators: Vec::new(),
            self_evaluation: None,
            monitoring: None,
        }
    }

    /// How people name this document: the project name, or 部门整体 for a department table.
    pub fn label(&self) -> &str {
        match (&self.kind, &self.project) {
            (DocumentKind::Project, Some(p)) if !p.name.is_empty() => &p.name,
            (DocumentKind::Department, _) => "部门整体",
            _ => &self.title,
        }
    }

    /// The department code, if the table gives one.
    pub fn department_code(&self) -> Option<&str> {
        self.department_code.given().map(String::as_str)
    }
}

/// 项目: the header block of a project table.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Project {
    /// 项目名称
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub name: String,
    /// 项目代码
    #[serde(default, skip_serializing_if = "Stated::is_absent")]
    #[schemars(with = "Option<String>")]
    pub code: Stated<String>,
    /// 实施单位
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub implementer: String,
    /// 实施单位代码
    #[serde(default, skip_serializing_if = "Stated::is_absent")]
    #[schemars(with = "Option<String>")]
    pub implementer_code: Stated<String>,
    /// 项目属性 (上年延续性项目, 新增项目 …)
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub attribute: String,
    /// 项目期, as published (`2019年-2021年`).
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub period: String,
    /// 项目资金
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<Funds>")]
    pub funds: Funds,
    /// 项目概况 (an extension: some templates describe the project)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// 立项依据 (an extension)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// The unit amounts are given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum MoneyUnit {
    /// 万元, the usual unit of the tables.
    #[default]
    #[serde(rename = "万元")]
    TenThousandYuan,
    /// 元
    #[serde(rename = "元")]
    Yuan,
}

impl MoneyUnit {
    /// `amount` of this unit in yuan, saturating (an amount of thirty digits is no crash).
    pub fn in_yuan(self, amount: Decimal) -> Decimal {
        crate::saturating::mul(amount, self.yuan())
    }

    /// How many yuan one unit is.
    pub fn yuan(self) -> Decimal {
        match self {
            MoneyUnit::TenThousandYuan => Decimal::from(10_000),
            MoneyUnit::Yuan => Decimal::ONE,
        }
    }

    /// The unit as written in tables.
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::TenThousandYuan => "万元",
            MoneyUnit::Yuan => "元",
        }
    }
}

/// 年度主要任务: one of the tasks a department table lists, with its budget (an extension).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Task {
    /// 任务名称
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub name: String,
    /// 主要内容
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub content: String,
    /// 预算金额: 总额, 财政拨款, 其他资金 (the period fields stay absent).
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<Funds>")]
    pub funds: Funds,
}

/// 项目资金: 年度资金总额 = 财政拨款 + 其他资金, in `unit`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Funds {
    /// 万元 or 元.
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<MoneyUnit>")]
    pub unit: MoneyUnit,
    /// 年度资金总额
    #[serde(default)]
    pub total: Option<Amount>,
    /// 其中：财政拨款
    #[serde(default)]
    pub fiscal: Option<Amount>,
    /// 其他资金
    #[serde(default)]
    pub other: Option<Amount>,
    /// 资金总额 over the whole project period, where the table gives it beside the year's
    /// (an extension; absent when the table has no such row, null when blank).
    #[serde(default, skip_serializing_if = "Stated::is_absent")]
    #[schemars(with = "Option<Amount>")]
    pub period_total: Stated<Amount>,
    /// 财政拨款 over the whole project period (an extension).
    #[serde(default, skip_serializing_if = "Stated::is_absent")]
    #[schemars(with = "Option<Amount>")]
    pub period_fiscal: Stated<Amount>,
    /// 其他资金 over the whole project period (an extension).
    #[serde(default, skip_serializing_if = "Stated::is_absent")]
    #[schemars(with = "Option<Amount>")]
    pub period_other: Stated<Amount>,
}

/// 绩效指标: one row of the indicator block.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Indicator {
    /// 一级指标, canonical name where standard, with the standard 一级 it is.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub level1: LevelName,
    /// 二级指标, canonical name where standard, with the standard 二级 it is.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub level2: LevelName,
    /// 财政政策性绩效目标: department tables only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_target: Option<String>,
    /// 三级指标, verbatim.
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub name: String,
    /// 指标值, verbatim (trimmed); empty where the table has none.
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub target: String,
    /// 指标性质 / 指标值 / 度量单位, where the table splits the target into columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_parts: Option<TargetParts>,
    /// 分值 / 权重
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Points>,
    /// 实际完成值: self-evaluation tables, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// 得分: self-evaluation tables; null where left blank.
    #[serde(default, skip_serializing_if = "Stated::is_absent")]
    #[schemars(with = "Option<Points>")]
    pub score: Stated<Points>,
    /// 偏差原因 / 未完成原因分析: self-evaluation and monitoring tables (an extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation_cause: Option<String>,
    /// 指标方向 as published (正向 / 反向), with the bound it states (an extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub polarity: Option<Polarity>,
    /// 设定依据 (计划标准 / 行业标准 / 历史标准 …) as published (an extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// 历史值 as published (an extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<String>,
    /// `long_term` for an indicator of the 长期 columns of tables that pair 长期 and 年度
    /// indicators; absent for the year's (an extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<Horizon>,
    /// 绩效运行监控 of this indicator: its actual to date, forecast, deviation category and
    /// likelihood (an extension; the deviation text is `deviation_cause`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<IndicatorMonitoring>,
}

/// Which columns of a paired 长期 / 年度 table an indicator comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    /// 长期 / 中期 indicators.
    LongTerm,
}

impl Indicator {
    /// The parsed form of the target (derived, never stored in place of the text).
    pub fn parsed_target(&self) -> Target {
        Target::parse(&self.target)
    }
}

/// 指标性质 / 指标值 / 度量单位 as published, for templates that split the target.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct TargetParts {
    /// 指标性质 / 计算符号 (`≥`, `=`, `定性` …)
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub op: String,
    /// 指标值
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub value: String,
    /// 度量单位
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub unit: String,
}

impl TargetParts {
    /// The target text these parts stand for: the pieces joined without spaces.
    pub fn joined(&self) -> String {
        let mut s = String::with_capacity(self.op.len() + self.value.len() + self.unit.len());
        for part in [&self.op, &self.value, &self.unit] {
            s.push_str(part.trim());
        }
        s
    }
}

/// 自评: the budget-execution block of a self-evaluation table; each null where left blank.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct SelfEvaluation {
    /// 年初预算数
    #[serde(default)]
    pub budget_initial: Option<Amount>,
    /// 全年预算数 (调整后预算数)
    #[serde(default)]
    pub budget_full_year: Option<Amount>,
    /// 全年执行数
    #[serde(default)]
    pub spent: Option<Amount>,
    /// 执行率, in percent as published (`100.00%` is 100.00).
    #[serde(default)]
    pub execution_rate: Option<Rate>,
    /// 分值 of budget execution
    #[serde(default)]
    pub execution_weight: Option<Points>,
    /// 得分 of budget execution
    #[serde(default)]
    pub execution_score: Option<Points>,
    /// 总分
    #[serde(default)]
    pub total_score: Option<Points>,
    /// The 合计 / 总分 row's 分值: the total weight as the table states it (an extension; absent
    /// when it states none). Kept, not recomputed: the review checks it against the weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_weight: Option<Points>,
    /// 等级 (优/良/中/差)
    #[serde(default)]
    pub grade: Option<String>,
    /// 其中: the rows under 年度资金总额 (本年财政拨款, 上年结转资金, 其他资金 …), in table order
    /// (an extension; absent when the table has none).
    #[serde(default, deserialize_with = "nullable::or_default", skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Option<Vec<BudgetPart>>")]
    pub budget_parts: Vec<BudgetPart>,
    /// 偏差原因 of budget execution, as written (an extension; absent when the table has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation_cause: Option<String>,
    /// 年度目标完成情况 (an extension; absent when the table has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals_achieved: Option<String>,
    /// 评价结论 (an extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<String>,
    /// 存在问题 (an extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problems: Option<String>,
    /// 改进措施 (an extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub improvements: Option<String>,
}

/// 绩效运行监控: budget execution through month `month` of the year; each null where left blank.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Monitoring {
    /// The last month the data covers (1–12): 1–N月.
    #[serde(default)]
    #[schemars(range(min = 1, max = 12))]
    pub month: Option<u8>,
    /// 年初预算数
    #[serde(default)]
    pub budget_initial: Option<Amount>,
    /// 全年预算数 (调整后预算数)
    #[serde(default)]
    pub budget_full_year: Option<Amount>,
    /// 1–N月执行数
    #[serde(default)]
    pub spent_to_date: Option<Amount>,
    /// 执行率 as published, in percent (`58.3%` is 58.3).
    #[serde(default)]
    pub execution_rate: Option<Rate>,
    /// 全年预计执行数
    #[serde(default)]
    pub forecast_spent: Option<Amount>,
    /// 偏差原因 of budget execution: its category, where the table gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<DeviationCause>,
    /// 偏差原因 of budget execution, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation_cause: Option<String>,
    /// 其中: the rows under 年度资金总额 (财政拨款, 其他资金 …), in table order (absent when the
    /// table has none).
    #[serde(default, deserialize_with = "nullable::or_default", skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Option<Vec<BudgetPart>>")]
    pub budget_parts: Vec<BudgetPart>,
}

/// One 其中 row of a budget block (自评表 or 监控表): where the money comes from and its figures,
/// each null where left blank. The 分值 and 得分 of budget execution are the whole block's.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct BudgetPart {
    /// The row's label without 其中 (本年财政拨款, 上年结转资金, 其他资金 …), as published.
    #[serde(default, deserialize_with = "nullable::or_default")]
    #[schemars(with = "Option<String>")]
    pub source: String,
    /// 年初预算数
    #[serde(default)]
    pub budget_initial: Option<Amount>,
    /// 全年预算数 (调整后预算数)
    #[serde(default)]
    pub budget_full_year: Option<Amount>,
    /// 全年执行数 (self-evaluation) or 1–N月执行数 (monitoring)
    #[serde(default)]
    pub spent: Option<Amount>,
    /// 执行率, in percent as published.
    #[serde(default)]
    pub execution_rate: Option<Rate>,
    /// 全年预计执行数: monitoring tables only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast_spent: Option<Amount>,
}

/// 绩效运行监控 of one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorMonitoring {
    /// 1–N月实际完成值, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_to_date: Option<String>,
    /// 全年预计完成情况 (forecast), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<String>,
    /// 偏差原因 category; the explanation is the indicator's `deviation_cause`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<DeviationCause>,
    /// 完成目标可能性 (likelihood of meeting the target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<Likelihood>,
}

/// 偏差原因 categories of 财预〔2019〕136号's monitoring table. Chinese names are read too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeviationCause {
    /// 经费保障
    #[serde(alias = "经费保障")]
    Funding,
    /// 制度保障
    #[serde(alias = "制度保障")]
    Rules,
    /// 人员保障
    #[serde(alias = "人员保障")]
    Staffing,
    /// 硬件条件保障
    #[serde(alias = "硬件条件保障")]
    Hardware,
    /// 其他
    #[serde(alias = "其他")]
    Other,
}

impl DeviationCause {
    /// The category as the monitoring table names it.
    pub fn label(self) -> &'static str {
        match self {
            DeviationCause::Funding => "经费保障",
            DeviationCause::Rules => "制度保障",
            DeviationCause::Staffing => "人员保障",
            DeviationCause::Hardware => "硬件条件保障",
            DeviationCause::Other => "其他",
        }
    }
}

/// 完成目标可能性. Chinese names are read too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Likelihood {
    /// 完全不可能
    #[serde(alias = "完全不可能")]
    Impossible,
    /// 有可能
    #[serde(alias = "有可能")]
    Possible,
    /// 确定能
    #[serde(alias = "确定能")]
    Certain,
}

impl Likelihood {
    /// The answer as the monitoring table words it.
    pub fn label(self) -> &'static str {
        match self {
            Likelihood::Impossible => "完全不可能",
            Likelihood::Possible => "有可能",
            Likelihood::Certain => "确定能",
        }
    }
}

/// The error of reading interchange JSON, with the line and column where it went wrong.
#[derive(Debug, thiserror::Error)]
#[error("第 {line} 行第 {column} 列: {message}")]
pub struct JsonError {
    /// 1-based line of the error.
    pub line: usize,
    /// 1-based column of the error.
    pub column: usize,
    /// What serde_json said.
    pub message: String,
}

/// Reads interchange JSON: one document, or an array of them.
pub fn documents_from_json(text: &str) -> Result<Vec<Document>, JsonError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let result = if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<Document>>(text)
    } else {
        serde_json::from_str::<Document>(text).map(|d| vec![d])
    };
    result.map_err(|e| {
        // serde_json appends the position to its message; it is reported separately.
        let message = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
        JsonError { line: e.line(), column: e.column(), message }
    })
}

/// A file of the interchange format: one document or an array of them.
// Only the schema uses this type; `documents_from_json` reads such files.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code, clippy::large_enum_variant)]
enum InterchangeFile {
    One(Document),
    Many(Vec<Document>),
}

/// The JSON Schema of the interchange format, generated from the types above.
pub fn interchange_schema() -> schemars::Schema {
    let mut schema = schemars::schema_for!(InterchangeFile);
    schema.insert("title".into(), "jixiao interchange format, version 1: 绩效目标表".into());
    schema
}

/// The JSON Schema of a parsed target.
pub fn target_schema() -> schemars::Schema {
    schemars::schema_for!(Target)
}

/// A header field a template may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderField {
    /// 项目名称
    Name,
    /// 主管部门
    Department,
    /// 实施单位
    Implementer,
    /// 项目属性
    Attribute,
    /// 项目期
    Period,
    /// 年度资金总额
    Funds,
    /// 绩效目标
    Goals,
}

impl HeaderField {
    /// The field's label in the tables.
    pub fn label(self) -> &'static str {
        match self {
            HeaderField::Name => "项目名称",
            HeaderField::Department => "主管部门",
            HeaderField::Implementer => "实施单位",
            HeaderField::Attribute => "项目属性",
            HeaderField::Period => "项目期",
            HeaderField::Funds => "年度资金总额",
            HeaderField::Goals => "绩效目标",
        }
    }
}

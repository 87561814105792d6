//! The words of the templates: header labels (项目名称, 项目资金 …), indicator column headers
//! (一级指标, 指标值 …) and the labels that close a table (合计, 评价结论 …).

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use jixiao_core::HeaderField;
use jixiao_core::text::{WordHasher, fold, is_blank, is_ideograph, needs_fold, prefix_ends, squeeze, trim_start};

use super::fields::StatedUnit;
use super::has_word;

/// A column of the indicator block, named by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 类别: holds `绩效指标` on the first row.
    Category,
    /// 一级指标
    Level1,
    /// 二级指标
    Level2,
    /// 三级指标 / 指标 / 部门预算绩效目标
    Name,
    /// 指标值 (the whole target) / 部门指标值 / 年度指标值
    Target,
    /// 财政政策性绩效目标
    Policy,
    /// 指标性质 / 计算符号
    Op,
    /// 指标值 when the target is split into columns
    Value,
    /// 度量单位 / 计量单位
    Unit,
    /// 权重 / 分值 / 指标权重
    Weight,
    /// 指标方向 (正向/反向)
    Polarity,
    /// 设定依据 / 指标值设定依据
    Basis,
    /// 历史值
    History,
    /// 完成值 / 实际完成值
    Actual,
    /// 得分
    Score,
    /// 未完成原因分析 / 偏差原因
    Reason,
    /// 1–N月实际完成值 (monitoring)
    ActualToDate,
    /// 全年预计完成情况 (monitoring)
    Forecast,
    /// 偏差原因类型: 经费保障, 制度保障 … (monitoring)
    CauseCategory,
    /// 完成目标可能性 (monitoring)
    Likelihood,
    /// 指标值说明: a remark on the target, which the format has no field for (its column is
    /// known so that the cells under it are not taken for targets).
    Note,
    /// 序号: a row's number, not part of the indicator.
    Serial,
    /// A column of an indicator block with no header (see `headless_header`) after its target,
    /// which no row tells: 完成值, 分值 or 得分. Its cells are reported.
    Unknown,
    /// 二级指标(长期)
    LongLevel2,
    /// 三级指标(长期)
    LongName,
    /// 指标值(长期)
    LongTarget,
}

impl Role {
    /// The column's usual label, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Role::Category => "绩效指标",
            Role::Level1 => "一级指标",
            Role::Level2 | Role::LongLevel2 => "二级指标",
            Role::Name | Role::LongName => "三级指标",
            Role::Target | Role::LongTarget => "指标值",
            Role::Policy => "财政政策性绩效目标",
            Role::Op => "指标性质",
            Role::Value => "指标值",
            Role::Unit => "度量单位",
            Role::Weight => "分值",
            Role::Polarity => "指标方向",
            Role::Basis => "设定依据",
            Role::History => "历史值",
            Role::Actual => "实际完成值",
            Role::Score => "得分",
            Role::Reason => "偏差原因分析",
            Role::ActualToDate => "半年度指标执行情况",
            Role::Forecast => "全年预计完成情况",
            Role::CauseCategory => "偏差原因类型",
            Role::Likelihood => "完成目标可能性",
            Role::Note => "备注",
            Role::Unknown => "(没有表头的一栏)",
            Role::Serial => "序号",
        }
    }

    /// Whether a row's cells fill this column in order, where nothing else marks the columns
    /// (cells one per line, or run together): the levels and 类别 are not among them, since a
    /// level sets the level and 类别 heads the block; `reason` counts 偏差原因 in, which rows
    /// run together seldom give.
    pub fn filled_in_order(self, reason: bool) -> bool {
        !matches!(self, Role::Level1 | Role::Level2 | Role::Category) && (reason || self != Role::Reason)
    }
}

/// A header label of the table, or a label that ends the indicator block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// 项目名称 / 专项资金名称
    ProjectName,
    /// 项目编码 / 项目代码: the project's code in a cell of its own.
    ProjectCode,
    /// 主管部门 / 部门名称; `coded` when the label promises a code (部门名称及代码).
    Department { coded: bool },
    /// 实施单位
    Implementer,
    /// 编制单位: the implementer when the table has no 实施单位.
    Preparer,
    /// `及编码` / `及代码` split off the label before it.
    CodeSuffix,
    /// 项目属性
    Attribute,
    /// 项目期 / 项目起止时间
    Period,
    /// 项目资金 (万元): a group label; its unit applies to the amounts under it.
    Funds(Option<StatedUnit>),
    /// 年度资金总额 / 当年资金总额 / 当年预算
    FundsTotal,
    /// 其中：财政拨款
    FundsFiscal,
    /// 其他资金
    FundsOther,
    /// 资金总额 (over the whole project period)
    PeriodTotal,
    /// 年初安排金额: the funds block's column of this year's amounts, under which 资金总额 is the
    /// year's total.
    FundsColumn(Option<StatedUnit>),
    /// 绩效目标 / 年度目标 / 当年绩效目标
    Goals,
    /// 中期目标 / 长期目标
    LongTermGoals,
    /// 部门职责 / 部门职责绩效目标
    Duties,
    /// 年度主要任务: opens the tasks block of a department table.
    Tasks,
    /// 项目概况
    Summary,
    /// 立项依据
    Basis,
    /// A heading that takes no value: 总体目标, 项目基本情况, numbered section titles.
    Section,
    /// 绩效指标: opens the indicator block (and fills the 类别 column).
    IndicatorGroup,
    /// 年度目标完成情况 (self-evaluation)
    GoalsAchieved,
    /// 预算执行情况 / 年度预算数: opens the budget-execution block of a self-evaluation.
    ExecutionGroup,
    /// A column of the budget-execution block.
    Execution(ExecutionColumn),
    /// 总额: the budget-execution row that jixiao reads.
    ExecutionTotal,
    /// 其中:财政资金 …: a breakdown row of the budget-execution block.
    ExecutionPart,
    /// A column header of the indicator block.
    Role(Role),
    /// 合计 / 总分: the totals row.
    Total,
    /// 评价等级: the self-evaluation's grade.
    Grade,
    /// 评价结论
    Conclusion,
    /// 存在问题
    Problems,
    /// 改进措施
    Improvements,
    /// 项目负责人 / 财务负责人 / 填报人 / 联系电话 …: sign-off lines.
    Signature,
    /// 附件 / 备注 at the end of a page.
    Attachment,
    /// A header field the interchange format has no place for: a transfer's 中央主管部门 and
    /// 省级财政部门 above the department that fills the table in, 项目来源. Its value is quoted
    /// in a note with its label, instead of being reported as a cell no label waits for.
    Unmodelled,
}

impl Label {
    /// The header field whose label this is, for the review to know the table shows it.
    pub fn header_field(self) -> Option<HeaderField> {
        Some(match self {
            Label::ProjectName => HeaderField::Name,
            Label::Department { .. } => HeaderField::Department,
            Label::Implementer | Label::Preparer => HeaderField::Implementer,
            Label::Attribute => HeaderField::Attribute,
            Label::Period => HeaderField::Period,
            Label::Funds(_)
            | Label::FundsTotal
            | Label::FundsFiscal
            | Label::FundsOther
            | Label::PeriodTotal
            | Label::FundsColumn(_)
            | Label::ExecutionGroup
            | Label::Execution(_)
            | Label::ExecutionTotal => HeaderField::Funds,
            Label::Goals | Label::Duties => HeaderField::Goals,
            _ => return None,
        })
    }
}

/// A column of the budget-execution block of a self-evaluation table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecutionColumn {
    /// 年初预算数
    Initial,
    /// 全年预算数 / 调整后预算数
    FullYear,
    /// 全年执行数 / 预算执行数
    Spent,
    /// 执行率
    Rate,
    /// 分值 / 权重
    Weight,
    /// 得分
    Score,
    /// 原因
    Reason,
    /// 1–N月执行数 (monitoring)
    SpentToDate,
    /// 全年预计执行数 (monitoring)
    Forecast,
}

/// A label's text reduced to what identifies it: folded, without blanks, a trailing colon,
/// a unit in brackets (`(万元)`), a score (`(10分)`) or `(盖章)`.
pub struct Normalized<'a> {
    /// The reduced text.
    pub text: Cow<'a, str>,
    /// The unit named in brackets, if any.
    pub unit: Option<StatedUnit>,
}

/// Reduces a cell's text for label matching; `None` when too long to be a label.
pub fn normalize(text: &str) -> Option<Normalized<'_>> {
    if text.len() > 90 {
        return None;
    }
    let squeezed = squeeze(text);
    let mut end = squeezed.len();
    let mut unit = None;
    loop {
        let s = squeezed[..end].trim_end_matches([':', '：']);
        end = s.len();
        // Most labels end in a character, not a bracket: no search for its opening then.
        if !s.ends_with(')') {
            // A column's letter whose closing bracket the page lost (`年初目标值(A`).
            if let Some(head) = s.strip_suffix("(A").or_else(|| s.strip_suffix("(B")) {
                end = head.len();
            }
            break;
        }
        let Some(open) = s.rfind('(') else {
            // A column's letter whose opening bracket the page lost (`执行数B)`, `执行率B/A)`).
            let head = ["B/A)", "A)", "B)"].iter().find_map(|l| s.strip_suffix(l));
            if let Some(head) = head.filter(|h| h.chars().next_back().is_some_and(is_ideograph)) {
                end = head.len();
            }
            break;
        };
        let inner = &s[open + 1..s.len() - 1];
        let drop = match inner {
            _ if StatedUnit::from_word(inner).is_some() => {
                unit = StatedUnit::from_word(inner);
                true
            }
            // `单位(盖章)` is where the stamp goes, not the 单位 (unit) of an indicator column.
            "盖章" => &s[..open] != "单位",
            // Where the signature goes (`单位负责人(签名)`).
            "签名" | "签字" => true,
            "全称" => true,
            // A weight given in percent (`权重(%)`): the column is the weight all the same.
            "%" | "％" => true,
            // A template's other wording for the same column (`指标值(或计划水平)`).
            _ if inner.starts_with('或') => true,
            // What the column should hold (`指标值(包含数字及文字描述)`).
            _ if inner.starts_with("包含") => true,
            // The columns' letters in 全年预算数(A), 全年执行数(B), 执行率(B/A).
            "A" | "B" | "B/A" | "A/B" | "B/A×100%" => true,
            // The choices printed in the header of 完成目标可能性 (the monitoring form).
            "确定能、有可能、不可能" | "确定能、有可能、完全不可能" => true,
            // The years a column covers: 中期滚动目标(2019年--2021年).
            _ if is_year_span(inner) => true,
            _ => inner.ends_with('分') && inner[..inner.len() - '分'.len_utf8()].bytes().all(|b| b.is_ascii_digit()),
        };
        if !drop {
            break;
        }
        end = open;
    }
    let text = match squeezed {
        Cow::Borrowed(b) => Cow::Borrowed(&b[..end]),
        Cow::Owned(mut o) => {
            o.truncate(end);
            Cow::Owned(o)
        }
    };
    Some(Normalized { text, unit })
}

/// Whether a bracket's text is a span of years (`2019年--2021年`, `2019-2021年`).
fn is_year_span(inner: &str) -> bool {
    inner.len() >= 9
        && inner.starts_with(['1', '2'])
        && inner.chars().all(|c| c.is_ascii_digit() || "年-—–~至".contains(c))
}

/// The words of each header label, after [`normalize`].
const HEADER_WORDS: &[(Label, &[&str])] = &[
    (
        Label::ProjectName,
        &[
            "项目名称",
            "专项资金名称",
            "项目名称及编码",
            "项目(专项)名称",
            "项目支出名称",
            "专项(项目)名称",
            "转移支付(项目)名称",
            "资金名称",
            "专项名称",
        ],
    ),
    (
        Label::Department { coded: false },
        // A transfer's table names the ministry (中央主管部门) and the city's bureau (市级主管部门)
        // above the one that fills it in: only that one is its department.
        &[
            "主管部门",
            "业务主管部门",
            "部门名称",
            "单位名称",
            "部门(单位)名称",
            "预算部门",
            "地方主管部门",
            "区级主管部门",
            "县级主管部门",
            "区县主管部门",
            "主管预算部门",
        ],
    ),
    (Label::Department { coded: true }, &["部门名称及代码", "主管部门及编码", "主管部门及代码", "部门名称及编码"]),
    (Label::Implementer, &["实施单位", "项目实施单位", "项目执行单位", "资金使用单位", "承担单位"]),
    (Label::ProjectCode, &["项目编码", "项目代码", "项目编号"]),
    (Label::Preparer, &["编制单位", "填报单位", "预算单位", "项目单位", "申报单位", "项目申报单位"]),
    (Label::CodeSuffix, &["及编码", "及代码"]),
    (Label::Attribute, &["项目属性", "项目类型"]),
    (
        Label::Period,
        &[
            "项目期",
            "项目期限",
            "项目起止时间",
            "项目周期",
            "实施期限",
            "项目实施期",
            "起止时间",
            "起止年限",
            "实施周期",
            "项目实施周期",
            "项目支出实施期",
            "建设周期",
        ],
    ),
    (Label::Funds(None), &["项目资金", "项目资金情况", "资金情况", "年度预算数", "投入目标"]),
    (Label::FundsColumn(None), &["年初安排金额", "年初安排数"]),
    (
        Label::FundsTotal,
        &[
            "年度资金总额",
            "当年资金总额",
            "当年预算",
            "年度预算",
            "本年资金总额",
            "项目金额",
            "年度本级预算金额",
            "当年年度预算",
            "年度金额",
            "项目预算金额",
        ],
    ),
    (
        Label::FundsFiscal,
        &[
            "其中:财政拨款",
            "财政拨款",
            "其中:当年财政拨款",
            "当年财政拨款",
            "其中:当年一般公共预算拨款",
            "当年一般公共预算拨款",
            "其中:一般公共预算拨款",
            "一般公共预算拨款",
            "其中:财政资金",
            "财政资金",
            "财政拨款数",
            "其中:财政拨款数",
        ],
    ),
    (Label::FundsOther, &["其他资金", "当年其他资金", "其它资金", "其中:其他资金", "其中:其它资金"]),
    (Label::PeriodTotal, &["资金总额", "项目资金总额", "总投资", "中期资金总额"]),
    (
        Label::Goals,
        &[
            "绩效目标",
            "年度目标",
            "当年绩效目标",
            "年度绩效目标",
            "项目年度目标",
            "年度总体目标",
            "项目绩效目标",
            "整体绩效目标",
            "本年度绩效目标",
            "年度绩效目标(文字)",
            "年度主要目标",
            "年初设定目标",
            "年度主要目标和成果",
            "年初设定目标",
            "预期目标",
            "年度绩效总目标",
            "年度总体绩效目标",
        ],
    ),
    (Label::LongTermGoals, &["中期目标", "长期目标", "中长期目标", "实施期目标", "实施期绩效目标", "中期滚动目标"]),
    (
        Label::Duties,
        &["部门职责", "部门职责绩效目标", "部门职能", "主要职责", "部门职能职责概述", "部门(单位)职责", "单位职责"],
    ),
    (Label::Tasks, &["年度主要任务", "部门年度主要任务", "年度重点任务"]),
    (Label::Summary, &["项目概况", "项目基本概况"]),
    (Label::Basis, &["立项依据", "项目立项依据"]),
    (
        Label::Section,
        &[
            "总体目标",
            "项目基本情况",
            "绩效指标表",
            "绩效项目指标表",
            "资金来源",
            "年度总体目标完成情况",
            "总体目标完成情况",
        ],
    ),
    (Label::IndicatorGroup, &["绩效指标", "年度绩效指标"]),
    (
        Label::GoalsAchieved,
        &["年度目标完成情况", "实际完成情况", "目标完成情况", "年度总体目标完成情况综述", "全年实际完成情况"],
    ),
    (
        Label::Unmodelled,
        &[
            "中央主管部门",
            "省级主管部门",
            "省级财政部门",
            "市级主管部门",
            "市级财政部门",
            "区级财政部门",
            "县级财政部门",
            "项目来源",
        ],
    ),
    (Label::ExecutionGroup, &["预算执行情况", "资金投入情况"]),
    (Label::Total, &["合计", "总分", "总计"]),
    (Label::Grade, &["评价等级", "自评等级", "绩效评价等级", "自评结果等级"]),
    (Label::Conclusion, &["评价结论", "自评结论"]),
    (Label::Problems, &["存在问题", "存在的问题", "偏差大或目标未完成原因分析"]),
    (Label::Improvements, &["改进措施", "整改措施", "改进措施及结果应用方案"]),
    (
        Label::Signature,
        &[
            "项目负责人",
            "财务负责人",
            "填报人",
            "审核人",
            "联系电话",
            "单位负责人",
            "填表人",
            "填报日期",
            "项目负责人及电话",
            "联系人及电话",
            "项目责任人",
            "单位(盖章)",
        ],
    ),
    // The monitoring form's closing boxes end its indicators as 附件 and 备注 do.
    (Label::Attachment, &["附件", "备注", "偏差或不能完成目标原因分析", "相关建议或举措"]),
];

/// The words of the budget-execution block of a self-evaluation, which win there.
const EXECUTION_WORDS: &[(Label, &[&str])] = &[
    (Label::Execution(ExecutionColumn::Initial), &["年初预算", "年初预算数"]),
    (Label::Execution(ExecutionColumn::FullYear), &["调整后预算数", "全年预算数", "调整后预算", "预算数"]),
    (Label::Execution(ExecutionColumn::Spent), &["预算执行数", "全年执行数", "执行数"]),
    (Label::Execution(ExecutionColumn::Rate), &["预算执行率", "执行率"]),
    (Label::Execution(ExecutionColumn::Weight), &["权重", "分值"]),
    (Label::Execution(ExecutionColumn::Score), &["得分"]),
    (Label::Execution(ExecutionColumn::Reason), &["原因", "偏差原因"]),
    (Label::Execution(ExecutionColumn::Forecast), &["全年预计执行数", "预计全年执行数", "全年预计执行"]),
    (Label::ExecutionTotal, &["总额", "年度资金总额", "年度财政资金总额", "合计"]),
    (
        Label::ExecutionPart,
        &[
            "其中:财政资金",
            "财政资金",
            "财政专户管理资金",
            "单位资金",
            "其他资金",
            "其中:财政拨款",
            "财政拨款",
            "其中:本年财政拨款",
            "本年财政拨款",
            "其中:当年财政拨款",
            "当年财政拨款",
            "其中:当年一般公共预算拨款",
            "当年一般公共预算拨款",
            "其中:一般公共预算拨款",
            "一般公共预算拨款",
            "上年结转资金",
            "其中:上年结转资金",
            "上年结转",
            // A transfer payment's 资金投入情况: the local share beside the centre's.
            "地方资金",
            "地方财政资金",
        ],
    ),
];

/// The indicator column headers, besides those named by prefix (一级指…, 二级指…, 三级指…).
const ROLE_WORDS: &[(Role, &[&str])] = &[
    (
        Role::Target,
        &[
            "指标值",
            "部门指标值",
            "年度指标值",
            "目标值",
            "预算设定指标值",
            "指标值(目标值)",
            "指标值及单位",
            "年初目标值",
            "年度目标值",
            "计划指标值",
            "绩效指标值",
            "年度数值",
            "本年度指标值",
            "预期指标值",
        ],
    ),
    // The period's target beside the year's, in tables of funds that span years.
    (Role::LongTarget, &["周期指标值"]),
    (Role::Category, &["类别"]),
    (Role::Name, &["指标", "指标名称", "部门预算绩效目标", "绩效指标名称", "指标内容"]),
    (Role::Policy, &["财政政策性绩效目标"]),
    (Role::Op, &["指标性质", "计算符号", "指标符号", "指标值类型"]),
    (Role::Unit, &["度量单位", "计量单位", "单位"]),
    (Role::Weight, &["权重", "分值", "指标权重", "权重(分)", "指标分值"]),
    (Role::Polarity, &["指标方向", "指标属性", "指标方向性"]),
    (Role::Basis, &["设定依据", "指标值设定依据", "指标设定依据", "绩效标准"]),
    (Role::History, &["历史值", "历史参考值"]),
    // Columns the format has no field for: their cells are reported with their indicator.
    (
        Role::Note,
        &[
            "指标值说明",
            "指标值内容",
            "指标解释",
            "评(扣)分标准",
            "评(扣分标准)",
            "评分标准",
            "扣分标准",
            "绩效指标描述",
            "指标描述",
        ],
    ),
    (
        Role::Actual,
        &[
            "完成值",
            "实际完成值",
            "全年实际完成值",
            "全年完成值",
            "年度完成值",
            "年度实际完成值",
            "实际完成指标值",
            "实际值",
            "全年实际值",
            "项目完成指标值",
            "单项指标实际完成值",
        ],
    ),
    (Role::Score, &["得分", "自评得分"]),
    (Role::Serial, &["序号"]),
    (
        Role::Reason,
        &[
            "未完成原因分析",
            "偏差原因分析",
            "偏差原因分析及改进措施",
            "偏差原因",
            "未完成原因",
            "未完成原因及拟采取的改进措施",
            "未完成原因和改进措施",
            "未达到指标值原因",
        ],
    ),
    (Role::ActualToDate, &["半年度指标执行情况", "半年指标执行情况"]),
    (Role::Forecast, &["全年预计完成情况", "全年预计完成值", "全年预计完成", "预计全年完成情况"]),
    (Role::CauseCategory, &["偏差原因类型", "偏差原因分类", "偏差类型"]),
    (Role::Likelihood, &["完成目标可能性", "完成可能性", "目标完成可能性"]),
];

type WordMap<T> = HashMap<&'static str, T, BuildHasherDefault<WordHasher>>;

/// What one word means in each of the word tables, so that a cell is looked up once.
#[derive(Default, Clone, Copy)]
struct Meanings {
    header: Option<Label>,
    execution: Option<Label>,
    role: Option<Role>,
    /// Whether the word is its own normalized form (not `权重(分)`), so that a cell written
    /// exactly as the word needs no normalizing.
    plain: bool,
}

/// The word tables, indexed; and the characters any label can start with, so that most cells
/// (names, targets, amounts) are dismissed by their first character.
struct Index {
    words: WordMap<Meanings>,
    first: CharSet,
    /// The characters the words end with.
    last: CharSet,
}

/// A set of characters as a bitmap over the CJK unified block, with a list for the rest.
#[derive(Default)]
struct CharSet {
    cjk: Vec<u64>,
    others: Vec<char>,
}

impl CharSet {
    const CJK: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

    fn insert(&mut self, c: char) {
        let u = c as u32;
        if Self::CJK.contains(&u) {
            if self.cjk.is_empty() {
                self.cjk = vec![0; (0x9FFF - 0x4E00) / 64 + 1];
            }
            let i = (u - 0x4E00) as usize;
            self.cjk[i / 64] |= 1 << (i % 64);
        } else if !self.others.contains(&c) {
            self.others.push(c);
        }
    }

    fn contains(&self, c: char) -> bool {
        let u = c as u32;
        if Self::CJK.contains(&u) {
            let i = (u - 0x4E00) as usize;
            self.cjk.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
        } else {
            self.others.contains(&c)
        }
    }
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    fn add<T: Copy>(
        table: &[(T, &[&'static str])],
        words: &mut WordMap<Meanings>,
        (first, last): (&mut CharSet, &mut CharSet),
        set: impl Fn(&mut Meanings, T),
    ) {
        for &(value, ws) in table {
            for &w in ws {
                set(words.entry(w).or_default(), value);
                if let (Some(a), Some(z)) = (w.chars().next(), w.chars().next_back()) {
                    first.insert(a);
                    last.insert(z);
                }
            }
        }
    }
    let (mut first, mut last) = (CharSet::default(), CharSet::default());
    for c in ['一', '二', '三'] {
        first.insert(c);
    }
    let mut words = WordMap::default();
    add(HEADER_WORDS, &mut words, (&mut first, &mut last), |m, l| m.header = Some(l));
    add(EXECUTION_WORDS, &mut words, (&mut first, &mut last), |m, l| m.execution = Some(l));
    add(ROLE_WORDS, &mut words, (&mut first, &mut last), |m, r| m.role = Some(r));
    for (w, m) in &mut words {
        m.plain = normalize(w).is_some_and(|n| n.text == *w && n.unit.is_none())
            && (1..=16).contains(&w.chars().count())
            && month_range(w).is_none();
    }
    Index { words, first, last }
});

/// The label a cell holds, if it is one. `in_execution` resolves words that mean different
/// things in the budget-execution block of a self-evaluation (权重, 得分, 其他资金).
pub fn label(text: &str, in_execution: bool) -> Option<Label> {
    if text.len() > 64 {
        return None;
    }
    let index = &*INDEX;
    // A template marks the fields it requires with a star (`*部门职能职责概述`).
    let start = trim_start(text);
    let starred = match start.as_bytes().first() {
        Some(b'*') => start.get(1..),
        Some(0xEF) => start.strip_prefix('＊'),
        _ => None,
    };
    let (text, start) = match starred {
        Some(rest) => (rest, trim_start(rest)),
        None => (text, start),
    };
    let first = start.chars().next()?;
    // Numbered section headings (`1.项目年度目标完成情况`) start with a digit, then `.` or `、`;
    // a monitoring table's columns with a month range (`1–7月执行数`), then a dash.
    if first.is_ascii_digit() {
        let rest = start.trim_start_matches(|c: char| c.is_ascii_digit());
        if !rest.starts_with(['.', '、']) && !rest.starts_with(is_range_dash) {
            return column_target(text);
        }
    } else if !index.first.contains(first) && !needs_fold(first) {
        return column_target(text);
    }
    // Most labels are written as the tables have them: such a text is its own normalized form
    // (a test checks that every word is), and normalizing it would only confirm that.
    let (n, meanings) = match index.words.get(text) {
        Some(&m) if m.plain => (Normalized { text: Cow::Borrowed(text), unit: None }, Some(m)),
        as_written => {
            let n = normalize(text)?;
            let s = n.text.as_ref();
            // Sixteen characters take at least sixteen bytes: shorter labels need no count.
            if s.is_empty() || (s.len() > 16 && s.chars().count() > 16) {
                return None;
            }
            if let Some((_, rest)) = month_range(s) {
                return month_column(rest, in_execution);
            }
            // A text that normalizing left as it was has been looked up already, as written.
            let meanings = if std::ptr::eq(s, text) { as_written.copied() } else { index.words.get(s).copied() };
            (n, meanings)
        }
    };
    let s = n.text.as_ref();
    let m = meanings.unwrap_or_default();
    if in_execution {
        if let Some(l) = m.execution {
            return Some(l);
        }
    }
    if let Some(l) = m.header {
        return Some(match l {
            Label::Funds(_) => Label::Funds(n.unit),
            Label::FundsColumn(_) => Label::FundsColumn(n.unit),
            l => l,
        });
    }
    match role(s, m.role, index) {
        Some(r) => Some(Label::Role(r)),
        None if is_section_heading(s) => Some(Label::Section),
        None if is_fiscal_part(s) => Some(if in_execution { Label::ExecutionPart } else { Label::FundsFiscal }),
        None => None,
    }
}

/// The longest prefix of `text`, of at most `most` characters, for which `look` gives a label
/// (given the prefix and its length in characters), and its length in bytes, a colon after it
/// included: the label a line starts with where its cells ran together.
pub fn longest_label_prefix(
    text: &str,
    most: usize,
    look: impl Fn(&str, usize) -> Option<Label>,
) -> Option<(Label, usize)> {
    prefix_ends(text, most).iter().enumerate().rev().find_map(|(n, &end)| {
        let l = look(&text[..end], n + 1)?;
        let colon = text[end..].chars().next().filter(|c| matches!(c, ':' | '：')).map_or(0, char::len_utf8);
        Some((l, end + colon))
    })
}

/// A target column for one village or year (`张村指标值`, `2022年目标值`), whose first character
/// no other label starts with.
fn column_target(text: &str) -> Option<Label> {
    // Only a text that ends in 值 is looked at further.
    if !text.trim_end().ends_with('值') {
        return None;
    }
    column_target_prefix(text).map(|_| Label::Role(Role::Target))
}

/// Whether a label may start with `c` (a word's first character, a digit of a numbered
/// heading or a character folding may change): anything else starts none.
pub fn may_start_label(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '*' | '＊') || INDEX.first.contains(c) || needs_fold(c)
}

/// Whether a header-block label may end with `c`, as written (a word's last character, or
/// the colon or bracket that may close it).
pub fn may_end_label(c: char) -> bool {
    matches!(c, ')' | '）' | ':' | '：') || INDEX.last.contains(c)
}

/// The village or year a target column is for (`张村指标值` → `张村`, `2022年目标值` →
/// `2022年`), where a table gives one target column per village or per year.
pub fn column_target_prefix(text: &str) -> Option<&str> {
    let text = text.trim();
    let prefix = text.strip_suffix("指标值").or_else(|| text.strip_suffix("目标值"))?;
    let n = prefix.chars().count();
    let year = |p: &str| {
        let digits = p.len() - p.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        digits == 4 && matches!(&p[4..], "年" | "年度")
    };
    let place =
        ["村", "社区", "镇", "乡", "街道"].iter().any(|e| prefix.ends_with(e)) && prefix.chars().all(is_ideograph);
    ((2..=10).contains(&n) && (year(prefix) || place)).then_some(prefix)
}

/// A 其中 row of fiscal funds named by their level (`其中:当年市级财政资金`, `其中:省级财政拨款`).
fn is_fiscal_part(s: &str) -> bool {
    s.strip_prefix("其中:")
        .is_some_and(|rest| rest.chars().count() <= 10 && (rest.ends_with("财政资金") || rest.ends_with("财政拨款")))
}

/// A dash between the months of a range (`1–7月`), before folding.
fn is_range_dash(c: char) -> bool {
    matches!(c, '-' | '~' | '～' | '至' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Splits a month range off a folded label: `1-7月执行数` gives `(Some(7), "执行数")`, and
/// `1-N月…` (the template's own words) `(None, …)`.
fn month_range(s: &str) -> Option<(Option<u8>, &str)> {
    let rest = s.strip_prefix('1')?;
    let rest = rest.strip_prefix(['-', '~', '至'])?;
    let (month, rest) = match rest.strip_prefix(['N', 'n']) {
        Some(r) => (None, r),
        None => {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let month: u8 = rest[..digits].parse().ok().filter(|m| (1..=12).contains(m))?;
            (Some(month), &rest[digits..])
        }
    };
    Some((month, rest.strip_prefix('月')?))
}

/// The month a monitoring column's label names (`1–7月执行数` → 7): `Some(None)` for `1–N月`,
/// `None` when the label names no month range.
pub fn month_of(text: &str) -> Option<Option<u8>> {
    let n = normalize(text)?;
    month_range(&n.text).map(|(month, _)| month)
}

/// The column a label with a month range names: 1–N月执行数 in the budget block, 1–N月实际完成值
/// over the indicators.
fn month_column(rest: &str, in_execution: bool) -> Option<Label> {
    match rest {
        "执行数" | "预算执行数" | "累计执行数" if in_execution => {
            Some(Label::Execution(ExecutionColumn::SpentToDate))
        }
        "实际完成值" | "完成值" | "执行情况" | "完成情况" | "实际完成情况" | "累计完成值" => {
            Some(Label::Role(Role::ActualToDate))
        }
        _ => None,
    }
}

/// An indicator column header, tolerating truncation (`一级指`) and `(长期)`/`(年度)` notes;
/// `as_word` is what the role table says of `s` itself.
fn role(s: &str, as_word: Option<Role>, index: &Index) -> Option<Role> {
    let (stem, long) = match s.strip_suffix("(长期)").or_else(|| s.strip_suffix("(中期)")) {
        Some(stem) => (stem, true),
        None => (s.strip_suffix("(年度)").unwrap_or(s), false),
    };
    // Asked of every label: only a stem longer than one level's header can hold two.
    let after_level =
        || ["一级指", "二级指", "三级指"].iter().find_map(|p| stem.strip_prefix(p)).is_some_and(|r| r.contains("级指"));
    if stem.len() > "一级指标".len() && after_level() {
        // Level headers run together (`二级指标 三级指标 指标值`, its spaces normalized away):
        // several columns, not one.
        return None;
    }
    // A template may head its level columns 一级 / 二级 / 三级 alone, and a table may miswrite
    // the first as 一级目标 beside 二级指标.
    let role = if stem.starts_with("一级指") || stem == "一级" || stem == "一级目标" {
        Role::Level1
    } else if stem.starts_with("二级指") || stem == "二级" {
        if long { Role::LongLevel2 } else { Role::Level2 }
    } else if stem.starts_with("三级指") || stem == "三级" {
        if long { Role::LongName } else { Role::Name }
    } else {
        let found = if stem.len() == s.len() { as_word } else { index.words.get(stem).and_then(|m| m.role) };
        match found? {
            Role::Target if long => Role::LongTarget,
            r => r,
        }
    };
    Some(role)
}

/// Numbered headings of self-evaluation forms: `1.项目年度目标完成情况`, `2.项目实施内容及过程概述`.
fn is_section_heading(s: &str) -> bool {
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
    let Some(title) = rest.strip_prefix('.').or_else(|| rest.strip_prefix('、')) else { return false };
    // A list of options with boxes to tick (`1、持续性项目☑2、新增性项目□`) is a value.
    rest.len() < s.len()
        && title.chars().next().is_some_and(|c| !c.is_ascii())
        && s.chars().count() <= 16
        && !super::header::marks_options(s)
}

/// Whether a cell is page furniture: a page number (`— 1 —`, `-2-`, `第 3 页`, `共5页`) or a
/// table number (`表十二`, `附表3-1`).
pub fn is_furniture(text: &str) -> bool {
    // Past blanks and dashes, page and table numbers start with a digit, 第, 共, 表 or 附:
    // one look at that character dismisses nearly every cell.
    if text.len() > 40 {
        return false;
    }
    let lead = match text.as_bytes().first() {
        // An ideograph or ASCII other than blanks and dashes: nothing to trim.
        Some(&b) if jixiao_core::text::is_ideograph_lead(b) || b.is_ascii_alphanumeric() => text,
        _ => text.trim_start_matches(|c: char| is_blank(c) || matches!(c, '-' | '—' | '_' | '－')),
    };
    match lead.chars().next() {
        Some(c) if c.is_ascii_digit() || matches!(c, '第' | '共' | '表' | '附') || needs_fold(c) => {}
        _ => return false,
    }
    let s = squeeze(text);
    if s.is_empty() {
        return false;
    }
    let core = s.trim_matches(|c: char| c == '-' || c == '—' || c == '_');
    if !core.is_empty() && core.len() < s.len() && core.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if let Some(rest) = s.strip_prefix('第').or_else(|| s.strip_prefix('共')) {
        if let Some(num) = rest.strip_suffix('页') {
            return !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit());
        }
    }
    let table = s.strip_prefix("附表").or_else(|| s.strip_prefix('表'));
    if let Some(rest) = table {
        return !rest.is_empty()
            && rest.chars().count() <= 6
            && rest.chars().all(|c| c.is_ascii_digit() || c == '-' || "一二三四五六七八九十".contains(c));
    }
    false
}

/// Whether a cell is a footnote under a table (`注：本表金额单位为万元。`).
pub fn is_footnote(text: &str) -> bool {
    if !text.starts_with(['注', '说', '备', '填']) {
        return false;
    }
    let s = fold(text);
    ["注:", "注 :", "说明:", "备注:", "填表说明"].iter().any(|p| s.starts_with(p))
}

/// The unit stated by a line such as `单位:万元` or `金额单位：元`.
pub fn unit_line(text: &str) -> Option<StatedUnit> {
    // The line starts with 单位 or 金额单位 once blanks are squeezed out.
    if text.len() > 40 {
        return None;
    }
    match trim_start(text).chars().next() {
        Some(c) if c == '单' || c == '金' || c == '(' || needs_fold(c) => {}
        _ => return None,
    }
    let s = squeeze(text);
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        // The unit of a label wrapped onto a line of its own (`项目资金` / `(万元)`).
        return StatedUnit::from_word(inner);
    }
    let rest = s.strip_prefix("金额单位").or_else(|| s.strip_prefix("单位"))?;
    StatedUnit::from_word(rest.trim_start_matches([':', '：']))
}

/// Whether a short cell may be the first line of a label wrapped over two (`年初` / `预算数`):
/// some header or budget-block label starts with it.
pub fn begins_label(text: &str) -> bool {
    let n = text.chars().count();
    (1..=4).contains(&n)
        && [HEADER_WORDS, EXECUTION_WORDS]
            .iter()
            .flat_map(|table| table.iter())
            .any(|(_, words)| words.iter().any(|w| w.len() > text.len() && w.starts_with(text)))
}

/// The labels of the boxes under an indicator block (存在问题, 改进措施, 评价结论, 附件 …),
/// which end it.
const CLOSING: [Label; 5] = [Label::Problems, Label::Improvements, Label::Conclusion, Label::Grade, Label::Attachment];

/// Whether a cell names one of the boxes under an indicator block ([`CLOSING`]).
pub fn is_closing_label(text: &str) -> bool {
    label(text, false).is_some_and(|l| CLOSING.contains(&l))
}

/// Whether a cell may be the first lines of a label of the boxes under an indicator block
/// wrapped over several (`偏差大或` / `目标未完成` / `原因分析`): two characters or more that one
/// such label starts with.
pub fn begins_closing_label(text: &str) -> bool {
    // Asked of every cell of an indicator block: most are dismissed by their first character.
    static FIRST: LazyLock<Vec<char>> = LazyLock::new(|| closing_words().filter_map(|w| w.chars().next()).collect());
    // No closing label is longer than 20 characters (60 bytes), nor shorter than two (6).
    (6..60).contains(&text.len())
        && text.chars().next().is_some_and(|c| FIRST.contains(&c))
        && text.chars().nth(1).is_some()
        && closing_words().any(|w| w.len() > text.len() && w.starts_with(text))
}

/// The words of the labels in [`CLOSING`].
fn closing_words() -> impl Iterator<Item = &'static str> {
    HEADER_WORDS.iter().filter(|(l, _)| CLOSING.contains(l)).flat_map(|(_, words)| words.iter().copied())
}

/// Whether a cell is a table title: names a 绩效目标表 (or 绩效目标申报表) or 绩效自评表 and is
/// short enough to be a heading.
pub fn is_title(text: &str) -> bool {
    if !(12..=240).contains(&text.len()) || !has_biao(text) {
        return false;
    }
    let n = text.chars().count();
    // A project's 自评表 is often titled without 绩效 (`2023年度校园维修改造…项目自评表`).
    let self_evaluation = n <= 40 && (text.ends_with("项目自评表") || text.ends_with("支出自评表"));
    (4..=80).contains(&n)
        && (has_word(text, "绩效") || self_evaluation)
        && ["目标表", "自评表", "评价表", "申报表", "审批表", "批复表", "监控表"].iter().any(|w| has_word(text, w))
        && !text.contains('。')
}

/// Whether `text` is the title of a table of another kind that notices put beside target
/// tables: the allocation of the funds (资金安排表, 分配表, 明细表) or a budget's summary (收支总表).
pub fn is_other_title(text: &str) -> bool {
    // Nearly every cell is dismissed by its last byte (that of 表, 单 or 單, or a bar or space
    // after them), before any scan of its text.
    if !matches!(text.as_bytes().last(), Some(0xA8 | 0x95 | 0xAE | b' ' | b'|')) {
        return false;
    }
    let core = text.trim_end_matches([' ', '|']);
    if !(9..=150).contains(&core.len()) || has_word(core, "绩效") {
        return false;
    }
    // In either script: sites publish notices in traditional characters too.
    const ENDINGS: [&str; 15] = [
        "安排表",
        "分配表",
        "明细表",
        "明細表",
        "汇总表",
        "匯總表",
        "一览表",
        "一覽表",
        "下达表",
        "下達表",
        "分解表",
        "总表",
        "總表",
        "清单",
        "清單",
    ];
    ENDINGS.iter().any(|w| core.ends_with(w))
        && core.chars().count() <= 50
        && !core.contains(['。', '，', ',', '；', ';'])
}

/// Whether `text` has the character 表, which every title ends its name with: found by its
/// last byte, A8, which few other characters share, so that other cells cost one quick scan
/// ([`has_word`]).
fn has_biao(text: &str) -> bool {
    has_word(text, "表")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_tolerate_units_colons_and_spaces() {
        assert_eq!(label("项目资金 (万元)", false), Some(Label::Funds(Some(StatedUnit::TenThousandYuan))));
        assert_eq!(label("项目资金（千元）", false), Some(Label::Funds(Some(StatedUnit::ThousandYuan))));
        assert_eq!(label("其中：财政拨款", false), Some(Label::FundsFiscal));
        assert_eq!(label("实施单位 (盖章)", false), Some(Label::Implementer));
        assert_eq!(label("编制单位:", false), Some(Label::Preparer));
        assert_eq!(label("当年资金总额:", false), Some(Label::FundsTotal));
        assert_eq!(label("预算执行情况(10分)", false), Some(Label::ExecutionGroup));
        assert_eq!(label("绩效指标(90分)", false), Some(Label::IndicatorGroup));
        assert_eq!(label("部门名称及代码", false), Some(Label::Department { coded: true }));
        // The years a column covers are no part of its label.
        assert_eq!(label("中期滚动目标(2019年--2021年)", false), Some(Label::LongTermGoals));
        // A column's letter whose closing bracket the page lost.
        assert_eq!(label("年初目标值(A", false), label("年初目标值", false));
        assert_eq!(label("执行数B)", true), label("执行数", true));
        // The bound begins_closing_label dismisses longer cells by.
        assert!(closing_words().all(|w| w.len() < 60));
        assert!(begins_closing_label("偏差大或") && begins_closing_label("改进措施及"));
        assert!(!begins_closing_label("偏") && !begins_closing_label("数量指标"));
        // Where a signature goes: `单位负责人(签名):` is the 单位负责人 box, no value.
        assert_eq!(label("单位负责人(签名):", false), Some(Label::Signature));
        assert_eq!(label("项目责任人(签字)", false), Some(Label::Signature));
        assert_eq!(label("执行率B/A)", true), Some(Label::Execution(ExecutionColumn::Rate)));
        assert_eq!(label("B)", true), None);
        assert_eq!(label("实际完成值(B", false), Some(Label::Role(Role::Actual)));
    }

    #[test]
    fn month_ranges_name_the_monitoring_columns() {
        let spent = Some(Label::Execution(ExecutionColumn::SpentToDate));
        assert_eq!(label("1–7月执行数", true), spent);
        assert_eq!(label("1-N月执行数", true), spent);
        assert_eq!(label("1至12月执行数", true), spent);
        // Outside the budget block, 执行数 by month is no column the indicators have.
        assert_eq!(label("1–7月执行数", false), None);
        assert_eq!(label("1–7月实际完成值", false), Some(Label::Role(Role::ActualToDate)));
        assert_eq!(month_of("1–7月执行数"), Some(Some(7)));
        assert_eq!(month_of("1–N月实际完成值"), Some(None));
        assert_eq!(month_of("1–13月执行数"), None);
        assert_eq!(month_of("1.项目年度目标完成情况"), None);
        assert_eq!(label("全年预计执行数", true), Some(Label::Execution(ExecutionColumn::Forecast)));
        assert_eq!(label("完成目标可能性", false), Some(Label::Role(Role::Likelihood)));
        // The form's choices printed in the header, and a half-year column.
        assert_eq!(label("完成目标可能性(确定能、有可能、不可能)", false), Some(Label::Role(Role::Likelihood)));
        assert_eq!(label("半年度 指标执行情况", false), Some(Label::Role(Role::ActualToDate)));
        assert_eq!(label("未完成原因和改进措施", false), Some(Label::Role(Role::Reason)));
        assert_eq!(label("指标值说明", false), Some(Label::Role(Role::Note)));
        // A transfer payment's table, and a template's star on required fields.
        assert_eq!(label("转移支付(项目)名称", false), Some(Label::ProjectName));
        assert_eq!(label("地方主管部门", false), Some(Label::Department { coded: false }));
        assert_eq!(label("中央主管部门", false), Some(Label::Unmodelled));
        assert_eq!(label("资金使用单位", false), Some(Label::Implementer));
        assert_eq!(label("*部门职能职责概述", false), Some(Label::Duties));
        assert_eq!(label("*年度绩效总目标", false), Some(Label::Goals));
        assert_eq!(label("偏差原因类型", false), Some(Label::Role(Role::CauseCategory)));
        assert_eq!(label("其中：本年财政拨款", true), Some(Label::ExecutionPart));
        assert_eq!(label("上年结转资金", true), Some(Label::ExecutionPart));
        assert_eq!(label("评价等级", false), Some(Label::Grade));
        assert_eq!(label("其中:当年市级财政资金", false), Some(Label::FundsFiscal));
        assert_eq!(label("其中：省级财政拨款", true), Some(Label::ExecutionPart));
        assert_eq!(label("其中:自筹资金", false), None);
    }

    #[test]
    fn column_headers_tolerate_truncation_and_horizons() {
        assert_eq!(label("一级指", false), Some(Label::Role(Role::Level1)));
        assert_eq!(label("一级目标", false), Some(Label::Role(Role::Level1)));
        assert_eq!(label("二级指标 三级指标 指标值", false), None, "three columns");
        // The published misspelling of 评(扣)分标准 (held-out 95), which the two-levels check
        // once cut inside a character.
        assert_eq!(label("评(扣分标准)", false), Some(Label::Role(Role::Note)));
        assert_eq!(label("周期指标值", false), Some(Label::Role(Role::LongTarget)));
        assert_eq!(label("本年度指标值", false), Some(Label::Role(Role::Target)));
        assert_eq!(label("二级指标(长期)", false), Some(Label::Role(Role::LongLevel2)));
        assert_eq!(label("指标值(年度)", false), Some(Label::Role(Role::Target)));
        assert_eq!(label("指标", false), Some(Label::Role(Role::Name)));
        assert_eq!(label("权重", false), Some(Label::Role(Role::Weight)));
        assert_eq!(label("权重", true), Some(Label::Execution(ExecutionColumn::Weight)));
    }

    #[test]
    fn every_word_is_found_in_its_table() {
        for &(l, words) in HEADER_WORDS {
            for w in words {
                let got = label(w, false);
                let want = match l {
                    Label::Funds(_) => Label::Funds(None),
                    Label::FundsColumn(_) => Label::FundsColumn(None),
                    l => l,
                };
                assert_eq!(got, Some(want), "{w}");
            }
        }
        for &(r, words) in ROLE_WORDS {
            for w in words {
                // Words of both tables are header labels (权重 is also a column header only).
                if HEADER_WORDS.iter().all(|(_, ws)| !ws.contains(w)) {
                    assert_eq!(label(w, false), Some(Label::Role(r)), "{w}");
                }
            }
        }
        for &(l, words) in EXECUTION_WORDS {
            for w in words {
                assert_eq!(label(w, true), Some(l), "{w}");
            }
        }
    }

    #[test]
    fn nearly_every_word_is_its_own_normalized_form() {
        // Cells written as a word skip normalizing only where it would change nothing.
        let index = &*INDEX;
        let plain: Vec<&str> = index.words.iter().filter(|(_, m)| !m.plain).map(|(w, _)| *w).collect();
        assert_eq!(plain, vec!["权重(分)"]);
    }

    #[test]
    fn values_are_not_labels() {
        for text in
            ["外事出访经费", "大于10个团组，80人次", "2019年-2021年", "产出指标", "上年延续性项目", "229.66", "1.5"]
        {
            assert_eq!(label(text, false), None, "{text}");
        }
    }

    #[test]
    fn furniture_titles_and_unit_lines() {
        for text in ["— 1 —", "-2-", "第 3 页", "共5页", "表十二", "附表3-1"] {
            assert!(is_furniture(text), "{text}");
        }
        for text in ["100", "表格", "第三季度", "-5%"] {
            assert!(!is_furniture(text), "{text}");
        }
        assert!(is_footnote("注：本表金额单位为万元。"));
        assert!(!is_footnote("注册人数"));
        assert_eq!(unit_line("单位:万元"), Some(StatedUnit::TenThousandYuan));
        assert_eq!(unit_line("单位：千元"), Some(StatedUnit::ThousandYuan));
        assert_eq!(unit_line("金额单位：元"), Some(StatedUnit::Yuan));
        // ⾦ is the Kangxi radical PDF extraction leaves for 金.
        assert_eq!(unit_line("\u{2FA6}额单位:元"), Some(StatedUnit::Yuan));
        assert_eq!(unit_line("编制单位:万元"), None);
        assert_eq!(unit_line("(万元)"), Some(StatedUnit::TenThousandYuan));
        assert_eq!(unit_line("(盖章)"), None);
        assert!(begins_label("年初") && begins_label("全年") && !begins_label("年初预算数") && !begins_label("河西"));
        assert!(is_title("2020年宁夏回族自治区人民政府外事办公室项目支出预算绩效目标表"));
        assert!(is_title("部门预算项目支出绩效自评表(2023年度)"));
        assert!(is_title("2022年度项目支出绩效目标申报表"));
        assert!(!is_title("2019年自治区政府预算草案已经自治区第十二届人民代表大会第二次会议审议通过。"));
        // 表 is found by its last byte, which the character before 表 must not fake.
        assert!(!is_title("项目支出绩效目标说明(宁夏回族自治区)"));
        assert!(has_biao("目标表") && !has_biao("\u{A8}\u{A8}") && !has_biao("诶"));
    }
}

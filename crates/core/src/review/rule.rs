//! The catalogue of review rules (审核规则): each rule's stable code, default severity,
//! dimension and explanation, in the order findings about one subject are listed.

use std::fmt;

use super::{Dimension, Severity};

/// One review rule, identified by its stable kebab-case code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    /// `missing-field`
    MissingField,
    /// `incomplete-indicator`
    IncompleteIndicator,
    /// `missing-level`
    MissingLevel,
    /// `missing-target`
    MissingTarget,
    /// `placeholder`
    Placeholder,
    /// `funds-sum`
    FundsSum,
    /// `total-mismatch`
    TotalMismatch,
    /// `cost-exceeds-funds`
    CostExceedsFunds,
    /// `period-mismatch`
    PeriodMismatch,
    /// `level-mismatch`
    LevelMismatch,
    /// `name-level-mismatch`
    NameLevelMismatch,
    /// `duplicate-indicator`
    DuplicateIndicator,
    /// `statement-value-conflict`
    StatementValueConflict,
    /// `cost-not-ceiling`
    CostNotCeiling,
    /// `satisfaction-not-floor`
    SatisfactionNotFloor,
    /// `satisfaction-too-low`
    SatisfactionTooLow,
    /// `percent-over-100`
    PercentOver100,
    /// `date-outside-period`
    DateOutsidePeriod,
    /// `qualitative-target`
    QualitativeTarget,
    /// `unparsed-target`
    UnparsedTarget,
    /// `compound-target`
    CompoundTarget,
    /// `missing-unit`
    MissingUnit,
    /// `missing-comparator`
    MissingComparator,
    /// `quantity-ceiling`
    QuantityCeiling,
    /// `zero-cost`
    ZeroCost,
    /// `cost-without-amount`
    CostWithoutAmount,
    /// `incomplete-unit`
    IncompleteUnit,
    /// `boilerplate-target`
    BoilerplateTarget,
    /// `score-over-achievement`
    ScoreOverAchievement,
    /// `execution-over-100`
    ExecutionOver100,
    /// `deviation-cause-missing`
    DeviationCauseMissing,
}

/// A rule as documented: what `jixiao rules` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Which rule.
    pub id: RuleId,
    /// Stable kebab-case code.
    pub code: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// The review dimension it checks.
    pub dimension: Dimension,
    /// What it finds and why it matters, in Chinese.
    pub explanation: &'static str,
}

impl RuleId {
    /// How many rules there are.
    pub const COUNT: usize = RULES.len();

    /// The rule's catalogue entry.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        self.rule().code
    }

    /// The rule with this code.
    pub fn from_code(code: &str) -> Option<RuleId> {
        RULES.iter().find(|r| r.code == code).map(|r| r.id)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

const fn rule(
    id: RuleId,
    code: &'static str,
    severity: Severity,
    dimension: Dimension,
    explanation: &'static str,
) -> Rule {
    Rule { id, code, severity, dimension, explanation }
}

use Dimension::*;
use Severity::*;

/// Every rule, indexed by `RuleId as usize`.
pub const RULES: [Rule; 31] = [
    rule(
        RuleId::MissingField,
        "missing-field",
        Warning,
        Completeness,
        "表头缺项: 只问表样中有的栏目 (多数项目表为项目名称、主管部门、年度资金总额和绩效目标; 自评表和无分级清单只问项目名称; \
         实施单位、项目属性、项目期由地区配置 required_fields 要求); 部门表缺部门名称、部门职责/绩效目标; 任何表缺绩效指标。",
    ),
    rule(
        RuleId::IncompleteIndicator,
        "incomplete-indicator",
        Warning,
        Completeness,
        "指标行缺一级、二级或三级指标名称, 而别的行有: 整列皆空的是表样没有的列 (两级指标表), 不逐行报; 无分级清单不报。",
    ),
    rule(
        RuleId::MissingLevel,
        "missing-level",
        Warning,
        Completeness,
        "项目表没有产出指标、效益指标或满意度指标中的某一类 (每缺一类报一条; “实施效果指标”下的产出、效益指标和“社会公众或服务对象满意度指标”都算); \
         按 2021 体系 (或自 thresholds.cost_level_from_year 起) 还要有成本指标。",
    ),
    rule(RuleId::MissingTarget, "missing-target", Error, Completeness, "三级指标没有指标值。"),
    rule(
        RuleId::Placeholder,
        "placeholder",
        Error,
        Completeness,
        "模板文字未替换: 指标名称、指标值、政策目标或表头中留有“**”“XX”“……”“指标2:”“请填写”等占位文字; \
         名称后留下的提示文字而指标值已填的 (如“培训人数(≥**人)”填了“≥100人”), 降一级报。",
    ),
    rule(
        RuleId::FundsSum,
        "funds-sum",
        Error,
        Appropriateness,
        "资金不平: 年度资金总额 (或年度主要任务的预算金额总额) ≠ 财政拨款 + 其他资金; 只写了项目金额和其中财政资金、未写其他资金的不报, \
         除非财政资金超过总额 (容差见 thresholds.amount_tolerance_yuan)。",
    ),
    rule(
        RuleId::TotalMismatch,
        "total-mismatch",
        Warning,
        Appropriateness,
        "表中所填的合计与各项之和不符: 自评表合计行的分值 ≠ 各指标分值与预算执行率分值之和; 部门整体表年度主要任务的金额合计 \
         (总额、财政拨款、其他资金逐列) ≠ 各项任务之和 (容差见 thresholds.amount_tolerance_yuan)。未填合计的不报。",
    ),
    rule(
        RuleId::CostExceedsFunds,
        "cost-exceeds-funds",
        Error,
        Appropriateness,
        "成本指标的金额 (元、千元、万元、百万元、亿元, 换算后) 合计超过项目年度资金总额。计入的是成本指标下以金额计的指标值: \
         定额和上限按其数额, 下限按其数额 (下限之和超过资金即无法实现), 区间按上界; 人均、单价、每…、标准等单位成本不计入。",
    ),
    rule(
        RuleId::PeriodMismatch,
        "period-mismatch",
        Error,
        Feasibility,
        "预算年度不在项目期内 (如 2022 年的表, 项目期却是 2019年-2021年)。",
    ),
    rule(
        RuleId::LevelMismatch,
        "level-mismatch",
        Error,
        Relevance,
        "二级指标列在了错误的一级指标下 (如社会效益指标列在产出指标下), 按所选指标体系 (2015 或 2021 框架, 默认两者皆可) 判断。\
         不是标准名称的层级 (如部门整体表的预算执行绩效目标、结转资金) 不作判断。",
    ),
    rule(
        RuleId::NameLevelMismatch,
        "name-level-mismatch",
        Warning,
        Relevance,
        "指标名称与所在层级或计量单位不符: 费用类名称 (…费、…费用、…经费、…成本、…支出) 列在非成本指标下却以人、次等计量, \
         或以金额计却列在数量、质量、时效指标下; 资金金额 (…金额) 列在数量、质量、时效指标下; 满意度名称 (满意度、满意率、满意程度) \
         列在满意度指标之外; 时限类名称 (时限、完成时间、按时 …) 的指标值却是计数或百分比 (…率 可以是百分比)。",
    ),
    rule(
        RuleId::DuplicateIndicator,
        "duplicate-indicator",
        Warning,
        Relevance,
        "同一张表中同一三级指标名称在同一二级指标下出现多次。",
    ),
    rule(
        RuleId::StatementValueConflict,
        "statement-value-conflict",
        Error,
        Relevance,
        "部门整体表中财政政策性绩效目标与指标值矛盾: “全部…”要求 100%, “不发生…”要求 0; \
         指标名称衡量的是反面 (未…、不…) 时要求相反。如“结余资金全部申报上缴”指标值却为 0, “不发生预算追加”指标值却为 10%。",
    ),
    rule(
        RuleId::CostNotCeiling,
        "cost-not-ceiling",
        Warning,
        Appropriateness,
        "成本指标以金额计的指标值写成了下限 (如“出访费用 大于650万元”): 成本是反向指标, 应设上限 (≤)。",
    ),
    rule(
        RuleId::SatisfactionNotFloor,
        "satisfaction-not-floor",
        Warning,
        Appropriateness,
        "满意度指标值不是下限 (如“≤90%”“90%”“85%-95%”): 满意度是正向指标, 应写成“≥90%”。指标值为 100% 时不报。",
    ),
    rule(
        RuleId::SatisfactionTooLow,
        "satisfaction-too-low",
        Warning,
        Appropriateness,
        "满意度目标低于常规水平 (默认低于 80%, 见 thresholds.satisfaction_min): 目标定得过低。",
    ),
    rule(
        RuleId::PercentOver100,
        "percent-over-100",
        Warning,
        Feasibility,
        "最高为 100% 的比率 (满意度、合格率、覆盖率、完成率、正确率、到位率、知晓率、及时率等) 的指标值超过 100%, 无法实现; \
         或下限恰为“≥100%”(实为 =100%)。",
    ),
    rule(
        RuleId::DateOutsidePeriod,
        "date-outside-period",
        Warning,
        Feasibility,
        "时间类指标值早于预算年度, 或晚于项目期 (无项目期时为预算年度) 的末年。",
    ),
    rule(
        RuleId::QualitativeTarget,
        "qualitative-target",
        Warning,
        Quantification,
        "指标值是定性描述 (如“大大提升”“持续增长”“有所提升”), 未细化量化: 能量化的应给出数值。",
    ),
    rule(
        RuleId::UnparsedTarget,
        "unparsed-target",
        Info,
        Quantification,
        "指标值含有数字却不是可识别的写法 (多为一句话), 无法核对: 宜改为“比较符 + 数值 + 单位”; 日期区间 (“2021年1月-12月”) 不报; \
         时效指标中表格软件的日期序号 (“44561”) 报出其所指的日期。",
    ),
    rule(
        RuleId::CompoundTarget,
        "compound-target",
        Warning,
        Quantification,
        "一个指标含多个数量 (如“大于10个团组，80人次”): 一个指标只应衡量一个数量, 应拆分。",
    ),
    rule(RuleId::MissingUnit, "missing-unit", Info, Quantification, "指标值是不为 0 的数却没有计量单位 (如“95”)。"),
    rule(
        RuleId::MissingComparator,
        "missing-comparator",
        Info,
        Quantification,
        "比率的指标值是不带比较符的百分数 (如“70%”), 看不出是下限还是上限; 100% 和 0 不报, 计数 (“63人”“10辆”) 各地都这样写, 不报; \
         满意度由 satisfaction-not-floor 处理。",
    ),
    rule(
        RuleId::QuantityCeiling,
        "quantity-ceiling",
        Warning,
        Appropriateness,
        "数量指标的指标值是上限 (如“开展精品示范村建设数量 ≤4”): 产出数量是正向指标, 应设下限; \
         名称衡量的是不希望发生的事 (投诉、事故、差错等) 的除外。",
    ),
    rule(
        RuleId::ZeroCost,
        "zero-cost",
        Warning,
        Appropriateness,
        "成本指标的金额为 0 (如“出差单位成本 =0万元/人”), 与项目有支出矛盾: 写明实际的成本上限, 或删去该指标。",
    ),
    rule(
        RuleId::CostWithoutAmount,
        "cost-without-amount",
        Warning,
        Quantification,
        "成本指标只给出比率 (如“成本控制率 100%”), 全表没有一个以金额计的成本指标: 成本应写明金额上限。",
    ),
    rule(
        RuleId::IncompleteUnit,
        "incomplete-unit",
        Warning,
        Quantification,
        "计量单位不完整 (如“≤28.40/株”缺少“元”): 复合单位的分子缺失或分母缺失, 无法知道衡量的是什么。",
    ),
    rule(
        RuleId::BoilerplateTarget,
        "boilerplate-target",
        Warning,
        Relevance,
        "指标值是套用的模板值, 不论项目如何都能达到 (如工资项目的“按时发放 ≥1人/年”“维持时效 ≥1年”): 下限为 1 的“…/年”或“年”, 起不到衡量作用。",
    ),
    rule(
        RuleId::ScoreOverAchievement,
        "score-over-achievement",
        Error,
        Appropriateness,
        "自评表中实际完成值未达到指标值, 得分却是满分 (如指标值“>=4754人”, 完成“4604人”, 得 5 分满分 5 分)。",
    ),
    rule(
        RuleId::ExecutionOver100,
        "execution-over-100",
        Warning,
        Feasibility,
        "自评表中预算执行率超过 100%, 或全年执行数超过全年预算数: 超预算支出, 或数字填错。",
    ),
    rule(
        RuleId::DeviationCauseMissing,
        "deviation-cause-missing",
        Warning,
        Completeness,
        "监控表中亮红灯或黄灯 (预算执行或指标偏离进度) 却未填偏差原因 (财预〔2019〕136号); 亮灯规则见 docs/scoring.md。",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_indexed_by_id_and_codes_are_unique_kebab_case() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.id as usize, i, "{} out of place", r.code);
            assert!(r.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", r.code);
            assert_eq!(RuleId::from_code(r.code), Some(r.id));
            assert!(!r.explanation.is_empty());
        }
        assert_eq!(RuleId::from_code("no-such-rule"), None);
    }

    #[test]
    fn the_issue_s_rules_have_their_severities() {
        let expect = [
            ("missing-target", Error),
            ("funds-sum", Error),
            ("cost-exceeds-funds", Error),
            ("level-mismatch", Error),
            ("missing-level", Warning),
            ("placeholder", Error),
            ("cost-not-ceiling", Warning),
            ("satisfaction-not-floor", Warning),
            ("qualitative-target", Warning),
            ("compound-target", Warning),
            ("name-level-mismatch", Warning),
            ("statement-value-conflict", Error),
            ("score-over-achievement", Error),
            ("quantity-ceiling", Warning),
            ("missing-unit", Info),
            ("missing-comparator", Info),
            ("period-mismatch", Error),
        ];
        for (code, severity) in expect {
            let id = RuleId::from_code(code).unwrap_or_else(|| panic!("{code} exists"));
            assert_eq!(id.rule().severity, severity, "{code}");
        }
    }
}

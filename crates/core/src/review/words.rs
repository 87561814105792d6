//! The vocabulary the rules read names and units with: money units, time units, and the words
//! that mark a name as a cost, a satisfaction, a deadline or a bounded rate.

use rust_decimal::Decimal;

/// How many 元 one of `unit` is, when `unit` is an amount of money (`万元`, not `元/人`).
pub(crate) fn money_factor(unit: &str) -> Option<Decimal> {
    let factor: i64 = match unit.trim() {
        "元" => 1,
        "千元" => 1_000,
        "万元" => 10_000,
        "百万元" => 1_000_000,
        "亿元" => 100_000_000,
        _ => return None,
    };
    Some(Decimal::from(factor))
}

pub(crate) fn is_money(unit: &str) -> bool {
    money_factor(unit).is_some()
}

pub(crate) fn is_percent(unit: &str) -> bool {
    matches!(unit.trim(), "%" | "‰" | "百分比")
}

/// A duration or point in time: `天`, `个工作日`, `个月`, `小时`.
pub(crate) fn is_time_unit(unit: &str) -> bool {
    ["天", "日", "月", "年", "小时", "时", "周", "分钟", "季度", "旬"].iter().any(|w| unit.contains(w))
}

/// A name of an expense: `差旅费`, `培训费用`, `运行成本`.
pub(crate) fn is_cost_name(name: &str) -> bool {
    let name = name.trim_end_matches([' ', '。']);
    ["费", "费用", "经费", "成本", "支出", "开支"].iter().any(|w| name.ends_with(w))
}

/// A saving is a benefit, not a cost, though it is counted in money.
pub(crate) fn is_saving_name(name: &str) -> bool {
    ["节约", "节省", "节支", "降低", "减少", "压减"].iter().any(|w| name.contains(w))
}

/// A cost per unit (`人均费用`, `单价`), which is not a share of the project's funds.
pub(crate) fn is_unit_cost_name(name: &str) -> bool {
    ["人均", "单价", "平均", "每", "标准", "单位成本", "单位"].iter().any(|w| name.contains(w))
}

pub(crate) fn is_satisfaction_name(name: &str) -> bool {
    name.contains("满意度") || name.contains("满意率")
}

/// A name that asks for a time: `办理时限`, `建设周期`.
pub(crate) fn is_timeliness_name(name: &str) -> bool {
    ["时限", "期限", "周期", "用时", "时长", "天数", "工期", "完成时间"].iter().any(|w| name.contains(w))
}

/// A rate that cannot exceed 100%: `满意度`, `合格率`, `覆盖率` (not `增长率`).
pub(crate) fn is_bounded_rate_name(name: &str) -> bool {
    let name = name.trim_end_matches([' ', '。']);
    [
        "满意度",
        "满意率",
        "合格率",
        "覆盖率",
        "完成率",
        "正确率",
        "准确率",
        "到位率",
        "知晓率",
        "及时率",
        "达标率",
        "执行率",
        "参与率",
        "通过率",
        "出勤率",
        "入学率",
        "办结率",
        "回访率",
        "使用率",
        "利用率",
        "占比",
    ]
    .iter()
    .any(|w| name.ends_with(w))
}

/// A name whose target is a ratio: ends in `率`, `比例`, `百分比`, `占比`.
pub(crate) fn is_ratio_name(name: &str) -> bool {
    let name = name.trim_end_matches([' ', '。']);
    name.ends_with('率') || name.ends_with("比例") || name.ends_with("百分比") || name.ends_with("占比")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_units_convert_to_yuan() {
        assert_eq!(money_factor("万元"), Some(Decimal::from(10_000)));
        assert_eq!(money_factor("亿元"), Some(Decimal::from(100_000_000)));
        assert_eq!(money_factor("元"), Some(Decimal::ONE));
        assert_eq!(money_factor("元/人"), None);
        assert_eq!(money_factor("人"), None);
    }

    #[test]
    fn names() {
        assert!(is_cost_name("差旅费") && is_cost_name("培训费用") && is_cost_name("设备维护费、线路租用费"));
        assert!(!is_cost_name("差旅") && !is_cost_name("经费保障率") && !is_cost_name("网站维护、差旅"));
        assert!(is_timeliness_name("护照办理时限") && !is_timeliness_name("公务护照回收"));
        assert!(is_bounded_rate_name("来宁外宾满意度") && !is_bounded_rate_name("APEC商务卡增长率"));
        assert!(is_ratio_name("友城回访率") && !is_ratio_name("出访人员"));
        assert!(is_time_unit("个工作日") && !is_time_unit("人次"));
    }
}

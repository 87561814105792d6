//! The vocabulary the rules read names and units with: money units, time units, and the words
//! that mark a name as a cost, a satisfaction, a deadline or a bounded rate.

use crate::text::IdeographSet;

/// The first of `words` found in `text`. Names and targets are short and the words many:
/// matching on the first character beats a substring search per word.
pub(crate) fn find_any<'w>(text: &str, words: &[&'w str]) -> Option<&'w str> {
    for (i, c) in text.char_indices() {
        for &w in words {
            let mut wc = w.chars();
            if wc.next() == Some(c) && text[i + c.len_utf8()..].starts_with(wc.as_str()) {
                return Some(w);
            }
        }
    }
    None
}

pub(crate) fn contains_any(text: &str, words: &[&str]) -> bool {
    find_any(text, words).is_some()
}

pub(crate) use crate::vocabulary::money::{is_money, money_factor};

pub(crate) use crate::vocabulary::percent::is_percent;

/// A duration or point in time: `天`, `个工作日`, `个月`, `小时`.
pub(crate) fn is_time_unit(unit: &str) -> bool {
    // `人/年` is a rate of people, not a time.
    !unit.contains('/') && contains_any(unit, &["天", "日", "月", "年", "时", "周", "分钟", "季度", "旬"])
}

const NAME_WORD_STARTS: IdeographSet = IdeographSet::of("满时期周用天工完节降减压人单平标每未不没按");

/// The ideographs that start template text: `请填写`, `此处填写`, `填写说明`, `指标2:`, `三级指标1`.
pub(crate) use crate::vocabulary::template::TEMPLATE_STARTS;

/// What an indicator's name says about what it measures. Worked out in one pass over the name
/// (a `match` per character), since every rule asks and names are many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct NameTraits(u16);

impl NameTraits {
    const COST: u16 = 1;
    const SAVING: u16 = 1 << 1;
    const UNIT_COST: u16 = 1 << 2;
    const SATISFACTION: u16 = 1 << 3;
    const TIMELINESS: u16 = 1 << 4;
    const RATIO: u16 = 1 << 5;
    const BOUNDED_RATE: u16 = 1 << 6;
    const NEGATED: u16 = 1 << 7;
    const MAY_HOLD_TEMPLATE: u16 = 1 << 8;
    const AMOUNT: u16 = 1 << 9;

    pub fn of(name: &str) -> NameTraits {
        let mut t = 0;
        for (i, c) in name.char_indices() {
            if !NAME_WORD_STARTS.contains(c) {
                // Anything but an ideograph may start template text (`**`, `XX`, `…`, `指标2:`);
                // of the ideographs, only these do. The placeholder rule looks closer.
                if !crate::text::is_ideograph(c) || TEMPLATE_STARTS.contains(c) {
                    t |= Self::MAY_HOLD_TEMPLATE;
                }
                continue;
            }
            let rest = &name[i..];
            let has = |w: &str| rest.starts_with(w);
            t |= match c {
                '满' if has("满意度") || has("满意率") || has("满意程度") => Self::SATISFACTION,
                '按' if has("按时") => Self::TIMELINESS,
                '时' if has("时限") || has("时长") => Self::TIMELINESS,
                '期' if has("期限") => Self::TIMELINESS,
                '周' if has("周期") => Self::TIMELINESS,
                '用' if has("用时") => Self::TIMELINESS,
                '天' if has("天数") => Self::TIMELINESS,
                '工' if has("工期") => Self::TIMELINESS,
                '完' if has("完成时间") => Self::TIMELINESS,
                '节' if has("节约") || has("节省") || has("节支") => Self::SAVING,
                '降' if has("降低") => Self::SAVING,
                '减' if has("减少") => Self::SAVING,
                '压' if has("压减") => Self::SAVING,
                '人' if has("人均") => Self::UNIT_COST,
                '单' if has("单价") || has("单位") || has("单个") || has("单台") || has("单次") => {
                    Self::UNIT_COST
                }
                '平' if has("平均") => Self::UNIT_COST,
                '标' if has("标准") => Self::UNIT_COST,
                '每' => Self::UNIT_COST,
                '未' | '不' => Self::NEGATED,
                '没' if has("没有") => Self::NEGATED,
                _ => 0,
            };
        }
        // A bracket at the end (`完成及时率(≥**%)`, `受益人数(人)`) is a hint or a unit, not the
        // name: what the name measures is read before it.
        let stem = match name.trim_end().strip_suffix([')', '）']) {
            Some(body) => body.rfind(['(', '（']).map_or(name, |open| &body[..open]),
            None => name,
        };
        let mut rev = stem.chars().rev().skip_while(|&c| c.is_whitespace() || c == '。');
        t |= match (rev.next(), rev.next()) {
            (Some('费'), _) | (Some('用'), Some('费')) | (Some('本'), Some('成')) => Self::COST,
            (Some('额'), Some('金')) => Self::AMOUNT,
            (Some('出'), Some('支')) | (Some('支'), Some('开')) => Self::COST,
            // Rates that top out at 100%, by the word before 率: 满意率, 合格率, 覆盖率, 完成率,
            // 正确率, 到位率, 知晓率, 及时率, 达标率, 执行率, 参与率, 通过率, 出勤率, 入学率,
            // 办结率, 回访率, 使用率 (not 增长率).
            (Some('率'), Some(p)) => {
                let bounded = matches!(
                    p,
                    '意' | '格'
                        | '盖'
                        | '成'
                        | '确'
                        | '位'
                        | '晓'
                        | '时'
                        | '标'
                        | '行'
                        | '与'
                        | '过'
                        | '勤'
                        | '学'
                        | '结'
                        | '访'
                        | '用'
                );
                Self::RATIO | if bounded { Self::BOUNDED_RATE } else { 0 }
            }
            (Some('率'), None) => Self::RATIO,
            (Some('度'), Some('意')) if t & Self::SATISFACTION != 0 => Self::BOUNDED_RATE,
            (Some('度'), Some('程')) if t & Self::SATISFACTION != 0 => Self::BOUNDED_RATE,
            (Some('例'), Some('比')) => Self::RATIO,
            (Some('比'), Some('占')) => Self::RATIO | Self::BOUNDED_RATE,
            (Some('比'), Some('分')) => Self::RATIO,
            _ => 0,
        };
        NameTraits(t)
    }

    fn has(self, flag: u16) -> bool {
        self.0 & flag != 0
    }

    /// A name of an expense: `差旅费`, `培训费用`, `运行成本`.
    pub fn cost(self) -> bool {
        self.has(Self::COST)
    }

    /// A name of a sum of money: `工程资金金额`, `支出安排金额`.
    pub fn amount(self) -> bool {
        self.has(Self::AMOUNT)
    }

    /// A saving is a benefit, not a cost, though it is counted in money.
    pub fn saving(self) -> bool {
        self.has(Self::SAVING)
    }

    /// A cost per unit (`人均费用`, `单价`), which is not a share of the project's funds.
    pub fn unit_cost(self) -> bool {
        self.has(Self::UNIT_COST)
    }

    /// `…满意度`, `…满意率`.
    pub fn satisfaction(self) -> bool {
        self.has(Self::SATISFACTION)
    }

    /// A name that asks for a time: `办理时限`, `建设周期`.
    pub fn timeliness(self) -> bool {
        self.has(Self::TIMELINESS)
    }

    /// A target that is a ratio: ends in `率`, `比例`, `百分比`, `占比`.
    pub fn ratio(self) -> bool {
        self.has(Self::RATIO)
    }

    /// A rate that cannot exceed 100%: `满意度`, `合格率`, `覆盖率` (not `增长率`).
    pub fn bounded_rate(self) -> bool {
        self.has(Self::BOUNDED_RATE)
    }

    /// Whether the name has a character template text starts with; when not, it holds none.
    pub fn may_hold_template(self) -> bool {
        self.has(Self::MAY_HOLD_TEMPLATE)
    }

    /// The name speaks of the negation of something (`未上缴…`).
    pub fn negated(self) -> bool {
        self.has(Self::NEGATED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn money_units_convert_to_yuan() {
        assert_eq!(money_factor("万元"), Some(Decimal::from(10_000)));
        assert_eq!(money_factor("亿元"), Some(Decimal::from(100_000_000)));
        assert_eq!(money_factor("元"), Some(Decimal::ONE));
        assert_eq!(money_factor("元/人"), None);
        assert_eq!(money_factor("人"), None);
    }

    #[test]
    fn ideograph_sets() {
        const SET: IdeographSet = IdeographSet::of("一满龥");
        assert!(SET.contains('一') && SET.contains('满') && SET.contains('龥'));
        assert!(!SET.contains('意') && !SET.contains('a') && !SET.contains('〇') && !SET.contains('\u{A000}'));
    }

    #[test]
    fn finding_words() {
        assert_eq!(find_any("2020年执行中不发生预算追加", &["全部", "不发生"]), Some("不发生"));
        assert_eq!(find_any("发生预算调剂的", &["不发生"]), None);
    }

    #[test]
    fn names() {
        let of = NameTraits::of;
        for cost in ["差旅费", "培训费用", "设备维护费、线路租用费", "运行成本", "三公经费支出", "日常开支"]
        {
            assert!(of(cost).cost(), "{cost}");
        }
        for not in ["差旅", "经费保障率", "网站维护、差旅", "费用节约率"] {
            assert!(!of(not).cost(), "{not}");
        }
        assert!(of("护照办理时限").timeliness() && !of("公务护照回收").timeliness());
        assert!(of("来宁外宾满意度").bounded_rate() && of("验收合格率").bounded_rate());
        assert!(!of("APEC商务卡增长率").bounded_rate() && of("APEC商务卡增长率").ratio());
        assert!(of("友城回访率").ratio() && !of("出访人员").ratio());
        assert!(of("护照办理人员满意度").satisfaction() && !of("出访人员").satisfaction());
        assert!(of("人均培训费").unit_cost() && of("单个站点建设成本").unit_cost() && !of("培训费").unit_cost());
        assert!(of("节约运行成本").saving() && of("节约运行成本").cost());
        assert!(of("未上缴结余资金占比").negated() && !of("上缴结余资金占比").negated());
        assert!(of("指标1工程资金金额").amount() && !of("资金拨付").amount());
        assert!(is_time_unit("个工作日") && !is_time_unit("人次") && !is_time_unit("人/年"));
        assert!(of("市民对空气质量改善的满意程度").satisfaction() && of("市民对空气质量改善的满意程度").bounded_rate());
        assert!(of("按时发放").timeliness());
        assert!(of("完成及时率(≥**%)").bounded_rate() && of("苗木成活率（≥**%）").ratio());
        assert!(of("差旅费(万元)").cost() && !of("受益人数(人)").ratio());
    }
}

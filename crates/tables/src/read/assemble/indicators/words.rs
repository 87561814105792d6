//! What a cell of the indicator block looks like: a category, a target, a fragment, a 其中
//! row, a numbered placeholder, or a word of the basis, polarity or comparator columns.

use super::*;

/// The 类别 column's value.
pub(super) fn is_category(text: &str) -> bool {
    text == "绩效指标" || (has_word(text, "绩效指标") && matches!(label(text, false), Some(Label::IndicatorGroup)))
}

/// Short qualitative targets that read as targets, not names.
pub(super) const QUALITATIVE: &[&str] = &[
    "合格",
    "达标",
    "良好",
    "优良",
    "优秀",
    "及时",
    "是",
    "否",
    "有效",
    "显著",
    "明显",
    "达到预期",
    "符合要求",
    "按时完成",
    "全部完成",
    "完成",
    "无",
    "持续",
    "稳定",
    "到位",
    "满意",
    "较好",
    "基本满意",
    "逐步",
];

/// Whether a cell reads as a target: a quantity, range or date; or a short qualitative text
/// with a direction (`持续提升`) or an evaluative word (`效果明显`).
pub(super) fn looks_like_target(text: &str) -> bool {
    match Target::parse(text) {
        Target::Quantity { .. } | Target::Range { .. } | Target::Date { .. } => true,
        Target::Quality { text, direction, .. } => {
            let short = text.chars().count() <= 8;
            short && (direction != jixiao_core::Direction::None || QUALITATIVE.iter().any(|w| text.ends_with(w)))
        }
        Target::Empty => false,
    }
}

/// A cell that can be the rest of a wrapped name or target: neither a target nor a level.
pub(super) fn is_fragment(text: &str) -> bool {
    !looks_like_target(text) && !is_category(text) && classify(text) == (None, None)
}

/// A 三级 of a template row left unfilled: `……`, `…`, `...`.
pub(super) fn is_placeholder_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| matches!(c, '…' | '.' | '。'))
}

/// A `其中…` row under an indicator (`其中桃树种植面积 | 1.5亩`): a part of the indicator
/// above, never an indicator of its own.
pub(super) fn is_sub_row(name: &str) -> bool {
    name.trim_start().starts_with("其中")
}

/// The report of a cell of a `其中…` row, which the format has no place for.
pub(super) fn sub_row(position: Position, text: &str) -> Item {
    Item::Diagnostic(Diagnostic::unplaced(position, text, "“其中…”一行是上面指标的细分, 不作为指标读入"))
}

/// The rest of a name after the template's numbering (`指标1:` , `指标2`), or `None` when
/// it has none.
pub(super) fn numbered_prefix(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("指标")?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let rest = &rest[digits..];
    Some(rest.trim_start_matches([':', '：', '.', '、']).trim_start())
}

/// A 设定依据 / 绩效标准 as written.
pub(super) fn is_basis_word(text: &str) -> bool {
    matches!(text, "计划标准" | "行业标准" | "历史标准" | "其他标准" | "预算标准" | "其他")
}

/// A 指标方向 as written (正向, 反向指标).
pub(super) fn is_polarity_word(text: &str) -> bool {
    matches!(text, "正向" | "反向" | "正向指标" | "反向指标")
}

/// A 指标性质 as written: a comparator alone, or 定性/定量.
pub(super) fn is_op_word(text: &str) -> bool {
    matches!(text, "=" | "＝" | ">" | "<" | ">=" | "<=" | "≥" | "≤" | "≧" | "≦" | "＞" | "＜" | "定性" | "定量")
}

/// A comparator, as a sign or in words (`≥`, `大于等于`, `不低于`).
pub(super) fn is_comparator_word(text: &str) -> bool {
    (is_op_word(text) && !matches!(text, "定性" | "定量")) || split::COMPARATOR_WORDS.contains(&text)
}

/// A plain number (`10`, `22.5`, `44,561`).
pub(super) fn is_number(text: &str) -> bool {
    let t = text.replace(',', "");
    !t.is_empty() && Decimal::from_str(&t).is_ok()
}

/// A cell that can only be a target (a number, range or date), never a name.
pub(super) fn strongly_target(text: &str) -> bool {
    matches!(Target::parse(text), Target::Quantity { .. } | Target::Range { .. } | Target::Date { .. })
}

/// Whether a cell in the 一级 column can name a level: a standard one, or one of a frame the
/// vocabulary does not know, written as levels are (`项目完成指标`, `产出目标`).
pub(super) fn names_a_level(text: &str) -> bool {
    let text = trim(text);
    classify(text) != (None, None) || ["指标", "目标", "类"].iter().any(|w| split::strip_points(text).ends_with(w))
}

/// Whether a cell is shaped like a 二级 the vocabulary does not know (`具体指标`, `日效性指标`):
/// short, ending in 指标, no number, no standard level and no label.
pub(super) fn shaped_like_level2(text: &str) -> bool {
    text.ends_with("指标")
        && (3..=8).contains(&text.chars().count())
        && !text.bytes().any(|b| b.is_ascii_digit())
        && classify(text) == (None, None)
        && label(text, false).is_none()
}

/// A cell that names a rate (`发放时间达标率`) and holds no value: a 三级's name, never a target.
pub(super) fn names_a_rate(text: &str) -> bool {
    let text = trim(text);
    text.ends_with('率')
        && text.chars().count() >= 3
        && !text.bytes().any(|b| b.is_ascii_digit())
        && !looks_like_target(text)
}

/// ` (表 …)` naming the table, for notes.
pub(super) fn doc_hint(doc: &Document) -> String {
    match doc.project.as_ref().map(|p| p.name.as_str()).filter(|n| !n.is_empty()) {
        Some(name) => format!(" (项目 {name})"),
        None => String::new(),
    }
}

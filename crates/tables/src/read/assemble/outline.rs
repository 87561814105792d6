//! Targets stated as an outline in prose rather than a table, as notices and letters setting a
//! project's targets do: `一、产出指标`, then `(一)数量指标` (or `数量指标:` with its items on
//! the same line), then items `设施温棚种植人员(县内培训)≧300人;` or `完成时限,2025年10月底前;`.
//! An item is read only where its name and target part at a comparator or at a comma before a
//! short target; any other is reported.

use jixiao_core::levels::{Level1, classify};
use jixiao_core::text::{is_blank, trim};
use jixiao_core::{Direction, Target};

use super::split;

/// The levels an outline has stated so far, and how its 一级 headings are numbered.
#[derive(Debug, Default)]
pub struct Outline {
    pub level1: String,
    pub level2: String,
    pub bracketed: bool,
}

/// Whether a line's numbering is in brackets (`(一)`, `（二）`) rather than plain (`一、`, `1.`).
pub fn bracketed(text: &str) -> bool {
    text.trim_start_matches(is_blank).starts_with(['(', '（'])
}

/// What one line of an outline holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A heading of an 一级 (`一、产出指标`).
    Level1(&'a str),
    /// Items, each under the 二级 stated before it on the line or above: (二级 if stated on
    /// this line, the item's text). An item is `None` where the line's text is only a heading.
    Items(Vec<(Option<&'a str>, Option<&'a str>)>),
}

/// The 一级 an outline's heading line names (`一、产出指标`, `1. 效益指标:`); `None` for any
/// other line. Asked of every line outside a table: most are dismissed by their length.
pub fn level1_heading(text: &str) -> Option<&str> {
    if text.len() > 40 {
        return None;
    }
    let name = without_numbering(text)?.trim_end_matches([':', '：']).trim_matches(is_blank);
    let named = name.ends_with("指标") && matches!(classify(name), (Some(_), _));
    // 成本指标 names an 一级 and a 二级: as a numbered heading of its own, the 一级.
    (named && Level1::from_name(name).is_some()).then_some(name)
}

/// A line inside an outline: an 一级 heading, or items under 二级 headings; `None` for a line
/// that is neither (the outline has ended). 成本指标, which names an 一级 and a 二级, heads an
/// 一级 only when numbered as the outline's 一级 are (`(四)成本指标` under `一、产出指标` is a 二级).
pub fn line<'a>(text: &'a str, outline: &Outline) -> Option<Line<'a>> {
    let text = trim(text);
    if let Some(l1) = level1_heading(text) {
        let either = matches!(classify(l1), (Some(_), Some(_)));
        if !either || bracketed(text) == outline.bracketed {
            return Some(Line::Level1(l1));
        }
    }
    let mut items = Vec::new();
    let mut rest = without_numbering(text).unwrap_or(text);
    // `数量指标:` or `(一)数量指标` opens the line; further `时效指标:` inside it open others.
    let mut level2 = None;
    loop {
        if let Some((l2, after)) = level2_prefix(rest) {
            level2 = Some(l2);
            rest = after;
            if trim(rest).is_empty() {
                items.push((level2, None));
                break;
            }
            continue;
        }
        let end = rest.find(['；', ';', '。']).map_or(rest.len(), |i| i);
        let item = trim(rest[..end].trim_end_matches([',', '，']));
        if !item.is_empty() {
            items.push((level2.take(), Some(item)));
        }
        if end == rest.len() {
            break;
        }
        let sep = rest[end..].chars().next().map_or(1, char::len_utf8);
        rest = &rest[end + sep..];
        if trim(rest).is_empty() {
            break;
        }
        rest = without_numbering(rest).unwrap_or(rest);
    }
    // A line of prose is no item list: one of its items at least must split, or the line name
    // a 二级 (its other items are then reported).
    let split = items.iter().any(|(_, item)| item.is_some_and(|i| item_parts(i).is_some()));
    let headed = items.iter().any(|(l2, _)| l2.is_some());
    (!items.is_empty() && (split || headed)).then_some(Line::Items(items))
}

/// A standard 二级 that `text` starts with, as a heading (`数量指标`, `(一)数量指标`,
/// `经济效益指标:`), and the text after it.
fn level2_prefix(text: &str) -> Option<(&str, &str)> {
    let body = without_numbering(text).unwrap_or(text);
    let end = body.find("指标")? + "指标".len();
    let name = trim(&body[..end]);
    if name.chars().count() > 10 || !matches!(classify(name), (_, Some(_))) {
        return None;
    }
    let after = &body[end..];
    let after = after.strip_prefix([':', '：', ',', '，']).unwrap_or(after);
    // A heading stands alone or is followed by a colon; `满意度指标较上年提高` is prose.
    let ends = body[end..].is_empty() || body[end..].starts_with([':', '：', ',', '，']);
    ends.then_some((name, after))
}

/// The text after a leading outline number (`一、`, `(一)`, `（二）`, `1.`, `2、`), if any.
fn without_numbering(text: &str) -> Option<&str> {
    let t = text.trim_start_matches(is_blank);
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    if let Some(inner) = t.strip_prefix(['(', '（']) {
        let close = inner.find([')', '）'])?;
        let n = &inner[..close];
        if n.is_empty() || !n.chars().all(numeral) {
            return None;
        }
        let rest = &inner[close..];
        return Some(rest[rest.chars().next().map_or(0, char::len_utf8)..].trim_start_matches(is_blank));
    }
    let digits = t.char_indices().take_while(|&(_, c)| numeral(c)).last()?;
    let after = &t[digits.0 + digits.1.len_utf8()..];
    let after = after.strip_prefix(['、', '.', '．'])?;
    Some(after.trim_start_matches(is_blank))
}

/// An item's name and target: split at the first comparator outside brackets, or at the last
/// comma when a short target follows it (`完成时限,2025年10月底前`, `农民综合素质,持续提高`).
pub fn item_parts(item: &str) -> Option<(&str, &str)> {
    let item = trim(item);
    let mut depth = 0i32;
    for (i, c) in item.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            _ if depth == 0 => {
                let target = &item[i..];
                let value = match split::COMPARATOR_WORDS.iter().find(|w| target.starts_with(**w)) {
                    Some(w) => &target[w.len()..],
                    None if split::is_comparator(c) => target.trim_start_matches(split::is_comparator),
                    None => continue,
                };
                let name = trim(&item[..i]);
                let valued = value.chars().next().is_some_and(|c| c.is_ascii_digit());
                return (valued && named(name) && target.chars().count() <= 20).then_some((name, target));
            }
            _ => {}
        }
    }
    let comma = item.rfind([',', '，'])?;
    let (name, target) = (trim(&item[..comma]), trim(&item[comma + item[comma..].chars().next()?.len_utf8()..]));
    let short = (1..=12).contains(&target.chars().count());
    // A target in words gives a direction (`增加`, `持续提高`): `开拓视野` after a comma is prose.
    let reads = match Target::parse(target) {
        Target::Quality { direction, .. } => direction != Direction::None,
        Target::Empty => false,
        _ => true,
    };
    (short && reads && named(name)).then_some((name, target))
}

/// An item under a 二级 heading whose name runs straight into the figure that ends it, with no
/// comparator (`资助建档立卡贫困子女1966人`, `资助标准100%达标`): split before the figure. Only
/// a figure of one number and a short unit (`人`, `%`, `万元`, `平方米`), with at most 达标 / 以上
/// / 以内 after it, ends an item; `完成2个村道路硬化` is prose. The split is a guess: the caller
/// says so.
pub fn figure_parts(item: &str) -> Option<(&str, &str)> {
    let item = trim(item);
    let at = item.find(|c: char| c.is_ascii_digit())?;
    let (name, target) = (trim(&item[..at]), &item[at..]);
    let number_end = target.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(target.len());
    let after = &target[number_end..];
    let unit = ["达标", "以上", "以内"].iter().find_map(|w| after.strip_suffix(w)).unwrap_or(after);
    let unit_fits = unit.chars().count() <= 3
        && unit
            .chars()
            .all(|c| c == '%' || c == '‰' || (!c.is_ascii() && !split::is_comparator(c) && c.is_alphabetic()));
    let opened = name.matches(['(', '（']).count() == name.matches([')', '）']).count();
    (unit_fits && opened && named(name) && name.chars().count() <= 30).then_some((name, target))
}

/// The items of an item under a 二级 heading that [`figure_parts`] splits: the item itself, or
/// each of its parts between commas when every part splits (`资助经费发放率100%达标,资助经费
/// 到位率100%达标`).
pub fn figured_items(item: &str) -> Option<Vec<(&str, &str)>> {
    if let Some(parts) = figure_parts(item) {
        return Some(vec![parts]);
    }
    let pieces: Vec<&str> = item.split([',', '，']).collect();
    if pieces.len() < 2 {
        return None;
    }
    pieces.into_iter().map(figure_parts).collect()
}

/// Whether an item's name part can be a 三级: two characters or more, not marked as a parent
/// item (`★`), holding no comma (a parent item and its sub-item: `作物种植补助标准,黄金蜜…`),
/// no level's name.
fn named(name: &str) -> bool {
    name.chars().nth(1).is_some() && !name.contains(['★', ',', '，']) && classify(name) == (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_items_of_an_outline() {
        assert_eq!(level1_heading("一、产出指标"), Some("产出指标"));
        assert_eq!(level1_heading("一、 产出指标"), Some("产出指标"));
        assert_eq!(level1_heading("三、满意度指标:"), Some("满意度指标"));
        assert_eq!(level1_heading("一、产出指标完成情况"), None);
        assert_eq!(level1_heading("产出指标"), None);
        assert_eq!(item_parts("设施温棚种植人员(县内培训)≧300人"), Some(("设施温棚种植人员(县内培训)", "≧300人")));
        assert_eq!(
            item_parts("商业段外立面改造(≥**平方米)大于等于10157.6平方米"),
            Some(("商业段外立面改造(≥**平方米)", "大于等于10157.6平方米"))
        );
        assert_eq!(item_parts("完成时限,2025年10月底前"), Some(("完成时限", "2025年10月底前")));
        assert_eq!(item_parts("农民综合素质,持续提高"), Some(("农民综合素质", "持续提高")));
        // Prose: no comparator before a number, no short target after a comma.
        assert_eq!(item_parts("提高种植人员实施蔬菜科学种植技术和管理水平,开拓视野"), None);
        assert_eq!(item_parts("★补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)>=17600株"), None);
        assert_eq!(item_parts("作物种植补助标准,黄金蜜(葡萄)补助成本(≤**元/株)≤28.40/株"), None);
    }

    #[test]
    fn items_that_run_into_their_figure() {
        assert_eq!(figure_parts("资助建档立卡贫困子女1966人"), Some(("资助建档立卡贫困子女", "1966人")));
        assert_eq!(figure_parts("资助标准100%达标"), Some(("资助标准", "100%达标")));
        assert_eq!(figure_parts("享受国家助学金平均每生每年3300元"), Some(("享受国家助学金平均每生每年", "3300元")));
        assert_eq!(figure_parts("改造面积12.5平方米"), Some(("改造面积", "12.5平方米")));
        // Prose: the figure does not end the item, or nothing names it.
        assert_eq!(figure_parts("完成2个村道路硬化"), None);
        assert_eq!(figure_parts("在2023年12月底前完成"), None);
        assert_eq!(figure_parts("2023年底前完成"), None);
        assert_eq!(figure_parts("按时发放"), None);
        assert_eq!(figure_parts("新建(改建3处)"), None);
        assert_eq!(
            figured_items("资助经费发放率100%达标,资助经费到位率100%达标"),
            Some(vec![("资助经费发放率", "100%达标"), ("资助经费到位率", "100%达标")])
        );
        assert_eq!(figured_items("资助经费发放率100%达标,按时发放"), None);
    }

    #[test]
    fn lines_of_an_outline() {
        let outline = Outline::default();
        let line = |text| line(text, &outline);
        assert_eq!(line("(一)数量指标"), Some(Line::Items(vec![(Some("数量指标"), None)])));
        // Numbered as a 二级 under plain-numbered 一级 headings, 成本指标 is the 二级.
        assert_eq!(line("(四)成本指标"), Some(Line::Items(vec![(Some("成本指标"), None)])));
        assert_eq!(line("四、成本指标"), Some(Line::Level1("成本指标")));
        assert_eq!(
            line("数量指标:商业段外立面改造(≥**平方米)大于等于10157.6平方米,"),
            Some(Line::Items(vec![(Some("数量指标"), Some("商业段外立面改造(≥**平方米)大于等于10157.6平方米"))]))
        );
        assert_eq!(line("参训学员满意度≥95%。"), Some(Line::Items(vec![(None, Some("参训学员满意度≥95%"))])));
        assert_eq!(line("二、效益指标"), Some(Line::Level1("效益指标")));
        assert_eq!(line("附件:同心县2025年设施农业技术培训项目绩效目标表"), None);
        assert_eq!(line("同心县农业农村局"), None);
    }
}

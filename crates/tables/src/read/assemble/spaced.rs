//! Header lines whose cells ran together, with single spaces (`项目名称 再生资源… 主管部门 …`)
//! or with nothing (`项目主管部门青山区教育局项目执行单位化工区学校`): split at the template's
//! labels, each label taking what follows it up to the next as its value.

use jixiao_core::text::{is_blank, is_ideograph, is_ideograph_lead};

use super::goals::is_long_text;
use super::header::draws_boxes;
use super::labels::{Label, label, longest_label_prefix, unit_line};
use crate::read::bytes::find_byte;

/// The most words one label may be broken into (`年度主要目标 和成果`, `一级 指标`).
const MOST_PIECES: usize = 3;

/// The longest text, in bytes, that [`label`] or [`unit_line`] reads as a label.
const LONGEST_JOINED: usize = 64;

/// One piece of a split header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A label, possibly joined from words broken by spaces.
    Label(&'a str),
    /// The value of the label before it.
    Value(&'a str),
    /// Words after a value that belong to no known label (an unknown label and its value):
    /// the split cannot say which column they are, so they are reported.
    Unplaced(&'a str),
}

/// The pieces of a header line whose cells are separated by single spaces; `None` unless the
/// line starts with a header label and every label in it is one of the header block (indicator
/// column headers are left to the indicator header's own split).
///
/// A long text (年度目标 …) takes the rest of the line, spaces and all; an amount takes one word;
/// a name takes the words up to the next label, or up to a word shaped like a label the
/// templates do not have (`项目分类`), after which the words are unplaced.
pub fn header_pieces(text: &str, in_execution: bool) -> Option<Vec<Piece<'_>>> {
    if !has_space(text) {
        return None;
    }
    // Cells with spaces are mostly long values (goals, names): a label is at most
    // `LONGEST_JOINED` bytes, so a first word that runs past that starts none.
    let lead = text.trim_start_matches(is_blank);
    if !lead.char_indices().take_while(|&(i, _)| i <= LONGEST_JOINED).any(|(_, c)| is_blank(c)) {
        return None;
    }
    let mut all = words(text);
    let mut words: Vec<(usize, usize)> = all.by_ref().take(MOST_PIECES).collect();
    if words.len() < 2 {
        return None;
    }
    let (first, n) = label_at(text, &words, 0, in_execution)?;
    if draws_boxes(text) {
        return None;
    }
    words.extend(all);
    let span = |from: usize, to: usize| &text[words[from].0..words[to - 1].1];
    // A label with a colon before the table (`预算单位: …`, `填报单位:(盖章) …`) is the page's,
    // not a cell's.
    let first_text = span(0, n);
    let bare = match first_text.rfind(['(', '（']) {
        Some(open) if first_text.ends_with([')', '）']) => &first_text[..open],
        _ => first_text,
    };
    if first.is_none() || bare.trim_end().ends_with([':', '：']) {
        return None;
    }
    let mut pieces = Vec::new();
    let mut i = 0;
    let mut current = Some((first, n));
    while let Some((l, n)) = current {
        // A unit line (`单位:万元`) among the labels is read as one too.
        let Some(l) = l else {
            pieces.push(Piece::Label(span(i, i + n)));
            i += n;
            current = (i < words.len()).then(|| label_at(text, &words, i, in_execution)).flatten();
            if current.is_none() && i < words.len() {
                return None;
            }
            continue;
        };
        if !is_header(l) {
            return None;
        }
        pieces.push(Piece::Label(span(i, i + n)));
        i += n;
        let mut j = i;
        let mut next = None;
        while j < words.len() {
            next = label_at(text, &words, j, in_execution);
            if next.is_some() {
                break;
            }
            j += 1;
        }
        if j > i {
            if is_long_text(l) {
                pieces.push(Piece::Value(span(i, words.len())));
                return Some(pieces);
            }
            let end = if is_amount(l) {
                i + 1
            } else {
                (i + 1..j).find(|&k| shaped_like_label(&text[words[k].0..words[k].1])).unwrap_or(j)
            };
            pieces.push(Piece::Value(span(i, end)));
            if end < j {
                pieces.push(Piece::Unplaced(span(end, j)));
            }
        }
        i = j;
        current = next;
    }
    (pieces.len() >= 2).then_some(pieces)
}

/// The longest label a text may be (`年度资金总额(万元)`), in characters.
const LONGEST_LABEL: usize = 12;

/// The pieces of a header cell whose label and value ran together with nothing between them;
/// `None` unless it starts with a header label and has a value. Further labels inside are
/// split off only where a label of the header block (four characters or more, 主管部门 but not
/// 单位) begins, so that a name is not cut at a short word it happens to hold.
pub fn joined_pieces<'a>(text: &'a str) -> Option<Vec<Piece<'a>>> {
    if text.contains(char::is_whitespace) || text.len() > 600 {
        return None;
    }
    let (first, end) = label_prefix(text, 1)?;
    if !is_header(first) || matches!(first, Label::Signature | Label::Attachment) {
        return None;
    }
    // 项目主管部门 is read as 主管部门.
    let bare = |l: &'a str| if label(l, false).is_some() { l } else { l.strip_prefix("项目").unwrap_or(l) };
    let mut pieces = vec![Piece::Label(bare(&text[..end]))];
    let mut rest_from = end;
    let mut from = end;
    while from < text.len() {
        let found = text[from..]
            .char_indices()
            .map(|(i, _)| from + i)
            .find_map(|at| label_prefix(&text[at..], 4).filter(|&(l, _)| is_header(l)).map(|(_, n)| (at, at + n)));
        let Some((at, until)) = found else { break };
        if at > rest_from {
            pieces.push(Piece::Value(&text[rest_from..at]));
        }
        pieces.push(Piece::Label(bare(&text[at..until])));
        rest_from = until;
        from = until;
    }
    if rest_from < text.len() {
        if text.ends_with([':', '：']) {
            // A label this reader does not know that starts with one it does (`项目期限:` after
            // `项目期`): its tail is not the value.
            return None;
        }
        pieces.push(Piece::Value(&text[rest_from..]));
    }
    // Labels alone (`总体目标年度目标`) are split too: their values follow on the next lines.
    (pieces.len() >= 2).then_some(pieces)
}

/// The longest label of at least `min` characters that `text` starts with, and its length in
/// bytes (a colon after it included).
fn label_prefix(text: &str, min: usize) -> Option<(Label, usize)> {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        // A numbered item (`1.保障学生…`) would read as a numbered heading.
        return None;
    }
    let found = longest_label_prefix(text, LONGEST_LABEL, |word, n| if n >= min { label(word, false) } else { None });
    // 项目主管部门, 项目执行单位: a label with 项目 before it.
    found.or_else(|| {
        let rest = text.strip_prefix("项目")?;
        label_prefix(rest, min).filter(|&(l, _)| is_identity_label(l)).map(|(l, n)| (l, n + "项目".len()))
    })
}

fn is_identity_label(l: Label) -> bool {
    matches!(l, Label::Department { .. } | Label::Implementer | Label::Preparer)
}

/// Whether `text` holds a space or an ideographic space (E3 80 80), by byte searches: this
/// runs on every cell that is no label, where a search for the character itself would stop
/// at every 80, the commonest byte of CJK text.
fn has_space(text: &str) -> bool {
    let b = text.as_bytes();
    find_byte(b, b' ', |_| true).is_some() || find_byte(b, 0xE3, |i| b[i + 1..].starts_with(&[0x80, 0x80])).is_some()
}

/// The byte spans of the words of `text`, split at blanks.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    // Whether the character at `i` is blank, and its length. Ideographs, nearly all of a long
    // value's text, are told by their first byte: decoding each cost more than the rest.
    let blank_at = |i: usize| match text.as_bytes()[i] {
        x if x < 0x80 => (is_blank(char::from(x)), 1),
        x if is_ideograph_lead(x) => (false, 3),
        _ => text[i..].chars().next().map_or((false, 1), |c| (is_blank(c), c.len_utf8())),
    };
    // Steps over the characters from `i` while they are blank (`blank`) or not.
    let skip = move |mut i: usize, blank: bool| {
        while i < text.len() {
            let (is, len) = blank_at(i);
            if is != blank {
                break;
            }
            i += len;
        }
        i
    };
    std::iter::from_fn(move || {
        let start = skip(i, true);
        if start == text.len() {
            return None;
        }
        i = skip(start, false);
        Some((start, i))
    })
}

/// The label that starts at word `at`, joined from up to [`MOST_PIECES`] words (longest first),
/// and how many words it takes; a unit line (`单位:万元`) is a label without a [`Label`].
fn label_at(text: &str, words: &[(usize, usize)], at: usize, in_execution: bool) -> Option<(Option<Label>, usize)> {
    let most = MOST_PIECES.min(words.len() - at);
    (1..=most).rev().find_map(|n| {
        let joined = &text[words[at].0..words[at + n - 1].1];
        match label(joined, in_execution) {
            Some(l) => Some((Some(l), n)),
            None => unit_line(joined).map(|_| (None, n)),
        }
    })
}

/// Labels of the header block; the indicator block's column headers are not.
fn is_header(l: Label) -> bool {
    !matches!(l, Label::Role(_) | Label::IndicatorGroup)
}

fn is_amount(l: Label) -> bool {
    matches!(l, Label::FundsTotal | Label::FundsFiscal | Label::FundsOther | Label::PeriodTotal)
}

/// Whether a word has the shape of a header label the templates do not have: a few
/// ideographs ending the way labels end (项目分类, 归口科室, 财政资金科目代码).
fn shaped_like_label(word: &str) -> bool {
    const ENDS: &[&str] =
        &["名称", "分类", "类别", "单位", "部门", "科室", "负责人", "电话", "代码", "编码", "类型", "属性", "期限"];
    let n = word.chars().count();
    (3..=10).contains(&n) && word.chars().all(is_ideograph) && ENDS.iter().any(|e| word.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::Piece::{Label as L, Unplaced as U, Value as V};
    use super::*;

    proptest::proptest! {
        #[test]
        fn words_split_at_blanks(text in "[ \t\u{3000}\u{A0}a表（\u{4000}\u{A000}é\u{20000}]{0,12}") {
            // The definition: runs of characters that are not blank.
            let mut expected = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                match (is_blank(c), start) {
                    (true, Some(s)) => {
                        expected.push((s, i));
                        start = None;
                    }
                    (false, None) => start = Some(i),
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn labels_take_the_words_up_to_the_next() {
        assert_eq!(
            header_pieces("主管部门 南岳镇政府 实施单位 [610001]湖南省润山润水生态农业发展有限公司", false),
            Some(vec![L("主管部门"), V("南岳镇政府"), L("实施单位"), V("[610001]湖南省润山润水生态农业发展有限公司")])
        );
        // A label broken by spaces is joined; a long text takes the rest of the line.
        assert_eq!(
            header_pieces("年度主要目标     和成果 新建晾晒房一座 占地300平方米", false),
            Some(vec![L("年度主要目标     和成果"), V("新建晾晒房一座 占地300平方米")])
        );
        // An amount takes one word; a name stops at a word shaped like a label.
        assert_eq!(
            header_pieces("其中:财政资金 65 财政资金科目代码 21305", false),
            Some(vec![L("其中:财政资金"), V("65"), U("财政资金科目代码 21305")])
        );
        assert_eq!(
            header_pieces("项目名称 加工园配套设施建设项目 项目分类 资产资源类--房屋类", false),
            Some(vec![L("项目名称"), V("加工园配套设施建设项目"), U("项目分类 资产资源类--房屋类")])
        );
    }

    #[test]
    fn labels_run_into_their_values() {
        assert_eq!(
            joined_pieces("项目主管部门青山区教育局项目执行单位化工区学校"),
            Some(vec![L("主管部门"), V("青山区教育局"), L("项目执行单位"), V("化工区学校")])
        );
        assert_eq!(joined_pieces("年度资金总额:16"), Some(vec![L("年度资金总额:"), V("16")]));
        assert_eq!(joined_pieces("项目名称农村义务教育薄弱学校改造补助资金").map(|p| p.len()), Some(2));
        // Labels alone; a label, or text that starts with no label, is not split.
        assert_eq!(joined_pieces("总体目标年度目标"), Some(vec![L("总体目标"), L("年度目标")]));
        assert_eq!(joined_pieces("项目名称"), None);
        // A label it does not know, which starts with one it does, is not split (`项目期` + `限:`).
        assert_eq!(joined_pieces("项目工期:"), None);
        assert_eq!(joined_pieces("项目名称绿化养护经费项目编号:").map(|p| p.len()), Some(3));
        assert_eq!(joined_pieces("农村义务教育学校改造覆盖率100%"), None);
        assert_eq!(joined_pieces("1.保障学生在校期间营养午餐供应;2.提高学生营养健康水平。"), None);
    }

    #[test]
    fn other_lines_are_not_split() {
        // Not starting with a label, a label with a colon above the table, indicator headers.
        assert_eq!(header_pieces("项目审批 奉节县民族宗教事务委员会", false), None);
        assert_eq!(header_pieces("预算单位: 奉节县云雾土家族乡人民政府", false), None);
        assert_eq!(header_pieces("填报单位:(盖章) 单位:万元", false), None);
        assert_eq!(header_pieces("一级指标 二级指标 三级指标 指标值", false), None);
        assert_eq!(header_pieces("项目名称", false), None);
    }
}

//! Splitting a cell whose table cells ran together — separated by single spaces, or by nothing,
//! as web pages and flattened documents give them — by what the cells are: the closed
//! vocabulary of header words and indicator levels, and targets that follow the target grammar.
//! A split is only made where one reading is possible; anything else is left to be reported.

use jixiao_core::levels::classify;
use jixiao_core::text::{char_floor, is_ideograph, prefix_ends};
use jixiao_core::{Direction, Target};

use super::has_word;
use super::labels::{Label, Role, label};

/// How the cells of a header line ran together, which says how its rows will.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joined {
    /// Cells separated by single spaces (`一级指标 二级指标 三级指标 指标值`).
    Spaces,
    /// Cells with nothing between them (`一级指标二级指标指标内容指标值`).
    Nothing,
}

/// Columns of another kind, whose cells are never indicators: a column of remarks where the
/// cells are separated by spaces (a row then has one cell more, reported with its indicator),
/// left out of the header where nothing separates them (their cells are reported as outside
/// every column).
const OTHER_COLUMNS: &[&str] =
    &["备注", "指标解释", "单项指标完成情况", "评(扣)分标准", "评分标准", "保障措施", "计划标准", "历史标准"];

/// The longest header word, in characters (`未完成原因及拟采取的改进措施`).
const LONGEST_WORD: usize = 14;

/// The column headers of a header line whose cells ran together, in order, and how they ran
/// together; `None` unless the whole line is header words (a leading `绩效指标` group label,
/// with or without its weights in brackets, and a trailing `备注`, are allowed and dropped).
pub fn header_words(text: &str) -> Option<(Vec<(Role, String)>, Joined)> {
    if !text.contains("指标") || text.chars().count() > 120 {
        return None;
    }
    let text = without_spaced_caption(text);
    let mut words = Vec::new();
    // The columns of another kind, and how many words came before each.
    let mut other = Vec::new();
    let mut spaced = false;
    for (i, token) in text.split_whitespace().enumerate() {
        spaced |= i > 0;
        let mut rest = token;
        if i == 0 {
            // The group label, with the weights it sometimes carries (`绩效指标(权重分值90分…)`,
            // `年度绩效目标(90分)`).
            if let Some(r) = rest.strip_prefix("绩效指标") {
                rest = match r.strip_prefix(['(', '（']) {
                    Some(inner) if inner.ends_with([')', '）']) => "",
                    _ => r,
                };
            } else if matches!(label(rest, false), Some(Label::Goals)) {
                rest = "";
            }
        }
        while !rest.is_empty() {
            let (role, len) = longest_header_word(rest)?;
            match role {
                Some(role) => words.push((role, rest[..len].to_owned())),
                None if OTHER_COLUMNS.contains(&&rest[..len]) => other.push((words.len(), rest[..len].to_owned())),
                None => {}
            }
            rest = &rest[len..];
        }
    }
    if spaced {
        for (at, word) in other.into_iter().rev() {
            words.insert(at, (Role::Note, word));
        }
    }
    let levels = words.iter().filter(|(r, _)| matches!(r, Role::Level1 | Role::Level2 | Role::Name)).count();
    let targets = words.iter().filter(|(r, _)| matches!(r, Role::Target | Role::Value | Role::Op)).count();
    // One word is a label, not a run of them; a line of them names levels and targets.
    (words.len() >= 3 && levels >= 2 && targets >= 1)
        .then_some((words, if spaced { Joined::Spaces } else { Joined::Nothing }))
}

/// A header line without its group caption where the caption is spaced out a character a word
/// (`绩 效 指 标 一级指标 …`, a merged cell whose text the page set one character a line).
fn without_spaced_caption(text: &str) -> &str {
    const CAPTION: &str = "绩效指标";
    let mut caption = String::new();
    let mut rest = text.trim_start();
    while caption.len() < CAPTION.len() {
        let mut chars = rest.chars();
        let (Some(c), Some(' ' | '\u{3000}')) = (chars.next(), chars.next()) else { return text };
        if !is_ideograph(c) {
            return text;
        }
        caption.push(c);
        rest = rest[c.len_utf8()..].trim_start();
    }
    if caption == CAPTION { rest } else { text }
}

/// How many words of a header line apart by spaces are the first halves of column names that
/// end on the next line (`年度`, `实际` in `一级指标 二级指标 三级指标 年度 实际 分值 得分`, over
/// `指标值 完成值`): none unless every other word is a header word and two or more name levels.
pub fn header_stubs(text: &str) -> usize {
    // As long as [`header_words`] allows (120 characters), counted in bytes: a one-line
    // document is dismissed without counting its characters.
    if text.len() > 360 {
        return 0;
    }
    let (mut stubs, mut levels) = (0, 0);
    for (i, token) in text.split_whitespace().enumerate() {
        match header_token(i, token) {
            Some(role) => levels += usize::from(matches!(role, Some(Role::Level1 | Role::Level2 | Role::Name))),
            None if is_stub(token) => stubs += 1,
            None => return 0,
        }
    }
    if levels >= 2 { stubs } else { 0 }
}

/// What the `i`-th word of a spaced header line names when it is a whole header word: its role,
/// or no role for the group label `绩效指标` leading the line and for a column of another kind
/// (`备注`); `None` for a word that is no header word.
fn header_token(i: usize, token: &str) -> Option<Option<Role>> {
    if i == 0 && token == "绩效指标" {
        return Some(None);
    }
    longest_header_word(token).filter(|&(_, len)| len == token.len()).map(|(role, _)| role)
}

/// Whether a word can be the first half of a column name broken over two lines (`年度`, `实际`).
fn is_stub(word: &str) -> bool {
    (1..=3).contains(&word.chars().count()) && word.chars().all(is_ideograph)
}

/// The header line `first` with its broken column names completed by the words of `second`, in
/// order (`年度` + `指标值`); `None` unless `second` holds exactly one word for each and every
/// one makes a column name.
pub fn complete_stubs(first: &str, second: &str) -> Option<String> {
    let mut ends = second.split_whitespace();
    let mut words = Vec::new();
    for (i, token) in first.split_whitespace().enumerate() {
        if header_token(i, token).is_some() {
            words.push(token.to_owned());
            continue;
        }
        let whole = format!("{token}{}", ends.next()?);
        matches!(label(&whole, false), Some(Label::Role(_))).then_some(())?;
        words.push(whole);
    }
    ends.next().is_none().then(|| words.join(" "))
}

/// The column headers that `text` starts with, run together after an optional group label
/// (`绩效指标一级指标二级指标…得分`), and where they end; `None` unless they name levels and
/// targets, as [`header_words`] requires.
pub fn header_prefix(text: &str) -> Option<(Vec<(Role, &str)>, usize)> {
    let mut at = text.strip_prefix("绩效指标").map_or(0, |rest| text.len() - rest.len());
    let mut words = Vec::new();
    while at < text.len() {
        let Some((role, len)) = longest_header_word(&text[at..]) else { break };
        if let Some(role) = role {
            words.push((role, &text[at..at + len]));
        }
        at += len;
    }
    let levels = words.iter().filter(|(r, _)| matches!(r, Role::Level1 | Role::Level2 | Role::Name)).count();
    let targets = words.iter().filter(|(r, _)| matches!(r, Role::Target | Role::Value | Role::Op)).count();
    (words.len() >= 3 && levels >= 2 && targets >= 1).then_some((words, at))
}

/// The longest header word that `text` starts with, and its length in bytes; `None` for a
/// remarks column (`备注`), which is dropped.
fn longest_header_word(text: &str) -> Option<(Option<Role>, usize)> {
    for &end in prefix_ends(text, LONGEST_WORD).iter().rev() {
        let word = &text[..end];
        if OTHER_COLUMNS.contains(&word) {
            return Some((None, end));
        }
        // The level headers are recognised by prefix elsewhere (`一级指`); here only whole words.
        let prefixed = ["一级指", "二级指", "三级指"].iter().any(|p| word.starts_with(p));
        if prefixed && !["一级指标", "二级指标", "三级指标"].contains(&word) {
            continue;
        }
        match label(word, false) {
            Some(Label::Role(r)) => return Some((Some(r), end)),
            Some(Label::IndicatorGroup) => return Some((None, end)),
            _ => {}
        }
    }
    None
}

/// A row of the common template (levels, 三级, 指标值) whose cells ran together.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SimpleRow<'a> {
    pub levels: Vec<&'a str>,
    /// The 三级 and its target, when the rest of the row could be split into them.
    pub name_target: Option<(&'a str, &'a str)>,
    /// The rest of the row when it could not be split.
    pub rest: &'a str,
}

/// Splits a row of the common template: the leading level names, then the 三级 and the target.
/// The target is split off only where the grammar says where it begins: the last space before
/// a target (with spaces), or a comparator or the number that ends the row (without).
pub fn simple_row(text: &str, joined: Joined) -> SimpleRow<'_> {
    let mut rest = text.trim();
    let mut levels = Vec::new();
    while levels.len() < 3 {
        let Some((level, after)) = level_prefix(rest) else { break };
        levels.push(level);
        rest = after.trim_start();
    }
    let name_target = match joined {
        Joined::Spaces => split_spaced(rest),
        Joined::Nothing => split_joined(rest),
    }
    .filter(|(name, _)| {
        // The template's numbering (`指标1:`) is no level word; the name after it is looked at.
        let numbered = name.strip_prefix("指标").filter(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        let name = numbered.map_or(*name, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
        !has_word(name, "指标") && classify(name) == (None, None)
    });
    SimpleRow { levels, name_target, rest }
}

/// A level name that `text` starts with (`产出指标`, `产出指标(50分)`, `服务对象满意度指标`),
/// and what follows it.
pub fn level_prefix(text: &str) -> Option<(&str, &str)> {
    // Only the start is looked at: a whole document may follow, run together (its rows are cut
    // one after another, and looking through the rest at each made that quadratic). A level
    // with its points takes under 96 bytes; no name over 60 is classified as one.
    let head = &text[..char_floor(text, 96)];
    // With spaces, the first token may be a level as written (`满意度`, `效益`).
    if let Some(first) = head.split_whitespace().next() {
        let end = first.as_ptr() as usize - text.as_ptr() as usize + first.len();
        let whole = text[end..].chars().next().is_none_or(char::is_whitespace);
        if whole && classify(strip_points(first)) != (None, None) {
            return Some((strip_points(first), &text[first.len()..]));
        }
    }
    // Without, the shortest run ending in 指标 that names a level, of at most 16 characters:
    // it ends within 64 bytes.
    let head = &text[..char_floor(text, 64)];
    let mut from = 0;
    while let Some(at) = find_word(&head[from..], "指标") {
        let end = from + at + "指标".len();
        let candidate = &text[..end];
        if candidate.chars().count() > 16 {
            break;
        }
        if classify(candidate) != (None, None) {
            let after = &text[end..];
            let points = after.len() - strip_points_prefix(after).len();
            return Some((candidate, &after[points..]));
        }
        from = end;
    }
    None
}

/// Where `word` first starts in `text`: found by the last byte of its last character, as
/// [`has_word`] finds it, rather than by a substring search set up per call.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let last = *w.last()?;
    memchr::memchr_iter(last, t).find(|&i| i + 1 >= w.len() && t[i + 1 - w.len()..=i] == *w).map(|i| i + 1 - w.len())
}

/// Where the first opening bracket (`(` or `（`) is in `text`, found byte-wise.
fn find_open(text: &str) -> Option<usize> {
    const WIDE: &[u8] = "（".as_bytes();
    let t = text.as_bytes();
    memchr::memchr2_iter(b'(', WIDE[0], t).find(|&i| t[i] == b'(' || t[i..].starts_with(WIDE))
}

/// Comparators in words, longest first where one starts another (`大于等于` before `大于`).
pub const COMPARATOR_WORDS: &[&str] =
    &["大于等于", "小于等于", "等于", "大于", "小于", "不低于", "不高于", "不少于", "不超过", "不大于", "不小于"];

/// Whether `c` is a comparator that starts a target in a row with nothing between its cells.
pub fn is_comparator(c: char) -> bool {
    matches!(c, '≥' | '≤' | '>' | '<' | '=' | '≧' | '≦' | '＞' | '＜' | '＝')
}

/// Where the first comparator is in `text`: only `<`, `=`, `>` and the lead bytes of the
/// others (E2 for `≥` `≤` `≧` `≦`, EF for the full-width forms) are decoded.
fn find_comparator(text: &str) -> Option<usize> {
    let t = text.as_bytes();
    let mut from = 0;
    while let Some(k) = t[from..].iter().position(|&b| matches!(b, b'<' | b'=' | b'>' | 0xE2 | 0xEF)) {
        let i = from + k;
        if text[i..].chars().next().is_some_and(is_comparator) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// A level name without the points written after it (`产出指标(50分)` → `产出指标`).
pub fn strip_points(text: &str) -> &str {
    match find_open(text) {
        Some(open) if strip_points_prefix(&text[open..]).is_empty() && open > 0 => &text[..open],
        _ => text,
    }
}

/// The points of a leading `(50分)`; `None` for a range (`(0-20)分`) or none.
pub fn points_of(text: &str) -> Option<f64> {
    let inner = text.strip_prefix(['(', '（'])?;
    let body = &inner[..inner.find([')', '）'])?];
    body.strip_suffix('分').unwrap_or(body).parse().ok()
}

/// Points alone in a cell, as an 一级 or a box's label has them on a line of their own: `(50)`,
/// `(50分)`, or with the page having lost the opening bracket, `30分)`.
pub fn is_points(text: &str) -> bool {
    let inner = text.strip_prefix(['(', '（']).unwrap_or(text);
    let Some(body) = inner.strip_suffix([')', '）']) else { return false };
    let number = body.strip_suffix('分').unwrap_or(body);
    !number.is_empty() && number.len() <= 3 && number.bytes().all(|b| b.is_ascii_digit())
}

/// `text` past a leading `(50分)` or `(0-20)分`.
fn strip_points_prefix(text: &str) -> &str {
    let Some(inner) = text.strip_prefix(['(', '（']) else { return text };
    let Some(close) = inner.find([')', '）']) else { return text };
    let body = &inner[..close];
    let closing = inner[close..].chars().next().map_or(1, char::len_utf8);
    let after = &inner[close + closing..];
    let number = body.strip_suffix('分').unwrap_or(body);
    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        after.strip_prefix('分').unwrap_or(after)
    } else {
        text
    }
}

/// 三级 and target of a row whose cells are separated by single spaces: the last token is the
/// target when it reads as one; the tokens before it, spaces kept, are the name.
fn split_spaced(rest: &str) -> Option<(&str, &str)> {
    let rest = rest.trim();
    let at = rest.rfind(char::is_whitespace)?;
    let (name, target) = (rest[..at].trim_end(), rest[at..].trim_start());
    (!name.is_empty() && is_target(target)).then_some((name, target))
}

/// A target written at the end of a name whose target cell is empty (`年度资金支付完成率100%`):
/// the name and the target, where the name ends in a word (an ideograph or a closing bracket)
/// and the target is one quantity marked as one — by a comparator, `%` or a unit of at most
/// three characters (a bare number, a year or a longer phrase at the end of a name is part of
/// it: `…全部编入2020年部门预算`).
pub fn embedded_target(name: &str) -> Option<(&str, &str)> {
    // A cell that is a target itself, its comparator in words (`大于10人`, shifted into the name
    // column), is no name with a target at its end: `大于` would be the name.
    if let Target::Quantity { terms } = Target::parse(name) {
        if terms.iter().all(|t| t.subject.is_none()) {
            return None;
        }
    }
    let (n, t) = split_joined(name)?;
    let ends_in_word = n.chars().last().is_some_and(|c| is_ideograph(c) || matches!(c, ')' | '）'));
    let marked = match Target::parse(t) {
        Target::Quantity { terms } if terms.len() == 1 && terms[0].subject.is_none() => {
            let unit = terms[0].unit.chars().count();
            (1..=3).contains(&unit) || (unit == 0 && t.starts_with(is_comparator))
        }
        _ => false,
    };
    (ends_in_word && marked && n.chars().count() >= 2).then_some((n, t))
}

/// Adverbs of degree that open a qualitative target (`稳步提高`, `显著提升`), longest first.
const DEGREE: &[&str] =
    &["进一步", "稳步", "显著", "明显", "有效", "逐步", "不断", "持续", "大幅", "有所", "大大", "全面", "切实", "逐年"];

/// 三级 and target of a row with nothing between its cells: the target starts at the first
/// comparator, or else at the number that ends the row (`…覆盖率100%`), or else at an adverb
/// of degree before the verb that ends the row (`…发展情况稳步提高`).
fn split_joined(rest: &str) -> Option<(&str, &str)> {
    let at = match find_comparator(rest).or_else(|| qualitative_tail(rest)) {
        Some(at) => at,
        None => {
            let digits_from = rest.char_indices().rev().take_while(|(_, c)| !c.is_ascii_digit()).last();
            let unit_start = digits_from.map_or(rest.len(), |(i, _)| i);
            let before_unit = &rest[..unit_start];
            before_unit
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
                .last()
                .map(|(i, _)| i)?
        }
    };
    let (name, target) = (&rest[..at], &rest[at..]);
    // A name ends in a word or a closing bracket (`结余率(结余数/预算数)≤5%`), never a digit.
    let name_ok = name.chars().last().is_some_and(|c| !c.is_ascii_digit() && (!c.is_ascii_punctuation() || c == ')'));
    let target_ok = is_target(target) || qualitative_tail(rest) == Some(at);
    (name_ok && target.chars().count() <= 16 && target_ok).then_some((name, target))
}

/// Where a qualitative target that ends `text` starts: an adverb of degree and one verb that
/// gives a direction (`稳步提高`, `显著改善`), after a name of two characters or more.
fn qualitative_tail(text: &str) -> Option<usize> {
    let verb_at = text.char_indices().rev().nth(1)?.0;
    let name = DEGREE.iter().find_map(|a| text[..verb_at].strip_suffix(a))?;
    let target = &text[name.len()..];
    let directed = matches!(Target::parse(target), Target::Quality { direction, .. } if direction != Direction::None);
    (directed && name.chars().count() >= 2).then_some(name.len())
}

/// A line of indicator rows run together, with no header over them
/// (`产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 …`): its words to read as rows,
/// and the text after the last (`合计100 评价结论…`), which is not read. `None` unless the line
/// starts with an 一级 and a 二级 run into a 三级 and its target, and at least three words split
/// into a 三级 and a target that starts with a comparator; between them only numbers.
pub fn headless_rows(text: &str) -> Option<(Vec<&str>, &str)> {
    if !text.contains(' ') || text.len() > 4000 {
        return None;
    }
    let compared = |word: &str| {
        simple_row(word, Joined::Nothing).name_target.is_some_and(|(_, target)| target.starts_with(is_comparator))
    };
    let first = text.split_whitespace().next()?;
    let opening = simple_row(first, Joined::Nothing);
    if opening.levels.len() < 2 || !compared(first) {
        return None;
    }
    let mut rows = Vec::new();
    let mut rest = "";
    let mut start = 0;
    for word in text.split_whitespace() {
        let at = start + text[start..].find(word).unwrap_or(0);
        start = at + word.len();
        let number = word.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if !number && !compared(word) {
            rest = &text[at..];
            break;
        }
        rows.push(word);
    }
    (rows.iter().filter(|w| compared(w)).count() >= 3).then_some((rows, rest))
}

/// Whether a text reads as a target in full: a number, range or date (not a sentence).
fn is_target(text: &str) -> bool {
    matches!(Target::parse(text), Target::Quantity { .. } | Target::Range { .. } | Target::Date { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Option<(Vec<Role>, Joined)> {
        header_words(text).map(|(w, j)| (w.into_iter().map(|(r, _)| r).collect(), j))
    }

    #[test]
    fn header_lines_split_into_their_words() {
        use Role::*;
        assert_eq!(
            roles("绩效指标一级指标二级指标指标内容指标值"),
            Some((vec![Level1, Level2, Name, Target], Joined::Nothing))
        );
        // Apart, a column of another kind holds its place, for the rows' cells to be counted.
        assert_eq!(
            roles("绩效指标 一级指标 二级指标 三级指标 指标值 备注"),
            Some((vec![Level1, Level2, Name, Target, Note], Joined::Spaces))
        );
        assert_eq!(
            roles("一级指标 二级指标 三级指标 指标解释 目标值"),
            Some((vec![Level1, Level2, Name, Note, Target], Joined::Spaces))
        );
        assert_eq!(
            roles("一级指标二级指标三级指标指标解释目标值"),
            Some((vec![Level1, Level2, Name, Target], Joined::Nothing))
        );
        // A caption spaced out a character a word, and 全年完成值 for the actual value.
        assert_eq!(
            roles("绩 效 指 标 一级指标 二级指标 三级指标 年度指标值 全年完成值 分值 得分"),
            Some((vec![Level1, Level2, Name, Target, Actual, Weight, Score], Joined::Spaces))
        );
        assert_eq!(roles("绩 效 一级指标 二级指标 三级指标 年度指标值"), None);
        assert_eq!(roles("项目名称 绩效指标"), None);
        assert_eq!(roles("一级指标"), None);
        assert_eq!(roles("一级指标 二级指标 出差人数"), None);
    }

    #[test]
    fn headless_rows_are_read_only_with_levels_and_comparators() {
        let line = "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 合计100 评价结论暂无";
        assert_eq!(
            simple_row("效益指标经济效益指标结余率(结余数/预算数)≤5%", Joined::Nothing).name_target,
            Some(("结余率(结余数/预算数)", "≤5%"))
        );
        let (rows, rest) = headless_rows(line).expect("rows");
        assert_eq!(rows.len(), 6);
        assert_eq!(rest, "合计100 评价结论暂无");
        // A target at the end of a name, marked as one; not a number that may be the name's.
        assert_eq!(embedded_target("年度资金支付完成率100%"), Some(("年度资金支付完成率", "100%")));
        assert_eq!(embedded_target("开展业务培训≥3次"), Some(("开展业务培训", "≥3次")));
        assert_eq!(embedded_target("PM2.5"), None);
        assert_eq!(embedded_target("大于10人"), None);
        assert_eq!(embedded_target("不少于3次"), None);
        assert_eq!(embedded_target("二〇二一年第2"), None);
        assert_eq!(embedded_target("义务教育均衡发展稳步提高"), None);
        assert_eq!(embedded_target("结转资金全部编入2020年部门预算"), None);
        // Without levels first, or with fewer than three targets, nothing.
        assert!(headless_rows("足额保障率=100% 22.5 科目调整次数≤10次 按时发放率=100%").is_none());
        assert!(headless_rows("产出指标数量指标足额保障率=100% 22.5 合计100").is_none());
    }

    #[test]
    fn rows_split_where_only_one_reading_is_possible() {
        let row = simple_row("产出指标数量指标农村义务教育学校改造覆盖率100%", Joined::Nothing);
        assert_eq!(row.levels, vec!["产出指标", "数量指标"]);
        assert_eq!(row.name_target, Some(("农村义务教育学校改造覆盖率", "100%")));
        let row = simple_row("时效指标 贫困地区基础设施建设按期完成率(≥**%) >=95%", Joined::Spaces);
        assert_eq!(row.levels, vec!["时效指标"]);
        assert_eq!(row.name_target, Some(("贫困地区基础设施建设按期完成率(≥**%)", ">=95%")));
        let row = simple_row("贫困地区旅游景点开发数量( ≥**个 ) >=4个", Joined::Spaces);
        assert_eq!(row.name_target, Some(("贫困地区旅游景点开发数量( ≥**个 )", ">=4个")));
        assert_eq!(simple_row("村组干部230人≥230个", Joined::Nothing).name_target, Some(("村组干部230人", "≥230个")));
        // A qualitative target starts at its adverb of degree; without one it has no mark
        // where it begins, and is not split.
        let row = simple_row("效益指标可持续影响指标义务教育优质均衡发展情况稳步提高", Joined::Nothing);
        assert_eq!(row.levels, vec!["效益指标", "可持续影响指标"]);
        assert_eq!(row.name_target, Some(("义务教育优质均衡发展情况", "稳步提高")));
        let row = simple_row("社会效益指标群众生活条件改善", Joined::Nothing);
        assert_eq!(row.name_target, None);
        assert_eq!(row.rest, "群众生活条件改善");
        assert_eq!(simple_row("可持续影响指标显著提升", Joined::Nothing).name_target, None);
        // Points after a level are not part of it.
        assert_eq!(
            simple_row("产出指标(50分) 数量指标 工作量 ≥5个", Joined::Spaces).levels,
            vec!["产出指标", "数量指标"]
        );
        // A name that still holds 指标 is an unknown level run into it: not split.
        assert_eq!(
            simple_row("社会公众或服务对象满意度指标学生满意度≥90%", Joined::Nothing).name_target.is_some(),
            classify("社会公众或服务对象满意度指标") != (None, None)
        );
    }
}

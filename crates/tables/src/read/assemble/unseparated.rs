//! A whole document flattened onto one line with nothing at all between its cells (a web page's
//! text run together): cut into cells by what they are — the template's labels, level names,
//! numbers and targets by the target grammar — so that it is read word by word like a flattened
//! document whose cells kept their spaces. A cut is made only where one reading is possible;
//! where two are, or none, the text is reported, never guessed.

use jixiao_core::Target;
use jixiao_core::levels::classify;
use jixiao_core::text::is_ideograph;

use super::has_word;
use super::labels::{
    ExecutionColumn, Label, Role, is_footnote, is_title, label, longest_label_prefix, may_end_label, may_start_label,
};
use super::split::{header_prefix, is_comparator, level_prefix, points_of};

/// One piece of a cut document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text before the table (a page's notice, a file's metadata): outside the table.
    Outside(&'a str),
    /// A cell, to be read as if it stood apart.
    Cell(&'a str),
    /// A cell made of two equal halves with nothing between (`显著提升显著提升`), read as the
    /// target and the completed value: a guess, noted with the text.
    Halves(&'a str),
    /// Two texts run together and told apart because the second repeats the end of the first
    /// (年初设定目标 and 完成情况 of a self-evaluation): a guess, noted.
    Repeated(&'a str, &'a str),
    /// Text that could not be cut, with why: reported.
    Unplaced(&'a str, &'static str),
    /// A placeholder (`……`) where a template's empty rows were: dropped, with a note.
    Placeholder(&'a str),
}

/// Whether a line is a whole document with nothing between its cells: long, with (almost) no
/// blanks, and naming the indicator columns run together.
pub fn is_unseparated(text: &str) -> bool {
    text.len() > 600
        && (text.contains("一级指标二级指标") || text.contains("一級指標二級指標"))
        && text.bytes().filter(|b| b.is_ascii_whitespace()).count() * 200 < text.len()
}

/// The pieces of a document with nothing between its cells; `None` when no indicator header
/// could be found in it.
pub fn cut(text: &str) -> Option<Vec<Piece<'_>>> {
    let header_at = find_indicator_header(text)?;
    let (header, header_end) = header_prefix(&text[header_at..])?;
    let mut pieces = Vec::new();
    let head = &text[..header_at];
    let (title_at, year_at, first_label) = head_start(head);
    if title_at > 0 {
        pieces.push(Piece::Outside(&head[..title_at]));
    }
    for (from, to) in [(title_at, year_at), (year_at, first_label)] {
        if to > from {
            pieces.push(Piece::Cell(&head[from..to]));
        }
    }
    cut_head(&head[first_label..], &mut pieces);
    let words_end = header_at + header_end;
    if text[header_at..].starts_with("绩效指标") {
        pieces.push(Piece::Cell(&text[header_at..header_at + "绩效指标".len()]));
    }
    for &(_, word) in &header {
        pieces.push(Piece::Cell(word));
    }
    let roles: Vec<Role> = header.iter().map(|&(r, _)| r).filter(|r| r.filled_in_order(false)).collect();
    cut_rows(&text[words_end..], &roles, &mut pieces);
    Some(pieces)
}

/// Where the indicator header starts: at its group label (绩效指标) when one comes just before
/// the first column header, else at 一级指标.
fn find_indicator_header(text: &str) -> Option<usize> {
    let at = text.find("一级指标二级指标").or_else(|| text.find("一級指標二級指標"))?;
    Some(text[..at].strip_suffix("绩效指标").map_or(at, |before| before.len()))
}

/// Where the table starts in the text before its indicator header: at its title (the last one
/// before the first label that opens a table), with the year in brackets after it, or at that
/// label. What comes before is outside the table. Returns the title's start, the year's and
/// the label's.
fn head_start(head: &str) -> (usize, usize, usize) {
    let opens =
        |l: Label| matches!(l, Label::ProjectName | Label::ProjectCode | Label::Department { .. } | Label::Implementer);
    let first =
        head.char_indices().map(|(i, _)| i).find(|&i| header_label(&head[i..], false).is_some_and(|(l, _)| opens(l)));
    let Some(first) = first else {
        return (0, 0, 0);
    };
    let before = &head[..first];
    // A year in brackets between title and label (`(2022年度)`).
    let year_at = match before.rfind(['(', '（']) {
        Some(open) if before[open..].contains("年度") && before[open..].chars().count() <= 10 => open,
        _ => first,
    };
    let run = &before[..year_at];
    // The title: the ideographs that end the run, without a date's last character (`30日`).
    let from = run.char_indices().rev().take_while(|&(_, c)| is_ideograph(c)).last().map_or(run.len(), |(i, _)| i);
    let mut title_at = from;
    if run[..from].ends_with(|c: char| c.is_ascii_digit()) {
        if let Some(c) = run[from..].chars().next().filter(|c| matches!(c, '年' | '月' | '日')) {
            title_at += c.len_utf8();
        }
    }
    if is_title(&run[title_at..]) { (title_at, year_at, first) } else { (first, first, first) }
}

/// The longest label that `text` starts with, and its length in bytes (a colon after it
/// included): a header label of four characters or more, or in the budget-execution block a
/// column of it (分值, 得分 are two).
fn header_label(text: &str, in_execution: bool) -> Option<(Label, usize)> {
    const LONGEST: usize = 14;
    match text.chars().next() {
        Some(c) if !c.is_ascii_digit() && may_start_label(c) => {}
        _ => return None,
    }
    longest_label_prefix(text, LONGEST, |word, n| {
        if !word.chars().next_back().is_some_and(may_end_label) {
            return None;
        }
        let found = label(word, in_execution).filter(|l| {
            let short_ok = matches!(l, Label::Execution(_) | Label::ExecutionPart | Label::FundsOther);
            n >= 4 || (short_ok && in_execution)
        })?;
        (!matches!(found, Label::Role(_) | Label::IndicatorGroup | Label::Attachment)).then_some(found)
    })
}

/// Cuts the header block (title, labels and their values, the budget-execution block, goals) at
/// its labels; amounts run together are split where only one reading adds up.
fn cut_head<'a>(head: &'a str, pieces: &mut Vec<Piece<'a>>) {
    let mut in_execution = false;
    // The budget-execution block's columns, in order, and its total row's amounts, which bound
    // the rows under it.
    let mut columns: Vec<ExecutionColumn> = Vec::new();
    let mut totals: Option<Vec<f64>> = None;
    let mut last: Option<Label> = None;
    let mut value_from = 0;
    let mut at = 0;
    let mut value =
        |text: &'a str, last: Option<Label>, columns: &[ExecutionColumn], pieces: &mut Vec<Piece<'a>>| match last {
            Some(Label::FundsTotal | Label::ExecutionTotal) if !columns.is_empty() => {
                push_amounts(text, columns, None, &mut totals, pieces);
            }
            Some(Label::FundsFiscal | Label::FundsOther | Label::ExecutionPart) if totals.is_some() => {
                let amounts: Vec<ExecutionColumn> = columns.iter().copied().filter(|&c| is_amount_column(c)).collect();
                push_amounts(text, &amounts, totals.clone().as_deref(), &mut None, pieces);
            }
            Some(Label::Goals | Label::GoalsAchieved) => push_goals(text, pieces),
            _ => pieces.push(Piece::Cell(text)),
        };
    while at < head.len() {
        let Some((l, n)) = header_label(&head[at..], in_execution) else {
            at += head[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        if at > value_from {
            value(&head[value_from..at], last, &columns, pieces);
        }
        pieces.push(Piece::Cell(&head[at..at + n]));
        match l {
            Label::Funds(_) | Label::ExecutionGroup => in_execution = true,
            Label::Execution(c) => {
                in_execution = true;
                columns.push(c);
            }
            Label::Goals | Label::GoalsAchieved | Label::Section | Label::LongTermGoals => in_execution = false,
            _ => {}
        }
        last = Some(l);
        at += n;
        value_from = at;
    }
    if head.len() > value_from {
        value(&head[value_from..], last, &columns, pieces);
    }
}

/// Whether a budget-execution column holds an amount (not a weight, rate or score).
fn is_amount_column(c: ExecutionColumn) -> bool {
    matches!(c, ExecutionColumn::Initial | ExecutionColumn::FullYear | ExecutionColumn::Spent)
}

/// The amounts of a budget-execution row run together (`202010100.00%10`), one cell per column
/// when exactly one split reads as numbers that add up: 执行率 is 执行数 over 预算数, 得分 no more
/// than 分值 and nothing when nothing was spent, and a 其中 row's amounts no more than the total row's. Otherwise the run is one
/// unplaced piece.
fn push_amounts<'a>(
    run: &'a str,
    columns: &[ExecutionColumn],
    bound: Option<&[f64]>,
    totals: &mut Option<Vec<f64>>,
    pieces: &mut Vec<Piece<'a>>,
) {
    let mut found: Vec<Vec<&'a str>> = Vec::new();
    split_numbers(run, columns.len(), &mut Vec::new(), &mut |parts| {
        if adds_up(parts, columns, bound) {
            found.push(parts.to_vec());
        }
        found.len() < 2
    });
    match found.as_slice() {
        [one] => {
            if totals.is_none() {
                *totals = Some(
                    one.iter()
                        .zip(columns)
                        .filter(|(_, c)| is_amount_column(**c))
                        .map(|(p, _)| amount(p).unwrap_or(0.0))
                        .collect(),
                );
            }
            pieces.extend(one.iter().map(|p| Piece::Cell(p)));
        }
        _ => pieces.push(Piece::Unplaced(run, "金额连在一起, 无法唯一地分到各栏")),
    }
}

/// Every way to cut `run` into `n` numbers (a `%` may end one), each passed to `f` until it
/// says stop.
fn split_numbers<'a>(run: &'a str, n: usize, parts: &mut Vec<&'a str>, f: &mut dyn FnMut(&[&'a str]) -> bool) -> bool {
    if n == 0 {
        return !run.is_empty() || f(parts);
    }
    for end in number_ends(run) {
        parts.push(&run[..end]);
        let go_on = split_numbers(&run[end..], n - 1, parts, f);
        parts.pop();
        if !go_on {
            return false;
        }
    }
    true
}

/// The ends of the numbers `text` starts with (`100.00%` → after `1`, `10`, `100`, `100.0`,
/// `100.00%`…): digits without a leading zero (but `0` and `0.5`), a fraction, a `%`.
fn number_ends(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return Vec::new();
    }
    // A zero is a number alone; the digits after it are the next number's.
    let longest = if b[0] == b'0' { 1 } else { digits };
    let mut ends: Vec<usize> = (1..=longest).collect();
    let mut i = longest;
    if b.get(i) == Some(&b'.') {
        let fraction = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        ends.extend(i + 2..=i + 1 + fraction);
        if fraction > 0 {
            i += 1 + fraction;
        }
    }
    if (i > longest || i == digits) && b.get(i) == Some(&b'%') {
        ends.push(i + 1);
    }
    ends
}

fn amount(text: &str) -> Option<f64> {
    text.trim_end_matches('%').parse().ok()
}

/// Whether numbers read in these columns add up (see [`push_amounts`]).
fn adds_up(parts: &[&str], columns: &[ExecutionColumn], bound: Option<&[f64]>) -> bool {
    let get = |col: ExecutionColumn| columns.iter().position(|&c| c == col).and_then(|i| amount(parts[i]));
    for (p, c) in parts.iter().zip(columns) {
        // Only the rate carries `%`.
        if p.ends_with('%') != (*c == ExecutionColumn::Rate) {
            return false;
        }
    }
    if let (Some(w), Some(s)) = (get(ExecutionColumn::Weight), get(ExecutionColumn::Score)) {
        if s > w || w > 100.0 {
            return false;
        }
    }
    if let Some(rate) = get(ExecutionColumn::Rate) {
        // Nothing spent scores nothing.
        if rate == 0.0 && get(ExecutionColumn::Score).is_some_and(|s| s > 0.0) {
            return false;
        }
        let budget = get(ExecutionColumn::FullYear).or_else(|| get(ExecutionColumn::Initial));
        match (budget, get(ExecutionColumn::Spent)) {
            (Some(b), Some(s)) if b > 0.0 => {
                if (s / b * 100.0 - rate).abs() > 0.06 {
                    return false;
                }
            }
            (Some(_), Some(s)) => {
                if s != 0.0 || rate != 0.0 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    if let Some(bound) = bound {
        let amounts = parts.iter().filter_map(|p| amount(p));
        if amounts.zip(bound).any(|(a, b)| a > *b) {
            return false;
        }
    }
    true
}

/// A goal, or a goal and its completion run together: told apart only where the second
/// repeats the end of the first at a clause boundary, as a completion restating its goal does.
fn push_goals<'a>(text: &'a str, pieces: &mut Vec<Piece<'a>>) {
    let two_columns = pieces
        .iter()
        .rev()
        .take(3)
        .any(|p| matches!(p, Piece::Cell(t) if matches!(label(t, false), Some(Label::GoalsAchieved))));
    if !two_columns {
        pieces.push(Piece::Cell(text));
        return;
    }
    let splits: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| matches!(c, ',' | '，' | '。' | ';' | '；'))
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&at| at < text.len() && text[..at].ends_with(&text[at..]))
        .collect();
    match splits.as_slice() {
        [at] => pieces.push(Piece::Repeated(&text[..*at], &text[*at..])),
        _ => pieces.push(Piece::Unplaced(text, "年初设定目标与完成情况连在一起, 无法分开")),
    }
}

/// Cuts the indicator rows: levels by their closed vocabulary, each row's other columns by
/// what they are (a name, numbers, targets by the grammar), until the totals row or a note.
/// A row that cannot be cut in exactly one way ends the reading: the rest is reported.
fn cut_rows<'a>(text: &'a str, roles: &[Role], pieces: &mut Vec<Piece<'a>>) {
    let mut rest = text;
    let mut most_weight = 100.0;
    while !rest.is_empty() {
        if let Some((level, after)) = level_prefix(rest) {
            if let Some(points) = points_of(&rest[level.len()..]) {
                if classify(level).0.is_some() && classify(level).1.is_none() {
                    most_weight = points;
                }
            }
            pieces.push(Piece::Cell(&rest[..rest.len() - after.len()]));
            rest = after;
            continue;
        }
        let dots = rest.len() - rest.trim_start_matches(['…', '.', '·']).len();
        if dots >= 3 {
            pieces.push(Piece::Placeholder(&rest[..dots]));
            rest = &rest[dots..];
            continue;
        }
        if is_footnote(rest) || rest.starts_with("注") {
            pieces.push(Piece::Cell(rest));
            return;
        }
        if let Some((Label::Total, n)) = header_label(rest, false).or_else(|| total_label(rest)) {
            pieces.push(Piece::Cell(&rest[..n]));
            rest = &rest[n..];
            let run_len = rest.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
            let run = &rest[..run_len];
            let columns = roles.iter().filter(|r| matches!(r, Role::Weight | Role::Score)).count();
            let mut found: Vec<Vec<&'a str>> = Vec::new();
            split_numbers(run, columns, &mut Vec::new(), &mut |parts| {
                if parts.iter().all(|p| amount(p).is_some_and(|a| a <= 100.0)) {
                    found.push(parts.to_vec());
                }
                found.len() < 2
            });
            match found.as_slice() {
                [one] => pieces.extend(one.iter().map(|p| Piece::Cell(p))),
                _ if !run.is_empty() => pieces.push(Piece::Unplaced(run, "合计的分数连在一起, 无法唯一地分开")),
                _ => {}
            }
            rest = &rest[run_len..];
            continue;
        }
        let found = row_readings(rest, roles, most_weight);
        match found.as_slice() {
            [(cells, end)] => {
                for cell in cells {
                    pieces.push(cell.clone());
                }
                rest = &rest[*end..];
            }
            [] => {
                pieces.push(Piece::Unplaced(rest, "单元格之间没有分隔, 这一行无法按表头的各栏拆分, 其后不再读入"));
                return;
            }
            _ => {
                pieces.push(Piece::Unplaced(rest, "单元格之间没有分隔, 这一行有不止一种拆法, 其后不再读入"));
                return;
            }
        }
    }
}

/// 合计 / 总分 at the start of `text`, which [`header_label`] leaves out for being short: the
/// labels' own totals words, all two characters long.
fn total_label(text: &str) -> Option<(Label, usize)> {
    let end = text.char_indices().nth(2).map_or(text.len(), |(i, _)| i);
    (label(&text[..end], false) == Some(Label::Total)).then_some((Label::Total, end))
}

/// The ways the row at the start of `text` reads in these columns, with the shortest name that
/// gives any (a longer one would swallow the row into the next): its cells and where it ends.
/// At most two are looked for.
fn row_readings<'a>(text: &'a str, roles: &[Role], most_weight: f64) -> Vec<(Vec<Piece<'a>>, usize)> {
    let mut search = Search { text, most_weight, cells: Vec::new(), found: Vec::new() };
    search.from(0, roles, Known::default());
    search.found
}

/// A search for the readings of one row.
struct Search<'a> {
    text: &'a str,
    /// The most a weight may be: the 一级's points, else 100.
    most_weight: f64,
    cells: Vec<Piece<'a>>,
    found: Vec<(Vec<Piece<'a>>, usize)>,
}

/// What the cells read so far say about the rest of the row.
#[derive(Clone, Copy, Default)]
struct Known<'a> {
    /// The weight, which the score may not exceed.
    weight: Option<f64>,
    /// The target's unit, which the completed value shares (or leaves out).
    unit: Option<&'a str>,
}

impl<'a> Search<'a> {
    /// Reads the cells from `at` in the columns `roles`, and records each whole reading.
    fn from(&mut self, at: usize, roles: &[Role], known: Known<'a>) {
        if self.found.len() >= 2 {
            return;
        }
        let rest = &self.text[at..];
        let Some((&role, later)) = roles.split_first() else {
            // A row ends where the next starts: not in the middle of a number.
            if !rest.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '%')) {
                self.found.push((self.cells.clone(), at));
            }
            return;
        };
        match role {
            Role::Name => self.name(at, later, known),
            Role::Weight | Role::Score => {
                for end in number_ends(rest) {
                    let part = &rest[..end];
                    let Some(n) = amount(part).filter(|_| !part.ends_with('%')) else { continue };
                    let fits =
                        if role == Role::Weight { n <= self.most_weight } else { known.weight.is_none_or(|w| n <= w) };
                    if fits {
                        let weight = if role == Role::Weight { Some(n) } else { known.weight };
                        self.cells.push(Piece::Cell(part));
                        self.from(at + end, later, Known { weight, ..known });
                        self.cells.pop();
                    }
                }
            }
            Role::Target | Role::Actual => {
                if rest.starts_with(|c: char| c.is_ascii_digit() || is_comparator(c)) {
                    self.quantity(at, role, later, known);
                } else if role == Role::Target && later.first() == Some(&Role::Actual) {
                    // A qualitative target and its completion, with no mark between: read only
                    // when the two are the same words (`显著提升显著提升`).
                    let words_end = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
                    let words = &rest[..words_end];
                    let half = words.len() / 2;
                    if half > 0
                        && words.is_char_boundary(half)
                        && words[..half] == words[half..]
                        && !has_word(words, "指标")
                    {
                        self.cells.push(Piece::Halves(words));
                        self.from(at + words_end, &later[1..], known);
                        self.cells.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// A name ends where a number or comparator starts, after a character that is not a digit;
    /// it is not a level or a header word, and holds no comparator outside brackets (one inside
    /// is a template's hint: `(≥**人)`). The shortest that gives a reading is taken.
    fn name(&mut self, at: usize, later: &[Role], known: Known<'a>) {
        let rest = &self.text[at..];
        let mut prev: Option<char> = None;
        let mut depth = 0u32;
        for (i, c) in rest.char_indices() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => depth = depth.saturating_sub(1),
                _ => {}
            }
            let starts_value = c.is_ascii_digit() || is_comparator(c);
            if i > 0 && starts_value && prev.is_some_and(|p| !p.is_ascii_digit() && !is_comparator(p)) {
                let name = &rest[..i];
                if name.chars().count() >= 2 && !has_word(name, "指标") && classify(name) == (None, None) {
                    self.cells.push(Piece::Cell(name));
                    self.from(at + i, later, known);
                    self.cells.pop();
                    if !self.found.is_empty() {
                        return;
                    }
                }
            }
            if i > 160 || (depth == 0 && is_comparator(c)) {
                return;
            }
            prev = Some(c);
        }
    }

    /// A target or completed value that starts with a number or comparator: each prefix that
    /// reads in full as a quantity, range or date, not ending inside a number; a completed
    /// value has the target's unit or none.
    fn quantity(&mut self, at: usize, role: Role, later: &[Role], known: Known<'a>) {
        let rest = &self.text[at..];
        let ends = rest.char_indices().skip(1).take(24).map(|(i, _)| i).chain(std::iter::once(rest.len()));
        // What may follow: a number or comparator where a number or quantity comes next, a
        // word where the row ends (the next row's name or level); only such ends are parsed.
        let next_is_number = later.first().is_some_and(|r| matches!(r, Role::Weight | Role::Score | Role::Actual));
        for end in ends {
            let part = &rest[..end];
            let after = rest[end..].chars().next();
            let fits = match after {
                None => true,
                Some(c) if next_is_number => c.is_ascii_digit() || is_comparator(c),
                Some(c) => later.is_empty() && !c.is_ascii_digit() && c != '.' && c != '%',
            };
            // Its digits would run on into the next cell's.
            let splits_number = part.ends_with(|c: char| c.is_ascii_digit())
                && rest[end..].starts_with(|c: char| c.is_ascii_digit() || c == '.');
            // The last end is the rest of the line, perhaps a whole document: more than 96
            // bytes are more than 24 characters, counted no further.
            if !fits || splits_number || part.len() > 96 || part.chars().count() > 24 {
                continue;
            }
            // A quantity has a digit, and a comparator only at its start (`≥90%≥` is two).
            let body = part.trim_start_matches(is_comparator);
            if !body.contains(|c: char| c.is_ascii_digit()) || body.contains(is_comparator) {
                continue;
            }
            let Some(unit) = quantity_unit(part) else { continue };
            let unit_fits = role == Role::Target || unit.is_empty() || known.unit == Some(unit);
            if unit_fits {
                let unit = if role == Role::Target { Some(unit) } else { known.unit };
                self.cells.push(Piece::Cell(part));
                self.from(at + end, later, Known { unit, ..known });
                self.cells.pop();
            }
        }
    }
}

/// The unit of a text that reads in full as a quantity, range or date (empty for a date or a
/// bare number); `None` for anything else, for a number that starts with a zero (`0100%`:
/// the end of a number before it), and for a unit that is more than a short word (a unit of
/// five characters or more, or one with brackets or digits, is the next cell run into it).
fn quantity_unit(text: &str) -> Option<&str> {
    let digits = text.trim_start_matches(is_comparator);
    if text.ends_with('.') || (digits.starts_with('0') && digits.as_bytes().get(1).is_some_and(u8::is_ascii_digit)) {
        return None;
    }
    let unit = match simple_quantity(text) {
        Some(unit) => unit,
        // Dates go to the grammar; any other shape is not read here.
        None if !text.contains(['年', '月', '日']) => return None,
        None => match Target::parse(text) {
            Target::Date { .. } => return Some(""),
            Target::Quantity { terms } if terms.len() == 1 && terms[0].subject.is_none() => {
                text.get(text.len() - terms[0].unit.len()..)?
            }
            Target::Range { unit, .. } => text.get(text.len() - unit.len()..)?,
            _ => return None,
        },
    };
    let short = unit.chars().count() <= 4
        && !unit.contains(|c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | '（' | '）'))
        && !has_word(unit, "指标");
    short.then_some(unit)
}

/// The unit of the common shape of a quantity — comparators, a number (`3,500`, `28.8`),
/// perhaps a range's second number, then its unit (`≥266米`, `100%`, `90%-95%`) — without
/// running the grammar, which each candidate cut would cost; `None` for anything else.
fn simple_quantity(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches(is_comparator);
    fn number(s: &str) -> Option<&str> {
        let digits = s.bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b',')).count();
        (digits > 0 && s.as_bytes()[0].is_ascii_digit()).then_some(&s[digits..])
    }
    let mut rest = number(rest)?;
    if let Some(second) = rest.strip_prefix('%').unwrap_or(rest).strip_prefix(['-', '~', '至']) {
        rest = number(second)?;
    }
    let plain = rest.chars().all(|c| is_ideograph(c) || matches!(c, '%' | '/' | '％'));
    (plain && !rest.contains(['年', '月', '日'])).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: &[Role] = &[Role::Name, Role::Weight, Role::Target, Role::Actual, Role::Score];

    fn cells(text: &str) -> Vec<String> {
        let found = row_readings(text, ROLES, 50.0);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found[0]
            .0
            .iter()
            .map(|p| match p {
                Piece::Cell(t) | Piece::Halves(t) => (*t).to_owned(),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn rows_cut_where_only_one_reading_is_possible() {
        assert_eq!(cells("安装坡面水标尺10≥266米≥266米10水标尺"), ["安装坡面水标尺", "10", "≥266米", "≥266米", "10"]);
        assert_eq!(cells("项目(工程)验收合格率20100%100%20时效"), ["项目(工程)验收合格率", "20", "100%", "100%", "20"]);
        assert_eq!(cells("项目计划总投资1020万元20万元10效益"), ["项目计划总投资", "10", "20万元", "20万元", "10"]);
        assert_eq!(
            cells("群众生产生活条件改善状况10显著提升显著提升10满意度"),
            ["群众生产生活条件改善状况", "10", "显著提升显著提升", "10"]
        );
        // The shortest name that reads: a longer one would take in the row after.
        assert_eq!(
            cells("受益学生人数750人50人7服务老年人数9100%100%9效益"),
            ["受益学生人数", "7", "50人", "50人", "7"]
        );
        assert_eq!(cells("农田面积8≤28.8万元≤28.8万元8签订"), ["农田面积", "8", "≤28.8万元", "≤28.8万元", "8"]);
        // Different words for target and completion have no mark between them: not read.
        assert!(row_readings("群众生活改善10显著提升有所提升10", ROLES, 70.0).is_empty());
    }

    #[test]
    fn the_common_shape_of_a_quantity_is_read_without_the_grammar() {
        assert_eq!(simple_quantity("≥266米"), Some("米"));
        assert_eq!(simple_quantity("≥3,500人"), Some("人"));
        assert_eq!(simple_quantity("90%-95%"), Some("%"));
        assert_eq!(simple_quantity("<=475元/亩"), Some("元/亩"));
        assert_eq!(simple_quantity("2023年12月"), None);
        assert_eq!(simple_quantity("显著提升"), None);
        // Either way, the unit is what the grammar would give.
        for t in ["≥266米", "100%", "20万元", "≥3,500人", "<=475元/亩"] {
            let by_grammar = match Target::parse(t) {
                Target::Quantity { terms } => terms[0].unit.clone(),
                other => panic!("{other:?}"),
            };
            assert_eq!(simple_quantity(t).map(str::to_owned), Some(by_grammar), "{t}");
        }
    }

    #[test]
    fn amounts_are_split_where_they_add_up() {
        use ExecutionColumn::*;
        let mut pieces = Vec::new();
        let mut totals = None;
        push_amounts("202010100.00%10", &[FullYear, Spent, Weight, Rate, Score], None, &mut totals, &mut pieces);
        assert_eq!(pieces, ["20", "20", "10", "100.00%", "10"].map(Piece::Cell));
        assert_eq!(totals, Some(vec![20.0, 20.0]));
        let mut parts = Vec::new();
        push_amounts("2020", &[FullYear, Spent], totals.as_deref(), &mut None, &mut parts);
        assert_eq!(parts, ["20", "20"].map(Piece::Cell));
        // Without the rate to check them, `1234` has several readings.
        let mut parts = Vec::new();
        push_amounts("1234", &[FullYear, Spent], None, &mut None, &mut parts);
        assert!(matches!(parts.as_slice(), [Piece::Unplaced("1234", _)]));
    }

    #[test]
    fn goals_and_their_completion_part_where_the_second_repeats_the_first() {
        let mut pieces = vec![Piece::Cell("年初设定目标"), Piece::Cell("年度总体目标完成情况综述")];
        push_goals("对供水计量设施进行改进,为农业生产夯实基础,为农业生产夯实基础,", &mut pieces);
        assert_eq!(
            pieces.last(),
            Some(&Piece::Repeated("对供水计量设施进行改进,为农业生产夯实基础,", "为农业生产夯实基础,"))
        );
    }

    #[test]
    fn the_title_starts_the_table_and_what_is_before_is_outside() {
        let head = "附件:2022年财政资金项目绩效自评表中江县水利局2022年12月30日绩效目标自评表(2022年度)项目名称某项目";
        let (title, year, label) = head_start(head);
        assert_eq!(&head[title..year], "绩效目标自评表");
        assert_eq!(&head[year..label], "(2022年度)");
        assert!(head[label..].starts_with("项目名称"));
    }
}

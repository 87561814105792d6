//! Rows whose cells ran together (web pages, one-line documents): split at the level names,
//! the template's 指标 numbering, brackets and comparators.

use super::*;

impl IndicatorBlock {
    /// A line holding a whole row whose cells ran together as its header's did: split by what
    /// the cells are ([`split`]). What cannot be split with certainty is reported, never guessed.
    pub(super) fn joined_row(&mut self, cell: &Cell, joined: Joined, cx: &mut Sink<'_>) {
        if self.continues_short_row(cell, cx) {
            return;
        }
        self.release_short_row(cx);
        let text = trim(&cell.text);
        if let Some(head) = self.level_head.take() {
            if text == "指标" {
                // A level's cell too narrow for its name (`项目完成` / `指标`): one that the
                // vocabulary does not know is an 一级 written as the table's frame has it.
                let name = format!("{}指标", level_head(&head.text).unwrap_or_default());
                match self.level_of(&name, None) {
                    Some(level) => self.set_level(level, &head.position, cx),
                    None => self.set_level1(name.as_str().into()),
                }
                return;
            }
            self.joined_row_now(&head, joined, cx);
        }
        if is_category(text) {
            return;
        }
        if !self.flattened && level_head(text).is_some() {
            self.level_head = Some(cell.clone());
            return;
        }
        self.joined_row_now(cell, joined, cx);
    }

    /// A row of cells run together, read at once.
    pub(super) fn joined_row_now(&mut self, cell: &Cell, joined: Joined, cx: &mut Sink<'_>) {
        let mut text = trim(&cell.text);
        if let Some(short) = self.short_level_ends_row.take().filter(|_| joined == Joined::Spaces) {
            if let Some(rest) = text.strip_prefix("指标 ") {
                // The second line of the level that ended the row above (`经济效益` / `指标`).
                cx.out.push(Item::Diagnostic(Diagnostic::note(
                    "wrapped-cell",
                    Some(cell.position.clone()),
                    format!("指标级次分在两行, 这一行开头的 “指标” 接上一行的 “{short}”"),
                )));
                text = rest.trim_start();
            }
        }
        let row = split::simple_row(text, joined);
        if !row.levels.is_empty() {
            self.level_lost = false;
        }
        if row.rest.is_empty() {
            self.short_level_ends_row =
                row.levels.last().filter(|l| !l.ends_with("指标") && !l.ends_with("指標")).map(|l| (*l).to_owned());
        }
        for (i, level) in row.levels.iter().enumerate() {
            if let Some(level) = self.level_of(level, row.levels.get(i + 1).copied()) {
                self.set_level(level, &cell.position, cx);
            }
        }
        if row.rest.is_empty() {
            return;
        }
        // Under a level that could not be recognised, the common template's rows are reported
        // below, not read.
        if joined == Joined::Spaces && !(self.level_lost && self.template != Template::General) {
            if let Some(cells) = self.cells_by_count(cell, row.rest) {
                let mapped: Vec<(Role, &Cell)> = cells.iter().map(|(r, c)| (*r, c)).collect();
                self.apply(&mapped, cx);
                return;
            }
        }
        if self.template == Template::General {
            self.joined_general(cell, row.rest, joined, cx);
            return;
        }
        if self.level_lost {
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                cell.position.clone(),
                row.rest,
                "上面的二级指标未能识别, 这一行不知归于哪个二级指标",
            )));
            return;
        }
        let Some((name, target)) = row.name_target else {
            // A run that still names a level (`…满意度指标学生满意度≥90%`) hides one not known.
            self.level_lost = row.levels.is_empty() && row.rest.contains("指标");
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                cell.position.clone(),
                row.rest,
                "单元格之间没有分隔符, 无法确定三级指标与指标值的分界",
            )));
            return;
        };
        let idx = self.push(cx, name, &cell.position);
        set_target(cx, idx, &cell.with_text(target.to_owned()));
        if joined == Joined::Nothing {
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "split-cell",
                Some(cell.position.clone()),
                format!("单元格之间没有分隔符, 按内容拆分为三级指标 “{}” 和指标值 “{target}”", excerpt(name)),
            )));
        }
    }

    /// The header's columns after its levels, in order.
    fn roles_after_levels(&self) -> Vec<Role> {
        self.header
            .iter()
            .map(|&(r, _)| r)
            .filter(|r| !matches!(r, Role::Level1 | Role::Level2 | Role::Category))
            .collect()
    }

    /// The cells after the levels of a space-separated row, when there are exactly as many as
    /// the header has columns after its levels: then there is one way to read them, column by
    /// column, whatever each holds (a target in words, an explanation between 三级 and 目标值).
    /// `None` where a cell is missing or a name holds a space (more or fewer cells than
    /// columns), where a cell reads as a column header, or where the name reads as a level:
    /// no data cell is either.
    fn cells_by_count(&self, cell: &Cell, rest: &str) -> Option<Vec<(Role, Cell)>> {
        let roles = self.roles_after_levels();
        if roles.first() != Some(&Role::Name)
            || roles.iter().any(|r| matches!(r, Role::LongLevel2 | Role::LongName | Role::LongTarget))
        {
            return None;
        }
        let tokens: Vec<&str> = rest.split_whitespace().collect();
        // A row may leave its last column, 偏差原因, blank: then it has one word fewer.
        let reason_blank = roles.last() == Some(&Role::Reason) && tokens.len() + 1 == roles.len();
        if (tokens.len() != roles.len() && !reason_blank) || roles.len() < 2 {
            return None;
        }
        let name = numbered_prefix(tokens[0]).unwrap_or(tokens[0]);
        if name.is_empty() || classify(name) != (None, None) {
            return None;
        }
        if tokens.iter().any(|t| matches!(label(t, false), Some(Label::Role(_) | Label::IndicatorGroup))) {
            return None;
        }
        Some(roles.into_iter().zip(tokens).map(|(r, t)| (r, cell.with_text(t.to_owned()))).collect())
    }

    /// The cells after the levels of a space-separated row of a rich template (指标性质, 指标方向,
    /// 目标值, 计量单位, 分值 …): the name runs up to the first comparator, direction or target;
    /// a number at the end is the weight; each other cell goes to the column its kind fits.
    pub(super) fn joined_general(&mut self, cell: &Cell, rest: &str, joined: Joined, cx: &mut Sink<'_>) {
        let unsplit = |out: &mut Vec<Item>| {
            out.push(Item::Diagnostic(Diagnostic::unplaced(
                cell.position.clone(),
                rest,
                "单元格之间没有分隔符, 无法确定各栏的分界",
            )))
        };
        if joined == Joined::Spaces && split::is_points(rest) {
            // `(50分)` alone: the points of an 一级 whose name the page lost, as strip_points
            // drops them from `产出指标(50分)`; the 一级 is inferred from the 二级 below.
            return;
        }
        // A self-evaluation's row holds what was achieved beside the target, in words as often
        // as not: where the kinds of its words do not say which is which, none is guessed.
        if joined == Joined::Spaces && self.has(Role::Actual) {
            match self.evaluation_row(rest) {
                Ok(parts) => {
                    let cells: Vec<(Role, Cell)> =
                        parts.into_iter().map(|(r, text)| (r, cell.with_text(text.to_owned()))).collect();
                    let mapped: Vec<(Role, &Cell)> = cells.iter().map(|(r, c)| (*r, c)).collect();
                    self.apply(&mapped, cx);
                }
                Err(why) => cx.out.push(Item::Diagnostic(Diagnostic::unplaced(cell.position.clone(), rest, why))),
            }
            return;
        }
        if joined == Joined::Nothing || self.has(Role::Actual) {
            unsplit(cx.out);
            return;
        }
        let mut tokens: Vec<&str> = rest.split_whitespace().collect();
        let split_target = self.has(Role::Op) || self.has(Role::Value);
        let Some(end) =
            tokens.iter().position(|t| is_polarity_word(t) || is_op_word(t) || strongly_target(t)).filter(|&e| e > 0)
        else {
            unsplit(cx.out);
            return;
        };
        let name = tokens[..end].join(" ");
        let mut parts: Vec<(Role, String)> = vec![(Role::Name, name)];
        let weight = match tokens.last() {
            Some(t) if tokens.len() > end + 1 && self.has(Role::Weight) && is_number(t) => tokens.pop(),
            _ => None,
        };
        let mut leftover = Vec::new();
        let have = |parts: &Vec<(Role, String)>, r: Role| parts.iter().any(|(p, _)| *p == r);
        for t in &tokens[end..] {
            let role = if is_polarity_word(t) && self.has(Role::Polarity) && !have(&parts, Role::Polarity) {
                Some(Role::Polarity)
            } else if (is_op_word(t) || is_comparator_word(t)) && self.has(Role::Op) && !have(&parts, Role::Op) {
                // `大于等于` in words is as much the 指标性质 as `≥`.
                Some(Role::Op)
            } else if split_target && !have(&parts, Role::Value) && !have(&parts, Role::Target) {
                Some(if self.has(Role::Value) { Role::Value } else { Role::Target })
            } else if !split_target && !have(&parts, Role::Target) {
                Some(Role::Target)
            } else if split_target && self.has(Role::Unit) && !have(&parts, Role::Unit) && !is_number(t) {
                Some(Role::Unit)
            } else {
                None
            };
            match role {
                Some(r) => parts.push((r, (*t).to_owned())),
                None => leftover.push(*t),
            }
        }
        if let Some(w) = weight {
            parts.push((Role::Weight, w.to_owned()));
        }
        for t in leftover {
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                cell.position.clone(),
                t,
                "单元格之间没有分隔符, 这一栏无法确定是哪一栏",
            )));
        }
        if parts.last().is_some_and(|(r, _)| *r == Role::Op)
            && !have(&parts, Role::Value)
            && !have(&parts, Role::Target)
        {
            // A row cannot end at its 指标性质: the page broke it there.
            self.short_row = Some(ShortRow { cell: cell.clone(), parts, taken: Vec::new() });
            return;
        }
        let cells: Vec<(Role, Cell)> = parts.into_iter().map(|(r, text)| (r, cell.with_text(text))).collect();
        let mapped: Vec<(Role, &Cell)> = cells.iter().map(|(r, c)| (*r, c)).collect();
        self.apply(&mapped, cx);
    }

    /// The cells of a self-evaluation's row apart by single spaces whose blank cells the page
    /// dropped (`红薯种植面积 5.5亩 5.5亩` under `三级指标 分值 年度指标值 全年实际值 得分 原因`):
    /// its one-word name, then its values, each placed by its kind — a quantity, date or
    /// comparison in 指标值 or 实际值, a bare number in any of the four — where exactly one
    /// placement keeps the columns' order, puts no 实际值 without an 指标值 and no 得分
    /// without a 分值; words after the values are the 原因. Otherwise why it cannot be read.
    fn evaluation_row<'t>(&self, rest: &'t str) -> Result<Vec<(Role, &'t str)>, &'static str> {
        const AMBIGUOUS: &str =
            "单元格之间只有空格, 空单元格随之丢失: 这一行的数值可以归入不止一种栏目, 无法确定各值属于哪一栏";
        const UNSPLIT: &str = "单元格之间只有空格, 这一行的词无法与表头各栏一一对应";
        let roles = self.roles_after_levels();
        let known = |r: &Role| {
            matches!(r, Role::Name | Role::Weight | Role::Target | Role::Actual | Role::Score | Role::Reason)
        };
        if roles.first() != Some(&Role::Name) || !roles.iter().all(known) {
            return Err(UNSPLIT);
        }
        let valued: Vec<Role> = roles.iter().copied().filter(|r| !matches!(r, Role::Name | Role::Reason)).collect();
        let tokens: Vec<&str> = rest.split_whitespace().collect();
        let name = tokens[0];
        if strongly_target(name) || is_number(name) || classify(name) != (None, None) {
            return Err(UNSPLIT);
        }
        let values_end = tokens[1..].iter().position(|t| !value_word(t)).map_or(tokens.len(), |i| i + 1);
        let reason = &tokens[values_end..];
        if values_end == 1
            || (!reason.is_empty() && (roles.last() != Some(&Role::Reason) || reason.iter().any(|t| value_word(t))))
        {
            return Err(UNSPLIT);
        }
        let values = &tokens[1..values_end];
        let mut found: Option<Vec<Role>> = None;
        let mut ways = 0;
        place_values(values, &valued, &mut Vec::new(), &mut |placed| {
            ways += 1;
            found = Some(placed.to_vec());
        });
        let placed = match (ways, found) {
            (1, Some(placed)) => placed,
            (0, _) => return Err(UNSPLIT),
            _ => return Err(AMBIGUOUS),
        };
        let mut parts = vec![(Role::Name, name)];
        parts.extend(placed.into_iter().zip(values.iter().copied()));
        if let (Some(first), Some(last)) = (reason.first(), reason.last()) {
            let start = first.as_ptr() as usize - rest.as_ptr() as usize;
            let end = last.as_ptr() as usize - rest.as_ptr() as usize + last.len();
            parts.push((Role::Reason, &rest[start..end]));
        }
        Ok(parts)
    }

    /// Takes a line of one word as the next cell of the held row that a line break cut after
    /// its 指标性质 (`… 定性` / `长期` / `15`): first its value, then a number for its weight.
    /// Returns false for a line that is no such cell (a level, a row of its own, a second
    /// number), which leaves the held row to be read as it is.
    fn continues_short_row(&mut self, cell: &Cell, cx: &mut Sink<'_>) -> bool {
        let text = trim(&cell.text);
        let value_role = if self.has(Role::Value) { Role::Value } else { Role::Target };
        let weighted = self.has(Role::Weight);
        let Some(held) = &mut self.short_row else { return false };
        if text.is_empty() || text.contains(char::is_whitespace) || classify(split::strip_points(text)) != (None, None)
        {
            return false;
        }
        let has = |r: Role| held.taken.iter().any(|(p, _)| *p == r);
        // A 定性 row's value is words: a bare number after it is its weight, the value left blank.
        let weight_not_value =
            weighted && is_number(text) && held.parts.iter().any(|(r, t)| *r == Role::Op && t == "定性");
        let role = if !has(value_role) && !weight_not_value {
            value_role
        } else if !has(Role::Weight) && is_number(text) && weighted {
            Role::Weight
        } else {
            return false;
        };
        cx.out.push(Item::Diagnostic(Diagnostic::note(
            "wrapped-cell",
            Some(cell.position.clone()),
            format!(
                "指标行在指标性质之后断行, 下一行的 “{}” 读作它的{}",
                excerpt(text),
                if role == Role::Weight { "分值" } else { "指标值" }
            ),
        )));
        held.taken.push((role, cell.with_text(text.to_owned())));
        if role == Role::Weight || !weighted {
            self.release_short_row(cx);
        }
        true
    }

    /// Reads the held row with what the lines after it gave.
    pub(super) fn release_short_row(&mut self, cx: &mut Sink<'_>) {
        let Some(held) = self.short_row.take() else { return };
        let mut cells: Vec<(Role, Cell)> =
            held.parts.into_iter().map(|(r, text)| (r, held.cell.with_text(text))).collect();
        cells.extend(held.taken);
        let mapped: Vec<(Role, &Cell)> = cells.iter().map(|(r, c)| (*r, c)).collect();
        self.apply(&mapped, cx);
    }
}

/// The one short word of a row that may be a level's first line (`项目完成`, after the group
/// label `绩效指标` where the row starts the block): no level, target or number itself.
fn level_head(text: &str) -> Option<&str> {
    let word = text.strip_prefix("绩效指标").unwrap_or(text).trim();
    let n = word.chars().count();
    ((2..=6).contains(&n)
        && word.chars().all(jixiao_core::text::is_ideograph)
        && classify(word) == (None, None)
        && !word.ends_with("指标"))
    .then_some(word)
}

/// A word of a self-evaluation row's values: a bare number, a quantity, range, date or
/// comparison (`5.5亩`, `100%`, `≥95%`), or a mark of a blank cell (`/`, `—`).
fn value_word(word: &str) -> bool {
    is_number(word) || strongly_target(word) || is_blank_mark(word)
}

/// Calls `found` with every placement of `values`, in order, into distinct columns of
/// `columns` that keeps their order and fits each value's kind (see
/// [`IndicatorBlock::evaluation_row`]).
fn place_values(values: &[&str], columns: &[Role], placed: &mut Vec<Role>, found: &mut dyn FnMut(&[Role])) {
    let Some((value, rest)) = values.split_first() else {
        let has = |r: Role| placed.contains(&r);
        if (!has(Role::Actual) || has(Role::Target)) && (!has(Role::Score) || has(Role::Weight)) {
            found(placed);
        }
        return;
    };
    let bare = is_number(value);
    for (i, &column) in columns.iter().enumerate() {
        if columns.len() - i < values.len() {
            break;
        }
        let fits = match column {
            Role::Weight | Role::Score => bare,
            _ => true,
        };
        if fits {
            placed.push(column);
            place_values(rest, &columns[i + 1..], placed, found);
            placed.pop();
        }
    }
}

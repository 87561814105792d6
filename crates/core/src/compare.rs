//! A table set against another year's table of the same department and project: which
//! indicators were kept, added and dropped, which targets were raised or lowered (and whether
//! that asks more or less of the money), and which new targets stay below what the earlier year
//! achieved — the reviewer's 适当性 question, and the reader's 同比.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::identity::{Stage, real_code};
use crate::levels::{Level1, Level2, canonical_level1, canonical_level2};
use crate::model::{Document, DocumentKind, Indicator};
use crate::polarity::Bound;
use crate::target::{Op, Target};
use crate::text::squeeze;
use crate::vocabulary::money::money_factor;

/// What became of one indicator from the earlier table to the later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The same target.
    Same,
    /// A higher number.
    Raised,
    /// A lower number.
    Lowered,
    /// A deadline brought forward (within its year, against the table's year).
    Earlier,
    /// A deadline put off.
    Later,
    /// A target written differently that cannot be set against the other (a new unit, a
    /// comparator turned, words for a number).
    Reworded,
    /// Only in the later table.
    Added,
    /// Only in the earlier table.
    Dropped,
}

impl Change {
    /// The word the pages and the CLI use.
    pub fn label(self) -> &'static str {
        match self {
            Change::Same => "不变",
            Change::Raised => "提高",
            Change::Lowered => "降低",
            Change::Earlier => "提前",
            Change::Later => "推迟",
            Change::Reworded => "改写",
            Change::Added => "新增",
            Change::Dropped => "删去",
        }
    }
}

/// Whether a raised or lowered target asks more of the money or less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ambition {
    /// More for the money: a floor raised, a ceiling or a deadline brought down.
    More,
    /// Less: a floor lowered, a ceiling raised, a deadline put off.
    Less,
}

impl Ambition {
    /// The word the pages and the CLI use.
    pub fn label(self) -> &'static str {
        match self {
            Ambition::More => "要求更高",
            Ambition::Less => "要求降低",
        }
    }
}

/// One indicator in either table, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorChange {
    /// The levels and name, as the later table writes them (the earlier's for a dropped one).
    pub level1: String,
    pub level2: String,
    pub name: String,
    /// Its place among the earlier table's indicators, when it is there.
    pub before: Option<usize>,
    /// Its place among the later table's indicators, when it is there.
    pub after: Option<usize>,
    pub target_before: Option<String>,
    pub target_after: Option<String>,
    pub change: Change,
    /// For a raised or lowered target whose direction is known.
    pub ambition: Option<Ambition>,
    /// The earlier table's actual, when the later target is a floor it does not reach
    /// (`≥90%` after `实际完成 96%`): a target set below what was already done.
    pub below_actual: Option<String>,
}

/// The earlier and later 年度资金总额, in yuan, where both tables state one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FundsChange {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub before_yuan: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub after_yuan: Decimal,
}

/// An amount in yuan as the tables write it, in 万元, without trailing zeros.
pub fn in_wan(yuan: Decimal) -> Decimal {
    (yuan / crate::model::MoneyUnit::TenThousandYuan.yuan()).normalize()
}

/// Two tables set side by side, indicator by indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub year_before: Option<i32>,
    pub year_after: Option<i32>,
    pub funds: Option<FundsChange>,
    /// The later table's indicators in its order, each dropped one after the kept indicator it
    /// followed.
    pub indicators: Vec<IndicatorChange>,
}

impl Comparison {
    /// How many indicators had each change, in the order of [`Change`].
    pub fn counts(&self) -> [(Change, usize); 8] {
        let all = [
            Change::Same,
            Change::Raised,
            Change::Lowered,
            Change::Earlier,
            Change::Later,
            Change::Reworded,
            Change::Added,
            Change::Dropped,
        ];
        all.map(|c| (c, self.indicators.iter().filter(|i| i.change == c).count()))
    }

    /// How many indicators had each change, those that had any: `不变 4, 提高 1`.
    pub fn summary(&self) -> String {
        let counts: Vec<String> =
            self.counts().iter().filter(|(_, n)| *n > 0).map(|(c, n)| format!("{} {n}", c.label())).collect();
        counts.join(", ")
    }

    /// The indicators whose later target is below what the earlier year achieved.
    pub fn below_actual(&self) -> impl Iterator<Item = &IndicatorChange> {
        self.indicators.iter().filter(|i| i.below_actual.is_some())
    }
}

/// How two documents are the same department's same table, in different years or not: `Some(0)`
/// by the project's code (or a department table), `Some(1)` by the project's name; `None` when
/// they are not, or cannot be told to be (an empty department or name). Codes are preferred
/// because a project renamed keeps its code; names still pair because codes often carry the year.
pub fn table_match(a: &Document, b: &Document) -> Option<u8> {
    let department = squeeze(&a.department);
    if a.kind != b.kind || department.is_empty() || department != squeeze(&b.department) {
        return None;
    }
    match (a.kind, &a.project, &b.project) {
        (DocumentKind::Department, _, _) => Some(0),
        (DocumentKind::Project, Some(p), Some(q)) => {
            project_match(&p.name, p.code.given().map(String::as_str), &q.name, q.code.given().map(String::as_str))
        }
        _ => None,
    }
}

/// Whether two documents are the same table ([`table_match`]).
pub fn same_table(a: &Document, b: &Document) -> bool {
    table_match(a, b).is_some()
}

/// How two projects match: `Some(0)` by a real code, `Some(1)` by a name; `None` otherwise. A
/// code is real when it holds a letter or a digit other than zeros (`无`, `/`, `—` are not).
pub fn project_match(a_name: &str, a_code: Option<&str>, b_name: &str, b_code: Option<&str>) -> Option<u8> {
    if let (Some(a), Some(b)) = (real_code(a_code), real_code(b_code)) {
        if squeeze(a) == squeeze(b) {
            return Some(0);
        }
    }
    let name = squeeze(a_name);
    (!name.is_empty() && name == squeeze(b_name)).then_some(1)
}

/// How well an earlier table of stage `earlier` serves a later one of stage `later`: `0` the
/// same stage (targets against targets), `1` a self-evaluation against the next year's targets
/// when that is all there is, `None` not at all.
pub fn stage_rank(earlier: Stage, later: Stage) -> Option<u8> {
    match (earlier, later) {
        (a, b) if a == b => Some(0),
        (Stage::SelfEvaluation, Stage::Target) => Some(1),
        _ => None,
    }
}

/// Whether `earlier` is the year just before `later` (years as published may be anything).
pub fn is_year_before(earlier: Option<i32>, later: i32) -> bool {
    earlier.is_some_and(|y| y.checked_add(1) == Some(later))
}

/// Sets `before` against `after`; the actuals are `before`'s own when it is a 自评表 of the year
/// before `after`.
pub fn compare(before: &Document, after: &Document) -> Comparison {
    compare_with_actuals(before, after, None)
}

/// Sets `before` against `after`, with the actuals of `actuals` (the 自评表 of the year before
/// `after`, when `before` is that year's targets; else `before`'s own, when it is that 自评表):
/// a floor set below what was achieved is said. Actuals of another year than the one before
/// `after` are not used.
pub fn compare_with_actuals(before: &Document, after: &Document, actuals: Option<&Document>) -> Comparison {
    let year_before = |d: &Document| match (d.year, after.year) {
        (Some(_), Some(a)) => is_year_before(d.year, a),
        _ => true,
    };
    let actuals =
        actuals.or(Some(before)).filter(|d| year_before(d) && d.indicators.iter().any(|i| i.actual.is_some()));
    // Which of the later indicators each earlier actual belongs to.
    let mut actual_of_after: Vec<Option<&str>> = vec![None; after.indicators.len()];
    if let Some(done) = actuals {
        for (d, a) in match_indicators(&done.indicators, done.year, &after.indicators, after.year) {
            actual_of_after[a] = done.indicators[d].actual.as_deref();
        }
    }
    let pairs = match_indicators(&before.indicators, before.year, &after.indicators, after.year);
    let mut partner_of_after = vec![None; after.indicators.len()];
    let mut matched_before = vec![false; before.indicators.len()];
    for &(b, a) in &pairs {
        partner_of_after[a] = Some(b);
        matched_before[b] = true;
    }
    // Each dropped indicator is placed after the kept one that came before it in the earlier
    // table, so that it shows where it stood.
    let mut dropped_after: Vec<Vec<usize>> = vec![Vec::new(); after.indicators.len() + 1];
    let mut last_kept: Option<usize> = None;
    for (b, kept) in matched_before.iter().enumerate() {
        if *kept {
            last_kept = pairs.iter().find(|p| p.0 == b).map(|p| p.1);
        } else {
            dropped_after[last_kept.map_or(0, |a| a + 1)].push(b);
        }
    }
    let mut indicators = Vec::with_capacity(after.indicators.len() + before.indicators.len());
    let dropped = |b: usize| {
        let i = &before.indicators[b];
        IndicatorChange {
            level1: i.level1.as_str().to_owned(),
            level2: i.level2.as_str().to_owned(),
            name: i.name.clone(),
            before: Some(b),
            after: None,
            target_before: Some(i.target.clone()),
            target_after: None,
            change: Change::Dropped,
            ambition: None,
            below_actual: None,
        }
    };
    indicators.extend(dropped_after[0].iter().map(|&b| dropped(b)));
    for (a, ind) in after.indicators.iter().enumerate() {
        let earlier = partner_of_after[a].map(|b| (b, &before.indicators[b]));
        let (change, ambition) = match earlier {
            Some((_, e)) => target_change(e, before.year, ind, after.year),
            None => (Change::Added, None),
        };
        indicators.push(IndicatorChange {
            level1: ind.level1.as_str().to_owned(),
            level2: ind.level2.as_str().to_owned(),
            name: ind.name.clone(),
            before: earlier.map(|(b, _)| b),
            after: Some(a),
            target_before: earlier.map(|(_, e)| e.target.clone()),
            target_after: Some(ind.target.clone()),
            change,
            ambition,
            below_actual: actual_of_after[a].and_then(|done| below_actual(done, ind)),
        });
        indicators.extend(dropped_after[a + 1].iter().map(|&b| dropped(b)));
    }
    Comparison { year_before: before.year, year_after: after.year, funds: funds_change(before, after), indicators }
}

/// Pairs of (earlier, later) indicator places: first those whose levels and name agree, then
/// those whose name alone agrees and is found once on each side (an indicator moved to another
/// 二级). Long-term indicators are paired only with long-term ones.
fn match_indicators(
    before: &[Indicator],
    before_year: Option<i32>,
    after: &[Indicator],
    after_year: Option<i32>,
) -> Vec<(usize, usize)> {
    let full = |i: &Indicator, year: Option<i32>| {
        (canonical_level1(i.level1.as_str()), canonical_level2(i.level2.as_str()), name_key(i, year), i.horizon)
    };
    let before_keys: Vec<_> = before.iter().map(|i| full(i, before_year)).collect();
    let mut used = vec![false; before.len()];
    let mut pairs = Vec::new();
    let mut unmatched = Vec::new();
    for (a, ind) in after.iter().enumerate() {
        let key = full(ind, after_year);
        match (0..before.len()).find(|&b| !used[b] && before_keys[b] == key) {
            Some(b) => {
                used[b] = true;
                pairs.push((b, a));
            }
            None => unmatched.push(a),
        }
    }
    for a in unmatched {
        let (name, horizon) = (name_key(&after[a], after_year), after[a].horizon);
        let same = |i: &Indicator, year| name_key(i, year) == name && i.horizon == horizon;
        let earlier: Vec<usize> = (0..before.len()).filter(|&b| !used[b] && same(&before[b], before_year)).collect();
        let later = after.iter().filter(|i| same(i, after_year)).count();
        if let ([b], 1) = (earlier.as_slice(), later) {
            used[*b] = true;
            pairs.push((*b, a));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// A name as compared: folded, without blanks and a trailing colon, and with the years it
/// names counted from its table's year (`编入2020年部门预算的结转资金` in the 2020 table and
/// `编入2021年…` in the 2021 table are one indicator).
fn name_key(i: &Indicator, table_year: Option<i32>) -> String {
    let name = squeeze(&i.name);
    let name = name.trim_end_matches([':', '：']);
    let Some(year) = table_year else { return name.to_owned() };
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..at]);
        let digits = rest[at..].find(|c: char| !c.is_ascii_digit()).map_or(rest.len() - at, |n| n);
        let number = &rest[at..at + digits];
        match number.parse::<i32>() {
            Ok(y) if digits == 4 && (1990..=2100).contains(&y) => {
                out.push_str(&format!("{{年{}}}", i64::from(y) - i64::from(year)));
            }
            _ => out.push_str(number),
        }
        rest = &rest[at + digits..];
    }
    out.push_str(rest);
    out
}

/// How the target changed, and what that asks of the money.
fn target_change(
    before: &Indicator,
    before_year: Option<i32>,
    after: &Indicator,
    after_year: Option<i32>,
) -> (Change, Option<Ambition>) {
    if squeeze(&before.target) == squeeze(&after.target) {
        return (Change::Same, None);
    }
    let (old, new) = (before.parsed_target(), after.parsed_target());
    if old.canonical() == new.canonical() && !old.is_qualitative() {
        return (Change::Same, None);
    }
    let change = match (&old, &new) {
        // Term by term (`大于10个团组，80人次` → `大于12个团组，90人次`), when the terms count the
        // same things the same way and all move one way.
        // A comparator of the same side (`大于10` → `≥12`) and money in another unit (`500元` →
        // `0.06万元`) still rank; a comparator turned or the bare one changed (`>100` → `≥100`)
        // does not.
        (Target::Quantity { terms: o }, Target::Quantity { terms: n })
            if o.len() == n.len() && o.iter().zip(n).all(|(o, n)| comparable(o, n).is_some()) =>
        {
            let mut moves = o.iter().zip(n).filter_map(|(o, n)| comparable(o, n)).filter(|m| m.is_ne());
            match moves.next() {
                None if o.iter().zip(n).all(|(o, n)| o.op == n.op) => Change::Same,
                None => Change::Reworded,
                Some(first) if moves.all(|m| m == first) => ordered(first),
                Some(_) => Change::Reworded,
            }
        }
        // A range moves when both bounds move one way, or one does and the other stays.
        (Target::Range { min: a, max: b, unit: u }, Target::Range { min: c, max: d, unit: v }) if u == v => {
            match (a.cmp(c), b.cmp(d)) {
                (x, y) if x == y => ordered(x),
                (x, std::cmp::Ordering::Equal) | (std::cmp::Ordering::Equal, x) => ordered(x),
                _ => Change::Reworded,
            }
        }
        // A deadline is set against the earlier one as far into its table's year: `2021年12月底前`
        // in the 2021 table asks what `2020年12月底前` asked in the 2020 table.
        (Target::Date { op: o, date: d }, Target::Date { op: p, date: e }) if o == p => {
            match (deadline(d, before_year, after_year.is_some()), deadline(e, after_year, before_year.is_some())) {
                (Some(x), Some(y)) => match x.cmp(&y) {
                    std::cmp::Ordering::Less => Change::Later,
                    std::cmp::Ordering::Greater => Change::Earlier,
                    std::cmp::Ordering::Equal => Change::Same,
                },
                _ => Change::Reworded,
            }
        }
        _ => Change::Reworded,
    };
    // A range has no side of its own: only its 指标方向 says which way is more.
    let bound = match new {
        Target::Range { .. } => after.polarity.as_ref().and_then(|p| p.bound()),
        _ => bound(after, &new),
    };
    let ambition = match (change, bound) {
        (Change::Raised, Some(Bound::Floor)) | (Change::Lowered | Change::Earlier, Some(Bound::Ceiling)) => {
            Some(Ambition::More)
        }
        (Change::Raised | Change::Later, Some(Bound::Ceiling)) | (Change::Lowered, Some(Bound::Floor)) => {
            Some(Ambition::Less)
        }
        _ => None,
    };
    (change, ambition)
}

/// How an earlier term's value stands to a later one's, when they can be set side by side: the
/// comparators on the same side (both floors, both ceilings, or both bare) and the units the
/// same or both money.
fn comparable(o: &crate::target::Term, n: &crate::target::Term) -> Option<std::cmp::Ordering> {
    let side = |op: Op| (op.is_floor(), op.is_ceiling());
    if side(o.op) != side(n.op) {
        return None;
    }
    if o.unit == n.unit {
        return Some(o.value.cmp(&n.value));
    }
    let (Some(f), Some(g)) = (money_factor(&o.unit), money_factor(&n.unit)) else { return None };
    Some(crate::saturating::mul(o.value, f).cmp(&crate::saturating::mul(n.value, g)))
}

/// Where a deadline falls, as (years after its table's year, month, day), a month alone at its
/// end; a date without a year is in its table's year. With no table year to count from (or
/// none on the other side), a dated deadline is taken as it is.
fn deadline(date: &crate::target::PartialDate, table_year: Option<i32>, other_known: bool) -> Option<(i64, u8, u8)> {
    let month = date.month?;
    let day = date.day.unwrap_or(31);
    let years = match (date.year, table_year) {
        (Some(y), Some(t)) if other_known => i64::from(y) - i64::from(t),
        (Some(y), _) => i64::from(y),
        (None, _) => 0,
    };
    Some((years, month, day))
}

/// `Raised` for a later value above the earlier, `Lowered` below, `Same` equal.
fn ordered(earlier_to_later: std::cmp::Ordering) -> Change {
    match earlier_to_later {
        std::cmp::Ordering::Less => Change::Raised,
        std::cmp::Ordering::Greater => Change::Lowered,
        std::cmp::Ordering::Equal => Change::Same,
    }
}

/// Which side of its target an indicator should land on: its 指标方向 where stated, else its
/// comparator; a bare number is a ceiling under 成本 and a deadline always is.
fn bound(ind: &Indicator, target: &Target) -> Option<Bound> {
    if let Some(b) = ind.polarity.as_ref().and_then(|p| p.bound()) {
        return Some(b);
    }
    let op = match target {
        Target::Quantity { terms } => terms.first()?.op,
        Target::Date { .. } => return Some(Bound::Ceiling),
        _ => return None,
    };
    if op.is_floor() {
        Some(Bound::Floor)
    } else if op.is_ceiling() || (op == Op::Eq && is_cost(ind)) {
        Some(Bound::Ceiling)
    } else {
        None
    }
}

/// Whether an indicator counts cost (成本指标, as 一级 or 二级).
fn is_cost(ind: &Indicator) -> bool {
    ind.level1.as_level1() == Some(Level1::Cost) || ind.level2.as_level2() == Some(Level2::Cost)
}

/// The earlier actual, when the later target is a floor on the same unit that it already
/// exceeds.
fn below_actual(actual: &str, after: &Indicator) -> Option<String> {
    let actual = actual.trim();
    let target = after.parsed_target();
    let Target::Quantity { terms } = &target else { return None };
    let Target::Quantity { terms: done } = Target::parse(actual) else { return None };
    match (terms.as_slice(), done.as_slice()) {
        ([t], [d]) if bound(after, &target) == Some(Bound::Floor) && t.unit == d.unit && d.value > t.value => {
            Some(actual.to_owned())
        }
        _ => None,
    }
}

/// The 年度资金总额 of both tables, in yuan, where both state one.
fn funds_change(before: &Document, after: &Document) -> Option<FundsChange> {
    let total = |d: &Document| {
        let funds = &d.project.as_ref()?.funds;
        funds.total?.get().checked_mul(funds.unit.yuan())
    };
    Some(FundsChange { before_yuan: total(before)?, after_yuan: total(after)? })
}

/// What one department's target tables come to, for setting departments side by side: how many
/// indicators, how many of them quantified (细化量化), how many tables state cost and
/// satisfaction indicators, and the funds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DepartmentFigures {
    pub department: String,
    pub tables: usize,
    pub indicators: usize,
    /// Indicators whose target is a quantity, a range or a date.
    pub quantified: usize,
    /// Tables with at least one 成本 indicator.
    pub with_cost: usize,
    /// Tables with at least one 满意度 indicator.
    pub with_satisfaction: usize,
    /// The project tables' 年度资金总额, in yuan.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub funds_yuan: Decimal,
}

impl DepartmentFigures {
    /// Counts one more table of the department; a 自评表 restates its targets and is not
    /// counted again.
    pub fn add(&mut self, doc: &Document) {
        if Stage::of(doc) != Stage::Target {
            return;
        }
        self.tables += 1;
        self.indicators += doc.indicators.len();
        self.quantified += doc
            .indicators
            .iter()
            .filter(|i| {
                matches!(i.parsed_target(), Target::Quantity { .. } | Target::Range { .. } | Target::Date { .. })
            })
            .count();
        self.with_cost += usize::from(doc.indicators.iter().any(is_cost));
        self.with_satisfaction +=
            usize::from(doc.indicators.iter().any(|i| i.level1.as_level1() == Some(Level1::Satisfaction)));
        if let Some(funds) = doc.project.as_ref().map(|p| &p.funds) {
            let yuan = funds.total.map_or(Decimal::ZERO, |t| funds.unit.in_yuan(t.get()));
            self.funds_yuan = crate::saturating::add(self.funds_yuan, yuan);
        }
    }

    /// The share of indicators quantified, in percent to one place; `None` without indicators.
    pub fn quantified_percent(&self) -> Option<Decimal> {
        (self.indicators > 0)
            .then(|| (Decimal::from(self.quantified) * Decimal::from(100) / Decimal::from(self.indicators)).round_dp(1))
    }
}

/// Departments' figures gathered a table at a time, as a store's tables stream past once.
#[derive(Debug, Default)]
pub struct DepartmentTally(HashMap<String, DepartmentFigures>);

impl DepartmentTally {
    /// Counts one more table, under its department.
    pub fn add(&mut self, doc: &Document) {
        let name = doc.department.trim();
        if !self.0.contains_key(name) {
            self.0.insert(name.to_owned(), DepartmentFigures { department: name.to_owned(), ..Default::default() });
        }
        if let Some(d) = self.0.get_mut(name) {
            d.add(doc);
        }
    }

    /// The figures of each department, the least quantified first (the departments a reviewer
    /// looks at first), then by name.
    pub fn finish(self) -> Vec<DepartmentFigures> {
        let mut all: Vec<DepartmentFigures> = self.0.into_values().collect();
        sort_departments(&mut all);
        all
    }
}

/// The figures of each department among `docs` ([`DepartmentTally::finish`]).
pub fn by_department<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Vec<DepartmentFigures> {
    let mut tally = DepartmentTally::default();
    docs.into_iter().for_each(|d| tally.add(d));
    tally.finish()
}

/// The least quantified first, then by name; departments without indicators last.
fn sort_departments(all: &mut [DepartmentFigures]) {
    all.sort_by(|a, b| {
        let share = |d: &DepartmentFigures| d.quantified_percent().unwrap_or(Decimal::MAX);
        share(a).cmp(&share(b)).then_with(|| a.department.cmp(&b.department))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::polarity::Polarity;
    use crate::review::testing::{ind, project};

    fn year(mut doc: Document, y: i32) -> Document {
        doc.year = Some(y);
        doc
    }

    #[test]
    fn targets_raised_lowered_kept_added_and_dropped() {
        let before = year(
            project(vec![
                ind("产出指标", "数量指标", "培训人数", "≥100人"),
                ind("产出指标", "数量指标", "出访团组", "大于10个团组，80人次"),
                ind("产出指标", "时效指标", "完成时间", "2021年12月底前"),
                ind("成本指标", "经济成本指标", "人均培训成本", "≤500元"),
                ind("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"),
                ind("效益指标", "社会效益指标", "带动就业", "明显"),
            ]),
            2021,
        );
        let mut after = year(
            project(vec![
                ind("产出指标", "数量指标", "培训 人数", "≥120人"),
                ind("产出指标", "质量指标", "出访团组", "大于10个团组，80人次"),
                ind("产出指标", "时效指标", "完成时间", "2022年10月底前"),
                ind("成本指标", "经济成本指标", "人均培训成本", "≤550元"),
                ind("满意度指标", "服务对象满意度指标", "学员满意度", "≥85%"),
                ind("效益指标", "社会效益指标", "群众获得感", "持续提升"),
            ]),
            2022,
        );
        after.project.as_mut().unwrap().funds.total = Some(Decimal::from(120).into());
        let c = compare(&before, &after);
        let row = |name: &str| c.indicators.iter().find(|i| i.name == name).unwrap();
        assert_eq!((row("培训 人数").change, row("培训 人数").ambition), (Change::Raised, Some(Ambition::More)));
        // Moved to another 二级, same target: paired by its name.
        assert_eq!((row("出访团组").change, row("出访团组").before), (Change::Same, Some(1)));
        // A deadline brought forward asks more; a ceiling raised and a floor lowered ask less.
        assert_eq!((row("完成时间").change, row("完成时间").ambition), (Change::Earlier, Some(Ambition::More)));
        assert_eq!((row("人均培训成本").change, row("人均培训成本").ambition), (Change::Raised, Some(Ambition::Less)));
        assert_eq!((row("学员满意度").change, row("学员满意度").ambition), (Change::Lowered, Some(Ambition::Less)));
        assert_eq!(row("群众获得感").change, Change::Added);
        // The dropped indicator stands where it stood, after the kept one before it.
        let names: Vec<&str> = c.indicators.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names[5..], ["带动就业", "群众获得感"]);
        assert_eq!(c.indicators[5].change, Change::Dropped);
        assert_eq!(c.counts().map(|(_, n)| n), [1, 2, 1, 1, 0, 0, 1, 1]);
        let funds = c.funds.unwrap();
        assert_eq!((funds.before_yuan, funds.after_yuan), (Decimal::from(1_000_000), Decimal::from(1_200_000)));
    }

    #[test]
    fn a_new_target_under_what_was_already_achieved_is_said() {
        let mut done = ind("产出指标", "质量指标", "验收合格率", "≥90%");
        done.actual = Some("96%".to_owned());
        let mut cheap = ind("产出指标", "数量指标", "维修公里数", "50");
        cheap.actual = Some("80公里".to_owned());
        let before = year(project(vec![done, cheap]), 2021);
        let mut also = ind("产出指标", "数量指标", "维修公里数", "60公里");
        also.polarity = Some(Polarity::new("正向"));
        let after = year(project(vec![ind("产出指标", "质量指标", "验收合格率", "≥92%"), also]), 2022);
        let c = compare(&before, &after);
        assert_eq!(c.indicators[0].change, Change::Raised);
        assert_eq!(c.indicators[0].below_actual.as_deref(), Some("96%"));
        // Another unit before it (the earlier target was a bare 50): reworded, and still under
        // the 80公里 done, stated as a floor by its 指标方向.
        assert_eq!(c.indicators[1].change, Change::Reworded);
        assert_eq!(c.indicators[1].below_actual.as_deref(), Some("80公里"));
        assert_eq!(c.below_actual().count(), 2);
    }

    #[test]
    fn targets_of_several_quantities_move_together_or_are_reworded() {
        let before = project(vec![
            ind("产出指标", "数量指标", "出访团组及人次", "大于10个团组，80人次"),
            ind("产出指标", "数量指标", "接待团组及人次", "大于10个团组，80人次"),
        ]);
        let after = project(vec![
            ind("产出指标", "数量指标", "出访团组及人次", "大于12个团组，80人次"),
            ind("产出指标", "数量指标", "接待团组及人次", "大于12个团组，60人次"),
        ]);
        let c = compare(&before, &after);
        assert_eq!((c.indicators[0].change, c.indicators[0].ambition), (Change::Raised, Some(Ambition::More)));
        assert_eq!((c.indicators[1].change, c.indicators[1].ambition), (Change::Reworded, None));
    }

    #[test]
    fn words_and_other_units_are_reworded_not_ranked() {
        let before = project(vec![
            ind("效益指标", "社会效益指标", "群众满意", "明显提升"),
            ind("产出指标", "数量指标", "资助人数", "≥100人"),
            ind("产出指标", "数量指标", "资助金额", "≥100万元"),
        ]);
        let c = compare(
            &project(vec![
                ind("产出指标", "质量指标", "合格率", "90%-95%"),
                ind("产出指标", "质量指标", "误差", "1%-3%"),
            ]),
            &project(vec![
                ind("产出指标", "质量指标", "合格率", "92%-95%"),
                ind("产出指标", "质量指标", "误差", "0%-5%"),
            ]),
        );
        // A range moved up, with no 指标方向 to say whether that asks more; one widened both ways.
        assert_eq!((c.indicators[0].change, c.indicators[0].ambition), (Change::Raised, None));
        assert_eq!(c.indicators[1].change, Change::Reworded);
        let after = project(vec![
            ind("效益指标", "社会效益指标", "群众满意", "显著提升"),
            ind("产出指标", "数量指标", "资助人数", "≥100人次"),
            ind("产出指标", "数量指标", "资助金额", "＞100万元"),
        ]);
        let c = compare(&before, &after);
        assert!(c.indicators.iter().all(|i| i.change == Change::Reworded && i.ambition.is_none()), "{c:#?}");
        // The same side in other words, and money in another unit, still rank.
        let c = compare(
            &project(vec![
                ind("产出指标", "数量指标", "培训人数", "大于10人"),
                ind("成本指标", "经济成本指标", "人均成本", "≤500元"),
                ind("产出指标", "数量指标", "资助人数", "≥100人"),
            ]),
            &project(vec![
                ind("产出指标", "数量指标", "培训人数", "≥12人"),
                ind("成本指标", "经济成本指标", "人均成本", "≤0.06万元"),
                ind("产出指标", "数量指标", "资助人数", ">100人"),
            ]),
        );
        let seen: Vec<_> = c.indicators.iter().map(|i| (i.change, i.ambition)).collect();
        assert_eq!(
            seen,
            [(Change::Raised, Some(Ambition::More)), (Change::Raised, Some(Ambition::Less)), (Change::Reworded, None)]
        );
    }

    #[test]
    fn departments_are_set_side_by_side_least_quantified_first() {
        let mut a = project(vec![
            ind("产出指标", "数量指标", "培训人数", "≥100人"),
            ind("效益指标", "社会效益指标", "带动就业", "明显"),
            ind("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"),
        ]);
        a.department = "甲局".to_owned();
        let mut b = project(vec![
            ind("产出指标", "时效指标", "完成时间", "2021年12月底前"),
            ind("成本指标", "经济成本指标", "人均成本", "≤500元"),
        ]);
        b.department = "乙局".to_owned();
        let mut c = b.clone();
        c.indicators[0].target = "按时".to_owned();
        let all = by_department([&a, &b, &c]);
        let names: Vec<&str> = all.iter().map(|d| d.department.as_str()).collect();
        assert_eq!(names, ["甲局", "乙局"]);
        assert_eq!((all[0].indicators, all[0].quantified, all[0].with_satisfaction, all[0].with_cost), (3, 2, 1, 0));
        assert_eq!(all[0].quantified_percent(), Some(Decimal::new(667, 1)));
        assert_eq!((all[1].tables, all[1].indicators, all[1].quantified, all[1].with_cost), (2, 4, 3, 2));
        assert_eq!(all[1].quantified_percent(), Some(Decimal::from(75)));
        assert_eq!(all[1].funds_yuan, Decimal::from(2_000_000));
    }

    #[test]
    fn deadlines_are_counted_from_their_tables_year() {
        let deadline = |y: i32, target: &str| year(project(vec![ind("产出指标", "时效指标", "完成时间", target)]), y);
        let judged = |a: &Document, b: &Document| {
            let c = compare(a, b);
            (c.indicators[0].change, c.indicators[0].ambition)
        };
        let (y2020, put_off) = (deadline(2020, "2020年12月底前"), deadline(2021, "2022年6月底前"));
        assert_eq!(judged(&y2020, &put_off), (Change::Later, Some(Ambition::Less)));
        assert_eq!(judged(&y2020, &deadline(2021, "2022年12月底前")), (Change::Later, Some(Ambition::Less)));
        assert_eq!(judged(&y2020, &deadline(2021, "2021年12月底前")).0, Change::Same);
        assert_eq!(judged(&y2020, &deadline(2021, "2021年9月30日前")), (Change::Earlier, Some(Ambition::More)));
        assert_eq!(judged(&y2020, &deadline(2021, "12月底前")).0, Change::Same, "a month alone is in its table's year");
    }

    #[test]
    fn projects_pair_by_a_real_code_first_then_by_name() {
        assert_eq!(project_match("专项业务经费", Some("001"), "专项业务经费", Some("002")), Some(1));
        assert_eq!(project_match("专项业务经费", Some("002"), "业务经费", Some("002")), Some(0));
        assert_eq!(project_match("外事出访经费", Some("无"), "日常公用经费", Some("无")), None, "无 is no code");
        assert_eq!(project_match("甲", Some("/"), "乙", Some("/")), None);
        assert_eq!(project_match("", Some("0000"), "", Some("0000")), None, "nor are zeros, nor an empty name");
        let mut a = project(vec![]);
        a.department = " ".to_owned();
        assert_eq!(table_match(&a, &a.clone()), None, "no department, no pairing");
    }

    #[test]
    fn names_that_count_their_own_year_pair_across_years() {
        let a = year(project(vec![ind("产出指标", "数量指标", "编入2020年部门预算的结转资金", "≥10万元")]), 2020);
        let b = year(project(vec![ind("产出指标", "数量指标", "编入2021年部门预算的结转资金", "≥10万元")]), 2021);
        assert_eq!(compare(&a, &b).counts()[0], (Change::Same, 1));
        let c = year(project(vec![ind("产出指标", "数量指标", "编入2020年部门预算的结转资金", "≥10万元")]), 2021);
        assert_eq!(compare(&a, &c).counts()[6], (Change::Added, 1), "the same year in another year's table is not");
    }

    #[test]
    fn actuals_come_from_the_self_evaluation_of_the_year_before_only() {
        let targets = year(project(vec![ind("产出指标", "质量指标", "验收合格率", "≥90%")]), 2021);
        let mut done = targets.clone();
        done.indicators[0].actual = Some("96%".to_owned());
        let next = year(project(vec![ind("产出指标", "质量指标", "验收合格率", "≥92%")]), 2022);
        let c = compare_with_actuals(&targets, &next, Some(&done));
        assert_eq!(c.indicators[0].below_actual.as_deref(), Some("96%"));
        assert_eq!(compare(&targets, &next).indicators[0].below_actual, None, "targets hold no actuals");
        let later = year(next.clone(), 2023);
        assert_eq!(
            compare_with_actuals(&targets, &later, Some(&done)).indicators[0].below_actual,
            None,
            "two years back"
        );
    }

    #[test]
    fn years_of_any_size_give_a_comparison_not_a_crash() {
        let rows = vec![
            ind("产出指标", "时效指标", "完成时间", "2020年12月底前"),
            ind("产出指标", "数量指标", "编入2020年部门预算的结转资金", "≥1万元"),
        ];
        for (y, z) in [(i32::MIN, 2020), (2020, i32::MAX), (i32::MAX, i32::MIN)] {
            let (a, b) = (year(project(rows.clone()), y), year(project(rows.clone()), z));
            // The year-named indicator pairs only when the years do; the deadline always does.
            let paired = |c: Comparison| c.indicators.iter().any(|i| i.name == "完成时间" && i.before.is_some());
            assert!(paired(compare(&a, &b)), "{y} → {z}");
            assert!(paired(compare_with_actuals(&b, &a, Some(&b))), "{z} → {y}");
        }
    }

    #[test]
    fn funds_beyond_a_decimal_saturate_rather_than_crash() {
        let mut a = project(vec![]);
        a.project.as_mut().unwrap().funds.total =
            Some(Decimal::from_str_exact("9000000000000000000000000").unwrap().into());
        let figures = by_department([&a, &a.clone()]);
        assert_eq!(figures[0].funds_yuan, Decimal::MAX);
        let b = year(a.clone(), 2021);
        assert_eq!(compare(&a, &b).funds, None, "a total beyond a decimal in yuan is not compared");
    }

    #[test]
    fn the_same_table_is_found_by_department_kind_and_project() {
        let a = project(vec![]);
        let mut b = year(project(vec![]), 2021);
        assert!(same_table(&a, &b));
        b.project.as_mut().unwrap().name = "测试 项目".to_owned();
        assert!(same_table(&a, &b), "blanks do not make another project");
        b.project.as_mut().unwrap().name = "另一项目".to_owned();
        assert!(!same_table(&a, &b));
        b.project.as_mut().unwrap().name = "测试项目".to_owned();
        b.department = "另一部门".to_owned();
        assert!(!same_table(&a, &b));
    }
}

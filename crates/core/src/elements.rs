//! Stable identities of a table's goals, tasks and indicators, kept beside each stored version and
//! carried from version to version, so that a finding, a score or a change-log entry names exactly
//! one element whatever is inserted, removed or reordered around it.
//!
//! The interchange JSON has no place for them (its goals are plain strings), so they live beside
//! the document: one list per kind of element, in document order. A new version takes its
//! identities from the one it replaces by [`Elements::carry`], which pairs elements by what they
//! say, the way a line diff pairs lines: unchanged elements in order first, then elements moved
//! elsewhere, then, between those, elements edited in place (an indicator keeps its identity when
//! its target, or its name under the same levels, is edited).

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::hash::Hash;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Document, Horizon, Indicator};

/// One element's identity within its table. With the table's id it names the element in every
/// version; a number is never given twice within a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct ElementId(pub u32);

impl fmt::Display for ElementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// The identities of one version's elements: each list in document order, as long as the
/// document's list of that kind.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Elements {
    /// Of `goals` (年度绩效目标).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<ElementId>,
    /// Of `long_term_goals` (中长期目标).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub long_term_goals: Vec<ElementId>,
    /// Of `tasks` (年度主要任务).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<ElementId>,
    /// Of `indicators` (绩效指标).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<ElementId>,
    /// The number the next new element takes: one past the largest ever given in the table, so
    /// that a removed element's number never comes back for another.
    pub next: u32,
}

/// Which list of a document an element is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ElementKind {
    /// `goals`
    Goal,
    /// `long_term_goals`
    LongTermGoal,
    /// `tasks`
    Task,
    /// `indicators`
    Indicator,
}

impl ElementKind {
    /// Every kind, in the order the interchange JSON lists them.
    pub const ALL: [ElementKind; 4] =
        [ElementKind::Goal, ElementKind::LongTermGoal, ElementKind::Task, ElementKind::Indicator];

    /// The key of its list in the interchange JSON.
    pub fn key(self) -> &'static str {
        match self {
            ElementKind::Goal => "goals",
            ElementKind::LongTermGoal => "long_term_goals",
            ElementKind::Task => "tasks",
            ElementKind::Indicator => "indicators",
        }
    }

    /// How many elements of this kind `document` has.
    pub fn count(self, document: &Document) -> usize {
        match self {
            ElementKind::Goal => document.goals.len(),
            ElementKind::LongTermGoal => document.long_term_goals.len(),
            ElementKind::Task => document.tasks.len(),
            ElementKind::Indicator => document.indicators.len(),
        }
    }
}

impl Elements {
    /// The identities of a table's first version: every element new, numbered from 1 in
    /// document order.
    pub fn first(document: &Document) -> Elements {
        let mut next = 1;
        let mut fresh = |kind: ElementKind| (0..kind.count(document)).map(|_| take(&mut next)).collect();
        let (goals, long_term_goals, tasks, indicators) = (
            fresh(ElementKind::Goal),
            fresh(ElementKind::LongTermGoal),
            fresh(ElementKind::Task),
            fresh(ElementKind::Indicator),
        );
        Elements { goals, long_term_goals, tasks, indicators, next }
    }

    /// The identities of `after`, the version that replaces `before` (whose identities these
    /// are): an element of `after` that continues one of `before` keeps its identity, any other
    /// takes a new one.
    pub fn carry(&self, before: &Document, after: &Document) -> Elements {
        self.carry_with(before, after, None)
    }

    /// As [`Elements::carry`], where the editor that made `after` knows which of `before`'s
    /// indicators each of its rows continues (`rows[k]` for `after`'s indicator `k`: `Some(i)`
    /// for `before`'s indicator `i`, `None` for a row added): an edited row keeps its identity
    /// whatever was changed in it. Rows that do not fit `before` are paired by content instead.
    pub fn carry_rows(&self, before: &Document, after: &Document, rows: &[Option<usize>]) -> Elements {
        self.carry_with(before, after, Some(rows))
    }

    fn carry_with(&self, before: &Document, after: &Document, rows: Option<&[Option<usize>]>) -> Elements {
        let mut next = self.next.max(1);
        let goal = |g: &String| g.trim().to_owned();
        let goals = self.continued(ElementKind::Goal, before, after, &mut next, |ids, next| {
            carry_list(ids, &before.goals, &after.goals, goal, |_, _| true, |_| None::<()>, next)
        });
        let long_term_goals = self.continued(ElementKind::LongTermGoal, before, after, &mut next, |ids, next| {
            carry_list(ids, &before.long_term_goals, &after.long_term_goals, goal, |_, _| true, |_| None::<()>, next)
        });
        let tasks = self.continued(ElementKind::Task, before, after, &mut next, |ids, next| {
            carry_list(
                ids,
                &before.tasks,
                &after.tasks,
                |t| t.name.trim().to_owned(),
                |_, _| true,
                |_| None::<()>,
                next,
            )
        });
        let rows = rows.filter(|rows| rows_fit(rows, before.indicators.len(), after.indicators.len()));
        let indicators = self.continued(ElementKind::Indicator, before, after, &mut next, |ids, next| match rows {
            Some(rows) => rows.iter().map(|r| r.map_or_else(|| take(next), |i| ids[i])).collect(),
            None => carry_list(
                ids,
                &before.indicators,
                &after.indicators,
                indicator_key,
                same_place,
                |i| {
                    let name = i.name.trim();
                    (!name.is_empty()).then(|| name.to_owned())
                },
                next,
            ),
        });
        Elements { goals, long_term_goals, tasks, indicators, next }
    }

    /// Whether these identities are as many as `document`'s elements, kind by kind.
    pub fn fits(&self, document: &Document) -> bool {
        ElementKind::ALL.iter().all(|&k| self.list(k).len() == k.count(document))
    }

    /// The identities of one kind of element.
    pub fn list(&self, kind: ElementKind) -> &[ElementId] {
        match kind {
            ElementKind::Goal => &self.goals,
            ElementKind::LongTermGoal => &self.long_term_goals,
            ElementKind::Task => &self.tasks,
            ElementKind::Indicator => &self.indicators,
        }
    }

    /// The identity of the indicator at `index` (in `Document::indicators`).
    pub fn indicator(&self, index: usize) -> Option<ElementId> {
        self.indicators.get(index).copied()
    }

    /// The identity of the task at `index` (in `Document::tasks`).
    pub fn task(&self, index: usize) -> Option<ElementId> {
        self.tasks.get(index).copied()
    }

    /// The identities `carry` gives `after`'s elements of one kind: carried where `before` has
    /// identities for its list, else all new (a list without them, a bug elsewhere, lends none).
    fn continued(
        &self,
        kind: ElementKind,
        before: &Document,
        after: &Document,
        next: &mut u32,
        carry: impl FnOnce(&[ElementId], &mut u32) -> Vec<ElementId>,
    ) -> Vec<ElementId> {
        let ids = self.list(kind);
        if ids.len() == kind.count(before) {
            carry(ids, next)
        } else {
            (0..kind.count(after)).map(|_| take(next)).collect()
        }
    }
}

/// A new identity: the number `next`, which then moves on.
fn take(next: &mut u32) -> ElementId {
    *next += 1;
    ElementId(*next - 1)
}

/// Whether an editor's rows fit: one for each of `after`'s `count` indicators, each naming an
/// indicator of `before` (of `before_count`) at most once.
fn rows_fit(rows: &[Option<usize>], before_count: usize, count: usize) -> bool {
    let mut seen = vec![false; before_count];
    rows.len() == count && rows.iter().flatten().all(|&i| i < before_count && !std::mem::replace(&mut seen[i], true))
}

/// What an indicator is, for pairing: its horizon, levels and name (not its target, which is
/// what an edit most often changes).
fn indicator_key(i: &Indicator) -> (Option<Horizon>, String, String, String) {
    (i.horizon, i.level1.trim().to_owned(), i.level2.trim().to_owned(), i.name.trim().to_owned())
}

/// Whether an indicator could have been edited into another: it stays under the same levels.
fn same_place(a: &Indicator, b: &Indicator) -> bool {
    a.horizon == b.horizon && a.level1.trim() == b.level1.trim() && a.level2.trim() == b.level2.trim()
}

/// Above this many before × after pairs the in-order pairing is skipped (it takes a table of that
/// size); exact and loose matches still carry identities.
const ALIGN_LIMIT: usize = 4_000_000;

/// The identities of `after`'s items, carried from `before`'s (`ids`) by five passes: the longest
/// in-order run of items with equal keys; items with equal keys elsewhere (moved); items with an
/// equal loose key (moved and edited); between two items already paired, items left over on
/// both sides, in order, where `edited` allows; and items left at the same place, where
/// `edited` allows. Any item left is new.
#[allow(clippy::too_many_arguments)]
fn carry_list<T, K: Eq + Hash, L: Eq + Hash>(
    ids: &[ElementId],
    before: &[T],
    after: &[T],
    key: impl Fn(&T) -> K,
    edited: impl Fn(&T, &T) -> bool,
    loose: impl Fn(&T) -> Option<L>,
    next: &mut u32,
) -> Vec<ElementId> {
    let bk: Vec<K> = before.iter().map(&key).collect();
    let ak: Vec<K> = after.iter().map(&key).collect();
    let mut from: Vec<Option<usize>> = vec![None; after.len()];
    let mut used = vec![false; before.len()];

    if before.len().saturating_mul(after.len()) <= ALIGN_LIMIT {
        for (i, j) in longest_common(&bk, &ak) {
            from[j] = Some(i);
            used[i] = true;
        }
    }
    pair_by(&mut from, &mut used, &bk, &ak, |k| Some(k));
    let bl: Vec<Option<L>> = before.iter().map(&loose).collect();
    let al: Vec<Option<L>> = after.iter().map(&loose).collect();
    pair_by(&mut from, &mut used, &bl, &al, |k| k.as_ref());

    // Between consecutive paired items of `after`, pair what is left on both sides in order.
    let mut j = 0;
    while j < after.len() {
        if from[j].is_some() {
            j += 1;
            continue;
        }
        let start = j;
        while j < after.len() && from[j].is_none() {
            j += 1;
        }
        let lo = if start == 0 { 0 } else { from[start - 1].map_or(0, |i| i + 1) };
        let hi = if j < after.len() { from[j].unwrap_or(before.len()) } else { before.len() };
        let free: Vec<usize> = (lo..hi.max(lo)).filter(|&i| !used[i]).collect();
        for (k, &i) in free.iter().enumerate().take(j - start) {
            let a = start + k;
            if edited(&before[i], &after[a]) {
                from[a] = Some(i);
                used[i] = true;
            }
        }
    }

    // Where moves leave no gap to pair in, an item left at the same place as one left over is
    // that one edited.
    for (j, slot) in from.iter_mut().enumerate() {
        if slot.is_none() && j < before.len() && !used[j] && edited(&before[j], &after[j]) {
            *slot = Some(j);
            used[j] = true;
        }
    }

    from.iter().map(|f| f.map_or_else(|| take(next), |i| ids[i])).collect()
}

/// Pairs still-unpaired items of `after` with the first still-unpaired item of `before` whose
/// key is equal.
fn pair_by<K, Q: Eq + Hash + ?Sized>(
    from: &mut [Option<usize>],
    used: &mut [bool],
    before: &[K],
    after: &[K],
    key: impl Fn(&K) -> Option<&Q>,
) {
    let mut waiting: HashMap<&Q, VecDeque<usize>> = HashMap::new();
    for (i, k) in before.iter().enumerate().filter(|(i, _)| !used[*i]) {
        if let Some(q) = key(k) {
            waiting.entry(q).or_default().push_back(i);
        }
    }
    if waiting.is_empty() {
        return;
    }
    for (j, k) in after.iter().enumerate() {
        if from[j].is_some() {
            continue;
        }
        if let Some(i) = key(k).and_then(|q| waiting.get_mut(q)).and_then(VecDeque::pop_front) {
            from[j] = Some(i);
            used[i] = true;
        }
    }
}

/// The pairs `(i, j)` of a longest common subsequence of `a` and `b`, in order.
fn longest_common<K: Eq>(a: &[K], b: &[K]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
    let w = m + 1;
    let mut lengths = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i * w + j] = if a[i] == b[j] {
                lengths[(i + 1) * w + j + 1] + 1
            } else {
                lengths[(i + 1) * w + j].max(lengths[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if lengths[(i + 1) * w + j] >= lengths[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentKind, Task};

    fn ind(level2: &str, name: &str, target: &str) -> Indicator {
        Indicator {
            level1: "产出指标".into(),
            level2: level2.into(),
            name: name.into(),
            target: target.into(),
            ..Indicator::default()
        }
    }

    fn doc(indicators: Vec<Indicator>) -> Document {
        let mut d = Document::new(DocumentKind::Project);
        d.goals = vec!["完成出访任务".into(), "提升对外交流水平".into()];
        d.indicators = indicators;
        d
    }

    fn numbers(ids: &[ElementId]) -> Vec<u32> {
        ids.iter().map(|i| i.0).collect()
    }

    fn three() -> Document {
        doc(vec![
            ind("数量指标", "出访团组数", "≥10个"),
            ind("质量指标", "任务完成率", "≥90%"),
            ind("时效指标", "完成时间", "2020年12月底前"),
        ])
    }

    #[test]
    fn a_first_version_is_numbered_in_document_order_and_an_unchanged_one_keeps_every_identity() {
        let d = three();
        let e = Elements::first(&d);
        assert_eq!(numbers(&e.goals), [1, 2]);
        assert_eq!(numbers(&e.indicators), [3, 4, 5]);
        assert_eq!(e.next, 6);
        assert!(e.fits(&d));
        assert_eq!(e.carry(&d, &d), e);
    }

    #[test]
    fn an_inserted_indicator_is_new_and_the_ones_after_it_keep_theirs() {
        let d = three();
        let e = Elements::first(&d);
        let mut after = d.clone();
        after.indicators.insert(0, ind("数量指标", "来访人次", "80人次"));
        after.indicators[2].target = "≥95%".into();
        let c = e.carry(&d, &after);
        assert_eq!(numbers(&c.indicators), [6, 3, 4, 5]);
        assert_eq!(c.next, 7);
    }

    #[test]
    fn a_removed_indicators_number_is_never_given_again() {
        let d = three();
        let e = Elements::first(&d);
        let mut after = d.clone();
        after.indicators.remove(1);
        let c = e.carry(&d, &after);
        assert_eq!(numbers(&c.indicators), [3, 5]);
        let mut again = after.clone();
        again.indicators.push(ind("质量指标", "满意度", "≥90%"));
        let c2 = c.carry(&after, &again);
        assert_eq!(numbers(&c2.indicators), [3, 5, 6], "number 4 is gone for good");
    }

    #[test]
    fn a_renamed_indicator_under_the_same_levels_keeps_its_identity_and_one_moved_elsewhere_too() {
        let d = three();
        let e = Elements::first(&d);
        let mut after = d.clone();
        after.indicators[1].name = "出访任务完成率".into();
        after.indicators.swap(0, 2);
        let c = e.carry(&d, &after);
        assert_eq!(numbers(&c.indicators), [5, 4, 3]);
    }

    #[test]
    fn an_indicator_rewritten_under_other_levels_is_a_new_one() {
        let d = three();
        let e = Elements::first(&d);
        let mut after = d.clone();
        after.indicators[1] = ind("数量指标", "培训人次", "100人次");
        let c = e.carry(&d, &after);
        assert_eq!(numbers(&c.indicators), [3, 6, 5]);
    }

    #[test]
    fn an_indicator_moved_to_another_level_with_its_name_keeps_its_identity() {
        let d = three();
        let e = Elements::first(&d);
        let mut after = d.clone();
        after.indicators[1].level2 = "时效指标".into();
        let c = e.carry(&d, &after);
        assert_eq!(numbers(&c.indicators), [3, 4, 5]);
    }

    #[test]
    fn goals_and_tasks_edited_in_place_keep_their_identities() {
        let mut d = three();
        d.tasks =
            vec![Task { name: "出访".into(), ..Task::default() }, Task { name: "接待".into(), ..Task::default() }];
        let e = Elements::first(&d);
        assert_eq!(numbers(&e.tasks), [3, 4]);
        let mut after = d.clone();
        after.goals[1] = "提升对外交流合作水平".into();
        after.tasks[0].name = "因公出访".into();
        after.tasks.push(Task { name: "会议".into(), ..Task::default() });
        let c = e.carry(&d, &after);
        assert_eq!(numbers(&c.goals), [1, 2]);
        assert_eq!(numbers(&c.tasks), [3, 4, 8]);
        assert_eq!(numbers(&c.indicators), [5, 6, 7]);
    }

    #[test]
    fn identities_that_do_not_fit_the_old_version_are_not_borrowed() {
        let d = three();
        let mut e = Elements::first(&d);
        e.indicators.pop();
        let c = e.carry(&d, &d);
        assert_eq!(numbers(&c.indicators), [6, 7, 8]);
        assert!(c.fits(&d));
    }

    #[test]
    fn identities_serialise_as_plain_numbers() {
        let e = Elements::first(&three());
        let json = serde_json::to_string(&e).expect("serialises");
        assert_eq!(json, r#"{"goals":[1,2],"indicators":[3,4,5],"next":6}"#);
        assert_eq!(serde_json::from_str::<Elements>(&json).expect("reads back"), e);
    }

    #[test]
    fn an_editors_rows_keep_their_identities_whatever_was_typed_in_them() {
        let d = three();
        let e = Elements::first(&d);
        let mut after = d.clone();
        // Row 2 rewritten under other levels, row 1 deleted, a row added at the top.
        after.indicators[2] = ind("数量指标", "培训人次", "100人次");
        after.indicators.remove(1);
        after.indicators.insert(0, ind("数量指标", "来访人次", "80人次"));
        after.goals.push("新增目标".into());
        let c = e.carry_rows(&d, &after, &[None, Some(0), Some(2)]);
        assert_eq!(numbers(&c.goals), [1, 2, 6]);
        assert_eq!(numbers(&c.indicators), [7, 3, 5]);
        assert_eq!(c.next, 8);
        // Rows that do not fit the old version are paired by content.
        assert_eq!(e.carry_rows(&d, &after, &[Some(0), Some(0), None]), e.carry(&d, &after));
        assert_eq!(e.carry_rows(&d, &after, &[None]), e.carry(&d, &after));
    }
}

//! What the rules share about one document: each indicator's parsed target and recognised
//! levels, worked out once so that no rule parses a target twice.

use crate::levels::{Frame, Level1, Level2, LevelName};
use crate::model::{Document, DocumentKind, HeaderField, Indicator};
use crate::source::SourceMap;
use crate::target::Target;

use super::config::Thresholds;
use super::template::{Template, is_transfer_level1};
use super::words::NameTraits;

/// One indicator as the rules see it.
pub(crate) struct Facts<'a> {
    /// The parsed target.
    pub target: &'a Target,
    /// The 一级, when it is a standard one.
    pub level1: Option<Level1>,
    /// The 二级, when it is a standard one.
    pub level2: Option<Level2>,
    /// What the 三级 name says it measures.
    pub name: NameTraits,
}

/// One document under review.
pub(crate) struct Context<'a> {
    pub doc: &'a Document,
    pub facts: Vec<Facts<'a>>,
    pub frame: Frame,
    /// The template the table follows (told or configured).
    pub template: Template,
    /// The header fields `missing-field` asks for.
    pub fields: &'a [HeaderField],
    pub thresholds: &'a Thresholds,
    /// Where the parts were read from, and what the reading vouches for.
    pub source: Option<&'a SourceMap>,
}

impl<'a> Context<'a> {
    /// `target(i)` is the parsed target of indicator `i`.
    pub fn new(
        doc: &'a Document,
        target: impl Fn(usize) -> &'a Target,
        frame: Frame,
        template: Template,
        fields: &'a [HeaderField],
        thresholds: &'a Thresholds,
        source: Option<&'a SourceMap>,
    ) -> Self {
        // Level names repeat down the table: ask each run's first name only (a document read
        // from JSON has not classified its names yet).
        let mut last1: Option<(&str, Option<Level1>)> = None;
        let mut last2: Option<(&str, Option<Level2>)> = None;
        let facts = doc
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| {
                let level1 = match last1 {
                    Some((text, l)) if text == ind.level1 => l,
                    _ => last1.insert((&ind.level1, level1_of(&ind.level1))).1,
                };
                let level2 = match last2 {
                    Some((text, l)) if text == ind.level2 => l,
                    _ => last2.insert((&ind.level2, level2_of(&ind.level2))).1,
                };
                let (level1, level2) = lifted(&ind.level1, &ind.level2, level1, level2);
                Facts { target: target(i), level1, level2, name: NameTraits::of(&ind.name) }
            })
            .collect();
        Context { doc, facts, frame, template, fields, thresholds, source }
    }

    /// Each indicator with its facts and index.
    pub fn indicators(&self) -> impl Iterator<Item = (usize, &'a Indicator, &Facts<'a>)> + '_ {
        self.doc.indicators.iter().zip(&self.facts).enumerate().map(|(i, (ind, f))| (i, ind, f))
    }

    /// Whether a blank `field` is the table's: its label was read, or the document does not come
    /// from a reading that tells (see [`SourceMap::shows_label`]).
    pub fn shows_label(&self, field: HeaderField) -> bool {
        self.source.is_none_or(|s| s.shows_label(field))
    }

    /// Whether the reader met indicator rows it could not read: which kinds of indicator the
    /// table has is then not known.
    pub fn indicators_unread(&self) -> bool {
        self.source.is_some_and(|s| s.indicators_unread().is_some())
    }

    pub fn is_project(&self) -> bool {
        self.doc.kind == DocumentKind::Project
    }
}

impl Facts<'_> {
    /// A cost indicator (成本指标): under a cost 二级, or a cost 一级 of the 2021 frame.
    pub fn is_cost(&self) -> bool {
        matches!(self.level2, Some(Level2::Cost | Level2::EconomicCost | Level2::SocialCost | Level2::EcologicalCost))
            || self.level1 == Some(Level1::Cost)
    }

    /// A satisfaction indicator by its level (满意度指标 / 服务对象满意度指标).
    pub fn is_satisfaction_level(&self) -> bool {
        self.level2 == Some(Level2::ServiceSatisfaction) || self.level1 == Some(Level1::Satisfaction)
    }

    /// A satisfaction indicator by its level or by its name.
    pub fn is_satisfaction(&self) -> bool {
        self.is_satisfaction_level() || self.name.satisfaction()
    }

    /// Whether either level is a standard one (department tables use their own levels).
    pub fn has_standard_levels(&self) -> bool {
        self.level1.is_some() || self.level2.is_some()
    }
}

/// The standard level a name is; long satisfaction levels (`社会公众或服务对象满意度指标`) are
/// satisfaction too.
fn level1_of(name: &LevelName) -> Option<Level1> {
    name.as_level1().or_else(|| name.contains("满意").then_some(Level1::Satisfaction))
}

fn level2_of(name: &LevelName) -> Option<Level2> {
    name.as_level2().or_else(|| name.contains("满意").then_some(Level2::ServiceSatisfaction))
}

/// The transfer-payment frame puts 产出指标 and 效益指标 one level down, under `实施效果指标`:
/// such a 二级 is read as the 一级 it names, and the row then has no standard 二级.
fn lifted(
    name1: &LevelName,
    name2: &LevelName,
    level1: Option<Level1>,
    level2: Option<Level2>,
) -> (Option<Level1>, Option<Level2>) {
    // A standard 一级 is not the transfer frame's.
    if level1.is_some() {
        return (level1, level2);
    }
    match name2.as_level1() {
        Some(l) if l != Level1::Cost || is_transfer_level1(name1) => (Some(l), None),
        _ => (level1, level2),
    }
}

//! The scoring profile: points per 一级, the ceiling formula, qualitative bands, grade bands and
//! monitoring thresholds. 财预〔2020〕10号's defaults are built in; a TOML file may change any part.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How a missed ceiling target (≤ A, actual B > A) is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CeilingFormula {
    /// A/B × w (the default).
    #[default]
    Ratio,
    /// (1 − (B−A)/A) × w, nothing from 2A on (a formula some vendor systems use).
    Linear,
}

/// Which score a qualitative indicator gets within its band when the table gives none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandPick {
    /// The top of the band (the default: a target 达成 gets full points).
    #[default]
    Max,
    /// The middle of the band.
    Mid,
    /// The bottom of the band.
    Min,
}

/// A group of 一级指标 that share points: 产出 50 covers 产出指标 and, in the 101号 frame, 成本指标.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The group's name as reports show it (`产出`).
    pub name: String,
    /// Its points.
    pub points: Decimal,
    /// The 一级指标 names (canonical) that belong to it.
    pub level1: Vec<String>,
}

/// A band of a qualitative score, in percent of the weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The lowest percent of the weight.
    pub min: Decimal,
    /// The highest percent of the weight.
    pub max: Decimal,
}

/// The three bands of 10号 for qualitative indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QualitativeBands {
    /// 达成年度指标: 80–100 %.
    pub achieved: Band,
    /// 部分达成年度指标并具有一定效果: 60–80 %.
    pub partial: Band,
    /// 未达成年度指标且效果较差: 0–60 %.
    pub missed: Band,
    /// The score given within the band when the table gives none.
    pub pick: BandPick,
}

impl Default for QualitativeBands {
    fn default() -> Self {
        let band = |min: i64, max: i64| Band { min: Decimal::from(min), max: Decimal::from(max) };
        QualitativeBands { achieved: band(80, 100), partial: band(60, 80), missed: band(0, 60), pick: BandPick::Max }
    }
}

/// One grade and the lowest total that earns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// 优, 良, 中, 差.
    pub grade: String,
    /// The lowest total of the grade.
    pub min: Decimal,
}

/// Traffic-light thresholds of monitoring, in percent of the expected progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Lights {
    /// Below this: red. Default 60.
    pub yellow_from: Decimal,
    /// From this: green. Default 80.
    pub green_from: Decimal,
    /// From this, for floor indicators: blue (well ahead). Default 120.
    pub blue_from: Decimal,
    /// The month monitoring data runs to when neither the table nor the command says. Default 7.
    pub month: u8,
}

impl Default for Lights {
    fn default() -> Self {
        Lights {
            yellow_from: Decimal::from(60),
            green_from: Decimal::from(80),
            blue_from: Decimal::from(120),
            month: 7,
        }
    }
}

/// A scoring profile. Every key may be left out of a file; what is left out keeps the 10号
/// default.
///
/// ```toml
/// name = "决策10/管理25/产出30/效益35"
/// execution_weight = 0
/// ceiling = "linear"
/// [[groups]]
/// name = "决策"
/// points = 10
/// level1 = ["决策指标", "决策"]
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Profile {
    /// How reports name the profile.
    pub name: String,
    /// 预算执行率's points (10). A table's own 分值 for it takes precedence.
    pub execution_weight: Decimal,
    /// Points per group of 一级指标.
    pub groups: Vec<Group>,
    /// How a missed ceiling target is scored.
    pub ceiling: CeilingFormula,
    /// An actual this many times a floor target or more is noted as the target set too low.
    pub far_over: Decimal,
    /// Qualitative bands.
    pub qualitative: QualitativeBands,
    /// Grades, highest first.
    pub grades: Vec<GradeBand>,
    /// How far a published score may be from the computed one before it is reported (rounding).
    pub tolerance: Decimal,
    /// Monitoring thresholds.
    pub lights: Lights,
}

impl Default for Profile {
    fn default() -> Self {
        let group = |name: &str, points: i64, level1: &[&str]| Group {
            name: name.to_owned(),
            points: Decimal::from(points),
            level1: level1.iter().map(|s| (*s).to_owned()).collect(),
        };
        let grade = |g: &str, min: i64| GradeBand { grade: g.to_owned(), min: Decimal::from(min) };
        Profile {
            name: "财预〔2020〕10号 (产出50/效益30/满意度10/预算执行率10)".to_owned(),
            execution_weight: Decimal::TEN,
            groups: vec![
                group("产出", 50, &["产出指标", "成本指标"]),
                group("效益", 30, &["效益指标"]),
                group("满意度", 10, &["满意度指标"]),
            ],
            ceiling: CeilingFormula::Ratio,
            far_over: Decimal::new(15, 1),
            qualitative: QualitativeBands::default(),
            grades: vec![grade("优", 90), grade("良", 80), grade("中", 60), grade("差", 0)],
            tolerance: Decimal::new(1, 2),
            lights: Lights::default(),
        }
    }
}

/// A profile that cannot be used, with the key at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {message}")]
pub struct ProfileError {
    /// The dotted key.
    pub key: String,
    /// What is wrong with it.
    pub message: String,
}

impl Profile {
    /// Checks what serde cannot: bands within 0–100 and in order, grades descending.
    pub fn validate(&self) -> Result<(), ProfileError> {
        let err = |key: &str, message: &str| Err(ProfileError { key: key.to_owned(), message: message.to_owned() });
        let hundred = Decimal::ONE_HUNDRED;
        if self.execution_weight.is_sign_negative() {
            return err("execution_weight", "不能为负数");
        }
        for (i, g) in self.groups.iter().enumerate() {
            if g.points.is_sign_negative() {
                return err(&format!("groups[{i}].points"), "不能为负数");
            }
        }
        let q = &self.qualitative;
        for (key, b) in [("achieved", &q.achieved), ("partial", &q.partial), ("missed", &q.missed)] {
            if b.min < Decimal::ZERO || b.max > hundred || b.min > b.max {
                return err(&format!("qualitative.{key}"), "档位应在 0 到 100 之间且 min 不大于 max");
            }
        }
        if self.grades.is_empty() {
            return err("grades", "至少要有一个等级");
        }
        if self.grades.windows(2).any(|w| w[0].min <= w[1].min) {
            return err("grades", "等级应按分数线从高到低排列");
        }
        if self.far_over <= Decimal::ONE {
            return err("far_over", "应大于 1");
        }
        if self.tolerance.is_sign_negative() {
            return err("tolerance", "不能为负数");
        }
        let l = &self.lights;
        if !(l.yellow_from <= l.green_from && l.green_from <= l.blue_from) {
            return err("lights", "应满足 yellow_from ≤ green_from ≤ blue_from");
        }
        if !(1..=12).contains(&l.month) {
            return err("lights.month", "月份应在 1 到 12 之间");
        }
        Ok(())
    }

    /// The grade a total earns.
    pub fn grade(&self, total: Decimal) -> &str {
        self.grades.iter().find(|g| total >= g.min).or(self.grades.last()).map_or("", |g| g.grade.as_str())
    }

    /// The group a 一级指标 belongs to: listed by name, else a group whose name it starts with
    /// (`产出` for a non-standard `产出类指标`).
    pub fn group_of(&self, level1: &str) -> Option<usize> {
        let level1 = level1.trim();
        self.groups
            .iter()
            .position(|g| g.level1.iter().any(|l| l == level1))
            .or_else(|| self.groups.iter().position(|g| !g.name.is_empty() && level1.starts_with(g.name.as_str())))
    }
}

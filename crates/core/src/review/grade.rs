//! The per-document summary of a review: counts by severity and the suggested grade (优/良/中/差).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::config::{GradeBand, GradeBands};
use super::{Finding, Severity};

/// The suggested review grade (审核等级). Regions grade differently: the bands are configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    /// 优: approve as is.
    #[serde(rename = "优")]
    Excellent,
    /// 良: approve; minor points to improve.
    #[serde(rename = "良")]
    Good,
    /// 中: revise and resubmit.
    #[serde(rename = "中")]
    Fair,
    /// 差: blocked.
    #[serde(rename = "差")]
    Poor,
}

impl Grade {
    /// The grade as written: 优, 良, 中 or 差.
    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }

    /// What the grade means for the table.
    pub fn meaning(self) -> &'static str {
        match self {
            Grade::Excellent => "可直接通过",
            Grade::Good => "可通过, 建议完善",
            Grade::Fair => "修改后再报",
            Grade::Poor => "不予通过",
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl GradeBands {
    /// The grade of a document with these counts.
    pub fn grade(&self, errors: usize, warnings: usize) -> Grade {
        for (grade, band) in self.bands() {
            let within_errors = errors <= band.max_errors as usize;
            let within_warnings = band.max_warnings.is_none_or(|w| warnings <= w as usize);
            if within_errors && within_warnings {
                return grade;
            }
        }
        Grade::Poor
    }

    /// The bands in order, each with its limits; a document beyond all of them is 差.
    pub fn bands(&self) -> [(Grade, GradeBand); 3] {
        [
            (
                Grade::Excellent,
                GradeBand { max_errors: self.excellent_max_errors, max_warnings: Some(self.excellent_max_warnings) },
            ),
            (Grade::Good, GradeBand { max_errors: self.good_max_errors, max_warnings: Some(self.good_max_warnings) }),
            (Grade::Fair, GradeBand { max_errors: self.fair_max_errors, max_warnings: None }),
        ]
    }
}

/// Counts by severity and the suggested grade of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// The suggested grade.
    pub grade: Grade,
}

impl Summary {
    /// Counts `findings` and grades them.
    pub fn of(findings: &[Finding], bands: &GradeBands) -> Summary {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let (errors, warnings, infos) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
        Summary { errors, warnings, infos, grade: bands.grade(errors, warnings) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_bands() {
        let b = GradeBands::default();
        assert_eq!(b.grade(0, 0), Grade::Excellent);
        assert_eq!(b.grade(0, 2), Grade::Excellent);
        assert_eq!(b.grade(0, 3), Grade::Good);
        assert_eq!(b.grade(0, 5), Grade::Good);
        assert_eq!(b.grade(0, 6), Grade::Fair);
        assert_eq!(b.grade(1, 0), Grade::Fair);
        assert_eq!(b.grade(2, 40), Grade::Fair);
        assert_eq!(b.grade(3, 0), Grade::Poor);
    }

    #[test]
    fn bands_follow_the_configuration() {
        let b = GradeBands { fair_max_errors: 0, good_max_warnings: 10, ..GradeBands::default() };
        assert_eq!(b.grade(0, 9), Grade::Good);
        assert_eq!(b.grade(1, 0), Grade::Poor);
    }
}

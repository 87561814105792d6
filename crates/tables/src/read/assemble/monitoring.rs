//! What a monitoring table (绩效目标执行监控表) adds: its budget block's figures (1–N月执行数,
//! 全年预计执行数, 偏差原因) and, per indicator, the actual to date, the year-end forecast, the
//! deviation cause's category and the likelihood of meeting the target.

use jixiao_core::text::trim;
use jixiao_core::{DeviationCause, Document, IndicatorMonitoring, Likelihood, Monitoring};

use super::labels::Role;
use crate::diagnostic::Diagnostic;
use crate::read::Item;
use crate::read::grid::Cell;

const CAUSES: [DeviationCause; 5] = [
    DeviationCause::Funding,
    DeviationCause::Rules,
    DeviationCause::Staffing,
    DeviationCause::Hardware,
    DeviationCause::Other,
];

const LIKELIHOODS: [Likelihood; 3] = [Likelihood::Certain, Likelihood::Possible, Likelihood::Impossible];

/// The monitoring of a document, made when first needed.
pub fn monitoring(doc: &mut Document) -> &mut Monitoring {
    doc.monitoring.get_or_insert_with(Monitoring::default)
}

/// Whether a title names a monitoring table (绩效目标执行监控表, 绩效运行监控表).
pub fn is_monitoring_title(title: &str) -> bool {
    title.contains("监控")
}

/// A 偏差原因 as the budget block writes it: a category, a text, or both (`其他: 受疫情影响`).
pub fn split_cause(text: &str) -> (Option<DeviationCause>, Option<String>) {
    let text = trim(text);
    for cause in CAUSES {
        if let Some(rest) = text.strip_prefix(cause.label()) {
            if trim(rest).is_empty() {
                return (Some(cause), None);
            }
            if let Some(after) = rest.strip_prefix([':', '：']) {
                return (Some(cause), Some(trim(after).to_owned()));
            }
        }
    }
    (None, (!text.is_empty()).then(|| text.to_owned()))
}

/// The monitoring columns of one indicator row, read from the cells matched to their headers;
/// `None` when the row has none of them filled. A category or likelihood outside the template's
/// words is reported, not guessed.
pub fn indicator<'a>(get: impl Fn(Role) -> Option<&'a Cell>, out: &mut Vec<Item>) -> Option<IndicatorMonitoring> {
    let text = |role: Role| get(role).map(|c| trim(&c.text).to_owned());
    let cause = get(Role::CauseCategory).and_then(|c| {
        let found = CAUSES.into_iter().find(|k| k.label() == trim(&c.text));
        if found.is_none() {
            let why = "偏差原因类型应是经费保障、制度保障、人员保障、硬件条件保障或其他";
            out.push(Item::Diagnostic(Diagnostic::unplaced(c.position.clone(), &c.text, why)));
        }
        found
    });
    let likelihood = get(Role::Likelihood).and_then(|c| {
        let found = LIKELIHOODS.into_iter().find(|k| k.label() == trim(&c.text));
        if found.is_none() {
            let why = "完成目标可能性应是确定能、有可能或完全不可能";
            out.push(Item::Diagnostic(Diagnostic::unplaced(c.position.clone(), &c.text, why)));
        }
        found
    });
    let m = IndicatorMonitoring {
        actual_to_date: text(Role::ActualToDate),
        forecast: text(Role::Forecast),
        cause,
        likelihood,
    };
    (m != IndicatorMonitoring::default()).then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_is_a_category_a_text_or_both() {
        assert_eq!(split_cause("其他"), (Some(DeviationCause::Other), None));
        assert_eq!(split_cause("经费保障: 资金未到位"), (Some(DeviationCause::Funding), Some("资金未到位".to_owned())));
        assert_eq!(split_cause("受疫情影响"), (None, Some("受疫情影响".to_owned())));
        // A text that merely starts with a category's word is a text.
        assert_eq!(split_cause("其他单位未配合"), (None, Some("其他单位未配合".to_owned())));
        assert_eq!(split_cause(""), (None, None));
    }
}

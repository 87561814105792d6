//! 完整性 of monitoring data: every light that is not green needs its 偏差原因
//! (财预〔2019〕136号). The lights are the monitoring module's, at the table's month.

use super::context::Context;
use super::{RuleId, Sink, Subject};
use crate::monitoring::{has_monitoring, monitor};
use crate::scoring::Lights;

pub(super) fn check(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::DeviationCauseMissing) || !has_monitoring(cx.doc) {
        return;
    }
    const HINT: &str = "写明偏差原因 (经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他) 和拟采取的措施";
    for f in monitor(cx.doc, None, &Lights::default()).findings {
        let subject = f.indicator.map_or(Subject::Funds, Subject::Indicator);
        out.report(RuleId::DeviationCauseMissing, subject, f.message, HINT);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::documents_from_json;
    use crate::review::{RuleId, Subject, review};

    #[test]
    fn lights_without_causes_are_findings() {
        let docs =
            documents_from_json(include_str!("../../../../fixtures/scoring/monitoring-2021.json")).expect("fixture");
        let r = review(&docs[0], None);
        let found: Vec<(Subject, &str)> = r
            .findings
            .iter()
            .filter(|f| f.rule == RuleId::DeviationCauseMissing)
            .map(|f| (f.subject, f.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (Subject::Funds, "预算执行红灯, 未填偏差原因 (经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他)"),
                (
                    Subject::Indicator(2),
                    "“对外交流合作”黄灯, 未填偏差原因 (经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他)"
                ),
            ]
        );
        // The table on track has none.
        assert!(review(&docs[1], None).findings.iter().all(|f| f.rule != RuleId::DeviationCauseMissing));
    }
}

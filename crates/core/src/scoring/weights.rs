//! Weights (分值) of indicators: as the table gives them; where missing, what is left of their
//! group's points split evenly among them, and said so.

use rust_decimal::Decimal;

use super::profile::Profile;
use super::{num, points, round, sub, sum};
use crate::model::Indicator;

/// An indicator's weight and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Weight {
    /// As the table gives it.
    Given(Decimal),
    /// Split evenly from its group's remaining points.
    Split(Decimal),
    /// None given and none can be derived; the reason.
    Missing(String),
}

impl Weight {
    /// The weight, when there is one.
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Weight::Given(w) | Weight::Split(w) => Some(*w),
            Weight::Missing(_) => None,
        }
    }
}

/// Each indicator's weight, and the statements of what was split (one per group).
///
/// Split weights are rounded to two decimals and the last takes the remainder, so that they add
/// up to the group's points exactly and every working shows the weight used.
pub fn allocate(indicators: &[Indicator], profile: &Profile) -> (Vec<Weight>, Vec<String>) {
    let mut weights: Vec<Weight> = Vec::with_capacity(indicators.len());
    let mut statements = Vec::new();
    let groups: Vec<Option<usize>> = indicators.iter().map(|i| profile.group_of(&i.level1)).collect();
    for (ind, group) in indicators.iter().zip(&groups) {
        weights.push(match (ind.weight, group) {
            (Some(w), _) => Weight::Given(w.get()),
            (None, Some(_)) => Weight::Missing(String::new()), // filled in below
            (None, None) => Weight::Missing(format!("未给出分值, 一级指标“{}”也不在评分方案的分组中", ind.level1)),
        });
    }
    for (g, group) in profile.groups.iter().enumerate() {
        let members: Vec<usize> = (0..indicators.len()).filter(|&i| groups[i] == Some(g)).collect();
        let missing: Vec<usize> = members.iter().copied().filter(|&i| indicators[i].weight.is_none()).collect();
        if missing.is_empty() {
            continue;
        }
        let given = sum(members.iter().filter_map(|&i| indicators[i].weight.map(|w| w.get())));
        let left = sub(group.points, given).max(Decimal::ZERO);
        let count = Decimal::from(missing.len());
        let each = round(left / count);
        let mut assigned = Decimal::ZERO;
        for (k, &i) in missing.iter().enumerate() {
            let w = if k + 1 == missing.len() { sub(left, assigned) } else { each };
            assigned = super::add(assigned, w);
            weights[i] = Weight::Split(w);
        }
        let shares: Vec<String> =
            missing.iter().filter_map(|&i| weights[i].value()).map(|w| points(w).to_string()).collect();
        statements.push(format!(
            "{} 个{}指标未给出分值: {} {} 分中未分配的 {} 分平均分配 ({})",
            missing.len(),
            group.name,
            group.name,
            num(group.points),
            num(left),
            shares.join(", ")
        ));
    }
    (weights, statements)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(level1: &str, weight: Option<&str>) -> Indicator {
        Indicator { level1: level1.into(), weight: weight.map(|w| w.parse().expect("decimal")), ..Indicator::default() }
    }

    #[test]
    fn given_weights_stay_and_missing_ones_share_what_is_left() {
        let inds = [
            ind("产出指标", Some("20")),
            ind("产出指标", None),
            ind("成本指标", None),
            ind("产出指标", None),
            ind("效益指标", None),
            ind("满意度指标", Some("10")),
            ind("预算执行绩效目标", None),
        ];
        let (w, said) = allocate(&inds, &Profile::default());
        let d = |s: &str| s.parse::<Decimal>().expect("decimal");
        assert_eq!(w[0], Weight::Given(d("20")));
        // 30 left of 产出's 50, three ways: 10 each.
        assert_eq!(w[1], Weight::Split(d("10")));
        assert_eq!(w[2], Weight::Split(d("10")));
        assert_eq!(w[3], Weight::Split(d("10")));
        assert_eq!(w[4], Weight::Split(d("30")));
        assert_eq!(w[5], Weight::Given(d("10")));
        assert!(matches!(&w[6], Weight::Missing(why) if why.contains("预算执行绩效目标")));
        assert_eq!(said[0], "3 个产出指标未给出分值: 产出 50 分中未分配的 30 分平均分配 (10.00, 10.00, 10.00)");
        assert_eq!(said.len(), 2);
    }

    #[test]
    fn uneven_splits_add_up_exactly() {
        let inds = [ind("产出指标", None), ind("产出指标", None), ind("产出指标", None)];
        let (w, _) = allocate(&inds, &Profile::default());
        let values: Vec<Decimal> = w.iter().filter_map(Weight::value).collect();
        assert_eq!(values.iter().map(|v| v.to_string()).collect::<Vec<_>>(), ["16.67", "16.67", "16.66"]);
        assert_eq!(values.iter().copied().sum::<Decimal>(), Decimal::from(50));
    }
}

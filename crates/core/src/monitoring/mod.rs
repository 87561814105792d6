//! Mid-year monitoring (绩效运行监控, 财预〔2019〕136号): budget execution against the share of the
//! year elapsed, a traffic light per indicator and per table, and the deviation causes a light
//! that is not green requires. Thresholds come from the scoring profile.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Document, Indicator, Likelihood};
use crate::polarity::{Bound, Polarity};
use crate::quantity::Amount;
use crate::scoring::measure::convert;
use crate::scoring::{Lights, div, mul, num, points};
use crate::target::{Op, PartialDate, Target, days_in_month};

/// A traffic light, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// Well behind.
    Red,
    /// Behind.
    Yellow,
    /// On track.
    Green,
    /// Well ahead of a floor target.
    Blue,
    /// No data to judge by.
    Unknown,
}

impl Light {
    /// The light's name.
    pub fn label(self) -> &'static str {
        match self {
            Light::Red => "红灯",
            Light::Yellow => "黄灯",
            Light::Green => "绿灯",
            Light::Blue => "蓝灯",
            Light::Unknown => "无法判断",
        }
    }

    /// Whether a deviation cause is required.
    pub fn off_track(self) -> bool {
        matches!(self, Light::Red | Light::Yellow)
    }

    /// The worse of two lights; an unknown light gives way to a known one.
    pub fn worse(self, other: Light) -> Light {
        match (self, other) {
            (Light::Unknown, l) | (l, Light::Unknown) => l,
            (a, b) => a.min(b),
        }
    }
}

/// A light with how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judged {
    pub light: Light,
    /// In words and figures: `执行率 40.00% / 时间进度 58.33% = 68.57%: 黄灯`.
    pub working: String,
}

/// Budget execution against elapsed time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutionLight {
    /// 1–N月执行率 in percent (JSON: a number, two decimals).
    #[serde(serialize_with = "two_decimals")]
    pub rate: Decimal,
    /// The share of the year elapsed, in percent (N/12; JSON: a number, two decimals).
    #[serde(serialize_with = "two_decimals")]
    pub elapsed: Decimal,
    pub light: Light,
    pub working: String,
}

/// A percentage as reports give it: a JSON number with two decimals (`58.33`).
fn two_decimals<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let mut r = crate::scoring::round(*d);
    r.rescale(2);
    rust_decimal::serde::arbitrary_precision::serialize(&r, s)
}

/// One place where monitoring data is wanting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonitoringFinding {
    /// The indicator's index, or `None` for budget execution.
    pub indicator: Option<usize>,
    pub message: String,
}

/// A table's monitoring result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonitoringReport {
    /// The month the data runs to.
    pub month: u8,
    pub execution: Option<ExecutionLight>,
    /// Per indicator, in table order.
    pub indicators: Vec<Judged>,
    /// The table's light: the worst of execution's and its indicators'.
    pub light: Light,
    /// Deviation causes missing where a light is not green.
    pub findings: Vec<MonitoringFinding>,
    /// The causes given where a light is not green: `“名称” 经费保障: 说明`.
    pub causes: Vec<String>,
}

/// Whether a table carries monitoring data.
pub fn has_monitoring(doc: &Document) -> bool {
    doc.monitoring.is_some() || doc.indicators.iter().any(|i| i.monitoring.is_some())
}

/// The document without its monitoring data (the execution block, each indicator's monitoring
/// and deviation cause): two versions that agree on this differ only in what monitoring enters,
/// so a monitoring entry can be told from a change of the targets.
pub fn without_monitoring(doc: &Document) -> Document {
    let mut d = doc.clone();
    d.monitoring = None;
    for i in &mut d.indicators {
        i.monitoring = None;
        i.deviation_cause = None;
    }
    d
}

/// The light for a ratio of progress (percent of what is expected by now).
fn light_for(ratio: Decimal, lights: &Lights, blue: bool) -> Light {
    if ratio < lights.yellow_from {
        Light::Red
    } else if ratio < lights.green_from {
        Light::Yellow
    } else if blue && ratio >= lights.blue_from {
        Light::Blue
    } else {
        Light::Green
    }
}

/// Monitors a table for data through `month` (else the table's month, else the profile's).
pub fn monitor(doc: &Document, month: Option<u8>, lights: &Lights) -> MonitoringReport {
    let month = month.or(doc.monitoring.as_ref().and_then(|m| m.month)).unwrap_or(lights.month).clamp(1, 12);
    let elapsed = Decimal::from(month) * Decimal::ONE_HUNDRED / Decimal::from(12);
    let mut findings = Vec::new();
    let mut causes = Vec::new();
    let execution = doc.monitoring.as_ref().and_then(|m| {
        let budget = m.budget_full_year.or(m.budget_initial).map(Amount::get);
        let (rate, figures) = match (m.spent_to_date.map(Amount::get), budget) {
            (Some(s), Some(b)) if b > Decimal::ZERO => {
                (mul(div(s, b), Decimal::ONE_HUNDRED), format!("{}/{}", num(s), num(b)))
            }
            _ => (m.execution_rate?.get(), format!("{}%", num(m.execution_rate?.get()))),
        };
        let ratio = mul(div(rate, elapsed), Decimal::ONE_HUNDRED);
        let light = light_for(ratio, lights, false);
        let working = format!(
            "1–{month}月执行率 {figures} = {}%, 时间进度 {month}/12 = {}%, 执行率/时间进度 = {}%: {}",
            points(rate),
            points(elapsed),
            points(ratio),
            light.label()
        );
        if light.off_track() {
            match (m.cause, m.deviation_cause.as_deref().filter(|c| !c.trim().is_empty())) {
                (None, None) => findings.push(MonitoringFinding {
                    indicator: None,
                    message: format!("预算执行{}, 未填偏差原因 ({})", light.label(), CATEGORIES),
                }),
                (cat, text) => causes.push(cause_line("预算执行", cat.map(|c| c.label()), text)),
            }
        }
        Some(ExecutionLight { rate, elapsed, light, working })
    });
    let indicators: Vec<Judged> = doc
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let j = indicator_light(ind, &ind.parsed_target(), month, doc.year, lights);
            if j.light.off_track() {
                let cat = ind.monitoring.as_ref().and_then(|m| m.cause).map(|c| c.label());
                let text = ind.deviation_cause.as_deref().filter(|c| !c.trim().is_empty());
                if cat.is_none() && text.is_none() {
                    findings.push(MonitoringFinding {
                        indicator: Some(i),
                        message: format!("“{}”{}, 未填偏差原因 ({})", ind.name, j.light.label(), CATEGORIES),
                    });
                } else {
                    causes.push(cause_line(&ind.name, cat, text));
                }
            }
            j
        })
        .collect();
    let light = indicators
        .iter()
        .map(|j| j.light)
        .chain(execution.as_ref().map(|e| e.light))
        .fold(Light::Unknown, Light::worse);
    MonitoringReport { month, execution, indicators, light, findings, causes }
}

const CATEGORIES: &str = "经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他";

fn cause_line(what: &str, category: Option<&str>, text: Option<&str>) -> String {
    match (category, text) {
        (Some(c), Some(t)) => format!("“{what}” {c}: {}", t.trim()),
        (Some(c), None) => format!("“{what}” {c}"),
        (None, Some(t)) => format!("“{what}”: {}", t.trim()),
        (None, None) => format!("“{what}”"),
    }
}

/// One indicator's light: from its year-end forecast where given (against the target), else
/// from its actual to date (cumulative quantities against the elapsed share of the target;
/// rates and ceilings as they stand), combined with the stated likelihood.
pub fn indicator_light(ind: &Indicator, target: &Target, month: u8, year: Option<i32>, lights: &Lights) -> Judged {
    let m = ind.monitoring.as_ref();
    let forecast = m.and_then(|m| m.forecast.as_deref()).filter(|t| !t.trim().is_empty());
    let to_date = m.and_then(|m| m.actual_to_date.as_deref()).filter(|t| !t.trim().is_empty());
    let measured = match (forecast, to_date) {
        (Some(f), _) => measure(ind, target, f, true, month, year, lights),
        (None, Some(a)) => measure(ind, target, a, false, month, year, lights),
        (None, None) => None,
    };
    let likelihood = m.and_then(|m| m.likelihood).map(|l| {
        let light = match l {
            Likelihood::Certain => Light::Green,
            Likelihood::Possible => Light::Yellow,
            Likelihood::Impossible => Light::Red,
        };
        (light, format!("完成目标可能性: {}", l.label()))
    });
    match (measured, likelihood) {
        (Some(j), Some((l, why))) if l < j.light => {
            Judged { light: l, working: format!("{}; {why}: {}", j.working, l.label()) }
        }
        (Some(j), _) => j,
        (None, Some((l, why))) => Judged { light: l, working: format!("{why}: {}", l.label()) },
        (None, None) => {
            // A value given but not comparable is no missing data: it is said, with the value.
            let working = match (forecast, to_date) {
                (Some(f), _) => format!("全年预计“{}”无法与指标值比较", f.trim()),
                (None, Some(a)) => format!("1–{month}月完成“{}”无法与指标值比较", a.trim()),
                (None, None) => "无监控数据".to_owned(),
            };
            Judged { light: Light::Unknown, working }
        }
    }
}

/// The light a value (forecast or to date) gives against the target; `None` when it cannot be
/// compared.
fn measure(
    ind: &Indicator,
    target: &Target,
    text: &str,
    is_forecast: bool,
    month: u8,
    year: Option<i32>,
    lights: &Lights,
) -> Option<Judged> {
    let label = if is_forecast { "全年预计".to_owned() } else { format!("1–{month}月完成") };
    let elapsed = Decimal::from(month) / Decimal::from(12);
    let got = Target::parse(text);
    match (target, &got) {
        (Target::Quantity { terms }, Target::Quantity { terms: vals }) if terms.len() == vals.len() => {
            let mut worst = Light::Unknown;
            let mut parts = Vec::new();
            for (t, v) in terms.iter().zip(vals) {
                let c = convert(v.value, &v.unit, &t.unit).ok()?;
                let ceiling = t.op.is_ceiling()
                    || (t.op == Op::Eq
                        && (ind.level2.contains("成本")
                            || ind.polarity.as_ref().and_then(Polarity::bound) == Some(Bound::Ceiling)));
                let (light, why) = if ceiling {
                    let l = if c.value <= t.value { Light::Green } else { Light::Red };
                    (l, format!("{label} {} 对不超过 {}", num(c.value), num(t.value)))
                } else if t.value <= Decimal::ZERO {
                    (Light::Green, format!("{label} {} 对不低于 {}", num(c.value), num(t.value)))
                } else {
                    // Rates (%) are not cumulative; counts and amounts to date are.
                    let scale = is_forecast || crate::vocabulary::percent::is_percent(&t.unit);
                    let expected = if scale { t.value } else { mul(t.value, elapsed) };
                    let ratio = mul(div(c.value, expected), Decimal::ONE_HUNDRED);
                    let basis = if scale {
                        format!("目标 {}", num(t.value))
                    } else {
                        format!("目标 {}×{month}/12", num(t.value))
                    };
                    (light_for(ratio, lights, true), format!("{label} {} / {basis} = {}%", num(c.value), points(ratio)))
                };
                worst = worst.worse(light);
                parts.push(why);
            }
            Some(Judged { light: worst, working: format!("{}: {}", parts.join("; "), worst.label()) })
        }
        (Target::Range { min, max, unit }, Target::Quantity { terms: vals }) if vals.len() == 1 => {
            let c = convert(vals[0].value, &vals[0].unit, unit).ok()?;
            let light = if c.value > *max {
                Light::Red
            } else if c.value >= *min || *min <= Decimal::ZERO {
                Light::Green
            } else {
                light_for(mul(div(c.value, *min), Decimal::ONE_HUNDRED), lights, false)
            };
            Some(Judged {
                light,
                working: format!("{label} {} 对区间 {}~{}: {}", num(c.value), num(*min), num(*max), light.label()),
            })
        }
        (Target::Date { op, date }, _) if !op.is_floor() => {
            let due = whole(date, year)?;
            match got {
                Target::Date { date: done, .. } => {
                    let done = whole(&done, due.0.year)?;
                    let light = if done <= due { Light::Green } else { Light::Red };
                    Some(Judged { light, working: format!("{label} {done} 对期限 {due}: {}", light.label()) })
                }
                _ => {
                    // No date done yet: a deadline already past by the end of month N is red.
                    let now = PartialDate::month_end(due.0.year, month)?;
                    (Whole(now) > due).then(|| Judged {
                        light: Light::Red,
                        working: format!("期限 {due} 已过 ({month}月底), 尚未完成: 红灯"),
                    })
                }
            }
        }
        _ => None,
    }
}

/// A whole date wrapped so it compares in time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Whole(PartialDate);

impl std::fmt::Display for Whole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

fn whole(d: &PartialDate, year: Option<impl TryInto<u16>>) -> Option<Whole> {
    let y = d.year.or_else(|| year.and_then(|y| y.try_into().ok()))?;
    let m = d.month.unwrap_or(12);
    let day = d.day.unwrap_or_else(|| days_in_month(Some(y), m));
    PartialDate::new(Some(y), Some(m), Some(day)).map(Whole)
}

#[cfg(test)]
mod tests;

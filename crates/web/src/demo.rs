//! `serve --demo`: a fresh store with the sample and the readers' fixtures, and one user per role;
//! a published table of the sample with monitoring data, a 2021 edition of another to compare
//! with, the scoring fixtures' monitoring tables and 自评表s (one published, one whose stated
//! scores disagree with the rules).

use jixiao_core::model::{DeviationCause, IndicatorMonitoring, Likelihood, Monitoring};
use jixiao_core::report::DocumentReport;
use jixiao_core::workflow::{Action, Role};
use jixiao_store::{Filter, Store, StoreError};
use rust_decimal::Decimal;

/// The demo users' password, in demo mode only.
pub const PASSWORD: &str = "demo";

/// The demo tables: the sample as text, and what the readers read from their fixtures.
const FILES: &[(&str, &str)] = &[
    ("ningxia-waishi-2020.txt", include_str!("../../../samples/ningxia-waishi-2020.txt")),
    ("declaration-form.expected.json", include_str!("../../../fixtures/layouts/declaration-form.expected.json")),
    ("department-coded.expected.json", include_str!("../../../fixtures/layouts/department-coded.expected.json")),
    ("department-tasks.expected.json", include_str!("../../../fixtures/layouts/department-tasks.expected.json")),
    (
        "gb18030-crlf-fullwidth.expected.json",
        include_str!("../../../fixtures/layouts/gb18030-crlf-fullwidth.expected.json"),
    ),
    (
        "level-named-indicators.expected.json",
        include_str!("../../../fixtures/layouts/level-named-indicators.expected.json"),
    ),
    (
        "lines-blank-separated.expected.json",
        include_str!("../../../fixtures/layouts/lines-blank-separated.expected.json"),
    ),
    ("money-units.expected.json", include_str!("../../../fixtures/layouts/money-units.expected.json")),
    ("pdf-wrapped-cells.expected.json", include_str!("../../../fixtures/layouts/pdf-wrapped-cells.expected.json")),
    ("pdftotext-layout.expected.json", include_str!("../../../fixtures/layouts/pdftotext-layout.expected.json")),
    (
        "pdftotext-split-targets.expected.json",
        include_str!("../../../fixtures/layouts/pdftotext-split-targets.expected.json"),
    ),
    (
        "pipe-rows-2021-frame.expected.json",
        include_str!("../../../fixtures/layouts/pipe-rows-2021-frame.expected.json"),
    ),
    (
        "several-tables-with-page-furniture.expected.json",
        include_str!("../../../fixtures/layouts/several-tables-with-page-furniture.expected.json"),
    ),
    (
        "split-target-columns.expected.json",
        include_str!("../../../fixtures/layouts/split-target-columns.expected.json"),
    ),
    (
        "template-placeholders.expected.json",
        include_str!("../../../fixtures/layouts/template-placeholders.expected.json"),
    ),
    ("utf16-bom.expected.json", include_str!("../../../fixtures/layouts/utf16-bom.expected.json")),
    (
        "02_qingshen-fagai-gongzi-ziping.expected.json",
        include_str!("../../../fixtures/wild/02_qingshen-fagai-gongzi-ziping.expected.json"),
    ),
    (
        "08_ningxia-changqing-chuzhong-tiyu-mubiao.expected.json",
        include_str!("../../../fixtures/wild/08_ningxia-changqing-chuzhong-tiyu-mubiao.expected.json"),
    ),
    (
        "09_wuhan-qingshan-jiaoyu-jijian-mubiao.expected.json",
        include_str!("../../../fixtures/wild/09_wuhan-qingshan-jiaoyu-jijian-mubiao.expected.json"),
    ),
    (
        "13_chongqing-tongnan-wugui-yibanxing-mubiao.expected.json",
        include_str!("../../../fixtures/wild/13_chongqing-tongnan-wugui-yibanxing-mubiao.expected.json"),
    ),
    ("department-2020.expected.json", include_str!("../../../fixtures/sheets/department-2020.expected.json")),
    ("department-2022.expected.json", include_str!("../../../fixtures/sheets/department-2022.expected.json")),
    ("project-2020.expected.json", include_str!("../../../fixtures/sheets/project-2020.expected.json")),
    ("project-2023.expected.json", include_str!("../../../fixtures/sheets/project-2023.expected.json")),
    ("project-2020.expected.json", include_str!("../../../fixtures/csv/project-2020.expected.json")),
    ("monitoring-2021.json", include_str!("../../../fixtures/scoring/monitoring-2021.json")),
    ("chizhou-tangxi-2022.json", include_str!("../../../fixtures/scoring/chizhou-tangxi-2022.json")),
];

/// Read after the others: a version of one of chizhou-tangxi-2022's 自评表s whose stated
/// scores disagree with the rules (an error finding keeps it a draft).
const WRONG_SCORES: (&str, &str) = ("wrong-scores.json", include_str!("../../../fixtures/scoring/wrong-scores.json"));

/// The sample's table that the demo publishes and gives monitoring data (through July).
const MONITORED: &str = "外事友城业务费";

/// The sample's table that the demo gives a 2021 edition, drafted from the 2020 one, so that
/// 与往年对比 has something to show.
const NEXT_YEAR: &str = "外事出访经费";

/// Drafts a 2021 edition of table `id` (made up for the demo): more groups abroad, a
/// satisfaction indicator added, the time indicator dropped, the funds cut to 600 万元.
async fn next_year(store: &Store, reviewer: &jixiao_core::review::Reviewer, id: i64) -> Result<(), StoreError> {
    let mut doc = store.get(id).await?.document;
    doc.year = Some(2021);
    doc.title = doc.title.replace("2020", "2021");
    if let Some(p) = doc.project.as_mut() {
        p.funds.total = Some(Decimal::from(600).into());
        p.funds.fiscal = Some(Decimal::from(600).into());
    }
    if let Some(first) = doc.indicators.first_mut() {
        first.target = "大于12个团组，90人次".to_owned();
        first.target_parts = None;
    }
    doc.indicators.retain(|i| i.level2.as_str() != "时效指标");
    doc.indicators.push(jixiao_core::Indicator {
        level1: "满意度指标".into(),
        level2: "服务对象满意度指标".into(),
        name: "出访团组满意度".to_owned(),
        target: "≥90%".to_owned(),
        ..Default::default()
    });
    let review = reviewer.review(&doc, None);
    let table = jixiao_store::ImportTable {
        report: DocumentReport::new(&doc, &review),
        document: doc,
        source_name: "外事出访经费-2021.json".to_owned(),
        source_hash: String::new(),
        reading: None,
    };
    store.import("waishi", &[table], false).await?;
    Ok(())
}

/// Loads the demo tables and users into `store`.
pub async fn load(store: &Store, reviewer: &jixiao_core::review::Reviewer) -> Result<(), StoreError> {
    for (name, text) in FILES {
        // Read, reviewed and hashed as an upload is.
        let (tables, _notes) = crate::pages::read_upload(reviewer, name, text.as_bytes().to_vec())
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        store.import("demo", &tables, false).await?;
    }
    // Monitoring tables and 自评表s through the workflow to publication, as they would be.
    let all = store.list(&Filter { per_page: 500, ..Filter::default() }).await?.items;
    for t in &all {
        let scored = t.stage == "self_evaluation" && t.department.contains("棠溪镇");
        if t.errors == 0 && (t.project_name == MONITORED || t.department == "某市外事办公室" || scored) {
            for a in [Action::Submit, Action::Approve, Action::Publish] {
                store.act(t.id, a, "demo", None).await?;
            }
        }
        if t.project_name == MONITORED {
            monitor(store, reviewer, t.id).await?;
        }
    }
    if let Some(t) = all.iter().find(|t| t.project_name == NEXT_YEAR && t.year == Some(2020)) {
        next_year(store, reviewer, t.id).await?;
    }
    let (name, text) = WRONG_SCORES;
    let (tables, _notes) = crate::pages::read_upload(reviewer, name, text.as_bytes().to_vec())
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    store.import("demo", &tables, false).await?;
    let waishi = store.department("宁夏回族自治区人民政府外事办公室").await?;
    for (name, role, dept) in
        [("waishi", Role::Officer, Some(waishi.id)), ("caizheng", Role::Reviewer, None), ("admin", Role::Admin, None)]
    {
        let hash =
            crate::auth::hash_password(PASSWORD.to_owned()).await.map_err(|e| StoreError::Invalid(e.to_string()))?;
        store.add_user(name, &hash, role, dept, "demo").await?;
    }
    Ok(())
}

/// An indicator off track: its cause's category and text, and the likelihood.
type OffTrack = (DeviationCause, &'static str, Likelihood);

/// Enters the sample table's monitoring data through July: spending behind time (yellow), one
/// indicator off track with its cause (red), three on track.
async fn monitor(store: &Store, reviewer: &jixiao_core::review::Reviewer, id: i64) -> Result<(), StoreError> {
    let t = store.get(id).await?;
    let mut doc = t.document;
    doc.monitoring = Some(Monitoring {
        month: Some(7),
        budget_initial: Some(Decimal::from(100).into()),
        budget_full_year: Some(Decimal::from(100).into()),
        spent_to_date: Some(Decimal::from(40).into()),
        forecast_spent: Some(Decimal::from(90).into()),
        cause: Some(DeviationCause::Other),
        deviation_cause: Some("出访集中在下半年, 经费按进度支付".to_owned()),
        ..Monitoring::default()
    });
    let entries: [(&str, &str, Option<OffTrack>); 4] = [
        ("18个团组，90人次", "42个团组，210人次", None),
        (
            "2个团组，6人次",
            "4个团组，12人次",
            Some((DeviationCause::Other, "境外疫情, 出访计划推迟", Likelihood::Impossible)),
        ),
        ("20人", "45人", None),
        ("100%", "100%", None),
    ];
    for (ind, (to_date, forecast, cause)) in doc.indicators.iter_mut().zip(entries) {
        ind.monitoring = Some(IndicatorMonitoring {
            actual_to_date: Some(to_date.to_owned()),
            forecast: Some(forecast.to_owned()),
            cause: cause.map(|c| c.0),
            likelihood: cause.map(|c| c.2),
        });
        ind.deviation_cause = cause.map(|c| c.1.to_owned());
    }
    let review = reviewer.review(&doc, None);
    store.save_monitoring(id, t.version, &doc, &DocumentReport::new(&doc, &review), "waishi").await?;
    Ok(())
}

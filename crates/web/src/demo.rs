//! `serve --demo`: a fresh store with the sample and the readers' fixtures, and one user per role.

use jixiao_core::workflow::Role;
use jixiao_store::{Store, StoreError};

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
];

/// Loads the demo tables and users into `store`.
pub async fn load(store: &Store, reviewer: &jixiao_core::review::Reviewer) -> Result<(), StoreError> {
    for (name, text) in FILES {
        // Read, reviewed and hashed as an upload is.
        let (tables, _notes) =
            crate::pages::read_upload(reviewer, name, text.as_bytes().to_vec()).map_err(StoreError::Invalid)?;
        store.import("demo", &tables, false).await?;
    }
    let waishi = store.department("宁夏回族自治区人民政府外事办公室").await?;
    for (name, role, dept) in
        [("waishi", Role::Officer, Some(waishi.id)), ("caizheng", Role::Reviewer, None), ("admin", Role::Admin, None)]
    {
        let hash = crate::auth::hash_password(PASSWORD.to_owned()).await.map_err(StoreError::Invalid)?;
        store.add_user(name, &hash, role, dept, "demo").await?;
    }
    Ok(())
}

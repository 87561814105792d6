//! End to end in a real browser: headless Chromium driven through chromedriver (Debian's
//! `chromium` and `chromium-driver`, which .ci/run installs). Without them this test fails: it
//! never skips. Screenshots of the main pages go to target/screenshots for a look by eye.
//!
//! Two flows: a table from upload to publication; and, on the demo store, an officer entering
//! monitoring data and year-end actuals, then a reviewer's overview of lights and scores.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use jixiao_core::workflow::{Action, Role};
use jixiao_store::{Filter, Location, Store};
use jixiao_web::AppState;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn chromedriver() -> (Driver, String) {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver runs (Debian package chromium-driver; .ci/run installs it)");
    let driver = Driver(child);
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return (driver, format!("http://127.0.0.1:{port}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start listening on port {port}");
}

async fn browser(webdriver: &str, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-quic", "--window-size=1280,1000", format!("--user-data-dir={}", profile.display())]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(webdriver)
        .await
        .expect("headless Chromium starts (Debian package chromium)")
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
}

async fn login(c: &Client, base: &str, user: &str) {
    login_with(c, base, user, "demo-password").await;
}

async fn login_with(c: &Client, base: &str, user: &str, password: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    c.find(Locator::Css("input[name=username]")).await.unwrap().send_keys(user).await.unwrap();
    c.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(password).await.unwrap();
    c.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
}

async fn logout(c: &Client) {
    c.find(Locator::Css("form[action='/logout'] button")).await.unwrap().click().await.unwrap();
    wait_for(c, &["name=\"password\""]).await;
}

async fn click_text(c: &Client, text: &str) {
    c.find(Locator::XPath(&format!("//button[normalize-space()='{text}'] | //a[normalize-space()='{text}']")))
        .await
        .unwrap_or_else(|e| panic!("no button or link “{text}”: {e}"))
        .click()
        .await
        .unwrap();
}

async fn body(c: &Client) -> String {
    c.source().await.unwrap()
}

/// Waits (up to ten seconds) for the page to hold all of `texts`: a click's navigation may still
/// be on its way when the click returns.
async fn wait_for(c: &Client, texts: &[&str]) -> String {
    let mut page = String::new();
    for _ in 0..100 {
        page = body(c).await;
        if texts.iter().all(|t| page.contains(t)) {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the page never showed {texts:?}:\n{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_and_reviewer_take_a_table_from_upload_to_publication() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::Sqlite { path: dir.path().join("e2e.db") }).await.unwrap();
    let dept = store.department("宁夏回族自治区人民政府外事办公室").await.unwrap();
    for (name, role, d) in [("waishi", Role::Officer, Some(dept.id)), ("caizheng", Role::Reviewer, None)] {
        let hash = jixiao_web::hash_password("demo-password".into()).await.unwrap();
        store.add_user(name, &hash, role, d, "test").await.unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let state = AppState::new(store.clone(), jixiao_core::review::Reviewer::default(), false);
    tokio::spawn(jixiao_web::serve_on(state, listener));
    let base = format!("http://{addr}");
    let (_driver, webdriver) = chromedriver().await;
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&webdriver, profile.path()).await;

    // The officer uploads the sample, sees the preview, saves.
    login(&c, &base, "waishi").await;
    wait_for(&c, &["您好"]).await;
    shot(&c, "01-dashboard").await;
    c.goto(&format!("{base}/upload")).await.unwrap();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/ningxia-waishi-2020.txt").canonicalize().unwrap();
    c.find(Locator::Css("input[type=file]")).await.unwrap().send_keys(sample.to_str().unwrap()).await.unwrap();
    click_text(&c, "预览").await;
    wait_for(&c, &["将新建", "外事出访经费"]).await;
    assert_eq!(store.list(&Filter::default()).await.unwrap().total, 0, "nothing saved before confirming");
    shot(&c, "02-upload-preview").await;
    click_text(&c, "确认保存").await;
    wait_for(&c, &["上传结果"]).await;
    assert_eq!(store.list(&Filter::default()).await.unwrap().total, 6);

    // Its findings, an edit of a target, and the submission.
    c.goto(&format!("{base}/tables?q=外事出访经费")).await.unwrap();
    wait_for(&c, &["共 1 张"]).await;
    shot(&c, "03-list").await;
    click_text(&c, "外事出访经费").await;
    wait_for(&c, &["审核意见", "出访团组及人次", "compound-target"]).await;
    shot(&c, "04-table").await;
    click_text(&c, "编辑").await;
    wait_for(&c, &["target_0"]).await;
    let target = c.find(Locator::Css("input[name=target_0]")).await.unwrap();
    target.clear().await.unwrap();
    target.send_keys("≥12个团组").await.unwrap();
    // The little script checks the target as it is typed.
    let mut note = String::new();
    for _ in 0..50 {
        if let Ok(e) = c.find(Locator::Css("input[name=target_0] + small.target-note")).await {
            note = e.text().await.unwrap();
            if note.contains("定量") {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(note.contains("定量: >=12个团组"), "the target is checked as typed: {note:?}");
    shot(&c, "05-editor").await;
    click_text(&c, "保存").await;
    wait_for(&c, &["≥12个团组", "第 2 版"]).await;
    click_text(&c, "报送审核").await;
    wait_for(&c, &["已报送"]).await;
    logout(&c).await;

    // The reviewer returns it with a reason.
    login(&c, &base, "caizheng").await;
    wait_for(&c, &["待审核 (1 张)"]).await;
    click_text(&c, "外事出访经费").await;
    wait_for(&c, &["退回原因"]).await;
    c.find(Locator::Css("input[name=reason]")).await.unwrap().send_keys("满意度指标请写明调查方式").await.unwrap();
    click_text(&c, "退回修改").await;
    wait_for(&c, &["已退回"]).await;
    logout(&c).await;

    // The officer sees why, fixes and resubmits.
    login(&c, &base, "waishi").await;
    wait_for(&c, &["您好"]).await;
    c.goto(&format!("{base}/tables?q=外事出访经费")).await.unwrap();
    click_text(&c, "外事出访经费").await;
    wait_for(&c, &["满意度指标请写明调查方式"]).await;
    click_text(&c, "编辑").await;
    wait_for(&c, &["textarea"]).await;
    let goals = c.find(Locator::Css("textarea[name=goals]")).await.unwrap();
    goals.send_keys("\n满意度通过问卷调查取得").await.unwrap();
    click_text(&c, "保存").await;
    wait_for(&c, &["第 3 版"]).await;
    click_text(&c, "报送审核").await;
    wait_for(&c, &["已报送"]).await;
    logout(&c).await;

    // The reviewer approves and publishes.
    login(&c, &base, "caizheng").await;
    wait_for(&c, &["待审核 (1 张)"]).await;
    click_text(&c, "外事出访经费").await;
    wait_for(&c, &["审核通过</button>"]).await;
    click_text(&c, "审核通过").await;
    wait_for(&c, &["已审核通过"]).await;
    click_text(&c, "公开").await;
    wait_for(&c, &["已公开"]).await;
    let table_url = c.current_url().await.unwrap();
    c.goto(&format!("{}/history", table_url.as_str().trim_end_matches('/'))).await.unwrap();
    wait_for(&c, &["退回修改", "满意度指标请写明调查方式"]).await;
    shot(&c, "06-history").await;
    logout(&c).await;

    // Anyone reads it, logged out.
    c.goto(&format!("{base}/public")).await.unwrap();
    wait_for(&c, &["公开的绩效目标表", "外事出访经费"]).await;
    click_text(&c, "外事出访经费").await;
    wait_for(&c, &["≥12个团组", "满意度通过问卷调查取得", "公开版本第 3 版"]).await;
    shot(&c, "07-public").await;
    c.close().await.unwrap();
}

async fn type_into(c: &Client, name: &str, text: &str) {
    let e = c.find(Locator::Css(&format!("[name={name}]"))).await.unwrap_or_else(|e| panic!("no field {name}: {e}"));
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

async fn choose(c: &Client, name: &str, value: &str) {
    c.find(Locator::Css(&format!("select[name={name}]"))).await.unwrap().select_by_value(value).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_enters_monitoring_and_year_end_data_and_reviewer_sees_the_overview() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::Sqlite { path: dir.path().join("e2e.db") }).await.unwrap();
    let reviewer = jixiao_core::review::Reviewer::default();
    jixiao_web::demo::load(&store, &reviewer).await.unwrap();
    // A table of the officer's approved and published, with no monitoring data yet.
    let all = store.list(&Filter { per_page: 500, ..Filter::default() }).await.unwrap().items;
    let table = all.iter().find(|t| t.project_name == "外事电子护照运营及签证经费").unwrap();
    for a in [Action::Submit, Action::Approve, Action::Publish] {
        store.act(table.id, a, "test", None).await.unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(jixiao_web::serve_on(AppState::new(store.clone(), reviewer, true), listener));
    let base = format!("http://{addr}");
    let (_driver, webdriver) = chromedriver().await;
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&webdriver, profile.path()).await;

    // The officer enters July's figures: the passports are behind, and the page shows a red light.
    login_with(&c, &base, "waishi", jixiao_web::demo::PASSWORD).await;
    wait_for(&c, &["您好"]).await;
    c.goto(&format!("{base}/tables/{}", table.id)).await.unwrap();
    click_text(&c, "填报监控数据").await;
    wait_for(&c, &["保存监控数据"]).await;
    type_into(&c, "month", "7").await;
    type_into(&c, "budget_full_year", "70").await;
    type_into(&c, "spent_to_date", "35").await;
    type_into(&c, "to_date_0", "300本").await;
    type_into(&c, "forecast_0", "600本").await;
    choose(&c, "cause_0", "funding").await;
    type_into(&c, "cause_text_0", "制证设备到货推迟").await;
    choose(&c, "likelihood_0", "possible").await;
    shot(&c, "08-monitoring-entry").await;
    click_text(&c, "保存监控数据").await;
    let page = wait_for(&c, &["运行监控 (截至 7 月)", "制证设备到货推迟"]).await;
    let light = c.find(Locator::Css("#light-0 .light")).await.unwrap().text().await.unwrap();
    assert_eq!(light, "红灯", "600 of 1500 forecast is red");
    assert!(page.contains("全年预计 600 / 目标 1500 = 40.00%"), "the light's reason is shown");
    let whole = c.find(Locator::Css("#monitoring + p .light")).await.unwrap().text().await.unwrap();
    assert_eq!(whole, "红灯", "the table's light is its worst indicator's");
    let execution = c.find(Locator::Css("#monitoring + p + p .light")).await.unwrap().text().await.unwrap();
    assert_eq!(execution, "绿灯", "35 of 70 by July is 85.71% of the time elapsed");
    shot(&c, "09-monitoring-lights").await;

    // Year end: the 自评表 is started from the table, its actuals entered, its scores worked out.
    click_text(&c, "开始年终自评").await;
    wait_for(&c, &["保存自评数据"]).await;
    type_into(&c, "spent", "63").await;
    type_into(&c, "execution_weight", "10").await;
    type_into(&c, "actual_0", "1200本").await;
    type_into(&c, "weight_0", "10").await;
    type_into(&c, "score_0", "10").await;
    click_text(&c, "保存自评数据").await;
    wait_for(&c, &["自评得分", "B/A×w = 1200/1500×10 = 8.00", "“护照”未达成目标却得满分"]).await;
    shot(&c, "10-scores").await;
    logout(&c).await;

    // The reviewer's overview: both charts, the lights, and the scores that disagree.
    login_with(&c, &base, "caizheng", jixiao_web::demo::PASSWORD).await;
    wait_for(&c, &["您好"]).await;
    click_text(&c, "监控与评分").await;
    wait_for(
        &c,
        &[
            "监控与评分总览",
            "外事电子护照运营及签证经费",
            "“护照”未达成目标却得满分",
            "“保障村干部人数”未达成目标却得满分",
        ],
    )
    .await;
    let charts = c.find_all(Locator::Css(".card svg")).await.unwrap();
    assert_eq!(charts.len(), 2, "a chart of lights and one of grades");
    shot(&c, "11-overview").await;
    c.close().await.unwrap();
}

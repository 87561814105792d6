//! End to end in a real browser: headless Chromium driven through chromedriver (Debian's
//! `chromium` and `chromium-driver`, which .ci/run installs). Without them this test fails: it
//! never skips. Screenshots of the main pages go to target/screenshots for a look by eye.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use jixiao_core::workflow::Role;
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
    c.goto(&format!("{base}/login")).await.unwrap();
    c.find(Locator::Css("input[name=username]")).await.unwrap().send_keys(user).await.unwrap();
    c.find(Locator::Css("input[name=password]")).await.unwrap().send_keys("demo-password").await.unwrap();
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

//! The web application in-process: every role against every route, the workflow through the
//! pages, CSRF, conflicts, hostile table content, the API's errors and the login limit.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use jixiao_core::Document;
use jixiao_core::report::DocumentReport;
use jixiao_core::workflow::{Action, Role, Status};
use jixiao_store::{Filter, ImportTable, Location, Store};
use jixiao_web::{AppState, app, demo};
use tower::ServiceExt;

struct App {
    router: Router,
    store: Store,
    _dir: tempfile::TempDir,
}

async fn spawn() -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::Sqlite { path: dir.path().join("web.db") }).await.unwrap();
    let reviewer = jixiao_core::review::Reviewer::default();
    demo::load(&store, &reviewer).await.unwrap();
    let other = store.department("某县农业农村局").await.unwrap();
    let hash = jixiao_web::hash_password("demo-other".into()).await.unwrap();
    store.add_user("other", &hash, Role::Officer, Some(other.id), "test").await.unwrap();
    let router = app(AppState::new(store.clone(), reviewer, true));
    App { router, store, _dir: dir }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl App {
    async fn send(&self, req: Request<Body>) -> Reply {
        let r = self.router.clone().oneshot(req).await.unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        let bytes = r.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn get(&self, path: &str, who: &Who) -> Reply {
        self.send(who.request("GET", path).body(Body::empty()).unwrap()).await
    }

    async fn post_form(&self, path: &str, who: &Who, fields: &[(&str, &str)]) -> Reply {
        let body: String = fields.iter().map(|(k, v)| format!("{k}={}", enc(v))).collect::<Vec<_>>().join("&");
        let req = who
            .request("POST", path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    async fn api(&self, method: &str, path: &str, token: Option<&str>, body: &str) -> (StatusCode, serde_json::Value) {
        let mut req = Request::builder().method(method).uri(path).header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let r = self.send(req.body(Body::from(body.to_owned())).unwrap()).await;
        (r.status, serde_json::from_str(&r.body).unwrap_or(serde_json::Value::Null))
    }

    /// Posts the login form as a browser does: the page first, for its token and cookie.
    async fn try_login(&self, user: &str, password: &str) -> Reply {
        let form = self.get("/login", &Who::anonymous()).await;
        let cookie = form.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
        let who = Who { cookie: Some(cookie.split(';').next().unwrap().to_owned()), csrf: String::new() };
        self.post_form(
            "/login",
            &who,
            &[("_login", &login_token(&form.body)), ("username", user), ("password", password)],
        )
        .await
    }

    /// Logs in through the login form; returns the session cookie and the CSRF token.
    async fn login(&self, user: &str, password: &str) -> Who {
        let r = self.try_login(user, password).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{user} logs in: {}", r.body);
        let cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
        let cookie = cookie.split(';').next().unwrap().to_owned();
        let mut who = Who { cookie: Some(cookie), csrf: String::new() };
        let home = self.get("/", &who).await;
        who.csrf = csrf(&home.body);
        who
    }

    async fn token(&self, user: &str, password: &str) -> String {
        let (s, v) =
            self.api("POST", "/api/login", None, &format!(r#"{{"username":"{user}","password":"{password}"}}"#)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        v["token"].as_str().unwrap().to_owned()
    }
}

/// Posts a form whose values were built as owned strings.
async fn post_owned(app: &App, path: &str, who: &Who, fields: Vec<(&str, String)>) -> Reply {
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, who, &f).await
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// The login form's token.
fn login_token(html: &str) -> String {
    let at = html.find("name=\"_login\" value=\"").expect("a login form with its token") + 21;
    html[at..].split('"').next().unwrap().to_owned()
}

fn csrf(html: &str) -> String {
    let at = html.find("name=\"_csrf\" value=\"").expect("a form with a CSRF token") + 20;
    html[at..].split('"').next().unwrap().to_owned()
}

struct Who {
    cookie: Option<String>,
    csrf: String,
}

impl Who {
    fn anonymous() -> Who {
        Who { cookie: None, csrf: String::new() }
    }
    fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let b = Request::builder().method(method).uri(path);
        match &self.cookie {
            Some(c) => b.header(header::COOKIE, c),
            None => b,
        }
    }
}

/// Ids of: a draft table of the officer's department without errors, and one of another
/// department.
async fn ids(store: &Store) -> (i64, i64) {
    let all = store.list(&Filter { per_page: 500, ..Filter::default() }).await.unwrap().items;
    let own = all
        .iter()
        .find(|t| {
            t.department == "宁夏回族自治区人民政府外事办公室"
                && t.errors == 0
                && t.kind == "project"
                && t.status == Status::Draft
        })
        .unwrap()
        .id;
    let other = all.iter().find(|t| t.department != "宁夏回族自治区人民政府外事办公室").unwrap().id;
    (own, other)
}

/// Ids of the demo's published table of the officer's department with monitoring data, and of
/// its published 自评表 of another department.
async fn demo_ids(store: &Store) -> (i64, i64) {
    let all = store.list(&Filter { per_page: 500, ..Filter::default() }).await.unwrap().items;
    let monitored = all.iter().find(|t| t.project_name == "外事友城业务费").unwrap();
    assert_eq!(monitored.status, Status::Published, "the demo publishes its monitored table");
    let scored = all
        .iter()
        .find(|t| t.stage == "self_evaluation" && t.status == Status::Published && t.department.contains("棠溪镇"))
        .unwrap();
    (monitored.id, scored.id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_against_every_route() {
    let app = spawn().await;
    let (own, other) = ids(&app.store).await;
    // One table published, so that the public pages have something.
    for a in [Action::Submit, Action::Approve, Action::Publish] {
        app.store.act(own, a, "test", None).await.unwrap();
    }
    let (monitored, scored) = demo_ids(&app.store).await;
    let anon = Who::anonymous();
    let officer = app.login("waishi", "demo").await;
    let stranger = app.login("other", "demo-other").await;
    let reviewer = app.login("caizheng", "demo").await;
    let admin = app.login("admin", "demo").await;
    use StatusCode as S;
    let routes: Vec<(String, [S; 5])> = vec![
        // path: anonymous, officer, officer of another department, reviewer, admin
        ("/".into(), [S::SEE_OTHER, S::OK, S::OK, S::OK, S::OK]),
        ("/tables".into(), [S::SEE_OTHER, S::OK, S::OK, S::OK, S::OK]),
        (format!("/tables/{own}"), [S::SEE_OTHER, S::OK, S::NOT_FOUND, S::OK, S::OK]),
        (format!("/tables/{other}"), [S::SEE_OTHER, S::NOT_FOUND, S::NOT_FOUND, S::OK, S::OK]),
        (format!("/tables/{own}/history"), [S::SEE_OTHER, S::OK, S::NOT_FOUND, S::OK, S::OK]),
        (format!("/tables/{own}/compare"), [S::SEE_OTHER, S::OK, S::NOT_FOUND, S::OK, S::OK]),
        (format!("/api/tables/{own}/compare"), [S::UNAUTHORIZED, S::OK, S::NOT_FOUND, S::OK, S::OK]),
        (format!("/tables/{own}/edit"), [S::SEE_OTHER, S::OK, S::NOT_FOUND, S::FORBIDDEN, S::FORBIDDEN]),
        (format!("/tables/{own}/download/json"), [S::SEE_OTHER, S::OK, S::NOT_FOUND, S::OK, S::OK]),
        ("/export/csv".into(), [S::SEE_OTHER, S::OK, S::OK, S::OK, S::OK]),
        ("/upload".into(), [S::SEE_OTHER, S::OK, S::OK, S::FORBIDDEN, S::FORBIDDEN]),
        ("/admin/users".into(), [S::SEE_OTHER, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::OK]),
        ("/public".into(), [S::OK; 5]),
        (format!("/public/{own}"), [S::OK; 5]),
        (format!("/public/{other}"), [S::NOT_FOUND; 5]),
        (format!("/public/{own}/download/xlsx"), [S::OK; 5]),
        (format!("/public/{own}/compare"), [S::OK; 5]),
        (format!("/public/{other}/compare"), [S::NOT_FOUND; 5]),
        ("/login".into(), [S::OK, S::SEE_OTHER, S::SEE_OTHER, S::SEE_OTHER, S::SEE_OTHER]),
        // Monitoring and year-end entry: the table's own department only, in the right status.
        (format!("/tables/{monitored}/monitoring"), [S::SEE_OTHER, S::OK, S::NOT_FOUND, S::FORBIDDEN, S::FORBIDDEN]),
        (format!("/tables/{scored}/actuals"), [S::SEE_OTHER, S::NOT_FOUND, S::NOT_FOUND, S::FORBIDDEN, S::FORBIDDEN]),
        (
            format!("/tables/{monitored}/actuals"),
            [S::SEE_OTHER, S::FORBIDDEN, S::NOT_FOUND, S::FORBIDDEN, S::FORBIDDEN],
        ),
        ("/overview".into(), [S::SEE_OTHER, S::FORBIDDEN, S::FORBIDDEN, S::OK, S::OK]),
        ("/overview?year=abc".into(), [S::SEE_OTHER, S::FORBIDDEN, S::FORBIDDEN, S::BAD_REQUEST, S::BAD_REQUEST]),
        ("/api/overview".into(), [S::UNAUTHORIZED, S::FORBIDDEN, S::FORBIDDEN, S::OK, S::OK]),
        (format!("/api/tables/{monitored}/monitoring"), [S::UNAUTHORIZED, S::OK, S::NOT_FOUND, S::OK, S::OK]),
        (format!("/api/tables/{scored}/scores"), [S::UNAUTHORIZED, S::NOT_FOUND, S::NOT_FOUND, S::OK, S::OK]),
    ];
    let who = [&anon, &officer, &stranger, &reviewer, &admin];
    for (path, expected) in &routes {
        for (w, want) in who.iter().zip(expected) {
            let r = app.get(path, w).await;
            assert_eq!(r.status, *want, "GET {path} as {:?}", w.cookie.as_ref().map(|_| &w.csrf));
        }
    }
    // Workflow actions: only the right role on the right table, and only with the form's token.
    let draft = app.store.list(&Filter { per_page: 500, ..Filter::default() }).await.unwrap().items;
    let draft = draft
        .iter()
        .find(|t| t.department == "宁夏回族自治区人民政府外事办公室" && t.errors == 0 && t.status == Status::Draft)
        .unwrap()
        .id;
    let submit = format!("/tables/{draft}/act/submit");
    assert_eq!(app.post_form(&submit, &anon, &[]).await.status, S::SEE_OTHER);
    assert_eq!(app.post_form(&submit, &officer, &[("_csrf", "forged")]).await.status, S::FORBIDDEN);
    assert_eq!(app.post_form(&submit, &stranger, &[("_csrf", &stranger.csrf)]).await.status, S::NOT_FOUND);
    assert_eq!(app.post_form(&submit, &reviewer, &[("_csrf", &reviewer.csrf)]).await.status, S::FORBIDDEN);
    assert_eq!(app.post_form(&submit, &officer, &[("_csrf", &officer.csrf)]).await.status, S::SEE_OTHER);
    // The entry forms and starting a 自评表: only the department's officer, only with the token.
    for path in [
        format!("/tables/{monitored}/monitoring"),
        format!("/tables/{monitored}/self-evaluation"),
        format!("/tables/{scored}/actuals"),
    ] {
        assert_eq!(app.post_form(&path, &anon, &[]).await.status, S::SEE_OTHER, "{path}");
        assert_eq!(app.post_form(&path, &reviewer, &[("_csrf", &reviewer.csrf)]).await.status, S::FORBIDDEN, "{path}");
        assert_eq!(app.post_form(&path, &stranger, &[("_csrf", &stranger.csrf)]).await.status, S::NOT_FOUND, "{path}");
    }
    let r = app.post_form(&format!("/tables/{monitored}/monitoring"), &officer, &[("_csrf", "forged")]).await;
    assert_eq!(r.status, S::FORBIDDEN);
    // A draft's targets are not agreed yet: nothing to monitor, and the officer is told why.
    let r = app.get(&format!("/tables/{draft}/monitoring"), &officer).await;
    assert_eq!(r.status, S::FORBIDDEN);
    assert!(r.body.contains("只有审核通过或已公开的绩效目标表才能填报监控数据"), "{}", r.body);
    let approve = format!("/tables/{draft}/act/approve");
    assert_eq!(app.post_form(&approve, &officer, &[("_csrf", &officer.csrf)]).await.status, S::FORBIDDEN);
    assert_eq!(app.post_form(&approve, &admin, &[("_csrf", &admin.csrf)]).await.status, S::FORBIDDEN);
    // Administrators disable and enable users; a disabled user's sessions end at once.
    let other_id = app.store.user_by_name("other").await.unwrap().id;
    let disable = format!("/admin/users/{other_id}/disable");
    assert_eq!(app.post_form(&disable, &reviewer, &[("_csrf", &reviewer.csrf)]).await.status, S::FORBIDDEN);
    assert_eq!(app.post_form(&disable, &admin, &[("_csrf", "forged")]).await.status, S::FORBIDDEN);
    assert_eq!(app.post_form(&disable, &admin, &[("_csrf", &admin.csrf)]).await.status, S::SEE_OTHER);
    assert_eq!(app.get("/tables", &stranger).await.status, S::SEE_OTHER, "the disabled user is logged out");
    let r = app.try_login("other", "demo-other").await;
    assert_eq!(r.status, S::UNAUTHORIZED, "and cannot log in");
    app.post_form(&format!("/admin/users/{other_id}/enable"), &admin, &[("_csrf", &admin.csrf)]).await;
    app.login("other", "demo-other").await; // enabled again: logs in
    let admin_id = app.store.user_by_name("admin").await.unwrap().id;
    let r = app.post_form(&format!("/admin/users/{admin_id}/disable"), &admin, &[("_csrf", &admin.csrf)]).await;
    assert_eq!(r.status, S::BAD_REQUEST, "an administrator cannot lock themselves out");
    // The API: anonymous is 401 JSON, another department's table is 404.
    let (s, v) = app.api("GET", "/api/tables", None, "").await;
    assert_eq!((s, v["code"].as_str()), (S::UNAUTHORIZED, Some("unauthorized")));
    let token = app.token("other", "demo-other").await;
    assert_eq!(app.api("GET", &format!("/api/tables/{own}"), Some(&token), "").await.0, S::NOT_FOUND);
    let (s, v) = app.api("GET", "/api/tables?per_page=500", Some(&token), "").await;
    assert_eq!(s, S::OK);
    assert!(v["items"].as_array().unwrap().iter().all(|t| t["department"] == "某县农业农村局"), "{v}");
    let (s, v) = app.api("GET", "/api/openapi.json", None, "").await;
    assert_eq!(s, S::OK);
    assert!(v["paths"]["/api/tables/{id}/return"]["post"].is_object());
    // Security headers on every answer.
    let r = app.get("/public", &anon).await;
    assert!(r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("script-src 'self'"));
    assert_eq!(r.headers[header::X_FRAME_OPTIONS], "DENY");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workflow_through_the_pages() {
    let app = spawn().await;
    let (own, _) = ids(&app.store).await;
    let officer = app.login("waishi", "demo").await;
    let reviewer = app.login("caizheng", "demo").await;
    let page = app.get(&format!("/tables/{own}"), &officer).await.body;
    assert!(page.contains("报送审核"), "the officer is offered the submit button");
    app.post_form(&format!("/tables/{own}/act/submit"), &officer, &[("_csrf", &officer.csrf)]).await;
    let page = app.get(&format!("/tables/{own}"), &reviewer).await.body;
    assert!(page.contains("退回修改") && page.contains("审核通过"));
    let r = app
        .post_form(&format!("/tables/{own}/act/return"), &reviewer, &[("_csrf", &reviewer.csrf), ("reason", "")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a return needs a reason");
    assert!(r.body.contains("退回必须填写原因"));
    app.post_form(
        &format!("/tables/{own}/act/return"),
        &reviewer,
        &[("_csrf", &reviewer.csrf), ("reason", "请细化满意度指标")],
    )
    .await;
    let page = app.get(&format!("/tables/{own}"), &officer).await.body;
    assert!(page.contains("请细化满意度指标"), "the officer sees why");
    app.post_form(&format!("/tables/{own}/act/submit"), &officer, &[("_csrf", &officer.csrf)]).await;
    app.post_form(&format!("/tables/{own}/act/approve"), &reviewer, &[("_csrf", &reviewer.csrf)]).await;
    app.post_form(&format!("/tables/{own}/act/publish"), &reviewer, &[("_csrf", &reviewer.csrf)]).await;
    let public = app.get("/public", &Who::anonymous()).await.body;
    assert!(public.contains(&format!("/public/{own}")), "published tables are listed for everyone");
    let history = app.get(&format!("/tables/{own}/history"), &officer).await.body;
    for word in ["导入", "报送审核", "退回修改", "审核通过", "公开", "caizheng"] {
        assert!(history.contains(word), "history shows {word}");
    }
    // Logging out ends the session at once, though the server had it fresh in memory.
    assert_eq!(app.get("/", &reviewer).await.status, StatusCode::OK);
    app.post_form("/logout", &reviewer, &[("_csrf", &reviewer.csrf)]).await;
    assert_eq!(app.get("/", &reviewer).await.status, StatusCode::SEE_OTHER, "the old cookie is dead");
    // A table with errors offers no submit and refuses one.
    let all = app.store.list(&Filter { per_page: 500, ..Filter::default() }).await.unwrap().items;
    let bad = all.iter().find(|t| t.department == "宁夏回族自治区人民政府外事办公室" && t.errors > 0).unwrap().id;
    let r = app.post_form(&format!("/tables/{bad}/act/submit"), &officer, &[("_csrf", &officer.csrf)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请先修改再报送"), "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_saving_the_same_version() {
    let app = spawn().await;
    let (own, _) = ids(&app.store).await;
    let a = app.login("waishi", "demo").await;
    let form = app.get(&format!("/tables/{own}/edit"), &a).await.body;
    assert!(form.contains("name=\"version\" value=\"1\""));
    let edit = |target: &'static str| {
        vec![
            ("_csrf", a.csrf.clone()),
            ("version", "1".to_owned()),
            ("target_0", target.to_owned()),
            ("name_0", "出访团组数".to_owned()),
        ]
    };
    let first: Vec<(&str, String)> = edit("≥12个");
    let fields: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post_form(&format!("/tables/{own}/edit"), &a, &fields).await.status, StatusCode::SEE_OTHER);
    let history = app.get(&format!("/tables/{own}/history"), &a).await.body;
    assert!(history.contains("第 1 个指标的指标值") && history.contains("≥12个"), "the history shows the change");
    let second: Vec<(&str, String)> = edit("≥15个（第二个人）");
    let fields: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post_form(&format!("/tables/{own}/edit"), &a, &fields).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("已被他人修改"), "a clear message");
    assert!(r.body.contains("≥15个（第二个人）"), "nothing typed is lost");
    let stored = app.store.get(own).await.unwrap();
    assert_eq!(stored.document.indicators[0].target, "≥12个");
    // A mistyped amount is refused with its name, and nothing is saved.
    let bad = [("_csrf", a.csrf.as_str()), ("version", "2"), ("project_name", "外事出访经费"), ("funds_total", "七百")];
    let r = app.post_form(&format!("/tables/{own}/edit"), &a, &bad).await;
    assert!(r.body.contains("年度资金总额“七百”不是数字"), "{}", r.body);
    assert_eq!(app.store.get(own).await.unwrap().version, 2);
    // The API answers 409 the same way.
    let token = app.token("waishi", "demo").await;
    let body = serde_json::json!({ "version": 1, "document": stored.document }).to_string();
    let (s, v) = app.api("PUT", &format!("/api/tables/{own}"), Some(&token), &body).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("conflict")), "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_row_keeps_its_identity() {
    let app = spawn().await;
    let (own, _) = ids(&app.store).await;
    let a = app.login("waishi", "demo").await;
    let token = app.token("waishi", "demo").await;
    let (s, v) = app.api("GET", &format!("/api/tables/{own}"), Some(&token), "").await;
    assert_eq!(s, StatusCode::OK);
    let before: Vec<u64> = v["elements"]["indicators"]
        .as_array()
        .expect("the API gives the identities")
        .iter()
        .filter_map(|i| i.as_u64())
        .collect();
    let doc = app.store.get(own).await.unwrap().document;
    assert_eq!(before.len(), doc.indicators.len());
    assert!(doc.indicators.len() >= 2);
    // Every row as the editor shows it; row 1 rewritten under another 二级, a row added on top.
    let mut fields = vec![
        ("_csrf", a.csrf.clone()),
        ("version", "1".to_owned()),
        ("title", doc.title.clone()),
        ("goals", doc.goals.join("\n")),
    ];
    let n = doc.indicators.len();
    let keys: Vec<[String; 5]> =
        (0..=n).map(|i| ["order", "level1", "level2", "name", "target"].map(|k| format!("{k}_{i}"))).collect();
    for (i, ind) in doc.indicators.iter().enumerate() {
        let rewritten = i == 1;
        fields.push((keys[i][0].as_str(), (i + 1).to_string()));
        fields.push((keys[i][1].as_str(), ind.level1.to_string()));
        fields.push((keys[i][2].as_str(), if rewritten { "质量指标".to_owned() } else { ind.level2.to_string() }));
        fields.push((keys[i][3].as_str(), if rewritten { "改写后的指标".to_owned() } else { ind.name.clone() }));
        fields.push((keys[i][4].as_str(), ind.target.clone()));
    }
    for (k, v) in [(0, "0.5"), (1, "产出指标"), (2, "数量指标"), (3, "新增的指标"), (4, "≥1个")] {
        fields.push((keys[n][k].as_str(), v.to_owned()));
    }
    let r = post_owned(&app, &format!("/tables/{own}/edit"), &a, fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (_, v) = app.api("GET", &format!("/api/tables/{own}"), Some(&token), "").await;
    let after: Vec<u64> = v["elements"]["indicators"].as_array().unwrap().iter().filter_map(|i| i.as_u64()).collect();
    assert_eq!(v["document"]["indicators"][2]["name"], "改写后的指标");
    assert_eq!(after[1..], before[..], "every old row keeps its identity, the rewritten one too");
    assert!(!before.contains(&after[0]), "the added row is new");
    // The history names the rewritten row at its new place, not every row below the insertion.
    let history = app.get(&format!("/tables/{own}/history"), &a).await.body;
    assert!(history.contains("第 3 个指标的三级指标") && history.contains("改写后的指标"), "{history}");
    assert!(!history.contains("第 4 个指标的三级指标"), "rows below the insertion did not change");
    assert!(history.contains("<ins>新增的指标 (≥1个)</ins>"), "an added row is shown by its name and target");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_table_content_is_never_injected() {
    let app = spawn().await;
    let all = app.store.list(&Filter { per_page: 500, ..Filter::default() }).await.unwrap().items;
    let project =
        all.iter().find(|t| t.department == "宁夏回族自治区人民政府外事办公室" && t.kind == "project").unwrap();
    let mut d: Document = app.store.get(project.id).await.unwrap().document;
    let script = "<script>alert('x')</script>";
    let attr = "\"'><img src=x onerror=alert(1)>";
    d.project.as_mut().unwrap().name = format!("恶意项目{script}");
    d.goals = vec![attr.to_owned()];
    d.indicators[0].name = "=HYPERLINK(\"http://evil\",\"点我\")".into();
    d.indicators[0].target = "'; DROP TABLE target_tables; --".into();
    d.indicators[1].name = "长".repeat(20_000);
    let review = jixiao_core::review::review(&d, None);
    let t = ImportTable {
        report: DocumentReport::new(&d, &review),
        document: d,
        source_name: "x".into(),
        source_hash: String::new(),
        reading: None,
    };
    let id = app.store.import("test", &[t], false).await.unwrap()[0].id();
    let officer = app.login("waishi", "demo").await;
    for path in [
        format!("/tables/{id}"),
        "/tables".to_owned(),
        format!("/tables/{id}/edit"),
        format!("/tables/{id}/history"),
        "/".to_owned(),
    ] {
        let body = app.get(&path, &officer).await.body;
        assert!(!body.contains("<script>alert"), "{path} escapes script tags");
        assert!(!body.contains("<img src=x"), "{path} escapes attributes");
    }
    let page = app.get(&format!("/tables/{id}"), &officer).await.body;
    assert!(page.contains("&lt;script&gt;"), "the text is shown, escaped");
    let csv = app.get(&format!("/tables/{id}/download/csv"), &officer).await.body;
    assert!(csv.contains("'=HYPERLINK"), "formulas are neutralised in CSV");
    let html = app.get(&format!("/tables/{id}/download/html"), &officer).await.body;
    assert!(!html.contains("<script>alert"));
    let found = app.get("/tables?q=%27%3B%20DROP%20TABLE", &officer).await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.body.contains(&format!("/tables/{id}\"")), "SQL text is searched for, not run");
    assert!(app.store.list(&Filter::default()).await.unwrap().total > 1, "nothing dropped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_speaks_json_errors_and_limits_logins() {
    let app = spawn().await;
    let (own, _) = ids(&app.store).await;
    let token = app.token("caizheng", "demo").await;
    let (s, v) = app.api("POST", &format!("/api/tables/{own}/return"), Some(&token), "{}").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let officer = app.token("waishi", "demo").await;
    assert_eq!(app.api("POST", &format!("/api/tables/{own}/submit"), Some(&officer), "").await.0, StatusCode::OK);
    let (s, v) = app.api("POST", &format!("/api/tables/{own}/return"), Some(&token), "{}").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")), "{v}");
    let (s, v) = app.api("POST", &format!("/api/tables/{own}/return"), Some(&token), r#"{"reason":"补充依据"}"#).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("returned")), "{v}");
    let (s, v) = app.api("GET", &format!("/api/tables/{own}/history"), Some(&token), "").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().last().unwrap()["reason"], "补充依据");
    let (s, v) = app.api("GET", &format!("/api/tables/{own}/findings"), Some(&token), "").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["summary"]["grade"].is_string());
    assert_eq!(app.api("GET", "/api/tables/999999", Some(&token), "").await.0, StatusCode::NOT_FOUND);
    // Upload through the API: the sample's text, told by its bytes.
    let sample =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/ningxia-waishi-2020.txt")).unwrap();
    let (s, v) = app.api("POST", "/api/tables", Some(&officer), &sample).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert!(
        v["tables"].as_array().unwrap().iter().all(|t| t["outcome"] == "unchanged" || t["outcome"] == "updated"),
        "{v}"
    );
    let (s, v) = app
        .api(
            "GET",
            "/check/target?text=%E5%A4%A7%E4%BA%8E10%E4%B8%AA%E5%9B%A2%E7%BB%84%EF%BC%8C80%E4%BA%BA%E6%AC%A1",
            Some(&officer),
            "",
        )
        .await;
    assert_eq!(
        (s, v["level"].as_str()),
        (StatusCode::OK, Some("warning")),
        "a compound target is flagged as typed: {v}"
    );
    assert_eq!(app.api("GET", "/check/target?text=1", None, "").await.0, StatusCode::UNAUTHORIZED);
    let big = "x".repeat(jixiao_web::UPLOAD_LIMIT + 10);
    assert_eq!(app.api("POST", "/api/tables", Some(&officer), &big).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    // Five wrong passwords, then even the right one waits.
    for _ in 0..5 {
        let (s, _) = app.api("POST", "/api/login", None, r#"{"username":"admin","password":"wrong"}"#).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    let (s, v) = app.api("POST", "/api/login", None, r#"{"username":"admin","password":"demo"}"#).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{v}");
    let (s, _) = app.api("POST", "/api/login", None, r#"{"username":"nobody","password":"demo"}"#).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "the address is limited too");
}

/// The row of `id` in a page's table (from its `<tr id=…>` to the row's end).
fn row<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!("<tr id=\"{id}\"")).unwrap_or_else(|| panic!("no row {id}"));
    let rest = &html[at..];
    &rest[..rest.find("</tr>").unwrap()]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monitoring_and_year_end_through_the_pages() {
    let app = spawn().await;
    let (monitored, _) = demo_ids(&app.store).await;
    let officer = app.login("waishi", "demo").await;
    let reviewer = app.login("caizheng", "demo").await;
    // The demo's data through July: spending behind time, one indicator off track.
    let page = app.get(&format!("/tables/{monitored}"), &officer).await.body;
    assert!(page.contains("运行监控 (截至 7 月)") && page.contains("填报监控数据"), "{page}");
    assert!(page.contains("1–7月执行率 40/100 = 40.00%, 时间进度 7/12 = 58.33%, 执行率/时间进度 = 68.57%: 黄灯"));
    assert!(row(&page, "light-1").contains("红灯") && row(&page, "light-1").contains("境外疫情, 出访计划推迟"));
    assert!(row(&page, "light-0").contains("绿灯"), "{}", row(&page, "light-0"));

    // The officer enters new figures on the version the form was made from.
    let before = app.store.get(monitored).await.unwrap();
    let form = app.get(&format!("/tables/{monitored}/monitoring"), &officer).await.body;
    let version = before.version.to_string();
    assert!(form.contains(&format!("name=\"version\" value=\"{version}\"")));
    assert!(form.contains("name=\"to_date_1\" value=\"2个团组，6人次\""), "prefilled with what is stored");
    let fields = |to_date_1: &'static str, month: &'static str, version: String| {
        vec![
            ("_csrf", officer.csrf.clone()),
            ("version", version),
            ("month", month.to_owned()),
            ("budget_initial", "100".to_owned()),
            ("budget_full_year", "100".to_owned()),
            ("spent_to_date", "60".to_owned()),
            ("to_date_0", "20个团组，100人次".to_owned()),
            ("cause_text_0", "<script>alert(1)</script>".to_owned()),
            ("to_date_1", to_date_1.to_owned()),
            ("forecast_1", "10个团组，30人次".to_owned()),
            ("likelihood_1", "certain".to_owned()),
            ("to_date_2", "30人".to_owned()),
        ]
    };
    let path = format!("/tables/{monitored}/monitoring");
    let r = post_owned(&app, &path, &officer, fields("5个团组，15人次", "13", version.clone())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("月份“13”应为 1–12 的整数"), "{}", r.body);
    assert!(r.body.contains("value=\"5个团组，15人次\"") && r.body.contains("value=\"13\""), "what was typed is kept");
    assert!(r.body.contains("<option value=\"certain\" selected>"), "choices too");
    let r = post_owned(&app, &path, &officer, fields("5个团组，15人次", "8", version.clone())).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = app.store.get(monitored).await.unwrap();
    assert_eq!(after.version, before.version + 1, "a new version");
    assert_eq!(after.summary.status, Status::Published, "the status stays");
    assert_eq!(after.summary.published_version, before.summary.published_version, "the public still sees the targets");
    let targets = |d: &Document| d.indicators.iter().map(|i| i.target.clone()).collect::<Vec<_>>();
    assert_eq!(targets(&after.document), targets(&before.document), "the targets stay");
    let page = app.get(&format!("/tables/{monitored}"), &officer).await.body;
    assert!(page.contains("运行监控 (截至 8 月)"));
    assert!(row(&page, "light-1").contains("绿灯"), "forecast met, certain: {}", row(&page, "light-1"));
    assert!(page.contains("执行率/时间进度 = 90.00%: 绿灯"), "60 of 100 by August is near enough");
    assert!(!page.contains("<script>alert(1)") && page.contains("&lt;script&gt;alert(1)"), "the cause is escaped");
    let history = app.get(&format!("/tables/{monitored}/history"), &officer).await.body;
    assert!(history.contains("填报监控数据") && history.contains("waishi"), "the change log has the entry");
    // A second save of the same version: a conflict, and what was typed is kept.
    let r = post_owned(&app, &path, &officer, fields("6个团组（第二个人）", "8", version.clone())).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("已被他人修改") && r.body.contains("6个团组（第二个人）"), "{}", r.body);
    assert_eq!(app.store.get(monitored).await.unwrap().version, after.version, "nothing saved");
    // Reviewers see the lights but do not enter them.
    let r = app.post_form(&format!("/tables/{monitored}/monitoring"), &reviewer, &[("_csrf", &reviewer.csrf)]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Year end: a 自评表 started from the published table, actuals entered, scores with working.
    let r = app.post_form(&format!("/tables/{monitored}/self-evaluation"), &officer, &[("_csrf", &officer.csrf)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let to = r.headers[header::LOCATION].to_str().unwrap().to_owned();
    let se: i64 = to.trim_start_matches("/tables/").trim_end_matches("/actuals").parse().unwrap();
    assert_ne!(se, monitored, "a table of its own");
    let started = app.store.get(se).await.unwrap();
    assert_eq!((started.summary.stage.as_str(), started.summary.status), ("self_evaluation", Status::Draft));
    assert!(started.document.indicators.iter().all(|i| i.monitoring.is_none() && i.actual.is_none()));
    let r = app.post_form(&format!("/tables/{monitored}/self-evaluation"), &officer, &[("_csrf", &officer.csrf)]).await;
    assert_eq!(r.headers[header::LOCATION], to.as_str(), "started twice, still one 自评表");
    let form = app.get(&to, &officer).await;
    assert_eq!(form.status, StatusCode::OK);
    let version = started.version.to_string();
    let year_end = [
        ("_csrf", officer.csrf.as_str()),
        ("version", version.as_str()),
        ("budget_full_year", "100"),
        ("spent", "90"),
        ("execution_weight", "10"),
        ("actual_0", "42个团组，210人次"),
        ("weight_0", "10"),
        ("score_0", "10"),
        ("actual_2", "40人"),
        ("weight_2", "10"),
        ("score_2", "10"),
        ("cause_text_2", "部分出访改为线上"),
    ];
    let r = app.post_form(&to, &officer, &year_end).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&format!("/tables/{se}"), &officer).await.body;
    assert!(row(&page, "score-2").contains("B/A×w = 40/50×10 = 8.00"), "{}", row(&page, "score-2"));
    assert!(row(&page, "score-execution").contains("min(执行率, 1)×w = min(90/100, 1)×10 = 9.00"));
    assert!(page.contains("“差旅费”未达成目标却得满分: 填报 10.00, 按规则应为 8.00"), "{page}");
    let r = app.post_form(&to, &officer, &year_end).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "the same version twice");

    // The API gives the same, and refuses what does not fit.
    let token = app.token("waishi", "demo").await;
    let (s, v) = app.api("GET", &format!("/api/tables/{se}/scores"), Some(&token), "").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["scores"]["indicators"][2]["computed"].as_f64(), Some(8.0), "{v}");
    assert_eq!(v["scores"]["indicators"][2]["working"], "B/A×w = 40/50×10 = 8.00");
    assert_eq!(v["scores"]["discrepancies"][0]["code"], "full-score-missed-target", "{v}");
    let se_ids = app.store.get(se).await.unwrap().elements.indicators;
    assert_eq!(
        v["scores"]["indicators"][2]["id"].as_u64(),
        Some(u64::from(se_ids[2].0)),
        "a score names its indicator"
    );
    let current = app.store.get(monitored).await.unwrap();
    let n = current.document.indicators.len();
    let entries: Vec<serde_json::Value> = (0..n).map(|_| serde_json::json!({})).collect();
    let body =
        serde_json::json!({ "version": current.version - 1, "monitoring": { "month": 9 }, "indicators": entries });
    let (s, v) = app.api("PUT", &format!("/api/tables/{monitored}/monitoring"), Some(&token), &body.to_string()).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("conflict")), "{v}");
    let body = serde_json::json!({ "version": current.version, "indicators": [{}] });
    let (s, v) = app.api("PUT", &format!("/api/tables/{monitored}/monitoring"), Some(&token), &body.to_string()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v["fields"]["indicators"].is_string(), "{v}");
    let mut entries = entries;
    entries[2] = serde_json::json!({ "forecast": "0人", "likelihood": "impossible", "cause": "funding" });
    let body = serde_json::json!({ "version": current.version, "monitoring": { "month": 9 }, "indicators": entries });
    let (s, v) = app.api("PUT", &format!("/api/tables/{monitored}/monitoring"), Some(&token), &body.to_string()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!((v["lights"]["month"].as_u64(), v["lights"]["light"].as_str()), (Some(9), Some("red")), "{v}");
    assert_eq!(v["lights"]["indicators"][2]["light"], "red");
    assert_eq!(
        v["lights"]["indicators"][2]["id"].as_u64(),
        Some(u64::from(current.elements.indicators[2].0)),
        "a light names its indicator, the same after the monitoring data went in"
    );

    // The reviewers' overview: lights and grades charted, and the stated scores that disagree.
    let page = app.get("/overview", &reviewer).await.body;
    assert!(page.contains("<svg") && page.contains("各表监控灯") && page.contains("自评等级"));
    assert!(page.contains(&format!("/tables/{monitored}#monitoring")), "the monitored table is listed");
    assert!(page.contains("“保障村干部人数”未达成目标却得满分"), "the demo's wrong 自评表");
    assert!(page.contains("“差旅费”未达成目标却得满分"), "and the one just entered");
    let page = app.get("/overview?year=1999", &reviewer).await.body;
    assert!(page.contains("有监控数据的表 0 张"), "the year filters");
    let rtoken = app.token("caizheng", "demo").await;
    let (s, v) = app.api("GET", "/api/overview", Some(&rtoken), "").await;
    assert_eq!(s, StatusCode::OK);
    let red = v["lights"].as_array().unwrap().iter().find(|l| l["light"] == "red").unwrap();
    assert!(red["tables"].as_u64().unwrap() >= 2, "{v}");
    // The departments side by side: the sample's department in 2020 is its six target tables
    // (60 indicators, 51 of them quantified); the 自评表 started above from 外事友城业务费
    // restates its targets and is not counted again.
    let (_, v) = app.api("GET", "/api/overview?year=2020", Some(&rtoken), "").await;
    let waishi = v["departments"].as_array().unwrap();
    let waishi = waishi.iter().find(|d| d["department"] == "宁夏回族自治区人民政府外事办公室").unwrap();
    assert_eq!((waishi["tables"].as_u64(), waishi["indicators"].as_u64()), (Some(6), Some(60)), "{waishi}");
    assert_eq!(waishi["quantified"].as_u64(), Some(51), "{waishi}");
    let page = app.get("/overview?year=2020", &reviewer).await.body;
    assert!(
        page.contains("各部门对比")
            && page.contains("<td>宁夏回族自治区人民政府外事办公室</td><td>6</td><td>60</td><td>85%</td>"),
        "{page}"
    );
    let (s, v) = app.api("GET", "/api/openapi.json", None, "").await;
    assert_eq!(s, StatusCode::OK);
    for path in ["/api/tables/{id}/monitoring", "/api/tables/{id}/scores", "/api/tables/{id}/actuals", "/api/overview"]
    {
        assert!(v["paths"][path].is_object(), "{path} is described");
    }
}

/// A table read from published text whose 年度资金总额 label the reader never found: its import
/// does not call the funds missing, and neither does its first save of monitoring data, which is
/// reviewed with the version's reading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monitoring_saves_are_reviewed_with_what_the_reading_vouched_for() {
    use jixiao_core::HeaderField;
    use jixiao_core::source::{Reading, SourceMap};
    let app = spawn().await;
    let all = app.store.list(&Filter { per_page: 500, ..Filter::default() }).await.unwrap().items;
    let project =
        all.iter().find(|t| t.department == "宁夏回族自治区人民政府外事办公室" && t.kind == "project").unwrap();
    let mut d: Document = app.store.get(project.id).await.unwrap().document;
    let p = d.project.as_mut().unwrap();
    p.name = "读入的项目".into();
    p.funds = Default::default();
    let reading = Reading { labels: vec![HeaderField::Name, HeaderField::Department], ..Reading::default() };
    let source = SourceMap { reading: Some(reading.clone()), ..SourceMap::default() };
    let reviewer = jixiao_core::review::Reviewer::default();
    let funds_missing =
        |r: &DocumentReport| r.findings.iter().any(|f| f.rule == "missing-field" && f.message.contains("年度资金总额"));
    let without = DocumentReport::new(&d, &reviewer.review(&d, None));
    assert!(funds_missing(&without), "without the reading the funds are missing: the test means something");
    let t = ImportTable {
        report: DocumentReport::new(&d, &reviewer.review(&d, Some(&source))),
        document: d.clone(),
        source_name: "read.txt".into(),
        source_hash: String::new(),
        reading: Some(reading),
    };
    let id = app.store.import("test", &[t], false).await.unwrap()[0].id();
    assert!(!funds_missing(&app.store.get(id).await.unwrap().report));
    for a in [jixiao_core::workflow::Action::Submit, jixiao_core::workflow::Action::Approve] {
        app.store.act(id, a, "test", None).await.unwrap();
    }
    let token = app.token("waishi", "demo").await;
    let entries: Vec<serde_json::Value> = d.indicators.iter().map(|_| serde_json::json!({})).collect();
    let body = serde_json::json!({ "version": 1, "monitoring": { "month": 7 }, "indicators": entries });
    let (s, v) = app.api("PUT", &format!("/api/tables/{id}/monitoring"), Some(&token), &body.to_string()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let saved = app.store.get(id).await.unwrap();
    assert_eq!(saved.version, 2);
    assert!(!funds_missing(&saved.report), "{:?}", saved.report.findings);
}

/// A session cookie is sent by the browser with requests other pages make: the API changes
/// nothing on it without the session's CSRF token; and an officer's edit through the API
/// cannot hand a table to another department.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_takes_no_change_on_a_cookie_alone_and_no_table_out_of_its_department() {
    let app = spawn().await;
    let (own, _) = ids(&app.store).await;
    let who = app.login("waishi", "demo").await;
    let submit = |token: Option<&str>| {
        let mut req = who.request("POST", &format!("/api/tables/{own}/submit"));
        if let Some(t) = token {
            req = req.header("x-csrf-token", t);
        }
        req.header(header::ORIGIN, "http://evil.example").body(Body::empty()).unwrap()
    };
    let r = app.send(submit(None)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.body.contains("\"code\":\"csrf\""), "{}", r.body);
    let r = app.send(submit(Some("not-the-token"))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(app.store.get(own).await.unwrap().summary.status, Status::Draft, "nothing changed");
    let r = app.send(submit(Some(&who.csrf))).await;
    assert_eq!(r.status, StatusCode::OK, "with the session's token the call is the user's: {}", r.body);
    // Reading with the cookie needs no token.
    assert_eq!(app.get(&format!("/api/tables/{own}"), &who).await.status, StatusCode::OK);

    // Back to the officer, who moves the table to another department in an edit.
    let reviewer = app.token("caizheng", "demo").await;
    let (s, v) = app.api("POST", &format!("/api/tables/{own}/return"), Some(&reviewer), r#"{"reason":"补充"}"#).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let officer = app.token("waishi", "demo").await;
    let (_, current) = app.api("GET", &format!("/api/tables/{own}"), Some(&officer), "").await;
    let mut document = current["document"].clone();
    document["department"] = "某县农业农村局".into();
    let body = serde_json::json!({ "version": current["version"], "document": document }).to_string();
    let (s, v) = app.api("PUT", &format!("/api/tables/{own}"), Some(&officer), &body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(app.store.get(own).await.unwrap().summary.department, "宁夏回族自治区人民政府外事办公室");
    // A page number typed past any end shows the public catalogue's last page.
    let r = app.get("/public?page=9223372036854775807", &Who::anonymous()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("9223372036854775807 /"), "the last page, not the one asked for");
}

/// The fields a browser would send from the page's form posting to `action_prefix…`: inputs with
/// their values (checkboxes only when ticked) and text areas, unescaped.
fn form_fields(html: &str, action_prefix: &str) -> Vec<(String, String)> {
    let start = html.find(&format!("<form method=\"post\" action=\"{action_prefix}")).expect("the form");
    let form = &html[start..];
    let form = &form[..form.find("</form>").unwrap()];
    let unescape = |s: &str| {
        s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
    };
    let attr = |tag: &str, name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(unescape(&tag[at..at + tag[at..].find('"')?]))
    };
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        if tag.starts_with("<input") {
            let ticked = attr(tag, "type").as_deref() != Some("checkbox") || tag.contains(" checked");
            if let (Some(name), true) = (attr(tag, "name"), ticked) {
                out.push((name, attr(tag, "value").unwrap_or_default()));
            }
        } else if tag.starts_with("<textarea") {
            let close = rest.find("</textarea>").unwrap();
            out.push((attr(tag, "name").unwrap(), unescape(&rest[end + 1..close])));
        }
        rest = &rest[end + 1..];
    }
    out
}

/// Sets (or adds) a field of a form.
fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    match fields.iter_mut().find(|(k, _)| k == name) {
        Some(f) => f.1 = value.to_owned(),
        None => fields.push((name.to_owned(), value.to_owned())),
    }
}

async fn post_fields(app: &App, path: &str, who: &Who, fields: &[(String, String)]) -> Reply {
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.post_form(path, who, &f).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saving_again_after_a_conflict_saves_every_row_shown_as_the_row_it_came_from() {
    let app = spawn().await;
    let (own, _) = ids(&app.store).await;
    let path = format!("/tables/{own}/edit");
    let first = app.store.get(own).await.unwrap();
    let n = first.document.indicators.len();
    let ids1 = first.elements.indicators.clone();
    let a = app.login("waishi", "demo").await;
    let b = app.login("waishi", "demo").await;
    let form_a = form_fields(&app.get(&path, &a).await.body, "/tables/");
    let form_b = form_fields(&app.get(&path, &b).await.body, "/tables/");
    // A deletes the first row and saves.
    let mut fa = form_a.clone();
    set(&mut fa, "delete_0", "1");
    assert_eq!(post_fields(&app, &path, &a, &fa).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.store.get(own).await.unwrap().document.indicators.len(), n - 1);
    // B, on the first version, edits the last row and adds one in the blank row: a conflict.
    let mut fb = form_b.clone();
    set(&mut fb, &format!("target_{}", n - 1), "≥99个");
    for (k, v) in [("level1", "产出指标"), ("level2", "数量指标"), ("name", "B新增的指标"), ("target", "≥3个")]
    {
        set(&mut fb, &format!("{k}_{n}"), v);
    }
    let r = post_fields(&app, &path, &b, &fb).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("再次保存将以您的内容覆盖它"), "{}", r.body);
    assert!(r.body.contains("B新增的指标") && r.body.contains("≥99个"), "nothing typed is lost");
    // B saves the redrawn form as it is: every row shown is saved, each continuing its indicator.
    let again = form_fields(&r.body, "/tables/");
    let r = post_fields(&app, &path, &b, &again).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let saved = app.store.get(own).await.unwrap();
    assert_eq!(saved.version, 3);
    let names: Vec<&str> = saved.document.indicators.iter().map(|i| i.name.as_str()).collect();
    let mut expected: Vec<&str> = first.document.indicators.iter().map(|i| i.name.as_str()).collect();
    expected.push("B新增的指标");
    assert_eq!(names, expected, "B's rows, all of them, in B's order");
    assert_eq!(saved.document.indicators[n - 1].target, "≥99个");
    let ids3 = &saved.elements.indicators;
    assert_eq!(ids3[1..n], ids1[1..n], "the rows A kept continue their indicators");
    assert!(!ids1.contains(&ids3[0]) && !ids1.contains(&ids3[n]), "A's deleted row comes back as new, B's row is new");
    let history = app.store.history(own).await.unwrap();
    let last = history.last().unwrap();
    assert!(
        last.changes.iter().all(|c| !c.path.ends_with("/name")),
        "no row is renamed: {:?}",
        last.changes.iter().map(|c| &c.path).collect::<Vec<_>>()
    );
    assert_eq!(last.changes.len(), 3, "one row back, one target, one row added: {:?}", last.changes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_editor_keeps_what_was_typed_and_refuses_what_it_cannot_save_in_words() {
    let app = spawn().await;
    let (own, _) = ids(&app.store).await;
    let all = app.store.list(&Filter { per_page: 500, ..Filter::default() }).await.unwrap().items;
    let twin = all
        .iter()
        .find(|t| t.department == "宁夏回族自治区人民政府外事办公室" && t.kind == "project" && t.id != own)
        .unwrap()
        .id;
    let path = format!("/tables/{own}/edit");
    let a = app.login("waishi", "demo").await;
    let form = form_fields(&app.get(&path, &a).await.body, "/tables/");
    // A field that cannot be read: the form comes back as typed, 422, nothing saved.
    let mut f = form.clone();
    set(&mut f, "year", "二〇二〇");
    set(&mut f, "target_0", "≥77个（已输入）");
    set(&mut f, "delete_1", "1");
    set(&mut f, "funds_total", "七百");
    let r = post_fields(&app, &path, &a, &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("年度“二〇二〇”不是数字"), "{}", r.body);
    for typed in
        ["value=\"二〇二〇\"", "value=\"≥77个（已输入）\"", "value=\"七百\"", "name=\"delete_1\" value=\"1\" checked"]
    {
        assert!(r.body.contains(typed), "{typed} is kept: {}", r.body);
    }
    assert_eq!(app.store.get(own).await.unwrap().version, 1);
    set(&mut f, "year", "2020");
    let r = post_fields(&app, &path, &a, &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("年度资金总额“七百”不是数字") && !r.body.contains("value=\"二〇二〇\""), "{}", r.body);
    // The project's name of another table of the same year and department: said as such, with
    // that table, not as a stale version that saving again would overwrite.
    let twin_name = app.store.get(twin).await.unwrap().summary.project_name;
    let mut f = form.clone();
    set(&mut f, "project_name", &twin_name);
    let r = post_fields(&app, &path, &a, &f).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("已有一张年度、部门、类型和项目都相同的表"), "{}", r.body);
    assert!(r.body.contains(&format!("href=\"/tables/{twin}\"")), "the table it collides with: {}", r.body);
    assert!(!r.body.contains("再次保存将以您的内容覆盖它"), "{}", r.body);
    assert_eq!(app.store.get(own).await.unwrap().version, 1);
    // A submitted table does not open in the editor, and a save made before it was submitted
    // keeps what was typed.
    app.post_form(&format!("/tables/{own}/act/submit"), &a, &[("_csrf", &a.csrf)]).await;
    let r = app.get(&path, &a).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("此表已报送, 正在审核中, 不能编辑"), "{}", r.body);
    let mut f = form.clone();
    set(&mut f, "target_0", "≥88个（报送后）");
    let r = post_fields(&app, &path, &a, &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("审核期间不能修改") && r.body.contains("≥88个（报送后）"), "{}", r.body);
    let reviewer = app.login("caizheng", "demo").await;
    app.post_form(&format!("/tables/{own}/act/approve"), &reviewer, &[("_csrf", &reviewer.csrf)]).await;
    let r = app.get(&path, &a).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("此表已审核通过, 不能编辑"), "{}", r.body);
}

/// The first link of a page to `href_prefix`, unescaped.
fn link(html: &str, href_prefix: &str) -> Option<String> {
    let at = html.find(&format!("href=\"{href_prefix}"))? + 6;
    Some(html[at..at + html[at..].find('"')?].replace("&amp;", "&"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_pages_on_in_the_order_chosen() {
    let app = spawn().await;
    // Enough tables for two pages.
    let base = app.store.get(ids(&app.store).await.0).await.unwrap();
    let mut tables = Vec::new();
    for i in 0..60 {
        let mut d = base.document.clone();
        d.project.as_mut().unwrap().name = format!("分页测试项目{i:02}");
        d.year = Some(2000 + i);
        let review = jixiao_core::review::review(&d, None);
        tables.push(ImportTable {
            report: DocumentReport::new(&d, &review),
            document: d,
            source_name: "x".into(),
            source_hash: String::new(),
            reading: None,
        });
    }
    app.store.import("test", &tables, false).await.unwrap();
    // The officer's list is their department's: the sample's tables and these.
    let reviewer = app.login("waishi", "demo").await;
    let first = app.get("/tables?sort=year&desc=0", &reviewer).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("<option value=\"0\" selected>升序</option>"), "the direction is a choice");
    let next = link(&first.body, "/tables?").filter(|l| l.contains("page=2")).expect("a next page");
    assert!(next.contains("sort=year") && next.contains("desc=0"), "{next}");
    let second = app.get(&next, &reviewer).await;
    let years = |html: &str| -> Vec<i32> {
        html.split("<tr><td>").skip(1).filter_map(|r| r.split("</td><td>").nth(1)?.parse().ok()).collect()
    };
    let (y1, y2) = (years(&first.body), years(&second.body));
    assert!(y1.windows(2).all(|w| w[0] <= w[1]) && y2.windows(2).all(|w| w[0] <= w[1]), "{y1:?} {y2:?}");
    assert!(y1.last() <= y2.first(), "page 2 goes on in the same order: {y1:?} then {y2:?}");
    assert!(y1.first() == Some(&2000), "ascending from the earliest: {y1:?}");
    let descending = app.get("/tables?sort=year", &reviewer).await;
    assert!(years(&descending.body).first() > Some(&2050), "descending is still the default");
    // A page past the end, however far, is the last page.
    for page in ["9223372036854775807", "3", "99999999999"] {
        let r = app.get(&format!("/tables?sort=year&desc=0&page={page}"), &reviewer).await;
        assert_eq!(r.status, StatusCode::OK, "page {page}");
        assert!(r.body.contains(" / 2 页") && r.body.contains("第 2 / 2 页"), "page {page}: {}", r.body);
        assert_eq!(years(&r.body), y2, "page {page}");
    }
    let r = app.get("/public?page=9223372036854775807", &Who::anonymous()).await;
    assert_eq!(r.status, StatusCode::OK, "the public list does not overflow either");
}

/// A multipart body of one `file` part and the CSRF token.
fn multipart(csrf: &str, file_name: &str, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "jixiaoBoundary7MA4YWxkTrZu0gW";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/plain\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_axum_refuses_are_answered_in_the_applications_words() {
    let app = spawn().await;
    let (own, _) = ids(&app.store).await;
    let officer = app.login("waishi", "demo").await;
    let token = app.token("waishi", "demo").await;
    let page = |r: &Reply, status: StatusCode, what: &str| {
        assert_eq!(r.status, status, "{what}: {}", r.body);
        assert!(r.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"), "{what}");
        assert!(r.body.contains("<title>出错了") && r.body.contains("返回首页"), "{what}: {}", r.body);
        assert!(!r.body.is_ascii(), "{what} is said in Chinese: {}", r.body);
        assert!(r.headers.contains_key(header::CONTENT_SECURITY_POLICY), "{what}");
    };
    let json = |r: &Reply, status: StatusCode, what: &str| {
        assert_eq!(r.status, status, "{what}: {}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("{what}: {}", r.body));
        assert!(v["code"].is_string() && v["fields"].is_object(), "{what}: {v}");
        assert!(!v["message"].as_str().unwrap().is_ascii(), "{what}: {v}");
    };
    let bearer = |method: &str, path: &str| {
        Request::builder().method(method).uri(path).header(header::AUTHORIZATION, format!("Bearer {token}"))
    };
    use StatusCode as S;
    page(&app.get("/tables/abc", &officer).await, S::BAD_REQUEST, "a path that is no id");
    page(&app.get("/tables?page=abc", &officer).await, S::BAD_REQUEST, "a page that is no number");
    page(&app.get("/no/such/page", &officer).await, S::NOT_FOUND, "an unknown route");
    page(&app.get("/no/such/page", &Who::anonymous()).await, S::NOT_FOUND, "an unknown route, anonymous");
    let r = app.send(officer.request("DELETE", "/tables").body(Body::empty()).unwrap()).await;
    page(&r, S::METHOD_NOT_ALLOWED, "a method the route does not take");
    assert!(r.headers.contains_key(header::ALLOW), "the Allow header stays");
    let r = app.post_form("/login", &Who::anonymous(), &[("username", "waishi")]).await;
    page(&r, S::UNPROCESSABLE_ENTITY, "a form without a field");
    let r = app
        .send(
            officer
                .request("POST", &format!("/tables/{own}/edit"))
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("year=2020"))
                .unwrap(),
        )
        .await;
    page(&r, S::UNSUPPORTED_MEDIA_TYPE, "a form of the wrong content type");
    let r = app
        .send(
            officer
                .request("POST", "/upload")
                .header(header::CONTENT_TYPE, "multipart/form-data")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    page(&r, S::BAD_REQUEST, "an upload without its boundary");
    let big = format!("_csrf={}&goals={}", officer.csrf, "x".repeat(jixiao_web::UPLOAD_LIMIT + 10));
    let r = app
        .send(
            officer
                .request("POST", &format!("/tables/{own}/edit"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(big))
                .unwrap(),
        )
        .await;
    page(&r, S::PAYLOAD_TOO_LARGE, "a form over the limit");
    // Error pages show the logged-in user's navigation.
    let r = app.get("/tables/abc", &officer).await;
    assert!(r.body.contains("waishi (") && r.body.contains("退出"), "{}", r.body);
    let r = app.get("/tables/999999", &officer).await;
    assert!(r.body.contains("waishi (") && !r.body.contains(">登录<"), "{}", r.body);
    // The API and the editor's check answer JSON.
    json(&app.send(bearer("GET", "/api/tables/abc").body(Body::empty()).unwrap()).await, S::BAD_REQUEST, "api id");
    json(
        &app.send(bearer("GET", "/api/tables?year=abc").body(Body::empty()).unwrap()).await,
        S::BAD_REQUEST,
        "api year",
    );
    json(&app.send(bearer("GET", "/api/no/such").body(Body::empty()).unwrap()).await, S::NOT_FOUND, "api route");
    json(
        &app.send(bearer("DELETE", "/api/tables").body(Body::empty()).unwrap()).await,
        S::METHOD_NOT_ALLOWED,
        "api method",
    );
    let big = "x".repeat(jixiao_web::UPLOAD_LIMIT + 10);
    json(
        &app.send(bearer("POST", "/api/tables").body(Body::from(big)).unwrap()).await,
        S::PAYLOAD_TOO_LARGE,
        "api size",
    );
    json(&app.get("/check/target", &officer).await, S::BAD_REQUEST, "a check without its text");
    // What is not found is said: the action, the format — the table is there.
    let r = app.post_form(&format!("/tables/{own}/act/delete"), &officer, &[("_csrf", &officer.csrf)]).await;
    page(&r, S::NOT_FOUND, "an unknown action");
    assert!(r.body.contains("没有“delete”这种操作") && !r.body.contains("没有找到这张表"), "{}", r.body);
    for path in [format!("/tables/{own}/download/pdf"), "/export/pdf".to_owned()] {
        let r = app.get(&path, &officer).await;
        page(&r, S::NOT_FOUND, &path);
        assert!(r.body.contains("不能下载为“pdf”格式") && !r.body.contains("没有找到这张表"), "{}", r.body);
    }
    // An empty file is said to be empty.
    let (kind, body) = multipart(&officer.csrf, "空文件.txt", b"");
    let r = app
        .send(officer.request("POST", "/upload").header(header::CONTENT_TYPE, kind).body(Body::from(body)).unwrap())
        .await;
    assert_eq!(r.status, S::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("空文件.txt") && r.body.contains("文件是空的"), "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_show_times_in_china_time_and_the_official_layout_keeps_its_style_to_itself() {
    let app = spawn().await;
    let (own, _) = ids(&app.store).await;
    let officer = app.login("waishi", "demo").await;
    let stored = app.store.get(own).await.unwrap().summary.updated_at;
    assert!(stored.ends_with('Z') && stored.contains('T'), "the store keeps UTC: {stored}");
    let is_local = |s: &str| {
        let b = s.as_bytes();
        b.len() == 16 && b[4] == b'-' && b[7] == b'-' && b[10] == b' ' && b[13] == b':'
    };
    for path in ["/tables".to_owned(), "/".to_owned(), format!("/tables/{own}/history")] {
        let body = app.get(&path, &officer).await.body;
        assert!(!body.contains(&stored[..16]), "{path} shows no UTC time: {body}");
        let times: Vec<&str> =
            body.split("<td>").filter_map(|c| c.split("</td>").next()).filter(|c| is_local(c)).collect();
        assert!(!times.is_empty(), "{path} shows times as 2026-12-01 05:57: {body}");
    }
    let token = app.token("waishi", "demo").await;
    let (_, v) = app.api("GET", &format!("/api/tables/{own}"), Some(&token), "").await;
    assert_eq!(v["summary"]["updated_at"], stored.as_str(), "the API keeps ISO UTC");
    let page = app.get(&format!("/tables/{own}"), &officer).await.body;
    let official = &page[page.find("<div class=\"official\">").unwrap()..];
    let css = official.split("<style>").nth(1).unwrap().split("</style>").next().unwrap();
    assert!(css.contains(".official table{") && !css.contains("\ntable {"), "{css}");
}

/// A file the preview read can be saved whatever its size under the limit: the confirm form
/// carries it back in base64, a third larger, and a file over the limit is refused either way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_file_previewed_can_be_confirmed() {
    use base64::Engine;
    let app = spawn().await;
    let officer = app.login("waishi", "demo").await;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    // 8 MB that the reader refuses at once (not JSON), so that the test is about the size alone.
    let mut content = b"[".to_vec();
    content.resize(8 * 1024 * 1024, b' ');
    let boundary = "jixiaoBoundaryKept";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{}\r\n--{boundary}\r\n\
         Content-Disposition: form-data; name=\"confirm\"\r\n\r\n1\r\n--{boundary}\r\n\
         Content-Disposition: form-data; name=\"kept\"\r\n\r\n{}:{}\r\n--{boundary}--\r\n",
        officer.csrf,
        b64("大文件.json".as_bytes()),
        b64(&content)
    );
    assert!(body.len() > jixiao_web::UPLOAD_LIMIT, "the confirm body is over the files' limit");
    let send = |body: Vec<u8>| {
        officer
            .request("POST", "/upload")
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .body(Body::from(body))
            .unwrap()
    };
    let r = app.send(send(body.into_bytes())).await;
    assert_ne!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert!(r.body.contains("大文件.json"), "the file was read and answered for: {}", r.body);
    // Files over the limit are refused, sent as files or carried back.
    let (kind, body) = multipart(&officer.csrf, "太大.txt", &vec![b'x'; jixiao_web::UPLOAD_LIMIT + 1]);
    let r = app
        .send(officer.request("POST", "/upload").header(header::CONTENT_TYPE, kind).body(Body::from(body)).unwrap())
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert!(r.body.contains("上传的文件太大"), "{}", r.body);
}

/// A project's 目标表 and its 自评表 share the project's name: the list and the table's page say
/// which is which.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn target_and_self_evaluation_tables_are_told_apart() {
    let app = spawn().await;
    let (monitored, scored) = demo_ids(&app.store).await;
    let reviewer = app.login("caizheng", "demo").await;
    let list = app.get("/tables?per_page=200", &reviewer).await;
    assert_eq!(list.status, StatusCode::OK);
    let cell = |id: i64| {
        let at = list.body.find(&format!("<a href=\"/tables/{id}\">")).expect("the table is listed");
        let row = &list.body[at..];
        row[..row.find("</tr>").unwrap()].to_owned()
    };
    assert!(cell(scored).contains("<td>自评表</td>"), "{}", cell(scored));
    assert!(cell(monitored).contains("<td>目标表</td>"), "{}", cell(monitored));
    let page = app.get(&format!("/tables/{scored}"), &reviewer).await;
    assert!(page.body.contains("<span class=\"badge\">自评表</span></h1>"), "{}", page.body);
    let public = app.get(&format!("/public/{scored}"), &Who::anonymous()).await;
    assert!(public.body.contains("<span class=\"badge\">自评表</span></h1>"), "{}", public.body);
}

/// Stores `doc` as a new table of its own, as an import would; returns its id.
async fn import(app: &App, doc: &Document) -> i64 {
    let reviewer = jixiao_core::review::Reviewer::default();
    let t = ImportTable {
        report: DocumentReport::new(doc, &reviewer.review(doc, None)),
        document: doc.clone(),
        source_name: "test.json".into(),
        source_hash: String::new(),
        reading: None,
    };
    app.store.import("test", &[t], false).await.unwrap()[0].id()
}

/// The tangxi 自评表 as a table of the demo officer's department, its block stating everything
/// the interchange format has.
fn own_self_evaluation() -> Document {
    let all: Vec<Document> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/scoring/chizhou-tangxi-2022.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut doc = all.into_iter().next().unwrap();
    doc.department = "宁夏回族自治区人民政府外事办公室".into();
    let se: jixiao_core::model::SelfEvaluation = serde_json::from_value(serde_json::json!({
        "budget_initial": 50, "budget_full_year": 50, "spent": null, "execution_rate": 96.5,
        "execution_weight": 10, "execution_score": 9.65, "total_score": 90, "grade": "优", "total_weight": 100,
        "budget_parts": [{ "source": "本年财政拨款", "budget_initial": 50, "budget_full_year": 50, "spent": 48.25 }],
        "deviation_cause": "部分采购延后", "goals_achieved": "基本完成", "conclusion": "良好",
        "problems": "进度偏慢", "improvements": "提前谋划",
    }))
    .unwrap();
    doc.self_evaluation = Some(se);
    doc
}

/// The entry APIs replace what they enter and keep the rest of the block: a 自评表's 其中 rows,
/// texts and published rate, a monitoring table's 其中 rows and published rate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_entry_apis_keep_what_they_do_not_enter() {
    let app = spawn().await;
    let token = app.token("waishi", "demo").await;
    let doc = own_self_evaluation();
    let id = import(&app, &doc).await;
    let entries: Vec<serde_json::Value> =
        doc.indicators.iter().map(|_| serde_json::json!({ "actual": "完成", "weight": 10, "score": 9 })).collect();
    // The fields the OpenAPI lists, and nothing else.
    let block = serde_json::json!({ "budget_initial": 50, "budget_full_year": 50, "execution_weight": 10,
        "execution_score": 9.65, "total_score": 91, "grade": "优" });
    let body = serde_json::json!({ "version": 1, "self_evaluation": block, "indicators": entries });
    let (s, v) = app.api("PUT", &format!("/api/tables/{id}/actuals"), Some(&token), &body.to_string()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let saved = app.store.get(id).await.unwrap();
    assert_eq!(saved.version, 2);
    let (se, old) = (saved.document.self_evaluation.unwrap(), doc.self_evaluation.clone().unwrap());
    assert_eq!(se.total_score.map(|t| t.get()), Some(91.into()), "what was entered is saved");
    assert_eq!(
        jixiao_core::model::SelfEvaluation { total_score: old.total_score, ..se.clone() },
        old,
        "and everything else kept, the published rate too while no 全年执行数 is entered"
    );
    // Carrying a kept field back unchanged is fine; changing it is an edit of the table.
    let mut block = serde_json::to_value(&se).unwrap();
    block["conclusion"] = "优秀".into();
    let body = serde_json::json!({ "version": 2, "self_evaluation": block, "indicators": entries });
    let (s, v) = app.api("PUT", &format!("/api/tables/{id}/actuals"), Some(&token), &body.to_string()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v["fields"]["self_evaluation.conclusion"].is_string(), "{v}");
    block["conclusion"] = "良好".into();
    block["spent"] = 45.into();
    block["execution_rate"] = serde_json::Value::Null;
    let body = serde_json::json!({ "version": 2, "self_evaluation": block, "indicators": entries });
    let (s, v) = app.api("PUT", &format!("/api/tables/{id}/actuals"), Some(&token), &body.to_string()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let se = app.store.get(id).await.unwrap().document.self_evaluation.unwrap();
    assert_eq!((se.execution_rate, se.conclusion.as_deref()), (None, Some("良好")), "the rate follows the figures");

    // Monitoring: a table approved with a published rate and 其中 rows.
    let (own, _) = ids(&app.store).await;
    let mut doc = app.store.get(own).await.unwrap().document;
    doc.project.as_mut().unwrap().name = "监控保留测试".into();
    doc.monitoring = Some(
        serde_json::from_value(serde_json::json!({ "month": 6, "execution_rate": 45.5,
            "budget_parts": [{ "source": "本年财政拨款", "budget_initial": 100, "spent": 45.5 }] }))
        .unwrap(),
    );
    let id = import(&app, &doc).await;
    for a in [Action::Submit, Action::Approve] {
        app.store.act(id, a, "test", None).await.unwrap();
    }
    let entries: Vec<serde_json::Value> = doc.indicators.iter().map(|_| serde_json::json!({})).collect();
    let body =
        serde_json::json!({ "version": 1, "monitoring": { "month": 7, "budget_initial": 100 }, "indicators": entries });
    let (s, v) = app.api("PUT", &format!("/api/tables/{id}/monitoring"), Some(&token), &body.to_string()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let m = app.store.get(id).await.unwrap().document.monitoring.unwrap();
    let old = doc.monitoring.unwrap();
    assert_eq!((m.month, m.execution_rate, &m.budget_parts), (Some(7), old.execution_rate, &old.budget_parts));
    assert!(v["lights"]["execution"]["working"].as_str().unwrap().contains("45.5%"), "the published rate lights: {v}");
}

/// Figures no table states are refused by the API with each field named, and by the forms with
/// what was typed kept and a message per field; values in words are the table's to state.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn negative_figures_scores_over_their_weight_and_unknown_grades_are_refused() {
    let app = spawn().await;
    let token = app.token("waishi", "demo").await;
    let officer = app.login("waishi", "demo").await;
    let (monitored, _) = demo_ids(&app.store).await;
    let current = app.store.get(monitored).await.unwrap();
    let mut entries: Vec<serde_json::Value> =
        current.document.indicators.iter().map(|_| serde_json::json!({})).collect();
    entries[0] = serde_json::json!({ "actual_to_date": "200%", "forecast": "远超目标" });
    let body = serde_json::json!({ "version": current.version,
        "monitoring": { "month": 8, "budget_initial": -100, "budget_full_year": 100, "forecast_spent": -20 },
        "indicators": entries });
    let path = format!("/api/tables/{monitored}/monitoring");
    let (s, v) = app.api("PUT", &path, Some(&token), &body.to_string()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let fields = v["fields"].as_object().unwrap();
    assert!(
        fields.contains_key("monitoring.budget_initial") && fields.contains_key("monitoring.forecast_spent"),
        "{v}"
    );
    assert_eq!(fields.len(), 2, "nothing else is refused: {v}");
    assert_eq!(app.store.get(monitored).await.unwrap().version, current.version, "nothing saved");
    let r = post_owned(
        &app,
        &format!("/tables/{monitored}/monitoring"),
        &officer,
        vec![
            ("_csrf", officer.csrf.clone()),
            ("version", current.version.to_string()),
            ("month", "8".into()),
            ("budget_initial", "-100".into()),
            ("forecast_spent", "－２０".into()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("年初预算数 -100 不能为负数") && r.body.contains("全年预计执行数 -20 不能为负数"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"-100\"") && r.body.contains("value=\"－２０\""), "what was typed is kept");

    // Year end.
    let doc = own_self_evaluation();
    let id = import(&app, &doc).await;
    let mut entries: Vec<serde_json::Value> =
        doc.indicators.iter().map(|_| serde_json::json!({ "actual": "120%", "weight": 10, "score": 10 })).collect();
    entries[0] = serde_json::json!({ "weight": -8, "score": -3 });
    entries[1] = serde_json::json!({ "weight": 10, "score": 12 });
    let block = serde_json::json!({ "grade": "X", "total_score": 120, "execution_weight": 10, "execution_score": 11 });
    let body = serde_json::json!({ "version": 1, "self_evaluation": block, "indicators": entries });
    let (s, v) = app.api("PUT", &format!("/api/tables/{id}/actuals"), Some(&token), &body.to_string()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let mut named: Vec<&str> = v["fields"].as_object().unwrap().keys().map(String::as_str).collect();
    named.sort();
    assert_eq!(
        named,
        [
            "indicators[0].score",
            "indicators[0].weight",
            "indicators[1].score",
            "self_evaluation.execution_score",
            "self_evaluation.grade",
            "self_evaluation.total_score"
        ],
        "{v}"
    );
    let r = post_owned(
        &app,
        &format!("/tables/{id}/actuals"),
        &officer,
        vec![
            ("_csrf", officer.csrf.clone()),
            ("version", "1".into()),
            ("grade", "X".into()),
            ("total_score", "120".into()),
            ("actual_0", "120%".into()),
            ("weight_0", "-8".into()),
            ("score_0", "-3".into()),
            ("weight_1", "10".into()),
            ("score_1", "12".into()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    for m in [
        "评价等级“X”应为 优、良、中、差 之一",
        "总分 120 大于满分 100",
        "第 1 个指标的分值 -8 不能为负数",
        "第 1 个指标的得分 -3 不能为负数",
        "第 2 个指标的得分 12 大于其分值 10",
    ] {
        assert!(r.body.contains(m), "{m}: {}", r.body);
    }
    assert!(r.body.contains("name=\"weight_0\" value=\"-8\""), "what was typed is kept");
    assert_eq!(app.store.get(id).await.unwrap().version, 1, "nothing saved");
    // An actual past its target and a full score are what tables state.
    let (s, v) = app
        .api(
            "PUT",
            &format!("/api/tables/{id}/actuals"),
            Some(&token),
            &serde_json::json!({ "version": 1, "self_evaluation": { "grade": "优", "total_score": 100 },
                "indicators": doc.indicators.iter().map(|_| serde_json::json!({ "actual": "120%", "weight": 10, "score": 10 })).collect::<Vec<_>>() })
            .to_string(),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// Every parameter of the list and the overview that cannot be read or cannot match is refused
/// with its name; an unknown action on a table that exists is said to be unknown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_apis_parameters_are_refused_by_name() {
    let app = spawn().await;
    let token = app.token("caizheng", "demo").await;
    for (query, field) in [
        ("/api/tables?status=bogus", "status"),
        ("/api/tables?sort=bogus", "sort"),
        ("/api/tables?kind=bogus", "kind"),
        ("/api/tables?grade=bogus", "grade"),
        ("/api/tables?year=abc", "year"),
        ("/api/tables?desc=yes", "desc"),
        ("/api/tables?page=x", "page"),
        ("/api/tables?per_page=1.5", "per_page"),
        ("/api/overview?year=abc", "year"),
    ] {
        let (s, v) = app.api("GET", query, Some(&token), "").await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{query}: {v}");
        assert!(v["fields"][field].is_string(), "{query} names {field}: {v}");
        assert_eq!(v["fields"].as_object().unwrap().len(), 1, "{query}: {v}");
    }
    let order =
        |v: &serde_json::Value| v["items"].as_array().unwrap().iter().map(|t| t["id"].clone()).collect::<Vec<_>>();
    let (s, asc) = app.api("GET", "/api/tables?sort=year&desc=0", Some(&token), "").await;
    assert_eq!(s, StatusCode::OK, "{asc}");
    let (_, asc_words) = app.api("GET", "/api/tables?sort=year&desc=false", Some(&token), "").await;
    let (_, desc) = app.api("GET", "/api/tables?sort=year&desc=1", Some(&token), "").await;
    assert_eq!(order(&asc), order(&asc_words), "desc=0 is desc=false");
    assert_ne!(order(&asc), order(&desc), "and desc=1 the other way");
    let (s, v) = app.api("GET", "/api/tables?kind=project&grade=%E4%BC%98&year=2020", Some(&token), "").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["items"].as_array().unwrap().iter().all(|t| t["kind"] == "project" && t["grade"] == "优"), "{v}");

    let (own, _) = ids(&app.store).await;
    let (s, v) = app.api("POST", &format!("/api/tables/{own}/bogus"), Some(&token), "").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    assert!(v["message"].as_str().unwrap().contains("bogus") && !v["message"].as_str().unwrap().contains("表"), "{v}");
    let (s, v) = app.api("POST", "/api/tables/999999/bogus", Some(&token), "").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    assert!(!v["message"].as_str().unwrap().contains("操作"), "no such table, whatever the action: {v}");
}

/// The OpenAPI description against the server: each documented path and method is served, the
/// documented enums are what the list accepts, the cookie's CSRF rule is described and holds,
/// and login answers with the properties it documents.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_describes_the_server() {
    let app = spawn().await;
    let (_, spec) = app.api("GET", "/api/openapi.json", None, "").await;
    let token = app.token("caizheng", "demo").await;
    let (own, _) = ids(&app.store).await;
    // Every documented route is one the server has: not axum's "no such route" nor "no such
    // method" (a documented operation may still refuse the caller).
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let uri = path.replace("{id}", &own.to_string());
            let (s, v) = app.api(&method.to_uppercase(), &uri, Some(&token), "").await;
            assert_ne!(s, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}: {v}");
            assert_ne!(v["message"], "没有找到这个网址", "{method} {path}: {v}");
            let documented = item[method]["responses"].as_object().unwrap();
            assert!(documented.contains_key(s.as_str()), "{method} {path} answered {s}, not documented: {v}");
        }
    }
    // The enums are what the list takes, and a value outside them is the 400 documented.
    let params = spec["paths"]["/api/tables"]["get"]["parameters"].as_array().unwrap();
    for p in params.iter().filter(|p| p["schema"]["enum"].is_array()) {
        let name = p["name"].as_str().unwrap();
        for value in p["schema"]["enum"].as_array().unwrap() {
            let value: String = value.as_str().unwrap().bytes().map(|b| format!("%{b:02X}")).collect();
            let (s, v) = app.api("GET", &format!("/api/tables?{name}={value}"), Some(&token), "").await;
            assert_eq!(s, StatusCode::OK, "{name}={value}: {v}");
        }
        let (s, v) = app.api("GET", &format!("/api/tables?{name}=bogus"), Some(&token), "").await;
        assert!(s == StatusCode::BAD_REQUEST && v["fields"][name].is_string(), "{name}=bogus: {v}");
    }
    assert!(spec["paths"]["/api/tables"]["get"]["responses"]["400"].is_object());
    // Cookie auth and its CSRF rule: described, and as described.
    let cookie = &spec["components"]["securitySchemes"]["cookie"];
    assert_eq!((cookie["type"].as_str(), cookie["in"].as_str()), (Some("apiKey"), Some("cookie")), "{cookie}");
    assert!(cookie["description"].as_str().unwrap().contains("X-CSRF-Token"));
    let submit = &spec["paths"]["/api/tables/{id}/submit"]["post"];
    assert!(submit["responses"]["403"]["description"].as_str().unwrap().contains("X-CSRF-Token"));
    assert!(
        !spec["paths"]["/api/tables/{id}"]["get"]["responses"]["403"]["description"]
            .as_str()
            .unwrap()
            .contains("X-CSRF-Token")
    );
    let who = app.login("waishi", "demo").await;
    let r = app.send(who.request("POST", &format!("/api/tables/{own}/submit")).body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    // Login: the answer has what is documented.
    let (_, v) = app.api("POST", "/api/login", None, r#"{"username":"waishi","password":"demo"}"#).await;
    let documented = &spec["paths"]["/api/login"]["post"]["responses"]["200"]["content"]["application/json"]["schema"];
    for key in documented["required"].as_array().unwrap() {
        assert!(v[key.as_str().unwrap()].is_string() || v[key.as_str().unwrap()].is_number(), "{key}: {v}");
    }
    assert!(v["expires_in"].as_u64().unwrap() > 0);
    let (s, _) = app.api("POST", "/api/login", None, "not json").await;
    assert!(spec["paths"]["/api/login"]["post"]["responses"][s.as_str()].is_object(), "{s} is documented");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_form_sent_from_another_site_is_refused() {
    let app = spawn().await;
    let form = app.get("/login", &Who::anonymous()).await;
    let set = form.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    let cookie = set.split(';').next().unwrap().to_owned();
    let token = login_token(&form.body);
    let post = |cookie: Option<&str>, token: &str, headers: &[(&str, &str)]| {
        let mut req = Request::builder()
            .method("POST")
            .uri("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.body(Body::from(format!("_login={token}&username=waishi&password=demo"))).unwrap()
    };
    let refused = [
        // Another site's form has neither the cookie nor the token; a sibling site's neither.
        post(None, "", &[]),
        post(None, &token, &[]),
        post(Some(&cookie), "forged", &[]),
        post(Some(&cookie), &token, &[("sec-fetch-site", "cross-site")]),
        post(Some(&cookie), &token, &[("sec-fetch-site", "same-site")]),
    ];
    for req in refused {
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        let set = r.headers.get(header::SET_COOKIE).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        assert!(!set.starts_with("jx_session"), "no session: {set}");
        assert!(
            r.body.contains("登录请求来自其他网站") && r.body.contains("name=\"_login\""),
            "a fresh form: {}",
            r.body
        );
    }
    // The site's own form, from browsers that say where it came from and those that do not,
    // and behind a proxy whose Host is not the browser's Origin.
    for headers in [
        &[("sec-fetch-site", "same-origin")][..],
        &[],
        &[("host", "127.0.0.1:8080"), ("origin", "https://jixiao.example.gov.cn")],
    ] {
        let r = app.send(post(Some(&cookie), &token, headers)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{headers:?}: {}", r.body);
        assert!(r.headers.get(header::SET_COOKIE).is_some(), "{headers:?} logs in");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_is_set_against_its_edition_of_the_year_before() {
    let app = spawn().await;
    let all = app.store.list(&Filter { per_page: 500, ..Filter::default() }).await.unwrap().items;
    let earlier = all.iter().find(|t| t.project_name == "外事出访经费").unwrap().id;
    let mut d = app.store.get(earlier).await.unwrap().document;
    assert_eq!((d.year, d.indicators[0].target.as_str()), (Some(2020), "大于10个团组，80人次"));
    d.year = Some(2021);
    d.indicators[0].target = "大于12个团组，90人次".into();
    d.indicators[0].target_parts = None;
    let dropped = d.indicators.remove(2).name;
    let review = jixiao_core::review::review(&d, None);
    let t = ImportTable {
        report: DocumentReport::new(&d, &review),
        document: d,
        source_name: "2021.json".into(),
        source_hash: String::new(),
        reading: None,
    };
    let later = app.store.import("test", &[t], false).await.unwrap()[0].id();
    assert_ne!(later, earlier, "another year is another table");

    let officer = app.login("waishi", "demo").await;
    let page = app.get(&format!("/tables/{later}/compare"), &officer).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("2020 年 (<a href=\"/tables/{earlier}\">")), "{}", page.body);
    assert!(
        page.body.contains("<td>提高</td><td>产出指标</td><td>数量指标</td><td>出访团组及人次</td>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("要求更高"));
    assert!(page.body.contains(&format!("<td>删去</td><td>产出指标</td><td>时效指标</td><td>{dropped}</td>")));
    assert!(app.get(&format!("/tables/{later}"), &officer).await.body.contains(&format!("/tables/{later}/compare")));
    // The earlier table has nothing before it.
    let first = app.get(&format!("/tables/{earlier}/compare"), &officer).await;
    assert!(first.body.contains("无可对比"), "{}", first.body);

    let token = app.token("waishi", "demo").await;
    let (s, v) = app.api("GET", &format!("/api/tables/{later}/compare"), Some(&token), "").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!((v["earlier"]["id"].as_i64(), v["earlier"]["year"].as_i64()), (Some(earlier), Some(2020)));
    assert_eq!(v["comparison"]["indicators"][0]["change"], "raised");
    let (_, v) = app.api("GET", &format!("/api/tables/{earlier}/compare"), Some(&token), "").await;
    assert!(v["earlier"].is_null() && v["comparison"].is_null(), "{v}");
    // Another department's officer sees neither table.
    let stranger = app.login("other", "demo-other").await;
    assert_eq!(app.get(&format!("/tables/{later}/compare"), &stranger).await.status, StatusCode::NOT_FOUND);

    // The public compares published editions only: nothing until both are published.
    let public = Who::anonymous();
    assert_eq!(app.get(&format!("/public/{later}/compare"), &public).await.status, StatusCode::NOT_FOUND);
    for a in [Action::Submit, Action::Approve, Action::Publish] {
        app.store.act(later, a, "test", None).await.unwrap();
    }
    let alone = app.get(&format!("/public/{later}/compare"), &public).await;
    assert_eq!(alone.status, StatusCode::OK);
    assert!(alone.body.contains("无可对比"), "the 2020 edition is not published: {}", alone.body);
    for a in [Action::Submit, Action::Approve, Action::Publish] {
        app.store.act(earlier, a, "test", None).await.unwrap();
    }
    let both = app.get(&format!("/public/{later}/compare"), &public).await;
    assert!(both.body.contains(&format!("2020 年 (<a href=\"/public/{earlier}\">")), "{}", both.body);
    assert!(both.body.contains("<td>提高</td>"), "{}", both.body);
    assert!(app.get(&format!("/public/{later}"), &public).await.body.contains(&format!("/public/{later}/compare")));
    // A revision under way is not the public's: its year picks nothing and shows nowhere.
    let mut revised = app.store.get(later).await.unwrap();
    revised.document.year = Some(2025);
    let body = serde_json::json!({ "version": revised.version, "document": revised.document }).to_string();
    let (s, v) = app.api("PUT", &format!("/api/tables/{later}"), Some(&token), &body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let shown = app.get(&format!("/public/{later}/compare"), &public).await.body;
    assert!(shown.contains(&format!("2020 年 (<a href=\"/public/{earlier}\">公开版本</a>) → 2021 年")), "{shown}");
    assert!(!shown.contains("2025"), "{shown}");
    // Nor is a table ever set against itself.
    let (_, v) = app.api("GET", &format!("/api/tables/{later}/compare"), Some(&token), "").await;
    assert_eq!(v["earlier"]["id"].as_i64(), Some(earlier), "{v}");
}

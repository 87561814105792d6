//! `jixiao import`, `export` and `tables` as users run them, and the store under faults: killed
//! imports and two importers at once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Instant, SystemTime};

use futures_util::TryStreamExt;
use jixiao_core::Document;
use jixiao_store::{Filter, Location, Store};

fn jixiao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao")).args(args).current_dir(dir).env_remove("JIXIAO_DB").output().unwrap()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample() -> PathBuf {
    repo().join("samples/ningxia-waishi-2020.txt")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// `count` copies of the sample's project tables, each its own table, all of department `dept`.
fn corpus(dir: &Path, name: &str, dept: &str, count: usize) -> PathBuf {
    let text = std::fs::read_to_string(repo().join("samples/ningxia-waishi-2020.expected.json")).unwrap();
    let docs = jixiao_core::model::documents_from_json(&text).unwrap();
    let mut out: Vec<Document> = Vec::with_capacity(count);
    for i in 0..count {
        let mut d = docs[1 + i % 5].clone();
        d.department = dept.to_owned();
        if let Some(p) = d.project.as_mut() {
            p.name = format!("{}{i}", p.name);
        }
        out.push(d);
    }
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string(&out).unwrap()).unwrap();
    path
}

async fn stored(db: &Path) -> Vec<Document> {
    let store = Store::open(&Location::Sqlite { path: db.to_owned() }).await.unwrap();
    assert_eq!(store.check().await.unwrap(), Vec::<String>::new(), "the store passes its integrity check");
    let docs = store.documents(&Filter::default()).try_collect().await.unwrap();
    store.close().await;
    docs
}

#[test]
fn import_then_import_again_then_export() {
    let dir = tempfile::tempdir().unwrap();
    let s = sample();
    let s = s.to_str().unwrap();
    let out = jixiao(dir.path(), &["import", s, "--dry-run"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out)); // the sample has errors
    assert!(text(&out).contains("将新建"), "{}", text(&out));
    assert!(text(&out).contains("错误[") || text(&out).contains("警告["), "a dry run shows the findings");
    assert!(!dir.path().join("jixiao.db").exists(), "a dry run writes nothing");

    let out = jixiao(dir.path(), &["import", s]);
    assert!(text(&out).contains("新建 6 张表"), "{}", text(&out));
    assert!(dir.path().join("jixiao.db").exists(), "jixiao.db in the working directory by default");
    let out = jixiao(dir.path(), &["import", s]);
    assert!(text(&out).contains("新建 0 张表, 更新 0 张, 未变 6 张"), "{}", text(&out));

    let out = jixiao(dir.path(), &["tables", "--search", "外事出访经费"]);
    assert!(out.status.success());
    assert!(text(&out).contains("外事出访经费"), "{}", text(&out));
    assert!(text(&out).contains("(共 1 张)"), "{}", text(&out));

    let out = jixiao(dir.path(), &["export", "--to", "json"]);
    assert!(out.status.success(), "{}", text(&out));
    let exported = jixiao_core::model::documents_from_json(&String::from_utf8_lossy(&out.stdout)).unwrap();
    let expected = std::fs::read_to_string(repo().join("samples/ningxia-waishi-2020.expected.json")).unwrap();
    assert_eq!(exported, jixiao_core::model::documents_from_json(&expected).unwrap());
}

#[test]
fn a_bad_file_changes_nothing_and_the_others_go_in() {
    let dir = tempfile::tempdir().unwrap();
    let good = corpus(dir.path(), "good.json", "甲部门", 3);
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "[{\"kind\": \"project\", \"indicators\": [ }]").unwrap();
    let out = jixiao(dir.path(), &["import", bad.to_str().unwrap(), good.to_str().unwrap(), "--db", "sqlite:s.db"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let t = text(&out);
    assert!(t.contains("1 个文件未导入") && t.contains("bad.json"), "{t}");
    assert!(t.contains("新建 3 张表"), "{t}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    assert_eq!(rt.block_on(stored(&dir.path().join("s.db"))).len(), 3);
}

#[test]
fn a_store_of_a_newer_jixiao_and_a_read_only_store_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = jixiao(dir.path(), &["tables", "--db", "mysql://x@y/z"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("无法识别的数据库地址"), "{}", text(&out));
}

#[test]
fn two_importers_into_one_sqlite_file_both_finish() {
    let dir = tempfile::tempdir().unwrap();
    let a = corpus(dir.path(), "a.json", "甲部门", 400);
    let b = corpus(dir.path(), "b.json", "乙部门", 400);
    let db = dir.path().join("s.db");
    // No store yet: both start by making it, and one waits while the other runs its migrations.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let spawn = |f: &Path| {
        Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["import", f.to_str().unwrap(), "--db", db.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (pa, pb) = (spawn(&a), spawn(&b));
    for p in [pa, pb] {
        let out = p.wait_with_output().unwrap();
        assert_ne!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(rt.block_on(stored(&db)).len(), 800, "every table of both files is in");
}

#[test]
fn an_import_killed_at_any_moment_leaves_each_file_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> =
        (0..6).map(|i| corpus(dir.path(), &format!("f{i}.json"), &format!("部门{i}"), 300)).collect();
    let db = dir.path().join("s.db");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let file_args: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
    let import = |db: &Path| {
        // Two files a transaction: a kill falls between transactions and inside one, after
        // a file went in and before it was committed.
        Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .arg("import")
            .args(&files)
            .args(["--db", db.to_str().unwrap(), "--commit-every", "600"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // The kills are spread over the time a whole import takes on this machine now, which a busy
    // machine stretches several times over: fixed delays all fell before the first commit there.
    let started = Instant::now();
    let whole_db = dir.path().join("whole.db");
    let done = jixiao(
        dir.path(),
        &[&["import"][..], &file_args, &["--db", whole_db.to_str().unwrap(), "--commit-every", "600"]].concat(),
    );
    // Exit 1: the sample's tables have findings; 2 would be a failure to read or store.
    assert!(matches!(done.status.code(), Some(0 | 1)), "{}", text(&done));
    let whole = started.elapsed();
    const ROUNDS: u32 = 12;
    let mut cut_between_files = 0;
    for round in 0..ROUNDS {
        let _ = std::fs::remove_file(&db);
        let mut child = import(&db);
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().subsec_nanos();
        let at = (f64::from(round) + f64::from(nanos % 1000) / 1000.0) / f64::from(ROUNDS);
        std::thread::sleep(whole.mul_f64(0.05 + 0.9 * at));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if !db.exists() {
            continue;
        }
        let docs = rt.block_on(stored(&db));
        for i in 0..6 {
            let n = docs.iter().filter(|d| d.department == format!("部门{i}")).count();
            assert!(n == 0 || n == 300, "round {round}: file {i} is half in the store ({n} of 300 tables)");
        }
        cut_between_files += usize::from(!docs.is_empty() && docs.len() < 1800);
    }
    // Otherwise the kills all fell before or after the import and the test proved nothing.
    assert!(cut_between_files > 0, "no kill fell in the middle of the import");
}

#[test]
fn user_add_reads_the_password_from_standard_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let add = |args: &[&str], password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["user", "add"])
            .args(args)
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(password.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = add(&["caizheng", "--role", "reviewer"], "s3cret-pass\n");
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("s3cret-pass"), "the password is never echoed");
    let out = add(&["waishi", "--role", "officer"], "s3cret-pass\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("--department"), "{}", text(&out));
    let out = add(&["short", "--role", "admin"], "abc\n");
    assert!(text(&out).contains("至少 8 个字符"), "{}", text(&out));
    let out = add(&["caizheng", "--role", "admin"], "another-pass\n");
    assert!(text(&out).contains("已存在"), "{}", text(&out));
    // A blank name, and a department given to a role that has none, are refused; an officer's
    // department that no table names yet is made, and said.
    let out = add(&["", "--role", "admin"], "another-pass\n");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("用户名不能为空"), "{}", text(&out));
    let out = add(&["shenhe2", "--role", "reviewer", "--department", "某局"], "another-pass\n");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = add(&["waishi", "--role", "officer", "--department", "外事办"], "another-pass\n");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("还没有部门“外事办”"), "{}", text(&out));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let user = rt.block_on(async {
        let store = Store::open(&Location::Sqlite { path: dir.path().join("jixiao.db") }).await.unwrap();
        store.user_by_name("caizheng").await.unwrap()
    });
    assert!(user.password_hash.starts_with("$argon2id$"), "stored hashed: {}", user.password_hash);
    assert!(!user.password_hash.contains("s3cret-pass"));
}

/// A small file system of its own (tmpfs), so that the disk can fill up and be made read-only.
/// Needs root (CI runs as root); elsewhere the test says so and does nothing.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> Option<SmallDisk> {
        let path = dir.join("disk");
        std::fs::create_dir_all(&path).unwrap();
        let ok =
            Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]).arg(&path).status();
        if ok.map(|s| s.success()).unwrap_or(false) {
            Some(SmallDisk(path))
        } else {
            eprintln!("note: cannot mount a tmpfs here (not root?): the full-disk test did nothing");
            None
        }
    }

    fn read_only(&self) {
        let s = Command::new("mount").args(["-o", "remount,ro"]).arg(&self.0).status().unwrap();
        assert!(s.success());
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_or_a_read_only_store_is_a_clear_error_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // Room for the sample (a new store of 64 KB pages is 1.7 MB, and its WAL holds every page
    // the migrations and the import write until it is copied into the file: 5 MB was too little,
    // 6 MB enough; with the sixteen migrations of 2026-12-01 it peaks at 7–9 MB), not for 6,000
    // tables (some 24 MB).
    let Some(disk) = SmallDisk::mount(dir.path(), "12m") else { return };
    let db = disk.0.join("s.db");
    let db = db.to_str().unwrap();
    let s = sample();
    let out = jixiao(dir.path(), &["import", s.to_str().unwrap(), "--db", db]);
    assert_ne!(out.status.code(), Some(2), "{}", text(&out));
    let big = corpus(dir.path(), "big.json", "大部门", 6000);
    let out = jixiao(dir.path(), &["import", big.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("磁盘已满"), "{}", text(&out));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let docs = rt.block_on(stored(Path::new(db)));
    assert_eq!(docs.len(), 6, "the sample is still there, and nothing of the file that did not fit");

    disk.read_only();
    let out = jixiao(dir.path(), &["import", big.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(2));
    let t = text(&out);
    assert!(t.contains("只读"), "{t}");
    assert_eq!(t.matches("unable to open").count(), 0, "said once, in words: {t}");
}

#[test]
fn a_command_that_reads_the_store_does_not_make_one() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["tables"][..], &["tables", "--db", "sqlite:typo.db"], &["export", "--to", "json"]] {
        let out = jixiao(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(text(&out).contains("不存在"), "{args:?}: {}", text(&out));
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no store was made");
    // A dry run names the store it was asked about, not the one in memory it used.
    let out = jixiao(dir.path(), &["import", "--dry-run", "--db", "sqlite:new.db", sample().to_str().unwrap()]);
    assert!(text(&out).contains("sqlite:new.db"), "{}", text(&out));
    assert!(!text(&out).contains("memory"), "{}", text(&out));
}

/// A store this user can read but not write (read-only media, another user's file) lists and
/// exports as it is, and an import into it fails with a clear message. Run as root, the
/// commands run as `nobody`, whom the file's mode holds to reading.
#[cfg(unix)]
#[test]
fn a_read_only_store_is_listed_and_exported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ro.db");
    let db_arg = format!("sqlite:{}", db.display());
    let out = jixiao(dir.path(), &["import", sample().to_str().unwrap(), "--db", &db_arg]);
    assert_ne!(out.status.code(), Some(2), "{}", text(&out));
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    mode(&db, 0o444);
    mode(dir.path(), 0o555);
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    let run = |args: &[&str]| {
        let mut c = if root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_jixiao")]);
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_jixiao"))
        };
        c.args(args).current_dir("/").env_remove("JIXIAO_DB").output().unwrap()
    };
    let listed = run(&["tables", "--db", &db_arg]);
    let exported = run(&["export", "--db", &db_arg, "--to", "json"]);
    let imported = run(&["import", sample().to_str().unwrap(), "--db", &db_arg]);
    mode(dir.path(), 0o755);
    assert_eq!(listed.status.code(), Some(0), "{}", text(&listed));
    assert!(text(&listed).contains("外事友城业务费"), "{}", text(&listed));
    assert_eq!(exported.status.code(), Some(0), "{}", text(&exported));
    let docs = jixiao_core::model::documents_from_json(&String::from_utf8_lossy(&exported.stdout)).unwrap();
    assert_eq!(docs.len(), 6);
    assert_eq!(imported.status.code(), Some(2), "{}", text(&imported));
    assert!(text(&imported).contains("只读"), "{}", text(&imported));
}

//! Careless and hostile use of the command (issue 15): output files that never destroy
//! anything, closed pipes, broken standard error, escape sequences, unreadable inputs.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SAMPLE: &str = "samples/ningxia-waishi-2020.txt";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao")).args(args).current_dir(repo()).output().expect("jixiao runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch directory of this test's own, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn sample_copy(dir: &Path) -> PathBuf {
    let path = dir.join("表.txt");
    fs::copy(repo().join(SAMPLE), &path).expect("copies the sample");
    path
}

/// Nothing but the named files in `dir`: no partial file left behind.
fn assert_only(dir: &Path, names: &[&str]) {
    let mut found: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    found.sort();
    let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    names.sort();
    assert_eq!(found, names);
}

#[test]
fn writing_onto_an_input_is_refused_before_reading() {
    let dir = scratch("onto-input");
    let input = sample_copy(&dir);
    let before = fs::read(&input).unwrap();
    let p = input.to_str().unwrap();
    for args in [vec!["convert", p, "-o", p], vec!["review", p, "-o", p]] {
        let out = jixiao(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("同时是输入文件"), "{}", stderr(&out));
        assert_eq!(fs::read(&input).unwrap(), before, "the input is untouched");
    }
    // The review's configuration is an input too.
    let config = dir.join("jixiao.toml");
    fs::write(&config, "").unwrap();
    let out = jixiao(&["review", p, "--config", config.to_str().unwrap(), "-o", config.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&config).unwrap(), "");
    // The same file by another name (a hard link) is the same input.
    let other = dir.join("别名.txt");
    fs::hard_link(&input, &other).unwrap();
    let out = jixiao(&["convert", p, "-o", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(&input).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn links_directories_and_hard_links_are_not_replaced() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = scratch("nodes");
    let input = sample_copy(&dir);
    let p = input.to_str().unwrap();
    let target = dir.join("原文件.json");
    fs::write(&target, "原有内容").unwrap();
    let link = dir.join("链接.json");
    symlink(&target, &link).unwrap();
    let out = jixiao(&["convert", p, "-o", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("符号链接"), "{}", stderr(&out));
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_to_string(&target).unwrap(), "原有内容");

    let hard = dir.join("硬链接.json");
    fs::hard_link(&target, &hard).unwrap();
    let out = jixiao(&["convert", p, "-o", hard.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("硬链接"), "{}", stderr(&out));

    let sub = dir.join("目录");
    fs::create_dir(&sub).unwrap();
    let out = jixiao(&["convert", p, "-o", sub.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("是一个目录"), "{}", stderr(&out));
    assert_only(&dir, &["表.txt", "原文件.json", "链接.json", "硬链接.json", "目录"]);

    // A replaced regular file keeps its permissions.
    let plain = dir.join("结果.json");
    fs::write(&plain, "旧").unwrap();
    fs::set_permissions(&plain, fs::Permissions::from_mode(0o640)).unwrap();
    let out = jixiao(&["convert", p, "-o", plain.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::metadata(&plain).unwrap().permissions().mode() & 0o777, 0o640);
    assert!(fs::read_to_string(&plain).unwrap().starts_with('['));
}

#[cfg(unix)]
#[test]
fn devices_are_written_through_not_replaced() {
    let out = jixiao(&["convert", SAMPLE, "-o", "/dev/null"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = fs::metadata("/dev/null").unwrap();
    use std::os::unix::fs::FileTypeExt;
    assert!(meta.file_type().is_char_device(), "/dev/null is still a device");
    // /dev/stdout is a link to the process's standard output: written through it.
    let out = jixiao(&["convert", SAMPLE, "--to", "jsonl", "-o", "/dev/stdout"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 6);
}

#[test]
fn a_failing_run_leaves_the_target_as_it_was() {
    let dir = scratch("failing");
    let input = sample_copy(&dir);
    let target = dir.join("结果.json");
    fs::write(&target, "上次的结果").unwrap();
    let (p, t) = (input.to_str().unwrap(), target.to_str().unwrap());
    // A missing second input.
    let out = jixiao(&["convert", p, "不存在.txt", "-o", t]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&target).unwrap(), "上次的结果");
    // --strict with cells that could not be placed.
    let wanting = repo().join("fixtures/wild/33_langfang-shipin-nuantong-gaizao-ziping.txt");
    let out = jixiao(&["convert", "--strict", wanting.to_str().unwrap(), "-o", t]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("未写入输出文件"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&target).unwrap(), "上次的结果");
    // review with an unreadable input.
    let out = jixiao(&["review", p, "不存在.txt", "-o", t]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&target).unwrap(), "上次的结果");
    assert_only(&dir, &["表.txt", "结果.json"]);
}

#[cfg(unix)]
#[test]
fn a_terminated_run_removes_its_partial_file() {
    let dir = scratch("sigterm");
    let target = dir.join("结果.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["convert", "-", "-o", target.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Feed part of a table (the reader waits for more) and wait until the partial file
    // exists, then terminate.
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&fs::read(repo().join(SAMPLE)).unwrap()[..2000]).unwrap();
    let partial =
        || fs::read_dir(&dir).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".jixiao-partial"));
    for _ in 0..200 {
        if partial() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(partial(), "the run writes a partial file beside the target");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.code(), Some(130));
    assert_only(&dir, &[]);
}

#[test]
fn a_closed_stdout_keeps_the_exit_status() {
    // review finds errors in the sample (exit 1); its reader stops after one line.
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["review", SAMPLE, SAMPLE, SAMPLE])
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("Broken pipe"), "{}", stderr(&out));
    // Into a closed pipe: quiet, success; also for the commands that write JSON through
    // serde_json, whose error hides the pipe's.
    for args in [&["convert", SAMPLE, SAMPLE][..], &["schema"], &["target", "大于10个团组，80人次"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(args)
            .current_dir(repo())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_is_no_panic() {
    let full = fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else { return };
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["convert", "不存在.txt"])
        .current_dir(repo())
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_file_with_text_but_no_table_is_an_error() {
    let dir = scratch("no-table");
    let path = dir.join("说明.txt");
    fs::write(&path, "这是一份说明, 不是绩效目标表。\n第二行文字。\n").unwrap();
    let out = jixiao(&["review", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("未能读出任何绩效目标表"), "{}", stderr(&out));
    // An empty file holds nothing to lose.
    let empty = dir.join("空.txt");
    fs::write(&empty, "").unwrap();
    let out = jixiao(&["convert", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn workbook_limits_are_configurable_and_named_when_passed() {
    let book = "fixtures/sheets/project-2020.xlsx";
    let run = |var: &str, value: &str| {
        Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["convert", book])
            .env(var, value)
            .current_dir(repo())
            .output()
            .expect("jixiao runs")
    };
    for (var, value) in [
        ("JIXIAO_MAX_INPUT_MB", "0"),
        ("JIXIAO_MAX_UNPACKED_MB", "0"),
        ("JIXIAO_MAX_SHEET_CELLS", "10"),
        ("JIXIAO_MAX_CELL_BYTES", "8"),
    ] {
        let out = run(var, value);
        assert_eq!(out.status.code(), Some(2), "{var}");
        assert!(stderr(&out).contains(var), "{var}: {}", stderr(&out));
    }
    // Within the defaults it reads.
    let out = jixiao(&["convert", book]);
    assert!(out.status.success(), "{}", stderr(&out));
}

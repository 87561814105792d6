//! `jixiao compare` as users run it: the sample set against a later year's edition of itself
//! (made here from the sample, so that every change is known), text and JSON, and the exit
//! codes when nothing pairs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const SAMPLE: &str = "samples/ningxia-waishi-2020.expected.json";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao")).args(args).current_dir(repo()).output().expect("jixiao runs")
}

/// The sample as a 2021 edition, the years its names count moved on a year: 外事出访经费 with
/// its groups raised, 签订项目 reworded, a time
/// indicator dropped and a satisfaction indicator added; its funds cut to 600 万元. The other
/// tables are the same.
fn edition_2021(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(repo().join(SAMPLE)).unwrap();
    let mut docs: Value = serde_json::from_str(&text).unwrap();
    for doc in docs.as_array_mut().unwrap() {
        doc["year"] = 2021.into();
        // Names that count their year count the new one (`编入2020年部门预算的结转资金`).
        for ind in doc["indicators"].as_array_mut().unwrap() {
            let name = ind["name"].as_str().unwrap().replace("2020", "2021").replace("2019", "2020");
            ind["name"] = name.into();
        }
    }
    let trip = docs.as_array_mut().unwrap().iter_mut().find(|d| d["project"]["name"] == "外事出访经费").unwrap();
    trip["project"]["funds"]["total"] = 600.into();
    let indicators = trip["indicators"].as_array_mut().unwrap();
    assert_eq!(indicators[0]["target"], "大于10个团组，80人次");
    indicators[0]["target"] = "大于12个团组，90人次".into();
    indicators[0]["target_parts"] = Value::Null;
    indicators[1]["target"] = "≥95%".into();
    indicators[1]["target_parts"] = Value::Null;
    assert_eq!(indicators[2]["name"], "当年完成项目签约及意向");
    indicators.remove(2);
    let mut added = indicators.last().unwrap().clone();
    added["name"] = "友城交流满意度".into();
    added["target"] = "≥90%".into();
    added["target_parts"] = Value::Null;
    indicators.push(added);
    let path = dir.join("waishi-2021.json");
    std::fs::write(&path, serde_json::to_string(&docs).unwrap()).unwrap();
    path
}

#[test]
fn a_later_edition_is_set_against_the_sample_table_by_table() {
    let dir = tempfile::tempdir().unwrap();
    let later = edition_2021(dir.path());
    let out = jixiao(&["compare", later.to_str().unwrap(), SAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    // The earlier year comes first whatever the order of the files.
    let trip = text.split("\n\n").find(|p| p.contains("外事出访经费")).expect("the trip table is compared");
    assert!(trip.contains(": 2020 年 (samples/ningxia-waishi-2020.expected.json) → 2021 年"), "{trip}");
    assert!(trip.contains("年度资金总额: 700 万元 → 600 万元 (-14.3%)"), "{trip}");
    assert!(trip.contains("指标: 不变 4, 提高 1, 改写 1, 新增 1, 删去 1"), "{trip}");
    assert!(
        trip.contains(
            "[提高] 产出指标 / 数量指标 / 出访团组及人次: 大于10个团组，80人次 → 大于12个团组，90人次 (要求更高)"
        ),
        "{trip}"
    );
    assert!(trip.contains("[删去] 产出指标 / 时效指标 / 当年完成项目签约及意向: 大于3个项目 → —"), "{trip}");
    assert!(trip.contains("[新增] 满意度指标 / 服务对象满意度指标 / 友城交流满意度: — → ≥90%"), "{trip}");
    // The unchanged tables say only that.
    let unchanged = text.split("\n\n").filter(|p| p.contains("指标: 不变") && !p.contains('[')).count();
    assert_eq!(unchanged, 5, "{text}");
}

#[test]
fn json_gives_every_indicator_with_its_change() {
    let dir = tempfile::tempdir().unwrap();
    let later = edition_2021(dir.path());
    let out = jixiao(&["compare", SAMPLE, later.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let trip = v["comparisons"].as_array().unwrap().iter().find(|c| c["table"] == "外事出访经费").unwrap();
    assert_eq!((trip["earlier"]["year"].as_i64(), trip["later"]["year"].as_i64()), (Some(2020), Some(2021)));
    assert_eq!(trip["funds"]["after_yuan"].to_string(), "6000000");
    let first = &trip["indicators"][0];
    assert_eq!((first["change"].as_str(), first["ambition"].as_str()), (Some("raised"), Some("more")));
    let dropped = trip["indicators"].as_array().unwrap().iter().find(|i| i["change"] == "dropped").unwrap();
    assert_eq!((dropped["before"].as_u64(), dropped["after"].as_u64()), (Some(2), None));
}

#[test]
fn files_of_one_year_have_nothing_to_compare_and_say_so() {
    let out = jixiao(&["compare", SAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无可对比"));
}

//! The review of tables published in traditional script (繁体字, as government sites' 繁體
//! versions give them): each real table of `fixtures/review/` has a copy in `traditional/`, its
//! text turned into traditional characters by OpenCC's s2t table. The review must find in the
//! copy what it finds in the original, and quote the copy's text as published.

use std::path::PathBuf;

use jixiao_core::model::documents_from_json;
use jixiao_core::review::{Finding, Reviewer};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/review")
}

fn read(path: &PathBuf) -> Vec<jixiao_core::Document> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    documents_from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a finding says apart from its words: rule, severity and subject.
fn key(f: &Finding) -> String {
    format!("{} {:?} {:?}", f.code(), f.severity, f.subject)
}

/// A message without what its “…” quotes hold.
fn unquoted(text: &str) -> String {
    let mut inside = false;
    text.chars()
        .filter(|&c| {
            let keep = !inside || c == '”';
            inside = (inside || c == '“') && c != '”';
            keep
        })
        .collect()
}

#[test]
fn traditional_script_gets_the_findings_of_simplified_and_quotes_what_was_published() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir().join("traditional"))
        .expect("fixtures/review/traditional exists")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 20, "a traditional copy of each real table");
    let reviewer = Reviewer::default();
    let (mut findings, mut quoted) = (0, 0);
    for path in &paths {
        let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
        let simplified = read(&dir().join(name));
        let traditional = read(path);
        assert_eq!(simplified.len(), traditional.len(), "{name}");
        for (s, t) in simplified.iter().zip(&traditional) {
            assert_ne!(s.title, t.title, "{name}: the copy is in traditional script");
            let (rs, rt) = (reviewer.review(s, None), reviewer.review(t, None));
            let keys = |r: &[Finding]| r.iter().map(key).collect::<Vec<_>>();
            assert_eq!(keys(&rs.findings), keys(&rt.findings), "{name}");
            assert_eq!(rs.summary, rt.summary, "{name}");
            for (fs, ft) in rs.findings.iter().zip(&rt.findings) {
                findings += 1;
                // Only the quotes change: the reviewer's own words are the same.
                assert_eq!(unquoted(&ft.message), unquoted(&fs.message), "{name}");
                assert_eq!(unquoted(&ft.hint), unquoted(&fs.hint), "{name}");
                let Some(i) = fs.indicator() else { continue };
                let (ns, nt) = (&s.indicators[i].name, &t.indicators[i].name);
                if !ns.is_empty() && fs.message.contains(&format!("“{ns}”")) {
                    quoted += 1;
                    assert!(ft.message.contains(&format!("“{nt}”")), "{name}: {} quotes “{nt}”", ft.message);
                    if ns != nt {
                        assert!(!ft.message.contains(&format!("“{ns}”")), "{name}: {}", ft.message);
                    }
                }
            }
        }
    }
    assert!(findings >= 100, "the copies hold findings to compare ({findings})");
    assert!(quoted >= 30, "findings quote names ({quoted})");
}

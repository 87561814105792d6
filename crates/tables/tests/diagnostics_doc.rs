//! docs/diagnostics.md names every diagnostic code the readers can emit, so that a user who
//! meets one can look it up.

use std::fs;
use std::path::Path;

/// The codes written in the readers' source: `code: "…"` and `Diagnostic::note("…", …)`.
fn codes_in(dir: &Path, codes: &mut Vec<String>) {
    for entry in fs::read_dir(dir).expect("source folder").filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            codes_in(&path, codes);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = fs::read_to_string(&path).expect("source file");
        for marker in ["code:", "Diagnostic::note("] {
            for (at, _) in source.match_indices(marker) {
                let Some(rest) = source[at + marker.len()..].trim_start().strip_prefix('"') else { continue };
                let Some(end) = rest.find('"') else { continue };
                let code = &rest[..end];
                if !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                    codes.push(code.to_owned());
                }
            }
        }
    }
}

#[test]
fn every_reader_diagnostic_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut codes = Vec::new();
    codes_in(&root.join("src"), &mut codes);
    // The diagnostic type and its common constructors are the domain's.
    codes_in(&root.join("../core/src"), &mut codes);
    codes.sort();
    codes.dedup();
    // The scan must find the codes it is meant to check, or it checks nothing.
    for known in ["unplaced-cell", "wrapped-cell", "outside-table", "flat-csv", "encoding"] {
        assert!(codes.iter().any(|c| c == known), "the scan missed {known}: {codes:?}");
    }
    let page = fs::read_to_string(root.join("../../docs/diagnostics.md")).expect("docs/diagnostics.md");
    let missing: Vec<&String> = codes.iter().filter(|c| !page.contains(&format!("| `{c}` |"))).collect();
    assert!(missing.is_empty(), "docs/diagnostics.md lacks {missing:?}");
}

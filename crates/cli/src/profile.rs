//! Finding the scoring profile: a built-in one by name (`default`, `decision-management`) or a
//! TOML file; errors name the file, the place and the key.

use std::path::Path;

use jixiao_core::scoring::Profile;

use crate::config::{ConfigFileError, file_error, parse_toml};

/// The profiles shipped with jixiao: name and TOML text.
pub const BUILT_IN: [(&str, &str); 2] = [
    ("default", include_str!("../profiles/default.toml")),
    ("decision-management", include_str!("../profiles/decision-management.toml")),
];

/// The profile `name_or_path` names; the 10号 defaults when none is given.
pub fn load(name_or_path: Option<&str>) -> Result<Profile, ConfigFileError> {
    let Some(name) = name_or_path else { return Ok(Profile::default()) };
    let path = Path::new(name);
    let (text, path) = match BUILT_IN.iter().find(|(n, _)| *n == name) {
        Some((_, text)) if !path.is_file() => ((*text).to_owned(), path),
        _ => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        format!("既不是内置评分方案 ({}) 也不是存在的文件", names.join(", "))
                    }
                    std::io::ErrorKind::InvalidData => "不是 UTF-8 编码的文本".to_owned(),
                    _ => e.to_string(),
                };
                file_error(path, None, format!("无法读取评分方案: {why}"))
            })?;
            (text, path)
        }
    };
    let profile: Profile = parse_toml(path, &text)?;
    profile.validate().map_err(|e| file_error(path, Some(e.key), e.message))?;
    Ok(profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_default_file_is_the_built_in_default() {
        let text = BUILT_IN[0].1;
        let parsed: Profile = toml::from_str(text).expect("default.toml parses");
        assert_eq!(parsed, Profile::default());
    }

    #[test]
    fn every_shipped_profile_is_valid() {
        for (name, _) in BUILT_IN {
            let p = load(Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            let points: rust_decimal::Decimal = p.groups.iter().map(|g| g.points).sum();
            assert_eq!(points + p.execution_weight, rust_decimal::Decimal::ONE_HUNDRED, "{name}");
        }
        let p = load(Some("decision-management")).expect("loads");
        assert_eq!(p.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["决策", "管理", "产出", "效益"]);
    }
}

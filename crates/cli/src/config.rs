//! Finding and reading the review configuration: `--config FILE`, else `jixiao.toml` in the
//! current directory, else the defaults. Errors name the file, the place and the key.

use std::fmt;
use std::path::{Path, PathBuf};

use jixiao_core::review::{ReviewConfig, Reviewer};
use jixiao_core::text::char_floor;

/// The name looked for in the current directory.
pub const DEFAULT_FILE: &str = "jixiao.toml";

/// A configuration that could not be used.
#[derive(Debug)]
pub struct ConfigFileError {
    path: PathBuf,
    /// `line:column` where known.
    place: Option<(usize, usize)>,
    /// The dotted key at fault, where known.
    key: Option<String>,
    message: String,
}

impl fmt::Display for ConfigFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, column)) = self.place {
            write!(f, ":{line}:{column}")?;
        }
        f.write_str(": 配置错误: ")?;
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigFileError {}

/// The reviewer the configuration asks for, and the file it came from (`None`: defaults).
pub fn load(explicit: Option<&Path>) -> Result<(Reviewer, Option<PathBuf>), ConfigFileError> {
    let path = match explicit {
        Some(p) => p.to_owned(),
        None => {
            let p = PathBuf::from(DEFAULT_FILE);
            if !p.is_file() {
                return Ok((Reviewer::default(), None));
            }
            p
        }
    };
    let error = |place, key, message: String| ConfigFileError { path: path.clone(), place, key, message };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_owned(),
            std::io::ErrorKind::InvalidData => "不是 UTF-8 编码的文本".to_owned(),
            _ => e.to_string(),
        };
        error(None, None, format!("无法读取配置文件: {why}"))
    })?;
    let config: ReviewConfig = parse_toml(&path, &text)?;
    let reviewer = Reviewer::new(&config).map_err(|e| error(None, None, e.to_string()))?;
    Ok((reviewer, Some(path)))
}

/// Reads a TOML text into `T`; an error names the file, the line and column, and the key.
pub fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, ConfigFileError> {
    toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| s.start);
        ConfigFileError {
            path: path.to_owned(),
            place: at.map(|offset| line_column(text, offset)),
            key: at.and_then(|offset| key_at(text, offset)),
            message: in_chinese(e.message().trim()),
        }
    })
}

/// An error about a whole file, or about one key of it.
pub fn file_error(path: &Path, key: Option<String>, message: String) -> ConfigFileError {
    ConfigFileError { path: path.to_owned(), place: None, key, message }
}

/// serde's common messages in the user's language; others as they are.
fn in_chinese(message: &str) -> String {
    let expected = |rest: &str, what: &str| {
        rest.replacen(", expected one of ", &format!("; 可用的{what}: "), 1).replacen(
            ", expected ",
            &format!("; 可用的{what}: "),
            1,
        )
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        format!("未知的键 {}", expected(rest, "键"))
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        format!("无效的取值 {}", expected(rest, "值"))
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        format!("类型不对: {}", rest.replacen(", expected ", ", 应为 ", 1))
    } else {
        message.to_owned()
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..char_floor(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The dotted key of the line holding `offset`: its `[table]` and its `key =`.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = char_floor(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[start..end].trim();
    let header =
        |l: &str| l.trim().strip_prefix('[').map(|h| h.trim_start_matches('[').trim_end_matches(']').trim().to_owned());
    if let Some(h) = header(line) {
        return Some(h);
    }
    let table = text[..start].lines().rev().find_map(header);
    let key = line.split_once('=').map(|(k, _)| k.trim().trim_matches('"').to_owned()).filter(|k| !k.is_empty());
    match (table, key) {
        (Some(t), Some(k)) => Some(format!("{t}.{k}")),
        (None, Some(k)) => Some(k),
        (t, None) => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_messages_read_in_chinese() {
        assert_eq!(
            in_chinese("unknown field `satisfaction`, expected `amount_tolerance_yuan` or `satisfaction_min`"),
            "未知的键 `satisfaction`; 可用的键: `amount_tolerance_yuan` or `satisfaction_min`"
        );
        assert_eq!(
            in_chinese("unknown variant `fatal`, expected one of `error`, `warning`, `info`"),
            "无效的取值 `fatal`; 可用的值: `error`, `warning`, `info`"
        );
        assert_eq!(
            in_chinese("invalid type: string \"high\", expected a Decimal"),
            "类型不对: string \"high\", 应为 a Decimal"
        );
        assert_eq!(in_chinese("something else"), "something else");
    }

    #[test]
    fn keys_are_found_from_offsets() {
        let text =
            "frame = \"2015\"\n[thresholds]\nsatisfaction_min = \"high\"\n[rules.missing-unit]\nenable = false\n";
        let at = |needle: &str| text.find(needle).expect("present");
        assert_eq!(key_at(text, at("\"2015\"")).as_deref(), Some("frame"));
        assert_eq!(key_at(text, at("\"high\"")).as_deref(), Some("thresholds.satisfaction_min"));
        assert_eq!(key_at(text, at("enable")).as_deref(), Some("rules.missing-unit.enable"));
        assert_eq!(key_at(text, at("[thresholds]")).as_deref(), Some("thresholds"));
        assert_eq!(line_column(text, at("enable")), (5, 1));
    }
}

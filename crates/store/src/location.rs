//! Where a store lives: `sqlite:PATH` (or a plain path), `sqlite::memory:`, or a
//! `postgres://` URL, optionally in a schema of its own. Printed without its password.

use std::fmt;
use std::path::PathBuf;

/// The store's location.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file, created when missing.
    Sqlite {
        /// The file.
        path: PathBuf,
    },
    /// A private in-memory SQLite database (tests, dry runs on a store that does not exist).
    SqliteMemory,
    /// A PostgreSQL database.
    Postgres {
        /// The connection URL, password included: never printed.
        url: String,
        /// A schema to keep the tables in (created if missing), so that tests and tenants can
        /// share one database.
        schema: Option<String>,
    },
}

/// A location that is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("无法识别的数据库地址 “{0}”: 应为 sqlite:文件路径 或 postgres://用户@主机/数据库")]
pub struct LocationError(pub String);

impl Location {
    /// The default: `jixiao.db` in the working directory.
    pub fn default_sqlite() -> Location {
        Location::Sqlite { path: PathBuf::from("jixiao.db") }
    }

    /// Parses `sqlite:PATH`, `sqlite://PATH`, `sqlite::memory:`, `postgres://…`,
    /// `postgresql://…`, or a path ending in `.db`/`.sqlite`/`.sqlite3`.
    pub fn parse(s: &str) -> Result<Location, LocationError> {
        let s = s.trim();
        if s == "sqlite::memory:" || s == ":memory:" {
            return Ok(Location::SqliteMemory);
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(Location::Postgres { url: s.to_owned(), schema: None });
        }
        if let Some(path) = s.strip_prefix("sqlite://").or_else(|| s.strip_prefix("sqlite:")) {
            if path.is_empty() {
                return Err(LocationError(s.to_owned()));
            }
            return Ok(Location::Sqlite { path: PathBuf::from(path) });
        }
        if !s.contains("://") && !s.is_empty() {
            return Ok(Location::Sqlite { path: PathBuf::from(s) });
        }
        Err(LocationError(redact(s)))
    }

    /// Whether the store would be made new on opening (an SQLite file that does not exist yet).
    pub fn is_new(&self) -> bool {
        match self {
            Location::Sqlite { path } => !path.exists(),
            Location::SqliteMemory => true,
            Location::Postgres { .. } => false,
        }
    }
}

/// A URL with any password replaced by `***`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => format!("{userinfo}@{host}"),
        },
        None => authority.to_owned(),
    };
    let slash = if rest.contains('/') { "/" } else { "" };
    // Query strings may carry `password=`: drop them from what is shown.
    let path = path.split('?').next().unwrap_or_default();
    format!("{scheme}://{authority}{slash}{path}")
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite { path } => write!(f, "sqlite:{}", path.display()),
            Location::SqliteMemory => f.write_str("sqlite::memory:"),
            Location::Postgres { url, schema: None } => f.write_str(&redact(url)),
            Location::Postgres { url, schema: Some(s) } => write!(f, "{} (schema {s})", redact(url)),
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_users_write() {
        assert_eq!(Location::parse("sqlite:data/j.db"), Ok(Location::Sqlite { path: "data/j.db".into() }));
        assert_eq!(Location::parse("j.db"), Ok(Location::Sqlite { path: "j.db".into() }));
        assert_eq!(Location::parse("sqlite::memory:"), Ok(Location::SqliteMemory));
        assert!(matches!(Location::parse("postgres://u@h/db"), Ok(Location::Postgres { .. })));
        assert!(Location::parse("mysql://u@h/db").is_err());
        assert!(Location::parse("sqlite:").is_err());
    }

    #[test]
    fn never_prints_a_password() {
        let l = Location::parse("postgres://jixiao:s3cret@db.example:5432/jx?password=s3cret").unwrap();
        let shown = format!("{l} {l:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("jixiao:***@db.example:5432/jx"), "{shown}");
        let e = Location::parse("mysql://a:s3cret@h/x").unwrap_err().to_string();
        assert!(!e.contains("s3cret"), "{e}");
    }
}

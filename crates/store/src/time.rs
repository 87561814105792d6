//! Timestamps as the store keeps them: RFC 3339 text in UTC, sortable as text on both engines.

use std::time::SystemTime;

/// Now, to the millisecond (`2026-11-28T21:30:00.123Z`).
pub fn now() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

/// `secs` seconds from now.
pub fn after(secs: u64) -> String {
    humantime::format_rfc3339_millis(SystemTime::now() + std::time::Duration::from_secs(secs)).to_string()
}

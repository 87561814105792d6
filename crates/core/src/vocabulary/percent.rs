//! The unit of a percentage, as tables write it: `%`, the full-width `％`, or spelled out
//! (`百分比`, `百分率`, as some templates have it: `≥100百分比`).

/// `unit` as `%` where it is a percentage's, else as it is.
pub fn percent_as_sign(unit: &str) -> &str {
    let unit = unit.trim();
    if matches!(unit, "%" | "％" | "百分比" | "百分率") { "%" } else { unit }
}

/// Whether `unit` is a percentage's; not `‰`, whose numbers would read 10 times too large.
pub fn is_percent(unit: &str) -> bool {
    percent_as_sign(unit) == "%"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_out_percentages_are_percent() {
        assert!(is_percent("%") && is_percent("％") && is_percent("百分比") && is_percent(" 百分率"));
        assert!(!is_percent("‰") && !is_percent("个") && !is_percent(""));
        assert_eq!(percent_as_sign("百分比"), "%");
        assert_eq!(percent_as_sign("人次"), "人次");
    }
}

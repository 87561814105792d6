//! Cell values as the text a person sees in the sheet: numbers without float noise, percentages
//! and literal units from the number format, Excel date serials as ISO dates.

use calamine::{CellErrorType, ExcelDateTime};
use rust_decimal::Decimal;

/// A cell's value, reduced to what the reader needs from any of the three formats.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Text as stored.
    Text(&'a str),
    /// A number, with the cell's number format when the format is known.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// An Excel date/time serial in a date- or duration-formatted cell.
    DateTime(ExcelDateTime),
    /// An ISO 8601 date or date-time (how .ods stores dates).
    DateIso(&'a str),
    /// An ISO 8601 duration (how .ods stores times).
    DurationIso(&'a str),
    /// An error value such as `#N/A`.
    Error(&'a CellErrorType),
}

/// What a cell renders to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    /// The cell's text; empty text means the cell is blank.
    Text(String),
    /// The cell holds an error value; the text is how Excel shows it (`#N/A`).
    Error(String),
}

/// Renders a value as text. `format` is the cell's number format code (`0%`, `0"人"`), when
/// known; `percent` says the cell is a percentage even without one (.ods value types).
pub fn render(value: &Value<'_>, format: Option<&str>, percent: bool) -> Rendered {
    match value {
        Value::Text(s) => Rendered::Text((*s).to_owned()),
        Value::Number(n) => Rendered::Text(number(*n, format, percent)),
        Value::Bool(b) => Rendered::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        Value::DateTime(dt) => Rendered::Text(match format.filter(|f| shows_month_not_day(f)) {
            // `yyyy"年"m"月"`: the cell shows a month, which a deadline means as a month.
            Some(_) if !dt.is_duration() => {
                let (y, mo, ..) = dt.to_ymd_hms_milli();
                format!("{y}年{mo}月")
            }
            _ => date_time(dt),
        }),
        Value::DateIso(s) => Rendered::Text(date_iso(s)),
        Value::DurationIso(s) => Rendered::Text(duration_iso(s)),
        Value::Error(e) => Rendered::Error(e.to_string()),
    }
}

/// A number as the sheet shows it: the exact value to Excel's 15 significant digits, scaled
/// and suffixed by a percentage format, with a format's literal prefix and suffix.
///
/// The value is not rounded to the format's decimal places: `0.955` in a `0%` cell reads
/// `95.5%`, because the data is the value, and a table that hides decimals still means them.
pub fn number(value: f64, format: Option<&str>, percent: bool) -> String {
    let affixes = format.map(Affixes::parse).unwrap_or_default();
    let section = if value < 0.0 && affixes.negative.is_some() { affixes.negative.as_ref() } else { None };
    let (prefix, suffix, scale) = match section {
        // A format's negative section writes its own sign (`-0.0` or `(0.0)`).
        Some(neg) => (neg.prefix.as_str(), neg.suffix.as_str(), neg.percent),
        None => (affixes.positive.prefix.as_str(), affixes.positive.suffix.as_str(), affixes.positive.percent),
    };
    let value = if section.is_some() { value.abs() } else { value };
    let percent_needed = (percent || scale) && !suffix.contains('%') && !prefix.contains('%');
    let mut text = String::with_capacity(prefix.len() + 24 + suffix.len());
    text.push_str(prefix);
    text.push_str(&decimal_text(value, if percent || scale { 2 } else { 0 }));
    text.push_str(suffix);
    if percent_needed {
        text.push('%');
    }
    text
}

/// The shortest decimal text of `value × 10^shift`, at Excel's precision of 15 significant
/// digits: `0.1 + 0.2` is `0.3`, `700.0` is `700`, `0.95` shifted by 2 is `95`.
pub fn decimal_text(value: f64, shift: u32) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    // `{:.14e}` rounds to 15 significant digits, as Excel stores and shows numbers.
    let sci = format!("{value:.14e}");
    match Decimal::from_scientific(&sci) {
        Ok(mut d) => {
            if shift > 0 {
                match d.checked_mul(Decimal::from(10i64.pow(shift))) {
                    Some(m) => d = m,
                    None => return fallback(value * 10f64.powi(shift as i32)),
                }
            }
            d.normalize().to_string()
        }
        // Beyond Decimal's 28 digits either way: the plain shortest float text.
        Err(_) => fallback(value * 10f64.powi(shift as i32)),
    }
}

fn fallback(value: f64) -> String {
    let s = format!("{value}");
    if s == "-0" { "0".to_owned() } else { s }
}

/// The literal text a number format puts around the number, per section.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Affixes {
    positive: Section,
    negative: Option<Section>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Section {
    prefix: String,
    suffix: String,
    percent: bool,
}

impl Affixes {
    fn parse(format: &str) -> Affixes {
        let sections = split_sections(format);
        let positive = sections.first().map(|s| Section::parse(s)).unwrap_or_default();
        let negative = sections.get(1).map(|s| Section::parse(s));
        Affixes { positive, negative }
    }
}

/// Splits a format code at unquoted, unescaped `;`.
fn split_sections(format: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut quoted, mut escaped, mut start) = (false, false, 0);
    for (i, c) in format.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&format[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&format[start..]);
    out
}

impl Section {
    /// Reads the literal text before the first and after the last digit placeholder. Text
    /// between placeholders, padding (`_x`), fills (`*x`), colours and conditions (`[Red]`)
    /// show nothing useful and are dropped; a currency block `[$¥-804]` shows its symbol.
    fn parse(section: &str) -> Section {
        let mut out = Section::default();
        if section.eq_ignore_ascii_case("general") {
            return out;
        }
        let mut literal = String::new();
        let mut seen_digit = false;
        let mut rest = section;
        while let Some(c) = rest.chars().next() {
            rest = &rest[c.len_utf8()..];
            let mut placeholder = false;
            match c {
                '"' => {
                    let end = rest.find('"').unwrap_or(rest.len());
                    literal.push_str(&rest[..end]);
                    rest = rest.get(end + 1..).unwrap_or("");
                }
                '\\' | '_' | '*' => {
                    let next = rest.chars().next();
                    rest = &rest[next.map_or(0, char::len_utf8)..];
                    if c == '\\' {
                        literal.extend(next);
                    }
                }
                '[' => {
                    let end = rest.find(']').unwrap_or(rest.len());
                    if let Some(currency) = rest[..end].strip_prefix('$') {
                        literal.push_str(currency.split('-').next().unwrap_or(""));
                    }
                    rest = rest.get(end + 1..).unwrap_or("");
                }
                '0' | '#' | '?' | '.' | ',' => placeholder = true,
                'E' | 'e' if seen_digit && rest.starts_with(['+', '-']) => rest = &rest[1..],
                'G' | 'g' if rest.get(..6).is_some_and(|r| r.eq_ignore_ascii_case("eneral")) => {
                    rest = &rest[6..];
                    placeholder = true;
                }
                '%' => {
                    out.percent = true;
                    literal.push('%');
                }
                '@' => {}
                c => literal.push(c),
            }
            if placeholder {
                if seen_digit {
                    // Text between placeholders (`0" "0`) is dropped, see above.
                    literal.clear();
                } else {
                    out.prefix = std::mem::take(&mut literal);
                    seen_digit = true;
                }
            }
        }
        if seen_digit {
            out.suffix = literal;
        } else {
            // No placeholder (a format that shows only text, or hides the value): keep the
            // number itself readable rather than the format's decoration.
            out.prefix.clear();
        }
        out
    }
}

/// An Excel serial date/time: `2021-12-31`, `2021-12-31 08:30:00`, `08:30:00`; a duration
/// (`[h]:mm:ss` format) as hours, minutes and seconds.
pub fn date_time(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        let total = (dt.as_f64() * 86_400.0).round() as i64;
        let sign = if total < 0 { "-" } else { "" };
        let total = total.abs();
        return format!("{sign}{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    let serial = dt.as_f64();
    if (0.0..1.0).contains(&serial) {
        return format!("{h:02}:{mi:02}:{s:02}");
    }
    if h == 0 && mi == 0 && s == 0 {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}

/// Whether a date format shows the year and month but no day nor time (`yyyy"年"m"月"`,
/// `yyyy-mm`): its codes outside quoted literals and brackets.
fn shows_month_not_day(format: &str) -> bool {
    let (mut quoted, mut bracket) = (false, false);
    let (mut year, mut month) = (false, false);
    for c in format.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            _ if quoted || bracket => {}
            'y' | 'Y' | 'e' => year = true,
            'm' | 'M' => month = true,
            'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'a' | 'A' => return false,
            _ => {}
        }
    }
    year && month
}

/// An ISO date-time from .ods: midnight is left out (`2021-12-31T00:00:00` is `2021-12-31`).
fn date_iso(s: &str) -> String {
    let s = s.trim();
    match s.split_once('T') {
        Some((date, "00:00:00" | "00:00:00.000" | "00:00")) => date.to_owned(),
        Some((date, time)) => format!("{date} {time}"),
        None => s.to_owned(),
    }
}

/// An ISO duration from .ods (`PT08H30M00S`) as `08:30:00`; anything else as stored.
fn duration_iso(s: &str) -> String {
    let Some(rest) = s.trim().strip_prefix("PT") else { return s.to_owned() };
    let mut parts = [0u64; 3];
    let mut num = String::new();
    let mut fraction = false;
    for c in rest.chars() {
        match c {
            '0'..='9' if fraction => {}
            '0'..='9' => num.push(c),
            'H' | 'M' | 'S' => {
                let i = match c {
                    'H' => 0,
                    'M' => 1,
                    _ => 2,
                };
                parts[i] = num.parse().unwrap_or(0);
                num.clear();
                fraction = false;
            }
            // Fractions of a second are below what tables publish.
            '.' => fraction = true,
            _ => return s.to_owned(),
        }
    }
    format!("{:02}:{:02}:{:02}", parts[0], parts[1], parts[2])
}

#[cfg(test)]
mod tests {
    use calamine::ExcelDateTimeType;

    use super::*;

    fn num(v: f64, f: &str) -> String {
        number(v, Some(f), false)
    }

    #[test]
    fn numbers_have_no_float_noise() {
        assert_eq!(decimal_text(700.0, 0), "700");
        assert_eq!(decimal_text(0.1 + 0.2, 0), "0.3");
        assert_eq!(decimal_text(1.0 / 3.0, 0), "0.333333333333333");
        assert_eq!(decimal_text(-12.5, 0), "-12.5");
        assert_eq!(decimal_text(28.8, 0), "28.8");
        assert_eq!(decimal_text(1e20, 0), "100000000000000000000");
        assert!(decimal_text(1e300, 0).starts_with("1000000"));
        assert_eq!(decimal_text(-0.0, 0), "0");
        assert_eq!(decimal_text(0.955, 2), "95.5");
        assert_eq!(decimal_text(1.15, 2), "115");
    }

    #[test]
    fn percent_formats_scale_and_suffix() {
        assert_eq!(num(0.95, "0%"), "95%");
        assert_eq!(num(0.955, "0.00%"), "95.5%");
        assert_eq!(num(1.0, "0%"), "100%");
        assert_eq!(number(0.95, None, true), "95%");
        assert_eq!(num(0.95, "General"), "0.95");
        assert_eq!(number(0.95, None, false), "0.95");
    }

    #[test]
    fn literal_affixes_are_kept() {
        assert_eq!(num(50.0, "0\"人\""), "50人");
        assert_eq!(num(28.8, "#,##0.00\"万元\""), "28.8万元");
        assert_eq!(num(3.0, "\\≥0\"个\""), "≥3个");
        assert_eq!(num(12.0, "[$¥-804]#,##0.00"), "¥12");
        assert_eq!(num(-5.0, "0.0;[Red]\\(0.0\\)"), "(5)");
        assert_eq!(num(-5.0, "0.0"), "-5");
        assert_eq!(num(7.0, "_(* #,##0_)"), "7");
        assert_eq!(num(7.0, "[Red]General\"天\""), "7天");
        assert_eq!(num(7.0, ";;;"), "7");
        assert_eq!(num(7.0, "@"), "7");
    }

    #[test]
    fn excel_dates_read_as_iso() {
        let dt = |v| ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false);
        assert_eq!(date_time(&dt(44561.0)), "2021-12-31");
        let month = render(&Value::DateTime(dt(44531.0)), Some("yyyy\"年\"m\"月\""), false);
        assert_eq!(month, Rendered::Text("2021年12月".into()));
        assert!(!shows_month_not_day("yyyy-mm-dd") && !shows_month_not_day("h:mm") && shows_month_not_day("yyyy-mm"));
        assert_eq!(date_time(&dt(44561.5)), "2021-12-31 12:00:00");
        assert_eq!(date_time(&dt(0.25)), "06:00:00");
        let d1904 = ExcelDateTime::new(43099.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(date_time(&d1904), "2021-12-31");
        let dur = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(date_time(&dur), "36:00:00");
    }

    #[test]
    fn ods_dates_and_durations() {
        assert_eq!(date_iso("2021-12-31"), "2021-12-31");
        assert_eq!(date_iso("2021-12-31T00:00:00"), "2021-12-31");
        assert_eq!(date_iso("2021-12-31T08:30:00"), "2021-12-31 08:30:00");
        assert_eq!(duration_iso("PT08H30M00S"), "08:30:00");
        assert_eq!(duration_iso("PT36H00M00.5S"), "36:00:00");
        assert_eq!(duration_iso("P1D"), "P1D");
    }

    #[test]
    fn values_render() {
        assert_eq!(render(&Value::Bool(true), None, false), Rendered::Text("TRUE".into()));
        assert_eq!(render(&Value::Error(&CellErrorType::NA), None, false), Rendered::Error("#N/A".into()));
        assert_eq!(render(&Value::Text(" 大于80% "), None, false), Rendered::Text(" 大于80% ".into()));
    }
}

//! The page frame and small pieces of HTML (badges, times in China time). Every text from a table or a user goes through
//! [`esc`]; nothing else builds markup from data.

use axum::response::Html;

use crate::auth::CurrentUser;

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            _ => s.push(c),
        }
    }
    s
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;margin:0;color:#222;background:#f6f7f9}\
header{background:#9b1c1c;color:#fff;padding:8px 20px;display:flex;gap:18px;align-items:center;flex-wrap:wrap}\
header a{color:#fff;text-decoration:none}header .brand{font-weight:bold;font-size:18px}header .me{margin-left:auto}\
header form{display:inline}header button{background:none;border:1px solid #fff;color:#fff;cursor:pointer;padding:2px 8px}\
main{padding:16px 24px;max-width:1200px;margin:0 auto}h1{font-size:22px}\
table.list{border-collapse:collapse;width:100%;background:#fff}table.list th,table.list td{border:1px solid #ddd;padding:5px 8px;text-align:left;vertical-align:top}\
table.list th{background:#f0f0f0}.error{color:#b00020}.warning{color:#a15c00}.info{color:#555}.notice{background:#fff8e1;border:1px solid #e0c36c;padding:8px 12px}\
.flash{background:#e8f5e9;border:1px solid #81c784;padding:8px 12px}.conflict{background:#fdecea;border:1px solid #e57373;padding:8px 12px}\
.badge{display:inline-block;padding:1px 6px;border-radius:3px;background:#eee;font-size:13px}\
.s-draft{background:#eee}.s-submitted{background:#fff3cd}.s-returned{background:#f8d7da}.s-approved{background:#d1e7dd}.s-published{background:#cfe2ff}\
form.inline{display:inline}fieldset{border:1px solid #ddd;background:#fff;margin:8px 0}label{margin-right:8px}\
input[type=text],input[type=search],input[type=password],textarea,select{padding:4px;font:inherit}textarea{width:100%}\
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #ddd;padding:10px 14px;min-width:120px}\
.pager a{margin-right:8px}.official{background:#fff;padding:8px;overflow-x:auto}\
.light{display:inline-block;padding:1px 8px;border-radius:9px;font-size:13px;color:#fff}.l-red{background:#c62828}\
.l-yellow{background:#f9a825;color:#222}.l-green{background:#2e7d32}.l-blue{background:#1565c0}.l-unknown{background:#9e9e9e}\
.working{font-family:monospace;font-size:13px}td.num{text-align:right}";

/// A whole page: header with the user's name and logout, the body, in Chinese.
pub fn page(title: &str, viewer: Option<&CurrentUser>, body: &str) -> Html<String> {
    let nav = match viewer {
        Some(u) => {
            let admin = if u.user.role == jixiao_core::workflow::Role::Admin {
                "<a href=\"/admin/users\">用户管理</a>"
            } else {
                ""
            };
            let overview =
                if matches!(u.user.role, jixiao_core::workflow::Role::Reviewer | jixiao_core::workflow::Role::Admin) {
                    "<a href=\"/overview\">监控与评分</a>"
                } else {
                    ""
                };
            let upload =
                if u.user.role == jixiao_core::workflow::Role::Officer { "<a href=\"/upload\">上传</a>" } else { "" };
            format!(
                "<a href=\"/\">首页</a><a href=\"/tables\">绩效目标表</a>{upload}{overview}{admin}<a href=\"/public\">公开目录</a>\
                 <span class=\"me\">{} ({})</span><form method=\"post\" action=\"/logout\">{}<button>退出</button></form>",
                esc(&u.user.username),
                u.user.role.label(),
                csrf_field(u)
            )
        }
        None => "<a href=\"/public\">公开目录</a><span class=\"me\"><a href=\"/login\">登录</a></span>".to_owned(),
    };
    Html(format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{} · 绩效目标管理</title><style>{STYLE}</style></head>\
         <body><header><a class=\"brand\" href=\"/\">绩效目标管理</a>{nav}</header><main>{body}</main></body></html>",
        esc(title)
    ))
}

/// The hidden CSRF field of a form.
pub fn csrf_field(u: &CurrentUser) -> String {
    format!("<input type=\"hidden\" name=\"_csrf\" value=\"{}\">", esc(&u.csrf))
}

/// A traffic light as a coloured badge with its name.
pub fn light_badge(light: jixiao_core::monitoring::Light) -> String {
    let code = serde_json::to_value(light).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    format!("<span class=\"light l-{code}\">{}</span>", light.label())
}

/// A status as a coloured badge.
pub fn status_badge(status: jixiao_core::workflow::Status) -> String {
    format!("<span class=\"badge s-{}\">{}</span>", status.code(), status.label())
}

/// A time as the store keeps it (RFC 3339 in UTC, `2026-11-30T21:57:26.278Z`) as the pages show
/// it: China time (UTC+8) to the minute, `2026-12-01 05:57`. Text that is not such a time is
/// shown as it is.
pub fn china_time(utc: &str) -> String {
    china_time_of(utc).unwrap_or_else(|| utc.to_owned())
}

fn china_time_of(utc: &str) -> Option<String> {
    let b = utc.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = utc.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None }
    };
    if b.len() < 17 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' {
        return None;
    }
    // Only UTC is read: an offset other than zero would need its own arithmetic, and the store
    // writes none.
    let zone = utc.get(16..)?;
    let zone = zone.trim_start_matches(|c: char| c == ':' || c == '.' || c.is_ascii_digit());
    if !matches!(zone, "Z" | "z" | "+00:00" | "") {
        return None;
    }
    let (year, month, day, hour, minute) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    let minutes = (jixiao_core::calendar::days_from_civil(year, month, day) * 24 + hour + 8) * 60 + minute;
    let (days, of_day) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    let (y, m, d) = jixiao_core::calendar::civil_from_days(days);
    Some(format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", of_day / 60, of_day % 60))
}

#[cfg(test)]
mod tests {
    use super::china_time;

    #[test]
    fn times_are_shown_in_china_time_to_the_minute() {
        assert_eq!(china_time("2026-11-30T21:57:26.278Z"), "2026-12-01 05:57", "past midnight in Beijing");
        assert_eq!(china_time("2026-12-31T16:00:00Z"), "2027-01-01 00:00", "into the next year");
        assert_eq!(china_time("2028-02-28T20:30:00.000Z"), "2028-02-29 04:30", "a leap day");
        assert_eq!(china_time("2027-02-28T20:30:00.000Z"), "2027-03-01 04:30", "no leap day");
        assert_eq!(china_time("2026-06-01T03:04:05+00:00"), "2026-06-01 11:04");
        assert_eq!(china_time("昨天"), "昨天", "anything else is shown as it is");
        assert_eq!(china_time("2026-06-01T03:04:05+05:00"), "2026-06-01T03:04:05+05:00");
    }
}

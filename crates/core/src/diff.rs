//! What changed between two versions of a document, field by field, for the change log and the
//! history page: each change is a path into the interchange JSON with its value before and after.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::Document;

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Path into the interchange JSON, keys and indexes joined by `/` (`indicators/3/target`).
    pub path: String,
    /// The value before; absent when the field was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// The value after; absent when the field was removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

/// The changes from `before` to `after`, in document order.
pub fn changes(before: &Document, after: &Document) -> Vec<FieldChange> {
    // Documents always serialise; a failure would be a bug in the model, and an empty diff
    // never hides an edit because the caller stores the whole new version anyway.
    let (Ok(a), Ok(b)) = (serde_json::to_value(before), serde_json::to_value(after)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&mut String::new(), Some(&a), Some(&b), &mut out);
    out
}

fn walk(path: &mut String, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            for (k, va) in x {
                descend(path, k, Some(va), y.get(k), out);
            }
            for (k, vb) in y.iter().filter(|(k, _)| !x.contains_key(*k)) {
                descend(path, k, None, Some(vb), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            for i in 0..x.len().max(y.len()) {
                descend(path, &i.to_string(), x.get(i), y.get(i), out);
            }
        }
        (a, b) if a != b => out.push(FieldChange { path: path.clone(), before: a.cloned(), after: b.cloned() }),
        _ => {}
    }
}

fn descend(path: &mut String, key: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<FieldChange>) {
    let len = path.len();
    if !path.is_empty() {
        path.push('/');
    }
    path.push_str(key);
    walk(path, a, b, out);
    path.truncate(len);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentKind, Indicator};

    #[test]
    fn an_edited_target_an_added_indicator_and_a_removed_goal() {
        let mut a = Document::new(DocumentKind::Department);
        a.goals = vec!["完成出访任务".into()];
        a.indicators
            .push(Indicator { name: "出访团组数".into(), target: "≥10个".into(), ..Indicator::default() });
        let mut b = a.clone();
        b.goals.clear();
        b.indicators[0].target = "≥12个".into();
        b.indicators.push(Indicator { name: "来访人次".into(), ..Indicator::default() });
        let c = changes(&a, &b);
        let paths: Vec<_> = c.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["goals", "indicators/0/target", "indicators/1"], "{c:?}");
        assert_eq!(c[1].before, Some(Value::String("≥10个".into())));
        assert_eq!(c[1].after, Some(Value::String("≥12个".into())));
        assert!(c[2].before.is_none());
        assert!(changes(&a, &a).is_empty());
    }
}

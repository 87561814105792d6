//! What changed between two versions of a document, field by field, for the change log and the
//! history page: each change is a path into the interchange JSON with its value before and after,
//! and, inside a goal, task or indicator, the element's identity.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::elements::{ElementId, ElementKind, Elements};
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
    /// The goal, task or indicator the field belongs to, when the versions' identities were
    /// known (absent in entries logged before identities were kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<ElementId>,
}

/// The changes from `before` to `after`, in document order, lists compared place by place.
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

/// The changes from `before` to `after`, whose elements' identities are `before_ids` and
/// `after_ids`: goals, tasks and indicators are compared element by element, so that an
/// inserted indicator is one change rather than a shift of every row below it. A kept or added
/// element's path gives its place in `after`, a removed one's its place in `before`; each names
/// its element. Lists whose identities do not fit are compared place by place.
pub fn changes_between(
    before: &Document,
    before_ids: &Elements,
    after: &Document,
    after_ids: &Elements,
) -> Vec<FieldChange> {
    let (Ok(Value::Object(mut a)), Ok(Value::Object(mut b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    let mut by_element = Vec::new();
    for kind in ElementKind::ALL {
        let (old, new) = (before_ids.list(kind), after_ids.list(kind));
        if old.len() != kind.count(before) || new.len() != kind.count(after) {
            continue;
        }
        let take = |o: &mut serde_json::Map<String, Value>| match o.remove(kind.key()) {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        by_element.push((kind, old, take(&mut a), new, take(&mut b)));
    }
    let mut out = Vec::new();
    walk(&mut String::new(), Some(&Value::Object(a)), Some(&Value::Object(b)), &mut out);
    for (kind, old_ids, old, new_ids, new) in by_element {
        let at = |id: ElementId| old_ids.iter().position(|&o| o == id);
        let mut path = String::new();
        for (j, (&id, item)) in new_ids.iter().zip(&new).enumerate() {
            let start = out.len();
            path.clear();
            path.push_str(&format!("{}/{j}", kind.key()));
            walk(&mut path, at(id).and_then(|i| old.get(i)), Some(item), &mut out);
            out[start..].iter_mut().for_each(|c| c.element = Some(id));
        }
        for (i, (&id, item)) in old_ids.iter().zip(&old).enumerate().filter(|(_, (id, _))| !new_ids.contains(id)) {
            path.clear();
            path.push_str(&format!("{}/{i}", kind.key()));
            out.push(FieldChange { path: path.clone(), before: Some(item.clone()), after: None, element: Some(id) });
        }
    }
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
        (a, b) if a != b => {
            out.push(FieldChange { path: path.clone(), before: a.cloned(), after: b.cloned(), element: None })
        }
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
    use crate::elements::Elements;
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

    #[test]
    fn between_versions_with_identities_an_inserted_indicator_is_one_change() {
        let mut a = Document::new(DocumentKind::Project);
        for (name, target) in [("出访团组数", "≥10个"), ("任务完成率", "≥90%"), ("完成时间", "12月底前")]
        {
            a.indicators.push(Indicator { name: name.into(), target: target.into(), ..Indicator::default() });
        }
        let ids = Elements::first(&a);
        let mut b = a.clone();
        b.indicators.insert(0, Indicator { name: "来访人次".into(), ..Indicator::default() });
        b.indicators[2].target = "≥95%".into();
        b.indicators.remove(3);
        let b_ids = ids.carry(&a, &b);
        let c = changes_between(&a, &ids, &b, &b_ids);
        let seen: Vec<_> = c.iter().map(|c| (c.path.as_str(), c.element.map(|e| e.0))).collect();
        assert_eq!(
            seen,
            [("indicators/0", Some(4)), ("indicators/2/target", Some(2)), ("indicators/2", Some(3))],
            "{c:?}"
        );
        assert!(c[0].before.is_none() && c[2].after.is_none());
        assert_eq!(c[2].before.as_ref().and_then(|v| v.get("name")), Some(&Value::String("完成时间".into())));
        // Place by place, the same edit reads as every row below the insertion changed.
        assert!(changes(&a, &b).len() > 3);
        assert!(changes_between(&a, &ids, &a, &ids).is_empty());
    }
}

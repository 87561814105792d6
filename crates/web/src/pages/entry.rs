//! What the monitoring and year-end forms share: reading typed fields with errors that name the
//! field, drawing inputs and choices prefilled with what is stored, and saving the form.

use jixiao_core::model::{DeviationCause, Likelihood};
use rust_decimal::Decimal;

use super::*;
use crate::save::{SaveKind, review_and_save};

/// Form fields that could not be read or saved, each in words that name it (in Chinese, for the
/// page).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .messages.join("; "))]
pub(crate) struct FormError {
    pub(crate) messages: Vec<String>,
}

impl FormError {
    pub(crate) fn new(message: String) -> FormError {
        FormError { messages: vec![message] }
    }

    /// `doc` when nothing is refused, else every refusal, one message each.
    pub(crate) fn unless_refused(doc: Document, refused: Vec<crate::figures::Refusal>) -> Result<Document, FormError> {
        if refused.is_empty() {
            Ok(doc)
        } else {
            Err(FormError { messages: refused.into_iter().map(|r| r.message).collect() })
        }
    }
}

/// The form's fields, trimmed; a missing field reads as empty.
pub(crate) struct Fields<'a>(pub(crate) &'a HashMap<String, String>);

impl Fields<'_> {
    pub(crate) fn text(&self, key: &str) -> String {
        self.0.get(key).map(|s| s.trim().to_owned()).unwrap_or_default()
    }

    /// Free text: empty is "not given".
    pub(crate) fn optional(&self, key: &str) -> Option<String> {
        Some(self.text(key)).filter(|s| !s.is_empty())
    }

    /// A number as typed, in the form Rust parses: Chinese input methods type full-width digits,
    /// decimal points and minus signs (`１２．５`, `－３`), which are the same number.
    pub(crate) fn number_text(&self, key: &str) -> String {
        number_text(&self.text(key))
    }

    /// An amount: empty is "not stated"; anything else an exact decimal (thousands separators
    /// and full-width forms allowed).
    pub(crate) fn amount<Q: From<Decimal>>(&self, key: &str, label: &str) -> Result<Option<Q>, FormError> {
        let raw = self.text(key);
        let t = number_text(&raw).replace(',', "");
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<Decimal>().map(|d| Some(d.into())).map_err(|_| FormError::new(format!("{label}“{raw}”不是数字")))
    }

    /// A deviation-cause category by its code (or Chinese name); empty is none.
    pub(crate) fn cause(&self, key: &str) -> Result<Option<DeviationCause>, FormError> {
        choice(&self.text(key), "偏差原因类别")
    }

    /// A likelihood by its code (or Chinese name); empty is none.
    pub(crate) fn likelihood(&self, key: &str) -> Result<Option<Likelihood>, FormError> {
        choice(&self.text(key), "完成目标可能性")
    }
}

/// `text` with full-width and other variant forms (`１２`, `．`, `－`, `−`, `，`) folded to ASCII
/// and trimmed.
pub(crate) fn number_text(text: &str) -> String {
    jixiao_core::text::fold(text).trim().to_owned()
}

fn choice<T: serde::de::DeserializeOwned>(code: &str, what: &str) -> Result<Option<T>, FormError> {
    if code.is_empty() {
        return Ok(None);
    }
    serde_json::from_value(serde_json::Value::String(code.to_owned()))
        .map(Some)
        .map_err(|_| FormError::new(format!("{what}“{code}”不是可选的一项")))
}

/// The deviation-cause categories: code and name.
pub(crate) const CAUSES: [DeviationCause; 5] = [
    DeviationCause::Funding,
    DeviationCause::Rules,
    DeviationCause::Staffing,
    DeviationCause::Hardware,
    DeviationCause::Other,
];

/// The likelihoods, most hopeful first.
pub(crate) const LIKELIHOODS: [Likelihood; 3] = [Likelihood::Certain, Likelihood::Possible, Likelihood::Impossible];

fn code<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// A `<select>` of deviation-cause categories with `current` chosen.
fn cause_select(name: &str, current: Option<DeviationCause>) -> String {
    let options = CAUSES.map(|c| (code(c), c.label(), Some(c) == current));
    select(name, "偏差原因类别", &options)
}

/// A `<select>` of likelihoods with `current` chosen.
fn likelihood_select(name: &str, current: Option<Likelihood>) -> String {
    let options = LIKELIHOODS.map(|l| (code(l), l.label(), Some(l) == current));
    select(name, "完成目标可能性", &options)
}

fn select(name: &str, title: &str, options: &[(String, &str, bool)]) -> String {
    let mut s = format!("<select name=\"{name}\" title=\"{title}\"><option value=\"\">—</option>");
    for (code, label, chosen) in options {
        let sel = if *chosen { " selected" } else { "" };
        s.push_str(&format!("<option value=\"{code}\"{sel}>{label}</option>"));
    }
    s.push_str("</select>");
    s
}

/// What a form shows: what was typed, when a save was refused for a mistyped field, else what
/// is stored — so that a refusal loses nothing typed.
#[derive(Clone, Copy)]
pub(crate) struct Prefill<'a>(pub(crate) Option<&'a HashMap<String, String>>);

impl Prefill<'_> {
    /// A text input with the typed or the stored value (escaped).
    pub(crate) fn input(&self, name: &str, stored: &str, size: u32) -> String {
        let value = self.0.and_then(|f| f.get(name)).map(String::as_str).unwrap_or(stored);
        format!("<input type=\"text\" name=\"{name}\" value=\"{}\" size=\"{size}\">", esc(value))
    }

    /// An amount's input.
    pub(crate) fn amount(&self, name: &str, stored: Option<impl Into<Decimal>>) -> String {
        self.input(name, &stored.map(|v| v.into().to_string()).unwrap_or_default(), 10)
    }

    /// A deviation-cause category chosen as typed (when it is one) or as stored.
    pub(crate) fn cause(&self, name: &str, stored: Option<DeviationCause>) -> String {
        let typed = self.0.and_then(|f| f.get(name)).map(|c| choice(c, "").ok().flatten());
        cause_select(name, typed.unwrap_or(stored))
    }

    /// A likelihood chosen as typed (when it is one) or as stored.
    pub(crate) fn likelihood(&self, name: &str, stored: Option<Likelihood>) -> String {
        let typed = self.0.and_then(|f| f.get(name)).map(|c| choice(c, "").ok().flatten());
        likelihood_select(name, typed.unwrap_or(stored))
    }
}

/// The conflict message of a form saved on a stale version: what happened, that nothing typed
/// is lost, and what saving again does.
pub(crate) fn conflict_message(m: &str, current: i64) -> String {
    format!(
        "<p class=\"conflict\" role=\"alert\">{} (下面保留了您填写的内容; 当前版本为第 {current} 版, 再次保存将以您的内容覆盖它。)</p>",
        esc(m)
    )
}

/// An error message above a form.
pub(crate) fn error_message(m: &str) -> String {
    format!("<p class=\"error\" role=\"alert\">{}</p>", esc(m))
}

/// A form's errors above it, one line each.
fn error_messages(e: &FormError) -> String {
    e.messages.iter().map(|m| error_message(m)).collect()
}

/// One kind of entry form on a stored table (monitoring data, year-end actuals), for [`save_entry`].
pub(crate) struct EntryForm {
    /// The page's title.
    pub(crate) title: &'static str,
    /// Where the table's page opens after a save.
    pub(crate) anchor: &'static str,
    /// Applies the form to a document, touching only what the form is for.
    pub(crate) apply: fn(Document, &HashMap<String, String>) -> Result<Document, FormError>,
    /// Draws the form: user, table id, version it is based on, document, message, prefill.
    pub(crate) draw: fn(&CurrentUser, i64, i64, &Document, &str, Prefill) -> String,
    /// What the save records.
    pub(crate) kind: SaveKind,
}

/// Saves an entry form the user may save on table `t`. The form is applied to the version it was
/// made from, so that a conflict loses nothing typed; a mistyped field redraws the form with what
/// was typed (422), a stale version redraws it over the current version (409).
pub(crate) async fn save_entry(
    state: &AppState,
    u: &CurrentUser,
    t: &StoredTable,
    form: &HashMap<String, String>,
    entry: &EntryForm,
) -> Result<Response, Response> {
    let id = t.summary.id;
    let redraw = |body: String, status: StatusCode| {
        let mut r = page(entry.title, Some(u), &body).into_response();
        *r.status_mut() = status;
        r
    };
    let based_on: i64 = form.get("version").and_then(|v| v.parse().ok()).unwrap_or(0);
    let base = state.store().get_version(id, based_on).await.map(|b| b.document).unwrap_or(t.document.clone());
    let doc = match (entry.apply)(base, form) {
        Ok(d) => d,
        Err(e) => {
            let body = (entry.draw)(u, id, based_on, &t.document, &error_messages(&e), Prefill(Some(form)));
            return Ok(redraw(body, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    match review_and_save(state, id, based_on, &doc, &u.user.username, entry.kind, None).await {
        Ok(_) => Ok(Redirect::to(&format!("/tables/{id}#{}", entry.anchor)).into_response()),
        Err(jixiao_store::StoreError::Conflict(m)) => {
            let body = (entry.draw)(u, id, t.version, &doc, &conflict_message(&m, t.version), Prefill(None));
            Ok(redraw(body, StatusCode::CONFLICT))
        }
        Err(e) => Err(AppError::from(e).into_response()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn sample() -> Document {
        let docs: Vec<Document> =
            serde_json::from_str(include_str!("../../../../samples/ningxia-waishi-2020.expected.json")).unwrap();
        docs.into_iter().find(|d| d.project.is_some()).unwrap()
    }

    #[test]
    fn numbers_typed_full_width_are_the_same_numbers() {
        let typed = form(&[("a", "１，２３４．５"), ("b", "－３"), ("c", " ８ "), ("d", "12x")]);
        let f = Fields(&typed);
        assert_eq!(f.amount::<Decimal>("a", "甲"), Ok(Some(Decimal::new(12345, 1))));
        assert_eq!(f.amount::<Decimal>("b", "乙"), Ok(Some(Decimal::from(-3))));
        assert_eq!(f.amount::<Decimal>("c", "丙"), Ok(Some(Decimal::from(8))));
        assert_eq!(f.amount::<Decimal>("d", "丁"), Err(FormError::new("丁“12x”不是数字".into())));
        let doc = super::super::monitoring::apply_monitoring(
            sample(),
            &form(&[("month", "１２"), ("budget_initial", "１００")]),
        )
        .unwrap();
        let m = doc.monitoring.unwrap();
        assert_eq!((m.month, m.budget_initial.map(Decimal::from)), (Some(12), Some(Decimal::from(100))));
        let (doc, _) =
            super::super::editor::apply_form(sample(), &form(&[("year", "２０２１"), ("funds_total", "５０")]))
                .unwrap();
        assert_eq!(doc.year, Some(2021));
    }
}

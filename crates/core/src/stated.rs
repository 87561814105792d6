//! A field a table may not have, may have and leave blank, or may fill in: the interchange
//! format writes the first as an absent key and the second as `null`, and a round trip keeps
//! them apart.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a table says of a field its template may or may not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Stated<T> {
    /// The table has no place for it.
    #[default]
    Absent,
    /// The table has the field and left it blank.
    Blank,
    /// The table gives this.
    Given(T),
}

impl<T> Stated<T> {
    /// A field the table has: blank when `value` is `None`.
    pub fn from_option(value: Option<T>) -> Stated<T> {
        match value {
            Some(v) => Stated::Given(v),
            None => Stated::Blank,
        }
    }

    /// A field the table has only when `value` is given: absent otherwise.
    pub fn given_or_absent(value: Option<T>) -> Stated<T> {
        value.map_or(Stated::Absent, Stated::Given)
    }

    /// The field after a form's entry `value` for it: given when entered; left empty, blank on
    /// a table that has the field (it stays `null`) and absent on one that has not.
    pub fn entered(&self, value: Option<T>) -> Stated<T> {
        match value {
            Some(v) => Stated::Given(v),
            None if self.is_present() => Stated::Blank,
            None => Stated::Absent,
        }
    }

    /// The value given, if any.
    pub fn given(&self) -> Option<&T> {
        match self {
            Stated::Given(v) => Some(v),
            _ => None,
        }
    }

    /// The value given, if any, taken.
    pub fn into_given(self) -> Option<T> {
        match self {
            Stated::Given(v) => Some(v),
            _ => None,
        }
    }

    /// Whether the table has no place for the field.
    pub fn is_absent(&self) -> bool {
        matches!(self, Stated::Absent)
    }

    /// Whether the table has the field, blank or given.
    pub fn is_present(&self) -> bool {
        !self.is_absent()
    }

    /// The value given, changed; absent and blank stay as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Stated<U> {
        match self {
            Stated::Absent => Stated::Absent,
            Stated::Blank => Stated::Blank,
            Stated::Given(v) => Stated::Given(f(v)),
        }
    }

    /// A borrowed view.
    pub fn as_ref(&self) -> Stated<&T> {
        match self {
            Stated::Absent => Stated::Absent,
            Stated::Blank => Stated::Blank,
            Stated::Given(v) => Stated::Given(v),
        }
    }
}

impl<T: Copy> Stated<&T> {
    /// The view with the value copied.
    pub fn copied(self) -> Stated<T> {
        self.map(|v| *v)
    }
}

/// Absent is left out by the field's `skip_serializing_if = "Stated::is_absent"`; blank is
/// `null`.
impl<T: Serialize> Serialize for Stated<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Stated::Absent | Stated::Blank => s.serialize_none(),
            Stated::Given(v) => v.serialize(s),
        }
    }
}

/// A key present is the field present: `null` is blank. An absent key is the field's
/// `#[serde(default)]`, absent.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Stated<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Stated<T>, D::Error> {
        Option::<T>::deserialize(d).map(Stated::from_option)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Row {
        #[serde(default, skip_serializing_if = "Stated::is_absent")]
        code: Stated<String>,
    }

    #[test]
    fn absent_blank_and_given_round_trip_apart() {
        for (json, code) in [
            ("{}", Stated::Absent),
            (r#"{"code":null}"#, Stated::Blank),
            (r#"{"code":"219001"}"#, Stated::Given("219001".to_owned())),
        ] {
            let row: Row = serde_json::from_str(json).expect("reads");
            assert_eq!(row.code, code, "{json}");
            assert_eq!(serde_json::to_string(&row).expect("writes"), json);
        }
    }

    #[test]
    fn a_given_value_is_the_only_one_taken() {
        assert_eq!(Stated::Given(3).given(), Some(&3));
        assert_eq!(Stated::<i32>::Blank.into_given(), None);
        assert!(Stated::<i32>::Blank.is_present() && Stated::<i32>::Absent.is_absent());
        assert_eq!(Stated::Given(2).map(|v| v * 2), Stated::Given(4));
        assert_eq!(Stated::from_option(None::<i32>), Stated::Blank);
        assert_eq!(Stated::<i32>::Absent.entered(Some(5)), Stated::Given(5));
        assert_eq!(Stated::Given(5).entered(None), Stated::Blank);
        assert_eq!(Stated::<i32>::Absent.entered(None), Stated::Absent);
    }
}

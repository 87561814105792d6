//! Serde support for fields that may be absent, `null`, or set (`Option<Option<T>>`).
//!
//! The interchange format tells "the table has no such field" (absent) from "the table has the
//! field and left it blank" (`null`); a plain `Option` would merge the two and break round trips.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Use with `#[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]`.
pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Option<T>>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        None | Some(None) => s.serialize_none(),
        Some(Some(v)) => v.serialize(s),
    }
}

/// A present field deserialises to `Some(..)`; serde's `default` supplies `None` when absent.
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// For fields with a natural empty value (`""`, `[]`, default funds): `null` reads as that value,
/// since hand-written JSON and other tools write `null` for what a table does not state.
/// Use with `#[serde(default, deserialize_with = "nullable::or_default")]`.
pub fn or_default<'de, T: Deserialize<'de> + Default, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

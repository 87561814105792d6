//! Serde support for text and list fields of the interchange format that other tools write as
//! `null` when a table leaves them empty. (Fields whose absence differs from their blankness are
//! [`Stated`](crate::stated::Stated).)

use serde::{Deserialize, Deserializer};

/// For fields with a natural empty value (`""`, `[]`, default funds): `null` reads as that value,
/// since hand-written JSON and other tools write `null` for what a table does not state.
/// Use with `#[serde(default, deserialize_with = "nullable::or_default")]`.
pub fn or_default<'de, T: Deserialize<'de> + Default, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

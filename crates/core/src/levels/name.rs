//! An indicator's 一级 or 二级 as the document holds it: the name as published (canonical where
//! standard), with the standard levels it can be, worked out once, when first asked, and kept
//! with the document.

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer};

use super::{Level1, Level2, classify};

/// A level's name and what it is. Two names are equal when their texts are; the standard levels
/// follow from the text.
#[derive(Clone, Default)]
pub struct LevelName {
    /// Shared, not copied, by the indicators under one level: a table gives each of its
    /// indicators the level names of the rows above.
    text: Arc<str>,
    /// The standard 一级 and 二级 the name can be (`成本指标` and `满意度` can be either).
    standard: OnceLock<Standard>,
}

/// The standard 一级 and 二级 a name can be.
type Standard = (Option<Level1>, Option<Level2>);

impl LevelName {
    /// The name as given; classified when first asked.
    pub fn new(text: impl Into<Arc<str>>) -> LevelName {
        LevelName { text: text.into(), standard: OnceLock::new() }
    }

    /// The standard 一级 this name is, if it names one.
    pub fn as_level1(&self) -> Option<Level1> {
        self.standard().0
    }

    /// The standard 二级 this name is, if it names one.
    pub fn as_level2(&self) -> Option<Level2> {
        self.standard().1
    }

    fn standard(&self) -> Standard {
        *self.standard.get_or_init(|| classify(&self.text))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the table left the level blank.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl From<LevelName> for String {
    fn from(name: LevelName) -> String {
        name.text.as_ref().to_owned()
    }
}

crate::published::published_text!(LevelName);

/// `null` reads as a blank level, as for the other text fields of the interchange format.
impl<'de> Deserialize<'de> for LevelName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<LevelName, D::Error> {
        Option::<String>::deserialize(d).map(|t| LevelName::new(t.unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_knows_the_standard_levels_it_can_be() {
        let cost = LevelName::new("成本指标");
        assert_eq!((cost.as_level1(), cost.as_level2()), (Some(Level1::Cost), Some(Level2::Cost)));
        let other = LevelName::new("预算执行绩效目标");
        assert_eq!((other.as_level1(), other.as_level2()), (None, None));
        assert_eq!(LevelName::new("满意度指标").as_level2(), classify("满意度指标").1);
        assert!(LevelName::default().is_empty());
    }

    #[test]
    fn it_is_a_plain_string_in_json_and_null_is_blank() {
        let n = LevelName::new("产出指标");
        assert_eq!(serde_json::to_string(&n).expect("serialises"), "\"产出指标\"");
        let back: LevelName = serde_json::from_str("\"产出指标\"").expect("reads");
        assert_eq!((back.clone(), back.as_level1()), (n, Some(Level1::Output)));
        let blank: LevelName = serde_json::from_str("null").expect("reads");
        assert!(blank.is_empty());
    }
}

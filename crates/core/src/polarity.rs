//! 指标方向 as published, with what it says: a 正向 indicator's target is a floor (more is
//! better), a 反向 one's a ceiling (less is better).

use serde::{Deserialize, Deserializer};

/// Which side of its target an indicator should land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// 正向: at least the target.
    Floor,
    /// 反向: at most the target.
    Ceiling,
}

/// An indicator's 指标方向: the text as published, and the bound it states, read once.
#[derive(Clone)]
pub struct Polarity {
    text: String,
    bound: Option<Bound>,
}

impl Polarity {
    /// The published text, read.
    pub fn new(text: impl Into<String>) -> Polarity {
        let text = text.into();
        let bound = bound_of(&text);
        Polarity { text, bound }
    }

    /// The bound the text states; `None` when it says neither (`/`, blank, another word).
    pub fn bound(&self) -> Option<Bound> {
        self.bound
    }

    /// The text as published.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// 反向 / 逆向 / 越小越好 are ceilings, 正向 / 越大越好 floors; a text naming both is neither.
fn bound_of(text: &str) -> Option<Bound> {
    let ceiling = text.contains('反') || text.contains('逆') || text.contains("越小") || text.contains("越低");
    let floor = text.contains('正') || text.contains("越大") || text.contains("越高");
    match (floor, ceiling) {
        (true, false) => Some(Bound::Floor),
        (false, true) => Some(Bound::Ceiling),
        _ => None,
    }
}

crate::published::published_text!(Polarity);

impl<'de> Deserialize<'de> for Polarity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Polarity, D::Error> {
        String::deserialize(d).map(Polarity::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_words_say_floor_or_ceiling() {
        for (text, bound) in [
            ("正向", Some(Bound::Floor)),
            ("正向指标", Some(Bound::Floor)),
            ("越大越好", Some(Bound::Floor)),
            ("反向", Some(Bound::Ceiling)),
            ("反向指标", Some(Bound::Ceiling)),
            ("逆向", Some(Bound::Ceiling)),
            ("越低越好", Some(Bound::Ceiling)),
            ("/", None),
            ("", None),
            ("正向/反向", None),
        ] {
            assert_eq!(Polarity::new(text).bound(), bound, "{text}");
        }
    }

    #[test]
    fn it_is_the_published_text_in_json() {
        let p = Polarity::new("反向");
        assert_eq!(serde_json::to_string(&p).expect("serialises"), "\"反向\"");
        let back: Polarity = serde_json::from_str("\"反向\"").expect("reads");
        assert_eq!((back.as_str(), back.bound()), ("反向", Some(Bound::Ceiling)));
    }
}

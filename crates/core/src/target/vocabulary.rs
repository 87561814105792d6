//! The words of the target grammar: comparators as words, symbols and suffixes, and the verbs
//! that give a qualitative target its direction.

use std::sync::LazyLock;

use super::{Direction, Op};

/// A word list indexed by first and last character, so that matching at a position compares
/// only the few words that could start (or end) there.
pub(super) struct Lexicon<T: 'static> {
    by_first: Vec<(char, Vec<(&'static str, T)>)>,
    by_last: Vec<(char, Vec<(&'static str, T)>)>,
}

impl<T: Copy> Lexicon<T> {
    /// Indexes `words`, keeping their order within each character (longest first wins).
    fn new(words: &'static [(&'static str, T)]) -> Self {
        fn index<T: Copy>(
            words: &'static [(&'static str, T)],
            key: fn(&str) -> Option<char>,
        ) -> Vec<(char, Vec<(&'static str, T)>)> {
            let mut out: Vec<(char, Vec<(&'static str, T)>)> = Vec::new();
            for &(w, v) in words {
                let Some(c) = key(w) else { continue };
                match out.iter_mut().find(|(k, _)| *k == c) {
                    Some((_, list)) => list.push((w, v)),
                    None => out.push((c, vec![(w, v)])),
                }
            }
            out.sort_by_key(|(c, _)| *c);
            out
        }
        Lexicon { by_first: index(words, |w| w.chars().next()), by_last: index(words, |w| w.chars().next_back()) }
    }

    fn starting(&self, c: char) -> &[(&'static str, T)] {
        match self.by_first.binary_search_by_key(&c, |(k, _)| *k) {
            Ok(i) => &self.by_first[i].1,
            Err(_) => &[],
        }
    }

    /// The word `s` starts with, and the rest of `s`.
    pub(super) fn strip_prefix<'a>(&self, s: &'a str) -> Option<(T, &'a str)> {
        let first = s.chars().next()?;
        self.starting(first).iter().find_map(|&(w, v)| s.strip_prefix(w).map(|rest| (v, rest)))
    }

    /// The word `s` ends with, and what comes before it.
    pub(super) fn strip_suffix<'a>(&self, s: &'a str) -> Option<(T, &'a str)> {
        let last = s.chars().next_back()?;
        let list = match self.by_last.binary_search_by_key(&last, |(k, _)| *k) {
            Ok(i) => &self.by_last[i].1,
            Err(_) => return None,
        };
        list.iter().find_map(|&(w, v)| s.strip_suffix(w).map(|rest| (v, rest)))
    }

    /// The earliest word in `s`: its byte offset, its length, and its value.
    pub(super) fn find(&self, s: &str) -> Option<(usize, usize, T)> {
        s.char_indices().find_map(|(at, c)| {
            self.starting(c).iter().find(|(w, _)| s[at..].starts_with(w)).map(|&(w, v)| (at, w.len(), v))
        })
    }
}

/// Comparators written before the number, longest first so that `大于等于` wins over `大于`.
pub(super) const PREFIX_OPS: &[(&str, Op)] = &[
    ("大于或等于", Op::Ge),
    ("高于或等于", Op::Ge),
    ("多于或等于", Op::Ge),
    ("小于或等于", Op::Le),
    ("低于或等于", Op::Le),
    ("少于或等于", Op::Le),
    ("大于等于", Op::Ge),
    ("高于等于", Op::Ge),
    ("小于等于", Op::Le),
    ("低于等于", Op::Le),
    ("不少于", Op::Ge),
    ("不低于", Op::Ge),
    ("不小于", Op::Ge),
    ("不超过", Op::Le),
    ("不高于", Op::Le),
    ("不多于", Op::Le),
    ("不大于", Op::Le),
    ("不超出", Op::Le),
    ("控制在", Op::Le),
    ("大于", Op::Gt),
    ("高于", Op::Gt),
    ("超过", Op::Gt),
    ("多于", Op::Gt),
    ("超出", Op::Gt),
    ("至少", Op::Ge),
    ("最少", Op::Ge),
    ("最低", Op::Ge),
    ("达到", Op::Ge),
    ("小于", Op::Lt),
    ("低于", Op::Lt),
    ("少于", Op::Lt),
    ("不足", Op::Lt),
    ("不到", Op::Lt),
    ("最多", Op::Le),
    ("至多", Op::Le),
    ("最高", Op::Le),
    ("等于", Op::Eq),
    (">=", Op::Ge),
    ("=>", Op::Ge),
    ("<=", Op::Le),
    ("=<", Op::Le),
    ("==", Op::Eq),
    ("≥", Op::Ge),
    ("≧", Op::Ge),
    ("≮", Op::Ge),
    ("≤", Op::Le),
    ("≦", Op::Le),
    ("≯", Op::Le),
    (">", Op::Gt),
    ("<", Op::Lt),
    ("=", Op::Eq),
];

/// [`PREFIX_OPS`], indexed.
pub(super) static PREFIX: LazyLock<Lexicon<Op>> = LazyLock::new(|| Lexicon::new(PREFIX_OPS));
/// [`SUFFIX_OPS`], indexed.
pub(super) static SUFFIX: LazyLock<Lexicon<Op>> = LazyLock::new(|| Lexicon::new(SUFFIX_OPS));
/// [`DATE_PREFIX_OPS`], indexed.
pub(super) static DATE_PREFIX: LazyLock<Lexicon<Option<Op>>> = LazyLock::new(|| Lexicon::new(DATE_PREFIX_OPS));
/// [`DATE_SUFFIX_OPS`], indexed.
pub(super) static DATE_SUFFIX: LazyLock<Lexicon<Op>> = LazyLock::new(|| Lexicon::new(DATE_SUFFIX_OPS));

/// Comparators written after the number and unit (`95%以上`, `3天以内`), longest first.
pub(super) const SUFFIX_OPS: &[(&str, Op)] = &[
    ("及以上", Op::Ge),
    ("或以上", Op::Ge),
    ("及以下", Op::Le),
    ("或以下", Op::Le),
    ("以上", Op::Ge),
    ("以下", Op::Le),
    ("以内", Op::Le),
    ("之内", Op::Le),
    ("左右", Op::Eq),
    ("内", Op::Le),
];

/// Comparators of dates, before the date (`不晚于2021年6月`), longest first.
pub(super) const DATE_PREFIX_OPS: &[(&str, Option<Op>)] = &[
    ("截止到", Some(Op::Le)),
    ("截至到", Some(Op::Le)),
    ("不晚于", Some(Op::Le)),
    ("不迟于", Some(Op::Le)),
    ("不早于", Some(Op::Ge)),
    ("截止", Some(Op::Le)),
    ("截至", Some(Op::Le)),
    ("早于", Some(Op::Lt)),
    ("晚于", Some(Op::Gt)),
    ("预计", None),
    ("计划", None),
    ("于", None),
    ("在", None),
];

/// Comparators of dates, after the date (`2021年12月底前`), longest first.
pub(super) const DATE_SUFFIX_OPS: &[(&str, Op)] = &[
    ("以前", Op::Le),
    ("之前", Op::Le),
    ("以后", Op::Ge),
    ("之后", Op::Ge),
    ("以内", Op::Le),
    ("之内", Op::Le),
    ("左右", Op::Eq),
    ("前", Op::Le),
    ("后", Op::Ge),
    ("内", Op::Le),
    ("止", Op::Le),
];

/// Words around a range that add nothing to it (`在90%-95%之间`).
pub(super) const RANGE_PREFIXES: &[&str] = &["保持在", "控制在", "介于", "在"];
/// See [`RANGE_PREFIXES`].
pub(super) const RANGE_SUFFIXES: &[&str] = &["范围内", "之间", "区间"];

/// Separators between the terms of a compound target (after folding `，；` to `,;`).
pub(super) fn is_term_separator(c: char) -> bool {
    matches!(c, ',' | ';' | '、')
}

/// Characters that cannot be part of a unit or subject: they belong to the grammar.
pub(super) fn is_grammar_char(c: char) -> bool {
    c.is_ascii_digit()
        || is_term_separator(c)
        || matches!(c, '<' | '>' | '=' | '~' | '-' | '≥' | '≤' | '≧' | '≦' | '≮' | '≯' | '。' | '.')
}

/// Verbs that give a qualitative target its direction.
const DIRECTED: &[(&str, Direction)] = &[
    ("提升", Direction::Up),
    ("提高", Direction::Up),
    ("增长", Direction::Up),
    ("增加", Direction::Up),
    ("增强", Direction::Up),
    ("加强", Direction::Up),
    ("改善", Direction::Up),
    ("扩大", Direction::Up),
    ("上升", Direction::Up),
    ("优化", Direction::Up),
    ("增多", Direction::Up),
    ("进步", Direction::Up),
    ("好转", Direction::Up),
    ("加快", Direction::Up),
    ("完善", Direction::Up),
    ("促进", Direction::Up),
    ("拓展", Direction::Up),
    ("拓宽", Direction::Up),
    ("壮大", Direction::Up),
    ("升高", Direction::Up),
    ("降低", Direction::Down),
    ("减少", Direction::Down),
    ("下降", Direction::Down),
    ("减轻", Direction::Down),
    ("缩小", Direction::Down),
    ("缩短", Direction::Down),
    ("压缩", Direction::Down),
    ("减低", Direction::Down),
    ("节约", Direction::Down),
    ("节省", Direction::Down),
    ("遏制", Direction::Down),
    ("杜绝", Direction::Down),
    ("消除", Direction::Down),
    ("控制", Direction::Down),
];
static DIRECTED_WORDS: LazyLock<Lexicon<Direction>> = LazyLock::new(|| Lexicon::new(DIRECTED));
const KEEP: &[&str] = &["保持", "稳定", "维持", "持平", "不变", "巩固", "稳固", "延续"];
/// Before a downward verb these negate it: `不降低` keeps a level rather than lowering it.
const NEGATIONS: &[char] = &['不', '无', '未', '没'];

/// The direction of a qualitative target: the first upward or downward verb decides
/// (`保持稳定增长` is up); a negated downward verb (`不降低`) or a keeping verb alone is keep.
pub(super) fn direction(text: &str) -> Direction {
    if let Some((at, _, dir)) = DIRECTED_WORDS.find(text) {
        let negated = dir == Direction::Down && text[..at].chars().next_back().is_some_and(|p| NEGATIONS.contains(&p));
        return if negated { Direction::Keep } else { dir };
    }
    if KEEP.iter().any(|w| text.contains(w)) { Direction::Keep } else { Direction::None }
}

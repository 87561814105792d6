//! The standard 一级 / 二级 indicator levels, their canonical names, and the two frames
//! (2015–2020 and 101号 from 2021) that say which 二级 belongs under which 一级.

mod name;

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::text::{IdeographSet, WordHasher};

pub use name::LevelName;

/// A standard 一级指标.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level1 {
    /// 产出指标
    Output,
    /// 效益指标
    Benefit,
    /// 满意度指标
    Satisfaction,
    /// 成本指标 (一级 in the 2021 frame)
    Cost,
}

/// A standard 二级指标.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level2 {
    /// 数量指标
    Quantity,
    /// 质量指标
    Quality,
    /// 时效指标
    Timeliness,
    /// 成本指标 (二级 under 产出指标 in the 2015 frame)
    Cost,
    /// 经济效益指标
    EconomicBenefit,
    /// 社会效益指标
    SocialBenefit,
    /// 生态效益指标
    EcologicalBenefit,
    /// 可持续影响指标
    Sustainability,
    /// 服务对象满意度指标
    ServiceSatisfaction,
    /// 经济成本指标
    EconomicCost,
    /// 社会成本指标
    SocialCost,
    /// 生态环境成本指标
    EcologicalCost,
}

/// Common variants of 二级 names, by stem (`时效性指标`, `可持续发展指标`).
const LEVEL2_VARIANTS: &[(&str, Level2)] = &[
    ("时效性", Level2::Timeliness),
    ("进度", Level2::Timeliness),
    ("经济", Level2::EconomicBenefit),
    ("社会", Level2::SocialBenefit),
    ("生态", Level2::EcologicalBenefit),
    ("生态环境效益", Level2::EcologicalBenefit),
    ("环境效益", Level2::EcologicalBenefit),
    ("可持续影响力", Level2::Sustainability),
    ("可持续发展", Level2::Sustainability),
    ("可持续", Level2::Sustainability),
    ("满意度", Level2::ServiceSatisfaction),
    ("服务对象满意", Level2::ServiceSatisfaction),
    ("社会公众满意度", Level2::ServiceSatisfaction),
    // The 2015 template's own name, under 效益指标 there.
    ("社会公众或服务对象满意度", Level2::ServiceSatisfaction),
    ("群众满意度", Level2::ServiceSatisfaction),
    ("生态成本", Level2::EcologicalCost),
    ("环境成本", Level2::EcologicalCost),
    // 东莞's 批复表: the budget (or investment) kept within bounds, its cost 二级.
    ("预算(或投资规模)控制", Level2::Cost),
    // Written with their 一级 in front (`产出数量`, `产出数量指标`).
    ("产出数量", Level2::Quantity),
    ("产出质量", Level2::Quality),
    ("产出时效", Level2::Timeliness),
    ("产出成本", Level2::Cost),
];

/// Variants of 一级 names, by stem: 东莞's 批复表 names its 一级 预期产出指标 and 效果指标 (its
/// 二级 社会、经济、生态效益指标, 可持续影响指标 and 满意度 under the latter).
const LEVEL1_VARIANTS: &[(&str, Level1)] = &[("预期产出", Level1::Output), ("效果", Level1::Benefit)];

/// The traditional characters of the level names (and their variants), with their simplified
/// forms, sorted (from the t2s table of the fast2s crate): a name published in traditional
/// script (`產出指標`, `社會效益指標`) is classified as its simplified form.
const TRADITIONAL: &[(char, char)] = &[
    ('傚', '效'),
    ('務', '务'),
    ('對', '对'),
    ('態', '态'),
    ('數', '数'),
    ('時', '时'),
    ('會', '会'),
    ('標', '标'),
    ('滿', '满'),
    ('濟', '济'),
    ('環', '环'),
    ('產', '产'),
    ('産', '产'),
    ('發', '发'),
    ('眾', '众'),
    ('經', '经'),
    ('續', '续'),
    ('衆', '众'),
    ('質', '质'),
    ('進', '进'),
    ('響', '响'),
    ('類', '类'),
    ('髮', '发'),
    ('齣', '出'),
];

/// The simplified form of a traditional character of the level names.
fn simplified(c: char) -> Option<char> {
    TRADITIONAL.binary_search_by_key(&c, |&(t, _)| t).ok().map(|i| TRADITIONAL[i].1)
}

/// [`classify`] of a name in traditional script, read as its simplified form.
fn classify_traditional(text: &str) -> (Option<Level1>, Option<Level2>) {
    if !text.chars().any(|c| simplified(c).is_some()) {
        return (None, None);
    }
    let simple: String = text.chars().map(|c| simplified(c).unwrap_or(c)).collect();
    stem_levels(&simple)
}

/// The levels the stem of `text` names, looked up once.
fn stem_levels(text: &str) -> (Option<Level1>, Option<Level2>) {
    match stem(text) {
        Some(s) => STEMS.get(s.as_ref()).copied().unwrap_or_default(),
        None => (None, None),
    }
}

/// The standard names of every 一级 and 二级.
fn standard_names() -> impl Iterator<Item = &'static str> {
    Level1::ALL.iter().map(|l| l.name()).chain(Level2::ALL.iter().map(|l| l.name()))
}

/// The characters a level name's stem can start with, from the names and variants above, so
/// that most names and targets are dismissed without folding them: a set, as every cell of an
/// indicator row is asked, and one bit answers.
static STEM_STARTS: LazyLock<IdeographSet> = LazyLock::new(|| {
    let starts: String = standard_names()
        .chain(LEVEL2_VARIANTS.iter().map(|(v, _)| *v))
        .chain(LEVEL1_VARIANTS.iter().map(|(v, _)| *v))
        .filter_map(|n| n.chars().next())
        .collect();
    IdeographSet::of(&starts)
});

/// The traditional characters of [`TRADITIONAL`], as a set for the same one-bit answer.
static TRADITIONAL_CHARS: LazyLock<IdeographSet> =
    LazyLock::new(|| IdeographSet::of(&TRADITIONAL.iter().map(|&(t, _)| t).collect::<String>()));

/// The levels a stem names: as 一级 and as 二级.
type StemLevels = (Option<Level1>, Option<Level2>);

/// What each stem names, as 一级 and as 二级: the names' stems and the variants, so that a
/// name is looked up once rather than compared with each.
static STEMS: LazyLock<HashMap<&'static str, StemLevels, BuildHasherDefault<WordHasher>>> = LazyLock::new(|| {
    let mut stems: HashMap<_, StemLevels, _> = HashMap::default();
    for l in Level1::ALL {
        stems.entry(stem_of(l.name())).or_default().0 = Some(l);
    }
    // The names first, then the variants: a stem that is both keeps the name's level.
    for l in Level2::ALL {
        stems.entry(stem_of(l.name())).or_default().1.get_or_insert(l);
    }
    for &(v, l) in LEVEL2_VARIANTS {
        stems.entry(v).or_default().1.get_or_insert(l);
    }
    for &(v, l) in LEVEL1_VARIANTS {
        stems.entry(v).or_default().0.get_or_insert(l);
    }
    stems
});

/// Which indicator frame a table follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frame {
    /// 财预〔2015〕88号: 成本指标 is a 二级 under 产出指标.
    #[serde(rename = "2015")]
    F2015,
    /// 财预〔2021〕101号: 成本指标 may be its own 一级.
    #[serde(rename = "2021")]
    F2021,
    /// Either frame is accepted (the default: both are in use).
    #[default]
    Any,
}

impl Level1 {
    /// Every standard 一级, in table order.
    pub const ALL: [Level1; 4] = [Level1::Output, Level1::Cost, Level1::Benefit, Level1::Satisfaction];

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
            Level1::Cost => "成本指标",
        }
    }

    /// Recognises a 一级 name, full or abbreviated (`满意度` → 满意度指标).
    pub fn from_name(text: &str) -> Option<Level1> {
        classify(text).0
    }
}

impl Level2 {
    /// Every standard 二级, in table order.
    pub const ALL: [Level2; 12] = [
        Level2::Quantity,
        Level2::Quality,
        Level2::Timeliness,
        Level2::Cost,
        Level2::EconomicCost,
        Level2::SocialCost,
        Level2::EcologicalCost,
        Level2::EconomicBenefit,
        Level2::SocialBenefit,
        Level2::EcologicalBenefit,
        Level2::Sustainability,
        Level2::ServiceSatisfaction,
    ];

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Level2::Quantity => "数量指标",
            Level2::Quality => "质量指标",
            Level2::Timeliness => "时效指标",
            Level2::Cost => "成本指标",
            Level2::EconomicBenefit => "经济效益指标",
            Level2::SocialBenefit => "社会效益指标",
            Level2::EcologicalBenefit => "生态效益指标",
            Level2::Sustainability => "可持续影响指标",
            Level2::ServiceSatisfaction => "服务对象满意度指标",
            Level2::EconomicCost => "经济成本指标",
            Level2::SocialCost => "社会成本指标",
            Level2::EcologicalCost => "生态环境成本指标",
        }
    }

    /// Recognises a 二级 name, full, abbreviated or in a common variant
    /// (`服务对象满意度` → 服务对象满意度指标, `可持续发展指标` → 可持续影响指标).
    pub fn from_name(text: &str) -> Option<Level2> {
        classify(text).1
    }

    /// The 一级 this 二级 belongs under in the given frame; 成本指标 sits under 产出指标 in the
    /// 2015 frame and is itself a 一级 in 2021, whose cost 二级 all go under 成本指标.
    pub fn parents(self, frame: Frame) -> &'static [Level1] {
        use Level1 as L1;
        match self {
            Level2::Quantity | Level2::Quality | Level2::Timeliness => &[L1::Output],
            Level2::Cost => match frame {
                Frame::F2015 => &[L1::Output],
                Frame::F2021 => &[L1::Cost],
                Frame::Any => &[L1::Output, L1::Cost],
            },
            Level2::EconomicCost | Level2::SocialCost | Level2::EcologicalCost => match frame {
                Frame::F2015 => &[],
                _ => &[L1::Cost],
            },
            Level2::EconomicBenefit | Level2::SocialBenefit | Level2::EcologicalBenefit | Level2::Sustainability => {
                &[L1::Benefit]
            }
            Level2::ServiceSatisfaction => &[L1::Satisfaction],
        }
    }

    /// The usual 一级 of this 二级, for filling in a 一级 a table left out.
    pub fn usual_parent(self) -> Level1 {
        self.parents(Frame::F2015).first().copied().unwrap_or(Level1::Cost)
    }
}

/// Which standard levels a name can be, as 一级 and as 二级 (`成本指标` and `满意度` can be
/// either), reading the name once.
pub fn classify(text: &str) -> (Option<Level1>, Option<Level2>) {
    // A stem starts after numbering and blanks; its first character must be one a level starts with.
    match first_after_numbering(text) {
        Some(c) if STEM_STARTS.contains(c) || crate::text::needs_fold(c) => {}
        Some(c) if TRADITIONAL_CHARS.contains(c) => return classify_traditional(text),
        _ => return (None, None),
    }
    // Readers keep standard names canonical, and tables mostly print them so: those are
    // classified once for the process, rather than stemmed at every cell.
    if let Some(&found) = CANONICAL.get(text) {
        return found;
    }
    classify_stem(text)
}

/// What [`classify`] says of each standard name, worked out once.
static CANONICAL: LazyLock<HashMap<&'static str, StemLevels, BuildHasherDefault<WordHasher>>> =
    LazyLock::new(|| standard_names().map(|n| (n, classify_stem(n))).collect());

/// [`classify`] for a name whose first character a level can start with, by its stem.
fn classify_stem(text: &str) -> (Option<Level1>, Option<Level2>) {
    let found = stem_levels(text);
    // A traditional name that starts as a simplified one does (`社會效益指標`): only looked at
    // again when it misses and holds 標, which every such 一级 and 二级 ends with.
    if found == (None, None) && text.contains('標') { classify_traditional(text) } else { found }
}

/// The first character of `text` past numbering (digits, `.`, `、`) and blanks; ASCII is
/// stepped over a byte at a time, as names start with an ideograph or a number.
fn first_after_numbering(text: &str) -> Option<char> {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if !(x.is_ascii_digit() || x == b'.' || matches!(x, b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C')) {
                return Some(char::from(x));
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next()?;
        if c != '、' && !crate::text::is_blank(c) {
            return Some(c);
        }
        i += c.len_utf8();
    }
    None
}

/// The canonical name of a 一级 where standard, else the name verbatim (trimmed).
pub fn canonical_level1(text: &str) -> String {
    match Level1::from_name(text) {
        Some(l) => l.name().to_owned(),
        None => text.trim().to_owned(),
    }
}

/// The canonical name of a 二级 where standard, else the name verbatim (trimmed).
pub fn canonical_level2(text: &str) -> String {
    match Level2::from_name(text) {
        Some(l) => l.name().to_owned(),
        None => text.trim().to_owned(),
    }
}

/// A level name reduced to what identifies it: folded, without spaces, a trailing `指标`/`类`,
/// numbering, or a bracketed note such as `(长期)`.
fn stem(text: &str) -> Option<Cow<'_, str>> {
    // Level names are short; anything long is not one (and is not worth folding).
    if text.len() > 60 {
        return None;
    }
    let squeezed = crate::text::squeeze(text);
    let (start, end) = stem_range(&squeezed)?;
    Some(match squeezed {
        Cow::Borrowed(b) => Cow::Borrowed(&b[start..end]),
        Cow::Owned(o) => Cow::Owned(o[start..end].to_owned()),
    })
}

/// The byte range of the stem within a squeezed level name.
fn stem_range(full: &str) -> Option<(usize, usize)> {
    // A weight after the name's bracket (`成本指标(0-20)分`) goes with it.
    let mut s = full.strip_suffix(")分").map_or(full, |b| &full[..b.len() + 1]);
    if s.ends_with(')') {
        if let Some(open) = s.find('(') {
            s = &s[..open];
        }
    }
    // Numbering is ASCII or `、`; a name that starts with an ideograph has none.
    let t = match s.as_bytes().first() {
        Some(&b) if crate::text::is_ideograph_lead(b) => s,
        _ => s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '、'),
    };
    let start = s.len() - t.len();
    let t = t.trim_end_matches([':', '：']);
    // A template's `服务对象满意度指标等`: the level, and others like it.
    let t = t.strip_suffix("指标等").map_or(t, |s| &t[..s.len() + "指标".len()]);
    // `产出值`, `数量值`: a template that names its levels by their values.
    let t = t.strip_suffix("指标").or_else(|| t.strip_suffix("类")).or_else(|| t.strip_suffix('值')).unwrap_or(t);
    // Twelve characters take at least twelve bytes: shorter stems need no count.
    if t.is_empty() || (t.len() > 12 && t.chars().count() > 12) {
        return None;
    }
    Some((start, start + t.len()))
}

fn stem_of(name: &'static str) -> &'static str {
    name.strip_suffix("指标").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_names_are_classified_as_their_stems_are() {
        // `classify` looks them up, once classified, instead of stemming them again.
        for name in standard_names() {
            assert_eq!(classify(name), classify_stem(name), "{name}");
        }
    }

    #[test]
    fn recognises_abbreviated_and_full_names() {
        assert_eq!(Level1::from_name("满意度"), Some(Level1::Satisfaction));
        assert_eq!(Level1::from_name(" 产出指标 "), Some(Level1::Output));
        assert_eq!(Level1::from_name("效益"), Some(Level1::Benefit));
        assert_eq!(Level1::from_name("一级指标"), None);
        assert_eq!(Level2::from_name("服务对象满意度"), Some(Level2::ServiceSatisfaction));
        assert_eq!(Level2::from_name("二级指标(长期)"), None);
        assert_eq!(Level2::from_name("数量指标(年度)"), Some(Level2::Quantity));
        assert_eq!(Level2::from_name("可持续影响指标"), Some(Level2::Sustainability));
        assert_eq!(Level2::from_name("经济成本指标"), Some(Level2::EconomicCost));
        assert_eq!(Level2::from_name("结转资金"), None);
        assert_eq!(Level2::from_name("产出数量指标"), Some(Level2::Quantity));
        assert_eq!(Level2::from_name("产出时效"), Some(Level2::Timeliness));
        assert_eq!(Level2::from_name("服务对象满意度指标等"), Some(Level2::ServiceSatisfaction));
        assert_eq!(Level1::from_name("产出值"), Some(Level1::Output));
        assert_eq!(Level1::from_name("成本指标(0-20)分"), Some(Level1::Cost));
        assert_eq!(Level2::from_name("经济效益值"), Some(Level2::EconomicBenefit));
    }

    #[test]
    fn names_in_traditional_script_are_the_same_levels() {
        assert_eq!(classify("產出指標"), classify("产出指标"));
        assert_eq!(Level2::from_name("社會效益指標"), Some(Level2::SocialBenefit));
        assert_eq!(Level2::from_name("服務對象滿意度指標"), Some(Level2::ServiceSatisfaction));
        assert_eq!(Level2::from_name("數量"), Some(Level2::Quantity));
        assert_eq!(classify("培訓人數"), (None, None));
        // The table is sorted, as the lookup needs.
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn canonical_names_keep_non_standard_levels_verbatim() {
        assert_eq!(canonical_level1("满意度"), "满意度指标");
        assert_eq!(canonical_level2("服务对象满意度"), "服务对象满意度指标");
        assert_eq!(canonical_level1("预算执行绩效目标"), "预算执行绩效目标");
    }

    #[test]
    fn classify_agrees_with_from_name() {
        for text in [
            "成本指标",
            "满意度",
            "服务对象满意度",
            "1.产出指标",
            "可持续发展指标",
            "出访费用",
            "群众满意度",
            "",
            "（二）社会效益",
        ] {
            assert_eq!(classify(text), (Level1::from_name(text), Level2::from_name(text)), "{text}");
        }
    }

    #[test]
    fn frames_place_cost_differently() {
        assert_eq!(Level2::Cost.parents(Frame::F2015), &[Level1::Output]);
        assert_eq!(Level2::Cost.parents(Frame::F2021), &[Level1::Cost]);
        assert!(Level2::EconomicCost.parents(Frame::F2015).is_empty());
        assert_eq!(Level2::SocialBenefit.parents(Frame::Any), &[Level1::Benefit]);
    }
}

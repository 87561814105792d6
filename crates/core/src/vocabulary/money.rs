//! Money units as tables write them (元, 千元, 万元, 百万元, 亿元): how many 元 each is, and the unit
//! the interchange format records amounts stated in it.

use rust_decimal::Decimal;

use crate::model::MoneyUnit;

/// A unit amounts of money are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoneyWord {
    /// 元
    Yuan,
    /// 千元
    ThousandYuan,
    /// 万元
    TenThousandYuan,
    /// 百万元
    MillionYuan,
    /// 亿元
    HundredMillionYuan,
}

impl MoneyWord {
    /// Every unit, the longer words first, so that a suffix match never takes 万元 for 元.
    pub const ALL: [MoneyWord; 5] = [
        MoneyWord::MillionYuan,
        MoneyWord::TenThousandYuan,
        MoneyWord::HundredMillionYuan,
        MoneyWord::ThousandYuan,
        MoneyWord::Yuan,
    ];

    /// The unit `word` names exactly (`万元`), if it names one.
    pub fn from_word(word: &str) -> Option<MoneyWord> {
        MoneyWord::ALL.into_iter().find(|u| u.word() == word)
    }

    /// The unit `text` ends with (`1,234万元`), and the text before it.
    pub fn strip_suffix(text: &str) -> Option<(&str, MoneyWord)> {
        MoneyWord::ALL.into_iter().find_map(|u| Some((text.strip_suffix(u.word())?, u)))
    }

    /// The unit as written.
    pub fn word(self) -> &'static str {
        match self {
            MoneyWord::Yuan => "元",
            MoneyWord::ThousandYuan => "千元",
            MoneyWord::TenThousandYuan => "万元",
            MoneyWord::MillionYuan => "百万元",
            MoneyWord::HundredMillionYuan => "亿元",
        }
    }

    /// How many 元 one of this unit is.
    pub fn yuan(self) -> Decimal {
        Decimal::from(match self {
            MoneyWord::Yuan => 1_i64,
            MoneyWord::ThousandYuan => 1_000,
            MoneyWord::TenThousandYuan => 10_000,
            MoneyWord::MillionYuan => 1_000_000,
            MoneyWord::HundredMillionYuan => 100_000_000,
        })
    }

    /// The unit the document records these amounts in: 元 stays 元, the others become 万元.
    pub fn recorded(self) -> MoneyUnit {
        match self {
            MoneyWord::Yuan => MoneyUnit::Yuan,
            _ => MoneyUnit::TenThousandYuan,
        }
    }

    /// `amount` in this unit, expressed in `to`: exact, and as written when the unit is the
    /// same; a converted amount carries no trailing zeros (`12345` 千元 is `1234.5` 万元).
    pub fn convert(self, amount: Decimal, to: MoneyUnit) -> Decimal {
        if self.yuan() == to.yuan() {
            amount
        } else {
            crate::saturating::div(crate::saturating::mul(amount, self.yuan()), to.yuan()).normalize()
        }
    }
}

/// How many 元 one of `unit` is, when `unit` is an amount of money (`万元`, not `元/人`).
pub fn money_factor(unit: &str) -> Option<Decimal> {
    MoneyWord::from_word(unit.trim()).map(MoneyWord::yuan)
}

/// Whether `unit` is an amount of money.
pub fn is_money(unit: &str) -> bool {
    money_factor(unit).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn units_and_conversions() {
        let d = |s: &str| Decimal::from_str(s).expect("decimal");
        assert_eq!(MoneyWord::strip_suffix("1.5亿元"), Some(("1.5", MoneyWord::HundredMillionYuan)));
        assert_eq!(MoneyWord::strip_suffix("3百万元"), Some(("3", MoneyWord::MillionYuan)));
        assert_eq!(MoneyWord::strip_suffix("10000万元"), Some(("10000", MoneyWord::TenThousandYuan)));
        assert_eq!(MoneyWord::strip_suffix("700"), None);
        assert_eq!(money_factor(" 万元 "), Some(d("10000")));
        assert_eq!(money_factor("元/人"), None);
        assert_eq!(MoneyWord::ThousandYuan.convert(d("12345"), MoneyUnit::TenThousandYuan).to_string(), "1234.5");
        assert_eq!(MoneyWord::TenThousandYuan.convert(d("28.80"), MoneyUnit::TenThousandYuan).to_string(), "28.80");
        assert_eq!(MoneyWord::MillionYuan.recorded(), MoneyUnit::TenThousandYuan);
        assert_eq!(MoneyWord::Yuan.recorded(), MoneyUnit::Yuan);
        for u in MoneyWord::ALL {
            assert_eq!(MoneyWord::from_word(u.word()), Some(u));
            assert_eq!(u.yuan(), money_factor(u.word()).expect("money"));
        }
    }
}

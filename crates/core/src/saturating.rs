//! Arithmetic on exact decimals that saturates rather than panics: figures come from published
//! text, and a number of thirty digits must give a (silly) result, never a crash. The review,
//! the scoring, unit conversions and comparisons all use it.

use rust_decimal::Decimal;

/// The sign a result too large to hold takes: that of `a` and `b` together.
fn saturate(negative: bool) -> Decimal {
    if negative { Decimal::MIN } else { Decimal::MAX }
}

/// a × b, saturating rather than panicking: figures come from published text, and a number of
/// thirty digits must give a (silly) score, never a crash.
pub fn mul(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b).unwrap_or_else(|| saturate(a.is_sign_negative() != b.is_sign_negative()))
}

/// a ÷ b, saturating; zero when b is zero (callers test for a zero divisor first).
pub fn div(a: Decimal, b: Decimal) -> Decimal {
    if b.is_zero() {
        return Decimal::ZERO;
    }
    a.checked_div(b).unwrap_or_else(|| saturate(a.is_sign_negative() != b.is_sign_negative()))
}

/// a + b, saturating.
pub fn add(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or_else(|| saturate(a.is_sign_negative()))
}

/// a − b, saturating.
pub fn sub(a: Decimal, b: Decimal) -> Decimal {
    a.checked_sub(b).unwrap_or_else(|| saturate(a.is_sign_negative()))
}

/// The sum, saturating.
pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, add)
}

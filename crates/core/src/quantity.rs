//! The exact numbers of a table: money amounts (金额), points (分值 / 得分) and rates (执行率).
//!
//! Each is an exact decimal, never a float: `12.30` 万元 stays `12.30`, and sums of amounts are
//! exact. In the interchange JSON each is a plain number written with the digits the table
//! published (so files round-trip byte for byte); the JSON Schema says it is an exact decimal.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! exact_decimal {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(Decimal);

        impl $name {
            /// Zero.
            pub const ZERO: $name = $name(Decimal::ZERO);

            /// The quantity of this decimal.
            pub const fn new(value: Decimal) -> Self {
                $name(value)
            }

            /// Its exact value.
            pub const fn get(self) -> Decimal {
                self.0
            }
        }

        impl Deref for $name {
            type Target = Decimal;
            fn deref(&self) -> &Decimal {
                &self.0
            }
        }

        impl From<Decimal> for $name {
            fn from(value: Decimal) -> Self {
                $name(value)
            }
        }

        impl From<i32> for $name {
            fn from(value: i32) -> Self {
                $name(Decimal::from(value))
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                $name(Decimal::from(value))
            }
        }

        impl From<$name> for Decimal {
            fn from(value: $name) -> Decimal {
                value.0
            }
        }

        impl PartialEq<Decimal> for $name {
            fn eq(&self, other: &Decimal) -> bool {
                self.0 == *other
            }
        }

        impl FromStr for $name {
            type Err = rust_decimal::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Decimal::from_str(s).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                rust_decimal::serde::arbitrary_precision::serialize(&self.0, s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                rust_decimal::serde::arbitrary_precision::deserialize(d).map($name)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "number",
                    "format": "decimal",
                    "description": concat!(
                        $what,
                        ": an exact decimal, written with the digits the table published ",
                        "(read it as a decimal, not a binary float)"
                    )
                })
            }
        }
    };
}

exact_decimal!(
    /// A sum of money, in the unit its block states (万元 or 元).
    Amount,
    "an amount of money in the unit of its block"
);
exact_decimal!(
    /// Points: a 分值 / 权重 given to an indicator, or a 得分 earned.
    Points,
    "points (分值, 权重 or 得分)"
);
exact_decimal!(
    /// A rate such as 执行率, as the table writes it (a percentage number: `95.5` is 95.5 %).
    Rate,
    "a rate as a percentage number"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_keeps_its_published_digits_through_json() {
        for text in ["12.30", "0.5", "100", "1234567890.123456"] {
            let amount: Amount = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&amount).unwrap(), text);
        }
    }

    #[test]
    fn a_quantity_is_read_exactly_not_through_a_float() {
        // 0.1 + 0.2 as binary floats is 0.30000000000000004.
        let a: Amount = serde_json::from_str("0.1").unwrap();
        let b: Amount = serde_json::from_str("0.2").unwrap();
        assert_eq!(a.get() + b.get(), Decimal::from_str("0.3").unwrap());
    }

    #[test]
    fn the_schema_says_exact_decimal() {
        let schema = serde_json::to_value(schemars::schema_for!(Points)).unwrap();
        assert_eq!(schema["type"], "number");
        assert_eq!(schema["format"], "decimal");
        assert!(schema["description"].as_str().unwrap().contains("exact decimal"));
    }

    #[test]
    fn a_string_is_not_a_quantity() {
        assert!(serde_json::from_str::<Amount>("\"十万\"").is_err());
    }
}

//! Fuzzes the target grammar: `Target::parse` must never panic, and a canonical rendering must
//! read back to the same target.
#![no_main]

use jixiao_core::Target;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let target = Target::parse(text);
    let canonical = target.canonical();
    assert_eq!(Target::parse(&canonical), target, "canonical {canonical:?} of {text:?}");
});

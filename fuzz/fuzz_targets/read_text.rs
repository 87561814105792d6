//! Fuzzes the text reader with arbitrary bytes: no input may make it panic.
#![no_main]

use jixiao_tables::read_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(items) = read_text("fuzz.txt", std::io::Cursor::new(bytes.to_vec())) {
        for item in items {
            let _ = item;
        }
    }
});

//! Fuzzes the text reader with arbitrary bytes, as sniffed text and as a sheet saved as CSV:
//! no input may make it panic.
#![no_main]

use jixiao_tables::{read_csv, read_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for read in [read_text, read_csv] {
        if let Ok(items) = read("fuzz.txt", std::io::Cursor::new(bytes.to_vec())) {
            for item in items {
                let _ = item;
            }
        }
    }
});

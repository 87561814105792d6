//! Fuzzes every reader through format detection, as `jixiao convert -` reads standard input:
//! seeded with a format's fixtures (see fuzz/README.md) it fuzzes that format — JSON, JSON
//! Lines, CSV, xlsx, xls, ods. No input may make a reader panic, abort or hang.
#![no_main]

use jixiao_tables::read_stream;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(items) = read_stream("fuzz", std::io::Cursor::new(bytes.to_vec())) {
        for item in items {
            if item.is_err() {
                break;
            }
        }
    }
});

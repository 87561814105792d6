//! Fuzzes the PDF reader with arbitrary bytes after the `%PDF-` header: no input may make it
//! panic (pdf-extract's panics must stay behind the reader's boundary) or run away with memory
//! (run with `-rss_limit_mb`). Seed it with fixtures/pdf/*.pdf for deep coverage.
#![no_main]

use jixiao_tables::read_stream;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut input = b"%PDF-".to_vec();
    input.extend_from_slice(bytes.strip_prefix(b"%PDF-").unwrap_or(bytes));
    if let Ok(items) = read_stream("fuzz.pdf", std::io::Cursor::new(input)) {
        for item in items {
            let _ = item;
        }
    }
});

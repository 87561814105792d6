//! Bounded decompression: every compressed stream the interpreter may decode is measured first
//! with a ceiling, so that a small file that inflates to gigabytes (a "zip bomb") is refused
//! before lopdf inflates it whole into memory.

use std::io::{Read, Write};

use pdf_extract::{Document, Object};

use crate::Error;

/// How much a PDF may decompress to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes one stream may inflate to.
    pub stream_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        // A page's content stream of a dense table is a few hundred KB; embedded CJK fonts are
        // a few MB. 64 MB leaves room for any real file.
        Limits { stream_bytes: 64 << 20 }
    }
}

/// Measures every Flate-compressed stream except images (which the interpreter never decodes)
/// against `limits`.
pub fn inflate_all(doc: &mut Document, limits: Limits) -> Result<(), Error> {
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else { continue };
        let is_image = stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image");
        if is_image {
            continue;
        }
        let Ok(filters) = stream.filters() else { continue };
        if filters.first().is_some_and(|f| *f == b"FlateDecode") {
            check(&stream.content, limits.stream_bytes)?;
        }
    }
    Ok(())
}

/// Inflates `data` into nothing, counting, and fails past `limit` bytes. Bytes that are not
/// valid zlib are left for lopdf to report as it does.
fn check(data: &[u8], limit: u64) -> Result<(), Error> {
    let mut counter = Counter(0);
    let decoder = flate2::read::ZlibDecoder::new(data);
    let _ = std::io::copy(&mut decoder.take(limit + 1), &mut counter);
    if counter.0 > limit {
        return Err(Error::TooLarge { limit_mb: (limit >> 20) as usize });
    }
    Ok(())
}

struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_inflating_past_the_limit_is_refused() {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&vec![b' '; 3 << 20]).expect("write");
        let small = e.finish().expect("finish");
        assert!(small.len() < 20_000);
        assert_eq!(check(&small, 1 << 20), Err(Error::TooLarge { limit_mb: 1 }));
        assert_eq!(check(&small, 4 << 20), Ok(()));
    }
}

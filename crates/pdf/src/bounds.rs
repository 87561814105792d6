//! Bounded decompression: every compressed stream lopdf or the interpreter may decode is
//! measured first against a ceiling, so that a small file that inflates to gigabytes (a "zip
//! bomb", in a page, a font or an object stream) is refused before anything inflates it whole.
//!
//! lopdf decodes cross-reference and object streams while it parses the file, before any of
//! its objects can be looked at, so the file's raw bytes are measured first: every stream body
//! that starts as zlib data (or as the raw deflate data lopdf falls back to) is inflated into a
//! counter, and so is a second zlib layer inside it. Streams whose filters begin otherwise
//! (LZW, ASCII85) are measured through their whole filter chain: object streams as lopdf reads
//! them, all others once the file is parsed.

use std::cell::Cell;
use std::io::{Read, Write};

use pdf_extract::{Dictionary, Document, Object, Stream};

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

/// Measures the zlib data at the start of every stream body in the raw file (the body starts
/// after `stream`, spaces and one end of line, as lopdf reads it). Measuring from the body's
/// start to wherever the zlib data ends bounds what lopdf inflates from any prefix of it,
/// whatever the stream's `/Length` says.
pub fn scan_raw(bytes: &[u8], limits: Limits) -> Result<(), Error> {
    let limit = limits.stream_bytes;
    for at in memchr::memmem::find_iter(bytes, b"stream") {
        if bytes[..at].ends_with(b"end") {
            continue;
        }
        let mut start = at + b"stream".len();
        while bytes.get(start).is_some_and(|&b| b == b' ' || b == b'\t') {
            start += 1;
        }
        match bytes.get(start..start + 2) {
            Some(b"\r\n") => start += 2,
            Some([b'\r' | b'\n', _]) => start += 1,
            _ => continue,
        }
        let body = &bytes[start..];
        let inflated = measure(flate2::read::ZlibDecoder::new(body), limit)?;
        if inflated == 0 && body.len() > 2 {
            // lopdf retries a stream that is not valid zlib as raw deflate after its header.
            measure(flate2::read::DeflateDecoder::new(&body[2..]), limit)?;
        } else if looks_like_zlib(body, limit) {
            // `/Filter [/FlateDecode /FlateDecode]`: the inner layer may be the bomb.
            let inner = flate2::read::ZlibDecoder::new(flate2::read::ZlibDecoder::new(body));
            measure(inner, limit)?;
        }
    }
    Ok(())
}

/// Whether the first inflated bytes of `body` start a zlib stream of their own.
fn looks_like_zlib(body: &[u8], limit: u64) -> bool {
    let mut head = [0u8; 2];
    let mut decoder = flate2::read::ZlibDecoder::new(body).take(limit.min(2));
    decoder.read_exact(&mut head).is_ok() && head[0] & 0x0F == 8 && u16::from_be_bytes(head) % 31 == 0
}

/// Reads `reader` to its end or its first error, counting, and fails past `limit` bytes.
fn measure(reader: impl Read, limit: u64) -> Result<u64, Error> {
    let mut counter = Counter(0);
    let _ = std::io::copy(&mut reader.take(limit + 1), &mut counter);
    if counter.0 > limit {
        return Err(too_large(limit));
    }
    Ok(counter.0)
}

fn too_large(limit: u64) -> Error {
    Error::TooLarge { limit_mb: (limit >> 20) as usize }
}

/// Measures, once the file is parsed, every stream (images aside: the interpreter never decodes
/// them) whose filters are not a single FlateDecode, which `scan_raw` has measured already.
pub fn check_chains(doc: &Document, limits: Limits) -> Result<(), Error> {
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else { continue };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image") {
            continue;
        }
        if marked(&stream.dict) {
            return Err(too_large(limits.stream_bytes));
        }
        check_chain(stream, limits.stream_bytes)?;
    }
    Ok(())
}

/// Decodes a stream's filters one after the other, each result held only up to `limit` bytes,
/// and fails when one would pass it. A filter lopdf does not decode ends the chain: lopdf
/// refuses such a stream rather than decoding it.
fn check_chain(stream: &Stream, limit: u64) -> Result<(), Error> {
    let Ok(filters) = stream.filters() else { return Ok(()) };
    if filters.len() <= 1 && filters.first().is_none_or(|f| *f == b"FlateDecode") {
        return Ok(());
    }
    let mut data: Option<Vec<u8>> = None;
    for filter in filters {
        let input = data.as_deref().unwrap_or(&stream.content);
        let output = match filter {
            b"FlateDecode" => {
                let mut out = capped(flate2::read::ZlibDecoder::new(input), limit)?;
                if out.is_empty() && input.len() > 2 {
                    out = capped(flate2::read::DeflateDecoder::new(&input[2..]), limit)?;
                }
                out
            }
            b"LZWDecode" => {
                let early_change = stream
                    .dict
                    .get(b"DecodeParms")
                    .and_then(Object::as_dict)
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Object::as_i64)
                    .map_or(true, |v| v != 0);
                lzw(input, early_change, limit)?
            }
            b"ASCII85Decode" => {
                // At most four bytes out for each byte in (`z`): lopdf's decoder is bounded.
                let mut dict = Dictionary::new();
                dict.set("Filter", Object::Name(b"ASCII85Decode".to_vec()));
                let out = Stream::new(dict, input.to_vec()).decompressed_content().unwrap_or_default();
                if out.len() as u64 > limit {
                    return Err(too_large(limit));
                }
                out
            }
            _ => return Ok(()),
        };
        data = Some(output);
    }
    Ok(())
}

/// Inflates into memory, at most `limit` bytes.
fn capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let _ = reader.take(limit + 1).read_to_end(&mut out);
    if out.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(out)
}

/// Decodes LZW as lopdf does (most significant bit first, 8-bit symbols), at most `limit` bytes.
fn lzw(input: &[u8], early_change: bool, limit: u64) -> Result<Vec<u8>, Error> {
    use weezl::{BitOrder, decode::Decoder};
    let mut decoder =
        if early_change { Decoder::with_tiff_size_switch(BitOrder::Msb, 8) } else { Decoder::new(BitOrder::Msb, 8) };
    let mut out = Capped { data: Vec::new(), limit };
    let _ = decoder.into_stream(&mut out).decode_all(input);
    if out.data.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(out.data)
}

/// A buffer that refuses to grow past its limit (one byte past it, to tell that it was reached).
struct Capped {
    data: Vec<u8>,
    limit: u64,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let room = (self.limit + 1).saturating_sub(self.data.len() as u64) as usize;
        if room == 0 {
            return Err(std::io::Error::other("limit"));
        }
        let n = buf.len().min(room);
        self.data.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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

thread_local! {
    /// The limit `load_filter` applies: lopdf's load filter is a plain function, given no state.
    static LOAD_LIMIT: Cell<u64> = Cell::new(Limits::default().stream_bytes);
}

/// The key by which `load_filter` marks an object stream it emptied, for `check_chains` to
/// report.
const MARK: &[u8] = b"JixiaoTooLarge";

fn marked(dict: &Dictionary) -> bool {
    dict.has(MARK)
}

/// Runs `f` (lopdf's loading) with `load_filter` applying `limits`.
pub fn with_load_limit<T>(limits: Limits, f: impl FnOnce() -> T) -> T {
    let previous = LOAD_LIMIT.with(|l| l.replace(limits.stream_bytes));
    let out = f();
    LOAD_LIMIT.with(|l| l.set(previous));
    out
}

/// lopdf's load filter: it sees each object before lopdf unpacks object streams, so an object
/// stream whose filter chain decodes past the limit is emptied (and marked) before lopdf
/// decodes it whole.
pub fn load_filter(id: (u32, u16), object: &mut Object) -> Option<((u32, u16), Object)> {
    if let Object::Stream(stream) = object {
        if stream.dict.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"ObjStm") {
            let limit = LOAD_LIMIT.with(Cell::get);
            if check_chain(stream, limit).is_err() {
                stream.dict.remove(b"Filter");
                stream.dict.set(MARK, true);
                stream.set_content(Vec::new());
            }
        }
    }
    // lopdf keeps the object it passed in (changed in place); what is returned only says keep.
    Some((id, Object::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).expect("write");
        e.finish().expect("finish")
    }

    fn stream_at(body: &[u8]) -> Vec<u8> {
        let mut file = b"%PDF-1.7\n1 0 obj\n<< /Length 9 >>\nstream\r\n".to_vec();
        file.extend_from_slice(body);
        file.extend_from_slice(b"\nendstream\nendobj\n");
        file
    }

    #[test]
    fn a_stream_inflating_past_the_limit_is_refused_whatever_its_length_says() {
        let small = zlib(&vec![b' '; 3 << 20]);
        assert!(small.len() < 20_000);
        let file = stream_at(&small);
        assert_eq!(scan_raw(&file, Limits { stream_bytes: 1 << 20 }), Err(Error::TooLarge { limit_mb: 1 }));
        assert_eq!(scan_raw(&file, Limits { stream_bytes: 4 << 20 }), Ok(()));
    }

    #[test]
    fn a_bomb_inside_a_second_zlib_layer_is_refused() {
        let inner = zlib(&vec![0u8; 8 << 20]);
        let outer = zlib(&inner);
        assert!(inner.len() < (1 << 20));
        let file = stream_at(&outer);
        assert_eq!(scan_raw(&file, Limits { stream_bytes: 1 << 20 }), Err(Error::TooLarge { limit_mb: 1 }));
    }

    #[test]
    fn chains_of_other_filters_are_decoded_within_the_limit() {
        // LZW codes of ever longer runs of one byte: a few KB that decode to megabytes.
        let mut encoder = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let lzw_bytes = encoder.encode(&vec![b'a'; 4 << 20]).expect("lzw");
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Array(vec![Object::Name(b"LZWDecode".to_vec())]));
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        let stream = Stream::new(dict.clone(), lzw_bytes.clone());
        assert_eq!(check_chain(&stream, 1 << 20), Err(Error::TooLarge { limit_mb: 1 }));
        assert_eq!(check_chain(&stream, 8 << 20), Ok(()));
        // In loading, the object stream is emptied and marked for the check after it.
        let mut object = Object::Stream(stream);
        with_load_limit(Limits { stream_bytes: 1 << 20 }, || load_filter((1, 0), &mut object));
        let Object::Stream(emptied) = &object else { unreachable!("a stream stays a stream") };
        assert!(emptied.content.is_empty() && marked(&emptied.dict));
    }
}

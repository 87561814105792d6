//! The geometry of PDF pages: every character with its box, every ruling line, read behind a
//! boundary that turns a damaged or hostile file into an error instead of a crash.
//!
//! pdf-extract interprets the content streams (fonts, CID maps, ToUnicode) and hands over each
//! character with its transform and each stroked or filled path; this crate keeps what a table
//! reader needs, in page coordinates with the origin at the top left and y growing downwards.

mod bounds;
mod device;
mod fonts;

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

pub use bounds::Limits;
use pdf_extract::{Document, FontCache};

/// One character as placed on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The character's text (usually one character; a ligature may give more).
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge (left edge plus the advance width).
    pub x1: f32,
    /// Top of the em box.
    pub top: f32,
    /// Bottom of the em box.
    pub bottom: f32,
    /// The font size as drawn, in points.
    pub size: f32,
}

impl Glyph {
    /// The horizontal centre.
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }

    /// The vertical centre.
    pub fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

/// A horizontal or vertical ruling line (a stroked line, or an edge of a drawn rectangle).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// True for a horizontal line: `at` is its y, `from..to` its x extent.
    pub horizontal: bool,
    /// Its y (horizontal) or x (vertical).
    pub at: f32,
    /// Where it starts along its direction.
    pub from: f32,
    /// Where it ends along its direction (`from <= to`).
    pub to: f32,
}

/// What one page holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// The characters, in drawing order.
    pub glyphs: Vec<Glyph>,
    /// The ruling lines.
    pub rules: Vec<Rule>,
    /// Whether the page draws images (a page of images and no text is a scan).
    pub has_images: bool,
}

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The file is not a PDF lopdf can parse.
    #[error("无法解析 PDF 文件 (文件可能已损坏): {0}")]
    Malformed(String),
    /// The file is encrypted and cannot be opened without a password.
    #[error("PDF 文件已加密, 无法读取; 请先用阅读器解除密码保护后另存")]
    Encrypted,
    /// A stream decompresses to more than the limits allow.
    #[error("PDF 中的数据流解压后超过 {limit_mb} MB, 已停止读取 (文件可能是恶意构造的)")]
    TooLarge {
        /// The limit that was exceeded, in MB.
        limit_mb: usize,
    },
    /// A page could not be interpreted.
    #[error("第 {page} 页无法解析 (文件可能已损坏): {message}")]
    Page {
        /// 1-based page number.
        page: u32,
        /// What went wrong.
        message: String,
    },
}

/// An opened PDF whose pages are read one at a time.
pub struct Pdf {
    doc: Document,
    pages: Vec<(u32, pdf_extract::ObjectId)>,
    /// The fonts of pages read so far, by object id: pages share fonts, and parsing a font
    /// (its ToUnicode map above all) is most of the interpreter's work.
    fonts: FontCache,
}

impl Pdf {
    /// Parses a PDF held in memory, with streams decompressed within `limits`.
    pub fn open(bytes: &[u8], limits: Limits) -> Result<Pdf, Error> {
        // An encrypted file that opens with the empty password (restrictions only, no password to
        // open) is read; one that needs a password is refused with a message that says so.
        let encrypted = bytes.windows(8).any(|w| w == b"/Encrypt");
        bounds::scan_raw(bytes, limits)?;
        let options = pdf_extract::LoadOptions::with_filter(bounds::load_filter);
        let doc = guarded(|| {
            bounds::with_load_limit(limits, || {
                Document::load_mem_with_options(bytes, options).map_err(|e| Error::Malformed(e.to_string()))
            })
        })
        .unwrap_or_else(|panicked| Err(Error::Malformed(panicked.to_string())))
        .map_err(|e| if encrypted { Error::Encrypted } else { e })?;
        if doc.is_encrypted() {
            return Err(Error::Encrypted);
        }
        let mut doc = doc;
        fonts::drop_unneeded_programs(&mut doc);
        bounds::check_chains(&doc, limits)?;
        let pages = guarded(|| doc.get_pages().into_iter().collect::<Vec<_>>())
            .map_err(|panicked| Error::Malformed(panicked.to_string()))?;
        Ok(Pdf { doc, pages, fonts: FontCache::new() })
    }

    /// The page numbers, in order.
    pub fn page_numbers(&self) -> Vec<u32> {
        self.pages.iter().map(|&(n, _)| n).collect()
    }

    /// Reads one page's geometry.
    pub fn page(&mut self, number: u32) -> Result<Page, Error> {
        let Some(&(_, id)) = self.pages.iter().find(|(n, _)| *n == number) else {
            return Err(Error::Page { page: number, message: "没有这一页".to_owned() });
        };
        let mut device = device::Device::default();
        let (doc, fonts) = (&self.doc, &mut self.fonts);
        let result =
            guarded(AssertUnwindSafe(|| pdf_extract::output_doc_page_with_fonts(doc, &mut device, number, id, fonts)));
        match result {
            Ok(Ok(())) => {
                let mut page = device.finish(number);
                if page.glyphs.is_empty() {
                    page.has_images = self.draws_xobjects(number);
                }
                Ok(page)
            }
            Ok(Err(e)) => Err(Error::Page { page: number, message: e.to_string() }),
            Err(panicked) => Err(Error::Page { page: number, message: panicked.to_string() }),
        }
    }
}

impl Pdf {
    /// Whether a page's content paints an external object (`Do`): on a page without text,
    /// that is a scanned image.
    fn draws_xobjects(&self, number: u32) -> bool {
        let Some(&(_, id)) = self.pages.iter().find(|(n, _)| *n == number) else { return false };
        let doc = &self.doc;
        guarded(|| doc.get_page_content(id).ok())
            .ok()
            .flatten()
            .is_some_and(|content| content.windows(3).any(|w| w[..2] == *b"Do" && w[2].is_ascii_whitespace()))
    }
}

thread_local! {
    /// Set while this thread runs the PDF interpreter, whose panics are turned into errors and
    /// so must not also be printed by the panic hook.
    static INSIDE: Cell<bool> = const { Cell::new(false) };
}

/// The interpreter panicked on a file: its message, for the error that names the file or page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("解析器无法处理此文件 ({0})")]
struct Panicked(String);

/// Runs `f`, turning a panic into its message. pdf-extract `unwrap`s and `panic!`s on input it
/// does not expect; a reader must survive any file.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !INSIDE.with(Cell::get) {
                previous(info);
            }
        }));
    });
    INSIDE.with(|c| c.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    INSIDE.with(|c| c.set(false));
    result.map_err(|payload| {
        let text = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "内部错误".to_owned());
        Panicked(text)
    })
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A PDF of the given object bodies (numbered from 1, the first the catalog), with its
    /// cross-reference table.
    fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"%PDF-1.5\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
        );
        out
    }

    fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        body
    }

    fn page_objects(extra: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
            stream("", b"0 0 m 100 0 l S"),
        ];
        objects.extend(extra);
        objects
    }

    const SMALL: Limits = Limits { stream_bytes: 1 << 20 };

    #[test]
    fn a_huge_object_stream_is_refused_before_lopdf_unpacks_it() {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&vec![b' '; 4 << 20]).expect("write");
        let bomb = e.finish().expect("finish");
        let file = pdf(&page_objects(vec![stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &bomb)]));
        assert_eq!(Pdf::open(&file, SMALL).err(), Some(Error::TooLarge { limit_mb: 1 }));
        // The same file within a larger limit opens and reads its page.
        let mut opened = Pdf::open(&file, Limits { stream_bytes: 8 << 20 }).expect("opens");
        assert_eq!(opened.page(1).expect("page").rules.len(), 1);
    }

    /// A page that shows code 1 in the font its resources call `name`, given as `font_id`.
    fn text_page(name: &str, font_id: u32, content_id: u32) -> Vec<u8> {
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /{name} {font_id} 0 R >> >> \
             /Contents {content_id} 0 R >>"
        )
        .into_bytes()
    }

    /// A simple font whose ToUnicode map (object `cmap_id`) sends code 1 to `hex` (UTF-16BE).
    fn font_and_cmap(cmap_id: u32, hex: &str) -> [Vec<u8>; 2] {
        [
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 1 /LastChar 1 /Widths [500] \
                 /ToUnicode {cmap_id} 0 R >>"
            )
            .into_bytes(),
            stream("", format!("1 beginbfchar <01> <{hex}> endbfchar").as_bytes()),
        ]
    }

    #[test]
    fn fonts_are_kept_by_object_not_by_the_name_a_page_gives_them() {
        let [font_a, cmap_a] = font_and_cmap(8, "7532");
        let [font_b, cmap_b] = font_and_cmap(10, "4E59");
        let file = pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R 5 0 R 11 0 R] /Count 3 >>".to_vec(),
            text_page("F1", 7, 4),
            stream("", b"BT /F1 12 Tf 100 700 Td <01> Tj ET"),
            // Page 2 calls another font by the same name; page 3 calls page 1's by another name.
            text_page("F1", 9, 6),
            stream("", b"BT /F1 12 Tf 100 700 Td <01> Tj ET"),
            font_a,
            cmap_a,
            font_b,
            cmap_b,
            text_page("F2", 7, 12),
            stream("", b"BT /F2 12 Tf 100 700 Td <01> Tj ET"),
        ]);
        let mut opened = Pdf::open(&file, SMALL).expect("opens");
        let mut text =
            |n: u32| -> String { opened.page(n).expect("page").glyphs.iter().map(|g| g.text.as_str()).collect() };
        assert_eq!([text(1), text(2), text(3), text(1)], ["甲", "乙", "甲", "甲"]);
        assert!(matches!(opened.page(4), Err(Error::Page { page: 4, .. })));
    }

    #[test]
    fn an_object_stream_of_lzw_codes_is_measured_through_its_filter() {
        let mut encoder = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let codes = encoder.encode(&vec![b'a'; 4 << 20]).expect("lzw");
        let file = pdf(&page_objects(vec![stream("/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode", &codes)]));
        assert_eq!(Pdf::open(&file, SMALL).err(), Some(Error::TooLarge { limit_mb: 1 }));
        assert_eq!(
            Error::TooLarge { limit_mb: 64 }.to_string(),
            "PDF 中的数据流解压后超过 64 MB, 已停止读取 (文件可能是恶意构造的)"
        );
    }
}

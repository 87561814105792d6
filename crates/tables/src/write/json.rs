//! Writing interchange JSON as a stream: an array written document by document, so that
//! memory does not grow with the input.

use std::io::{self, Write};

use jixiao_core::Document;

/// Writes a JSON array one document at a time. Nothing is written before the first document
/// or `finish`, so an input that fails to open leaves no stray `[` behind.
pub struct JsonArrayWriter<W: Write> {
    out: W,
    count: usize,
}

impl<W: Write> JsonArrayWriter<W> {
    /// Prepares the array.
    pub fn new(out: W) -> Self {
        JsonArrayWriter { out, count: 0 }
    }

    /// Appends one document.
    pub fn write(&mut self, doc: &Document) -> io::Result<()> {
        self.out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        serde_json::to_writer_pretty(&mut self.out, doc).map_err(io::Error::other)?;
        self.count += 1;
        Ok(())
    }

    /// Closes the array and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> super::DocumentWriter<W> for JsonArrayWriter<W> {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        JsonArrayWriter::write(self, doc)
    }

    fn finish(self: Box<Self>) -> io::Result<W> {
        JsonArrayWriter::finish(*self)
    }
}

/// Writes JSON Lines, one document a line.
pub struct JsonLinesWriter<W: Write> {
    out: W,
}

impl<W: Write> JsonLinesWriter<W> {
    /// Lines to `out`.
    pub fn new(out: W) -> Self {
        JsonLinesWriter { out }
    }
}

impl<W: Write> super::DocumentWriter<W> for JsonLinesWriter<W> {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        write_line(&mut self.out, doc)
    }

    fn finish(mut self: Box<Self>) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes one document per line (JSON Lines).
pub fn write_line<W: Write>(out: &mut W, doc: &Document) -> io::Result<()> {
    serde_json::to_writer(&mut *out, doc).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

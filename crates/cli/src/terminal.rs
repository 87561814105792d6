//! Printing table text to a terminal safely: control characters from a file (escape sequences
//! that move the cursor, retitle the window or hide text) are shown escaped, and a broken
//! standard error never stops the program.

use std::io::{self, IsTerminal, Write};

/// Writes one line to standard error: escaped when it is a terminal, and silently dropped when
/// standard error cannot be written (a full disk, a closed pipe), which must not end the run.
pub fn eprint_line(line: &str) {
    let stderr = io::stderr();
    let mut lock = stderr.lock();
    let _ = if stderr.is_terminal() {
        let mut escaped = EscapeControls::new(&mut lock);
        escaped.write_all(line.as_bytes()).and_then(|()| escaped.write_all(b"\n"))
    } else {
        lock.write_all(line.as_bytes()).and_then(|()| lock.write_all(b"\n"))
    };
}

/// `eprintln!` that never panics: see [`eprint_line`].
#[macro_export]
macro_rules! report {
    ($($arg:tt)*) => { $crate::terminal::eprint_line(&format!($($arg)*)) };
}

/// A writer that replaces C0 controls (but tab and line feed), DEL and C1 controls (U+0080–
/// U+009F) with a visible `\x1B`-style escape, and passes everything else through.
pub struct EscapeControls<W: Write> {
    inner: W,
    /// A 0xC2 lead byte at the end of the last write, whose C1 control may follow.
    lead: bool,
}

impl<W: Write> EscapeControls<W> {
    pub fn new(inner: W) -> Self {
        EscapeControls { inner, lead: false }
    }
}

fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7F
}

impl<W: Write> Write for EscapeControls<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut from = 0;
        let mut i = 0;
        if self.lead {
            self.lead = false;
            match buf.first() {
                Some(&b) if (0x80..=0x9F).contains(&b) => {
                    write!(self.inner, "\\u{{{:04X}}}", b)?;
                    from = 1;
                    i = 1;
                }
                _ => self.inner.write_all(&[0xC2])?,
            }
        }
        while i < buf.len() {
            let b = buf[i];
            if is_control(b) {
                self.inner.write_all(&buf[from..i])?;
                write!(self.inner, "\\x{b:02X}")?;
                i += 1;
                from = i;
            } else if b == 0xC2 {
                match buf.get(i + 1) {
                    Some(&next) if (0x80..=0x9F).contains(&next) => {
                        self.inner.write_all(&buf[from..i])?;
                        write!(self.inner, "\\u{{{next:04X}}}")?;
                        i += 2;
                        from = i;
                    }
                    Some(_) => i += 1,
                    None => {
                        // Wait for the next write to see whether a C1 control follows.
                        self.inner.write_all(&buf[from..i])?;
                        self.lead = true;
                        i += 1;
                        from = i;
                    }
                }
            } else {
                i += 1;
            }
        }
        self.inner.write_all(&buf[from..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.lead) {
            self.inner.write_all(&[0xC2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(parts: &[&[u8]]) -> String {
        let mut w = EscapeControls::new(Vec::new());
        for p in parts {
            w.write_all(p).unwrap();
        }
        w.flush().unwrap();
        String::from_utf8(w.inner).unwrap()
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(escape(&["项目\x1b]0;标题\x07名称\t值\n".as_bytes()]), "项目\\x1B]0;标题\\x07名称\t值\n");
        assert_eq!(escape(&["a\rb\x7f".as_bytes()]), "a\\x0Db\\x7F");
        // A C1 control (CSI, U+009B), also when a write ends between its two bytes.
        assert_eq!(escape(&["x\u{9b}31m".as_bytes()]), "x\\u{009B}31m");
        assert_eq!(escape(&[b"x\xC2", b"\x9b31m"]), "x\\u{009B}31m");
        // Other characters whose UTF-8 starts with 0xC2 pass unchanged, split or not.
        assert_eq!(escape(&["©°".as_bytes()]), "©°");
        assert_eq!(escape(&[b"\xC2", b"\xA9"]), "©");
    }
}

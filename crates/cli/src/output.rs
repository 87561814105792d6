//! Where command output goes: standard output, or a file replaced only once it is complete.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// An output destination. A file is written beside its final name and renamed into place by
/// [`Output::commit`], so that a failed run never leaves a half-written file.
pub struct Output {
    sink: Sink,
    /// The partial file and its final name, until committed.
    pending: Option<(PathBuf, PathBuf)>,
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File(BufWriter<fs::File>),
    Closed,
}

impl Output {
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(dest) = path else {
            return Ok(Output { sink: Sink::Stdout(BufWriter::new(io::stdout())), pending: None });
        };
        let name = dest.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let temp = dest.with_file_name(format!(".{name}.jixiao-partial"));
        let file = fs::File::create(&temp).with_context(|| format!("无法创建输出文件 {}", dest.display()))?;
        Ok(Output { sink: Sink::File(BufWriter::new(file)), pending: Some((temp, dest.to_owned())) })
    }

    /// Finishes the output: flushes it, and moves a file into place.
    pub fn commit(mut self) -> Result<()> {
        match std::mem::replace(&mut self.sink, Sink::Closed) {
            Sink::Stdout(mut w) => w.flush()?,
            Sink::File(w) => {
                let file = w.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                if let Some((temp, dest)) = self.pending.take() {
                    fs::rename(&temp, &dest).with_context(|| format!("无法写入输出文件 {}", dest.display()))?;
                }
            }
            Sink::Closed => {}
        }
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // Still pending only when the command failed before committing: drop the partial file.
        if let Some((temp, _)) = self.pending.take() {
            let _ = fs::remove_file(temp);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(w) => w.write(buf),
            Sink::File(w) => w.write(buf),
            Sink::Closed => Err(io::Error::other("output already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(w) => w.flush(),
            Sink::File(w) => w.flush(),
            Sink::Closed => Ok(()),
        }
    }
}

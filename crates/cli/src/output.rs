//! Where command output goes: standard output, or a file replaced only once it is complete and
//! only if it is safe to replace (never an input, a directory, a link or a device node).

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

use crate::terminal::EscapeControls;

/// Partial files of the running process, removed by the signal handler before it exits: a run
/// stopped by Ctrl-C or `kill` must not leave them behind.
static PARTIALS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every partial file still registered; called on SIGINT/SIGTERM/SIGHUP.
pub fn remove_partials() {
    // A poisoned lock still holds the paths: a panic elsewhere must not keep them on disk.
    let mut partials = PARTIALS.lock().unwrap_or_else(|e| e.into_inner());
    for path in partials.drain(..) {
        let _ = fs::remove_file(path);
    }
}

fn register(path: &Path) {
    PARTIALS.lock().unwrap_or_else(|e| e.into_inner()).push(path.to_owned());
}

fn unregister(path: &Path) {
    PARTIALS.lock().unwrap_or_else(|e| e.into_inner()).retain(|p| p != path);
}

/// An output destination. A regular file is written beside its final name and renamed into
/// place by [`Output::commit`], so that a failed run never leaves a half-written file nor
/// replaces what was there.
pub struct Output {
    sink: Sink,
    /// The partial file and its final name, until committed.
    pending: Option<(PathBuf, PathBuf)>,
    /// The permissions of the file being replaced, given to its replacement.
    keep_permissions: Option<fs::Permissions>,
    /// Set once standard output was closed by its reader (`| head`): what follows is dropped,
    /// so that the command still runs to its end and exits with the status it would have had.
    closed_pipe: bool,
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    /// Standard output on a terminal: control characters from table text are shown escaped.
    Terminal(EscapeControls<BufWriter<io::Stdout>>),
    File(BufWriter<fs::File>),
    Closed,
}

impl Output {
    /// Opens standard output (`None`) or the file `path`, refusing a file that is one of
    /// `inputs` or that is not a regular file (checked before any input is read).
    pub fn open(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Output> {
        let Some(dest) = path else {
            let stdout = BufWriter::new(io::stdout());
            let sink = if io::stdout().is_terminal() {
                Sink::Terminal(EscapeControls::new(stdout))
            } else {
                Sink::Stdout(stdout)
            };
            return Ok(Output { sink, pending: None, keep_permissions: None, closed_pipe: false });
        };
        let shown = dest.display();
        if inputs.iter().any(|input| same_file(input, dest)) {
            bail!("输出文件 {shown} 同时是输入文件: 为免覆盖输入, 拒绝写入; 请换一个输出文件名");
        }
        let mut keep_permissions = None;
        match fs::symlink_metadata(dest) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("无法检查输出文件 {shown}")),
            Ok(meta) if meta.file_type().is_symlink() => {
                // `/dev/stdout` and `/dev/fd/N` are links to a stream: write through them. A link
                // to a file would be replaced by the rename, not the file it points to.
                match fs::metadata(dest) {
                    Ok(target) if is_stream(&target) => return Output::write_through(dest),
                    _ => bail!("输出文件 {shown} 是符号链接: 为免替换链接本身, 拒绝写入; 请直接指定它指向的文件"),
                }
            }
            Ok(meta) if meta.is_dir() => bail!("输出路径 {shown} 是一个目录, 不是文件"),
            Ok(meta) if is_stream(&meta) => return Output::write_through(dest),
            Ok(meta) if !meta.is_file() => bail!("输出路径 {shown} 不是普通文件 (套接字等): 拒绝写入"),
            Ok(meta) => {
                if hard_links(&meta) > 1 {
                    bail!("输出文件 {shown} 有多个硬链接: 替换它会断开其他链接, 拒绝写入; 请换一个输出文件名");
                }
                keep_permissions = Some(meta.permissions());
            }
        }
        let name = dest.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let temp = dest.with_file_name(format!(".{name}.{}.jixiao-partial", std::process::id()));
        // create_new: never follow or truncate something already there under the partial name.
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .with_context(|| format!("无法创建输出文件 {shown}"))?;
        register(&temp);
        Ok(Output {
            sink: Sink::File(BufWriter::new(file)),
            pending: Some((temp, dest.to_owned())),
            keep_permissions,
            closed_pipe: false,
        })
    }

    /// Writes straight into a device or pipe (`/dev/stdout`, a FIFO), which is never replaced.
    fn write_through(dest: &Path) -> Result<Output> {
        let file = fs::OpenOptions::new()
            .write(true)
            .open(dest)
            .with_context(|| format!("无法打开输出 {}", dest.display()))?;
        Ok(Output { sink: Sink::File(BufWriter::new(file)), pending: None, keep_permissions: None, closed_pipe: false })
    }

    /// Whether the output is a file that [`Output::commit`] would put in place.
    pub fn replaces_file(&self) -> bool {
        self.pending.is_some()
    }

    /// Finishes the output: flushes it, and moves a file into place.
    pub fn commit(mut self) -> Result<()> {
        match std::mem::replace(&mut self.sink, Sink::Closed) {
            Sink::Stdout(mut w) => ignore_closed_pipe(w.flush())?,
            Sink::Terminal(mut w) => ignore_closed_pipe(w.flush())?,
            Sink::File(w) => {
                let file = w.into_inner().map_err(|e| e.into_error())?;
                if let Some((temp, dest)) = self.pending.take() {
                    // Durable before it replaces anything (a device written through has no
                    // such need, and /dev/null refuses fsync).
                    file.sync_all()?;
                    if let Some(permissions) = self.keep_permissions.take() {
                        file.set_permissions(permissions)
                            .with_context(|| format!("无法设置输出文件 {} 的权限", dest.display()))?;
                    }
                    let renamed = fs::rename(&temp, &dest);
                    unregister(&temp);
                    if let Err(e) = renamed {
                        let _ = fs::remove_file(&temp);
                        return Err(e).with_context(|| format!("无法写入输出文件 {}", dest.display()));
                    }
                }
            }
            Sink::Closed => {}
        }
        Ok(())
    }
}

/// A closed standard output is no failure of the command: the reader has what it wanted.
fn ignore_closed_pipe(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Whether two paths name the same file (the same inode), or the same path when the output
/// does not exist yet.
fn same_file(input: &Path, output: &Path) -> bool {
    if input.as_os_str() == "-" {
        return false;
    }
    match (fs::metadata(input), fs::metadata(output)) {
        (Ok(a), Ok(b)) => same_inode(&a, &b),
        _ => false,
    }
}

#[cfg(unix)]
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
fn is_stream(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    t.is_char_device() || t.is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_: &fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
fn hard_links(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn hard_links(_: &fs::Metadata) -> u64 {
    1
}

impl Drop for Output {
    fn drop(&mut self) {
        // Still pending only when the command failed before committing: drop the partial file.
        if let Some((temp, _)) = self.pending.take() {
            let _ = fs::remove_file(&temp);
            unregister(&temp);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed_pipe {
            return Ok(buf.len());
        }
        let result = match &mut self.sink {
            Sink::Stdout(w) => w.write(buf),
            Sink::Terminal(w) => w.write(buf),
            Sink::File(w) => w.write(buf),
            Sink::Closed => Err(io::Error::other("output already committed")),
        };
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe && self.pending.is_none() => {
                self.closed_pipe = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed_pipe {
            return Ok(());
        }
        let result = match &mut self.sink {
            Sink::Stdout(w) => w.flush(),
            Sink::Terminal(w) => w.flush(),
            Sink::File(w) => w.flush(),
            Sink::Closed => Ok(()),
        };
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe && self.pending.is_none() => {
                self.closed_pipe = true;
                Ok(())
            }
            other => other,
        }
    }
}

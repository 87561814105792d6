//! The limits that keep a hostile or damaged workbook from taking the machine's memory, and the
//! guard that turns a panic inside the spreadsheet library into an error. docs/limits.md lists
//! them; each can be changed with an environment variable.

use std::any::Any;
use std::cell::Cell;
use std::io::{Cursor, Read, Seek};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use super::error::SheetError;

/// The limits on reading one workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest workbook file, in bytes: the libraries hold the whole file in memory.
    pub max_input_bytes: u64,
    /// The most bytes the parts of an .xlsx/.ods zip may unpack to, by their sizes in the
    /// zip's directory.
    pub max_unpacked_bytes: u64,
    /// The most cells one sheet may hold (for .xls: the area calamine lays out densely).
    pub max_sheet_cells: u64,
    /// The longest text of one cell, in bytes.
    pub max_cell_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 256 << 20,
            max_unpacked_bytes: 1 << 30,
            max_sheet_cells: 10_000_000,
            max_cell_bytes: 1 << 20,
        }
    }
}

/// The variables that change each limit: megabytes for the sizes, counts for the others.
pub const ENV_MAX_INPUT_MB: &str = "JIXIAO_MAX_INPUT_MB";
pub const ENV_MAX_UNPACKED_MB: &str = "JIXIAO_MAX_UNPACKED_MB";
pub const ENV_MAX_SHEET_CELLS: &str = "JIXIAO_MAX_SHEET_CELLS";
pub const ENV_MAX_CELL_BYTES: &str = "JIXIAO_MAX_CELL_BYTES";

impl Limits {
    /// The defaults, changed by whichever of the `JIXIAO_MAX_*` variables are set to a number.
    pub fn from_env() -> Limits {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse::<u64>().ok());
        let d = Limits::default();
        Limits {
            max_input_bytes: var(ENV_MAX_INPUT_MB).map_or(d.max_input_bytes, |mb| mb.saturating_mul(1 << 20)),
            max_unpacked_bytes: var(ENV_MAX_UNPACKED_MB).map_or(d.max_unpacked_bytes, |mb| mb.saturating_mul(1 << 20)),
            max_sheet_cells: var(ENV_MAX_SHEET_CELLS).unwrap_or(d.max_sheet_cells),
            max_cell_bytes: var(ENV_MAX_CELL_BYTES)
                .map_or(d.max_cell_bytes, |n| usize::try_from(n).unwrap_or(usize::MAX)),
        }
    }
}

/// Reads a whole workbook from `source` (its first bytes already in `head`), refusing one larger
/// than the limit as soon as it is passed: `/dev/zero` named `.xlsx` must not fill memory.
pub fn read_input(head: &[u8], source: impl Read, limits: &Limits) -> Result<Vec<u8>, LimitError> {
    let mut bytes = head.to_vec();
    let room = limits.max_input_bytes.saturating_sub(bytes.len() as u64);
    source.take(room.saturating_add(1)).read_to_end(&mut bytes).map_err(LimitError::Io)?;
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(LimitError::Exceeded(format!(
            "文件超过 {} MB 的上限 ({ENV_MAX_INPUT_MB})",
            limits.max_input_bytes >> 20
        )));
    }
    Ok(bytes)
}

/// Why a workbook was not read.
#[derive(Debug)]
pub enum LimitError {
    Io(std::io::Error),
    Exceeded(String),
}

/// Checks the unpacked sizes a zip's directory gives its parts, before any is unpacked.
pub fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), SheetError> {
    check_zip_reader(Cursor::new(bytes), limits)
}

fn check_zip_reader<R: Read + Seek>(reader: R, limits: &Limits) -> Result<(), SheetError> {
    // A file that is no zip is left to the library, which says so in its own words.
    let Ok(mut archive) = zip::ZipArchive::new(reader) else { return Ok(()) };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let Ok(file) = archive.by_index_raw(i) else { continue };
        total = total.saturating_add(file.size());
        if total > limits.max_unpacked_bytes {
            return Err(SheetError::Limit(format!(
                "解压后超过 {} MB 的上限 ({ENV_MAX_UNPACKED_MB}): 文件可能是压缩炸弹",
                limits.max_unpacked_bytes >> 20
            )));
        }
    }
    Ok(())
}

thread_local! {
    /// Set while a guarded library call runs, so that its panic is not printed.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `f`, turning a panic inside it (a damaged file reaching an `unwrap` or an overflow in
/// the spreadsheet library) into an error with the panic's message, printed nowhere.
pub fn guard<T>(f: impl FnOnce() -> T) -> Result<T, SheetError> {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| SheetError::Panicked(panic_message(&*payload)))
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知错误".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error() {
        let r: Result<u8, SheetError> = guard(|| panic!("boom"));
        assert_eq!(r.map_err(|e| e.to_string()), Err("读取库内部出错 (boom)".to_owned()));
        assert_eq!(guard(|| 7), Ok(7));
    }

    #[test]
    fn input_past_the_limit_is_refused_without_reading_on() {
        let limits = Limits { max_input_bytes: 1000, ..Limits::default() };
        // An endless source: only 1001 bytes of it are read.
        let zeros = std::io::repeat(0);
        match read_input(b"PK", zeros, &limits) {
            Err(LimitError::Exceeded(m)) => assert!(m.contains(ENV_MAX_INPUT_MB), "{m}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(read_input(b"PK", &b"abc"[..], &limits).unwrap(), b"PKabc");
    }
}

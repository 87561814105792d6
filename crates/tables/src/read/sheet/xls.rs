//! What calamine does not report for .xls: the number formats of cells, which calamine uses only
//! to find dates (without them a `0%` cell holding 0.95 would read `0.95`), and the rows and
//! columns a sheet hides. Reads the compound file's `Workbook` stream and its FORMAT, XF,
//! BOUNDSHEET8, number-cell, ROW and COLINFO records (BIFF8, Excel 97 and later).

use super::error::SheetError;
use super::hidden::Hidden;
use std::collections::HashMap;

/// What one sheet's records say beside its values.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SheetFacts {
    /// Number format codes of the numeric cells that have one, by (row, col).
    pub formats: HashMap<(u32, u32), String>,
    /// The rows and columns it hides.
    pub hidden: Hidden,
}

/// Each sheet's facts, by sheet name.
pub type SheetFormats = HashMap<String, SheetFacts>;

/// Checks, before calamine reads the file, that no sheet makes it allocate more than
/// `max_cells` cells: calamine reserves a sheet's DIMENSIONS and lays its cells out densely
/// between the smallest and largest row and column, so one damaged record asks for gigabytes
/// (and a failed allocation aborts the process, which no guard catches). The bounds are taken
/// the way calamine takes them, wrapping arithmetic included.
pub fn check_size(bytes: &[u8], max_cells: u64) -> Result<(), SheetError> {
    let stream = Cfb::parse(bytes)?.stream(&["Workbook", "Book"])?;
    let mut sheets = Vec::new();
    for (kind, data) in records(&stream, 0) {
        match kind {
            BOUNDSHEET => sheets.extend(u32_at(data, 0)),
            EOF => break,
            _ => {}
        }
    }
    for pos in sheets {
        let Some(sheet) = stream.get(pos as usize..) else { continue };
        let (mut rows, mut cols) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
        let mut cells = 0u64;
        let mut take = |row: u16, col: u32| {
            let row = u32::from(row);
            rows = (rows.0.min(row), rows.1.max(row));
            cols = (cols.0.min(col), cols.1.max(col));
            cells += 1;
        };
        let mut depth = 0usize;
        for (i, (kind, data)) in records(sheet, 0).enumerate() {
            match kind {
                BOF if i > 0 => depth += 1,
                EOF if depth > 0 => depth -= 1,
                EOF => break,
                _ if depth > 0 => {}
                DIMENSIONS => {
                    if let Some(reserved) = dimensions_reserve(data) {
                        if reserved > max_cells {
                            return Err(SheetError::Limit(format!(
                                "工作表声明的范围有 {reserved} 个单元格, 超过上限 {max_cells} (JIXIAO_MAX_SHEET_CELLS)"
                            )));
                        }
                    }
                }
                NUMBER | LABEL | RSTRING | BOOLERR | RK | LABELSST | FORMULA => {
                    if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                        take(row, u32::from(col));
                    }
                }
                MULRK if data.len() >= 6 => {
                    if let (Some(row), Some(first), Some(last)) =
                        (u16_at(data, 0), u16_at(data, 2), u16_at(data, data.len() - 2))
                    {
                        take(row, u32::from(first));
                        take(row, u32::from(last.max(first)));
                    }
                }
                _ => {}
            }
        }
        if cells > 0 {
            let area = u64::from(rows.1 - rows.0 + 1) * u64::from(cols.1 - cols.0 + 1);
            if area > max_cells {
                return Err(SheetError::Limit(format!(
                    "工作表的单元格分布在 {} 行 × {} 列的范围内, 共 {area} 格, 超过上限 {max_cells} (JIXIAO_MAX_SHEET_CELLS)",
                    rows.1 - rows.0 + 1,
                    cols.1 - cols.0 + 1
                )));
            }
        }
    }
    Ok(())
}

/// How many cells calamine reserves for a DIMENSIONS record (its `parse_dimensions`, then
/// `(end - start + 1)` in wrapping u32 arithmetic for rows and for columns).
fn dimensions_reserve(r: &[u8]) -> Option<u64> {
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (u32::from(u16_at(r, 0)?), u32::from(u16_at(r, 2)?), u32::from(u16_at(r, 4)?), u32::from(u16_at(r, 6)?)),
        14 | 16 => (u32_at(r, 0)?, u32_at(r, 4)?, u32::from(u16_at(r, 8)?), u32::from(u16_at(r, 10)?)),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if 1 <= rl && 1 <= cl { ((rf, cf), (rl - 1, cl - 1)) } else { ((rf, cf), (rf, cf)) };
    let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
    let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
    Some(rows.saturating_mul(cols))
}

/// Reads the formats; an older BIFF version or an encrypted file yields none (the numbers are
/// then read plain), a damaged file an error.
pub fn read_formats(bytes: &[u8]) -> Result<SheetFormats, SheetError> {
    let stream = Cfb::parse(bytes)?.stream(&["Workbook", "Book"])?;
    biff_formats(&stream)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;

/// A compound file (OLE2): just enough to read one stream.
struct Cfb<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    cutoff: u32,
    entries: Vec<(String, u32, u64)>,
}

impl<'a> Cfb<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Cfb<'a>, SheetError> {
        let bad = SheetError::Damaged;
        if !bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            return Err(bad("文件头"));
        }
        let shift = u32::from(u16_at(bytes, 0x1E).ok_or_else(|| bad("扇区大小"))?);
        if !(7..=16).contains(&shift) {
            return Err(bad("扇区大小"));
        }
        let mut cfb = Cfb {
            bytes,
            shift,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            cutoff: u32_at(bytes, 0x38).unwrap_or(4096),
            entries: Vec::new(),
        };
        // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
        let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 0x4C + i * 4)).collect();
        let mut difat = u32_at(bytes, 0x44).unwrap_or(END_OF_CHAIN);
        let per_sector = (1usize << shift) / 4;
        // No chain can be longer than the file has sectors: a longer one loops, and would
        // otherwise list (and then copy) the same sectors without end.
        let sectors_in_file = bytes.len() >> shift;
        let mut guard = 0;
        while difat < 0xFFFF_FFFA {
            if guard > sectors_in_file {
                return Err(bad("DIFAT 链成环"));
            }
            let sector = cfb.sector(difat).ok_or_else(|| bad("DIFAT"))?;
            fat_sectors.extend((0..per_sector - 1).filter_map(|i| u32_at(sector, i * 4)));
            difat = u32_at(sector, (per_sector - 1) * 4).unwrap_or(END_OF_CHAIN);
            guard += 1;
        }
        fat_sectors.retain(|&id| id < 0xFFFF_FFFA);
        if fat_sectors.len() > sectors_in_file {
            return Err(bad("FAT"));
        }
        for id in fat_sectors {
            let sector = cfb.sector(id).ok_or_else(|| bad("FAT"))?;
            cfb.fat.extend((0..per_sector).filter_map(|i| u32_at(sector, i * 4)));
        }
        let dir = cfb.chain(u32_at(bytes, 0x30).unwrap_or(END_OF_CHAIN))?;
        for entry in dir.chunks_exact(128) {
            let len = usize::from(u16_at(entry, 64).unwrap_or(0)).min(64);
            let units: Vec<u16> = (0..len.saturating_sub(2) / 2).filter_map(|i| u16_at(entry, i * 2)).collect();
            let name = String::from_utf16_lossy(&units);
            let start = u32_at(entry, 116).unwrap_or(END_OF_CHAIN);
            let size = u64::from(u32_at(entry, 120).unwrap_or(0));
            cfb.entries.push((name, start, size));
        }
        // The mini stream lives in the root entry's chain; small streams are inside it.
        if let Some((_, start, size)) = cfb.entries.first().cloned() {
            let mut mini = cfb.chain(start)?;
            mini.truncate(size as usize);
            cfb.mini_stream = mini;
            let mini_fat = cfb.chain(u32_at(bytes, 0x3C).unwrap_or(END_OF_CHAIN))?;
            cfb.mini_fat = (0..mini_fat.len() / 4).filter_map(|i| u32_at(&mini_fat, i * 4)).collect();
        }
        Ok(cfb)
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        self.bytes.get(start..start.checked_add(size)?)
    }

    /// The bytes of a chain of sectors, stopping on a loop or a damaged link.
    fn chain(&self, mut id: u32) -> Result<Vec<u8>, SheetError> {
        let mut out = Vec::new();
        let mut steps = 0;
        while id != END_OF_CHAIN && id != FREE {
            let sector = self.sector(id).ok_or(SheetError::Damaged("扇区链越界"))?;
            out.extend_from_slice(sector);
            id = *self.fat.get(id as usize).ok_or(SheetError::Damaged("扇区链断开"))?;
            steps += 1;
            // A chain longer than the file has sectors visits one twice: a loop, which would
            // otherwise copy the file over and over.
            if steps > self.fat.len() || steps > self.bytes.len() >> self.shift {
                return Err(SheetError::Damaged("扇区链成环"));
            }
        }
        Ok(out)
    }

    fn mini_chain(&self, mut id: u32) -> Result<Vec<u8>, SheetError> {
        let mut out = Vec::new();
        let mut steps = 0;
        while id != END_OF_CHAIN && id != FREE {
            let at = id as usize * 64;
            out.extend_from_slice(self.mini_stream.get(at..at + 64).ok_or(SheetError::Damaged("短扇区越界"))?);
            id = *self.mini_fat.get(id as usize).ok_or(SheetError::Damaged("短扇区链断开"))?;
            steps += 1;
            if steps > self.mini_fat.len() || steps > self.mini_stream.len() / 64 {
                return Err(SheetError::Damaged("短扇区链成环"));
            }
        }
        Ok(out)
    }

    /// The first stream found under one of `names`.
    fn stream(&self, names: &[&str]) -> Result<Vec<u8>, SheetError> {
        let has = |wanted: &str| self.entries.iter().skip(1).any(|(name, ..)| name == wanted);
        if !names.iter().any(|n| has(n)) && has("EncryptedPackage") {
            // An .xlsx with an open password is kept in a compound file, encrypted.
            return Err(SheetError::Encrypted);
        }
        let (_, start, size) = names
            .iter()
            .find_map(|n| self.entries.iter().skip(1).find(|(name, ..)| name == n))
            .ok_or(SheetError::NotWorkbook)?;
        let mut data = if *size < u64::from(self.cutoff) { self.mini_chain(*start)? } else { self.chain(*start)? };
        data.truncate(*size as usize);
        Ok(data)
    }
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;
const DIMENSIONS: u16 = 0x0200;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const BOOLERR: u16 = 0x0205;
const LABELSST: u16 = 0x00FD;
const ROW: u16 = 0x0208;
const COLINFO: u16 = 0x007D;

/// The records of a BIFF stream from `at`: (type, data).
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at)?;
        let len = usize::from(u16_at(stream, at + 2)?);
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

/// An XLUnicodeString (`wide_len`: 2-byte count) or ShortXLUnicodeString (1-byte count).
fn biff_string(data: &[u8], at: usize, wide_len: bool) -> Option<String> {
    let (count, at) =
        if wide_len { (usize::from(u16_at(data, at)?), at + 2) } else { (usize::from(*data.get(at)?), at + 1) };
    let flags = *data.get(at)?;
    let at = at + 1;
    if flags & 1 == 1 {
        let units: Vec<u16> = (0..count).map_while(|i| u16_at(data, at + i * 2)).collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(data.get(at..at + count)?.iter().map(|&b| char::from(b)).collect())
    }
}

/// The built-in codes that change how a number reads: the two percentages.
fn builtin(id: u16) -> Option<&'static str> {
    match id {
        9 => Some("0%"),
        10 => Some("0.00%"),
        _ => None,
    }
}

fn biff_formats(stream: &[u8]) -> Result<SheetFormats, SheetError> {
    let mut custom: HashMap<u16, String> = HashMap::new();
    let mut xfs: Vec<u16> = Vec::new();
    let mut sheets: Vec<(u32, String)> = Vec::new();
    for (i, (kind, data)) in records(stream, 0).enumerate() {
        match kind {
            BOF if i == 0 && u16_at(data, 0) != Some(0x0600) => return Ok(SheetFormats::new()),
            FILEPASS => return Ok(SheetFormats::new()),
            FORMAT => {
                if let (Some(id), Some(code)) = (u16_at(data, 0), biff_string(data, 2, true)) {
                    custom.insert(id, code);
                }
            }
            XF => xfs.push(u16_at(data, 2).unwrap_or(0)),
            BOUNDSHEET => {
                if let (Some(pos), Some(name)) = (u32_at(data, 0), biff_string(data, 6, false)) {
                    sheets.push((pos, name));
                }
            }
            EOF => break,
            _ => {}
        }
    }
    let code_of = |ixfe: u16| -> Option<&str> {
        let id = *xfs.get(usize::from(ixfe))?;
        custom.get(&id).map(String::as_str).or_else(|| builtin(id))
    };
    let mut out = SheetFormats::new();
    for (pos, name) in sheets {
        let mut facts = SheetFacts::default();
        let mut put = |row: u16, col: u16, ixfe: u16| {
            if let Some(code) = code_of(ixfe) {
                facts.formats.insert((u32::from(row), u32::from(col)), code.to_owned());
            }
        };
        for (i, (kind, data)) in records(stream, pos as usize).enumerate() {
            let (Some(row), Some(col), Some(ixfe)) = (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4)) else {
                if kind == EOF {
                    break;
                }
                continue;
            };
            match kind {
                // A formula's cached result is a number unless its last two bytes are 0xFFFF.
                NUMBER | RK => put(row, col, ixfe),
                FORMULA if u16_at(data, 12) != Some(0xFFFF) => put(row, col, ixfe),
                MULRK => {
                    let n = data.len().saturating_sub(6) / 6;
                    for k in 0..n {
                        if let Some(ixfe) = u16_at(data, 4 + k * 6) {
                            put(row, col.saturating_add(k as u16), ixfe);
                        }
                    }
                }
                // fDyZero: the row is hidden.
                ROW if u16_at(data, 12).is_some_and(|flags| flags & 0x20 != 0) => {
                    facts.hidden.rows.push((u32::from(row), u32::from(row)));
                }
                // fHidden: the columns colFirst..=colLast are hidden.
                COLINFO if u16_at(data, 8).is_some_and(|flags| flags & 1 != 0) => {
                    facts.hidden.cols.push((u32::from(row), u32::from(col.max(row))));
                }
                BOF if i > 0 => break,
                EOF => break,
                _ => {}
            }
        }
        facts.hidden.normalise();
        out.insert(name, facts);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_files_are_errors() {
        assert!(read_formats(b"not a compound file").is_err());
        let mut header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        header.resize(512, 0xFF);
        assert!(read_formats(&header).is_err());
    }

    #[test]
    fn biff_strings() {
        assert_eq!(biff_string(&[3, 0, 0, b'0', b'%', b'x'], 0, true).as_deref(), Some("0%x"));
        let wide = [2, 0, 1, 0x3B, 0x4E, 0xBA, 0x4E];
        assert_eq!(biff_string(&wide, 0, true).as_deref(), Some("主人"));
        assert_eq!(biff_string(&[5, 0, b'a'], 0, false), None);
    }
}

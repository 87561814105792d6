//! Tables without ruling lines, read from the alignment of their text: characters make
//! paragraphs (a cell's lines), paragraphs side by side make a table, the whitespace that runs
//! between them in many rows and is crossed by few paragraphs makes its column and row
//! boundaries, and a paragraph centred on a run of empty cells in its column spans them (a
//! merged 一级 or 二级). Where the spans of a column cannot be told, no span is made up.

use jixiao_pdf::Glyph;

use super::ruling::{Region, Table};

/// A gap wider than this (in character sizes) between two characters on one line separates
/// two cells: cells are padded, words within a cell are not that far apart.
const CELL_GAP: f32 = 0.8;
/// Lines of one paragraph are at most this far apart (in sizes): rows are padded, a cell's
/// lines are set at the font's line height.
const LEADING: f32 = 0.75;
/// How far (in sizes) a paragraph's centre may be from the centre of the rows it spans.
const CENTRED: f32 = 0.5;
/// Cells of neighbouring rows are at most this far apart (in sizes): the padding of two cells
/// and a line's leading.
const ROW_GAP: f32 = 1.5;
/// The most line pieces a page may have to be searched for tables without lines; a dense
/// table page has a few hundred.
const MAX_PIECES: usize = 3000;
/// A vertical gap wider than this (in sizes) ends a table: rows are a line or two apart.
const BREAK: f32 = 2.5;

/// One table read from alignment: its grid (as a ruled table's) and the characters of each cell.
pub struct Found<'a> {
    pub table: Table,
    pub glyphs: Vec<Vec<&'a Glyph>>,
    /// The columns (grid column numbers) whose merged cells could not be told.
    pub unsure_columns: Vec<usize>,
}

/// A paragraph: characters on consecutive lines, one above the other.
#[derive(Debug, Clone)]
struct Para<'a> {
    glyphs: Vec<&'a Glyph>,
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
    size: f32,
}

impl<'a> Para<'a> {
    fn new(glyphs: Vec<&'a Glyph>) -> Para<'a> {
        let mut p = Para { glyphs: Vec::new(), x0: f32::MAX, x1: f32::MIN, top: f32::MAX, bottom: f32::MIN, size: 0.0 };
        for g in glyphs {
            p.add(g);
        }
        p
    }

    fn add(&mut self, g: &'a Glyph) {
        self.x0 = self.x0.min(g.x0);
        self.x1 = self.x1.max(g.x1);
        self.top = self.top.min(g.top);
        self.bottom = self.bottom.max(g.bottom);
        self.size = self.size.max(g.size);
        self.glyphs.push(g);
    }

    fn absorb(&mut self, other: Para<'a>) {
        for g in other.glyphs {
            self.add(g);
        }
    }

    fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }

    /// Whether two paragraphs are side by side or nearly: a label centred on two rows stands
    /// between the lines of the rows beside it.
    fn near(&self, other: &Para) -> bool {
        let slack = 0.5 * self.size.max(other.size);
        self.top.max(other.top) - slack < self.bottom.min(other.bottom)
    }

    /// Whether two paragraphs share some width (are one above the other).
    fn over(&self, other: &Para) -> bool {
        self.x0.max(other.x0) < self.x1.min(other.x1)
    }
}

/// Finds the tables among characters that no ruled table holds; returns them, top to bottom,
/// the characters left outside them, and how many tables the alignment did not make clear
/// (their characters are among those left).
pub fn tables<'a>(glyphs: &[&'a Glyph]) -> (Vec<Found<'a>>, Vec<&'a Glyph>, usize) {
    let paras = paragraphs(glyphs);
    if paras.is_empty() {
        return (Vec::new(), glyphs.to_vec(), 0);
    }
    let mut found = Vec::new();
    let mut rest = Vec::new();
    let mut unclear = 0;
    for region in regions(paras) {
        match grid(&region) {
            Ok(Some(f)) => found.push(f),
            Ok(None) => rest.extend(region.into_iter().flat_map(|p| p.glyphs)),
            Err(Unclear) => {
                unclear += 1;
                rest.extend(region.into_iter().flat_map(|p| p.glyphs));
            }
        }
    }
    // Blank characters belong to no paragraph (they are gaps between words); outside the
    // tables they stay with the text as before.
    rest.extend(glyphs.iter().copied().filter(|g| g.text.trim().is_empty()));
    (found, rest, unclear)
}

/// Characters into line pieces (split where a gap says a new cell begins), and pieces into
/// paragraphs.
fn paragraphs<'a>(glyphs: &[&'a Glyph]) -> Vec<Para<'a>> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().copied().filter(|g| !g.text.trim().is_empty()).collect();
    sorted.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match lines.last_mut() {
            Some(line) if (g.cy() - centre(line)).abs() <= 0.5 * g.size.max(line[0].size) => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let mut pieces: Vec<Para> = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut piece: Vec<&Glyph> = Vec::new();
        for g in line {
            if let Some(last) = piece.last() {
                if g.x0 - last.x1 > CELL_GAP * g.size.max(last.size) {
                    pieces.push(Para::new(std::mem::take(&mut piece)));
                }
            }
            piece.push(g);
        }
        if !piece.is_empty() {
            pieces.push(Para::new(piece));
        }
    }
    // A piece continues the paragraph right above it when they share some width and the gap
    // between them is a line's leading.
    // The search is quadratic in the pieces: a page of more than a dense table's worth (a
    // hostile or a text page) is not searched for tables without lines.
    if pieces.len() > MAX_PIECES {
        return Vec::new();
    }
    pieces.sort_by(|a, b| a.top.total_cmp(&b.top));
    let mut paras: Vec<Para> = Vec::new();
    for piece in pieces {
        let above = paras.iter().rposition(|p| {
            let gap = piece.top - p.bottom;
            p.over(&piece) && gap > -0.3 * piece.size && gap <= LEADING * piece.size.max(p.size)
        });
        match above {
            Some(i) => paras[i].absorb(piece),
            None => paras.push(piece),
        }
    }
    paras
}

fn centre(line: &[&Glyph]) -> f32 {
    line.iter().map(|g| g.cy()).sum::<f32>() / line.len() as f32
}

/// Groups paragraphs into the runs that may be tables, top to bottom: a run ends where the
/// text changes size (a title) or a gap wider than a few lines opens. Within a run, paragraphs
/// with one (nearly) beside them are tabular; the ones before the first and after the last of
/// those (a heading, a note) are not part of the table. A run of fewer than three rows of two
/// paragraphs is not a table.
fn regions(mut paras: Vec<Para<'_>>) -> Vec<Vec<Para<'_>>> {
    paras.sort_by(|a, b| a.top.total_cmp(&b.top));
    let mut runs: Vec<Vec<Para>> = Vec::new();
    let mut bottom = f32::MIN;
    for p in paras {
        let breaks = runs.last().is_none_or(|run| {
            let size = run[0].size;
            (p.size - size).abs() > 0.15 * size || p.top - bottom > BREAK * size
        });
        if breaks {
            runs.push(Vec::new());
            bottom = f32::MIN;
        }
        bottom = bottom.max(p.bottom);
        if let Some(run) = runs.last_mut() {
            run.push(p);
        }
    }
    let mut regions = Vec::new();
    for mut run in runs {
        let tabular: Vec<bool> =
            (0..run.len()).map(|i| (0..run.len()).any(|j| j != i && run[i].near(&run[j]))).collect();
        let first = tabular.iter().position(|&t| t);
        let last = tabular.iter().rposition(|&t| t);
        let (Some(first), Some(last)) = (first, last) else {
            regions.extend(run.into_iter().map(|p| vec![p]));
            continue;
        };
        let after: Vec<Para> = run.drain(last + 1..).collect();
        let before: Vec<Para> = run.drain(..first).collect();
        regions.extend(before.into_iter().chain(after).map(|p| vec![p]));
        regions.push(run);
    }
    regions
}

/// How many distinct heights hold two paragraphs side by side.
fn rows_of_two(paras: &[Para]) -> usize {
    let mut tops: Vec<f32> = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if paras.iter().enumerate().any(|(j, q)| j != i && p.near(q))
            && !tops.iter().any(|t| (t - p.cy()).abs() < p.size)
        {
            tops.push(p.cy());
        }
    }
    tops.len()
}

/// Which boundaries `boundaries` looks for.
#[derive(Clone, Copy)]
enum Axis {
    /// Column boundaries: supported by three rows at least, crossed by fewer paragraphs than
    /// support them, and no two closer than `narrowest`.
    Columns { narrowest: f32 },
    /// Row boundaries: supported by one column at least, crossed by no more paragraphs than
    /// support them (labels centred on several rows cross them).
    Rows,
}

/// The boundaries along one axis: the whitespace between a paragraph and its nearest neighbour
/// (to the right, or below) supports a boundary; a paragraph over it crosses it. A boundary is
/// at the middle of each stretch crossed by fewer paragraphs than the stretches on either side
/// (a valley between the cells' text), when enough neighbours support it for `axis`. Of two
/// column boundaries closer than a character, the better supported is given, with the other as
/// its alternative.
fn boundaries(spans: &[(f32, f32)], gaps: &[(f32, f32)], axis: Axis) -> Vec<(f32, Option<f32>)> {
    let mut points: Vec<f32> = spans.iter().chain(gaps).flat_map(|&(a, b)| [a, b]).collect();
    points.sort_by(f32::total_cmp);
    points.dedup();
    let count = |v: &[(f32, f32)], x: f32| v.iter().filter(|&&(a, b)| a < x && x < b).count();
    // Elementary stretches with equal crossing joined: (from, to, cross, most support).
    let mut stretches: Vec<(f32, f32, usize, usize)> = Vec::new();
    for w in points.windows(2) {
        let mid = (w[0] + w[1]) / 2.0;
        let (support, cross) = (count(gaps, mid), count(spans, mid));
        match stretches.last_mut() {
            Some(last) if last.2 == cross => {
                last.1 = w[1];
                last.3 = last.3.max(support);
            }
            _ => stretches.push((w[0], w[1], cross, support)),
        }
    }
    // Each boundary with the one it was preferred to, when two were too close.
    let mut found: Vec<(f32, usize, usize, Option<f32>)> = Vec::new();
    for (i, &(from, to, cross, support)) in stretches.iter().enumerate() {
        let lower_than = |j: Option<usize>| j.and_then(|j| stretches.get(j)).is_none_or(|s| s.2 > cross);
        let valley = lower_than(i.checked_sub(1)) && lower_than(Some(i + 1));
        let enough = match axis {
            Axis::Columns { .. } => support >= 3 && cross < support,
            Axis::Rows => support >= 1 && cross <= support,
        };
        if valley && enough {
            let at = (from + to) / 2.0;
            // Two column boundaries closer than a character: the better supported one.
            match (found.last_mut(), axis) {
                (Some(last), Axis::Columns { narrowest }) if at - last.0 < narrowest => {
                    if (support, std::cmp::Reverse(cross)) > (last.2, std::cmp::Reverse(last.1)) {
                        *last = (at, cross, support, Some(last.0));
                    } else {
                        last.3 = Some(at);
                    }
                }
                _ => found.push((at, cross, support, None)),
            }
        }
    }
    found.into_iter().map(|f| (f.0, f.3)).collect()
}

/// Joins two row boundaries that stand around labels centred on a row boundary (which make no
/// row of their own): they lie within one gap of a column narrower than `tight` (lines of
/// neighbouring cells, a row apart), and what lies between them is no row: none of it is a
/// row's spacing from the text above or below it in its column.
fn join_rows(found: Vec<f32>, gaps: &[(f32, f32)], paras: &[Para], tight: f32) -> Vec<f32> {
    let mut merged: Vec<f32> = Vec::with_capacity(found.len());
    for b in found {
        let Some(&a) = merged.last() else {
            merged.push(b);
            continue;
        };
        let within: Vec<&(f32, f32)> = gaps.iter().filter(|&&(lo, hi)| hi - lo < tight && lo <= a && b <= hi).collect();
        let inside: Vec<&Para> = paras.iter().filter(|p| p.top >= a && p.bottom <= b).collect();
        // A paragraph a row's spacing from its neighbour above or below is in a row of its own;
        // a label centred on a boundary floats in a wider gap.
        let a_row = inside.iter().any(|p| {
            paras.iter().any(|q| {
                !std::ptr::eq(*p, q) && q.over(p) && {
                    let gap = if q.top >= p.bottom { q.top - p.bottom } else { p.top - q.bottom };
                    (0.0..ROW_GAP * p.size).contains(&gap)
                }
            })
        });
        if within.is_empty() || a_row {
            merged.push(b);
            continue;
        }
        let (lo, hi) = within.iter().fold((f32::MIN, f32::MAX), |(lo, hi), &&(l, h)| (lo.max(l), hi.min(h)));
        if let Some(last) = merged.last_mut() {
            *last = (lo + hi) / 2.0;
        }
    }
    merged
}

/// A table whose cells the alignment of its text does not tell apart.
#[derive(Debug)]
pub struct Unclear;

/// The grid of one region, and its paragraphs placed in its cells; `None` when the region
/// does not make a table of at least two columns and three rows, `Unclear` when it looks like
/// one but two paragraphs fall in one cell of the grid.
fn grid<'a>(paras: &[Para<'a>]) -> Result<Option<Found<'a>>, Unclear> {
    if paras.len() < 4 || rows_of_two(paras) < 3 {
        return Ok(None);
    }
    let right_gaps: Vec<(f32, f32)> = paras
        .iter()
        .filter_map(|p| {
            paras.iter().filter(|q| q.near(p) && q.x0 > p.x1).map(|q| q.x0).min_by(f32::total_cmp).map(|x| (p.x1, x))
        })
        .collect();
    let below_gaps: Vec<(f32, f32)> = paras
        .iter()
        .filter_map(|p| {
            paras
                .iter()
                .filter(|q| q.over(p) && q.top > p.bottom)
                .map(|q| q.top)
                .min_by(f32::total_cmp)
                .map(|y| (p.bottom, y))
        })
        .collect();
    let widths: Vec<(f32, f32)> = paras.iter().map(|p| (p.x0, p.x1)).collect();
    let heights: Vec<(f32, f32)> = paras.iter().map(|p| (p.top, p.bottom)).collect();
    let size = paras.iter().map(|p| p.size).fold(0.0, f32::max);
    let inner_x = boundaries(&widths, &right_gaps, Axis::Columns { narrowest: size });
    let rows_found: Vec<f32> = boundaries(&heights, &below_gaps, Axis::Rows).into_iter().map(|b| b.0).collect();
    let inner_y = join_rows(rows_found, &below_gaps, paras, 2.5 * size);
    let margin = 1.0;
    let left = paras.iter().map(|p| p.x0).fold(f32::MAX, f32::min) - margin;
    let right = paras.iter().map(|p| p.x1).fold(f32::MIN, f32::max) + margin;
    let mut ys = vec![paras.iter().map(|p| p.top).fold(f32::MAX, f32::min) - margin];
    ys.extend(inner_y);
    ys.push(paras.iter().map(|p| p.bottom).fold(f32::MIN, f32::max) + margin);
    if ys.len() < 4 || inner_x.is_empty() {
        return Ok(None);
    }
    // The preferred boundaries first; then, one at a time, each close pair's other choice.
    let choices = std::iter::once(None).chain((0..inner_x.len()).filter(|&i| inner_x[i].1.is_some()).map(Some));
    let mut placed = None;
    for swap in choices {
        let mut xs = vec![left];
        xs.extend(inner_x.iter().enumerate().map(|(i, b)| if swap == Some(i) { b.1.unwrap_or(b.0) } else { b.0 }));
        xs.push(right);
        if let Some(p) = place(paras, &xs, &ys) {
            placed = Some((xs, p));
            break;
        }
    }
    let Some((xs, (mut regions, mut owner))) = placed else { return Err(Unclear) };
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let unsure_columns = span_rows(&mut regions, &mut owner, &ys, cols, size);
    // The rest of the grid: empty cells, one each.
    let mut cells: Vec<(Region, Vec<&Glyph>)> = regions.into_iter().map(|(r, g, _)| (r, g)).collect();
    for r in 0..rows {
        for c in 0..cols {
            if owner[r * cols + c].is_none() {
                cells.push((Region { r0: r, c0: c, r1: r + 1, c1: c + 1 }, Vec::new()));
            }
        }
    }
    cells.sort_by_key(|(r, _)| (r.r0, r.c0));
    let (regions, glyphs): (Vec<Region>, Vec<Vec<&Glyph>>) = cells.into_iter().unzip();
    Ok(Some(Found {
        table: Table { xs, ys, cells: regions, open_top: false, open_bottom: false },
        glyphs,
        unsure_columns,
    }))
}

/// A paragraph placed: the grid cells it covers, its characters, its vertical centre.
type Placed<'a> = (Region, Vec<&'a Glyph>, f32);

/// Places each paragraph on the grid cells it overlaps; `None` when two fall in one cell, or
/// overlap: a row or column boundary the alignment did not show, and reading on would join
/// what may be two cells' text. Returns the placed paragraphs and each cell's owner.
fn place<'a>(paras: &[Para<'a>], xs: &[f32], ys: &[f32]) -> Option<(Vec<Placed<'a>>, Vec<Option<usize>>)> {
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let covered = |lo: f32, hi: f32, bounds: &[f32]| {
        let first = bounds.windows(2).position(|w| hi > w[0] && lo < w[1]).unwrap_or(0);
        let last = bounds.windows(2).rposition(|w| hi > w[0] && lo < w[1]).unwrap_or(first);
        (first, last + 1)
    };
    let mut regions: Vec<Placed> = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; rows * cols];
    let mut sorted: Vec<&Para> = paras.iter().collect();
    sorted.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    for p in sorted {
        let (c0, c1) = covered(p.x0, p.x1, xs);
        let (r0, r1) = covered(p.top, p.bottom, ys);
        if (r0..r1).any(|r| (c0..c1).any(|c| owner[r * cols + c].is_some())) {
            return None;
        }
        let i = regions.len();
        regions.push((Region { r0, c0, r1, c1 }, p.glyphs.clone(), p.cy()));
        for r in r0..r1 {
            for c in c0..c1 {
                owner[r * cols + c] = Some(i);
            }
        }
    }
    Some((regions, owner))
}

/// Extends paragraphs down their column over the empty cells around them, as far as keeps
/// each centred on the rows it spans (a merged cell's text is centred in it). Column by
/// column, from the top: the empty cells above a paragraph are its own (the one above took
/// what centred it); below, it takes as many as centre it. A column where some paragraph
/// cannot be centred so gets no spans at all; its number is returned.
fn span_rows(regions: &mut [Placed], owner: &mut [Option<usize>], ys: &[f32], cols: usize, size: f32) -> Vec<usize> {
    let rows = ys.len() - 1;
    let mut unsure = Vec::new();
    for c in 0..cols {
        // The paragraphs of this column that are one column wide, top to bottom.
        let mut column: Vec<usize> =
            (0..regions.len()).filter(|&i| regions[i].0.c0 == c && regions[i].0.c1 == c + 1).collect();
        column.sort_by_key(|&i| regions[i].0.r0);
        let free = |owner: &[Option<usize>], r: usize| owner[r * cols + c].is_none();
        let mut plan: Vec<(usize, usize, usize)> = Vec::new();
        let mut ok = true;
        let mut any = false;
        for (k, &i) in column.iter().enumerate() {
            let region = regions[i].0;
            let mut top = region.r0;
            while top > 0 && free(owner, top - 1) && plan.last().is_none_or(|&(_, _, end)| end < top) {
                top -= 1;
            }
            // The first paragraph of a column owns no empty cells above it: those are the
            // column's before the table's body (a heading's empty neighbours).
            if k == 0 {
                top = region.r0;
            }
            let next = column.get(k + 1).map_or(rows, |&j| regions[j].0.r0);
            let mut best: Option<(f32, usize)> = None;
            let mut bottom = region.r1;
            loop {
                let mid = (ys[top] + ys[bottom]) / 2.0;
                let off = (mid - regions[i].2).abs();
                if best.is_none_or(|(b, _)| off < b) {
                    best = Some((off, bottom));
                }
                if bottom >= next || !free(owner, bottom) {
                    break;
                }
                bottom += 1;
            }
            match best {
                Some((off, bottom)) if off <= CENTRED * size => {
                    any |= top < region.r0 || bottom > region.r1;
                    plan.push((i, top, bottom));
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            if column.len() > 1 {
                unsure.push(c);
            }
            continue;
        }
        if !any {
            continue;
        }
        for (i, top, bottom) in plan {
            let region = &mut regions[i].0;
            region.r0 = top;
            region.r1 = bottom;
            for r in top..bottom {
                owner[r * cols + c] = Some(i);
            }
        }
    }
    unsure
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One 10-point character each 10 points from `x`, on the line whose top is `top`.
    fn text(out: &mut Vec<Glyph>, s: &str, x: f32, top: f32) {
        for (i, c) in s.chars().enumerate() {
            let x0 = x + 10.0 * i as f32;
            out.push(Glyph { text: c.to_string(), x0, x1: x0 + 10.0, top, bottom: top + 10.0, size: 10.0 });
        }
    }

    fn cell_texts(found: &Found) -> Vec<(usize, usize, usize, String)> {
        found
            .table
            .cells
            .iter()
            .zip(&found.glyphs)
            .filter(|(_, g)| !g.is_empty())
            .map(|(r, g)| (r.r0, r.c0, r.r1 - r.r0, g.iter().map(|g| g.text.as_str()).collect()))
            .collect()
    }

    #[test]
    fn columns_rows_and_a_centred_label_spanning_rows() {
        // Rows 30 points apart; 一级 "产出" centred on the first three rows, "效益" on the fourth.
        let mut g = Vec::new();
        text(&mut g, "一级", 0.0, 0.0);
        text(&mut g, "二级", 60.0, 0.0);
        text(&mut g, "指标值", 140.0, 0.0);
        for (i, (b, c)) in [("数量", "10个"), ("质量", "合格"), ("时效", "年底"), ("社会", "提升")].iter().enumerate()
        {
            let top = 30.0 * (i + 1) as f32;
            text(&mut g, b, 60.0, top);
            text(&mut g, c, 140.0, top);
        }
        text(&mut g, "产出", 0.0, 60.0);
        text(&mut g, "效益", 0.0, 120.0);
        text(&mut g, "表一", 80.0, -40.0);
        let refs: Vec<&Glyph> = g.iter().collect();
        let (found, rest, _) = tables(&refs);
        assert_eq!(found.len(), 1);
        assert_eq!(rest.iter().map(|g| g.text.as_str()).collect::<String>(), "表一");
        let t = &found[0];
        assert_eq!((t.table.xs.len(), t.table.ys.len()), (4, 6));
        let cells = cell_texts(t);
        assert!(cells.contains(&(1, 0, 3, "产出".to_owned())), "{cells:?}");
        assert!(cells.contains(&(4, 0, 1, "效益".to_owned())), "{cells:?}");
        assert!(cells.contains(&(2, 1, 1, "质量".to_owned())), "{cells:?}");
        assert!(t.unsure_columns.is_empty());
    }

    #[test]
    fn an_empty_cell_is_left_empty_not_spanned() {
        // The value of the second row is missing: the values' column has nothing to centre.
        let mut g = Vec::new();
        for (i, (a, b)) in
            [("名称一", "值一"), ("名称二", ""), ("名称三", "值三"), ("名称四", "值四")].iter().enumerate()
        {
            let top = 30.0 * i as f32;
            text(&mut g, a, 0.0, top);
            text(&mut g, b, 100.0, top);
        }
        let refs: Vec<&Glyph> = g.iter().collect();
        let (found, _, _) = tables(&refs);
        let cells = cell_texts(&found[0]);
        assert!(cells.iter().all(|c| c.2 == 1), "{cells:?}");
        assert_eq!(found[0].unsure_columns, vec![1]);
    }

    #[test]
    fn a_page_of_too_many_pieces_is_not_searched() {
        // 70 × 70 characters set far apart: a grid of 4,900 one-character cells.
        let mut g = Vec::new();
        for row in 0..70 {
            for col in 0..70 {
                text(&mut g, "字", 30.0 * col as f32, 30.0 * row as f32);
            }
        }
        let refs: Vec<&Glyph> = g.iter().collect();
        let (found, rest, unclear) = tables(&refs);
        assert!(found.is_empty() && unclear == 0);
        assert_eq!(rest.len(), g.len());
    }

    #[test]
    fn lines_of_text_alone_are_no_table() {
        let mut g = Vec::new();
        text(&mut g, "第一段文字", 0.0, 0.0);
        text(&mut g, "第二段文字", 0.0, 30.0);
        text(&mut g, "单位", 0.0, 60.0);
        text(&mut g, "万元", 100.0, 60.0);
        let refs: Vec<&Glyph> = g.iter().collect();
        let (found, rest, _) = tables(&refs);
        assert!(found.is_empty());
        assert_eq!(rest.len(), g.len());
    }
}

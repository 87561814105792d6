//! Tables from ruling lines: lines that touch form one table; the distinct line positions give
//! its grid, and a missing border between two grid cells merges them (a rowspan or colspan).

use jixiao_pdf::Rule;

/// How far apart two line positions may be and still be one (points): borders are drawn as
/// rectangles a pixel wide, at slightly different offsets on each side of a cell.
const SNAP: f32 = 2.0;

/// One table found on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f32>,
    /// The cells: grid rectangles, merged where no border separates them, in row-major order.
    pub cells: Vec<Region>,
    /// The column borders run on above the top line: the first row was cut by a page break
    /// and began on the previous page.
    pub open_top: bool,
    /// The column borders run on below the bottom line: the last row continues on the next page.
    pub open_bottom: bool,
}

/// A cell of the grid: rows `r0..r1` and columns `c0..c1` (exclusive ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub r0: usize,
    pub c0: usize,
    pub r1: usize,
    pub c1: usize,
}

impl Table {
    /// The grid cell holding a point, if the point is inside the table.
    pub fn locate(&self, x: f32, y: f32) -> Option<(usize, usize)> {
        let r = interval(&self.ys, y)?;
        let c = interval(&self.xs, x)?;
        Some((r, c))
    }

    /// The top of the table.
    pub fn top(&self) -> f32 {
        self.ys[0]
    }
}

/// The index `i` with `bounds[i] <= v < bounds[i + 1]`.
fn interval(bounds: &[f32], v: f32) -> Option<usize> {
    if bounds.len() < 2 || v < bounds[0] || v >= bounds[bounds.len() - 1] {
        return None;
    }
    Some(bounds.partition_point(|&b| b <= v).saturating_sub(1).min(bounds.len() - 2))
}

/// The tables that a page's rules draw, top to bottom.
pub fn tables(rules: &[Rule]) -> Vec<Table> {
    let rules = merge_collinear(rules);
    let (h, v): (Vec<&Rule>, Vec<&Rule>) = rules.iter().partition(|r| r.horizontal);
    // Lines that touch are one table: union-find over horizontal × vertical crossings.
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            if crosses(a, b) {
                union(&mut parent, i, h.len() + j);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<&Rule>)> = Vec::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let rule = if i < h.len() { h[i] } else { v[i - h.len()] };
        match groups.iter_mut().find(|(r, _)| *r == root) {
            Some((_, members)) => members.push(rule),
            None => groups.push((root, vec![rule])),
        }
    }
    let mut out: Vec<Table> = groups.into_iter().filter_map(|(_, members)| table(&members)).collect();
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

fn crosses(h: &Rule, v: &Rule) -> bool {
    v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

/// Joins pieces of one line (a border drawn cell by cell) into one rule per stretch.
fn merge_collinear(rules: &[Rule]) -> Vec<Rule> {
    let mut sorted: Vec<Rule> = rules.to_vec();
    sorted.sort_by(|a, b| a.horizontal.cmp(&b.horizontal).then(a.at.total_cmp(&b.at)).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Rule> = Vec::with_capacity(sorted.len());
    // Rules of one orientation whose `at` are within SNAP form a band; within it, overlapping
    // or touching stretches join.
    let mut band: Vec<Rule> = Vec::new();
    let flush = |band: &mut Vec<Rule>, out: &mut Vec<Rule>| {
        if band.is_empty() {
            return;
        }
        let at = band.iter().map(|r| r.at).sum::<f32>() / band.len() as f32;
        band.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut current: Option<Rule> = None;
        for r in band.drain(..) {
            match current.as_mut() {
                Some(c) if r.from <= c.to + SNAP => c.to = c.to.max(r.to),
                _ => {
                    out.extend(current.take());
                    current = Some(Rule { at, ..r });
                }
            }
        }
        out.extend(current);
    };
    for r in sorted {
        if let Some(first) = band.first() {
            if first.horizontal != r.horizontal || r.at - first.at > SNAP {
                flush(&mut band, &mut out);
            }
        }
        band.push(r);
    }
    flush(&mut band, &mut out);
    out
}

/// Positions within SNAP of each other become one (their mean).
fn snap(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    let mut group: Vec<f32> = Vec::new();
    for v in values {
        if group.first().is_some_and(|&g| v - g > SNAP) {
            out.push(group.iter().sum::<f32>() / group.len() as f32);
            group.clear();
        }
        group.push(v);
    }
    if !group.is_empty() {
        out.push(group.iter().sum::<f32>() / group.len() as f32);
    }
    out
}

/// The grid of one group of touching rules; `None` when it does not enclose a cell.
fn table(rules: &[&Rule]) -> Option<Table> {
    let mut ys = snap(rules.iter().filter(|r| r.horizontal).map(|r| r.at).collect());
    let xs = snap(rules.iter().filter(|r| !r.horizontal).map(|r| r.at).collect());
    if ys.is_empty() || xs.len() < 2 {
        return None;
    }
    // A row cut by a page break has no line on the cut side: its column borders run past the
    // table's last line, and where they end is the row's edge.
    let v_top = rules.iter().filter(|r| !r.horizontal).map(|r| r.from).fold(f32::MAX, f32::min);
    let v_bottom = rules.iter().filter(|r| !r.horizontal).map(|r| r.to).fold(f32::MIN, f32::max);
    let open_top = v_top < ys[0] - SNAP;
    let open_bottom = v_bottom > ys[ys.len() - 1] + SNAP;
    if open_top {
        ys.insert(0, v_top);
    }
    if open_bottom {
        ys.push(v_bottom);
    }
    if ys.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    // Whether a border is drawn along `at` (a vertical one when `!horizontal`) over the middle
    // of the stretch from `a` to `b`.
    let drawn = |horizontal: bool, at: f32, a: f32, b: f32| {
        let mid = (a + b) / 2.0;
        let quarter = (b - a) / 4.0;
        rules.iter().any(|r| {
            r.horizontal == horizontal
                && (r.at - at).abs() <= SNAP
                && r.from <= mid - quarter.min(SNAP)
                && r.to >= mid + quarter.min(SNAP)
        })
    };
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !drawn(false, xs[c + 1], ys[r], ys[r + 1]) {
                union(&mut parent, r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !drawn(true, ys[r + 1], xs[c], xs[c + 1]) {
                union(&mut parent, r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let mut cells: Vec<Region> = Vec::new();
    let mut index: Vec<Option<usize>> = vec![None; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, r * cols + c);
            match index[root] {
                Some(i) => {
                    let cell = &mut cells[i];
                    cell.r0 = cell.r0.min(r);
                    cell.c0 = cell.c0.min(c);
                    cell.r1 = cell.r1.max(r + 1);
                    cell.c1 = cell.c1.max(c + 1);
                }
                None => {
                    index[root] = Some(cells.len());
                    cells.push(Region { r0: r, c0: c, r1: r + 1, c1: c + 1 });
                }
            }
        }
    }
    Some(Table { xs, ys, cells, open_top, open_bottom })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(at: f32, from: f32, to: f32) -> Rule {
        Rule { horizontal: true, at, from, to }
    }

    fn v(at: f32, from: f32, to: f32) -> Rule {
        Rule { horizontal: false, at, from, to }
    }

    #[test]
    fn a_missing_border_merges_cells_down_and_across() {
        // Three rows, three columns. Column 0 has no border between rows 1 and 2 (一级 merged
        // down); row 0 has no border between columns 1 and 2 (a heading across two columns).
        let rules = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 100.0, 300.0),
            h(60.0, 0.0, 300.0),
            v(0.0, 0.0, 60.0),
            v(100.0, 0.0, 60.0),
            v(200.0, 20.0, 60.0),
            v(300.0, 0.0, 60.0),
        ];
        let t = tables(&rules);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.xs, vec![0.0, 100.0, 200.0, 300.0]);
        assert_eq!(t.ys, vec![0.0, 20.0, 40.0, 60.0]);
        assert!(t.cells.contains(&Region { r0: 0, c0: 1, r1: 1, c1: 3 }));
        assert!(t.cells.contains(&Region { r0: 1, c0: 0, r1: 3, c1: 1 }));
        assert_eq!(t.cells.len(), 1 + 1 + 1 + 4);
        assert_eq!(t.locate(150.0, 10.0), Some((0, 1)));
        assert_eq!(t.locate(350.0, 10.0), None);
        assert!(!t.open_top && !t.open_bottom);
    }

    #[test]
    fn a_row_cut_by_the_page_end_is_a_row_open_at_the_bottom() {
        // The last line is at 20, but the column borders go on to 35: a row cut by the page.
        let rules = vec![h(0.0, 0.0, 100.0), h(20.0, 0.0, 100.0), v(0.0, 0.0, 35.0), v(100.0, 0.0, 35.0)];
        let t = &tables(&rules)[0];
        assert_eq!(t.ys, vec![0.0, 20.0, 35.0]);
        assert!(t.open_bottom && !t.open_top);
        assert_eq!(t.cells.len(), 2);
    }

    #[test]
    fn pieces_of_one_border_join_and_separate_boxes_are_separate_tables() {
        let mut rules =
            vec![h(0.0, 0.0, 50.0), h(0.5, 50.0, 100.0), h(30.0, 0.0, 100.0), v(0.0, 0.0, 30.0), v(100.0, 0.0, 30.0)];
        rules.extend([h(100.0, 0.0, 100.0), h(130.0, 0.0, 100.0), v(0.0, 100.0, 130.0), v(100.0, 100.0, 130.0)]);
        let t = tables(&rules);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].cells.len(), 1);
        assert_eq!(t[1].ys, vec![100.0, 130.0]);
    }
}

//! Workbooks laid out in awkward but real ways, built here with rust_xlsxwriter: tables side by
//! side on one sheet. Each is read against the same tables read one to a sheet.

use jixiao_core::Document;
use jixiao_tables::{Item, read_stream};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// A table to draw: a title, three header fields, the indicator header's columns after 一级 and
/// 二级, and the indicator rows (一级, 二级, the other columns' cells).
struct Table<'a> {
    title: &'a str,
    name: &'a str,
    department: &'a str,
    goal: &'a str,
    columns: &'a [&'a str],
    rows: &'a [(&'a str, &'a str, &'a [&'a str])],
}

impl Table<'_> {
    fn width(&self) -> u16 {
        2 + self.columns.len() as u16
    }
}

/// Writes `text` over rows `r0..=r1` and columns `c0..=c1`, merged when that is more than one cell.
fn put(sheet: &mut Worksheet, (r0, c0): (u32, u16), (r1, c1): (u32, u16), text: &str) {
    if (r0, c0) == (r1, c1) {
        sheet.write_string(r0, c0, text).expect("write");
    } else {
        sheet.merge_range(r0, c0, r1, c1, text, &Format::new()).expect("merge");
    }
}

/// Draws a table with its top-left corner at (row0, col0) as the templates lay it out: the
/// title across the table, labels with their values merged across, and 一级 and 二级 merged
/// down their rows. `title` false leaves the title row out (a title drawn across two tables).
fn draw(sheet: &mut Worksheet, (row0, col0): (u32, u16), t: &Table, title: bool) {
    let last = col0 + t.width() - 1;
    let mut r = row0;
    if title {
        put(sheet, (r, col0), (r, last), t.title);
        r += 1;
    }
    for (label, value) in [("项目名称", t.name), ("主管部门", t.department), ("绩效目标", t.goal)] {
        sheet.write_string(r, col0, label).expect("write");
        put(sheet, (r, col0 + 1), (r, last), value);
        r += 1;
    }
    for (c, h) in (col0..).zip(["一级指标", "二级指标"].iter().chain(t.columns)) {
        sheet.write_string(r, c, *h).expect("write");
    }
    r += 1;
    // Runs of equal 一级 (and, inside them, of equal 二级) are merged down.
    for (a, b) in runs(0, t.rows.len(), |i| t.rows[i].0) {
        put(sheet, (r + a as u32, col0), (r + b as u32 - 1, col0), t.rows[a].0);
        for (c, d) in runs(a, b, |i| t.rows[i].1) {
            put(sheet, (r + c as u32, col0 + 1), (r + d as u32 - 1, col0 + 1), t.rows[c].1);
        }
    }
    for (i, (_, _, cells)) in t.rows.iter().enumerate() {
        for (c, text) in (col0 + 2..).zip(cells.iter()) {
            sheet.write_string(r + i as u32, c, *text).expect("write");
        }
    }
}

/// The runs `from..to` of equal keys, as (start, end) ranges.
fn runs<'a>(from: usize, to: usize, key: impl Fn(usize) -> &'a str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let end = (i..to).find(|&j| key(j) != key(i)).unwrap_or(to);
        out.push((i, end));
        i = end;
    }
    out
}

/// Reads a workbook's documents, and its diagnostics as display lines.
fn read(bytes: Vec<u8>) -> (Vec<Document>, Vec<String>) {
    let mut docs = Vec::new();
    let mut notes = Vec::new();
    for item in read_stream("表.xlsx", std::io::Cursor::new(bytes)).expect("opens") {
        match item.expect("reads") {
            Item::Document(d) => docs.push(d.document),
            Item::Diagnostic(d) => notes.push(d.display("表.xlsx").to_string()),
        }
    }
    (docs, notes)
}

fn workbook(draw_on: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    draw_on(book.add_worksheet().set_name("绩效目标").expect("name"));
    book.save_to_buffer().expect("save")
}

/// The documents of each table drawn alone on a sheet of its own, one after the other: what
/// the same tables side by side must read as.
fn alone(tables: &[&Table]) -> Vec<Document> {
    let mut docs = Vec::new();
    for t in tables {
        let (read, notes) = read(workbook(|s| draw(s, (0, 0), t, true)));
        assert!(notes.is_empty(), "{}: {notes:#?}", t.title);
        assert_eq!(read.len(), 1, "{}", t.title);
        docs.extend(read);
    }
    docs
}

fn json(value: &(impl serde::Serialize + ?Sized)) -> serde_json::Value {
    serde_json::to_value(value).expect("json")
}

const TARGETS_2021: Table = Table {
    title: "2021年乡村教师培训项目支出绩效目标表",
    name: "乡村教师培训",
    department: "某县教育局",
    goal: "完成乡村教师轮训。",
    columns: &["三级指标", "指标值"],
    rows: &[
        ("产出指标", "数量指标", &["培训人数", "≥300人"]),
        ("产出指标", "数量指标", &["培训期数", "6期"]),
        ("产出指标", "质量指标", &["结业率", "≥95%"]),
        ("产出指标", "时效指标", &["完成时间", "2021年12月底前"]),
        ("效益指标", "社会效益指标", &["教学能力", "明显提升"]),
        ("满意度指标", "服务对象满意度指标", &["参训教师满意度", "≥90%"]),
    ],
};

/// The next year's table of the same project: its levels fall on other rows than 2021's.
const TARGETS_2022: Table = Table {
    title: "2022年乡村教师培训项目支出绩效目标表",
    name: "乡村教师培训",
    department: "某县教育局",
    goal: "巩固乡村教师轮训成果。",
    columns: &["三级指标", "指标值"],
    rows: &[
        ("产出指标", "数量指标", &["培训人数", "≥320人"]),
        ("产出指标", "质量指标", &["结业率", "≥96%"]),
        ("效益指标", "社会效益指标", &["教学能力", "持续提升"]),
        ("效益指标", "可持续影响指标", &["长效机制", "基本建立"]),
        ("满意度指标", "服务对象满意度指标", &["参训教师满意度", "≥92%"]),
        ("满意度指标", "服务对象满意度指标", &["学校满意度", "≥90%"]),
    ],
};

/// 2021's self-evaluation, with its columns after the target.
const SELF_EVALUATION_2021: Table = Table {
    title: "2021年度乡村教师培训项目支出绩效自评表",
    name: "乡村教师培训",
    department: "某县教育局",
    goal: "完成乡村教师轮训。",
    columns: &["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    rows: &[
        ("产出指标", "数量指标", &["培训人数", "≥300人", "312人", "20", "20"]),
        ("产出指标", "质量指标", &["结业率", "≥95%", "97%", "20", "20"]),
        ("产出指标", "时效指标", &["完成时间", "2021年12月底前", "2021年11月", "10", "10"]),
        ("效益指标", "社会效益指标", &["教学能力", "明显提升", "明显提升", "30", "28"]),
        ("满意度指标", "服务对象满意度指标", &["参训教师满意度", "≥90%", "93%", "10", "10"]),
    ],
};

#[test]
fn two_years_side_by_side_read_as_two_tables() {
    // One empty column (E) between 2021 on A–D and 2022 on F–I, both from row 1.
    let bytes = workbook(|s| {
        draw(s, (0, 0), &TARGETS_2021, true);
        draw(s, (0, 5), &TARGETS_2022, true);
    });
    let (docs, notes) = read(bytes);
    assert_eq!(json(&docs), json(&alone(&[&TARGETS_2021, &TARGETS_2022])));
    assert_eq!(
        notes,
        [
            "表.xlsx:绩效目标!F1: 提示[side-by-side-tables]: 工作表 “绩效目标” 上有 2 张左右并排的表格 (A–D 列、F–I 列), \
          之间隔着空列: 按列分开, 从左到右逐张读取"
        ]
    );
}

#[test]
fn a_target_table_beside_its_self_evaluation_reads_as_both() {
    // The 自评表 two empty columns to the right, three rows lower, wider than the 目标表.
    let bytes = workbook(|s| {
        draw(s, (0, 0), &TARGETS_2021, true);
        draw(s, (3, 6), &SELF_EVALUATION_2021, true);
    });
    let (docs, notes) = read(bytes);
    assert_eq!(json(&docs), json(&alone(&[&TARGETS_2021, &SELF_EVALUATION_2021])));
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(notes[0].contains("(A–D 列、G–M 列)"), "{notes:#?}");
}

#[test]
fn a_title_across_both_tables_goes_with_the_first() {
    // One title merged across A–I over both tables: a row of one cell does not join them.
    let bytes = workbook(|s| {
        put(s, (0, 0), (0, 8), "2021年乡村教师培训项目支出绩效目标表");
        draw(s, (1, 0), &TARGETS_2021, false);
        draw(s, (1, 5), &TARGETS_2022, false);
    });
    let (docs, notes) = read(bytes);
    assert_eq!(docs.len(), 2, "{notes:#?}");
    assert_eq!(json(&docs[..1]), json(&alone(&[&TARGETS_2021])));
    // The second table has no title of its own; its indicators and levels are its own.
    let second = alone(&[&TARGETS_2022]);
    assert_eq!(json(&docs[1].indicators), json(&second[0].indicators));
    assert!(notes.iter().any(|n| n.contains("side-by-side-tables")), "{notes:#?}");
}

#[test]
fn indicator_rows_beside_a_table_without_a_header_are_reported_not_joined() {
    // The 2022 rows to the right of 2021 without their header and fields: another table or
    // the rest of this one? Neither is guessed: the left table is read alone.
    let bytes = workbook(|s| {
        draw(s, (0, 0), &TARGETS_2021, true);
        for (i, (l1, l2, cells)) in TARGETS_2022.rows.iter().enumerate() {
            for (c, text) in (5..).zip([*l1, *l2].iter().chain(cells.iter())) {
                s.write_string(5 + i as u32, c, *text).expect("write");
            }
        }
    });
    let (docs, notes) = read(bytes);
    assert_eq!(json(&docs), json(&alone(&[&TARGETS_2021])));
    assert_eq!(
        notes,
        [
            "表.xlsx:绩效目标!F6-绩效目标!I11: 警告[unplaced-columns]: 工作表 “绩效目标” 的 F–I 列与有指标表头的表格之间隔着空列, \
          其中有指标 (如 “产出指标”) 却没有自己的指标表头: 无法确定它是另一张表格还是这张表格的续表, 这 24 个单元格未读入; \
          请给它加上表头, 或把它移到所属表格的下方后再读取"
        ]
    );
}

#[test]
fn two_tables_with_no_empty_column_between_them_are_not_read_as_one() {
    let bytes = workbook(|s| {
        draw(s, (0, 0), &TARGETS_2021, true);
        draw(s, (0, 4), &TARGETS_2022, true);
    });
    let (docs, notes) = read(bytes);
    assert!(docs.is_empty(), "{docs:#?}");
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(
        notes[0].starts_with(
            "表.xlsx:绩效目标!A1-绩效目标!H11: 警告[unplaced-columns]: 工作表 “绩效目标” 的 A–H 列在同一行有两组指标表头 \
             (A5 和 E5 都是 “一级指标”), 像是左右并排、中间没有空列的两张表格"
        ),
        "{notes:#?}"
    );
}

#[test]
fn an_empty_column_inside_one_table_does_not_cut_it() {
    // A table with no header fields (nothing merged across it) and an empty column between 三级
    // and 指标值, which its header runs across; and two notes with no indicator in them to the
    // right: read as one table, as before.
    let bytes = workbook(|s| {
        put(s, (0, 0), (0, 4), TARGETS_2021.title);
        for (c, h) in [(0, "一级指标"), (1, "二级指标"), (2, "三级指标"), (4, "指标值")] {
            s.write_string(1, c, h).expect("write");
        }
        for (i, (l1, l2, cells)) in TARGETS_2021.rows.iter().enumerate() {
            let r = 2 + i as u32;
            for (c, text) in [(0, *l1), (1, *l2), (2, cells[0]), (4, cells[1])] {
                s.write_string(r, c, text).expect("write");
            }
        }
        s.write_string(2, 7, "说明: 指标值按上年实际确定").expect("write");
        s.write_string(3, 7, "请于每季度末更新").expect("write");
    });
    let (docs, notes) = read(bytes);
    assert_eq!(docs.len(), 1, "{notes:#?}");
    assert_eq!(json(&docs[0].indicators), json(&alone(&[&TARGETS_2021])[0].indicators));
    assert!(notes.iter().all(|n| !n.contains("side-by-side") && !n.contains("unplaced-columns")), "{notes:#?}");
}

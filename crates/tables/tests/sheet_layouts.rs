//! Workbooks made in awkward but real ways, built here with rust_xlsxwriter: tables side by
//! side on one sheet, formulas whose result was never stored, hidden rows and columns. Each is
//! read against the same tables written plainly.

use std::io::{Cursor, Read, Write};

use jixiao_core::Document;
use jixiao_tables::{Item, read_stream};
use rust_xlsxwriter::{FilterCondition, Format, Formula, Workbook, Worksheet};

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
    read_named("表.xlsx", bytes)
}

fn read_named(name: &str, bytes: Vec<u8>) -> (Vec<Document>, Vec<String>) {
    let mut docs = Vec::new();
    let mut notes = Vec::new();
    for item in read_stream(name, Cursor::new(bytes)).expect("opens") {
        match item.expect("reads") {
            Item::Document(d) => docs.push(d.document),
            Item::Diagnostic(d) => notes.push(d.display(name).to_string()),
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

/// A 申报表 whose indicator block gives the mid term's indicators left of the year's, each group
/// with its own 一级 column and no empty column between them: `header` heads the eight columns,
/// and `group`, if any, is a row above it naming the two groups (merged over four columns each).
fn paired(header: [&str; 8], group: Option<[&str; 2]>) -> Vec<u8> {
    workbook(|s| {
        s.write_string(0, 0, "项目支出绩效目标申报表").expect("write");
        for (c, text) in [(0, "项目名称"), (1, "外事出访经费"), (3, "主管部门"), (4, "某市外事办公室")]
        {
            s.write_string(1, c, text).expect("write");
        }
        s.write_string(2, 0, "年度绩效目标").expect("write");
        s.write_string(2, 1, "完成出访任务").expect("write");
        let mut r = 3;
        if let Some([long, year]) = group {
            put(s, (r, 0), (r, 3), long);
            put(s, (r, 4), (r, 7), year);
            r += 1;
        }
        for (c, h) in (0..).zip(header) {
            s.write_string(r, c, h).expect("write");
        }
        let rows = [
            ("产出指标", "数量指标", "出访团组", "≥30个", "≥10个"),
            ("效益指标", "社会效益指标", "影响力", "持续提升", "提升"),
            ("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "≥85%"),
        ];
        for (i, (l1, l2, name, long, year)) in rows.into_iter().enumerate() {
            for (c, text) in (0..).zip([l1, l2, name, long, l1, l2, name, year]) {
                s.write_string(r + 1 + i as u32, c, text).expect("write");
            }
        }
    })
}

#[test]
fn mid_term_and_annual_groups_each_with_a_level1_column_read_as_one_table() {
    // As the text reader reads the same rows: one table, each indicator with the long term's
    // target and the year's. Marked in the header cells, on some of them, or in a group row.
    let marked = ["一级指标(中期)", "二级指标(中期)", "三级指标(中期)", "指标值(中期)"];
    let year = ["一级指标(年度)", "二级指标(年度)", "三级指标(年度)", "指标值(年度)"];
    let plain = ["一级指标", "二级指标", "三级指标", "指标值"];
    let some = ["一级指标", "二级指标(长期)", "三级指标(长期)", "指标值(长期)"];
    let join = |a: [&'static str; 4], b: [&'static str; 4]| -> [&'static str; 8] {
        [a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]]
    };
    for (what, bytes) in [
        ("marked cells", paired(join(marked, year), None)),
        ("long term marked", paired(join(some, plain), None)),
        ("group row", paired(join(plain, plain), Some(["中期指标", "年度指标"]))),
        ("goal groups", paired(join(plain, plain), Some(["中期目标(2021-2023年)", "年度目标"]))),
    ] {
        let (docs, notes) = read(bytes);
        assert!(notes.iter().all(|n| !n.contains("unplaced-columns")), "{what}: {notes:#?}");
        assert_eq!(docs.len(), 1, "{what}: {notes:#?}");
        let got: Vec<(&str, &str, bool)> = docs[0]
            .indicators
            .iter()
            .map(|i| (i.name.as_str(), i.target.as_str(), i.horizon == Some(jixiao_core::Horizon::LongTerm)))
            .collect();
        assert_eq!(
            got,
            [
                ("出访团组", "≥30个", true),
                ("出访团组", "≥10个", false),
                ("影响力", "持续提升", true),
                ("影响力", "提升", false),
                ("满意度", "≥90%", true),
                ("满意度", "≥85%", false),
            ],
            "{what}"
        );
        assert_eq!(docs[0].indicators[2].level1, "效益指标", "{what}");
    }
}

#[test]
fn a_merged_title_beside_a_unit_does_not_join_tables_side_by_side() {
    // The title merged across the first table and the empty column, `单位：万元` beside it
    // over the second: the empty column E is still empty where the tables are.
    let bytes = workbook(|s| {
        put(s, (0, 0), (0, 7), "2021—2022年乡村教师培训项目支出绩效目标表");
        s.write_string(0, 8, "单位：万元").expect("write");
        draw(s, (1, 0), &TARGETS_2021, false);
        draw(s, (1, 5), &TARGETS_2022, false);
    });
    let (docs, notes) = read(bytes);
    assert_eq!(docs.len(), 2, "{notes:#?}");
    assert!(notes.iter().all(|n| !n.contains("unplaced-columns")), "{notes:#?}");
    assert!(notes.iter().any(|n| n.contains("side-by-side-tables")), "{notes:#?}");
    assert_eq!(docs[0].title, "2021—2022年乡村教师培训项目支出绩效目标表");
    for (doc, table) in docs.iter().zip([&TARGETS_2021, &TARGETS_2022]) {
        assert_eq!(json(&doc.indicators), json(&alone(&[table])[0].indicators), "{}", table.title);
    }
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

/// The workbook with its sheets' XML changed by `edit`: what rust_xlsxwriter does not write.
fn edited(bytes: Vec<u8>, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let name = file.name().expect("name").to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).expect("unpack");
        if name.starts_with("xl/worksheets/") {
            data = edit(std::str::from_utf8(&data).expect("XML")).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).expect("entry");
        out.write_all(&data).expect("pack");
    }
    out.finish().expect("zip").into_inner()
}

#[test]
fn a_formula_whose_result_was_never_stored_is_said_and_read_blank() {
    // Scores as formulas, written as openpyxl writes them: the formula and an empty value
    // (`<c r="G6"><f>F6</f><v /></c>`). The third's result is stored, an empty text.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("自评").expect("name");
    // A number, so that no type is written for the result, as openpyxl writes none.
    sheet.set_formula_result_default("-4242");
    draw(sheet, (0, 0), &SELF_EVALUATION_2021, true);
    sheet.write_formula(5, 6, Formula::new("=F6")).expect("formula");
    sheet.write_formula(6, 6, Formula::new("=IF(E7>=D7,F7,0)")).expect("formula");
    sheet.write_formula(7, 6, Formula::new(r#"=IF(E8="","",F8)"#).set_result("EMPTY-TEXT")).expect("formula");
    let bytes = edited(book.save_to_buffer().expect("save"), |xml| {
        xml.replace("<v>-4242</v>", "<v />").replace("<v>EMPTY-TEXT</v>", "<v></v>")
    });
    let (docs, notes) = read(bytes);
    assert_eq!(
        notes,
        [
            "表.xlsx:自评!G6: 警告[uncached-formula]: 公式 =F6 没有保存计算结果 (生成文件的程序只写了公式, 没有计算), \
             按空白读取: 请在 Excel 或 WPS 中打开、重新计算并保存后再读取",
            "表.xlsx:自评!G7: 警告[uncached-formula]: 公式 =IF(E7>=D7,F7,0) 没有保存计算结果 (生成文件的程序只写了公式, \
             没有计算), 按空白读取: 请在 Excel 或 WPS 中打开、重新计算并保存后再读取",
        ]
    );
    // The scores read as if their cells were blank: nothing is invented for them.
    let rows: Vec<(&str, &str, Vec<&str>)> = SELF_EVALUATION_2021
        .rows
        .iter()
        .enumerate()
        .map(|(i, (a, b, c))| (*a, *b, if i < 3 { c[..4].to_vec() } else { c.to_vec() }))
        .collect();
    let rows: Vec<(&str, &str, &[&str])> = rows.iter().map(|(a, b, c)| (*a, *b, c.as_slice())).collect();
    let blank = Table { rows: &rows, ..SELF_EVALUATION_2021 };
    assert_eq!(json(&docs), json(&alone(&[&blank])));
}

#[test]
fn many_formulas_without_results_are_named_ten_then_counted() {
    // Written with no value element at all, as Apache POI leaves a formula it did not evaluate.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("合计").expect("name");
    // A number, so that no type is written for the result, as openpyxl writes none.
    sheet.set_formula_result_default("-4242");
    for r in 0..25 {
        sheet.write_formula(r, 1, Formula::new(format!("=A{}*2", r + 1))).expect("formula");
    }
    let bytes = edited(book.save_to_buffer().expect("save"), |xml| xml.replace("<v>-4242</v>", ""));
    let (_, notes) = read(bytes);
    let formulas: Vec<&String> = notes.iter().filter(|n| n.contains("uncached-formula")).collect();
    assert_eq!(formulas.len(), 11, "{notes:#?}");
    assert!(formulas[9].starts_with("表.xlsx:合计!B10: 警告[uncached-formula]: 公式 =A10*2 没有保存计算结果"));
    assert_eq!(
        formulas[10],
        "表.xlsx:合计!B11-合计!B25: 警告[uncached-formula]: 另有 15 个公式单元格同样没有保存计算结果, 都按空白读取"
    );
}

#[test]
fn hidden_rows_of_old_data_and_a_hidden_helper_column_are_left_out_and_named() {
    // Last year's rows kept under the table and a column of codes beside it, both hidden, as
    // templates do: the sheet shows the 2021 table alone, and so does the reading.
    let bytes = workbook(|s| {
        draw(s, (0, 0), &TARGETS_2021, true);
        for (r, (name, target)) in [(11, ("培训人数", "≥250人")), (12, ("培训期数", "5期"))] {
            for (c, text) in [(0, "产出指标"), (1, "数量指标"), (2, name), (3, target)] {
                s.write_string(r, c, text).expect("write");
            }
            s.set_row_hidden(r).expect("hide");
        }
        for r in 5..11 {
            s.write_string(r, 4, format!("ZB{r:03}")).expect("write");
        }
        s.set_column_hidden(4).expect("hide");
    });
    let (docs, notes) = read(bytes);
    assert_eq!(json(&docs), json(&alone(&[&TARGETS_2021])));
    assert_eq!(
        notes,
        [
            "表.xlsx:绩效目标!E6-绩效目标!D13: 提示[hidden-cells]: 第 12–13 行和 E 列是隐藏的 (打开或打印工作表时都看不见), \
          其中 14 个单元格的内容未读入: “ZB005” 等"
        ]
    );
}

#[test]
fn a_hidden_row_inside_the_indicators_keeps_the_level_merged_across_it() {
    // The first indicator row hidden: its indicator is left out, and 产出指标 and 数量指标, whose
    // merged cells start on it, still head the rows below, as the sheet shows them.
    let bytes = workbook(|s| {
        draw(s, (0, 0), &TARGETS_2021, true);
        s.set_row_hidden(5).expect("hide");
    });
    let (docs, notes) = read(bytes);
    let shown = Table { rows: &TARGETS_2021.rows[1..], ..TARGETS_2021 };
    assert_eq!(json(&docs), json(&alone(&[&shown])));
    assert_eq!(notes.len(), 1, "{notes:#?}");
    // Inside the table, what was left out is a warning: it may be the table's own.
    assert!(
        notes[0].starts_with("表.xlsx:绩效目标!C6-绩效目标!D6: 警告[hidden-in-table]: 第 6 行是隐藏的"),
        "{notes:#?}"
    );
}

/// An .ods made by hand (what matters of LibreOffice's `content.xml`): rows of `(cells, hidden)`,
/// each cell a text, and the columns as `(repeat, hidden)`.
fn ods(columns: &[(u32, bool)], rows: &[(&[&str], bool)]) -> Vec<u8> {
    let visibility = |hidden: bool| if hidden { r#" table:visibility="collapse""# } else { "" };
    let mut table = String::new();
    for &(n, hidden) in columns {
        table += &format!(r#"<table:table-column table:number-columns-repeated="{n}"{}/>"#, visibility(hidden));
    }
    for (cells, hidden) in rows {
        table += &format!("<table:table-row{}>", visibility(*hidden));
        for text in *cells {
            table += &if text.is_empty() {
                "<table:table-cell/>".to_owned()
            } else {
                format!(r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#)
            };
        }
        table += "</table:table-row>";
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.2"><office:body><office:spreadsheet><table:table table:name="绩效目标">{table}</table:table>
</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).expect("entry");
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet").expect("pack");
    for (name, data) in [("content.xml", content.as_str()), ("META-INF/manifest.xml", manifest)] {
        out.start_file(name, zip::write::SimpleFileOptions::default()).expect("entry");
        out.write_all(data.as_bytes()).expect("pack");
    }
    out.finish().expect("zip").into_inner()
}

#[test]
fn hidden_rows_and_columns_of_an_ods_are_left_out_and_named() {
    let rows: &[(&[&str], bool)] = &[
        (&[TARGETS_2021.title], false),
        (&["一级指标", "二级指标", "三级指标", "指标值", "编码"], false),
        (&["产出指标", "数量指标", "培训人数", "≥300人", "ZB001"], false),
        (&["产出指标", "数量指标", "培训人数", "≥250人", "ZB001"], true),
        (&["满意度指标", "服务对象满意度指标", "参训教师满意度", "≥90%", "ZB002"], false),
    ];
    let (docs, notes) = read_named("表.ods", ods(&[(4, false), (1, true), (1020, false)], rows));
    assert_eq!(docs.len(), 1, "{notes:#?}");
    let targets: Vec<&str> = docs[0].indicators.iter().map(|i| i.target.as_str()).collect();
    assert_eq!(targets, ["≥300人", "≥90%"]);
    // The hidden row is inside the table (a warning); the column of codes beside it, a note.
    assert_eq!(
        notes,
        [
            "表.ods:绩效目标!A4-绩效目标!E4: 警告[hidden-in-table]: 第 4 行是隐藏的, 却在表格之中 (打开或打印工作表时都看不见), \
             其中 5 个单元格的内容未读入: “产出指标” 等; 若它们属于表格, 请取消隐藏后再读取",
            "表.ods:绩效目标!E2-绩效目标!E5: 提示[hidden-cells]: E 列是隐藏的 (打开或打印工作表时都看不见), \
             其中 3 个单元格的内容未读入: “编码” 等",
        ]
    );
}

/// Draws a table without merges from row 0: the title, 项目名称 and 主管部门, the indicator
/// header on row 3, and each 一级 and 二级 written once, on the first row of its run, with the
/// rows under it left blank there (as many tables are typed). Returns the first indicator row.
fn draw_unmerged(sheet: &mut Worksheet, t: &Table) -> u32 {
    sheet.write_string(0, 0, t.title).expect("write");
    for (r, (label, value)) in [(1, ("项目名称", t.name)), (2, ("主管部门", t.department))] {
        sheet.write_string(r, 0, label).expect("write");
        sheet.write_string(r, 1, value).expect("write");
    }
    for (c, h) in (0..).zip(["一级指标", "二级指标"].iter().chain(t.columns)) {
        sheet.write_string(3, c, *h).expect("write");
    }
    for (i, (l1, l2, cells)) in t.rows.iter().enumerate() {
        let r = 4 + i as u32;
        let before = i.checked_sub(1).map(|j| &t.rows[j]);
        if before.is_none_or(|b| b.0 != *l1) {
            sheet.write_string(r, 0, *l1).expect("write");
        }
        if before.is_none_or(|b| (b.0, b.1) != (*l1, *l2)) {
            sheet.write_string(r, 1, *l2).expect("write");
        }
        for (c, text) in (2..).zip(cells.iter()) {
            sheet.write_string(r, c, *text).expect("write");
        }
    }
    4
}

/// The (一级, 二级, 三级, 指标值) of a document's indicators.
fn indicators(doc: &Document) -> Vec<(&str, &str, &str, &str)> {
    doc.indicators.iter().map(|i| (i.level1.as_str(), i.level2.as_str(), i.name.as_str(), i.target.as_str())).collect()
}

/// TARGETS_2021 as (一级, 二级, 三级, 指标值), every indicator as written.
fn all_of_2021() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    TARGETS_2021.rows.iter().map(|(l1, l2, c)| (*l1, *l2, c[0], c[1])).collect()
}

#[test]
fn rows_an_autofilter_hides_are_read_with_a_note() {
    // The filter shows 产出指标 only, and so hides the 效益 and 满意度 rows: a view of the
    // table, not a deletion from it. Written out in full on each row, as a filtered table is.
    let bytes = workbook(|s| {
        let first = draw_unmerged(s, &TARGETS_2021);
        for (i, (l1, l2, _)) in TARGETS_2021.rows.iter().enumerate() {
            s.write_string(first + i as u32, 0, *l1).expect("write");
            s.write_string(first + i as u32, 1, *l2).expect("write");
        }
        s.autofilter(3, 0, first + TARGETS_2021.rows.len() as u32 - 1, 3).expect("filter");
        s.filter_column(0, &FilterCondition::new().add_list_filter("产出指标")).expect("filter");
    });
    let (docs, notes) = read(bytes);
    assert_eq!(docs.len(), 1, "{notes:#?}");
    assert_eq!(indicators(&docs[0]), all_of_2021());
    assert_eq!(
        notes,
        [
            "表.xlsx:绩效目标!A9: 提示[filtered-rows]: 第 9–10 行被自动筛选 (A4:D10) 隐藏: 筛选只是显示方式, 这些行照常读入"
        ]
    );
}

#[test]
fn a_level_written_once_on_a_hidden_row_heads_the_shown_rows_under_it() {
    // 2022's 效益指标 is written once, on its first row, which is hidden: the row under it,
    // blank there, is still 效益指标's, not 产出指标's.
    let bytes = workbook(|s| {
        let first = draw_unmerged(s, &TARGETS_2022);
        s.set_row_hidden(first + 2).expect("hide");
    });
    let (docs, notes) = read(bytes);
    assert_eq!(docs.len(), 1, "{notes:#?}");
    let mut shown: Vec<_> = TARGETS_2022.rows.iter().map(|(l1, l2, c)| (*l1, *l2, c[0], c[1])).collect();
    shown.remove(2);
    assert_eq!(indicators(&docs[0]), shown);
    assert_eq!(
        notes,
        [
            "表.xlsx:绩效目标!B7-绩效目标!D7: 警告[hidden-in-table]: 第 7 行是隐藏的, 却在表格之中 (打开或打印工作表时都看不见), \
             其中 3 个单元格的内容未读入: “社会效益指标” 等; 若它们属于表格, 请取消隐藏后再读取"
        ]
    );
}

#[test]
fn a_hidden_row_of_header_fields_is_a_warning() {
    // The 项目名称 row hidden: the table reads without its project, and says so as a warning
    // (what `--strict` refuses), not as a note to pass over.
    let bytes = workbook(|s| {
        draw_unmerged(s, &TARGETS_2021);
        s.set_row_hidden(1).expect("hide");
    });
    let (docs, notes) = read(bytes);
    assert_eq!(docs.len(), 1, "{notes:#?}");
    assert_eq!(indicators(&docs[0]), all_of_2021());
    assert_eq!(
        notes,
        [
            "表.xlsx:绩效目标!A2-绩效目标!B2: 警告[hidden-in-table]: 第 2 行是隐藏的, 却在表格之中 (打开或打印工作表时都看不见), \
             其中 2 个单元格的内容未读入: “项目名称” 等; 若它们属于表格, 请取消隐藏后再读取"
        ]
    );
}

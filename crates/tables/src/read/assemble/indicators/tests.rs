//! The indicator block read from small texts modelled on real tables: rows that lost their
//! merged cells, monitoring columns on lines of their own, cells broken over lines.

use crate::read::{Item, read_text};
use jixiao_core::Document;

/// The documents and the diagnostics' codes read from `text`.
fn read(text: &str) -> (Vec<Document>, Vec<&'static str>) {
    let items = read_text("t.txt", std::io::Cursor::new(text.as_bytes().to_vec())).expect("opens");
    let (mut docs, mut codes) = (Vec::new(), Vec::new());
    for item in items {
        match item.expect("reads") {
            Item::Document(d) => docs.push(d.document),
            Item::Diagnostic(d) => codes.push(d.code),
        }
    }
    (docs, codes)
}

/// Each indicator as `一级/二级/三级/指标值`.
fn rows(doc: &Document) -> Vec<String> {
    doc.indicators.iter().map(|i| format!("{}/{}/{}/{}", i.level1, i.level2, i.name, i.target)).collect()
}

#[test]
fn rows_that_lost_their_level_cells_start_at_the_third_level() {
    // The page dropped the cells merged down from 一级 and 二级: the rows under the first are
    // just long enough to fill the columns from 三级 to the last.
    let (docs, _) = read(
        "| 部门整体绩效目标 | |||||||\n\
         | 部门编码: | 316 | 部门名称: | 浮梁县林业局 | ||\n\
         | 一级指标 | 二级指标 | 三级指标 | 计算符号 | 目标值 | 度量单位 | 指标值说明 | |\n\
         | 产出指标 | 数量指标 | 保障在职职工人数(人) | = | 116 | 人 | 该指标值数据合理 | |\n\
         | 保障退休职工人数(人) | = | 81 | 人 | 该指标值数据合理 | |||\n\
         | 质量指标 | 工资发放准确性(%) | ≥ | 95 | % | 该指标值数据合理 | |\n",
    );
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/保障在职职工人数(人)/=116人",
            "产出指标/数量指标/保障退休职工人数(人)/=81人",
            "产出指标/质量指标/工资发放准确性(%)/≥95%",
        ]
    );
}

#[test]
fn a_row_that_fills_every_column_keeps_its_levels() {
    // Levels that are no standard names (a department's 预算执行绩效目标) in a row with a cell for
    // every column: the row is where it stands, not moved to start at the 三级.
    let (docs, _) = read(
        "| 部门整体绩效目标 | |||||||\n\
         | 部门编码: | 316 | 部门名称: | 浮梁县林业局 | ||\n\
         | 一级指标 | 二级指标 | 三级指标 | 计算符号 | 目标值 | 度量单位 | 指标值说明 | |\n\
         | 预算执行绩效目标 | 预算执行 | 预算执行率 | ≥ | 90 | % | 合理 | |\n",
    );
    assert_eq!(rows(&docs[0]), ["预算执行绩效目标/预算执行/预算执行率/≥90%"]);
}

#[test]
fn monitoring_columns_on_lines_of_their_own_go_after_the_target() {
    // 半年度指标执行情况 and 完成目标可能性 (with the form's choices) below the first header line;
    // no 二级 column, so 指标名称 holds the 二级's name; a likelihood word goes to its column even
    // where a dropped cell put it one column early.
    let (docs, _) = read(
        "项目名称 | 申遗经费 | |||||\n\
         绩效指标 | 一级 指标 | 指标名称 | 指标值 |\n\
         半年度 指标执行情况 |\n\
         完成目标可能性(确定能、有可能、不可能) | 备注 |\n\
         产 出 指 标 |\n\
         成本 | 年度预算220万元 | 按进度执行,已使用约40% | 确定能 | |||\n\
         效 益 指 标 |\n\
         社会效益 | 举办活动5场 | 确定能 | |||\n\
         偏差或不能完成目标原因分析 | ||||||\n",
    );
    assert_eq!(
        rows(&docs[0]),
        ["产出指标/成本指标/成本/年度预算220万元", "效益指标/社会效益指标/社会效益/举办活动5场"]
    );
    let m = docs[0].indicators[0].monitoring.as_ref().expect("monitoring");
    assert_eq!(m.actual_to_date.as_deref(), Some("按进度执行,已使用约40%"));
    assert_eq!(m.likelihood, Some(jixiao_core::Likelihood::Certain));
    let m = docs[0].indicators[1].monitoring.as_ref().expect("monitoring");
    assert_eq!((m.actual_to_date.as_deref(), m.likelihood), (None, Some(jixiao_core::Likelihood::Certain)));
}

#[test]
fn a_cell_broken_over_lines_is_joined() {
    // `text |` cells, one with its text broken over two lines by the page.
    let (docs, codes) = read(
        "项目名称 |\n某项目 |\n\
         一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n\
         效益指标 |\n可持续影响指标 |\n打造金安国际网球\n公开赛等系列品牌赛事 |\n影响可持续 |\n",
    );
    assert_eq!(rows(&docs[0]), ["效益指标/可持续影响指标/打造金安国际网球公开赛等系列品牌赛事/影响可持续"]);
    assert!(codes.contains(&"wrapped-cell"));
}

#[test]
fn a_third_level_named_like_a_second_level_is_followed_by_its_target() {
    // 群众满意度 is one of the names a 二级 goes by, but a target follows it: it is the 三级.
    let (docs, _) = read(
        "项目名称 |\n某项目 |\n\
         一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n\
         满意度指标 |\n满意度指标 |\n群众满意度 |\n≥95% |\n",
    );
    assert_eq!(rows(&docs[0]), ["满意度指标/服务对象满意度指标/群众满意度/≥95%"]);
}

#[test]
fn one_cell_a_line_a_second_level_of_another_first_starts_a_block_whose_first_was_lost() {
    // 社会效益 after the 产出指标 rows, its block's 效益指标 cell dropped by the page.
    let text = "项目名称\n某项目\n一级指标\n二级指标\n指标名称\n指标值\n\
                产出指标\n时效指标\n补助发放及时性\n及时发放\n\
                社会效益\n婴幼儿健康管理率\n95%\n";
    let (docs, codes) = read(text);
    assert_eq!(
        rows(&docs[0]),
        ["产出指标/时效指标/补助发放及时性/及时发放", "效益指标/社会效益指标/婴幼儿健康管理率/95%"]
    );
    assert!(codes.contains(&"inferred-level1"), "{codes:?}");
    // A 二级 that the 一级 above can have stays under it.
    let (docs, codes) = read(&text.replace("社会效益\n", "质量指标\n"));
    assert_eq!(rows(&docs[0])[1], "产出指标/质量指标/婴幼儿健康管理率/95%");
    assert!(!codes.contains(&"inferred-level1"), "{codes:?}");
}

#[test]
fn a_self_evaluation_one_cell_a_line_with_its_boxes_points_and_labels_broken() {
    // 黄石's 市级部门项目自评表: blank lines between cells, points on lines of their own with
    // their opening bracket lost, a 二级 worded as no frame has it, and the boxes under the
    // table broken over lines.
    let cells = [
        "2023年度校园维修改造项目自评表",
        "项目名称",
        "校园维修改造",
        "预算执行情况(万元)",
        "20分)",
        "预算数(A)",
        "执行数B)",
        "执行率B/A)",
        "年度财政资金总额",
        "800",
        "800",
        "100%",
        "年度绩效目标",
        "98分)",
        "一级指标",
        "二级指标",
        "三级指标",
        "年初目标值(A",
        "实际完成值(B",
        "产出指标",
        "数量指标",
        "完成维修改造项目",
        "1个",
        "1个",
        "满意度指标",
        "具体指标",
        "教师满意度",
        "≥95%",
        "≥95%",
        "具体指标",
        "学生满意度",
        "≥95%",
        "≥95%",
        "偏差大或",
        "目标未完成",
        "原因分析",
        "无",
    ];
    let (docs, codes) = read(&cells.join("\n\n"));
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/完成维修改造项目/1个",
            "满意度指标/具体指标/教师满意度/≥95%",
            "满意度指标/具体指标/学生满意度/≥95%"
        ]
    );
    assert_eq!(docs[0].year, Some(2023));
    assert!(docs[0].goals.is_empty(), "{:?}", docs[0].goals);
    let se = docs[0].self_evaluation.as_ref().expect("a self-evaluation");
    let amounts = [
        se.budget_full_year.as_ref().map(ToString::to_string),
        se.spent.as_ref().map(ToString::to_string),
        se.execution_rate.as_ref().map(ToString::to_string),
        se.execution_weight.as_ref().map(ToString::to_string),
    ];
    assert_eq!(amounts, [800, 800, 100, 20].map(|n| Some(n.to_string())));
    assert_eq!(se.problems.as_deref(), Some("无"));
    assert!(codes.contains(&"label-points") && codes.contains(&"wrapped-cell"), "{codes:?}");
}

#[test]
fn a_budget_row_whose_label_the_block_does_not_know_is_reported_not_placed() {
    // The row lost a cell: by position its 864.2 would be read as the execution rate.
    let (docs, codes) = read(
        "| 部门整体支出绩效自评表 | |||\n\
         | 单位名称 | 塘湖镇人民政府 | ||\n\
         | 预算执行情况(万元) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 |\n\
         | 部门整体支出总额 | 864.2 | 100% | 20 |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年初目标值 | 实际完成值 |\n\
         | 产出指标 | 数量指标 | 办结信访案件 | 168起 | 168起 |\n",
    );
    let se = docs[0].self_evaluation.as_ref().expect("a self-evaluation");
    assert_eq!((&se.budget_full_year, &se.spent, &se.execution_rate), (&None, &None, &None));
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/办结信访案件/168起"]);
}

#[test]
fn a_goal_after_an_empty_cell_under_its_label_is_its_text() {
    let text = "项目支出绩效目标表 |\n项目名称 |\n某项目 |\n年度目标 |\n|\n\
                为建立全县统一的基本医疗保险制度,保障基本医疗需求 |\n\
                一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n产出指标 |\n数量指标 |\n参保人数 |\n≥43230人 |\n";
    let (docs, _) = read(text);
    assert_eq!(docs[0].goals, ["为建立全县统一的基本医疗保险制度,保障基本医疗需求"]);
    // Not a short cell, and not once the label has its text.
    let (docs, codes) = read(&text.replace("为建立全县统一的基本医疗保险制度,保障基本医疗需求", "医保"));
    assert!(docs[0].goals.is_empty());
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
}

#[test]
fn a_first_level_set_a_character_a_line_over_rows_apart_by_spaces() {
    // 黄山's transfer self-evaluation: a spaced caption, the 一级 a character a line with its
    // last on the block's first row, and a 二级 broken before its 指标.
    let (docs, _) = read(
        "项目名称 测试项目\n\
         绩 效 指 标 一级指标 二级指标 三级指标 年度指标值 全年完成值 分值 得分\n\
         产\n出\n指\n标 数量指标 维护电影放映设备数量 ≥5套 5套 20 20\n\
         效\n益\n指\n标 经济效益\n指标 全年影院观影人数 ≥4万人次 4.4万人次 5 5\n",
    );
    assert_eq!(
        rows(&docs[0]),
        ["产出指标/数量指标/维护电影放映设备数量/≥5套", "效益指标/经济效益指标/全年影院观影人数/≥4万人次"]
    );
}

#[test]
fn rows_closed_by_their_basis_keep_a_third_level_named_as_its_second() {
    // 湘潭's 满意度 row: the 三级 is 满意度, under 服务对象满意度指标. A 二级 written again at
    // a row's start (`满意度` / `教师满意度` / …) is the 二级 repeated, not a name.
    let head = "项目名称\n某项目\n一级指标\n二级指标\n三级指标\n指标值\n绩效标准\n\
                效益指标\n社会效益指标\n空气质量改善\n明显改善\n计划标准\n";
    let (docs, _) = read(&format!("{head}服务对象满意度指标\n满意度\n90%\n计划标准\n"));
    assert_eq!(rows(&docs[0])[1], "效益指标/服务对象满意度指标/满意度/90%");
    let (docs, _) =
        read(&format!("{head}满意度指标\n满意度\n教师满意度\n≥95%\n计划标准\n满意度\n学生满意度\n≥95%\n计划标准\n"));
    assert_eq!(
        rows(&docs[0])[1..],
        ["满意度指标/服务对象满意度指标/教师满意度/≥95%", "满意度指标/服务对象满意度指标/学生满意度/≥95%"]
    );
}

#[test]
fn a_row_broken_after_its_third_level_takes_the_target_alone_on_the_next_row() {
    // 永德's 自评表: `减轻贫困学生家庭经济负担 |` ends its line; `| 有效 |` follows.
    let text = "| 项目名称 | 测试 | ||||||\n\
                | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 |\n\
                | 产出指标 | 质量指标 | 营养改善计划覆盖率 | ≧ | 100 | % | 100% | 10 | 10 |\n\
                | 效益指标 | 经济效益 指标 | 减轻贫困学生家庭经济负担 |\n\
                | 有效 |\n\
                | 有效 | 10 | 10 |\n";
    let (docs, codes) = read(text);
    assert_eq!(rows(&docs[0])[1], "效益指标/经济效益指标/减轻贫困学生家庭经济负担/有效");
    assert!(codes.contains(&"wrapped-cell"), "{codes:?}");
    // A number alone is no such target: it may be any column's.
    let (docs, _) = read(&text.replace("| 有效 |\n| 有效", "| 10 |\n| 有效"));
    assert_eq!(rows(&docs[0])[1], "效益指标/经济效益指标/减轻贫困学生家庭经济负担/");
}

#[test]
fn a_qualitative_row_whose_empty_unit_was_dropped_is_read_with_its_cells_moved_back() {
    // 南县's 社会成本指标 row: no unit for 定性, and the page dropped the empty cell.
    let (docs, codes) = read(
        "| 项目名称 | 测试 | ||||||\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标值类型 | 目标值 | 度量单位 | 指标值内容 | 备注 |\n\
         | 成本指标 | 经济成本指标 | 疾病预防控制中心经费 | ≤ | 70 | 万元 | 反映经费。 | 反映经费。 |\n\
         | 社会成本指标 | 实施项目对社会产生的不利影响 | 定性 | 减少 | 反映实施项目的不利影响。 | 反映实施项目的不利影响。 |\n",
    );
    assert_eq!(rows(&docs[0])[1], "成本指标/社会成本指标/实施项目对社会产生的不利影响/减少");
    assert!(!codes.contains(&"unplaced-cell"), "{codes:?}");
}

#[test]
fn targets_stated_as_an_outline_in_a_notice_are_read_where_each_item_parts() {
    let (docs, codes) = read(
        "现将具体绩效目标设定如下:\n一、产出指标\n(一)数量指标\n设施温棚种植人员(县内培训)≧300人;\n\
         (二)时效指标\n完成时限,2025年10月底前;\n(三)成本指标\n培训标准≦1000元/人;\n\
         二、效益指标\n(一)社会效益指标\n学员种植技术水平,提高;★带动增收,明显;\n\
         三、满意度指标\n参训学员满意度≥95%。\n附件:绩效目标表\n同心县农业农村局\n",
    );
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/设施温棚种植人员(县内培训)/≧300人",
            "产出指标/时效指标/完成时限/2025年10月底前",
            "产出指标/成本指标/培训标准/≦1000元/人",
            "效益指标/社会效益指标/学员种植技术水平/提高",
            "满意度指标//参训学员满意度/≥95%"
        ]
    );
    assert!(codes.contains(&"outline-targets") && codes.contains(&"unplaced-cell"), "{codes:?}");
    // A numbered heading alone, followed by prose, opens nothing.
    let (docs, codes) = read("一、产出指标\n本项目将完成温棚建设, 带动农户增收。\n");
    assert!(docs.is_empty(), "{docs:?}");
    assert!(!codes.contains(&"outline-targets"), "{codes:?}");
}

#[test]
fn a_goals_heading_beside_what_was_achieved_heads_the_goals_column() {
    // A transfer payment's 总体目标完成情况 block: `总体目标 | 全年实际完成情况` over the texts.
    let (docs, _) = read(
        "| 项目名称 | 医疗救助 | ||\n\
         | 总体目标 | 全年实际完成情况 | ||\n\
         | 改善困难群众就医待遇。 | 医疗救助惠及11万人次。 | ||\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | 产出指标 | 数量指标 | 救助人次 | ≥10万人次 |\n",
    );
    assert_eq!(docs[0].goals, ["改善困难群众就医待遇。"]);
    let achieved = docs[0].self_evaluation.as_ref().and_then(|s| s.goals_achieved.as_deref());
    assert_eq!(achieved, Some("医疗救助惠及11万人次。"));
    // One cell a line, the heading over its text.
    let (docs, _) = read(
        "项目名称\n饮水工程\n总体目标\n完成农村饮水项目投资500, 改善提升9200人饮水条件。\n\
         一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n受益人口\n9200人\n",
    );
    assert_eq!(docs[0].goals, ["完成农村饮水项目投资500, 改善提升9200人饮水条件。"]);
}

#[test]
fn a_row_saying_the_slot_does_not_apply_is_no_indicator() {
    let (docs, codes) = read(
        "项目名称 |\n某项目 |\n\
         一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n\
         效益指标 |\n生态效益指标 |\n本项目不适用此指标 |\n无 |\n社会效益指标 |\n受益人数 |\n100人 |\n",
    );
    assert_eq!(rows(&docs[0]), ["效益指标/社会效益指标/受益人数/100人"]);
    assert!(codes.contains(&"template-placeholder"));
    // The marks that say "nothing" in other cells say it here too: `/ / /`, `——`, `不适用`.
    for mark in ["/ / /", "——", "不适用", "－"] {
        let (docs, _) = read(&format!(
            "项目名称 |\n某项目 |\n\
             一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n\
             效益指标 |\n生态效益指标 |\n本项目不适用 |\n{mark} |\n社会效益指标 |\n受益人数 |\n100人 |\n",
        ));
        assert_eq!(rows(&docs[0]), ["效益指标/社会效益指标/受益人数/100人"], "{mark}");
    }
}

#[test]
fn levels_described_in_prose_are_no_indicators() {
    // `质量指标:…` paragraphs under 产出指标: no 三级, no target; reported, not read.
    let (docs, codes) = read(
        "部门整体支出绩效目标申报表\n\n部门名称\n\n某中学\n\n年度绩效指标\n\n产出指标\n\n\
         质量指标:学校的教育教学秩序良好,力争毕业生合格率达100%\n\n时效指标:按时完成教学任务。\n\n",
    );
    assert!(docs.iter().all(|d| d.indicators.is_empty()), "{:?}", docs.iter().map(rows).collect::<Vec<_>>());
    assert!(codes.contains(&"unplaced-cell"));
}

#[test]
fn a_remarks_column_in_the_header_keeps_the_table_open_and_its_remarks_are_reported() {
    // 备注 among the column headers is a column, not the note that closes a table.
    let text = "2021年项目支出绩效目标表\n\
                项目名称 | 农村道路建设\n\
                一级指标 | 二级指标 | 三级指标 | 指标值 | 备注\n\
                产出指标 | 数量指标 | 新建道路长度 | ≥10公里 | \n\
                产出指标 | 质量指标 | 验收合格率 | 100% | 需第三方验收\n\
                效益指标 | 社会效益指标 | 群众出行条件 | 明显改善 | 无\n";
    let (docs, codes) = read(text);
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/新建道路长度/≥10公里",
            "产出指标/质量指标/验收合格率/100%",
            "效益指标/社会效益指标/群众出行条件/明显改善",
        ]
    );
    // One remark has words; an empty cell and 无 say nothing.
    assert_eq!(codes.iter().filter(|&&c| c == "remark").count(), 1, "{codes:?}");
    assert!(!codes.contains(&"no-indicators"), "{codes:?}");

    // Under a 备注 that is no column (after the rows, with words of its own), the table ends.
    let (docs, _) = read(
        "2021年项目支出绩效目标表\n项目名称 | 农村道路建设\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 新建道路长度 | ≥10公里\n备注\n产出指标 | 数量指标 | 另一条 | 5个\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/新建道路长度/≥10公里"]);
}

#[test]
fn spaced_rows_with_as_many_cells_as_columns_are_read_column_by_column() {
    // Cells apart by single spaces under a header with a column of another kind (指标解释):
    // a row with one cell for each column is read column by column, the explanation reported.
    let (docs, codes) = read(
        "项目支出绩效目标表\n(2019年度)\n项目名称 测试\n\
         一级指标 二级指标 三级指标 指标解释 目标值\n\
         产出指标 数量指标 志鉴地情相关工作开展所需资金的供应时效 100%(历史标准) 100%\n\
         确保日常工作正常运行 100% 100%\n",
    );
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/志鉴地情相关工作开展所需资金的供应时效/100%",
            "产出指标/数量指标/确保日常工作正常运行/100%"
        ]
    );
    assert_eq!(codes.iter().filter(|c| **c == "remark").count(), 2, "{codes:?}");
    // The template's numbering and a target in words: two cells for two columns.
    let (docs, _) = read(
        "项目支出绩效目标表\n(2021年度)\n项目名称 物业管理\n\
         绩效指标 一级指标 二级指标 三级指标 指标值\n\
         产出指标 数量指标 指标1:安置小区物业费 8个\n\
         质量指标 指标1:指导小区物业开展文明创建等工作。 房屋设备、设施的管理到位,环境卫生整洁\n",
    );
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/安置小区物业费/8个",
            "产出指标/质量指标/指导小区物业开展文明创建等工作。/房屋设备、设施的管理到位,环境卫生整洁"
        ]
    );
}

#[test]
fn a_target_column_with_its_letter_or_another_wording_is_the_target() {
    let (docs, _) = read(
        "| 项目支出绩效自评表 | |||\n| 项目名称 | 测试 | ||\n\
         | 年度绩效目标 (80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |\n\
         | 产出指标 | 数量指标 | 示范区建立 | ≧20000亩 | 20000亩 | 15.0 |\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/示范区建立/≧20000亩"]);
    assert_eq!(docs[0].indicators[0].actual.as_deref(), Some("20000亩"));
}

#[test]
fn a_table_whose_levels_were_read_as_names_is_declined() {
    // Rows that lost their 三级 cells, so that level cells and targets land in the 三级 column
    // (东莞's 批复表 as read before its header broken over lines was): no indicator is kept.
    let (docs, codes) = read(
        "| 项目支出绩效目标表 | |||\n| 项目名称 | 测试 | ||\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | 预期产出指标 | 3 |\n\
         | 质量指标 | ±3%以内 |\n\
         | 时效指标(工期指标) | 及时 |\n",
    );
    assert!(docs.iter().all(|d| d.indicators.is_empty()), "{:?}", docs.iter().map(rows).collect::<Vec<_>>());
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
    // Two or more such 三级 decline the table's other rows too.
    let (docs, codes) = read(
        "| 项目支出绩效目标表 | |||\n| 项目名称 | 测试 | ||\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | 产出指标 | 数量指标 | 数量指标(或建筑规模指标) | 3 |\n\
         | 质量指标 | 时效指标(工期指标) | 及时 |\n\
         | 培训人数 | ≥100人 |\n",
    );
    assert!(docs.iter().all(|d| d.indicators.is_empty()), "{:?}", docs.iter().map(rows).collect::<Vec<_>>());
    assert!(codes.contains(&"misread-columns"), "{codes:?}");
}

#[test]
fn a_header_without_a_target_column_yields_no_indicators() {
    // One column per village, none headed 指标值: which cell is the target is not known.
    let (docs, codes) = read(
        "项目支出绩效目标表\n项目名称 |\n测试 |\n一级指标 |\n二级指标 |\n三级指标 |\n西坪镇尧山村 |\n桃舟乡吾培村 |\n\
         产出指标 |\n数量指标 |\n开展小型水利工程建设(个) |\n1 |\n1 |\n",
    );
    assert!(docs.iter().all(|d| d.indicators.is_empty()), "{:?}", docs.iter().map(rows).collect::<Vec<_>>());
    assert!(codes.contains(&"misread-columns"), "{codes:?}");
}

#[test]
fn an_indicator_header_without_a_title_opens_a_table_and_a_list_after_it_closes_it() {
    // The page's sentence ran into the header's first cell; rows under merged cells start with
    // bars for their empty cells; 二级 written with their 一级 (产出数量); a numbered list follows.
    let (docs, _) = read(
        "详情见附件(注:以下内容为附件图片识别)一级指标 | 二级指标 | 指标名称 | 目标值 | 完成值 |\n\
         产出指标 | 产出数量 | 完成护工培训任务 | 12500名 | 12166名 |\n\
         | | 完成考核及验收 | 11所 | 11所 |\n\
         | 产出质量 | 参训学员结业考核通过率 | 100% | 98.79% |\n\
         序号 | 学校性质 | 培训机构 | 培训补助标准(元/人) |\n\
         1 | 民办 | 吕梁市远航职业培训学校 | 2600 |\n",
    );
    let read: Vec<String> = docs.iter().flat_map(rows).collect();
    assert_eq!(
        read,
        [
            "产出指标/数量指标/完成护工培训任务/12500名",
            "产出指标/数量指标/完成考核及验收/11所",
            "产出指标/质量指标/参训学员结业考核通过率/100%"
        ]
    );
}

#[test]
fn a_row_that_lost_a_cell_in_its_middle_is_reported_not_read() {
    // The empty 计量单位 was dropped: the explanation moved into its column.
    let (docs, codes) = read(
        "| 整体绩效目标表 | ||\n| 部门名称 | 测试中心 | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 | 计量单位 | 指标解释 |\n\
         | 产出指标 | 数量指标 | 业务工作支出到位率 | 定量 | 100 | % | 考察到位情况 |\n\
         | 时效指标 | 工作安排时间 | 定量 | 按月安排 | 该指标主要考察业务工作支出安排时间 |\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/业务工作支出到位率/100%"]);
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
}

#[test]
fn a_second_level_with_no_first_above_it_gets_the_usual_one_and_a_unit_is_written_once() {
    // The first row (with 产出指标) was lost to the line above; a 单位 column beside targets
    // written whole.
    let (docs, codes) = read(
        "| 项目支出绩效目标表 | |||\n| 项目名称 | 测试 | ||\n\
         | 一级指标 | 二级指标 | 三级指标 | 单位 | 指标值 | 分值 |\n\
         | 质量指标 | 营养改善计划覆盖率 | % | ≥95% | 10 |\n\
         | 时效指标 | 资金到位及时率 | % | 100% | 10 |\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/质量指标/营养改善计划覆盖率/≥95%", "产出指标/时效指标/资金到位及时率/100%"]);
    assert!(codes.contains(&"inferred-level1"), "{codes:?}");
}

#[test]
fn levels_and_columns_named_by_their_values_are_read() {
    // 一级 / 二级 / 三级 / 年度数值, and levels written 产出值, 数量值.
    let (docs, _) = read(
        "| 项目支出目标申报表 | ||\n| 项目名称 | 小学教育公用经费 | |\n\
         | 一级 | 二级 | 三级 | 年度数值 | 备注 |\n\
         | 产出值 | 数量值 | 小学就读人数 | <=6962人 | |\n\
         | 效益值 | 经济效益值 | 经费有效使用情况 | =100% | |\n",
    );
    assert_eq!(
        rows(&docs[0]),
        ["产出指标/数量指标/小学就读人数/<=6962人", "效益指标/经济效益指标/经费有效使用情况/=100%"]
    );
}

#[test]
fn rows_without_a_name_or_named_by_a_number_are_reported_not_read() {
    // A template's unfilled 成本 rows (`经济成本指标 | 0 | 0.00%`) and a target whose row lost
    // its name; the 一级's weight (`(0-20)分`) is no part of its name.
    let (docs, codes) = read(
        "| 项目支出绩效目标审批表 | ||\n| 项目名称 | 测试 | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | 成本指标(0-20)分 | 经济成本指标 | 0 | 0.00% |\n\
         | 产出指标 | 数量指标 | 举报奖励次数 | ≥5次 |\n\
         | | | | ≤4 |\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/举报奖励次数/≥5次"]);
    assert!(codes.iter().filter(|c| **c == "unplaced-cell").count() >= 2, "{codes:?}");
}

#[test]
fn a_header_line_apart_by_single_spaces_is_split_from_its_first_word() {
    // No 绩效指标 group label before 一级指标: the line is still a run of column headers.
    let (docs, codes) = read(
        "项目支出绩效目标申报表\n项目名称 物业管理\n年度目标\n维护安置小区日常管理\n\
         一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 安置小区物业费 8个\n",
    );
    assert!(!codes.contains(&"misread-columns"), "{codes:?}");
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/安置小区物业费/8个"]);
}

#[test]
fn a_self_evaluation_without_its_title_reads_its_budget_block_and_drops_rows_that_moved_left() {
    // No 自评 title: the budget block is told by its columns. Rows that lost their level cells
    // and a cell more put a score in the 一级 column: they are reported, not read.
    let (docs, codes) = read(
        "项目名称 | 野生菌加工车间建设项目 | |||||\n\
         项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         年度资金总额 | 1100 | 1100 | 1100 | 10 | 100% | 10 |\n\
         绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n\
         产出指标(50分) | 数量指标 | 冷库仓储建设 | ≥1290.3平方米 | 1290.3平方米 | 10.3 | 10.3 |\n\
         配套电力设施1250KVA变压器3台 | 3 | 9.3 | 9.3 |\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/冷库仓储建设/≥1290.3平方米"]);
    let evaluation = docs[0].self_evaluation.as_ref().expect("read as a self-evaluation");
    assert_eq!(evaluation.spent.map(|a| a.to_string()).as_deref(), Some("1100"));
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
}

#[test]
fn rows_that_lost_their_levels_and_whose_points_are_merged_above_start_at_the_third_level() {
    // 黄石's 自评表: the 10 points of the 数量指标 row cover the row below it too.
    let (docs, _) = read(
        "项目名称 | 共享工程 | |||||\n\
         年度绩效目标1 (80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |\n\
         产出指标(40分) | 数量指标 | 一个存储备份器 | 25TB | 25TB | 10 |\n\
         WIFI布点全覆盖 | 100%覆盖 | 100%覆盖 |\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/一个存储备份器/25TB", "产出指标/数量指标/WIFI布点全覆盖/100%覆盖"]);
}

#[test]
fn a_row_that_lost_its_first_level_and_starts_with_an_unknown_second_is_read_from_the_second() {
    // 塘湖镇's 日效性指标 (for 时效指标), kept as published; a name is not taken for a 二级.
    let text = "项目名称 | 测试 | ||||\n\
                年度目标1 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |\n\
                产出指标 | 数量指标 | 办结信访案件 | 168起 | 168起 | 10 |\n\
                日效性指标 | 解决群众问题时间 | 2天以内 | 2天以内 | 10 |\n";
    let (docs, _) = read(text);
    assert_eq!(rows(&docs[0])[1], "产出指标/日效性指标/解决群众问题时间/2天以内");
    let (docs, _) = read(&text.replace("日效性指标 | ", ""));
    assert_eq!(rows(&docs[0])[1], "产出指标/数量指标/解决群众问题时间/2天以内");
}

#[test]
fn rows_that_lost_their_levels_may_leave_the_causes_column_empty() {
    // The last column, 偏差原因分析, is blank and dropped: the row still starts at the 三级.
    let (docs, _) = read(
        "项目名称 | 测试项目 | |||||||\n\
         绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         产出指标(50分) | 数量指标 | 冷库仓储建设 | ≥1290平方米 | 1290平方米 | 10.3 | 10.3 |\n\
         配套烘干设备购置 | 550台 | 550台 | 9.3 | 9.3 |\n",
    );
    assert_eq!(
        rows(&docs[0]),
        ["产出指标/数量指标/冷库仓储建设/≥1290平方米", "产出指标/数量指标/配套烘干设备购置/550台"]
    );
}

#[test]
fn a_table_whose_names_are_targets_is_declined() {
    // One cell per line, a cell dropped: what was achieved (`100%`) lands in the next row's 三级.
    let (docs, codes) = read(
        "| 项目支出绩效目标表 | |||\n| 项目名称 | 测试 | ||\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | 产出指标 | 质量指标 | 违法案件查办率 | 100% |\n| 产出指标 | 质量指标 | 100% | 3 |\n\
         | 产出指标 | 时效指标 | 2021年12月31日 | 5 |\n",
    );
    assert!(docs.iter().all(|d| d.indicators.is_empty()), "{:?}", docs.iter().map(rows).collect::<Vec<_>>());
    assert!(codes.contains(&"misread-columns"), "{codes:?}");
}

#[test]
fn a_row_of_values_is_no_name() {
    // A transposed table: the indicators are the header's cells and the year's values a row
    // under them, which reads as a name of numbers beside the next row's label.
    let (docs, codes) = read(
        "| 项目绩效目标表 | ||\n| 项目名称 | 测试 | |\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | 产出指标 | 数量指标 | 新建高校数 | 7所 |\n| 产出指标 | 质量指标 | 7 100% 100% | 实施周期目标值 |\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/新建高校数/7所"]);
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
}

#[test]
fn a_weight_in_percent_heads_the_weight_column() {
    // `权重(%)`: without it the weight ran into the target (`470人/天2`).
    let (docs, _) = read(
        "绩效目标表\n一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重(%)\n\
         产出指标 成本指标 检查差旅费 470 人/天 2\n产出指标 数量指标 召开会议 2 15\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/成本指标/检查差旅费/470人/天", "产出指标/数量指标/召开会议/2"]);
    let weights: Vec<_> = docs[0].indicators.iter().map(|i| i.weight.map(|w| w.to_string())).collect();
    assert_eq!(weights, [Some("2".to_owned()), Some("15".to_owned())]);
}

#[test]
fn levels_broken_over_two_lines_are_one_cell() {
    // One cell per line with blank lines between; the page broke `一级指标`, `社会效益指标` and
    // `服务对象满意度指标` over two lines and dropped every 一级 cell. The 一级 inferred from
    // 成本指标 is inferred again when 社会效益指标 comes.
    let (docs, codes) = read(
        "绩效指标\n\n一级\n指标\n\n二级指标\n\n三级指标\n\n指标值\n\n全年实际完成值\n\n未完成原因和改进措施\n\n\n\n\
         数量指标\n\n孤儿助学人数\n\n应助尽助\n\n9\n\n \n\n\
         成本指标\n\n资金执行率\n\n100%\n\n82%\n\n动态管理人员减少\n\n\
         社会效益\n指标\n\n就学水平情况\n\n有所提升\n\n100%\n\n \n\n\
         满意度指标\n\n服务对象\n满意度指标\n\n政策知晓率\n\n≥90%\n\n≥90%\n\n \n",
    );
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/孤儿助学人数/应助尽助",
            "产出指标/成本指标/资金执行率/100%",
            "效益指标/社会效益指标/就学水平情况/有所提升",
            "满意度指标/服务对象满意度指标/政策知晓率/≥90%",
        ]
    );
    assert_eq!(docs[0].indicators[1].actual.as_deref(), Some("82%"));
    assert_eq!(codes.iter().filter(|c| **c == "inferred-level1").count(), 2, "{codes:?}");
}

#[test]
fn a_row_whose_target_names_a_rate_is_reported_not_read() {
    // `按季发放助学金 / 发放时间达标率 / 100%`: two names in one row, which is the 三级 cannot
    // be told.
    let (docs, codes) = read(
        "绩效指标\n\n一级指标\n\n二级指标\n\n三级指标\n\n指标值\n\n全年实际完成值\n\n未完成原因\n\n\n\n\
         数量指标\n\n孤儿助学人数\n\n9人\n\n9人\n\n \n\n\
         时效指标\n\n按季发放助学金\n\n发放时间达标率\n\n100%\n\n \n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/孤儿助学人数/9人"]);
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
}

#[test]
fn a_tree_reads_no_indicator_before_its_first_level() {
    // 项目 | 指标值 | 绩效金额, then the department, the project and its amount, then the
    // levels and their indicators, one cell per line.
    let (docs, codes) = read(
        "某中心2020年项目绩效目标批复表\n\n项目\n\n指标值\n\n绩效金额\n\n 某中心\n\n  疫苗及药物\n\n3000000\n\n\
            产出指标\n\n    数量指标\n\n     疫苗使用率\n\n100%\n\n    时效指标\n\n     疫苗提供及时率\n\n100%\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/疫苗使用率/100%", "产出指标/时效指标/疫苗提供及时率/100%"]);
    assert!(codes.iter().filter(|c| **c == "unplaced-cell").count() >= 3, "{codes:?}");
}

#[test]
fn a_target_of_a_comparator_and_a_unit_alone_is_reported_not_read() {
    // The row's number went elsewhere: `=米` would be a target the table does not state.
    let (docs, codes) = read(
        "| 项目绩效目标表 | ||||\n| 项目名称 | 绿化项目 | |||\n\
         | 一级指标 | 二级指标 | 三级指标 | 计量单位 | 指标性质 | 指标值 |\n\
         | 产出指标 | 数量指标 | 绿化美化公路 | 米 | = | |\n\
         | 产出指标 | 质量指标 | 树木成活率 | % | ≥ | 85 |\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/质量指标/树木成活率/≥85%"]);
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
    assert!(docs[0].indicators.len() == 1);
}

#[test]
fn the_mid_term_and_the_years_indicators_side_by_side_are_read_apart() {
    // The 申报表 of 财预〔2015〕88号: 二级 / 三级 / 指标值 for the mid term, then for the year;
    // rows lost their merged level cells, and a year's group may be empty.
    let (docs, _) = read(
        "| 项目支出绩效目标申报表 | ||||||\n| ( 2024 年度) | ||||||\n\
         | 项目责任人(签字): | 单位(盖章): | ||||\n| 项目名称 | 质检项目 | |||||\n\
         | 项目资金 (万元) | 中期资金总额: | 68.50 | 年度资金总额: | 51.35 | ||\n\
         | 其中:财政拨款 | 68.50 | 其中:财政拨款 | 51.35 | |||\n| 其他资金 | 0.00 | 其他资金 | 0.00 | |||\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 |\n\
         | 产出指标 | 数量指标 | 鉴定仪器 | ≥57个 | 数量指标 | 鉴定仪器 | ≥20个 |\n\
         | 购买试剂 | ≥100个 | 购买试剂 | ≥40个 | |||\n\
         | 质量指标 | 监测合格率 | ≥98% | 质量指标 | |||\n",
    );
    assert_eq!(docs.len(), 1, "the sign-off line above the fields opens no second table");
    let doc = &docs[0];
    assert_eq!(doc.year, Some(2024));
    let by_horizon = |long: bool| -> Vec<String> {
        doc.indicators
            .iter()
            .filter(|i| (i.horizon == Some(jixiao_core::Horizon::LongTerm)) == long)
            .map(|i| format!("{}/{}/{}/{}", i.level1, i.level2, i.name, i.target))
            .collect()
    };
    assert_eq!(
        by_horizon(true),
        ["产出指标/数量指标/鉴定仪器/≥57个", "产出指标/数量指标/购买试剂/≥100个", "产出指标/质量指标/监测合格率/≥98%"]
    );
    assert_eq!(by_horizon(false), ["产出指标/数量指标/鉴定仪器/≥20个", "产出指标/数量指标/购买试剂/≥40个"]);
    let funds = &doc.project.as_ref().expect("a project").funds;
    assert_eq!(funds.total.map(|a| a.to_string()).as_deref(), Some("51.35"));
    assert_eq!(funds.fiscal.map(|a| a.to_string()).as_deref(), Some("51.35"));
    assert_eq!(serde_json::to_string(&funds.period_fiscal).unwrap(), "68.50");
}

#[test]
fn a_level_broken_before_its_zhibiao_in_spaced_rows_is_read() {
    // Rows apart by single spaces; the 一级 cell, too narrow, printed `项目完成` on the header's
    // next line and `指标` on one of its own: an 一级 of a frame the vocabulary does not know,
    // under which 成本指标 is a 二级 like 数量指标. `(包含数字及文字描述)` says what 指标值 holds.
    let (docs, _) = read(
        "项目支出绩效目标申报表\n项目名称 麻风病防治\n\
         绩效指标 一级指标 二级指标 三级指标 指标值(包含数字及文字描述)\n绩效指标 项目完成\n指标\n\
         数量指标 慰问休养员 32人\n成本指标 严控成本 严格按照指标任务落实工作\n",
    );
    assert_eq!(
        rows(&docs[0]),
        ["项目完成指标/数量指标/慰问休养员/32人", "项目完成指标/成本指标/严控成本/严格按照指标任务落实工作"]
    );
}

#[test]
fn an_evaluations_columns_are_read_and_its_score_rows_are_not_indicators() {
    // 预算设定指标值 / 项目完成指标值 are the target and what was achieved; the score summary
    // under the indicators names no level in either level column.
    let (docs, codes) = read(
        "一级指标 | 二级指标 | 三级指标 | 预算设定指标值 | 项目完成指标值 | ||\n\
         产出指标 | 数量指标 | 改造实验室 | 2间 | 2间 | ||\n\
         满意度指标 | 服务对象满意度指标 | 师生满意度 | ≥95% | ≥96% | ||\n\
         预算绩效评价结果 | 考核节点进度完成率 | 10分 | 项目采购节约率 | 10分 | ||\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/改造实验室/2间", "满意度指标/服务对象满意度指标/师生满意度/≥95%"]);
    assert_eq!(docs[0].indicators[1].actual.as_deref(), Some("≥96%"));
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
}

#[test]
fn header_lines_of_the_columns_after_the_target_go_on_after_it() {
    // The page broke the header after 年度 指标值: 实际 完成值, then 分值 | 得分 | 偏差原因…,
    // each on a line of its own starting at the first column.
    let (docs, _) = read(
        "部门整体支出绩效自评表 | ||||\n部门 | 美丽乡村建设服务中心 | |||\n\
         一级指标 | 二级指标 | 三级指标 | 年度 指标值 |\n实际 完成值 |\n分值 | 得分 | 偏差原因分析及改进措施 | ||\n\
         产出指标 | 数量指标 | 新建省级中心村数量 | ≥10 | 10 | 10 | 9 | |\n",
    );
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/新建省级中心村数量/≥10"]);
    let i = &docs[0].indicators[0];
    assert_eq!(i.actual.as_deref(), Some("10"));
    assert_eq!(
        (i.weight.map(|w| w.to_string()), i.score.given().map(|s| s.to_string())),
        (Some("10".into()), Some("9".into()))
    );
}

#[test]
fn a_spaced_header_whose_column_names_end_on_the_next_line_is_joined() {
    // `年度` / `实际` over `指标值` / `完成值`; rows apart by single spaces leave their 偏差原因
    // blank, one word fewer than the columns; a target in words is not guessed apart from what
    // was achieved where the count of words does not say which is which.
    let (docs, codes) = read(
        "项目支出绩效自评表\n项目名称 文物保护专项经费\n\
         绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施\n指标值 完成值\n\
         产出指标 数量指标 指标2:修缮建筑面积 6000平方米 6000平方米 7 7\n\
         时效指标 项目设计、招标、施工 完成时间为2022年12月30日 完成时间为2022年12月30日 6 5\n\
         质量指标 工程质量 合格 优良 达到 6 6 待查\n",
    );
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/修缮建筑面积/6000平方米",
            "产出指标/时效指标/项目设计、招标、施工/完成时间为2022年12月30日"
        ]
    );
    let i = &docs[0].indicators[1];
    assert_eq!(
        (i.actual.as_deref(), i.weight.map(|w| w.to_string())),
        (Some("完成时间为2022年12月30日"), Some("6".into()))
    );
    assert!(codes.contains(&"wrapped-cell") && codes.contains(&"unplaced-cell"), "{codes:?}");
}

/// A self-evaluation one cell per line whose rows give their 偏差原因 cell or leave it out
/// (held-out table 85): levels named short over two lines (`数量` / `指标`), the 一级's points
/// on a line of their own (`(50)`, `30分)`), template rows `……` with empty cells.
const REASON_SOMETIMES: &str = "部门整体支出绩效自评表\n\n一级指标\n\n二级指标\n\n三级指标\n\n年度指标值\n\n\
    实际完成值\n\n分值\n\n得分\n\n偏差原因\n\n产出指标\n\n(50)\n\n数量\n\n指标\n\n造林面积\n\n1.2万亩\n\n1.2万亩\n\n\
    10\n\n10\n\n \n\n病虫害防治面积\n\n3.45万亩\n\n3.45万亩\n\n7\n\n7\n\n森林经营面积\n\n16.3万亩\n\n15万亩\n\n7\n\n6\n\n\
    REASON\n\n质量\n\n指标\n\n造林成活率\n\n85%\n\n85%\n\n7\n\n7\n\n \n\n……\n\n \n\n \n\n \n\n效益指标\n\n30分)\n\n\
    社会效\n\n益指标\n\n提高就业率\n\n显著\n\n显著\n\n6\n\n6\n";

#[test]
fn rows_one_cell_per_line_that_leave_their_reason_out_close_at_their_score() {
    let (docs, codes) = read(&REASON_SOMETIMES.replace("REASON", "受灾影响, 部分面积未完成"));
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/造林面积/1.2万亩",
            "产出指标/数量指标/病虫害防治面积/3.45万亩",
            "产出指标/数量指标/森林经营面积/16.3万亩",
            "产出指标/质量指标/造林成活率/85%",
            "效益指标/社会效益指标/提高就业率/显著",
        ],
        "{codes:?}"
    );
    let causes: Vec<Option<&str>> = docs[0].indicators.iter().map(|i| i.deviation_cause.as_deref()).collect();
    assert_eq!(causes[2], Some("受灾影响, 部分面积未完成"), "the reason after a row's score is its own");
    assert_eq!(causes[1], None, "a row that left its reason out has none");
    assert!(!codes.contains(&"unplaced-cell"), "{codes:?}");
    assert!(codes.contains(&"template-placeholder"), "{codes:?}");
}

#[test]
fn a_cell_after_a_score_followed_by_a_target_opens_the_next_row() {
    // With no reason text the cell after 7 is the next 三级: its target follows it.
    let (docs, codes) = read(&REASON_SOMETIMES.replace("REASON\n\n", ""));
    let names: Vec<&str> = docs[0].indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["造林面积", "病虫害防治面积", "森林经营面积", "造林成活率", "提高就业率"], "{codes:?}");
    assert!(docs[0].indicators.iter().all(|i| i.deviation_cause.is_none()), "{codes:?}");
}

/// A table of funds that span years, one cell per line: each indicator's target for the period
/// beside the year's (modelled on a 抗疫特别国债 school building table, 广东 河源, 2020).
const PERIOD_AND_YEAR: &str = "绩效指标\n一级指标\n二级指标\n三级指标\n周期指标值\n本年度指标值\n\
    产出指标\n数量指标\n新增学位数量(个)\n3000\n1200\n\
    质量指标\n工程竣工验收合格率\n100%\n100%\n\
    时效指标\n工程完成时间\n2021.6\n\
    效益指标\n经济效益指标\n提高县城初中学生就学率\n27.3%\n10.9%\n";

#[test]
fn a_period_target_beside_the_years_is_the_period_indicator_of_the_row() {
    let (docs, codes) = read(PERIOD_AND_YEAR);
    let read: Vec<String> = docs[0]
        .indicators
        .iter()
        .map(|i| format!("{}/{}/{}/{}/{:?}", i.level1, i.level2, i.name, i.target, i.horizon))
        .collect();
    assert_eq!(
        read,
        [
            "产出指标/数量指标/新增学位数量(个)/3000/Some(LongTerm)",
            "产出指标/数量指标/新增学位数量(个)/1200/None",
            "产出指标/质量指标/工程竣工验收合格率/100%/Some(LongTerm)",
            "产出指标/质量指标/工程竣工验收合格率/100%/None",
            "效益指标/经济效益指标/提高县城初中学生就学率/27.3%/Some(LongTerm)",
            "效益指标/经济效益指标/提高县城初中学生就学率/10.9%/None",
        ],
        "{codes:?}"
    );
    // 工程完成时间 has one value for two columns: which one cannot be told, and an 一级 never
    // fills the other.
    assert_eq!(codes.iter().filter(|&&c| c == "unplaced-cell").count(), 2, "{codes:?}");
}

#[test]
fn a_mirror_copy_with_readings_after_its_characters_is_read_as_published() {
    let text = "2020年項(xiàng)目支出績(jì)效自評表\n\
        績效指標(biāo) | 一級指標(biāo) | 二級指標(biāo) | 三級指標(biāo) | 指標(biāo)值 |\n\
        產(chǎn)出指標(biāo) | 數(shù)量指標(biāo) | 管理忠烈祠面積 | =230畝 |\n\
        忠烈祠免費開放 | =365天 |\n";
    let (docs, codes) = read(text);
    assert_eq!(rows(&docs[0]), ["產出指標/數量指標/管理忠烈祠面積/=230畝", "產出指標/數量指標/忠烈祠免費開放/=365天"]);
    assert_eq!(docs[0].title, "2020年項目支出績效自評表");
    assert!(codes.contains(&"pinyin-readings") && codes.contains(&"traditional-script"), "{codes:?}");
    assert!(!codes.contains(&"garbled-text"), "{codes:?}");
}

#[test]
fn a_template_that_names_its_comparator_column_the_other_way_round_is_read_by_its_words() {
    // 指标性质 holds 正向 and 指标方向 the comparator (a 2024 self-evaluation, 内蒙古).
    let (docs, codes) = read(
        "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标方向 | 年度指标值 | 计量单位 |\n\
         | 产出指标 | 数量指标 | 租车次数 | 正向 | 大于等于 | 1 | 次 |\n\
         | 产出指标 | 质量指标 | 宣传合格率 | 正向 | 等于 | 100 | % |\n",
    );
    assert_eq!(
        rows(&docs[0]),
        ["产出指标/数量指标/租车次数/大于等于1次", "产出指标/质量指标/宣传合格率/等于100%"],
        "{codes:?}"
    );
    let polarity: Vec<Option<String>> =
        docs[0].indicators.iter().map(|i| i.polarity.as_ref().map(ToString::to_string)).collect();
    assert_eq!(polarity, [Some("正向".to_owned()), Some("正向".to_owned())]);
}

#[test]
fn a_text_that_ends_inside_a_row_of_bars_reads_no_indicator_from_the_cut_cell() {
    let (docs, codes) = read(
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | 产出指标 | 数量指标 | 收容所面积 | ≥300平方米 |\n\
         | 效益指标 | 社会效益指标 | 提供务工岗位 | ≥5个 |\n\
         | 可持续影响指标 | 可持续影响年限 | ≥15年 |\n\
         | 满意度指标 | 服务对象满意度指标 | 受益农户满意度 ",
    );
    let names: Vec<&str> = docs[0].indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["收容所面积", "提供务工岗位", "可持续影响年限"], "{codes:?}");
    assert!(codes.contains(&"unplaced-cell"), "the cut cell is reported: {codes:?}");
}

#[test]
fn rows_a_page_breaks_after_a_bar_are_read_as_rows() {
    // Each row opened by a line of one bar, a cell a line, padded with bars (重庆, 2022).
    let (docs, codes) = read(
        "|\n项目名称 |\n绿化美化项目 | |||\n|\n绩效指标 |\n一级指标 |\n二级指标 |\n三级指标 |\n计量单位 |\n指标性质 |\n指标值 |\n\
         |\n产出指标 |\n数量指标 |\n绿化美化公路 |\n米 |\n= |\n3500 | |\n\
         |\n购买发放李子苗 |\n株 |\n= |\n15000 | |||\n\
         |\n质量指标 |\n树木成活率 |\n% |\n≥ |\n85 | ||\n",
    );
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/绿化美化公路/=3500米",
            "产出指标/数量指标/购买发放李子苗/=15000株",
            "产出指标/质量指标/树木成活率/≥85%"
        ],
        "{codes:?}"
    );
}

#[test]
fn a_header_whose_first_level_wraps_and_whose_rest_is_spaced_reads_its_spaced_rows() {
    // `一级` / `指标` on lines of their own, then the other columns apart by spaces (安徽, 2023).
    let (docs, codes) = read(
        "项目支出绩效目标表\n项目名称 残疾人精准康复\n一级\n指标\n二级指标 三级指标 指标值\n\
         产出指标 数量指标 签约康复人数 ≥18000人\n涉及乡镇街数量 =22个\n质量指标 验收合格率 100%\n",
    );
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/签约康复人数/≥18000人",
            "产出指标/数量指标/涉及乡镇街数量/=22个",
            "产出指标/质量指标/验收合格率/100%"
        ],
        "{codes:?}"
    );
}

#[test]
fn spaced_rows_broken_after_their_nature_and_comparators_in_words() {
    // 内蒙古's 表11 as a web page gives it: single spaces between cells, a comparator in words
    // in the 指标方向 column, an empty 计量单位 that the spaces lost, and 定性 rows broken after
    // their 指标性质, with value and weight on lines of their own.
    let (docs, codes) = read(
        "2025年项目绩效目标表\n\
         一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值\n\
         产出指标(50分) 数量指标 车辆采购数量 反向 小于等于 1 7.5\n\
         时效指标 采购计划完成时间 定性\n\
         11月底之前\n\
         5\n\
         质量指标 设备验收合格率 正向 等于 100 % 7.5\n\
         效益指标(30分) 社会效益 提升工作效率 定性\n\
         有效提升\n\
         可持续影响 长效机制 定性\n\
         10\n",
    );
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/数量指标/车辆采购数量/小于等于1",
            "产出指标/时效指标/采购计划完成时间/11月底之前",
            "产出指标/质量指标/设备验收合格率/等于100%",
            "效益指标/社会效益指标/提升工作效率/有效提升",
            "效益指标/可持续影响指标/长效机制/",
        ]
    );
    let weights: Vec<String> =
        docs[0].indicators.iter().map(|i| i.weight.map(|w| w.to_string()).unwrap_or_default()).collect();
    // A broken row with no weight after its value is read when the next row comes; a bare
    // number after a 定性 row is its weight, not its value.
    assert_eq!(weights, ["7.5", "5", "7.5", "", "10"]);
    assert_eq!(codes.iter().filter(|c| **c == "wrapped-cell").count(), 4);
    assert!(!codes.contains(&"unplaced-cell"));
}

#[test]
fn a_bare_number_after_a_self_evaluations_header_heads_its_points_column() {
    // 遂宁's 区域绩效目标自评表, one cell per line: the page kept the block's points (50) where
    // the template prints 分值, and lost the word; each row ends in its own points.
    let text = "一级指标\n二级指标\n三级指标\n年度指标值\n实际完成指标值\n50\n\
                产出指标\n质量指标\n指标1:违法案件查办率\n100%\n100%\n4\n\
                指标2:宣传活动\n已完成\n已完成\n3\n\
                效益指标\n社会效益指标\n指标1:责任事故发生数\n0次\n0次\n3\n";
    let (docs, codes) = read(text);
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/质量指标/违法案件查办率/100%",
            "产出指标/质量指标/宣传活动/已完成",
            "效益指标/社会效益指标/责任事故发生数/0次"
        ]
    );
    let weights: Vec<String> =
        docs[0].indicators.iter().map(|i| i.weight.map(|w| w.to_string()).unwrap_or_default()).collect();
    assert_eq!(weights, ["4", "3", "3"]);
    assert!(codes.contains(&"header-row"), "the header's points are noted: {codes:?}");
    // Without 实际完成指标值 the number is no header: a target table's rows are read as before.
    let (docs, _) = read("一级指标\n二级指标\n三级指标\n指标值\n50\n产出指标\n数量指标\n培训人数\n≥50人\n");
    assert!(docs[0].indicators.iter().all(|i| i.weight.is_none()));
}

#[test]
fn rows_of_bars_without_their_header_are_read_by_what_the_first_row_shows() {
    // 大英县's self-evaluation copied from inside the table: no header, rows padded by lines of
    // bars, a 成本指标 row under an 一级 above the text, a 定性 row whose 完成值 and 分值 broke
    // onto a line of their own.
    let (docs, codes) = read(
        "安全警示标志设置及时率 | = | 100 | % | 100 | 5 |\n|\n| |||\n\
         成本指标 | 安全隐患排查成本预算 | = | 6 | 万元 | 6 | 5 |\n|\n| ||\n\
         清理垃圾成本预算 | = | 4 | 万元 | 4 | 5 |\n|\n| |||\n\
         效益指标 | 社会效益指标 | 环境治理亮化美化率 | ≥ | 90 | % | 93 | 10 |\n|\n| |\n\
         可持续影响指标 | 管理机制健全性 | 定性 | 优良中低差 |\n| 优 | 10 |\n|\n| ||\n",
    );
    assert_eq!(
        rows(&docs[0]),
        [
            "产出指标/成本指标/安全隐患排查成本预算/=6万元",
            "产出指标/成本指标/清理垃圾成本预算/=4万元",
            "效益指标/社会效益指标/环境治理亮化美化率/≥90%",
            "效益指标/可持续影响指标/管理机制健全性/优良中低差",
        ]
    );
    assert!(codes.contains(&"headless-rows"), "{codes:?}");
    // The 完成值 and 分值 of three rows, and the broken-off `优 | 10`, are reported, not read.
    assert_eq!(codes.iter().filter(|c| **c == "unplaced-cell").count(), 7, "{codes:?}");
}

#[test]
fn a_name_too_long_for_one_indicator_and_without_a_target_is_no_indicator() {
    // A document-sharing page's second chunk (`2、…`): the form's names run together, blank.
    let names = "支持国家高新技术产业开发区项目数量支持国家创新型城市项目数量支持国家创新型县(市)项目数量";
    let text = format!(
        "项目名称 |\n测试 |\n(2021年度) |\n一级指标 |\n二级指标 |\n三级指标 |\n年度指标值 |\n\
         产出指标 |\n数量指标 |\n培训人数 |\n≥100人 |\n2、{names}{names} |\n"
    );
    let (docs, codes) = read(&text);
    assert_eq!(docs.len(), 1);
    assert_eq!(rows(&docs[0]), ["产出指标/数量指标/培训人数/≥100人"]);
    assert_eq!(docs[0].year, Some(2021), "the year among the header's fields is the year");
    assert_eq!(docs[0].project.as_ref().map(|p| p.name.as_str()), Some("测试"));
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
}

#[test]
fn an_unknown_frames_first_level_alone_before_the_first_second_level_is_kept() {
    // 温泉县's 申报表 one cell per line: `项目完成` (the 项目完成指标 frame) over 数量指标.
    let (docs, _) = read(
        "项目名称 |\n测试 |\n一级 指标 |\n二级指标 |\n三级指标 |\n指标值 |\n|\n\
         项目完成 |\n数量指标 |\n参保人数 |\n43230人 |\n|\n质量指标 |\n到位率 |\n100% |\n",
    );
    assert_eq!(rows(&docs[0]), ["项目完成/数量指标/参保人数/43230人", "项目完成/质量指标/到位率/100%"]);
}

#[test]
fn a_number_in_the_unit_column_after_a_qualitative_value_is_the_weight_the_row_moved_left() {
    // `定性 | 优良中低差 | 10`: the empty 度量单位 was dropped; under a 分值 column the number is
    // the weight, not the target's unit.
    let (docs, _) = read(
        "| 项目名称 | 测试 | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 分值 |\n\
         | 效益指标 | 可持续影响指标 | 机制健全性 | 定性 | 优良中低差 | 10 |\n\
         | 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 90 | % | 10 |\n",
    );
    assert_eq!(
        rows(&docs[0]),
        ["效益指标/可持续影响指标/机制健全性/优良中低差", "满意度指标/服务对象满意度指标/群众满意度/≥90%"]
    );
    let weights: Vec<Option<String>> = docs[0].indicators.iter().map(|i| i.weight.map(|w| w.to_string())).collect();
    assert_eq!(weights, [Some("10".to_owned()), Some("10".to_owned())]);
}

#[test]
fn a_serial_number_column_before_the_indicator_columns_is_no_level() {
    // 湖北省残联's table: 序号 / 三级指标 / 年度指标值, one cell per line, no levels.
    let (docs, codes) = read(
        "绩效目标自评表\n序号 |\n三级指标 |\n年度指标值 |\n1 |\n全国助残日活动次数 |\n1次 |\n\
         2 |\n电视专栏节目 |\n24期 |\n3 |\n宣传覆盖面 |\n拓宽 |\n",
    );
    assert_eq!(rows(&docs[0]), ["//全国助残日活动次数/1次", "//电视专栏节目/24期", "//宣传覆盖面/拓宽"]);
    assert!(!codes.contains(&"unplaced-cell"), "the numbers are the rows' own: {codes:?}");
    // 序号 before the columns of another list is no indicator header.
    let (docs, _) = read("绩效目标自评表\n序号 |\n乡镇名称 |\n金额 |\n1 |\n西坪镇 |\n20 |\n");
    assert!(docs.iter().all(|d| d.indicators.is_empty()));
}

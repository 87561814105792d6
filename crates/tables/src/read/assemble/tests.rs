//! What the assembler tells beside the documents: the labels it found, the indicators it could
//! not read, and tables of another kind it leaves outside.

use crate::read::{Item, ReadDocument, read_text};
use jixiao_core::HeaderField;

/// The documents (with their source maps) and the diagnostics' codes read from `text`.
fn read(text: &str) -> (Vec<ReadDocument>, Vec<&'static str>) {
    let items = read_text("t.txt", std::io::Cursor::new(text.as_bytes().to_vec())).expect("opens");
    let (mut docs, mut codes) = (Vec::new(), Vec::new());
    for item in items {
        match item.expect("reads") {
            Item::Document(d) => docs.push(*d),
            Item::Diagnostic(d) => codes.push(d.code),
        }
    }
    (docs, codes)
}

#[test]
fn the_reading_names_the_labels_it_found_blank_or_not() {
    let (docs, _) = read(
        "| 2020年项目支出绩效目标表 | |||\n\
         | 项目名称 | 测试项目 | 主管部门 | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | 产出指标 | 数量指标 | 培训人数 | ≥100人 |\n",
    );
    let reading = docs[0].source.reading.as_ref().expect("the text reader says what it saw");
    assert_eq!(reading.labels, [HeaderField::Name, HeaderField::Department]);
    assert_eq!(reading.indicators_unread, None);
    assert!(docs[0].source.shows_label(HeaderField::Department));
    assert!(!docs[0].source.shows_label(HeaderField::Goals));
}

#[test]
fn indicators_met_and_not_read_are_told_with_their_place() {
    // One column per village, none headed 指标值: the rows are declined, and the reading says
    // where, so that the review does not call the table one without indicators. (The villages'
    // column headers, before any level, are reported on their own.)
    let (docs, codes) = read(
        "项目支出绩效目标表\n项目名称 |\n测试 |\n一级指标 |\n二级指标 |\n三级指标 |\n西坪镇尧山村 |\n桃舟乡吾培村 |\n\
         产出指标 |\n数量指标 |\n开展小型水利工程建设(个) |\n1 |\n1 |\n",
    );
    assert!(codes.contains(&"misread-columns"), "{codes:?}");
    let unread = docs[0].source.indicators_unread().expect("the reading says it met indicators");
    assert_eq!(unread.to_string(), "11:1", "the first 三级 of the rows declined");
}

#[test]
fn an_allocation_list_under_its_own_title_is_no_target_table() {
    // A notice names its attachments, then gives the funds by town under a title of its own,
    // with 项目名称 and 金额 columns, before the target table: only the target table is read.
    let (docs, _) = read(
        "附件:1.2022年水利专项资金安排表\n2.2022年水利专项资金绩效目标表\n安溪县水利局\n附件1\n\
         2022年水利专项资金安排表\n单位:万元\n序号 |\n乡镇名称 |\n项 目 名 称 |\n金额 |\n1 |\n西坪镇 |\n\
         尧山村排洪排水工程建设 |\n20 |\n合计 |\n20 |\n附件2\n2022年水利专项资金绩效目标表\n项目名称 |\n\
         水利专项资金 |\n一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n产出指标 |\n数量指标 |\n工程数量 |\n≥1个 |\n",
    );
    let names: Vec<_> = docs.iter().map(|d| d.document.project.as_ref().map(|p| p.name.as_str())).collect();
    assert_eq!(names, [Some("水利专项资金")]);
    assert_eq!(docs[0].document.title, "2022年水利专项资金绩效目标表");
    assert_eq!(docs[0].document.indicators.len(), 1);
}

#[test]
fn a_total_before_the_indicators_is_the_funds_not_the_scores() {
    let (docs, _) = read(
        "| 2023年度预算项目绩效目标公开表 | ||\n| 项目名称 | 测试项目 | |\n| 项目资金 (万元) | 合计 | 1800 |\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | 补贴学校数 | 1所 |\n",
    );
    let doc = &docs[0].document;
    let funds = &doc.project.as_ref().expect("a project table").funds;
    assert_eq!(funds.total.map(|a| a.to_string()), Some("1800".to_owned()));
    assert!(doc.self_evaluation.as_ref().is_none_or(|s| s.total_weight.is_none()), "{:?}", doc.self_evaluation);
}

#[test]
fn titles_of_other_tables_are_told_from_target_tables() {
    use super::labels::{is_other_title, is_title};
    for title in ["2022年省级第七批水利专项资金安排表", "附件1:2025年补助资金分配表及任務清單", "2021年部门收支总表"]
    {
        assert!(is_other_title(title), "{title}");
        assert!(!is_title(title), "{title}");
    }
    for title in ["2022年省级第七批水利专项资金绩效目标表", "项目支出目标申报表", "资金安排情况"]
    {
        assert!(!is_other_title(title), "{title}");
    }
}

#[test]
fn an_indicator_header_in_text_that_could_not_be_split_leaves_the_indicators_unread() {
    // A document-sharing copy of a self-evaluation whose cells ran together past splitting:
    // its title and a label make a table, and the indicator header is in the text around it.
    let (docs, codes) = read(include_str!("../../../../../fixtures/heldout/13_hengshan-chubeiliang-ziping.txt"));
    assert!(codes.contains(&"no-indicators"), "{codes:?}");
    assert!(docs.iter().all(|d| d.document.indicators.is_empty()));
    for d in &docs {
        assert!(d.source.indicators_unread().is_some(), "{:?}", d.document.title);
    }
}

#[test]
fn a_sites_footer_links_are_no_indicator() {
    let (docs, _) = read(
        "项目支出目标申报表\n项目名称\n\n公用经费\n\n一级指标\n\n二级指标\n\n三级指标\n\n指标值\n\n产出指标\n\n数量指标\n\n\
         学生人数\n\n≥500人\n\n\n内容保障 | 公务邮箱\n\n临邑县人民政府主办\n",
    );
    let names: Vec<_> = docs[0].document.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["学生人数"]);
}

#[test]
fn a_row_with_a_target_and_no_name_leaves_the_indicators_unread() {
    // The 满意度 row lost its 三级 cell: an indicator is there, of a kind the reading cannot
    // vouch for, so the review must not call the table one without 满意度指标.
    let (docs, codes) = read(
        "| 项目支出绩效目标表 | |||\n| 项目名称 | 测试 | ||\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | 产出指标 | 数量指标 | 培训人数 | ≥100人 |\n| 满意度指标 | | | 90% |\n",
    );
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
    assert_eq!(docs[0].document.indicators.len(), 1);
    assert_eq!(docs[0].source.indicators_unread().map(ToString::to_string).as_deref(), Some("5:4"));
}

#[test]
fn a_label_alone_on_its_row_takes_the_value_that_opens_the_next() {
    // The page broke the row after its first cell: `项目 名称 |` over the name and the rest.
    let (docs, _) = read(
        "2019年项目支出绩效目标批复表 | |||\n项目 名称 |\n镇际联网路升级改造工程一期 | 主管部门 | 东莞市交通运输局 |\n\
         一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 结算项目数 | 3个 |\n",
    );
    let doc = &docs[0].document;
    assert_eq!(doc.project.as_ref().map(|p| p.name.as_str()), Some("镇际联网路升级改造工程一期"));
    assert_eq!(doc.department, "东莞市交通运输局");
}

#[test]
fn a_sentence_is_no_amount_and_goes_to_the_text_label_after_the_blank_amounts() {
    // 其他资金 left blank on its line, then 年度目标 over its text: the text is the goal.
    let (docs, _) = read(
        "项目支出绩效目标申报表\n项目名称 物业管理\n项目资金 (万元) 年度资金总额: 1125\n其中:财政拨款 1125\n      其他资金\n\
         年度目标\n目标1:维护辖区各安置小区安全巡逻\n绩效指标 一级指标 二级指标 三级指标 指标值\n\
         产出指标 数量指标 安置小区物业费 8个\n",
    );
    let doc = &docs[0].document;
    assert!(doc.goals.iter().any(|g| g.contains("维护辖区各安置小区安全巡逻")), "{:?}", doc.goals);
    let funds = &doc.project.as_ref().expect("a project").funds;
    assert_eq!(funds.total.map(|a| a.to_string()).as_deref(), Some("1125"));
    assert_eq!(funds.other, None);
}

#[test]
fn an_amount_that_could_not_be_read_is_no_blank() {
    let (docs, codes) = read(
        "| 2021年项目绩效目标表 | ||\n| 项目名称 | 测试项目 | |\n| 年度资金总额 | 总额10606.7522万元 | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | 道路硬化 | 3公里 |\n",
    );
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
    let source = &docs[0].source;
    assert!(source.reading.as_ref().is_some_and(|r| r.labels.contains(&HeaderField::Funds)));
    assert!(!source.shows_label(HeaderField::Funds), "the table gives an amount there, not read");
}

#[test]
fn a_pages_phone_and_attachment_lines_end_the_table() {
    // `- 扫一扫在手机打开当前页` under a table of rows, `附件下载:` / `扫一扫` under a tree of one
    // cell per line: the page's furniture, never a 满意度 or 效益 indicator.
    let (docs, codes) = read(
        "| 项目绩效目标表 | |||\n| 项目名称 | 保洁项目 | ||\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n\
         | 满意度指标 | 服务对象满意度指标 | 周围群众满意度 | ≥90% |\n- 扫一扫在手机打开当前页\n",
    );
    let names: Vec<&str> = docs[0].document.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["周围群众满意度"]);
    assert!(codes.contains(&"outside-table"), "{codes:?}");
    let (docs, _) = read(
        "项目绩效目标批复表\n\n项目\n\n指标值\n\n   效益指标\n\n    社会效益指标\n\n     满足治疗需求\n\n100%\n\n\
         附件下载:\n\n扫一扫\n",
    );
    let names: Vec<&str> = docs[0].document.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["满足治疗需求"]);
}

#[test]
fn goals_side_by_side_given_a_row_each_go_to_their_labels() {
    // `中期目标 | 年度目标`, then each goal on a row of its own (the page gave each cell a row).
    let (docs, _) = read(
        "项目支出绩效目标申报表 | ||\n项目名称 | 质检项目 | |\n总 体 目 标 |\n\
         中期目标(2024年—2026年) | 年度目标 | |\n三年内检测批次达到2批次/千人。 |\n本年检测批次达到1批次/千人。 |\n\
         一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 监督抽检批次 | ≥100组 |\n",
    );
    let doc = &docs[0].document;
    assert_eq!(doc.long_term_goals, ["三年内检测批次达到2批次/千人。"]);
    assert_eq!(doc.goals, ["本年检测批次达到1批次/千人。"]);
}

#[test]
fn a_column_header_wrapped_over_three_lines_one_cell_per_line_is_one_column() {
    // `偏差原因` / `分析及` / `改进措施`: the last line is a label of its own (a self-evaluation's
    // 改进措施 field), which ended the indicator block before the header was read.
    let (docs, codes) = read(
        "项目支出绩效自评表\n\n项目名称\n\n造林项目\n\n一级指标\n\n二级指标\n\n三级指标\n\n年度\n\n指标值\n\n\
         实际完成值\n\n分值\n\n得分\n\n偏差原因\n\n分析及\n\n改进措施\n\n产出指标\n\n数量指标\n\n造林面积\n\n\
         1.2万亩\n\n1.2万亩\n\n10\n\n10\n\n无\n\n产出指标\n\n质量指标\n\n造林成活率\n\n≥85%\n\n85%\n\n10\n\n10\n\n无\n",
    );
    assert_eq!(docs.len(), 1, "{codes:?}");
    let doc = &docs[0].document;
    let read: Vec<(&str, &str)> = doc.indicators.iter().map(|i| (i.name.as_str(), i.target.as_str())).collect();
    assert_eq!(read, [("造林面积", "1.2万亩"), ("造林成活率", "≥85%")], "{codes:?}");
    assert!(!codes.contains(&"unplaced-cell"), "{codes:?}");
    assert!(codes.contains(&"wrapped-cell"), "{codes:?}");
}

#[test]
fn a_title_from_a_table_of_contents_loses_its_page_leader() {
    assert_eq!(super::without_page_leader("项目绩效目标自评表........................22"), "项目绩效目标自评表");
    assert_eq!(super::without_page_leader("项目绩效目标自评表……5"), "项目绩效目标自评表");
    // Two dots, or none, are the title's own.
    assert_eq!(super::without_page_leader("2.项目绩效目标表"), "2.项目绩效目标表");
    assert_eq!(super::without_page_leader("项目绩效目标表2022"), "项目绩效目标表2022");
}

#[test]
fn a_transfers_funds_block_is_its_budget_execution() {
    // The 2024 转移支付 self-evaluation heads its budget columns 资金投入情况(万元).
    let (docs, codes) = read(
        "医疗救助补助资金转移支付项目绩效目标自评表 | |||\n\
         转移支付(项目)名称 | 医疗救助补助资金 | ||\n\
         资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) |\n\
         年度资金总额: | 3359.62万 | 3359.62万 | 100% |\n\
         其中:中央财政资金 | 829.3万 | 829.3万 | 100% |\n\
         地方资金 | 2530.32万 | 2530.32万 | 100% |\n\
         绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 |\n\
         产出指标 | 数量指标 | 享受医疗救助人次 | ≥50000人次 | 110406 |\n",
    );
    let execution = docs[0].document.self_evaluation.as_ref().expect("a self-evaluation");
    assert_eq!(execution.budget_full_year.map(|d| d.to_string()).as_deref(), Some("3359.62"));
    assert_eq!(execution.spent.map(|d| d.to_string()).as_deref(), Some("3359.62"));
    let parts: Vec<&str> = execution.budget_parts.iter().map(|p| p.source.as_str()).collect();
    assert_eq!(parts, ["中央财政资金", "地方资金"]);
    assert!(!codes.contains(&"unplaced-cell"), "{codes:?}");
}

/// A self-evaluation of 安徽's county template copied from a web page: one row a line, cells
/// apart by single spaces, blank cells dropped, the 一级 header broken after `一级`.
const SPACED_SELF_EVALUATION: &str = "\
项目名称 特色种养殖补贴到户项目 项目负责人及电话 张三0557-5271001
主管部门 县农业农村局 实施单位 杨楼镇人民政府
资金情况
(万元)
全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
年度资金总额: 8.408 8.408 10 100.00% 10
其中:本年财政拨款 8.408 8.408 100.00%
年度总体目标 年初设定目标 年度总体目标完成情况综述
以产业补助的形式对64户脱贫户进行补助。 落实64户特色种养业奖补政策。
绩效指标 一级
指标
二级指标 三级指标 分值 年度指标值 全年实际值 得分 未完成原因及拟采取的改进措施
(50分)
数量指标 ★补助各类粮食作物种植面积 10 10
        红薯种植面积 5.5亩 5.5亩
质量指标 种植作物成活率 5 95% 92% 4 干旱
";

#[test]
fn a_spaced_self_evaluation_is_read_by_what_its_words_are() {
    let (docs, codes) = read(SPACED_SELF_EVALUATION);
    assert_eq!(docs.len(), 1, "{codes:?}");
    let doc = &docs[0].document;
    // 项目负责人及电话 among the fields is no sign-off box that ends the table.
    assert_eq!(doc.department, "县农业农村局");
    let se = doc.self_evaluation.as_ref().expect("the budget block is read");
    assert_eq!(se.spent.map(|a| a.to_string()).as_deref(), Some("8.408"));
    assert_eq!(se.execution_score.map(|a| a.to_string()).as_deref(), Some("10"));
    // The part's row, without the block's 分值 and 得分, fills the other columns.
    let part = &se.budget_parts[0];
    assert_eq!(
        (part.source.as_str(), part.execution_rate.map(|a| a.to_string())),
        ("本年财政拨款", Some("100.00".into()))
    );
    // Goals and goals achieved on one line, a space between.
    assert_eq!(doc.goals, ["以产业补助的形式对64户脱贫户进行补助。"]);
    assert_eq!(se.goals_achieved.as_deref(), Some("落实64户特色种养业奖补政策。"));
    let rows: Vec<_> = doc
        .indicators
        .iter()
        .map(|i| {
            let weight = i.weight.map(|w| w.to_string()).unwrap_or_default();
            (i.level1.as_str(), i.level2.as_str(), i.name.as_str(), i.target.as_str(), weight)
        })
        .collect();
    // The ★ row's two numbers may be 分值 and 得分 or 指标值 and 实际值: reported, not read.
    assert_eq!(
        rows,
        [
            ("产出指标", "数量指标", "红薯种植面积", "5.5亩", String::new()),
            ("产出指标", "质量指标", "种植作物成活率", "95%", "5".into()),
        ]
    );
    assert_eq!(doc.indicators[1].actual.as_deref(), Some("92%"));
    assert!(codes.contains(&"unplaced-cell"), "{codes:?}");
}

#[test]
fn a_field_and_its_value_apart_by_a_colon_are_read_under_a_sign_off_label_among_the_fields() {
    // One cell per line; the project leader's box sits among the fields, above the money.
    let (docs, codes) = read(
        "2024年项目绩效目标表\n\n项目名称\n\n雾炮车抑尘降尘服务\n\n项目负责人\n\n吴华章\n\n资金总额: 250\n\n\
         一级指标\n\n二级指标\n\n三级指标\n\n指标值\n\n产出指标\n\n数量指标\n\n车辆数\n\n≥10台\n",
    );
    let project = docs[0].document.project.as_ref().expect("a project table");
    // 资金总额, not 年度资金总额: the project's money over its whole period.
    let period_total = project.funds.period_total.given().map(|a| a.to_string());
    assert_eq!(period_total.as_deref(), Some("250"), "{codes:?}");
    assert_eq!(docs[0].document.indicators.len(), 1);
}

#[test]
fn a_transfer_payments_budget_parts_and_funds_management_block() {
    // 财政部's transfer-payment self-evaluation: a part named without 其中, and the 资金管理情况
    // block, which the format has no place for, between the budget and the goals.
    let (docs, codes) = read(
        "某补助资金转移支付项目绩效目标自评表 | ||||\n\
         资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) |\n\
         年度资金总额: | 100 | 90 | 90% |\n\
         其中:中央财政资金 | 60 | 60 | 100% |\n\
         彩票公益金 | 10 | 0 | 0% |\n\
         资金管理情况 | 情况说明 | 存在问题和改进措施 |\n\
         分配科学性 | 资金分配科学 | 暂无 |\n\
         总体目标完成情况 | 总体目标 | 全年实际完成情况 |\n\
         资助困难群众就医 | 资助5万人次 |\n",
    );
    let doc = &docs[0].document;
    let se = doc.self_evaluation.as_ref().expect("a self-evaluation");
    let parts: Vec<_> = se.budget_parts.iter().map(|p| (p.source.as_str(), p.spent.map(|a| a.to_string()))).collect();
    assert_eq!(parts, [("中央财政资金", Some("60".into())), ("彩票公益金", Some("0".into()))]);
    assert_eq!(doc.goals, ["资助困难群众就医"]);
    assert_eq!(se.goals_achieved.as_deref(), Some("资助5万人次"));
    assert_eq!(codes.iter().filter(|c| **c == "unmodelled-field").count(), 2, "{codes:?}");
    assert!(!codes.contains(&"unplaced-cell"), "{codes:?}");
}

#[test]
fn total_beside_sources_heads_a_column() {
    // `资金来源 | 资金总额` over the rows of the money: 资金总额 names the column, and the 500 is
    // the fiscal part's, not a total for the project's period.
    let (docs, codes) = read(
        "2020年省级财政水利发展资金绩效目标表\n\n专项(项目)名称\n\n饮水工程\n\n资金情况(万元)\n\n资金来源\n\n资金总额\n\n\
         其中:财政拨款\n\n500\n\n其他资金\n\n\n\n一级指标\n\n二级指标\n\n三级指标\n\n指标值\n\n产出指标\n\n数量指标\n\n\
         受益人数\n\n≥9200人\n",
    );
    let funds = &docs[0].document.project.as_ref().expect("a project").funds;
    assert_eq!(funds.fiscal.map(|a| a.to_string()).as_deref(), Some("500"), "{codes:?}");
    assert_eq!((funds.total, funds.period_total.given()), (None, None));
}

#[test]
fn goals_numbered_by_the_word_are_a_list_over_lines() {
    // One cell per line: the goals' cell broken at its line breaks, each line a numbered goal.
    let (docs, _) = read(
        "部门整体支出绩效目标申报表\n\n部门名称\n\n某中学\n\n整体绩效目标\n\n目标1:提高师生整体素质。\n\
         目标2:保障在职人员89人的正常办公。\n\n目标3改善办学条件。\n\n年度绩效指标\n",
    );
    assert_eq!(docs[0].document.goals, ["提高师生整体素质。", "保障在职人员89人的正常办公。", "改善办学条件。"]);
}

#[test]
fn blank_sign_offs_above_the_header_take_none_of_its_values() {
    // One cell per line between bars: the signature cells were empty, and pages drop them.
    let (docs, _) = read(
        "项目支出绩效目标申报表 |\n( 2024 年度) |\n项目责任人(签字): |\n单位(盖章): |\n|||||||\n\
         项目名称 |\n法治宣传经费 |\n|||||||\n主管部门及代码 |\n[017]金寨县司法局 |\n实施单位 |\n金寨县司法局 |\n",
    );
    let doc = &docs[0].document;
    let project = doc.project.as_ref().expect("a project table");
    assert_eq!(project.name, "法治宣传经费");
    assert_eq!(
        (doc.department.as_str(), doc.department_code.given().map(String::as_str)),
        ("金寨县司法局", Some("017"))
    );
    assert_eq!(project.implementer, "金寨县司法局");
}

//! Tables as the web gives them — cells separated by single spaces or by nothing, whole
//! documents on one line — are split by what the cells are, and what cannot be split with
//! certainty is reported rather than guessed.

use jixiao_tables::{Diagnostic, Item, read_text};

fn read(text: &str) -> (Vec<jixiao_core::Document>, Vec<Diagnostic>) {
    let (mut docs, mut diags) = (Vec::new(), Vec::new());
    for item in read_text("web.txt", std::io::Cursor::new(text.as_bytes().to_vec())).expect("opens") {
        match item.expect("reads") {
            Item::Document(d) => docs.push(d.document),
            Item::Diagnostic(d) => diags.push(d),
        }
    }
    (docs, diags)
}

fn rows(doc: &jixiao_core::Document) -> Vec<(&str, &str, &str, &str)> {
    doc.indicators.iter().map(|i| (i.level1.as_str(), i.level2.as_str(), i.name.as_str(), i.target.as_str())).collect()
}

#[test]
fn cells_run_together_are_split_where_the_target_begins() {
    let (docs, diags) = read(
        "2020年项目支出绩效目标表\n项目名称\n校舍改造\n绩效指标一级指标二级指标指标内容指标值\n\
         产出指标数量指标学校改造覆盖率100%\n质量指标验收合格率≥95%\n\
         效益指标可持续影响指标均衡发展情况稳步提高\n社会效益指标群众生活条件改善\n",
    );
    assert_eq!(
        rows(&docs[0]),
        vec![
            ("产出指标", "数量指标", "学校改造覆盖率", "100%"),
            ("产出指标", "质量指标", "验收合格率", "≥95%"),
            // A qualitative target starts at its adverb of degree (稳步).
            ("效益指标", "可持续影响指标", "均衡发展情况", "稳步提高"),
        ]
    );
    // Without one, nothing marks where the target begins: reported, not guessed.
    let unplaced: Vec<_> = diags.iter().filter(|d| d.code == "unplaced-cell").collect();
    assert_eq!(unplaced.len(), 1);
    assert!(unplaced[0].message.contains("群众生活条件改善"), "{}", unplaced[0].message);
    assert!(diags.iter().any(|d| d.code == "split-cell"));
}

#[test]
fn single_spaces_fill_the_columns_of_a_rich_header_by_kind() {
    let (docs, _) = read(
        "2021年项目绩效目标表\n项目名称 某经费\n一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 备注\n\
         产出指标 数量指标 出差人次 正向 = 24 人/次 4\n产出指标 成本指标 出差总成本 反向 = 1 万元 4\n",
    );
    let ind = &docs[0].indicators;
    assert_eq!(ind.len(), 2);
    assert_eq!((ind[0].name.as_str(), ind[0].target.as_str()), ("出差人次", "=24人/次"));
    assert_eq!(ind[0].polarity.as_deref(), Some("正向"));
    assert_eq!(ind[1].weight.map(|w| w.to_string()), Some("4".to_owned()));
    assert_eq!(ind[1].target_parts.as_ref().map(|p| p.unit.as_str()), Some("万元"));
}

#[test]
fn a_flattened_document_stops_at_the_first_row_that_does_not_fit() {
    let line = format!(
        "{} 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 绩效指标 一级指标 二级指标 三级指标 年度指标值 \
         实际完成值 分值 得分 偏差原因分析及改进措施 产出指标(50分) 数量指标 项目数量 ≥50个 50 8 8 \
         质量指标 报告合格率 100% 100 八 8 时效指标 报告及时性 按时完成 按时完成 8 8",
        "x".repeat(600)
    );
    let (docs, diags) = read(&line);
    // The second row's 分值 is not a number: it and all after it are reported, none invented.
    assert_eq!(rows(&docs[0]), vec![("产出指标", "数量指标", "项目数量", "≥50个")]);
    assert_eq!(docs[0].indicators[0].score.into_given().map(|s| s.to_string()), Some("8".to_owned()));
    assert!(diags.iter().any(|d| d.code == "unplaced-cell" && d.message.contains("报告及时性")));
}

#[test]
fn a_header_with_nothing_readable_under_it_is_a_warning() {
    let (docs, diags) = read("附件 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 受益人数 100人\n");
    assert!(docs.iter().all(|d| d.indicators.is_empty()));
    let warning = diags.iter().find(|d| d.code == "no-indicators").expect("a no-indicators warning");
    assert!(warning.loses_input(), "a warning, so that --strict fails on it");
}

#[test]
fn header_lines_run_together_are_split_at_their_labels_only() {
    let (docs, diags) = read(
        "2023年某项目支出绩效目标审批表\n项目名称 加工园配套设施建设项目 项目分类 资产资源类--房屋类\n\
         建设周期 2023年4月-2024年2月 业务主管部门 县民宗委\n项目执行单位云雾乡\n\
         绩效指标 一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 新建晾晒房 ≥1座\n",
    );
    let project = docs[0].project.as_ref().expect("a project");
    // The unknown label and its value are reported, not glued to the name.
    assert_eq!(project.name, "加工园配套设施建设项目");
    assert!(diags.iter().any(|d| d.code == "unplaced-cell" && d.message.contains("项目分类 资产资源类--房屋类")));
    assert_eq!((project.period.as_str(), docs[0].department.as_str()), ("2023年4月-2024年2月", "县民宗委"));
    assert_eq!(project.implementer, "云雾乡");
    assert_eq!(rows(&docs[0]), vec![("产出指标", "数量指标", "新建晾晒房", "≥1座")]);
}

#[test]
fn a_value_that_starts_with_a_label_is_not_split() {
    // 项目资金全部到位 is 绩效目标's value, though it starts with the label 项目资金.
    let (docs, _) = read("2023年项目支出绩效目标表\n绩效目标\n项目资金全部到位\n");
    assert_eq!(docs[0].goals, vec!["项目资金全部到位".to_owned()]);
}

#[test]
fn rows_without_a_header_need_levels_and_comparators() {
    let (docs, diags) = read("产出指标数量指标保障率=100% 22.5 调整次数≤10次 22.5 时效指标发放率=100% 22.5 合计100\n");
    assert_eq!(
        rows(&docs[0]),
        vec![
            ("产出指标", "数量指标", "保障率", "=100%"),
            ("产出指标", "数量指标", "调整次数", "≤10次"),
            ("产出指标", "时效指标", "发放率", "=100%"),
        ]
    );
    // The numbers between, and what follows the rows, are reported.
    assert_eq!(diags.iter().filter(|d| d.code == "unplaced-cell").count(), 4);
    // Prose that mentions levels and targets is not a table.
    let (docs, _) = read("今年产出指标数量指标完成率=100% 较去年提高 质量达标≥95% 总体良好\n");
    assert!(docs.iter().all(|d| d.indicators.is_empty()));
}

#[test]
fn a_document_on_one_line_with_nothing_between_its_cells_is_cut_by_what_the_cells_are() {
    let line = format!(
        "{}附件:绩效目标自评表(2023年度)项目名称乡村道路维护项目主管部门某县交通运输局实施单位某县公路养护中心\
         资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:50451090.00%9\
         年度总体目标年初设定目标年度总体目标完成情况综述维护乡村道路,维护乡村道路,\
         绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施\
         产出指标(60分)数量指标维护道路里程30≥120公里≥125公里30时效指标完工及时率30100%95%28\
         满意度指标(30分)服务对象满意度指标群众满意度30≥90%较为满意20总分10087",
        "发布时间:2023-05-06浏览次数:1024网页导航首页新闻".repeat(8)
    );
    let (docs, diags) = read(&line);
    let doc = &docs[0];
    assert_eq!(doc.year, Some(2023));
    assert_eq!(doc.project.as_ref().map(|p| p.name.as_str()), Some("乡村道路维护项目"));
    assert_eq!(
        rows(doc),
        vec![("产出指标", "数量指标", "维护道路里程", "≥120公里"), ("产出指标", "时效指标", "完工及时率", "100%")]
    );
    let first = &doc.indicators[0];
    assert_eq!(first.actual.as_deref(), Some("≥125公里"));
    assert_eq!(first.score.into_given().map(|s| s.to_string()), Some("30".to_owned()));
    let evaluation = doc.self_evaluation.as_ref().expect("a self-evaluation");
    // 45 of 50 is 90.00%: the only split of `50451090.00%9` that adds up.
    assert_eq!(evaluation.spent.map(|s| s.to_string()), Some("45".to_owned()));
    assert_eq!(evaluation.execution_score.map(|s| s.to_string()), Some("9".to_owned()));
    // A qualitative completion value has no mark where it begins: that row and the rest are
    // reported, not guessed.
    assert!(diags.iter().any(|d| d.code == "unplaced-cell" && d.message.contains("群众满意度")));
    // The navigation before the table is outside it.
    assert!(diags.iter().any(|d| d.code == "outside-table" && d.message.contains("网页导航")));
}

#[test]
fn a_long_document_on_one_line_is_read_whole() {
    // Three thousand rows run together, a document of some 300 KB on one line: each row is
    // cut from the rest, which once copied or counted the rest at every row.
    let rows_text = "数量指标维护道路里程5≥120公里≥125公里5时效指标完工及时率5100%100%5".repeat(1500);
    let line = format!(
        "附件:绩效目标自评表(2023年度)项目名称乡村道路维护项目主管部门某县交通运输局\
         绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施\
         产出指标(60分){rows_text}"
    );
    let (docs, diags) = read(&line);
    let doc = &docs[0];
    assert_eq!(
        doc.indicators.len(),
        3000,
        "{:?}",
        diags.iter().filter(|d| d.code == "unplaced-cell").take(2).collect::<Vec<_>>()
    );
    let last = &doc.indicators[2999];
    assert_eq!((last.level2.as_str(), last.name.as_str(), last.target.as_str()), ("时效指标", "完工及时率", "100%"));
}

#[test]
fn a_target_left_in_the_name_is_taken_out_and_not_applicable_marks_are_blank() {
    let (docs, diags) = read(
        "2021年项目支出绩效目标表\n项目名称\t某项目\n一级指标\t二级指标\t三级指标\t指标值\t分值\n\
         产出指标\t时效指标\t年度资金支付完成率100%\t\t10\n产出指标\t数量指标\t培训人数\t≥50人\t/ / /\n\
         产出指标\t数量指标\t出版PM2.5监测报告\t\t—\n",
    );
    let ind = &docs[0].indicators;
    assert_eq!((ind[0].name.as_str(), ind[0].target.as_str()), ("年度资金支付完成率", "100%"));
    assert!(diags.iter().any(|d| d.code == "split-cell" && d.message.contains("年度资金支付完成率")));
    // Not applicable is no weight, and no warning.
    assert_eq!(ind[1].weight, None);
    // A name whose end is no marked target keeps it, and the target stays empty.
    assert_eq!((ind[2].name.as_str(), ind[2].target.as_str()), ("出版PM2.5监测报告", ""));
    assert!(!diags.iter().any(|d| d.code == "unplaced-cell"), "{diags:?}");
}

#[test]
fn one_target_column_per_village_gives_one_target_of_several_terms() {
    let (docs, diags) = read(
        "2021年项目支出绩效目标表\n项目名称\t村道硬化\n一级指标\t二级指标\t三级指标\t张村指标值\t李村指标值\n\
         产出指标\t数量指标\t硬化道路长度\t≥3公里\t≥5公里\n产出指标\t质量指标\t验收合格率\t100%\t\n",
    );
    assert_eq!(
        rows(&docs[0]),
        vec![
            ("产出指标", "数量指标", "硬化道路长度", "张村≥3公里；李村≥5公里"),
            ("产出指标", "质量指标", "验收合格率", "张村100%"),
        ]
    );
    assert!(!diags.iter().any(|d| d.code == "unplaced-cell"), "{diags:?}");
    let terms = match jixiao_core::Target::parse(&docs[0].indicators[0].target) {
        jixiao_core::Target::Quantity { terms } => terms,
        other => panic!("{other:?}"),
    };
    assert_eq!(terms.iter().map(|t| t.subject.as_deref()).collect::<Vec<_>>(), vec![Some("张村"), Some("李村")]);
}

#[test]
fn a_table_in_traditional_script_is_read_and_keeps_its_published_characters() {
    let (docs, diags) = read(
        "2021年項目支出績效目標表\n項目名稱\t鄉村道路維護\n一級指標\t二級指標\t三級指標\t指標值\n\
         產出指標\t數量指標\t維護道路里程\t≥120公里\n滿意度指標\t服務對象滿意度指標\t群眾滿意度\t≧90%\n",
    );
    let doc = &docs[0];
    assert_eq!(doc.year, Some(2021));
    assert_eq!(doc.project.as_ref().map(|p| p.name.as_str()), Some("鄉村道路維護"));
    assert_eq!(
        rows(doc),
        vec![
            ("產出指標", "數量指標", "維護道路里程", "≥120公里"),
            ("滿意度指標", "服務對象滿意度指標", "群眾滿意度", "≧90%"),
        ]
    );
    // The levels are the standard ones, whichever script names them.
    assert_eq!(doc.indicators[1].level2.as_level2(), Some(jixiao_core::levels::Level2::ServiceSatisfaction));
    assert!(diags.iter().any(|d| d.code == "traditional-script"));
}

//! The official layout of a target table as a grid of cells with spans: title, header block,
//! indicator block with 一级/二级 merged down their rows. The xlsx and HTML writers both draw
//! this one grid, so that the two publications cannot disagree.

use jixiao_core::Stated;
use jixiao_core::quantity::Amount;
use jixiao_core::{Document, DocumentKind, Funds, Indicator, MoneyUnit, Monitoring, SelfEvaluation};
use rust_decimal::Decimal;

/// What a cell is, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The table's title, above the grid.
    Title,
    /// The line under the title that gives the year (`（2022年度）`) when the title does not.
    Subtitle,
    /// A label of the header block (项目名称, 主管部门 …).
    Label,
    /// A column heading of the indicator block (一级指标 …).
    Heading,
    /// A value of the header block or a name: left-aligned text.
    Text,
    /// A short value drawn centred: levels, targets, units.
    Centered,
    /// An amount of money or a weight, stored as a number where the format can.
    Amount,
}

/// One cell of the layout.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutCell {
    /// 0-based row within the table.
    pub row: u32,
    /// 0-based column.
    pub col: u32,
    /// Rows covered (≥ 1).
    pub rows: u32,
    /// Columns covered (≥ 1).
    pub cols: u32,
    /// The text shown; newlines break lines.
    pub text: String,
    /// The number behind an amount, when there is one.
    pub number: Option<Decimal>,
    /// How the cell is drawn.
    pub role: Role,
}

/// One table laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The title (also the first cell, spanning all columns).
    pub title: String,
    /// The year's line under the title (the second cell), when the title does not give it.
    pub subtitle: Option<String>,
    /// Number of columns.
    pub width: u32,
    /// Number of rows.
    pub height: u32,
    /// The cells, row by row, left to right; cells covered by a span are not listed.
    pub cells: Vec<LayoutCell>,
    /// Relative column widths in Excel character units (a CJK character is 2).
    pub col_widths: Vec<f64>,
}

/// Which indicator columns a table needs.
struct Columns {
    category: bool,
    policy: bool,
    parts: bool,
    weight: bool,
    polarity: bool,
    basis: bool,
    history: bool,
    actual: bool,
    score: bool,
    deviation: bool,
    /// The month a monitoring table's data runs to (0 when it does not say); `None` for other
    /// tables.
    monitoring: Option<u8>,
}

/// The heading of the actual-to-date column, by month (the table's own words, 1–N月).
const TO_DATE: [&str; 13] = [
    "1–N月实际完成值",
    "1月实际完成值",
    "1–2月实际完成值",
    "1–3月实际完成值",
    "1–4月实际完成值",
    "1–5月实际完成值",
    "1–6月实际完成值",
    "1–7月实际完成值",
    "1–8月实际完成值",
    "1–9月实际完成值",
    "1–10月实际完成值",
    "1–11月实际完成值",
    "1–12月实际完成值",
];

impl Columns {
    fn of(doc: &Document) -> Columns {
        let any = |f: fn(&Indicator) -> bool| doc.indicators.iter().any(f);
        let policy = doc.kind == DocumentKind::Department && any(|i| i.policy_target.is_some());
        let parts = any(|i| i.target_parts.is_some());
        let weight = any(|i| i.weight.is_some());
        let polarity = any(|i| i.polarity.is_some());
        let basis = any(|i| i.basis.is_some());
        let history = any(|i| i.history.is_some());
        let actual = any(|i| i.actual.is_some());
        let score = any(|i| i.score.is_present());
        let monitoring = (doc.monitoring.is_some() || any(|i| i.monitoring.is_some()))
            .then(|| doc.monitoring.as_ref().and_then(|m| m.month).filter(|m| (1..=12).contains(m)).unwrap_or(0));
        let deviation = monitoring.is_some() || any(|i| i.deviation_cause.is_some());
        // The 2015–2020 project template has a 类别 column (绩效指标); the newer templates and
        // department tables do not.
        let newer =
            parts || weight || polarity || basis || history || actual || score || deviation || monitoring.is_some();
        let category = doc.kind == DocumentKind::Project && !newer;
        Columns { category, policy, parts, weight, polarity, basis, history, actual, score, deviation, monitoring }
    }

    /// The indicator block's column headings, left to right.
    fn headings(&self) -> Vec<&'static str> {
        let mut h = Vec::new();
        if self.category {
            h.push("类别");
        }
        h.extend(["一级指标", "二级指标"]);
        if self.policy {
            h.extend(["财政政策性绩效目标", "部门预算绩效目标", "部门指标值"]);
        } else {
            h.push("三级指标");
            if self.parts {
                h.extend(["指标性质", "指标值", "度量单位"]);
            } else {
                h.push("指标值");
            }
        }
        for (on, heading) in [
            (self.weight, "权重"),
            (self.polarity, "指标方向"),
            (self.basis, "设定依据"),
            (self.history, "历史值"),
            (self.actual, "实际完成值"),
            (self.score, "得分"),
        ] {
            if on {
                h.push(heading);
            }
        }
        if let Some(month) = self.monitoring {
            h.extend([TO_DATE[usize::from(month)], "全年预计完成情况", "偏差原因类型"]);
        }
        if self.deviation {
            h.push("偏差原因");
        }
        if self.monitoring.is_some() {
            h.push("完成目标可能性");
        }
        h
    }
}

/// The title a document is published under: its own, or one made from its fields.
pub fn title(doc: &Document) -> String {
    if !doc.title.trim().is_empty() {
        return doc.title.clone();
    }
    let year = doc.year.map(|y| format!("{y}年")).unwrap_or_default();
    format!("{year}{}{}", doc.department, doc.kind.label())
}

/// `[code]name` when there is a code, as the published tables write it.
fn with_code(name: &str, code: Option<&str>) -> String {
    match code {
        Some(c) if !c.is_empty() => format!("[{c}]{name}"),
        _ => name.to_owned(),
    }
}

/// Numbered lines, as the templates number goals and duties: `(一) …`.
pub fn numbered(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("({}) {item}", chinese_number(i + 1)));
    }
    out
}

/// 1 → 一, 12 → 十二, 20 → 二十 (enough for any list of goals).
fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n % 10 == 0 { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

/// Builds cells row by row.
struct Grid {
    cells: Vec<LayoutCell>,
    row: u32,
}

impl Grid {
    fn put(&mut self, row: u32, col: u32, rows: u32, cols: u32, text: impl Into<String>, role: Role) {
        self.cells.push(LayoutCell { row, col, rows, cols, text: text.into(), number: None, role });
    }

    fn amount(&mut self, row: u32, col: u32, cols: u32, value: Option<impl Into<Decimal>>) {
        let value: Option<Decimal> = value.map(Into::into);
        let text = value.map(|v| v.normalize().to_string()).unwrap_or_default();
        self.cells.push(LayoutCell { row, col, rows: 1, cols, text, number: value, role: Role::Amount });
    }
}

/// Lays out one document in the official layout.
pub fn layout(doc: &Document) -> Layout {
    let columns = Columns::of(doc);
    let headings = columns.headings();
    // The header block needs five columns; the tasks block six (name, content, three amounts).
    // A self-evaluation's budget block needs eight (label, row label, six figures), nine with
    // its 偏差原因.
    let reason = doc.self_evaluation.as_ref().is_some_and(|se| se.deviation_cause.is_some());
    let block_width = if reason {
        9
    } else if doc.self_evaluation.is_some() || doc.monitoring.is_some() {
        8
    } else if doc.tasks.is_empty() {
        5
    } else {
        6
    };
    let width = headings.len().max(block_width) as u32;
    let mut g = Grid { cells: Vec::new(), row: 0 };
    let title = title(doc);
    g.put(0, 0, 1, width, title.clone(), Role::Title);
    g.row = 1;
    // Tables whose title has no year give it on a line of its own, as the templates do.
    let subtitle = doc.year.filter(|y| !title.contains(&y.to_string())).map(|y| format!("（{y}年度）"));
    if let Some(line) = &subtitle {
        g.put(1, 0, 1, width, line.clone(), Role::Subtitle);
        g.row = 2;
    }
    let rest = width - 1;
    // The header block pairs two label/value couples on a line: value spans a and b.
    let a = (width - 2) / 2;
    let b = width - 2 - a;
    match (&doc.kind, &doc.project) {
        (DocumentKind::Project, project) => {
            let p = project.clone().unwrap_or_default();
            let r = g.row;
            g.put(r, 0, 1, 1, "项目名称", Role::Label);
            g.put(r, 1, 1, rest, with_code(&p.name, p.code.given().map(String::as_str)), Role::Text);
            g.put(r + 1, 0, 1, 1, "主管部门", Role::Label);
            g.put(r + 1, 1, 1, a, with_code(&doc.department, doc.department_code()), Role::Text);
            g.put(r + 1, 1 + a, 1, 1, "实施单位", Role::Label);
            let implementer = with_code(&p.implementer, p.implementer_code.given().map(String::as_str));
            g.put(r + 1, 2 + a, 1, b, implementer, Role::Text);
            g.put(r + 2, 0, 1, 1, "项目属性", Role::Label);
            g.put(r + 2, 1, 1, a, p.attribute.clone(), Role::Text);
            g.put(r + 2, 1 + a, 1, 1, "项目期", Role::Label);
            g.put(r + 2, 2 + a, 1, b, p.period.clone(), Role::Text);
            g.row = r + 3;
            // Extensions some templates have: 项目概况, 立项依据.
            for (label, text) in [("项目概况", &p.summary), ("立项依据", &p.basis)] {
                if let Some(text) = text {
                    g.put(g.row, 0, 1, 1, label, Role::Label);
                    g.put(g.row, 1, 1, rest, text.clone(), Role::Text);
                    g.row += 1;
                }
            }
            let funds = &p.funds;
            // A self-evaluation or monitoring table's money is its budget block; the 项目资金 of
            // its targets, where the document keeps them too, are drawn above it, not dropped.
            let stated = funds.total.is_some() || funds.fiscal.is_some() || funds.other.is_some();
            let block = doc.self_evaluation.is_some() || doc.monitoring.is_some();
            if !block || stated {
                let r = g.row;
                let label_cols = rest.div_ceil(2);
                let rows = funds_rows(funds);
                g.put(r, 0, rows.len() as u32, 1, format!("项目资金 ({})", funds.unit.label()), Role::Label);
                for (i, (label, value)) in rows.into_iter().enumerate() {
                    let row = r + i as u32;
                    g.put(row, 1, 1, label_cols, label, Role::Label);
                    g.amount(row, 1 + label_cols, rest - label_cols, value);
                }
                g.row = g.cells.last().map_or(r, |c| c.row + 1);
            }
            if let Some(se) = &doc.self_evaluation {
                execution_block(&mut g, se, funds.unit, width);
            } else if let Some(m) = &doc.monitoring {
                monitoring_block(&mut g, m, funds.unit, width);
            }
            let goals_label = if doc.self_evaluation.is_some() { "年度总体目标" } else { "绩效目标" };
            g.put(g.row, 0, 1, 1, goals_label, Role::Label);
            g.put(g.row, 1, 1, rest, numbered(&doc.goals), Role::Text);
            g.row += 1;
            long_term_goals(&mut g, doc, rest);
        }
        (DocumentKind::Department, _) => {
            let r = g.row;
            // The label promises a code only where the document has a place for one.
            let name_label = if doc.department_code.is_present() { "部门名称及代码" } else { "部门名称" };
            g.put(r, 0, 1, 1, name_label, Role::Label);
            g.put(r, 1, 1, rest, with_code(&doc.department, doc.department_code()), Role::Text);
            g.row = r + 1;
            // The newer template has no 部门职责 row; draw one only when there are duties.
            if !doc.duties.is_empty() {
                g.put(g.row, 0, 1, 1, "部门职责绩效目标", Role::Label);
                g.put(g.row, 1, 1, rest, numbered(&doc.duties), Role::Text);
                g.row += 1;
            }
            tasks_block(&mut g, doc, width);
            // A department's 自评表 or 监控表 states its budget's execution as a project's does.
            let unit = doc.tasks.first().map_or_else(MoneyUnit::default, |t| t.funds.unit);
            if let Some(se) = &doc.self_evaluation {
                execution_block(&mut g, se, unit, width);
            } else if let Some(m) = &doc.monitoring {
                monitoring_block(&mut g, m, unit, width);
            }
            if !doc.goals.is_empty() {
                g.put(g.row, 0, 1, 1, "年度总体目标", Role::Label);
                g.put(g.row, 1, 1, rest, numbered(&doc.goals), Role::Text);
                g.row += 1;
            }
            long_term_goals(&mut g, doc, rest);
        }
    }
    if let Some(achieved) = doc.self_evaluation.as_ref().and_then(|se| se.goals_achieved.as_ref()) {
        g.put(g.row, 0, 1, 1, "实际完成情况", Role::Label);
        g.put(g.row, 1, 1, rest, achieved.clone(), Role::Text);
        g.row += 1;
    }
    let block = g.row;
    indicator_block(&mut g, doc, &columns, &headings, width);
    if let Some(se) = &doc.self_evaluation {
        closing_rows(&mut g, se, &headings, width);
    }
    // Readers of the layout draw it row by row, left to right.
    g.cells.sort_by_key(|c| (c.row, c.col));
    let height = g.row;
    let col_widths = column_widths(&g.cells, width, block);
    Layout { title, subtitle, width, height, cells: g.cells, col_widths }
}

/// The rows of the 项目资金 block: the year's 年度资金总额, 财政拨款 and 其他资金, after the
/// whole period's (资金总额 over the 项目期) where the table states any, as the 申报表 forms
/// have them. The year's rows then say 当年, which tells them from the period's.
fn funds_rows(funds: &Funds) -> Vec<(&'static str, Option<Amount>)> {
    let stated = [funds.period_total, funds.period_fiscal, funds.period_other];
    if stated.iter().all(Stated::is_absent) {
        return vec![("年度资金总额", funds.total), ("其中：财政拨款", funds.fiscal), ("其他资金", funds.other)];
    }
    let mut rows = vec![("项目资金总额", funds.period_total.into_given())];
    for (label, value) in [("其中：财政拨款", funds.period_fiscal), ("其他资金", funds.period_other)] {
        if value.is_present() {
            rows.push((label, value.into_given()));
        }
    }
    rows.extend([("年度资金总额", funds.total), ("其中：当年财政拨款", funds.fiscal), ("当年其他资金", funds.other)]);
    rows
}

/// The budget-execution block of a 自评表: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分
/// (and 偏差原因 where stated) over the 年度资金总额 row and its 其中 rows, as 财预〔2020〕10号's
/// template has it.
fn execution_block(g: &mut Grid, se: &SelfEvaluation, unit: MoneyUnit, width: u32) {
    let r = g.row;
    let reason = se.deviation_cause.is_some();
    let mut headings = vec!["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];
    if reason {
        headings.push("偏差原因");
    }
    // The row label takes whatever the figures leave.
    let label_cols = width - 1 - headings.len() as u32;
    let parts = se.budget_parts.len() as u32;
    g.put(r, 0, 2 + parts, 1, "预算执行情况", Role::Label);
    g.put(r, 1, 1, label_cols, format!("年度预算数 ({})", unit.label()), Role::Heading);
    for (i, h) in headings.into_iter().enumerate() {
        g.put(r, 1 + label_cols + i as u32, 1, 1, h, Role::Heading);
    }
    g.put(r + 1, 1, 1, label_cols, "年度资金总额", Role::Label);
    let first = 1 + label_cols;
    let amounts = [se.budget_initial, se.budget_full_year, se.spent].map(|a| a.map(|a| a.get()));
    for (i, value) in amounts.into_iter().chain([se.execution_weight.map(|w| w.get())]).enumerate() {
        g.amount(r + 1, first + i as u32, 1, value);
    }
    g.put(r + 1, first + 4, 1, 1, percent(se.execution_rate), Role::Centered);
    g.amount(r + 1, first + 5, 1, se.execution_score);
    if let Some(cause) = &se.deviation_cause {
        g.put(r + 1, first + 6, 1, 1, cause.clone(), Role::Text);
    }
    for (i, part) in se.budget_parts.iter().enumerate() {
        let row = r + 2 + i as u32;
        g.put(row, 1, 1, label_cols, part_label(i, &part.source), Role::Label);
        for (k, value) in [part.budget_initial, part.budget_full_year, part.spent].into_iter().enumerate() {
            g.amount(row, first + k as u32, 1, value);
        }
        // 分值 and 得分 are the whole block's.
        g.put(row, first + 3, 1, 1, "", Role::Centered);
        g.put(row, first + 4, 1, 1, percent(part.execution_rate), Role::Centered);
        g.put(row, first + 5, 1, 1, "", Role::Centered);
        if reason {
            g.put(row, first + 6, 1, 1, "", Role::Text);
        }
    }
    g.row = r + 2 + parts;
}

/// A 其中 row's label: the first says 其中, as the template has it.
fn part_label(i: usize, source: &str) -> String {
    if i == 0 { format!("其中：{source}") } else { source.to_owned() }
}

/// A percentage as published (`100%`), blank when not given.
fn percent(value: Option<impl Into<Decimal>>) -> String {
    value.map(Into::<Decimal>::into).map(|v| format!("{}%", v.normalize())).unwrap_or_default()
}

/// The budget block of a monitoring table (绩效目标执行监控表): 年初预算数, 全年预算数, 1–N月执行数,
/// 执行率, 全年预计执行数 and the 偏差原因 over the 年度资金总额 row.
fn monitoring_block(g: &mut Grid, m: &Monitoring, unit: MoneyUnit, width: u32) {
    let r = g.row;
    let label_cols = width - 7;
    let month = m.month.filter(|m| (1..=12).contains(m)).map_or("N".to_owned(), |m| m.to_string());
    let parts = m.budget_parts.len() as u32;
    g.put(r, 0, 2 + parts, 1, "预算执行情况", Role::Label);
    g.put(r, 1, 1, label_cols, format!("年度预算数 ({})", unit.label()), Role::Heading);
    let headings = ["年初预算数".to_owned(), "全年预算数".into(), format!("1–{month}月执行数"), "执行率".into()];
    for (i, h) in headings.into_iter().chain(["全年预计执行数".into(), "偏差原因".into()]).enumerate() {
        g.put(r, 1 + label_cols + i as u32, 1, 1, h, Role::Heading);
    }
    let first = 1 + label_cols;
    g.put(r + 1, 1, 1, label_cols, "年度资金总额", Role::Label);
    for (i, value) in [m.budget_initial, m.budget_full_year, m.spent_to_date].into_iter().enumerate() {
        g.amount(r + 1, first + i as u32, 1, value);
    }
    g.put(r + 1, first + 3, 1, 1, percent(m.execution_rate), Role::Centered);
    g.amount(r + 1, first + 4, 1, m.forecast_spent);
    let cause = match (m.cause.map(|c| c.label()), m.deviation_cause.as_deref()) {
        (Some(c), Some(t)) => format!("{c}: {t}"),
        (Some(c), None) => c.to_owned(),
        (None, Some(t)) => t.to_owned(),
        (None, None) => String::new(),
    };
    g.put(r + 1, first + 5, 1, 1, cause, Role::Text);
    for (i, part) in m.budget_parts.iter().enumerate() {
        let row = r + 2 + i as u32;
        g.put(row, 1, 1, label_cols, part_label(i, &part.source), Role::Label);
        for (k, value) in [part.budget_initial, part.budget_full_year, part.spent].into_iter().enumerate() {
            g.amount(row, first + k as u32, 1, value);
        }
        g.put(row, first + 3, 1, 1, percent(part.execution_rate), Role::Centered);
        g.amount(row, first + 4, 1, part.forecast_spent);
        g.put(row, first + 5, 1, 1, "", Role::Text);
    }
    g.row = r + 2 + parts;
}

/// 总分 under a 自评表's indicators, in the indicator block's columns as the template has it
/// (the stated total weight under 权重, the total under 得分), then 评价等级 and the
/// conclusion, problems and measures where the table states them.
fn closing_rows(g: &mut Grid, se: &SelfEvaluation, headings: &[&str], width: u32) {
    let row = g.row;
    let weight_col = headings.iter().position(|h| *h == "权重").map(|c| c as u32);
    let score_col = headings.iter().position(|h| *h == "得分").map(|c| c as u32);
    match (weight_col, score_col) {
        (Some(w), Some(sc)) if w > 0 && sc > w => {
            g.put(row, 0, 1, w, "总分", Role::Label);
            g.amount(row, w, 1, se.total_weight);
            if sc > w + 1 {
                g.put(row, w + 1, 1, sc - w - 1, "", Role::Text);
            }
            g.amount(row, sc, 1, se.total_score);
            if sc + 1 < width {
                g.put(row, sc + 1, 1, width - sc - 1, "", Role::Text);
            }
        }
        _ => {
            g.put(row, 0, 1, width - 1, "总分", Role::Label);
            g.amount(row, width - 1, 1, se.total_score);
        }
    }
    g.row = row + 1;
    let grade = se.grade.as_ref().map(|g| ("评价等级", g));
    let texts = [("评价结论", &se.conclusion), ("存在问题", &se.problems), ("改进措施", &se.improvements)];
    for (label, text) in grade.into_iter().chain(texts.into_iter().filter_map(|(l, t)| t.as_ref().map(|t| (l, t)))) {
        g.put(g.row, 0, 1, 1, label, Role::Label);
        g.put(g.row, 1, 1, width - 1, text.clone(), Role::Text);
        g.row += 1;
    }
}

/// 年度主要任务 (an extension): the tasks with their budgets, over a two-row heading, closed by
/// 金额合计.
fn tasks_block(g: &mut Grid, doc: &Document, width: u32) {
    let Some(first) = doc.tasks.first() else { return };
    let r = g.row;
    let n = doc.tasks.len() as u32;
    let content_cols = width - 5;
    let amounts = 2 + content_cols;
    g.put(r, 0, n + 2, 1, "年度主要任务", Role::Label);
    g.put(r, 1, 2, 1, "任务名称", Role::Heading);
    g.put(r, 2, 2, content_cols, "主要内容", Role::Heading);
    g.put(r, amounts, 1, 3, format!("预算金额（{}）", first.funds.unit.label()), Role::Heading);
    for (i, heading) in ["总额", "财政拨款", "其他资金"].into_iter().enumerate() {
        g.put(r + 1, amounts + i as u32, 1, 1, heading, Role::Heading);
    }
    for (i, task) in doc.tasks.iter().enumerate() {
        let row = r + 2 + i as u32;
        g.put(row, 1, 1, 1, task.name.clone(), Role::Text);
        g.put(row, 2, 1, content_cols, task.content.clone(), Role::Text);
        for (k, value) in [task.funds.total, task.funds.fiscal, task.funds.other].into_iter().enumerate() {
            g.amount(row, amounts + k as u32, 1, value);
        }
    }
    // 金额合计 as the table states it; a table that states none is not given one.
    let row = r + 2 + n;
    g.row = row;
    if let Some(total) = &doc.tasks_total {
        let unit = first.funds.unit;
        let shown = |a: Option<Amount>| a.map(|a| a.get() * total.unit.yuan() / unit.yuan());
        g.put(row, 0, 1, amounts, "金额合计", Role::Label);
        for (k, value) in [total.total, total.fiscal, total.other].into_iter().enumerate() {
            g.amount(
                row,
                amounts + k as u32,
                1,
                if total.unit == unit { value.map(Amount::get) } else { shown(value) },
            );
        }
        g.row = row + 1;
    }
}

/// 中长期目标, an extension some templates have beside the year's goals.
fn long_term_goals(g: &mut Grid, doc: &Document, rest: u32) {
    if !doc.long_term_goals.is_empty() {
        g.put(g.row, 0, 1, 1, "中长期目标", Role::Label);
        g.put(g.row, 1, 1, rest, numbered(&doc.long_term_goals), Role::Text);
        g.row += 1;
    }
}

fn indicator_block(g: &mut Grid, doc: &Document, columns: &Columns, headings: &[&str], width: u32) {
    let r = g.row;
    let last = width - 1;
    if columns.policy {
        // The department template: 一级/二级 over two heading rows, 三级指标 over three columns.
        g.put(r, 0, 2, 1, "一级指标", Role::Heading);
        g.put(r, 1, 2, 1, "二级指标", Role::Heading);
        g.put(r, 2, 1, 3, "三级指标", Role::Heading);
        for (i, h) in headings.iter().enumerate().skip(2) {
            if i < 5 {
                g.put(r + 1, i as u32, 1, 1, *h, Role::Heading);
            } else {
                g.put(r, i as u32, 2, 1, *h, Role::Heading);
            }
        }
        g.row = r + 2;
    } else {
        for (i, h) in headings.iter().enumerate() {
            let cols = if i + 1 == headings.len() { width - i as u32 } else { 1 };
            g.put(r, i as u32, 1, cols, *h, Role::Heading);
        }
        g.row = r + 1;
    }
    let first = g.row;
    let n = doc.indicators.len() as u32;
    if n == 0 {
        return;
    }
    let mut col = 0;
    if columns.category {
        g.put(first, 0, n, 1, "绩效指标", Role::Centered);
        col = 1;
    }
    // 一级 merged down its run; 二级 down its run within the same 一级.
    let l1 = runs(&doc.indicators, |a, b| a.level1 == b.level1);
    let l2 = runs(&doc.indicators, |a, b| a.level1 == b.level1 && a.level2 == b.level2);
    for (start, len) in l1 {
        g.put(first + start, col, len, 1, doc.indicators[start as usize].level1.clone(), Role::Centered);
    }
    for (start, len) in l2 {
        g.put(first + start, col + 1, len, 1, doc.indicators[start as usize].level2.clone(), Role::Centered);
    }
    for (i, ind) in doc.indicators.iter().enumerate() {
        let row = first + i as u32;
        let mut c = col + 2;
        if columns.policy {
            g.put(row, c, 1, 1, ind.policy_target.clone().unwrap_or_default(), Role::Text);
            c += 1;
        }
        g.put(row, c, 1, 1, ind.name.clone(), Role::Text);
        c += 1;
        if columns.parts {
            let parts = ind
                .target_parts
                .clone()
                .unwrap_or_else(|| jixiao_core::TargetParts { value: ind.target.clone(), ..Default::default() });
            for text in [parts.op, parts.value, parts.unit] {
                g.put(row, c, 1, 1, text, Role::Centered);
                c += 1;
            }
        } else {
            g.put(row, c, 1, 1, ind.target.clone(), Role::Centered);
            c += 1;
        }
        if columns.weight {
            g.amount(row, c, 1, ind.weight);
            c += 1;
        }
        for (on, text) in [
            (columns.polarity, ind.polarity.as_deref()),
            (columns.basis, ind.basis.as_deref()),
            (columns.history, ind.history.as_deref()),
            (columns.actual, ind.actual.as_deref()),
        ] {
            if on {
                g.put(row, c, 1, 1, text.unwrap_or_default().to_owned(), Role::Centered);
                c += 1;
            }
        }
        if columns.score {
            g.amount(row, c, 1, ind.score.into_given());
            c += 1;
        }
        if columns.monitoring.is_some() {
            let m = ind.monitoring.clone().unwrap_or_default();
            g.put(row, c, 1, 1, m.actual_to_date.unwrap_or_default(), Role::Centered);
            g.put(row, c + 1, 1, 1, m.forecast.unwrap_or_default(), Role::Centered);
            g.put(row, c + 2, 1, 1, m.cause.map(|k| k.label()).unwrap_or_default(), Role::Centered);
            c += 3;
        }
        if columns.deviation {
            g.put(row, c, 1, 1, ind.deviation_cause.clone().unwrap_or_default(), Role::Text);
            c += 1;
        }
        if columns.monitoring.is_some() {
            let likelihood = ind.monitoring.as_ref().and_then(|m| m.likelihood).map(|l| l.label());
            g.put(row, c, 1, 1, likelihood.unwrap_or_default(), Role::Centered);
            c += 1;
        }
        // The last column takes up any width the header block needs beyond the indicators.
        if c <= last {
            if let Some(cell) = g.cells.last_mut() {
                cell.cols += last + 1 - c;
            }
        }
    }
    g.row = first + n;
}

/// Runs of consecutive indicators that `same` groups: (start index, length).
fn runs(items: &[Indicator], same: impl Fn(&Indicator, &Indicator) -> bool) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match out.last_mut() {
            Some((start, len)) if same(&items[*start as usize], item) => *len += 1,
            _ => out.push((i as u32, 1)),
        }
    }
    out
}

/// How wide text is in Excel character units: CJK and full-width characters count 2.
pub fn text_width(text: &str) -> f64 {
    text.lines().map(|l| l.chars().map(|c| if (c as u32) < 0x1100 { 1.0 } else { 2.0 }).sum()).fold(0.0, f64::max)
}

/// Column widths that fit the cells of one column each (span 1), between a floor that keeps
/// headings legible and a ceiling past which text wraps instead. The header block's values
/// (rows above `block`) wrap within the widths the indicator block sets.
fn column_widths(cells: &[LayoutCell], width: u32, block: u32) -> Vec<f64> {
    const MIN: f64 = 8.0;
    const MAX: f64 = 40.0;
    let mut widths = vec![MIN; width as usize];
    let counts = |c: &&LayoutCell| c.cols == 1 && (c.role == Role::Label || c.row >= block);
    for cell in cells.iter().filter(counts) {
        // Long headings may wrap; values want their full width.
        let w = if cell.role == Role::Heading { text_width(&cell.text).min(16.0) } else { text_width(&cell.text) };
        let slot = &mut widths[cell.col as usize];
        *slot = slot.max((w + 2.0).min(MAX));
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Vec<Document> {
        jixiao_core::model::documents_from_json(include_str!("../../../../samples/ningxia-waishi-2020.expected.json"))
            .expect("seed")
    }

    fn at(l: &Layout, row: u32, col: u32) -> &LayoutCell {
        l.cells.iter().find(|c| c.row == row && c.col == col).expect("cell")
    }

    #[test]
    fn project_layout_follows_the_2020_template() {
        let docs = seed();
        let l = layout(&docs[1]);
        assert_eq!(l.width, 5);
        assert_eq!(at(&l, 0, 0).cols, 5);
        assert_eq!(at(&l, 1, 1).text, "外事出访经费");
        assert_eq!((at(&l, 4, 0).text.as_str(), at(&l, 4, 0).rows), ("项目资金 (万元)", 3));
        assert_eq!(at(&l, 4, 3).number, Some(Decimal::from(700)));
        assert!(at(&l, 7, 1).text.starts_with("(一) 保证外事出访任务圆满完成"));
        let heading: Vec<&str> = (0..5).map(|c| at(&l, 8, c).text.as_str()).collect();
        assert_eq!(heading, ["类别", "一级指标", "二级指标", "三级指标", "指标值"]);
        // 7 indicators: 绩效指标 over all, 产出指标 over 4, each 二级 alone here.
        assert_eq!(at(&l, 9, 0).rows, 7);
        assert_eq!((at(&l, 9, 1).text.as_str(), at(&l, 9, 1).rows), ("产出指标", 4));
        assert_eq!((at(&l, 13, 1).text.as_str(), at(&l, 13, 1).rows), ("效益指标", 2));
        assert_eq!(l.height, 16);
    }

    #[test]
    fn department_layout_has_three_columns_under_the_third_level() {
        let l = layout(&seed()[0]);
        assert_eq!(at(&l, 1, 0).text, "部门名称及代码");
        assert!(at(&l, 2, 1).text.starts_with("(一) 负责拟订"));
        assert_eq!((at(&l, 3, 0).rows, at(&l, 3, 2).cols), (2, 3));
        assert_eq!(at(&l, 4, 2).text, "财政政策性绩效目标");
        // 预算调剂 spans its three indicators.
        assert_eq!((at(&l, 7, 1).text.as_str(), at(&l, 7, 1).rows), ("预算调剂", 3));
        assert_eq!(at(&l, 5, 0).rows, 6);
    }

    #[test]
    fn every_grid_position_is_covered_exactly_once() {
        for doc in seed() {
            let l = layout(&doc);
            let mut seen = vec![0u8; (l.width * l.height) as usize];
            for c in &l.cells {
                for r in c.row..c.row + c.rows {
                    for k in c.col..c.col + c.cols {
                        seen[(r * l.width + k) as usize] += 1;
                    }
                }
            }
            assert!(seen.iter().all(|&n| n == 1), "{}: {seen:?}", doc.label());
        }
    }

    #[test]
    fn self_evaluation_layout_has_the_budget_block_and_the_total() {
        let docs =
            jixiao_core::model::documents_from_json(include_str!("../../../../fixtures/scoring/wrong-scores.json"))
                .expect("fixture");
        let l = layout(&docs[0]);
        // 一级 二级 三级 指标值 权重 实际完成值 得分: seven headings, eight for the budget block.
        assert_eq!(l.width, 8);
        let row = |r: u32| -> Vec<String> { l.cells.iter().filter(|c| c.row == r).map(|c| c.text.clone()).collect() };
        let heading = l.cells.iter().find(|c| c.text == "年初预算数").expect("budget heading").row;
        assert_eq!(
            row(heading)[1..],
            ["年度预算数 (万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
        );
        assert_eq!(row(heading + 1), ["年度资金总额", "202.64", "132.912", "132.912", "10", "100%", "0"]);
        assert_eq!(at(&l, heading, 0).text, "预算执行情况");
        assert_eq!(row(heading + 2)[0], "年度总体目标");
        // 总分 in the indicator columns: the stated total weight under 权重 (this table states
        // none: blank, not a sum the table never gave), 95 under 得分.
        assert_eq!(row(l.height - 2), ["总分", "", "", "95", ""]);
        let mut stated = docs[0].clone();
        stated.self_evaluation.as_mut().expect("a 自评表").total_weight = Some(100.into());
        let with_total = layout(&stated);
        let total_row: Vec<&str> =
            with_total.cells.iter().filter(|c| c.row == with_total.height - 2).map(|c| c.text.as_str()).collect();
        assert_eq!(total_row, ["总分", "100", "", "95", ""]);
        assert_eq!(row(l.height - 1), ["评价等级", "良"]);
        // Every grid position covered once, the new rows included.
        let mut seen = vec![0u8; (l.width * l.height) as usize];
        for c in &l.cells {
            for r in c.row..c.row + c.rows {
                for k in c.col..c.col + c.cols {
                    seen[(r * l.width + k) as usize] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
    }

    #[test]
    fn funds_over_the_period_come_before_the_years() {
        let docs = jixiao_core::model::documents_from_json(include_str!(
            "../../../../fixtures/layouts/declaration-form.expected.json"
        ))
        .expect("fixture");
        let l = layout(&docs[0]);
        let block = l.cells.iter().find(|c| c.text.starts_with("项目资金 (")).expect("funds block");
        assert_eq!(block.rows, 6);
        let rows: Vec<(String, String)> = (block.row..block.row + 6)
            .map(|r| {
                let texts: Vec<&str> =
                    l.cells.iter().filter(|c| c.row == r && c.col > 0).map(|c| c.text.as_str()).collect();
                (texts[0].to_owned(), texts[1].to_owned())
            })
            .collect();
        let want = [
            ("项目资金总额", "300"),
            ("其中：财政拨款", "280"),
            ("其他资金", "20"),
            ("年度资金总额", ""),
            ("其中：当年财政拨款", ""),
            ("当年其他资金", ""),
        ];
        assert_eq!(rows, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
        // A table that states only the year's funds keeps the three rows of the template.
        assert_eq!(funds_rows(&Funds::default()).len(), 3);
    }

    #[test]
    fn department_self_evaluation_has_the_budget_block() {
        let docs = jixiao_core::model::documents_from_json(include_str!(
            "../../../../fixtures/review/24_anhui-jinzhai-meili-xiangcun-ziping-2023.json"
        ))
        .expect("fixture");
        let l = layout(&docs[0]);
        let row = |r: u32| -> Vec<String> { l.cells.iter().filter(|c| c.row == r).map(|c| c.text.clone()).collect() };
        let heading = l.cells.iter().find(|c| c.text == "年初预算数").expect("budget heading").row;
        assert_eq!(at(&l, heading, 0).text, "预算执行情况");
        assert_eq!(row(heading + 1), ["年度资金总额", "329.77", "329.77", "338.31", "10", "102.59%", ""]);
        assert_eq!(row(heading + 2)[0], "年度总体目标");
    }

    #[test]
    fn monitoring_layout_has_the_execution_block_and_the_monitoring_columns() {
        let docs =
            jixiao_core::model::documents_from_json(include_str!("../../../../fixtures/scoring/monitoring-2021.json"))
                .expect("fixture");
        let l = layout(&docs[0]);
        let row = |r: u32| -> Vec<String> { l.cells.iter().filter(|c| c.row == r).map(|c| c.text.clone()).collect() };
        let budget = l.cells.iter().find(|c| c.text == "1–7月执行数").expect("budget heading").row;
        assert_eq!(row(budget + 1), ["年度资金总额", "120", "120", "31.5", "26.25%", "50", ""]);
        let heading = l.cells.iter().find(|c| c.text == "一级指标").expect("indicator heading").row;
        assert_eq!(
            row(heading),
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值",
                "1–7月实际完成值",
                "全年预计完成情况",
                "偏差原因类型",
                "偏差原因",
                "完成目标可能性"
            ]
        );
        assert_eq!(
            row(heading + 1),
            [
                "产出指标",
                "数量指标",
                "出访团组",
                "≥10个团组",
                "2个团组",
                "4个团组",
                "其他",
                "受疫情影响, 出访计划大部分取消",
                "完全不可能"
            ]
        );
        let mut seen = vec![0u8; (l.width * l.height) as usize];
        for c in &l.cells {
            for r in c.row..c.row + c.rows {
                for k in c.col..c.col + c.cols {
                    seen[(r * l.width + k) as usize] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
    }

    #[test]
    fn chinese_numbering() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(numbered(&["甲".into(), "乙".into()]), "(一) 甲\n(二) 乙");
    }
}

//! A deterministic generator of target tables in the seed's text layout (tab-separated rows
//! copied out of a PDF, with the seed's shifted columns), and in the layouts web pages give
//! (cells separated by single spaces or by nothing), for benchmarks of any size.

use std::io::{self, Write};

mod scoring;

pub use scoring::scoring_corpus;

/// The `jixiao` binary's allocator, so that the benchmarks (which link this library) measure
/// what the binary does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small, fast, deterministic pseudo-random sequence (xorshift64*), so that a corpus is the
/// same on every machine and run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const DEPARTMENTS: &[&str] = &[
    "宁夏回族自治区人民政府外事办公室",
    "自治区教育厅",
    "某市卫生健康委员会",
    "某县农业农村局",
    "某区生态环境局",
    "某市统计局",
    "某县交通运输局",
    "某市民政局",
    "某区住房和城乡建设局",
    "某市文化和旅游局",
];
const PROJECTS: &[&str] = &[
    "外事出访经费",
    "外事业务经费",
    "学校体育设施向社会免费开放",
    "基层医疗卫生机构能力建设",
    "高标准农田建设",
    "大气污染防治专项",
    "第七次全国人口普查",
    "乡村道路养护",
    "社区养老服务",
    "家庭医生签约服务",
    "农村义务教育学生营养改善计划",
    "公共文化服务体系建设",
];
const ATTRIBUTES: &[&str] = &["上年延续性项目", "新增项目", "其他项目"];
const GOALS: &[&str] = &[
    "保证外事出访任务圆满完成，做好项目对接和业务洽谈。",
    "积极宣传宁夏、推介宁夏，进一步提高宁夏影响力。",
    "提高公共体育设施利用率，健全公共体育服务长效机制。",
    "完成3家社区卫生服务站标准化建设。",
    "新建高标准农田1万亩，提高粮食综合生产能力。",
    "改善全市环境空气质量，完成省定约束性指标。",
];
const QUANTITY: &[&str] = &[
    "出访团组及人次",
    "签订项目",
    "受益学生人数",
    "新建高标准农田面积",
    "服务老年人数",
    "养护道路里程",
    "普查登记户数",
];
const QUALITY: &[&str] = &["工程验收合格率", "护照正确率、签证送签率", "监测数据有效率", "食品安全事故发生次数"];
const TIMELINESS: &[&str] = &["项目完工时间", "资金拨付时间", "公务护照回收", "当年完成项目签约及意向"];
const COST: &[&str] = &["出访费用", "培训费用", "亩均投资", "单个站点建设成本", "差旅费用", "印刷费用"];
const BENEFIT: &[&str] =
    &["吸引外资，吸引人才", "学生营养状况", "基层就诊人次占比", "宁夏国际影响力", "营养改善长效机制"];
const SATISFACTION: &[&str] = &["出访人员", "受益农户满意度", "学生及家长满意度", "居民就诊满意度", "公众满意度"];
const TARGETS: &[&str] = &[
    "大于10个团组，80人次",
    "≥90%",
    "100%",
    ">=95",
    "≤28.8万元",
    "95%以上",
    "3天以内",
    "小于7个工作日",
    "2021年12月底前",
    "大大提升",
    "持续改善",
    "≥3,500人",
    "0次",
    "不少于1.2万人",
    "大于650万元",
    "50人",
    "有所提升",
];

/// Writes tables until at least `bytes` bytes are written; the same `seed` gives the same
/// text. Returns the number of bytes, tables and indicators written.
pub fn write_corpus(out: &mut impl Write, bytes: usize, seed: u64) -> io::Result<(usize, usize, usize)> {
    let mut rng = Rng(seed.max(1));
    let mut written = 0;
    let mut tables = 0;
    let mut indicators = 0;
    let mut buf = String::with_capacity(8 * 1024);
    while written < bytes {
        buf.clear();
        indicators += project_table(&mut buf, &mut rng, None);
        out.write_all(buf.as_bytes())?;
        written += buf.len();
        tables += 1;
    }
    Ok((written, tables, indicators))
}

/// Targets that say where they begin, as the rows of web tables need (a comparator or number).
const WEB_TARGETS: &[&str] =
    &["≥90%", "100%", ">=95", "≤28.8万元", "50人", "≥3,500人", "0次", "<=475元/亩", "≥95%", "30天"];

/// Writes tables as web pages give them until at least `bytes` bytes are written: one cell
/// per line for the header fields, then the indicator header and rows with their cells
/// separated by single spaces or by nothing; every third table is a self-evaluation whose
/// whole text is one line with nothing between its cells, after a page's metadata. Returns the
/// number of bytes, tables and indicators written.
pub fn write_web_corpus(out: &mut impl Write, bytes: usize, seed: u64) -> io::Result<(usize, usize, usize)> {
    use std::fmt::Write as _;
    let mut rng = Rng(seed.max(1));
    let (mut written, mut tables, mut indicators) = (0, 0, 0);
    let mut s = String::with_capacity(8 * 1024);
    while written < bytes {
        s.clear();
        if tables % 3 == 2 {
            indicators += one_line_self_evaluation(&mut s, &mut rng);
            out.write_all(s.as_bytes())?;
            written += s.len();
            tables += 1;
            continue;
        }
        let spaced = tables % 2 == 0;
        let sep = if spaced { " " } else { "" };
        let dept = rng.pick(DEPARTMENTS);
        let _ = write!(
            s,
            "{}年项目支出绩效目标表\n项目名称\n{}\n主管部门\n{dept}\n绩效指标{sep}一级指标{sep}二级指标{sep}三级指标{sep}指标值\n",
            2018 + rng.below(8),
            rng.pick(PROJECTS),
        );
        let groups: [(&str, &str, &[&str]); 5] = [
            ("产出指标", "数量指标", QUANTITY),
            ("", "质量指标", QUALITY),
            ("", "成本指标", COST),
            ("效益指标", "社会效益指标", BENEFIT),
            ("满意度指标", "服务对象满意度指标", SATISFACTION),
        ];
        for (level1, level2, names) in groups {
            for r in 0..1 + rng.below(3) {
                let name = rng.pick(names).replace(['，', '、'], "");
                let target = rng.pick(WEB_TARGETS);
                if r == 0 {
                    for level in [level1, level2].into_iter().filter(|l| !l.is_empty()) {
                        s.push_str(level);
                        s.push_str(sep);
                    }
                }
                let _ = writeln!(s, "{name}{sep}{target}");
                indicators += 1;
            }
        }
        out.write_all(s.as_bytes())?;
        written += s.len();
        tables += 1;
    }
    Ok((written, tables, indicators))
}

/// A self-evaluation flattened onto one line with nothing between its cells (a web page's text
/// run together), after the page's metadata; returns its number of indicators.
fn one_line_self_evaluation(s: &mut String, rng: &mut Rng) -> usize {
    use std::fmt::Write as _;
    let year = 2018 + rng.below(8);
    let goal = rng.pick(GOALS);
    let _ = write!(
        s,
        "发布时间:{year}-05-06浏览次数:{}来源:{dept}附件:绩效目标自评表({year}年度)项目名称{}主管部门{dept}\
         年度总体目标年初设定目标年度总体目标完成情况综述{goal}{goal}\
         绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施",
        100 + rng.below(9000),
        rng.pick(PROJECTS),
        dept = rng.pick(DEPARTMENTS),
    );
    let groups: [(&str, &str, &[&str]); 3] = [
        ("产出指标(50分)", "数量指标", QUANTITY),
        ("效益指标(30分)", "社会效益指标", BENEFIT),
        ("满意度指标(10分)", "服务对象满意度指标", SATISFACTION),
    ];
    let mut count = 0;
    for (level1, level2, names) in groups {
        s.push_str(level1);
        s.push_str(level2);
        for _ in 0..1 + rng.below(3) {
            let name = rng.pick(names).replace(['，', '、'], "");
            // A target that ends in a digit would run into the score after it (`>=95>=9510`),
            // which no reader can split: such tables are not written.
            let target = rng.pick(WEB_TARGETS);
            let target = if target.ends_with(|c: char| c.is_ascii_digit()) { "≥95%" } else { target };
            let weight = 5 + rng.below(6);
            let _ = write!(s, "{name}{weight}{target}{target}{weight}");
            count += 1;
        }
    }
    s.push('\n');
    count
}

/// Writes `count` tables like [`write_corpus`]'s, each a different table to the store: the
/// project names are numbered (`高标准农田建设（第12号）`), since year, department and project
/// name alone give only 960 identities. Returns the number of bytes and indicators written.
pub fn write_distinct_tables(out: &mut impl Write, count: usize, seed: u64) -> io::Result<(usize, usize)> {
    DistinctTables::new(seed).write(out, count)
}

/// The tables of [`write_distinct_tables`] a part at a time, for a benchmark whose tables would
/// not all fit in memory at once: the parts written one after the other are its text.
pub struct DistinctTables {
    rng: Rng,
    /// The number of the next table's project.
    serial: usize,
}

impl DistinctTables {
    /// The tables of `seed`, from the first.
    pub fn new(seed: u64) -> DistinctTables {
        DistinctTables { rng: Rng(seed.max(1)), serial: 1 }
    }

    /// Writes the next `count` tables; returns the number of bytes and indicators written.
    pub fn write(&mut self, out: &mut impl Write, count: usize) -> io::Result<(usize, usize)> {
        let mut written = 0;
        let mut indicators = 0;
        let mut buf = String::with_capacity(8 * 1024);
        for _ in 0..count {
            buf.clear();
            indicators += project_table(&mut buf, &mut self.rng, Some(self.serial));
            self.serial += 1;
            out.write_all(buf.as_bytes())?;
            written += buf.len();
        }
        Ok((written, indicators))
    }
}

/// One project table in the seed's layout, its project numbered when `serial` is given;
/// returns its number of indicators.
fn project_table(s: &mut String, rng: &mut Rng, serial: Option<usize>) -> usize {
    use std::fmt::Write as _;
    let year = 2018 + rng.below(8);
    let dept = rng.pick(DEPARTMENTS);
    let total = 10 + rng.below(2000);
    let other = if rng.below(4) == 0 { rng.below(total / 2 + 1) } else { 0 };
    // Drawn where it always was, so that `write_corpus` gives the same text as before.
    let project = rng.pick(PROJECTS);
    let project = match serial {
        Some(n) => format!("{project}（第{n}号）"),
        None => project.to_owned(),
    };
    let _ = write!(
        s,
        "\n{year}年{dept}项目支出预算绩效目标表\n\n项目名称\t{}\t\t\t\n主管部门\t{dept}\t实施单位\t{dept}\t\n\
         项目属性\t{}\t\t项目期\t{}年-{}年\n项目资金 (万元)\t年度资金总额\t\t{total}\t\n\t其中：财政拨款\t\t{}\t\n\
         \t其他资金\t\t{other}\t\n绩效目标\t(一) {} (二) {}\t\t\t\n类别\t一级指标\t二级指标\t三级指标\t指标值\n",
        project,
        rng.pick(ATTRIBUTES),
        year - 1,
        year + 1,
        total - other,
        rng.pick(GOALS),
        rng.pick(GOALS),
    );
    let mut count = 0;
    let groups: [(&str, &str, &[&str]); 6] = [
        ("产出指标", "数量指标", QUANTITY),
        ("", "质量指标", QUALITY),
        ("", "时效指标", TIMELINESS),
        ("", "成本指标", COST),
        ("效益指标", "社会效益指标", BENEFIT),
        ("满意度指标", "服务对象满意度指标", SATISFACTION),
    ];
    for (i, (level1, level2, names)) in groups.iter().enumerate() {
        let rows = 1 + rng.below(3);
        for r in 0..rows {
            let (l1, l2) = if r == 0 { (*level1, *level2) } else { ("", "") };
            let category = if i == 0 && r == 0 { "绩效指标" } else { "" };
            let name = rng.pick(names);
            let target = rng.pick(TARGETS);
            // Now and then a row shifted as in the seed: the name in the 二级 column.
            if r > 0 && rng.below(8) == 0 {
                let _ = writeln!(s, "\t\t{name}\t\t{target}");
            } else {
                let _ = writeln!(s, "{category}\t{l1}\t{l2}\t{name}\t{target}");
            }
            count += 1;
        }
    }
    count
}

/// CPU time (user + system) this process has used, from /proc (0 where unavailable): on a busy
/// machine wall time overstates a benchmark's cost, CPU time is its single-core figure.
pub fn cpu_seconds() -> f64 {
    let (user, system) = user_and_system_seconds();
    user + system
}

/// CPU time this process has used so far in seconds, in its own code and in the kernel on its
/// behalf, from /proc (0 where unavailable; 10 ms resolution).
pub fn user_and_system_seconds() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the file, 12 and 13 after the name; 100 ticks/s.
    (ticks(11) / 100.0, ticks(12) / 100.0)
}

/// The process's peak resident memory so far in KB, from /proc (0 where unavailable).
pub fn peak_rss_kb() -> u64 {
    status_kb("VmHWM:")
}

/// CPU time all threads of this process now alive have used, in seconds to the nanosecond (from
/// each thread's `schedstat`; 0 where unavailable): for phases too short for [`cpu_seconds`]'s
/// 10 ms ticks, such as one list query.
pub fn threads_cpu_seconds() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return 0.0 };
    let mut ns = 0u64;
    for task in tasks.flatten() {
        let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
        ns += stat.split_whitespace().next().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    }
    ns as f64 / 1e9
}

/// The process's resident memory now in KB, from /proc (0 where unavailable).
pub fn rss_kb() -> u64 {
    status_kb("VmRSS:")
}

/// Starts the peak of [`peak_rss_kb`] again from the memory resident now (Linux's
/// `clear_refs`), so that one phase of a benchmark gets a peak of its own. Returns whether the
/// system allowed it.
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_is_deterministic_and_reads_back() {
        let mut a = Vec::new();
        let (bytes, tables, indicators) = write_corpus(&mut a, 200_000, 7).expect("in memory");
        let mut b = Vec::new();
        write_corpus(&mut b, 200_000, 7).expect("in memory");
        assert_eq!(a, b);
        assert_eq!(bytes, a.len());
        let mut docs = 0;
        let mut read_indicators = 0;
        let mut warnings = 0;
        for item in jixiao_tables::read_text("corpus", std::io::Cursor::new(a)).expect("opens") {
            match item.expect("reads") {
                jixiao_tables::Item::Document(d) => {
                    docs += 1;
                    read_indicators += d.document.indicators.len();
                }
                jixiao_tables::Item::Diagnostic(d) => warnings += usize::from(d.loses_input()),
            }
        }
        assert_eq!((docs, read_indicators, warnings), (tables, indicators, 0));
    }

    #[test]
    fn distinct_tables_read_back_each_with_its_own_project() {
        let mut text = Vec::new();
        let (bytes, indicators) = write_distinct_tables(&mut text, 300, 7).expect("in memory");
        assert_eq!(bytes, text.len());
        let mut names = std::collections::BTreeSet::new();
        let mut read_indicators = 0;
        for item in jixiao_tables::read_text("corpus", std::io::Cursor::new(text)).expect("opens") {
            if let jixiao_tables::Item::Document(d) = item.expect("reads") {
                read_indicators += d.document.indicators.len();
                names.insert(d.document.label().to_owned());
            }
        }
        assert_eq!((names.len(), read_indicators), (300, indicators));
        for n in [1, 150, 300] {
            let suffix = format!("（第{n}号）");
            assert_eq!(names.iter().filter(|name| name.ends_with(&suffix)).count(), 1, "{suffix}");
        }
    }

    #[test]
    fn distinct_tables_written_in_parts_are_the_same_text() {
        let mut whole = Vec::new();
        let (bytes, indicators) = write_distinct_tables(&mut whole, 120, 7).expect("in memory");
        let mut tables = DistinctTables::new(7);
        let mut parts = Vec::new();
        let mut counted = (0, 0);
        for n in [50, 1, 69] {
            let (b, i) = tables.write(&mut parts, n).expect("in memory");
            counted = (counted.0 + b, counted.1 + i);
        }
        assert_eq!(counted, (bytes, indicators));
        assert!(parts == whole, "the parts differ from the whole");
    }
}

#[cfg(test)]
mod web_tests {
    use jixiao_tables::{Item, read_text};

    #[test]
    fn web_corpus_reads_back_whole() {
        let mut text = Vec::new();
        let (_, tables, indicators) = super::write_web_corpus(&mut text, 200_000, 7).expect("writes");
        let (mut docs, mut read) = (0, 0);
        for item in read_text("web.txt", std::io::Cursor::new(text)).expect("opens") {
            if let Item::Document(d) = item.expect("reads") {
                docs += 1;
                read += d.document.indicators.len();
            }
        }
        assert_eq!((docs, read), (tables, indicators));
        assert!(tables > 100);
    }
}

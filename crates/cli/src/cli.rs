//! The command line: subcommands, their flags and their help texts with examples.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// jixiao (绩效): 读取、审核、发布预算绩效目标表 — read, review and publish budget performance
/// target tables.
#[derive(Debug, Parser)]
#[command(name = "jixiao", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 解析一个指标值 — parse one target (指标值) and print it as JSON.
    #[command(
        after_help = "示例 / Example:\n  jixiao target '大于10个团组，80人次'\n  jixiao target --canonical '≥９０％'"
    )]
    Target(TargetArgs),

    /// 转换绩效目标表 — read tables and write them in another format.
    #[command(
        after_help = "示例 / Example:\n  jixiao convert samples/ningxia-waishi-2020.expected.json\n  jixiao convert a.json b.json --to jsonl -o all.jsonl\n  jixiao convert 绩效目标表.xlsx --to csv --excel -o 指标.csv\n  jixiao convert tables.json --to xlsx -o 绩效目标表.xlsx\n  jixiao convert tables.json --to html -o 绩效目标表.html"
    )]
    Convert(ConvertArgs),

    /// 审核绩效目标表 — review tables the way a careful finance-bureau reviewer would.
    ///
    /// Exit code 0: no errors; 1: errors found (审核未通过); 2: an input or the configuration
    /// could not be read.
    #[command(
        after_help = "示例 / Example:\n  jixiao review samples/ningxia-waishi-2020.expected.json\n  jixiao review tables/*.json --format html -o review.html\n  jixiao review a.json --config jixiao.toml --format json\n\n配置 / Configuration: --config FILE, or jixiao.toml in the current directory (see docs/review.md)."
    )]
    Review(ReviewArgs),

    /// 绩效自评评分 — score self-evaluation tables (自评表) by the rules of 财预〔2020〕10号 and
    /// check their published scores.
    ///
    /// Exit code 0: every published score agrees with the rules; 1: a published score, total,
    /// grade or execution figure disagrees; 2: an input or the profile could not be read.
    #[command(
        after_help = "示例 / Example:\n  jixiao score 自评表.xlsx\n  jixiao score tables/*.json --format json\n  jixiao score 自评表.txt --profile decision-management\n  jixiao score 自评表.json --profile 我省评分方案.toml --format html -o 评分.html\n\n评分方案 / Profiles: default (10号), decision-management (决策10/管理25/产出30/效益35), or a TOML file (see docs/scoring.md)."
    )]
    Score(ScoreArgs),

    /// 绩效运行监控 — traffic lights for budget execution and indicators at month N, and the
    /// deviation causes a light that is not green requires.
    ///
    /// Exit code 0: every table that is off track says why; 1: a deviation cause is missing;
    /// 2: an input or the profile could not be read.
    #[command(
        after_help = "示例 / Example:\n  jixiao monitor 监控表.json --month 7\n  jixiao monitor tables/*.json --month 8 --format json"
    )]
    Monitor(MonitorArgs),

    /// 跨年度对比 — set each table against the same department's same table of the nearest
    /// earlier year among the files: indicators kept, added and dropped, targets raised or
    /// lowered, and new targets below what the earlier year achieved.
    ///
    /// Exit code 0: compared; 2: an input could not be read, or no table has another year's
    /// counterpart among the files.
    #[command(
        after_help = "示例 / Example:\n  jixiao compare 2021年/外事友城业务费.xlsx 2022年/外事友城业务费.xlsx\n  jixiao compare 2021年/*.xlsx 2022年/*.xlsx 2023年/*.json --format json\n\n表的对应 / Pairing: the same department, kind and project name (or code), in different years; a target table is set against the earlier year's target table, or its self-evaluation when that is all the files hold."
    )]
    Compare(CompareArgs),

    /// 列出审核规则 — list every review rule with its code, severity, dimension and explanation.
    #[command(
        after_help = "示例 / Example:\n  jixiao rules\n  jixiao rules --format json\n  jixiao rules --config jixiao.toml"
    )]
    Rules(RulesArgs),

    /// 导入绩效目标表到数据库 — read, review and store tables (each file whole or not at all).
    ///
    /// Exit code 0: all files imported; 1: imported, but the review found errors; 2: a file could
    /// not be read or stored (the other files still go in).
    #[command(
        after_help = "示例 / Example:\n  jixiao import samples/ningxia-waishi-2020.txt\n  jixiao import 表/*.xlsx --db postgres://jixiao@127.0.0.1/jixiao\n  jixiao import 新表.txt --dry-run\n\n数据库 / Store: --db, or JIXIAO_DB, or jixiao.db in the current directory."
    )]
    Import(ImportArgs),

    /// 从数据库导出绩效目标表 — write stored tables through the writers, streaming.
    #[command(
        after_help = "示例 / Example:\n  jixiao export --to json\n  jixiao export --year 2020 --status published --to xlsx -o 2020年公开.xlsx\n  jixiao export --department 宁夏回族自治区人民政府外事办公室 --to csv --excel -o 指标.csv"
    )]
    Export(ExportArgs),

    /// 列出数据库中的表 — list stored tables: id, year, department, project, status, grade, findings.
    #[command(
        after_help = "示例 / Example:\n  jixiao tables\n  jixiao tables --year 2020 --status draft --search 出访"
    )]
    Tables(TablesArgs),

    /// 启动网页应用 — serve the web application (pages and the JSON API).
    #[command(
        after_help = "示例 / Example:\n  jixiao serve --demo\n  jixiao serve --db postgres://jixiao@127.0.0.1/jixiao --addr 0.0.0.0:8080"
    )]
    Serve(ServeArgs),

    /// 管理用户 — manage the web application's users.
    #[command(subcommand)]
    User(UserCommand),

    /// 输出交换格式的 JSON Schema — print the JSON Schema of the interchange format.
    #[command(after_help = "示例 / Example:\n  jixiao schema > jixiao.schema.json\n  jixiao schema --of target")]
    Schema(SchemaArgs),
}

#[derive(Debug, clap::Args)]
pub struct TargetArgs {
    /// 指标值文本 — the target text, e.g. `≥90%`.
    pub text: String,
    /// 只输出规范写法 — print only the canonical one-line rendering.
    #[arg(long)]
    pub canonical: bool,
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// 输入文件 — input files: interchange .json, spreadsheets (.xlsx, .xls, .ods; a sheet saved
    /// as .csv), PDF (.pdf, read from the pages' ruling lines and text), or text copied from
    /// published tables (.txt; UTF-8, UTF-16 or GB18030); `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 输出格式 (默认按 -o 的扩展名 .jsonl/.csv/.xlsx/.html, 否则 json) — output format (default:
    /// from the -o file's extension, else json).
    #[arg(long, value_enum)]
    pub to: Option<OutputFormat>,
    /// 输出文件 (默认或 `-` 为标准输出) — output file (default, or `-`: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// 有未能归入表格的内容时报错 (退出码 1) — fail (exit 1) when any input could not be placed.
    #[arg(long)]
    pub strict: bool,
    /// CSV 加 UTF-8 BOM, 供 Excel 直接打开 — start CSV with a UTF-8 byte-order mark so that Excel
    /// reads Chinese text right.
    #[arg(long)]
    pub excel: bool,
    /// xlsx 每个工作表放几张表 (默认 1) — tables per sheet in xlsx, one under another.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub tables_per_sheet: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// 交换格式 JSON 数组 — a JSON array of documents.
    Json,
    /// 每行一个文档 — JSON Lines, one document per line.
    Jsonl,
    /// 每行一个指标的扁平数据 (列见 docs/csv.md) — CSV, one row per indicator.
    Csv,
    /// 官方样式的 Excel 工作簿, 每表一个工作表 (需 -o) — an Excel workbook in the official layout.
    Xlsx,
    /// 可打印的网页, 官方样式 — a self-contained, print-ready HTML page.
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// 输入文件 — input files (any supported format; `-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 报告格式 — report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// 配置文件 (默认当前目录下的 jixiao.toml) — configuration file (default: ./jixiao.toml if present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// 输出文件 (默认标准输出) — output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// 编译器风格的文本 — compiler-style text, one finding per line with a hint.
    Text,
    /// 稳定的 JSON 结构 (见 docs/review.md) — JSON of a documented, stable shape.
    Json,
    /// 可打印的 HTML 页面 — one self-contained printable HTML page.
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// 输入文件 — input files (any supported format; `-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 评分方案: 内置名称或 TOML 文件 — scoring profile: a built-in name or a TOML file.
    #[arg(long)]
    pub profile: Option<String>,
    /// 报告格式 — report format.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
    pub format: ScoreFormat,
    /// 输出文件 (默认标准输出) — output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// 输入文件, 各年度的表 — input files holding the tables of several years (any supported
    /// format; `-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 报告格式 — report format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,
    /// 输出文件 (默认标准输出) — output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// 文本: 每张表一段, 每个有变化的指标一行 — text: a paragraph per table, a line per change.
    Text,
    /// JSON: 每个指标的对比 — JSON: every indicator's comparison.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct MonitorArgs {
    /// 输入文件 — input files (any supported format; `-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 数据截至几月 (默认取表中所写, 否则评分方案的月份, 7) — the month the data runs to.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=12))]
    pub month: Option<u8>,
    /// 评分方案 (其中的亮灯阈值): 内置名称或 TOML 文件 — profile whose light thresholds apply.
    #[arg(long)]
    pub profile: Option<String>,
    /// 报告格式 — report format.
    #[arg(long, value_enum, default_value_t = MonitorFormat::Text)]
    pub format: MonitorFormat,
    /// 输出文件 (默认标准输出) — output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// 文本: 每个指标的得分和计算过程, 不符之处按编译器风格列出 — text: each score with its
    /// working, disagreements compiler-style.
    Text,
    /// 稳定的 JSON 结构 (见 docs/scoring.md) — JSON of a documented, stable shape.
    Json,
    /// 可打印的 HTML 页面 — one self-contained printable HTML page.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MonitorFormat {
    /// 文本: 每张表的亮灯和计算过程 — text: each table's lights with their working.
    Text,
    /// 稳定的 JSON 结构 (见 docs/scoring.md) — JSON of a documented, stable shape.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// 输出格式 — output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
    /// 按此配置显示规则的启用状态和等级 — show rules as this configuration sets them.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// 文本 — a text table.
    Text,
    /// JSON — a JSON array.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// 哪个模式 — which schema.
    #[arg(long = "of", value_enum, default_value_t = SchemaOf::Document)]
    pub of: SchemaOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaOf {
    /// 绩效目标表 (交换格式) — the interchange format.
    Document,
    /// 解析后的指标值 — a parsed target.
    Target,
    /// 审核报告 — the report of `jixiao review --format json`.
    Report,
}

/// Where the store is.
#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// 数据库 (默认 jixiao.db) — the store: `sqlite:PATH`, a path, or `postgres://USER@HOST/DB`.
    #[arg(long, env = "JIXIAO_DB", default_value = "jixiao.db", hide_env_values = true)]
    pub db: String,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// 输入文件 — input files (any supported format; `-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// 只显示将新建、更新或不变的表及审核结果, 不写入 — say what would happen; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// 审核配置文件 (默认当前目录下的 jixiao.toml) — review configuration.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// 几个文件合为一次提交, 约到这么多张表为止 (每个文件仍是全部写入或全不写入; 1 则每个文件单独提交)
    /// — commit after about this many tables (each file still whole or not at all).
    #[arg(long, default_value_t = jixiao_store::IMPORT_BATCH_TABLES, value_name = "TABLES")]
    pub commit_every: usize,
}

/// Which stored tables a command takes.
#[derive(Debug, clap::Args)]
pub struct FilterArgs {
    /// 预算年度 — budget year.
    #[arg(long)]
    pub year: Option<i32>,
    /// 部门名称 — department name, exactly.
    #[arg(long)]
    pub department: Option<String>,
    /// 状态 — workflow status.
    #[arg(long, value_parser = ["draft", "submitted", "returned", "approved", "published"])]
    pub status: Option<String>,
    /// 表类型 — table kind.
    #[arg(long, value_parser = ["project", "department"])]
    pub kind: Option<String>,
    /// 审核等级 — grade (优, 良, 中, 差).
    #[arg(long, value_parser = ["优", "良", "中", "差"])]
    pub grade: Option<String>,
    /// 在项目名称和指标中查找 — text to find in project names and indicators.
    #[arg(long)]
    pub search: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// 只导出已公开的版本 — only published tables, as published.
    #[arg(long)]
    pub published: bool,
    /// 输出格式 — output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub to: OutputFormat,
    /// 输出文件 (默认标准输出) — output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// CSV 加 UTF-8 BOM, 供 Excel 直接打开 — start CSV with a byte-order mark for Excel.
    #[arg(long)]
    pub excel: bool,
}

#[derive(Debug, clap::Args)]
pub struct TablesArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// 最多显示几行 (默认 50) — rows to show.
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
    /// 输出 JSON — print JSON instead of a text table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// 监听地址 — address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// 演示模式: 临时数据库, 载入样例和演示用户 — demo mode: a fresh temporary store with the
    /// sample, the fixtures and one user per role (password `demo`).
    #[arg(long)]
    pub demo: bool,
    /// 审核配置文件 — review configuration.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// 新建用户; 密码从终端或标准输入读取 — add a user; the password is read from the terminal
    /// or from standard input, never from the command line.
    #[command(
        after_help = "示例 / Example:\n  jixiao user add caizheng --role reviewer\n  jixiao user add waishi --role officer --department 宁夏回族自治区人民政府外事办公室\n  printf '%s\\n' \"$PASSWORD\" | jixiao user add admin2 --role admin"
    )]
    Add(UserAddArgs),
}

#[derive(Debug, clap::Args)]
pub struct UserAddArgs {
    /// 用户名 — login name.
    pub name: String,
    /// 角色 — role.
    #[arg(long, value_parser = ["officer", "reviewer", "admin"])]
    pub role: String,
    /// 部门 (部门填报人员必填) — the officer's department.
    #[arg(long)]
    pub department: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

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

    /// 列出审核规则 — list every review rule with its code, severity, dimension and explanation.
    #[command(
        after_help = "示例 / Example:\n  jixiao rules\n  jixiao rules --format json\n  jixiao rules --config jixiao.toml"
    )]
    Rules(RulesArgs),

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
    /// 输出格式 — output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub to: OutputFormat,
    /// 输出文件 (默认标准输出) — output file (default: standard output).
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
}

//! Text from placed characters: characters on one baseline make a line, read left to right; a
//! cell's lines are joined by position (a line that stops short of the cell's right side ends
//! a paragraph, one that fills it wrapped).

use jixiao_core::text::fold;
use jixiao_pdf::Glyph;

/// One line of text, with its extent.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// The largest character size on the line.
    pub size: f32,
    /// The width the line's start needs on the line above: its first character, with the
    /// punctuation that may not begin a line (`员。` moves down as one).
    pub lead: f32,
}

/// Groups characters into lines, top to bottom. Characters belong to one line when their
/// vertical centres are within half a character of the line's.
pub fn lines(glyphs: &[&Glyph]) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match groups.last_mut() {
            Some(group) if (g.cy() - centre(group)).abs() <= 0.5 * g.size.max(group[0].size) => group.push(g),
            _ => groups.push(vec![g]),
        }
    }
    groups.into_iter().filter_map(line).collect()
}

fn centre(group: &[&Glyph]) -> f32 {
    group.iter().map(|g| g.cy()).sum::<f32>() / group.len() as f32
}

fn line(mut group: Vec<&Glyph>) -> Option<Line> {
    group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut text = String::new();
    let mut last_x1: Option<f32> = None;
    let size = group.iter().map(|g| g.size).fold(0.0, f32::max);
    for g in &group {
        // A gap wider than a quarter of the size is a space the PDF did not draw.
        if let Some(x1) = last_x1 {
            if g.x0 - x1 > 0.25 * g.size && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        for c in g.text.chars() {
            push_ideograph(&mut text, c);
        }
        last_x1 = Some(g.x1);
    }
    let trimmed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead = lead_width(&group);
    if trimmed.is_empty() {
        return None;
    }
    Some(Line {
        text: trimmed,
        x0: group.first()?.x0,
        // Spaces at a line's end hang past the cell's side: the line ends at its last mark.
        x1: group.iter().filter(|g| !g.text.trim().is_empty()).map(|g| g.x1).fold(f32::MIN, f32::max),
        top: group.iter().map(|g| g.top).fold(f32::MAX, f32::min),
        bottom: group.iter().map(|g| g.bottom).fold(f32::MIN, f32::max),
        size,
        lead,
    })
}

/// The width of a line's first unbreakable piece: an ASCII word, a character with the
/// punctuation after it that may not begin a line, an opening bracket with what follows.
fn lead_width(group: &[&Glyph]) -> f32 {
    let Some(first) = group.first() else { return 0.0 };
    let mut end = first.x1;
    for pair in group.windows(2) {
        let (a, b) = (first_char(pair[0]), first_char(pair[1]));
        let joined =
            (a.is_ascii_graphic() && b.is_ascii_graphic()) || no_break_before(b) || "(（“‘《【「『".contains(a);
        if !joined || b.is_whitespace() {
            break;
        }
        end = pair[1].x1;
    }
    end - first.x0
}

fn first_char(g: &Glyph) -> char {
    g.text.chars().next().unwrap_or(' ')
}

/// Punctuation that a line may not begin with (the line breaker carries the character before
/// it down with it).
fn no_break_before(c: char) -> bool {
    "。，、；：？！）」』】》”’.,;:?!)%".contains(c)
}

/// Appends `c`, with the radicals and compatibility ideographs that PDF fonts map ideographs
/// to read as the ideographs they show. Punctuation stays as printed (`，` is not `,`): cell
/// text is verbatim, as the other readers give it.
fn push_ideograph(out: &mut String, c: char) {
    match c as u32 {
        0x2E80..=0x2EFF => out.push(radical(c)),
        0x2F00..=0x2FDF | 0xF900..=0xFAFF => out.push_str(&fold(c.encode_utf8(&mut [0; 4]))),
        _ => out.push(c),
    }
}

/// The CJK Radicals Supplement characters that PDF fonts map ideographs to (Chromium's CJK
/// subsets give `部⻔` for 部门), as the ordinary ideograph: NFKC folds the Kangxi radicals
/// (`⽬` → 目) but has no mapping for these. From Unicode's EquivalentUnifiedIdeograph.txt.
fn radical(c: char) -> char {
    const MAP: &[(char, char)] = &[
        ('⺁', '厂'),
        ('⺅', '亻'),
        ('⺊', '卜'),
        ('⺌', '小'),
        ('⺒', '巳'),
        ('⺓', '幺'),
        ('⺖', '忄'),
        ('⺘', '扌'),
        ('⺙', '攵'),
        ('⺜', '日'),
        ('⺝', '月'),
        ('⺟', '母'),
        ('⺠', '民'),
        ('⺡', '氵'),
        ('⺣', '灬'),
        ('⺨', '犭'),
        ('⺩', '王'),
        ('⺬', '示'),
        ('⺭', '礻'),
        ('⺮', '竹'),
        ('⺰', '纟'),
        ('⺼', '月'),
        ('⺾', '艹'),
        ('⻁', '虎'),
        ('⻂', '衤'),
        ('⻄', '西'),
        ('⻅', '见'),
        ('⻆', '角'),
        ('⻈', '讠'),
        ('⻉', '贝'),
        ('⻊', '足'),
        ('⻋', '车'),
        ('⻏', '阝'),
        ('⻐', '钅'),
        ('⻑', '長'),
        ('⻓', '长'),
        ('⻔', '门'),
        ('⻖', '阝'),
        ('⻗', '雨'),
        ('⻘', '青'),
        ('⻙', '韦'),
        ('⻚', '页'),
        ('⻛', '风'),
        ('⻜', '飞'),
        ('⻝', '食'),
        ('⻠', '饣'),
        ('⻢', '马'),
        ('⻣', '骨'),
        ('⻤', '鬼'),
        ('⻥', '鱼'),
        ('⻦', '鸟'),
        ('⻧', '卤'),
        ('⻨', '麦'),
        ('⻩', '黄'),
        ('⻪', '黾'),
        ('⻬', '齐'),
        ('⻮', '齿'),
        ('⻰', '龙'),
        ('⻳', '龟'),
    ];
    if !('\u{2E80}'..='\u{2EFF}').contains(&c) {
        return c;
    }
    MAP.binary_search_by_key(&c, |&(r, _)| r).map_or(c, |i| MAP[i].1)
}

/// The text of one cell from its lines (top to bottom). A line wrapped when the start of the
/// next would not have fitted after it (the cell's right side taken as its longest line's
/// end): the next line continues it. Otherwise the line ended its paragraph (a new line in the
/// cell). A line starting a numbered item (`(二)`, `2.`) always starts a new paragraph.
pub fn cell_text(lines: &[Line]) -> String {
    let right = lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            let prev = &lines[i - 1];
            // The side is at least the longest line's end, and a little past it.
            let wrapped = prev.x1 + l.lead > right - 0.25 * l.size && !starts_item(&l.text);
            if !wrapped {
                out.push('\n');
            } else if ends_word(&out) && starts_word(&l.text) {
                out.push(' ');
            }
        }
        out.push_str(&l.text);
    }
    out
}

fn ends_word(text: &str) -> bool {
    text.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
}

fn starts_word(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Whether a line starts a numbered item: `(一)`, `（二）`, `1.`, `2、`, `一、`.
pub fn starts_item(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('(' | '（') => {
            let inner: String = chars.by_ref().take_while(|&c| c != ')' && c != '）').collect();
            !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        }
        Some(c) if c.is_ascii_digit() || "一二三四五六七八九十".contains(c) => {
            let rest =
                chars.as_str().trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
            rest.starts_with(['.', '、', '．'])
                && !rest[rest.chars().next().map_or(0, char::len_utf8)..].starts_with(|c: char| c.is_ascii_digit())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f32, top: f32) -> Glyph {
        Glyph { text: text.into(), x0, x1: x0 + 10.0, top, bottom: top + 10.0, size: 10.0 }
    }

    #[test]
    fn characters_make_lines_and_kangxi_radicals_fold() {
        let g = [glyph("⽬", 10.0, 0.0), glyph("标", 20.0, 0.5), glyph("⻔", 0.0, 20.0), glyph("A", 60.0, 20.0)];
        let refs: Vec<&Glyph> = g.iter().collect();
        let l = lines(&refs);
        assert_eq!(l.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), vec!["目标", "门 A"]);
    }

    #[test]
    fn wrapped_lines_join_and_short_lines_end_a_paragraph() {
        let line = |text: &str, x1: f32| Line {
            text: text.into(),
            x0: 0.0,
            x1,
            top: 0.0,
            bottom: 10.0,
            size: 10.0,
            lead: 10.0,
        };
        assert_eq!(cell_text(&[line("完成出访任务", 100.0), line("组。", 20.0)]), "完成出访任务组。");
        // Ends 8 short of the right: the next line's first character (10 wide) did not fit.
        assert_eq!(
            cell_text(&[line("很长的一行", 92.0), line("满满的一行文字", 100.0), line("字", 10.0)]),
            "很长的一行满满的一行文字字"
        );
        assert_eq!(cell_text(&[line("短句。", 30.0), line("另一段文字很长", 100.0)]), "短句。\n另一段文字很长");
        assert_eq!(
            cell_text(&[line("(一)第一项内容很长", 100.0), line("(二)第二项", 50.0)]),
            "(一)第一项内容很长\n(二)第二项"
        );
        assert!(!starts_item("1.5万元"));
        assert!(starts_item("2、完成"));
    }
}

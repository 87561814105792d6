//! The output device pdf-extract drives: it keeps each character's box and turns stroked and
//! filled paths into horizontal and vertical rules.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use crate::{Glyph, Page, Rule};

/// A rectangle thinner than this (in points) is a line, not a cell.
const THIN: f64 = 3.0;
/// How far from axis-aligned a segment may be and still be a rule.
const SLANT: f64 = 0.5;

/// Collects one page.
#[derive(Default)]
pub struct Device {
    height: f64,
    width: f64,
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
}

impl Device {
    pub fn finish(self, number: u32) -> Page {
        Page {
            number,
            width: self.width as f32,
            height: self.height as f32,
            glyphs: self.glyphs,
            rules: self.rules,
            has_images: false,
        }
    }

    /// Page coordinates (origin top left, y down) of a user-space point.
    fn point(&self, ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
        (px, self.height - py)
    }

    fn segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        if (a.1 - b.1).abs() <= SLANT && (a.0 - b.0).abs() > SLANT {
            let (from, to) = (a.0.min(b.0), a.0.max(b.0));
            self.rules.push(Rule {
                horizontal: true,
                at: ((a.1 + b.1) / 2.0) as f32,
                from: from as f32,
                to: to as f32,
            });
        } else if (a.0 - b.0).abs() <= SLANT && (a.1 - b.1).abs() > SLANT {
            let (from, to) = (a.1.min(b.1), a.1.max(b.1));
            self.rules.push(Rule {
                horizontal: false,
                at: ((a.0 + b.0) / 2.0) as f32,
                from: from as f32,
                to: to as f32,
            });
        }
    }

    /// A drawn rectangle (corners in page coordinates): a thin one is a line; a larger one gives
    /// its four edges when stroked, and nothing when filled: a filled area is a background (the
    /// page's white, a shaded header), and its colour is not known (pdf-extract does not track
    /// `rg`/`g`), while the borders around it are drawn on their own.
    fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, filled: bool) {
        let (x0, x1) = (x0.min(x1), x0.max(x1));
        let (y0, y1) = (y0.min(y1), y0.max(y1));
        let (w, h) = (x1 - x0, y1 - y0);
        if w <= THIN && h <= THIN {
            return;
        }
        if h <= THIN {
            let y = (y0 + y1) / 2.0;
            self.segment((x0, y), (x1, y));
        } else if w <= THIN {
            let x = (x0 + x1) / 2.0;
            self.segment((x, y0), (x, y1));
        } else if !filled {
            self.segment((x0, y0), (x1, y0));
            self.segment((x0, y1), (x1, y1));
            self.segment((x0, y0), (x0, y1));
            self.segment((x1, y0), (x1, y1));
        }
    }

    fn path(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let mut start = None;
        let mut current = None;
        // A filled path of straight lines is taken as the rectangle around it when it is one.
        let mut points: Vec<(f64, f64)> = Vec::new();
        let mut curved = false;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    let p = self.point(ctm, x, y);
                    start = Some(p);
                    current = Some(p);
                    points.push(p);
                }
                PathOp::LineTo(x, y) => {
                    let p = self.point(ctm, x, y);
                    if let (Some(c), false) = (current, filled) {
                        self.segment(c, p);
                    }
                    current = Some(p);
                    points.push(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => {
                    curved = true;
                    current = Some(self.point(ctm, x, y));
                }
                PathOp::Rect(x, y, w, h) => {
                    let a = self.point(ctm, x, y);
                    let b = self.point(ctm, x + w, y + h);
                    self.rect(a.0, a.1, b.0, b.1, filled);
                }
                PathOp::Close => {
                    if let (Some(c), Some(s), false) = (current, start, filled) {
                        self.segment(c, s);
                    }
                    current = start;
                }
            }
        }
        if filled && !curved && points.len() >= 3 {
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in &points {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let on_corner = |&(x, y): &(f64, f64)| {
                ((x - x0).abs() < SLANT || (x - x1).abs() < SLANT) && ((y - y0).abs() < SLANT || (y - y1).abs() < SLANT)
            };
            if points.iter().all(on_corner) {
                self.rect(x0, y0, x1, y1, true);
            }
        }
    }
}

/// Whether a colour is white (or nearly): white fills are backgrounds, not rules.
fn is_white(colorspace: &ColorSpace, color: &[f64]) -> bool {
    match colorspace {
        ColorSpace::DeviceGray | ColorSpace::CalGray(_) | ColorSpace::DeviceRGB | ColorSpace::CalRGB(_) => {
            !color.is_empty() && color.iter().all(|&c| c >= 0.95)
        }
        ColorSpace::DeviceCMYK => !color.is_empty() && color.iter().all(|&c| c <= 0.05),
        _ => false,
    }
}

impl OutputDev for Device {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.width = media_box.urx - media_box.llx;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The text rendering matrix maps text space (font size not applied) to user space.
        let size = (trm.m21 * font_size).hypot(trm.m22 * font_size);
        let advance = (trm.m11 * font_size).hypot(trm.m12 * font_size) * width;
        if !(size.is_finite() && advance.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        let x = trm.m31;
        let baseline = self.height - trm.m32;
        self.glyphs.push(Glyph {
            text: text.to_owned(),
            x0: x as f32,
            x1: (x + advance) as f32,
            // The em box: ascent about 0.88 of the size, descent 0.12 (CJK fonts' ideographic box).
            top: (baseline - 0.88 * size) as f32,
            bottom: (baseline + 0.12 * size) as f32,
            size: size as f32,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        colorspace: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        if !is_white(colorspace, color) {
            self.path(ctm, path, false);
        }
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        colorspace: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        if !is_white(colorspace, color) {
            self.path(ctm, path, true);
        }
        Ok(())
    }
}

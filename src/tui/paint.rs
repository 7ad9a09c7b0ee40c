//! The writer between ratatui and the terminal: it holds a frame's bytes until the flush
//! and writes them at once, with every colour the terminal lacks taken out.
//!
//! crossterm writes even the 16 ANSI colours as 256-colour sequences (`38;5;12`), which a
//! Linux console or an old screen shows wrong or not at all, and NO_COLOR makes it send a
//! full reset that also wipes reverse video and bold. So rekog lets crossterm write what it
//! likes and rewrites each SGR here: `Depth::Ansi16` turns colours into SGR 30-37, 90-97,
//! 40-47 and 100-107; `Depth::None` drops every colour parameter (a sequence left empty is
//! dropped whole, since an empty SGR means reset).

use std::io::{self, Write};

use crate::caps::Depth;

pub struct Paint<W: Write> {
    inner: W,
    depth: Depth,
    frame: Vec<u8>,
}

impl<W: Write> Paint<W> {
    pub fn new(inner: W, depth: Depth) -> Paint<W> {
        Paint {
            inner,
            depth,
            frame: Vec::with_capacity(16 * 1024),
        }
    }
}

impl<W: Write> Write for Paint<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.frame.is_empty() {
            let out = rewrite(&self.frame, self.depth);
            self.frame.clear();
            self.inner.write_all(&out)?;
        }
        self.inner.flush()
    }
}

/// `bytes` with every SGR sequence fitted to `depth`; everything else as it was.
pub fn rewrite(bytes: &[u8], depth: Depth) -> Vec<u8> {
    if depth >= Depth::TrueColor {
        return bytes.to_vec();
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let start = i + 2;
            let mut end = start;
            while end < bytes.len() && (0x30..=0x3f).contains(&bytes[end]) {
                end += 1;
            }
            if bytes.get(end) == Some(&b'm') {
                if let Some(params) = sgr(&bytes[start..end], depth) {
                    out.extend_from_slice(b"\x1b[");
                    out.extend_from_slice(params.as_bytes());
                    out.push(b'm');
                }
                i = end + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The parameters of one SGR fitted to `depth`, or `None` when nothing is left of them.
fn sgr(params: &[u8], depth: Depth) -> Option<String> {
    let Ok(text) = std::str::from_utf8(params) else {
        return Some(String::from_utf8_lossy(params).into_owned());
    };
    if text.is_empty() || text.contains(':') || text.contains('<') || text.contains('?') {
        // A plain reset, or a form this writer does not parse: left as it is.
        return Some(text.to_owned());
    }
    let numbers: Vec<u16> = text.split(';').map(|p| p.parse().unwrap_or(0)).collect();
    let mut kept: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let n = numbers[i];
        match n {
            38 | 48 => {
                let background = n == 48;
                let (colour, used) = match numbers.get(i + 1) {
                    Some(5) => (numbers.get(i + 2).map(|&c| Colour::Indexed(c)), 3),
                    Some(2) => match (numbers.get(i + 2), numbers.get(i + 3), numbers.get(i + 4)) {
                        (Some(&r), Some(&g), Some(&b)) => (Some(Colour::Rgb(r, g, b)), 5),
                        _ => (None, numbers.len() - i),
                    },
                    _ => (None, numbers.len() - i),
                };
                if let Some(colour) = colour {
                    kept.extend(colour.fitted(depth, background));
                }
                i += used;
            }
            30..=37 | 39 | 40..=47 | 49 | 90..=97 | 100..=107 => {
                if depth != Depth::None {
                    kept.push(n.to_string());
                }
                i += 1;
            }
            _ => {
                kept.push(n.to_string());
                i += 1;
            }
        }
    }
    (!kept.is_empty()).then(|| kept.join(";"))
}

enum Colour {
    Indexed(u16),
    Rgb(u16, u16, u16),
}

impl Colour {
    /// The SGR parameters for this colour at `depth`: none without colour.
    fn fitted(&self, depth: Depth, background: bool) -> Vec<String> {
        let lead = if background { "48" } else { "38" };
        match depth {
            Depth::None => Vec::new(),
            Depth::Ansi16 => {
                let index = match *self {
                    Colour::Indexed(i) if i < 16 => i,
                    Colour::Indexed(i) => nearest16(rgb_of(i)),
                    Colour::Rgb(r, g, b) => nearest16((r, g, b)),
                };
                let base = match (background, index < 8) {
                    (false, true) => 30,
                    (false, false) => 90 - 8,
                    (true, true) => 40,
                    (true, false) => 100 - 8,
                };
                vec![(base + index).to_string()]
            }
            Depth::Ansi256 => match *self {
                Colour::Indexed(i) => vec![lead.into(), "5".into(), i.to_string()],
                Colour::Rgb(r, g, b) => {
                    let cube = |c: u16| (u32::from(c.min(255)) * 5 + 127) / 255;
                    let index = 16 + 36 * cube(r) + 6 * cube(g) + cube(b);
                    vec![lead.into(), "5".into(), index.to_string()]
                }
            },
            Depth::TrueColor => match *self {
                Colour::Indexed(i) => vec![lead.into(), "5".into(), i.to_string()],
                Colour::Rgb(r, g, b) => {
                    vec![
                        lead.into(),
                        "2".into(),
                        r.to_string(),
                        g.to_string(),
                        b.to_string(),
                    ]
                }
            },
        }
    }
}

/// xterm's default palette for the 16 ANSI colours.
const ANSI: [(u16, u16, u16); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// The RGB of a 256-colour index from 16 up: the 6x6x6 cube, then the grey ramp.
fn rgb_of(index: u16) -> (u16, u16, u16) {
    if index < 16 {
        return ANSI[usize::from(index)];
    }
    if index >= 232 {
        let level = 8 + 10 * (index.min(255) - 232);
        return (level, level, level);
    }
    let i = index - 16;
    let level = |v: u16| if v == 0 { 0 } else { 55 + 40 * v };
    (level(i / 36), level((i / 6) % 6), level(i % 6))
}

fn nearest16((r, g, b): (u16, u16, u16)) -> u16 {
    let distance = |&(pr, pg, pb): &(u16, u16, u16)| {
        let d = |a: u16, b: u16| (i32::from(a) - i32::from(b)).pow(2);
        d(r, pr) + d(g, pg) + d(b, pb)
    };
    ANSI.iter()
        .enumerate()
        .min_by_key(|(_, c)| distance(c))
        .map_or(7, |(i, _)| i as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(text: &str, depth: Depth) -> String {
        String::from_utf8(rewrite(text.as_bytes(), depth)).unwrap()
    }

    #[test]
    fn sixteen_colours_become_the_ansi_codes() {
        let d = Depth::Ansi16;
        assert_eq!(fit("\x1b[38;5;12mX", d), "\x1b[94mX");
        assert_eq!(fit("\x1b[38;5;1m\x1b[48;5;4m", d), "\x1b[31m\x1b[44m");
        assert_eq!(fit("\x1b[38;5;15;48;5;8m", d), "\x1b[97;100m");
        assert_eq!(fit("\x1b[39m\x1b[49m\x1b[1m", d), "\x1b[39m\x1b[49m\x1b[1m");
        // Beyond 16: the nearest of the 16.
        assert_eq!(fit("\x1b[38;5;196m", d), "\x1b[91m");
        assert_eq!(fit("\x1b[38;2;0;0;0m", d), "\x1b[30m");
    }

    #[test]
    fn without_colour_not_one_colour_parameter_is_left() {
        let d = Depth::None;
        assert_eq!(fit("\x1b[38;5;12mX\x1b[39m", d), "X");
        assert_eq!(fit("\x1b[1;38;5;12;7m", d), "\x1b[1;7m");
        assert_eq!(fit("\x1b[38;2;1;2;3;48;5;4m", d), "");
        assert_eq!(fit("\x1b[0m\x1b[m\x1b[7m", d), "\x1b[0m\x1b[m\x1b[7m");
        assert_eq!(fit("\x1b[31;42;91;103m", d), "");
    }

    #[test]
    fn other_sequences_and_text_pass_untouched() {
        let text = "\x1b[?1049h\x1b[2;5H\x1b[Kabc \x1b[0m\u{2500}";
        for depth in [Depth::None, Depth::Ansi16, Depth::Ansi256] {
            assert_eq!(fit(text, depth), text);
        }
    }

    #[test]
    fn rgb_fits_the_256_cube_at_256() {
        assert_eq!(fit("\x1b[38;2;255;0;0m", Depth::Ansi256), "\x1b[38;5;196m");
        assert_eq!(fit("\x1b[38;5;12m", Depth::Ansi256), "\x1b[38;5;12m");
    }

    #[test]
    fn a_frame_is_written_once_at_the_flush() {
        let mut paint = Paint::new(Vec::new(), Depth::Ansi16);
        paint.write_all(b"\x1b[38;5;").unwrap();
        paint.write_all(b"9mA").unwrap();
        assert!(paint.inner.is_empty());
        paint.flush().unwrap();
        assert_eq!(paint.inner, b"\x1b[91mA");
    }
}

//! The terminal backend: crossterm's for everything but drawing, and a
//! draw of its own that writes colours the terminal can show.
//!
//! crossterm writes every colour, even the sixteen named ones, as a
//! 256-colour code (`38;5;n`), which an 8- or 16-colour terminal (the
//! Linux console, `TERM=xterm`, vt100) shows wrongly or not at all. Here a
//! named colour is the classic SGR (`31`, `91`), a 256-colour or RGB colour
//! is brought down to the nearest one the terminal has, and with no colour
//! (NO_COLOR) no colour code is written at all: what colour would mean is
//! carried by the theme's bold, underline and reverse (see `theme`).

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;
use std::io::{self, Write};

/// How many colours the terminal shows, as hewal will use them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    /// No colour: NO_COLOR, or a terminal without any.
    None,
    /// The eight ANSI colours (the Linux console, vt100, `TERM=xterm`).
    Ansi8,
    /// The eight and their bright forms.
    #[default]
    Ansi16,
    /// The xterm 256-colour palette.
    Ansi256,
    /// 24-bit RGB.
    TrueColor,
}

impl Depth {
    /// The colours to use on the terminal described by `env`: none when
    /// NO_COLOR is set (<https://no-color.org>).
    pub fn for_terminal(env: &crate::fidelity::Environment) -> Depth {
        match env.no_color {
            true => Depth::None,
            false => Depth::from_colours(env.colours),
        }
    }

    /// From a count of colours (terminfo's `colors`; 2^24 for COLORTERM's
    /// truecolor).
    pub fn from_colours(n: u32) -> Depth {
        match n {
            0..=7 => Depth::None,
            8..=15 => Depth::Ansi8,
            16..=255 => Depth::Ansi16,
            256..=16_777_215 => Depth::Ansi256,
            _ => Depth::TrueColor,
        }
    }
}

/// crossterm's backend with a draw that fits the colours to `depth`.
pub struct HewalBackend<W: Write> {
    inner: CrosstermBackend<W>,
    depth: Depth,
}

impl<W: Write> HewalBackend<W> {
    pub fn new(writer: W, depth: Depth) -> Self {
        HewalBackend { inner: CrosstermBackend::new(writer), depth }
    }
}

/// The SGR sequence that sets exactly this cell's style (from a reset), at
/// `depth`.
pub fn sgr(fg: Color, bg: Color, modifier: Modifier, depth: Depth) -> String {
    let mut s = String::from("\x1b[0");
    for (m, code) in [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ] {
        if modifier.contains(m) {
            let _ = write!(s, ";{code}");
        }
    }
    let (mut f, b) = (resolve(fg, depth), resolve(bg, depth));
    // Two colours that fold into one (white on grey, on 8 colours) would
    // hide the text: then it is black or white, whichever stands out.
    if let (Sgr::Ansi(x), Sgr::Ansi(y)) = (f, b) {
        if x == y {
            f = Sgr::Ansi(if matches!(y, 2 | 3 | 6 | 7 | 10 | 11 | 14 | 15) { 0 } else { 7 });
        }
    }
    emit(&mut s, f, 30);
    emit(&mut s, b, 40);
    s.push('m');
    s
}

/// A colour as the terminal will be told it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sgr {
    Default,
    /// 0–15 (0–7 on an 8-colour terminal).
    Ansi(u8),
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// `colour` brought to what `depth` has.
fn resolve(colour: Color, depth: Depth) -> Sgr {
    let ansi = |n: u8| Sgr::Ansi(if depth == Depth::Ansi8 { fold_to_8(n) } else { n });
    match (colour, depth) {
        (Color::Reset, _) | (_, Depth::None) => Sgr::Default,
        (Color::Rgb(r, g, b), Depth::TrueColor) => Sgr::Rgb(r, g, b),
        (Color::Rgb(r, g, b), Depth::Ansi256) => Sgr::Indexed(nearest_256(r, g, b)),
        (Color::Rgb(r, g, b), _) => ansi(nearest_16(r, g, b)),
        (Color::Indexed(n), Depth::Ansi256 | Depth::TrueColor) if n >= 16 => Sgr::Indexed(n),
        (Color::Indexed(n), _) if n >= 16 => {
            let (r, g, b) = xterm_rgb(n);
            ansi(nearest_16(r, g, b))
        }
        (Color::Indexed(n), _) => ansi(n),
        (named, _) => ansi(named_index(named)),
    }
}

/// `;` and the SGR parameters of `colour`, `base` 30 for the foreground,
/// 40 for the background.
fn emit(s: &mut String, colour: Sgr, base: u32) {
    let _ = match colour {
        Sgr::Default => Ok(()),
        Sgr::Ansi(n) if n < 8 => write!(s, ";{}", base + n as u32),
        Sgr::Ansi(n) => write!(s, ";{}", base + 60 + (n - 8) as u32),
        Sgr::Indexed(n) => write!(s, ";{};5;{n}", base + 8),
        Sgr::Rgb(r, g, b) => write!(s, ";{};2;{r};{g};{b}", base + 8),
    };
}

/// The ANSI number (0–15) of a named colour.
fn named_index(c: Color) -> u8 {
    match c {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        _ => 15, // White
    }
}

/// A bright colour on an 8-colour terminal: its plain form, except bright
/// black (used for dim text), which would vanish on a black background, so
/// it is the plain light grey.
fn fold_to_8(n: u8) -> u8 {
    match n {
        8 => 7,
        n if n > 8 => n - 8,
        n => n,
    }
}

/// The sixteen ANSI colours as xterm draws them by default.
const ANSI_RGB: [(u8, u8, u8); 16] = [
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

/// The RGB of xterm's 256-colour palette entry `n`.
fn xterm_rgb(n: u8) -> (u8, u8, u8) {
    match n {
        0..=15 => ANSI_RGB[n as usize],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let i = n - 16;
            (level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        _ => {
            let v = 8 + 10 * (n - 232);
            (v, v, v)
        }
    }
}

fn distance((r1, g1, b1): (u8, u8, u8), (r2, g2, b2): (u8, u8, u8)) -> u32 {
    let d = |a: u8, b: u8| (a as i32 - b as i32).pow(2) as u32;
    d(r1, r2) + d(g1, g2) + d(b1, b2)
}

/// The nearest of the sixteen ANSI colours.
fn nearest_16(r: u8, g: u8, b: u8) -> u8 {
    (0..16u8).min_by_key(|&i| distance(ANSI_RGB[i as usize], (r, g, b))).unwrap_or(7)
}

/// The nearest entry of the 6×6×6 cube or the grey ramp (16–255).
fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    (16..=255u8).min_by_key(|&i| distance(xterm_rgb(i), (r, g, b))).unwrap_or(16)
}

impl<W: Write> Write for HewalBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for HewalBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut out = String::new();
        let mut style = None;
        let mut last: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if last != Some((x.wrapping_sub(1), y)) {
                let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
            }
            last = Some((x, y));
            let now = (cell.fg, cell.bg, cell.modifier);
            if style != Some(now) {
                out.push_str(&sgr(cell.fg, cell.bg, cell.modifier, self.depth));
                style = Some(now);
            }
            out.push_str(cell.symbol());
        }
        if style.is_some() {
            out.push_str("\x1b[0m");
        }
        self.inner.write_all(out.as_bytes())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_colours_are_classic_sgr_and_nothing_is_256_below_256() {
        let m = Modifier::empty();
        assert_eq!(sgr(Color::Red, Color::Reset, m, Depth::Ansi16), "\x1b[0;31m");
        assert_eq!(sgr(Color::DarkGray, Color::Yellow, m, Depth::Ansi16), "\x1b[0;90;43m");
        assert_eq!(sgr(Color::DarkGray, Color::LightCyan, m, Depth::Ansi8), "\x1b[0;37;46m");
        assert_eq!(sgr(Color::Indexed(196), Color::Reset, m, Depth::Ansi16), "\x1b[0;91m");
        assert_eq!(sgr(Color::Indexed(196), Color::Reset, m, Depth::Ansi256), "\x1b[0;38;5;196m");
        assert_eq!(sgr(Color::Rgb(255, 0, 0), Color::Reset, m, Depth::Ansi256), "\x1b[0;38;5;196m");
        assert_eq!(sgr(Color::Rgb(1, 2, 3), Color::Rgb(4, 5, 6), m, Depth::TrueColor), "\x1b[0;38;2;1;2;3;48;2;4;5;6m");
        assert_eq!(sgr(Color::Rgb(250, 250, 0), Color::Reset, m, Depth::Ansi8), "\x1b[0;33m");
        // White on dark grey folds to grey on grey on 8 colours: black text.
        assert_eq!(sgr(Color::White, Color::DarkGray, m, Depth::Ansi8), "\x1b[0;30;47m");
        assert_eq!(sgr(Color::White, Color::DarkGray, m, Depth::Ansi16), "\x1b[0;97;100m");
    }

    #[test]
    fn no_colour_writes_modifiers_only() {
        let s = sgr(Color::Red, Color::Blue, Modifier::BOLD | Modifier::REVERSED, Depth::None);
        assert_eq!(s, "\x1b[0;1;7m");
    }

    #[test]
    fn depth_from_a_count_of_colours() {
        let got: Vec<Depth> = [0, 2, 8, 16, 88, 256, 1 << 24].map(Depth::from_colours).into();
        use Depth::*;
        assert_eq!(got, [None, None, Ansi8, Ansi16, Ansi16, Ansi256, TrueColor]);
    }

    /// A writer whose bytes the test can read after the backend took it.
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_draw_moves_only_when_it_must_and_resets_at_the_end() {
        let mut cells = vec![Cell::default(); 3];
        cells[0].set_symbol("a").set_fg(Color::Red);
        cells[1].set_symbol("b").set_fg(Color::Red);
        cells[2].set_symbol("c");
        let written = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let mut b = HewalBackend::new(Shared(written.clone()), Depth::Ansi16);
        let content = [(0, 0, &cells[0]), (1, 0, &cells[1]), (5, 2, &cells[2])];
        b.draw(content.into_iter()).unwrap();
        let out = String::from_utf8(written.borrow().clone()).unwrap();
        assert_eq!(out, "\x1b[1;1H\x1b[0;31mab\x1b[3;6H\x1b[0mc\x1b[0m");
    }
}

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
//!
//! A pane that scrolled by whole lines (the reader) is scrolled by the
//! terminal where it can be told to, instead of every cell of it being
//! written again: the draw keeps a copy of what the screen shows, moves the
//! copy's rows as the terminal will move its own, and writes only what then
//! differs (ratatui's diff, against the moved copy). Rows are scrolled with
//! a top and bottom margin (DECSTBM, which every VT100 descendant has) when
//! the pane spans the screen's width; a pane beside another also needs left
//! and right margins (DECSLRM), which only terminals known to have them get
//! (see [`Regions`]).

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

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

/// What the terminal can scroll a part of the screen with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Regions {
    /// Nothing hewal may use: every changed cell is written.
    #[default]
    None,
    /// Whole rows between a top and a bottom margin (DECSTBM and IND/RI,
    /// VT100).
    Rows,
    /// Rows between left and right margins too (DECLRMM and DECSLRM,
    /// VT420; xterm has them).
    RowsAndColumns,
}

impl Regions {
    /// What hewal may use on the terminal `env` describes, text going out
    /// in `order`. Only where hewal orders the text itself (app mode): a
    /// terminal that reorders rows gets plain redraws. Left and right
    /// margins only on a terminal known to have them, drawing directly:
    /// tmux has none, and over SSH the terminal is not known.
    pub fn for_terminal(env: &crate::fidelity::Environment, order: crate::text::Order) -> Regions {
        match order {
            crate::text::Order::Logical => Regions::None,
            _ if env.terminal == crate::fidelity::Terminal::Xterm && env.multiplexer.is_none() => {
                Regions::RowsAndColumns
            }
            _ => Regions::Rows,
        }
    }
}

/// The rows of `area` moved up by `lines` since the last frame (down when
/// negative), as a scrolled reader moves its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shift {
    pub area: Rect,
    pub lines: i32,
}

/// crossterm's backend with a draw that fits the colours to `depth` and
/// scrolls regions where the terminal allows it.
pub struct HewalBackend<W: Write> {
    inner: CrosstermBackend<W>,
    depth: Depth,
    regions: Regions,
    /// What the terminal shows, when known (since the last clear).
    screen: Option<Buffer>,
    /// A shift for the next draw to scroll, if it can.
    shift: Option<Shift>,
    /// Where the cursor was last put.
    cursor: Position,
    /// Whether the terminal has ECH.
    erase: bool,
    /// The screen's size when it is not the terminal's (a writer that is
    /// not a terminal, in tests).
    size: Option<Size>,
}

impl<W: Write> HewalBackend<W> {
    pub fn new(writer: W, depth: Depth) -> Self {
        HewalBackend {
            inner: CrosstermBackend::new(writer),
            depth,
            regions: Regions::None,
            screen: None,
            shift: None,
            cursor: Position::ORIGIN,
            erase: false,
            size: None,
        }
    }

    /// A screen of `size` whatever the terminal's, for a writer that is not
    /// one.
    pub fn with_size(mut self, size: Size) -> Self {
        self.size = Some(size);
        self
    }

    /// Blank runs of cells with ECH (the terminal has it: terminfo's `ech`).
    pub fn set_erase(&mut self, erase: bool) {
        self.erase = erase;
    }

    fn pen(&self) -> Pen {
        Pen { depth: self.depth, erase: self.erase }
    }

    /// Scroll with what `regions` allows from now on.
    pub fn set_regions(&mut self, regions: Regions) {
        self.regions = regions;
    }

    /// The next draw's content has `shift` in it: scroll it there if the
    /// terminal can and that writes less.
    pub fn expect_shift(&mut self, shift: Shift) {
        self.shift = Some(shift);
    }

    /// Whether the terminal can scroll `shift` on `screen`.
    fn can_scroll(&self, shift: Shift, screen: &Buffer) -> bool {
        let (a, full) = (shift.area, screen.area);
        let fits = a.intersection(full) == a && shift.lines != 0 && shift.lines.unsigned_abs() < a.height as u32;
        let wide = a.x == full.x && a.width == full.width;
        // A wide character across a left or right margin would be cut.
        let straddled = (a.top()..a.bottom()).any(|y| {
            (a.x > full.x && screen[(a.x - 1, y)].symbol().width() > 1)
                || screen[(a.right() - 1, y)].symbol().width() > 1
        });
        fits && match self.regions {
            Regions::None => false,
            Regions::Rows => wide,
            Regions::RowsAndColumns => wide || !straddled,
        }
    }
}

/// How cells are written: the colours, and whether the terminal can blank
/// characters in place (ECH).
#[derive(Clone, Copy)]
struct Pen {
    depth: Depth,
    erase: bool,
}

/// Write `cells` (position, cell), as ratatui's diff gives them. Between
/// two cells of a row the cursor moves forward (CUF), or, when `screen`
/// (the frame being drawn) is known and that is shorter, the unchanged
/// cells between are written again: a search result's row often changes
/// every few cells, and a move costs 3-8 bytes. A long run of blanks in the
/// default style is erased in place (ECH) where the terminal can.
fn write_cells(out: &mut String, cells: &[(u16, u16, &Cell)], screen: Option<&Buffer>, pen: Pen) {
    let mut style = None;
    // Where the cursor is: after the last cell written.
    let mut at: Option<(u16, u16)> = None;
    let mut i = 0;
    while i < cells.len() {
        let (x, y, cell) = cells[i];
        match at {
            Some((ax, ay)) if ay == y && ax == x => {}
            Some((ax, ay)) if ay == y && ax < x => {
                let step = forward(x - ax);
                match screen.and_then(|s| refill(s, ax..x, y, style, pen.depth)) {
                    Some((text, then)) if text.len() <= step.len() => {
                        out.push_str(&text);
                        style = then;
                    }
                    _ => out.push_str(&step),
                }
            }
            _ => {
                let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
            }
        }
        let (taken, blanks) = if pen.erase { blank_run(cells, i, screen) } else { (0, 0) };
        // ECH and the CUF after it cost at least 7 bytes, the reset 4: no
        // shorter run can pay for them, and the sequence is not even built.
        let erase = if blanks > 11 { format!("\x1b[{blanks}X") } else { String::new() };
        if blanks > 11 && blanks as usize > erase.len() + forward(blanks).len() + 4 {
            // The erased cells take the current background: reset first.
            if style != Some(DEFAULT) {
                out.push_str("\x1b[0m");
                style = Some(DEFAULT);
            }
            out.push_str(&erase);
            at = Some((x, y)); // ECH leaves the cursor where it is
            i += taken;
            continue;
        }
        put(out, cell, &mut style, pen.depth);
        at = Some((x + (cell.symbol().width() as u16).max(1), y));
        i += 1;
    }
    if style.is_some() {
        out.push_str("\x1b[0m");
    }
}

/// The run of blanks in the default style that begins at `cells[i]`: how
/// many of `cells` it takes, and how many columns it spans. A cell the
/// diff left out between two of its cells is unchanged, so on the
/// terminal as in `screen` (the frame being drawn, when known): a blank
/// one does not end the run. A row of words being cleared then goes in one
/// erase, not in pieces cut at the spaces it already had. Every cell of a
/// run is one column wide, so none of them is the second half of a wide
/// character.
fn blank_run(cells: &[(u16, u16, &Cell)], i: usize, screen: Option<&Buffer>) -> (usize, u16) {
    let (x0, y, _) = cells[i];
    let (mut j, mut x, mut end) = (i, x0, x0);
    while let Some(&(cx, cy, cell)) = cells.get(j).filter(|c| c.1 == y) {
        if cx == x && blank(cell) {
            j += 1;
            x += 1;
            end = x;
        } else if cx > x && screen.is_some_and(|s| blank(&s[(x, cy)])) {
            x += 1;
        } else {
            break;
        }
    }
    (j - i, end - x0)
}

/// Write `cell`, its style first when it is not `style` (the one in force).
fn put(out: &mut String, cell: &Cell, style: &mut Option<Style>, depth: Depth) {
    let now = (cell.fg, cell.bg, cell.modifier);
    if *style != Some(now) {
        out.push_str(&sgr(cell.fg, cell.bg, cell.modifier, depth));
        *style = Some(now);
    }
    out.push_str(cell.symbol());
}

const DEFAULT: Style = (Color::Reset, Color::Reset, Modifier::empty());

/// A blank cell in the default style: what ECH leaves.
fn blank(c: &Cell) -> bool {
    c.symbol() == " " && (c.fg, c.bg, c.modifier) == DEFAULT
}

/// CUF: the cursor `n` cells forward.
fn forward(n: u16) -> String {
    match n {
        1 => "\x1b[C".to_owned(),
        n => format!("\x1b[{n}C"),
    }
}

type Style = (Color, Color, Modifier);

/// The bytes that write the cells `xs` of row `y` of `screen` again, from
/// the style `style`, and the style they leave; `None` when a cell cannot
/// be written alone (a wide character across the end, an empty cell).
fn refill(
    screen: &Buffer,
    xs: std::ops::Range<u16>,
    y: u16,
    mut style: Option<Style>,
    depth: Depth,
) -> Option<(String, Option<Style>)> {
    let mut out = String::new();
    let mut x = xs.start;
    while x < xs.end {
        let cell = &screen[(x, y)];
        let w = cell.symbol().width() as u16;
        if w == 0 || x + w > xs.end {
            return None;
        }
        put(&mut out, cell, &mut style, depth);
        x += w;
    }
    Some((out, style))
}

/// `screen` with the rows of `shift.area` moved as the terminal moves them:
/// up by `lines` (down when negative), blank rows coming in.
fn shifted(screen: &Buffer, shift: Shift) -> Buffer {
    let mut out = screen.clone();
    let a = shift.area;
    for y in a.top()..a.bottom() {
        let from = y as i32 + shift.lines;
        for x in a.left()..a.right() {
            out[(x, y)] = match from >= a.top() as i32 && from < a.bottom() as i32 {
                true => screen[(x, from as u16)].clone(),
                false => Cell::default(),
            };
        }
    }
    out
}

/// The bytes that scroll `shift` on the terminal, margins set and reset.
/// From a reset style, so the rows that come in are blank in the default
/// colours; the cursor is left anywhere (the draw moves it first).
pub fn scroll_sequence(shift: Shift, columns: bool) -> String {
    let a = shift.area;
    let (top, bottom, left, right) = (a.top() + 1, a.bottom(), a.left() + 1, a.right());
    let mut out = format!("\x1b[0m\x1b[{top};{bottom}r");
    if columns {
        let _ = write!(out, "\x1b[?69h\x1b[{left};{right}s");
    }
    // IND at the bottom margin scrolls up, RI at the top one down: VT100's
    // own way, where SU/SD are not everywhere.
    let (row, step) = if shift.lines > 0 { (bottom, "\x1bD") } else { (top, "\x1bM") };
    let _ = write!(out, "\x1b[{row};{left}H{}", step.repeat(shift.lines.unsigned_abs() as usize));
    if columns {
        out.push_str("\x1b[s\x1b[?69l");
    }
    out.push_str("\x1b[r");
    out
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
        let shift = self.shift.take();
        let updates: Vec<(u16, u16, &Cell)> = content.collect();
        let Some(mut screen) = self.screen.take() else {
            write_cells(&mut out, &updates, None, self.pen());
            return self.inner.write_all(out.as_bytes());
        };
        // The screen as the terminal will have moved it, taken before the
        // copy becomes the new frame (the only copy a frame costs).
        let moved = shift.filter(|&s| self.can_scroll(s, &screen)).map(|s| (s, shifted(&screen, s)));
        for &(x, y, cell) in &updates {
            if !screen.area.contains(Position { x, y }) {
                // Not the screen known: write as told, and know no more.
                write_cells(&mut out, &updates, None, self.pen());
                return self.inner.write_all(out.as_bytes());
            }
            screen[(x, y)] = cell.clone();
            // The cells a wide character covers are blank, as in ratatui's
            // buffer (its diff does not send them).
            for covered in x + 1..(x + cell.symbol().width() as u16).min(screen.area.right()) {
                screen[(covered, y)].reset();
            }
        }
        let after = screen;
        match moved {
            Some((s, moved)) => {
                let diff = moved.diff(&after);
                // The scroll itself costs about two cells' bytes a line.
                if diff.len() + 2 * s.lines.unsigned_abs() as usize + 8 < updates.len() {
                    out.push_str(&scroll_sequence(s, s.area.width != after.area.width));
                    write_cells(&mut out, &diff, Some(&after), self.pen());
                } else {
                    write_cells(&mut out, &updates, Some(&after), self.pen());
                }
            }
            None => write_cells(&mut out, &updates, Some(&after), self.pen()),
        }
        self.screen = Some(after);
        self.inner.write_all(out.as_bytes())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    /// Where the cursor was last put: asking the terminal (CPR) would wait
    /// for an answer some terminals never give, and ratatui asks only to
    /// put the cursor back after a clear.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // A cleared screen is blank: known again.
        self.screen = match clear_type {
            ClearType::All => Some(Buffer::empty(Rect::from((Position::ORIGIN, self.size()?)))),
            _ => None,
        };
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        self.size.map_or_else(|| self.inner.size(), Ok)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        match self.size {
            Some(columns_rows) => Ok(WindowSize { columns_rows, pixels: Size::default() }),
            None => self.inner.window_size(),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_only_on_xterm_drawing_directly_and_nothing_where_the_terminal_reorders() {
        use crate::fidelity::Environment;
        use crate::text::Order::{Logical, Visual};
        let env = |vars: &[(&str, &str)]| {
            let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            Environment::from_vars(|k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
        };
        let xterm = env(&[("TERM", "xterm-256color"), ("XTERM_VERSION", "XTerm(379)")]);
        let in_tmux = env(&[("TERM", "tmux-256color"), ("TMUX", "/tmp/t,1,0"), ("XTERM_VERSION", "XTerm(379)")]);
        // Over SSH only TERM arrives: VTE, kitty, anything may be behind it.
        let over_ssh = env(&[("TERM", "xterm-256color"), ("SSH_CONNECTION", "1 2 3 4")]);
        let vte = env(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7006")]);
        assert_eq!(Regions::for_terminal(&xterm, Visual), Regions::RowsAndColumns);
        assert_eq!(Regions::for_terminal(&in_tmux, Visual), Regions::Rows);
        assert_eq!(Regions::for_terminal(&over_ssh, Visual), Regions::Rows);
        assert_eq!(Regions::for_terminal(&vte, Visual), Regions::Rows);
        for e in [&xterm, &in_tmux, &over_ssh, &vte] {
            assert_eq!(Regions::for_terminal(e, Logical), Regions::None);
        }
    }

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

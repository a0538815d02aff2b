//! The backend's scroll regions leave on the screen exactly what a full
//! redraw would: its bytes are fed to a model terminal (`util::vt`, written
//! from the VT100/VT420 manuals) and the screen compared with the frame,
//! text and style, cell by cell. Also: nothing region-related is sent
//! where the terminal is not known to take it.

mod util;

use hewal::tui::backend::{sgr, Depth, HewalBackend, Regions, Shift};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::style::{Color, Modifier, Style};
use ratatui::Terminal;
use std::cell::RefCell;
use std::io;
use std::rc::Rc;
use unicode_width::UnicodeWidthStr;
use util::vt::Screen;

struct Shared(Rc<RefCell<Vec<u8>>>);

impl io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The bytes hewal's backend writes for `frames`, each drawn after its
/// shift was announced, from a cleared screen.
fn drawn(frames: &[(Option<Shift>, Buffer)], regions: Regions) -> Vec<u8> {
    drawn_with(frames, regions, false)
}

/// As [`drawn`], erasing runs of blanks in place (ECH) when `erase`.
fn drawn_with(frames: &[(Option<Shift>, Buffer)], regions: Regions, erase: bool) -> Vec<u8> {
    let out = Rc::new(RefCell::new(Vec::new()));
    let size = Size::new(frames[0].1.area.width, frames[0].1.area.height);
    let mut term = Terminal::new(HewalBackend::new(Shared(out.clone()), Depth::Ansi256).with_size(size)).unwrap();
    term.backend_mut().set_regions(regions);
    term.backend_mut().set_erase(erase);
    term.clear().unwrap();
    for (shift, frame) in frames {
        if let Some(s) = shift {
            term.backend_mut().expect_shift(*s);
        }
        term.draw(|f| *f.buffer_mut() = frame.clone()).unwrap();
    }
    out.take()
}

/// What the model terminal shows after `bytes`.
fn screen_after(bytes: &[u8], area: Rect) -> Screen {
    let mut screen = Screen::new(area.width, area.height);
    screen.feed(bytes).unwrap();
    screen
}

/// The differences between the screen and `frame` (empty when it shows it).
fn differences(screen: &Screen, frame: &Buffer) -> Vec<String> {
    let mut out = Vec::new();
    for y in 0..frame.area.height {
        let mut skip = 0;
        for x in 0..frame.area.width {
            let want = &frame[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            skip = want.symbol().width().saturating_sub(1);
            let style = sgr(want.fg, want.bg, want.modifier, Depth::Ansi256);
            let style = style.trim_start_matches("\x1b[0").trim_start_matches(';').trim_end_matches('m');
            let got = screen.cell(x, y);
            if got.text != want.symbol() || got.sgr != style {
                out.push(format!("({x},{y}): want {:?} [{style}], got {:?} [{}]", want.symbol(), got.text, got.sgr));
            }
        }
    }
    out
}

const SYMBOLS: &[&str] = &["a", "b", "ب", "ە", "ڵ", "١", " ", " ", " ", " ", "-", "中"];

fn style(n: u8) -> Style {
    match n % 5 {
        0 => Style::default(),
        1 => Style::default().fg(Color::Red),
        2 => Style::default().bg(Color::Blue),
        3 => Style::default().add_modifier(Modifier::BOLD),
        _ => Style::default().add_modifier(Modifier::REVERSED).fg(Color::Indexed(214)),
    }
}

/// Row `y` of `buf` from `seed`: symbols and styles, wide ones included.
fn fill_row(buf: &mut Buffer, y: u16, x0: u16, x1: u16, seed: &[u8]) {
    let mut x = x0;
    let mut i = 0;
    while x < x1 {
        let b = seed[i % seed.len()].wrapping_add((i as u8).wrapping_mul(7));
        let sym = SYMBOLS[b as usize % SYMBOLS.len()];
        let w = sym.width() as u16;
        if x + w > x1 {
            break;
        }
        buf.set_string(x, y, sym, style(b / 9));
        x += w;
        i += 1;
    }
}

/// `before` with the rows of `shift.area` moved as a scrolled pane moves
/// them, the rows that came in filled anew from `seed`.
fn scrolled(before: &Buffer, shift: Shift, seed: &[u8]) -> Buffer {
    let a = shift.area;
    let mut after = before.clone();
    for y in a.top()..a.bottom() {
        let from = y as i32 + shift.lines;
        if from >= a.top() as i32 && from < a.bottom() as i32 {
            for x in a.left()..a.right() {
                after[(x, y)] = before[(x, from as u16)].clone();
            }
            // A pane's widgets never draw a wide character across its edge.
            if after[(a.right() - 1, y)].symbol().width() > 1 {
                after[(a.right() - 1, y)].set_symbol(" ");
            }
        } else {
            for x in a.left()..a.right() {
                after[(x, y)].reset();
            }
            fill_row(&mut after, y, a.left(), a.right(), &[seed[y as usize % seed.len()], y as u8]);
        }
    }
    after
}

/// `buf` as ratatui's widgets leave a buffer: a wide character only where
/// the cell it covers is blank (copying a pane's rows, or an edit beside a
/// wide character, can break that; no real frame does).
fn valid(mut buf: Buffer) -> Buffer {
    let a = buf.area;
    for y in a.top()..a.bottom() {
        for x in a.left()..a.right() {
            let covers = buf[(x, y)].symbol().width() > 1;
            if covers && (x + 1 >= a.right() || buf[(x + 1, y)] != ratatui::buffer::Cell::default()) {
                buf[(x, y)].set_symbol(" ");
            }
        }
    }
    buf
}

fn frame(cols: u16, rows: u16, seed: &[u8]) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, cols, rows));
    for y in 0..rows {
        fill_row(&mut buf, y, 0, cols, &[seed[y as usize % seed.len()], y as u8 + 1]);
    }
    buf
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_full_width_pane_is_scrolled_by_the_terminal_and_shows_the_new_frame() {
    let (cols, rows) = (40, 12);
    let before = frame(cols, rows, b"seed one");
    let shift = Shift { area: Rect::new(0, 1, cols, 9), lines: 2 };
    let after = scrolled(&before, shift, b"new lines");
    let frames = [(None, before.clone()), (Some(shift), after.clone())];
    let plain = drawn(&frames, Regions::None);
    let rows_only = drawn(&frames, Regions::Rows);
    for bytes in [&plain, &rows_only] {
        assert_eq!(differences(&screen_after(bytes, after.area), &after), Vec::<String>::new());
    }
    assert!(contains(&rows_only, "\x1b[2;10r"), "DECSTBM over the pane");
    assert!(!contains(&plain, "r\x1b"), "no region without regions");
    let first = drawn(&frames[..1], Regions::Rows).len();
    assert!(rows_only.len() - first < (plain.len() - first) / 2, "{} vs {}", rows_only.len(), plain.len());
}

#[test]
fn a_pane_beside_another_uses_left_and_right_margins_only_where_known() {
    let (cols, rows) = (40, 12);
    let before = frame(cols, rows, b"side by side");
    // A margin where no wide character crosses it (one would be cut).
    let crossed = |x: u16| (1..11).any(|y| before[(x - 1, y)].symbol().width() > 1);
    let left = (20..30).find(|&x| !crossed(x)).unwrap();
    let shift = Shift { area: Rect::new(left, 1, cols - left, 10), lines: -3 };
    let after = scrolled(&before, shift, b"coming in from above");
    let frames = [(None, before), (Some(shift), after.clone())];
    let rows_only = drawn(&frames, Regions::Rows);
    let margins = drawn(&frames, Regions::RowsAndColumns);
    // Rows only (tmux, a terminal not known): whole rows cannot move here.
    assert!(!contains(&rows_only, "?69") && !contains(&rows_only, ";11r"));
    assert!(contains(&margins, &format!("\x1b[?69h\x1b[{};40s", left + 1)));
    for bytes in [&rows_only, &margins] {
        assert_eq!(differences(&screen_after(bytes, after.area), &after), Vec::<String>::new());
    }
    assert!(margins.len() < rows_only.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever the frames and whatever shift is announced (true, wrong or
    /// out of the screen), the screen ends up showing the last frame.
    #[test]
    fn every_draw_leaves_the_frame_on_screen(
        cols in 4u16..40,
        rows in 3u16..14,
        (x, w, y, h) in (0u16..40, 1u16..40, 0u16..14, 1u16..14),
        full in any::<bool>(),
        lines in -14i32..14,
        seeds in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 1..6), 3),
        edits in proptest::collection::vec((any::<u16>(), any::<u16>(), any::<u8>()), 0..8),
        truthful in any::<bool>(),
    ) {
        let area = match full {
            true => Rect::new(0, y % rows, cols, h),
            false => Rect::new(x % cols, y % rows, w, h),
        };
        let area = area.intersection(Rect::new(0, 0, cols, rows));
        let shift = Shift { area, lines };
        let before = frame(cols, rows, &seeds[0]);
        let mut after = match truthful && area.height > 0 {
            true => scrolled(&before, shift, &seeds[1]),
            false => frame(cols, rows, &seeds[1]),
        };
        for (ex, ey, b) in edits {
            let sym = SYMBOLS[b as usize % SYMBOLS.len()];
            let (ex, ey) = (ex % cols, ey % rows);
            if ex + sym.width() as u16 <= cols {
                after.set_string(ex, ey, sym, style(b / 9));
            }
        }
        let after = valid(after);
        let third = valid(scrolled(&after, Shift { lines: -lines, ..shift }, &seeds[2]));
        let frames = [(None, before), (Some(shift), after), (Some(Shift { lines: -lines, ..shift }), third.clone())];
        let ways = [(Regions::None, false), (Regions::None, true), (Regions::Rows, true), (Regions::RowsAndColumns, false)];
        for (regions, erase) in ways {
            let bytes = drawn_with(&frames, regions, erase);
            let diff = differences(&screen_after(&bytes, third.area), &third);
            prop_assert!(diff.is_empty(), "{regions:?}, erase {erase}: {diff:?}");
            if regions != Regions::RowsAndColumns {
                prop_assert!(!contains(&bytes, "?69"));
            }
            if regions == Regions::None {
                prop_assert!(!contains(&bytes, "\x1bD") && !contains(&bytes, "\x1bM"));
            }
            if !erase {
                prop_assert!(!bytes.windows(2).any(|w| w[1] == b'X' && w[0].is_ascii_digit()), "ECH without ech");
            }
        }
    }
}

#[test]
fn a_long_run_of_blanks_is_erased_in_place_where_the_terminal_can() {
    let (cols, rows) = (60, 4);
    let before = frame(cols, rows, b"words everywhere");
    let mut after = before.clone();
    for x in 0..40 {
        after[(x, 2)].reset();
    }
    after.set_string(45, 2, "ب", Style::default());
    let frames = [(None, before), (None, after.clone())];
    let (plain, erased) = (drawn_with(&frames, Regions::None, false), drawn_with(&frames, Regions::None, true));
    assert!(contains(&erased, "X") && erased.len() + 20 < plain.len(), "{} vs {}", erased.len(), plain.len());
    for bytes in [&plain, &erased] {
        assert_eq!(differences(&screen_after(bytes, after.area), &after), Vec::<String>::new());
    }
}

#[test]
fn a_row_of_words_cleared_goes_in_one_erase_across_the_spaces_it_had() {
    let (cols, rows) = (60, 4);
    let mut before = Buffer::empty(Rect::new(0, 0, cols, rows));
    let words = "aaaa bbbb cccc dddd eeee ffff gggg";
    before.set_string(0, 2, words, Style::default());
    before.set_string(0, 1, "ب", Style::default());
    let mut after = before.clone();
    for x in 0..cols {
        after[(x, 2)].reset();
    }
    let frames = [(None, before), (None, after.clone())];
    let erased = drawn_with(&frames, Regions::None, true);
    let second = &erased[drawn_with(&frames[..1], Regions::None, true).len()..];
    // The spaces between the words are unchanged cells, left out of the
    // diff; they do not cut the erase into runs too short to pay.
    let second = String::from_utf8_lossy(second);
    assert!(second.starts_with(&format!("\x1b[3;1H\x1b[0m\x1b[{}X\x1b[0m", words.len())), "{second:?}");
    assert_eq!(differences(&screen_after(&erased, after.area), &after), Vec::<String>::new());
}

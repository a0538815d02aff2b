//! Popups drawn over the main screen: help, links, calibration.
//! Each is a widget over the data it shows; which one is open is the app's
//! `Mode`, and the keymap gives an open popup's keys first.

pub mod calibrate;
pub mod help;
pub mod links;

use crate::text::Render;
use crate::tui::mirror::Flow;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Clear, Widget};

/// A `width`×`height` rectangle in the middle of `screen` (both clamped to
/// the screen's size).
fn centred(screen: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(screen.width), height.min(screen.height));
    Rect { x: screen.x + (screen.width - width) / 2, y: screen.y + (screen.height - height) / 2, width, height }
}

/// Draw a popup's frame: clear `area`, border it with `title` (laid out
/// as a label, at the reading-start end of the top border), and return the
/// inside to draw in.
fn frame(area: Rect, title: &str, render: Render, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    let block = Block::bordered();
    let inner = block.inner(area);
    block.render(area, buf);
    let top = Rect { x: area.x + 1, width: area.width.saturating_sub(2), height: 1, ..area };
    Flow::of(render).put(buf, top, top.y, 0, title, top.width as usize, render, Style::default());
    inner
}

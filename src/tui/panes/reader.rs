//! The reader pane: the article, its laid-out lines, its links, scrolling.
//!
//! Layout is cached per (article, width, highlight generation): scrolling
//! never lays out again, and resizing back to a recent width is a cache hit.
//! The article's links are found once, when it is shown.

use crate::search::Matcher;
use crate::store::{Article, ArticleKey};
use crate::text::paragraphs::paragraphs;
use crate::text::to_tui::to_line;
use crate::text::{layout_paragraph, BaseDirection, DisplayLine, LayoutOptions, Render};
use crate::tui::action::Action;
use crate::tui::{format, strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::rc::Rc;

/// Layouts kept for quick resizes.
const CACHE_SIZE: usize = 4;

/// What a line of the reader is, for styling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Body,
}

/// One screen line of the reader; `None` is a blank line.
#[derive(Clone, Debug)]
pub struct ReaderLine {
    pub kind: LineKind,
    pub line: Option<DisplayLine>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct CacheKey {
    key: ArticleKey,
    width: usize,
    generation: u64,
}

/// Lines shown above a search hit scrolled to.
const HIT_CONTEXT: usize = 2;

/// The reader pane.
#[derive(Debug, Default)]
pub struct ReaderPane {
    article: Option<Article>,
    /// First visible line.
    scroll: usize,
    /// Visible lines (set by `fit`).
    height: usize,
    /// Whether `scroll` still has to be set from the saved position.
    restore_pending: bool,
    moved: bool,
    lines: Rc<Vec<ReaderLine>>,
    current: Option<CacheKey>,
    cache: Vec<(CacheKey, Rc<Vec<ReaderLine>>)>,
    hit_lines: Vec<usize>,
    /// The article's links: its own as 0, then its numbered references.
    links: Vec<(u32, String)>,
    /// How lines are drawn for this terminal (order, shaping).
    render: Render,
}

impl ReaderPane {
    /// Draw for a different terminal mode: every cached layout is stale.
    pub fn set_render(&mut self, render: Render) {
        if render != self.render {
            self.render = render;
            self.cache.clear();
            self.current = None;
        }
    }

    /// First visible line.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn key(&self) -> Option<ArticleKey> {
        self.article.as_ref().map(|a| a.key)
    }

    pub fn article(&self) -> Option<&Article> {
        self.article.as_ref()
    }

    /// The laid-out lines (valid after `fit`).
    pub fn lines(&self) -> &[ReaderLine] {
        &self.lines
    }

    /// The article's links: its own as 0, then the numbered references
    /// (`[n] url` paragraphs) that HTML bodies end with.
    pub fn links(&self) -> &[(u32, String)] {
        &self.links
    }

    /// The article's own link, trimmed, if it has one.
    pub fn own_link(&self) -> Option<&str> {
        own_link(self.article.as_ref()?)
    }

    pub fn show(&mut self, article: Article) {
        self.links = links_of(&article);
        self.article = Some(article);
        self.scroll = 0;
        self.restore_pending = true;
        self.moved = false;
    }

    pub fn clear(&mut self) {
        self.article = None;
        self.lines = Rc::default();
        self.current = None;
        self.hit_lines.clear();
        self.links.clear();
    }

    pub fn set_read(&mut self, read: bool) {
        if let Some(a) = &mut self.article {
            a.read = read;
        }
    }

    /// The position to save for the article being left: (key, first line,
    /// whether the reader moved).
    pub fn take_position(&mut self) -> Option<(ArticleKey, usize, bool)> {
        let a = self.article.as_ref()?;
        Some((a.key, self.scroll, std::mem::take(&mut self.moved)))
    }

    /// Lay out for `width` (cached) and clamp the scroll to `height`.
    pub fn fit(&mut self, width: usize, height: usize, matcher: Option<&Matcher>, generation: u64) {
        self.height = height;
        let Some(article) = &self.article else { return };
        let key = CacheKey { key: article.key, width, generation: if matcher.is_some() { generation } else { 0 } };
        if self.current != Some(key) {
            self.lines = match self.cache.iter().find(|(k, _)| *k == key) {
                Some((_, lines)) => lines.clone(),
                None => {
                    let lines = Rc::new(layout_article(article, width, matcher, self.render));
                    if self.cache.len() >= CACHE_SIZE {
                        self.cache.remove(0);
                    }
                    self.cache.push((key, lines.clone()));
                    lines
                }
            };
            self.current = Some(key);
            self.hit_lines = self
                .lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.line.as_ref().is_some_and(|d| d.segments.iter().any(|s| s.highlight)))
                .map(|(i, _)| i)
                .collect();
        }
        if std::mem::take(&mut self.restore_pending) {
            // Opened from search results: at the first hit, which is what
            // the reader came for; else where they left off.
            self.scroll = match (matcher, self.hit_lines.first()) {
                (Some(_), Some(&first)) => first.saturating_sub(HIT_CONTEXT),
                _ => article.position.max(0) as usize,
            };
        }
        self.scroll = self.scroll.min(self.max_scroll());
    }

    fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.height.max(1))
    }

    /// Movement keys, when the reader has focus: scrolling, and jumps to
    /// search hits. `None` for any other action; otherwise whether the
    /// action found something to do (`false`: no hit to jump to).
    pub fn handle(&mut self, action: &Action) -> Option<bool> {
        match *action {
            Action::Move(n) => self.scroll_by(n),
            Action::Page(n) => self.scroll_by(n * self.height.saturating_sub(1).max(1) as i64),
            Action::Jump { end } => self.scroll_to(if end { usize::MAX } else { 0 }),
            Action::NextHit(forward) => return Some(self.jump_to_hit(forward)),
            _ => return None,
        }
        Some(true)
    }

    fn scroll_by(&mut self, n: i64) {
        let s = (self.scroll as i64 + n).max(0) as usize;
        self.scroll_to(s);
    }

    fn scroll_to(&mut self, line: usize) {
        let s = line.min(self.max_scroll());
        self.moved |= s != self.scroll;
        self.scroll = s;
    }

    /// Scroll to the next (or previous) line holding a hit. False if none.
    fn jump_to_hit(&mut self, forward: bool) -> bool {
        let here = self.scroll + HIT_CONTEXT;
        let target = if forward {
            self.hit_lines.iter().find(|&&l| l > here).or(self.hit_lines.first())
        } else {
            self.hit_lines.iter().rev().find(|&&l| l < here).or(self.hit_lines.last())
        };
        match target {
            Some(&l) => {
                self.scroll_to(l.saturating_sub(HIT_CONTEXT));
                true
            }
            None => false,
        }
    }
}

/// Title, a meta line, then the paragraphs with a blank line between.
fn layout_article(a: &Article, width: usize, matcher: Option<&Matcher>, render: Render) -> Vec<ReaderLine> {
    let mut out = Vec::new();
    let para = |text: &str, kind: LineKind, out: &mut Vec<ReaderLine>| {
        let hits = matcher.map(|m| m.hit_ranges(text)).unwrap_or_default();
        let opts = LayoutOptions { direction: BaseDirection::Auto, highlights: &hits, render };
        out.extend(layout_paragraph(text, width, &opts).into_iter().map(|l| ReaderLine { kind, line: Some(l) }));
    };
    para(&a.title, LineKind::Title, &mut out);
    let date = a.published.and_then(format::recent_date).unwrap_or_default();
    // Source, date and link, each isolated (a Sorani source beside a
    // date would otherwise take its digits), in the interface's direction.
    let meta: Vec<String> = [a.source.as_str(), date.as_str(), a.url.as_deref().unwrap_or("")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(crate::tui::strings::isolate)
        .collect();
    if !meta.is_empty() {
        let flow = crate::tui::mirror::Flow::of(render);
        let line = flow.align(flow.label(&meta.join(" · "), width, render));
        out.push(ReaderLine { kind: LineKind::Meta, line: Some(line) });
    }
    for p in paragraphs(&a.body) {
        out.push(ReaderLine { kind: LineKind::Body, line: None });
        para(p, LineKind::Body, &mut out);
    }
    out
}

/// The article's own link as 0, then the numbered references (`[n] url`
/// paragraphs) that HTML bodies end with.
fn links_of(a: &Article) -> Vec<(u32, String)> {
    let mut links: Vec<(u32, String)> = own_link(a).map(|u| (0, u.to_owned())).into_iter().collect();
    for p in paragraphs(&a.body) {
        let Some(rest) = p.strip_prefix('[') else { continue };
        let Some((n, url)) = rest.split_once("] ") else { continue };
        if let (Ok(n), false) = (n.parse::<u32>(), url.contains(char::is_whitespace)) {
            links.push((n, url.to_owned()));
        }
    }
    links
}

fn own_link(a: &Article) -> Option<&str> {
    a.url.as_deref().map(str::trim).filter(|u| !u.is_empty())
}

/// Draws a [`ReaderPane`] from its scroll position.
impl Widget for &ReaderPane {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        if self.article.is_none() {
            let w = area.width.saturating_sub(1) as usize;
            let render = self.render;
            crate::tui::mirror::Flow::of(render).put(
                buf,
                area,
                area.y,
                1,
                &strings::no_article(),
                w,
                render,
                theme::dim(),
            );
            return;
        }
        let width = text_width(area);
        let x = area.x + (area.width as usize > width) as u16;
        for (n, l) in self.lines.iter().skip(self.scroll).take(area.height as usize).enumerate() {
            let Some(line) = &l.line else { continue };
            let style = match l.kind {
                LineKind::Title => theme::title(),
                LineKind::Meta => theme::dim(),
                LineKind::Body => theme::base(),
            };
            buf.set_line(x, area.y + n as u16, &to_line(line, width, style, theme::highlight()), width as u16);
        }
    }
}

/// The width the reader lays text out in, in a pane of `area`: one cell of
/// margin on each side.
pub fn text_width(area: Rect) -> usize {
    (area.width as usize).saturating_sub(2).max(1)
}

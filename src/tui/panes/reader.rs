//! The reader pane: the article, its laid-out lines, its links, scrolling.
//!
//! An article is laid out a paragraph at a time, as far down as it has been
//! shown: a long article's preview costs the lines on screen, not the whole
//! text; the rest is laid out as the reader scrolls to it (to its end only
//! for `G` or a search hit further down). Layouts are kept per (article,
//! width, highlight generation): scrolling back never lays out again, and
//! resizing back to a recent width is a cache hit. The article's links are
//! found once, when it is shown.

use crate::search::Matcher;
use crate::store::{Article, ArticleKey};
use crate::text::paragraphs::{paragraph_ranges, paragraphs};
use crate::text::to_tui::to_line;
use crate::text::{layout_paragraph, BaseDirection, DisplayLine, LayoutOptions, Render};
use crate::tui::action::Action;
use crate::tui::cells;
use crate::tui::{format, strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::ops::Range;

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
    /// Layouts of recent articles and widths, the one shown last; `current`
    /// names it.
    cache: Vec<(CacheKey, Layout)>,
    current: Option<CacheKey>,
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

    /// The lines laid out so far (after `fit`: at least to the bottom of
    /// the pane, or the whole article).
    pub fn lines(&self) -> &[ReaderLine] {
        self.layout().map_or(&[], |l| &l.lines)
    }

    fn layout(&self) -> Option<&Layout> {
        self.current.and_then(|_| self.cache.last()).map(|(_, l)| l)
    }

    /// The current layout, laid out to at least `lines` lines (or to the
    /// article's end).
    fn laid_out(&mut self, lines: usize) -> Option<&Layout> {
        self.laid_out_until(|l| l.lines.len() >= lines)
    }

    /// The current layout, laid out until `done` holds (or to the end).
    fn laid_out_until(&mut self, done: impl Fn(&Layout) -> bool) -> Option<&Layout> {
        let (article, (_, layout)) = (self.article.as_ref()?, self.cache.last_mut()?);
        self.current?;
        layout.extend_until(article, done);
        Some(layout)
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
        self.current = None;
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

    /// Lay out for `width` (cached) as far as `height` lines from the
    /// scroll position, and clamp the scroll.
    pub fn fit(&mut self, width: usize, height: usize, matcher: Option<&Matcher>, generation: u64) {
        self.height = height;
        let Some(article) = &self.article else { return };
        let key = CacheKey { key: article.key, width, generation: if matcher.is_some() { generation } else { 0 } };
        // A layout is of the text it was made from: an article fetched
        // again with a new title or body keeps its key, and is laid out anew.
        let stale = |l: &Layout| l.made_from != article.content_hash;
        if self.current != Some(key) || self.layout().is_none_or(stale) {
            self.cache.retain(|(k, l)| *k != key || !stale(l));
            // The layout shown goes last (the first is the oldest).
            match self.cache.iter().position(|(k, _)| *k == key) {
                Some(i) => {
                    let entry = self.cache.remove(i);
                    self.cache.push(entry);
                }
                None => {
                    if self.cache.len() >= CACHE_SIZE {
                        self.cache.remove(0);
                    }
                    self.cache.push((key, Layout::new(article, width, matcher.cloned(), self.render)));
                }
            }
            self.current = Some(key);
        }
        let saved = article.position.max(0) as usize;
        if std::mem::take(&mut self.restore_pending) {
            // Opened from search results: at the first hit, which is what
            // the reader came for; else where they left off.
            let first_hit = matcher.and_then(|_| self.hit_after(None));
            self.scroll = match first_hit {
                Some(first) => first.saturating_sub(HIT_CONTEXT),
                None => saved,
            };
        }
        self.scroll = self.scroll.min(self.max_scroll(self.scroll));
    }

    /// The furthest the scroll can go, as far as `to` needs to know: the
    /// article is laid out to `to`'s screenful (all of it for `usize::MAX`).
    fn max_scroll(&mut self, to: usize) -> usize {
        let height = self.height.max(1);
        match self.laid_out(to.saturating_add(height)) {
            Some(l) if l.complete() => l.lines.len().saturating_sub(height),
            Some(_) => to,
            None => 0,
        }
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
        let s = line.min(self.max_scroll(line));
        self.moved |= s != self.scroll;
        self.scroll = s;
    }

    /// Scroll to the next (or previous) line holding a hit, round to the
    /// first (or last) past the end. False if none.
    fn jump_to_hit(&mut self, forward: bool) -> bool {
        let here = self.scroll + HIT_CONTEXT;
        let target = match forward {
            true => self.hit_after(Some(here)).or_else(|| self.hit_after(None)),
            false => self.hit_before(here).or_else(|| self.hit_before(usize::MAX)),
        };
        match target {
            Some(l) => {
                self.scroll_to(l.saturating_sub(HIT_CONTEXT));
                true
            }
            None => false,
        }
    }

    /// The first line holding a hit after `line` (from the top for `None`),
    /// laying out as far as it takes.
    fn hit_after(&mut self, line: Option<usize>) -> Option<usize> {
        let after = |l: &usize| line.is_none_or(|line| *l > line);
        let layout = self.laid_out_until(|l| l.hit_lines.iter().any(after))?;
        layout.hit_lines.iter().copied().find(after)
    }

    /// The last line holding a hit before `line`, laying out to it.
    fn hit_before(&mut self, line: usize) -> Option<usize> {
        let layout = self.laid_out(line)?;
        layout.hit_lines.iter().rev().copied().find(|&l| l < line)
    }
}

/// An article's lines for one width, laid out a paragraph at a time as far
/// as they have been needed.
#[derive(Debug)]
struct Layout {
    lines: Vec<ReaderLine>,
    /// Lines holding a search hit, among those laid out.
    hit_lines: Vec<usize>,
    /// The body's paragraphs not laid out yet, the next last.
    rest: Vec<Range<usize>>,
    width: usize,
    matcher: Option<Matcher>,
    render: Render,
    /// The content hash of the article laid out.
    made_from: String,
}

impl Layout {
    /// The title and the meta line; the body waits for [`Layout::extend_until`].
    fn new(a: &Article, width: usize, matcher: Option<Matcher>, render: Render) -> Layout {
        let mut rest = paragraph_ranges(&a.body);
        rest.reverse();
        let made_from = a.content_hash.clone();
        let mut layout = Layout { lines: Vec::new(), hit_lines: Vec::new(), rest, width, matcher, render, made_from };
        layout.paragraph(&a.title, LineKind::Title);
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
            layout.lines.push(ReaderLine { kind: LineKind::Meta, line: Some(line) });
        }
        layout
    }

    /// Whether the whole article is laid out.
    fn complete(&self) -> bool {
        self.rest.is_empty()
    }

    /// Lay out the body's paragraphs, each after a blank line, until `done`
    /// holds or the article ends.
    fn extend_until(&mut self, a: &Article, done: impl Fn(&Layout) -> bool) {
        while !done(self) {
            let Some(p) = self.rest.pop() else { return };
            // Ranges of the body it was made from ([`ReaderPane::fit`] makes
            // a new layout for a new body); never a panic if not.
            let Some(text) = a.body.get(p) else { return self.rest.clear() };
            self.lines.push(ReaderLine { kind: LineKind::Body, line: None });
            self.paragraph(text, LineKind::Body);
        }
    }

    fn paragraph(&mut self, text: &str, kind: LineKind) {
        let hits = self.matcher.as_ref().map(|m| m.hit_ranges(text)).unwrap_or_default();
        let opts = LayoutOptions { direction: BaseDirection::Auto, highlights: &hits, render: self.render };
        for line in layout_paragraph(text, self.width, &opts) {
            if line.segments.iter().any(|s| s.highlight) {
                self.hit_lines.push(self.lines.len());
            }
            self.lines.push(ReaderLine { kind, line: Some(line) });
        }
    }
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
        for (n, l) in self.lines().iter().skip(self.scroll).take(area.height as usize).enumerate() {
            let Some(line) = &l.line else { continue };
            let style = match l.kind {
                LineKind::Title => theme::title(),
                LineKind::Meta => theme::dim(),
                LineKind::Body => theme::base(),
            };
            cells::set_line(buf, x, area.y + n as u16, &to_line(line, width, style, theme::highlight()), width as u16);
        }
    }
}

/// The width the reader lays text out in, in a pane of `area`: one cell of
/// margin on each side.
pub fn text_width(area: Rect) -> usize {
    (area.width as usize).saturating_sub(2).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchIndex;
    use proptest::prelude::*;

    fn article(paragraphs: &[String], position: i64) -> Article {
        Article {
            key: 7,
            id: "a".into(),
            source: "test".into(),
            url: None,
            title: "سەردێڕ title".into(),
            body: paragraphs.join("\n\n"),
            lang: None,
            published: None,
            imported_at: 0,
            content_hash: String::new(),
            read: false,
            starred: false,
            position,
            origin: "test".into(),
        }
    }

    fn matcher(query: &str) -> Matcher {
        let index = SearchIndex::in_memory().unwrap();
        index.prepare_query(query).unwrap().unwrap().matcher().clone()
    }

    /// The reader as it was before laying out lazily: the whole article at
    /// once, the scroll clamped to its length.
    struct Whole {
        lines: Vec<ReaderLine>,
        hits: Vec<usize>,
        scroll: usize,
        height: usize,
    }

    impl Whole {
        fn new(a: &Article, width: usize, height: usize, m: Option<&Matcher>) -> Whole {
            let mut l = Layout::new(a, width, m.cloned(), Render::default());
            l.extend_until(a, |_| false);
            let max = l.lines.len().saturating_sub(height.max(1));
            let scroll = match (m, l.hit_lines.first()) {
                (Some(_), Some(&first)) => first.saturating_sub(HIT_CONTEXT),
                _ => a.position as usize,
            };
            Whole { scroll: scroll.min(max), lines: l.lines, hits: l.hit_lines, height }
        }

        fn to(&mut self, line: usize) {
            self.scroll = line.min(self.lines.len().saturating_sub(self.height.max(1)));
        }

        fn act(&mut self, action: &Action) {
            let here = self.scroll + HIT_CONTEXT;
            match *action {
                Action::Move(n) => self.to((self.scroll as i64 + n).max(0) as usize),
                Action::Page(n) => {
                    self.to((self.scroll as i64 + n * self.height.saturating_sub(1).max(1) as i64).max(0) as usize)
                }
                Action::Jump { end } => self.to(if end { usize::MAX } else { 0 }),
                Action::NextHit(true) => {
                    if let Some(&l) = self.hits.iter().find(|&&l| l > here).or(self.hits.first()) {
                        self.to(l.saturating_sub(HIT_CONTEXT))
                    }
                }
                Action::NextHit(false) => {
                    if let Some(&l) = self.hits.iter().rev().find(|&&l| l < here).or(self.hits.last()) {
                        self.to(l.saturating_sub(HIT_CONTEXT))
                    }
                }
                _ => unreachable!(),
            }
        }

        fn shown(&self) -> Vec<Option<DisplayLine>> {
            self.lines.iter().skip(self.scroll).take(self.height).map(|l| l.line.clone()).collect()
        }
    }

    fn shown(pane: &ReaderPane) -> Vec<Option<DisplayLine>> {
        pane.lines().iter().skip(pane.scroll()).take(pane.height).map(|l| l.line.clone()).collect()
    }

    fn words() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec!["هەواڵ", "کوردستان", "news", "hewlêr", "لە", "و", "ئابووری", "2024"]);
        prop::collection::vec(word, 1..40).prop_map(|w| w.join(" "))
    }

    fn actions() -> impl Strategy<Value = Action> {
        prop_oneof![
            (-30i64..30).prop_map(Action::Move),
            (-3i64..3).prop_map(Action::Page),
            any::<bool>().prop_map(|end| Action::Jump { end }),
            any::<bool>().prop_map(Action::NextHit),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Laid out as far as shown, the reader shows what laying out the
        /// whole article showed, after any keys, at any size.
        #[test]
        fn a_reader_laid_out_as_needed_shows_what_the_whole_layout_showed(
            paragraphs in prop::collection::vec(words(), 0..30),
            width in 4usize..50,
            height in 0usize..12,
            position in 0i64..80,
            search in any::<bool>(),
            keys in prop::collection::vec(actions(), 0..12),
        ) {
            let a = article(&paragraphs, position);
            let m = search.then(|| matcher("هەواڵ"));
            let mut whole = Whole::new(&a, width, height, m.as_ref());
            let mut pane = ReaderPane::default();
            pane.show(a);
            pane.fit(width, height, m.as_ref(), 1);
            prop_assert_eq!(pane.scroll(), whole.scroll);
            prop_assert_eq!(shown(&pane), whole.shown());
            for key in &keys {
                whole.act(key);
                pane.handle(key);
                pane.fit(width, height, m.as_ref(), 1);
                prop_assert_eq!(pane.scroll(), whole.scroll, "after {:?}", key);
                prop_assert_eq!(shown(&pane), whole.shown(), "after {:?}", key);
            }
        }
    }

    #[test]
    fn a_long_article_is_laid_out_only_as_far_as_it_is_shown() {
        let paragraphs: Vec<String> = (0..2_000).map(|i| format!("بەشی {i} لە هەواڵەکە")).collect();
        let mut pane = ReaderPane::default();
        pane.show(article(&paragraphs, 0));
        pane.fit(40, 10, None, 0);
        let first = pane.lines().len();
        assert!((10..20).contains(&first), "{first} lines laid out for a pane of 10");
        // A page down lays out one more screenful, not the rest.
        pane.handle(&Action::Page(1));
        pane.fit(40, 10, None, 0);
        assert!(pane.lines().len() < first + 20, "{} lines after a page", pane.lines().len());
        // The end is known once asked for.
        pane.handle(&Action::Jump { end: true });
        pane.fit(40, 10, None, 0);
        assert_eq!(pane.lines().len(), 2 + 2 * 2_000);
        assert_eq!(pane.scroll(), pane.lines().len() - 10);
    }

    #[test]
    fn an_article_whose_text_changed_under_its_key_is_laid_out_anew() {
        let old: Vec<String> = (0..200).map(|i| format!("کۆنی {i}")).collect();
        let mut pane = ReaderPane::default();
        pane.show(Article { content_hash: "old".into(), ..article(&old, 0) });
        pane.fit(40, 10, None, 0);
        // Fetched again: a shorter body, in other words, the same key.
        let new = vec!["نوێ".to_string(); 3];
        let fresh = |pane: &mut ReaderPane| {
            pane.show(Article { content_hash: "new".into(), ..article(&new, 0) });
            pane.handle(&Action::Jump { end: true });
            pane.fit(40, 10, None, 0);
            pane.lines().iter().map(|l| l.line.clone()).collect::<Vec<_>>()
        };
        assert_eq!(fresh(&mut pane), fresh(&mut ReaderPane::default()));
        assert_eq!(pane.lines().len(), 2 + 2 * 3);
    }

    #[test]
    fn opened_from_a_search_the_reader_lays_out_to_the_first_hit_only() {
        let mut paragraphs: Vec<String> = (0..1_000).map(|i| format!("بەشی {i}")).collect();
        paragraphs[500] = "هەواڵی نوێ".into();
        let m = matcher("هەواڵ");
        let mut pane = ReaderPane::default();
        pane.show(article(&paragraphs, 0));
        pane.fit(40, 10, Some(&m), 1);
        // Title, meta, then a blank line and a line for each paragraph.
        let hit = 2 + 2 * 500 + 1;
        assert_eq!(pane.scroll(), hit - HIT_CONTEXT);
        assert!(pane.lines().len() < hit + 20, "{} lines laid out", pane.lines().len());
    }
}

//! The article list pane: what it lists (the library or search results),
//! the selection, and the window of rows read from the store.
//!
//! Only the visible window of rows is held, so a list of a million rows
//! costs what its screen costs. Scrolling reads the rows that come into
//! view next to the loaded ones (keyset paging on the store's time index);
//! a jump reads by offset from the nearer end. The selection is a row
//! number plus the key of the article on it: when the library is re-read
//! (after a fetch) the selection follows the article, not the row.

use crate::jobs::search::{SearchResponse, SnippetRequest, SnippetRow};
use crate::store::{ArticleKey, ArticleSummary, Store, StoreError, View};
use crate::text::to_tui::to_line;
use crate::text::{layout_paragraph, layout_single_line, BaseDirection, DisplayLine, LayoutOptions, Render};
use crate::tui::action::Action;
use crate::tui::cells;
use crate::tui::mirror::Flow;
use crate::tui::{format, strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Rows read beyond the visible ones, so small scrolls read nothing.
const MARGIN: u64 = 32;
/// The same for search results, read a little at a time: hits are
/// scattered over the store (a row each, not a run of neighbours), and a
/// new answer reads only its visible rows, so it reaches the screen
/// sooner.
const SEARCH_MARGIN: u64 = 8;
/// Columns of the date (`25-03-14`).
const DATE_W: usize = 8;
/// Columns of the source, when there is room.
const SOURCE_W: usize = 10;

/// What the list shows.
#[derive(Clone, Debug)]
pub enum ListSource {
    /// A view of the library (all, unread, starred; one origin or all),
    /// newest first.
    Library { view: View, total: u64 },
    /// Search results, best first.
    Search(Box<SearchList>),
}

/// A row's snippet and the hit ranges in it.
pub type Snippet = (String, Vec<Range<usize>>);

/// Search results on screen: the answer and the snippets that followed it.
#[derive(Clone, Debug)]
pub struct SearchList {
    pub response: SearchResponse,
    /// Row index → snippet.
    pub snippets: HashMap<usize, Snippet>,
    /// Until this answer's snippets arrive, the previous answer's snippet
    /// of each row that lists the same article as before: it is on the
    /// screen already, so it costs no bytes, and the new one then changes
    /// only what differs (usually the highlights) instead of being written
    /// into a blank line.
    carried: HashMap<usize, Snippet>,
    /// Rows whose snippets were asked for (they follow, unless the article
    /// is gone): each row is asked for once.
    asked: HashSet<usize>,
}

impl SearchList {
    pub fn new(mut response: SearchResponse) -> SearchList {
        // The first rows' snippets come with the answer or follow it, unasked.
        let asked = (0..response.snippet_rows).collect();
        let snippets = std::mem::take(&mut response.snippets).into_iter().map(|(i, text, hits)| (i, (text, hits)));
        SearchList { response, snippets: snippets.collect(), carried: HashMap::new(), asked }
    }
}

/// The article list.
#[derive(Debug)]
pub struct ListPane {
    source: ListSource,
    /// The selected row.
    selected: u64,
    /// The article on the selected row, once its row has been read.
    selected_key: Option<ArticleKey>,
    /// First visible row.
    offset: u64,
    /// Visible rows (set by `fit`).
    height: usize,
    /// Lines per row: 2 while search snippets are shown.
    row_lines: u16,
    /// Rows from `window_start` on.
    window: Vec<ArticleSummary>,
    window_start: u64,
    /// The window's rows may stand in for the store's after the next reset:
    /// false once the library changed under them.
    reusable: bool,
    /// The rows of the window before the source was last reset, while they
    /// are current: the next answer to a query typed on usually lists many
    /// of the same articles.
    kept: Vec<ArticleSummary>,
    render: Render,
    /// The rows' lines as laid out for recent frames.
    memo: LineMemo,
}

/// Lines of the list laid out for recent frames, by what they were laid
/// out from. Most frames draw the rows the last one drew (a letter typed,
/// a snippet or the reader arriving, a move by one row), and the bidi
/// layout of their titles and snippets was most of a frame's time.
#[derive(Debug, Default)]
struct LineMemo {
    lines: RefCell<HashMap<MemoKey, Option<DisplayLine>>>,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct MemoKey {
    text: String,
    width: usize,
    /// Highlighted byte ranges: a snippet's first line; none: a single line.
    snippet: Option<Vec<Range<usize>>>,
}

/// Lines kept: several screens of rows, each with its title, source and
/// snippet.
const MEMO_LINES: usize = 1024;

impl LineMemo {
    /// `text` as one line of `width` cells, cut with an ellipsis.
    fn single(&self, text: &str, width: usize, render: Render) -> DisplayLine {
        let key = MemoKey { text: text.to_owned(), width, snippet: None };
        let line = self.get_or(key, || Some(layout_single_line(text, width, BaseDirection::Auto, render)));
        line.expect("a single line is always laid out")
    }

    /// The first line of `text` wrapped at `width`, with `hits` highlighted.
    fn first_line(&self, text: &str, width: usize, hits: &[Range<usize>], render: Render) -> Option<DisplayLine> {
        let key = MemoKey { text: text.to_owned(), width, snippet: Some(hits.to_vec()) };
        let opts = LayoutOptions { direction: BaseDirection::Auto, highlights: hits, render };
        self.get_or(key, || layout_paragraph(text, width, &opts).into_iter().next())
    }

    fn get_or(&self, key: MemoKey, lay_out: impl FnOnce() -> Option<DisplayLine>) -> Option<DisplayLine> {
        let mut lines = self.lines.borrow_mut();
        if let Some(line) = lines.get(&key) {
            return line.clone();
        }
        if lines.len() >= MEMO_LINES {
            lines.clear();
        }
        lines.entry(key).or_insert_with(lay_out).clone()
    }

    fn clear(&self) {
        self.lines.borrow_mut().clear();
    }
}

impl ListPane {
    /// The whole library, with `total` rows.
    pub fn new(total: u64) -> ListPane {
        ListPane {
            source: ListSource::Library { view: View::all(), total },
            selected: 0,
            selected_key: None,
            offset: 0,
            height: 0,
            row_lines: 1,
            window: Vec::new(),
            window_start: 0,
            reusable: true,
            kept: Vec::new(),
            render: Render::default(),
            memo: LineMemo::default(),
        }
    }

    pub fn set_render(&mut self, render: Render) {
        if render != self.render {
            self.render = render;
            self.memo.clear();
        }
    }

    pub fn source(&self) -> &ListSource {
        &self.source
    }

    /// Number of rows in the list.
    pub fn len(&self) -> u64 {
        match &self.source {
            ListSource::Library { total, .. } => *total,
            ListSource::Search(r) => r.response.hits.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn selected(&self) -> u64 {
        self.selected
    }

    /// The article on the selected row, once its row has been read.
    pub fn selected_key(&self) -> Option<ArticleKey> {
        self.selected_key
    }

    /// First visible row.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Visible rows.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Rows held in memory.
    pub fn window_len(&self) -> usize {
        self.window.len()
    }

    /// The summary of row `i`, if it is loaded.
    pub fn row(&self, i: u64) -> Option<&ArticleSummary> {
        i.checked_sub(self.window_start).and_then(|j| self.window.get(j as usize))
    }

    /// The summary of the selected row, if it is loaded.
    pub fn selected_row(&self) -> Option<&ArticleSummary> {
        self.row(self.selected)
    }

    /// The snippet of row `i`, when searching and it has arrived.
    pub fn snippet(&self, i: u64) -> Option<&Snippet> {
        match &self.source {
            ListSource::Search(r) => r.snippets.get(&(i as usize)).or_else(|| r.carried.get(&(i as usize))),
            ListSource::Library { .. } => None,
        }
    }

    /// Movement keys, when the list has focus. False for any other action.
    pub fn handle(&mut self, action: &Action) -> bool {
        let Some(to) = super::moved_to(action, self.selected as i64, self.height) else { return false };
        self.select(to);
        true
    }

    /// Show another source, from its top. The rows loaded so far are kept
    /// aside for the next read, unless the library changed under them.
    pub fn reset(&mut self, mut source: ListSource) {
        if let (ListSource::Search(old), ListSource::Search(new)) = (&mut self.source, &mut source) {
            // What the rows show: their snippets, or the placeholders of
            // those still to come.
            let mut shown = std::mem::take(&mut old.carried);
            shown.extend(old.snippets.drain());
            let (before, after) = (&old.response.hits, &new.response.hits);
            new.carried = shown
                .into_iter()
                .filter(|(i, _)| {
                    !new.snippets.contains_key(i) && before.get(*i).is_some_and(|k| after.get(*i) == Some(k))
                })
                .collect();
        }
        self.source = source;
        self.kept = std::mem::take(&mut self.window);
        if !std::mem::replace(&mut self.reusable, true) {
            self.kept.clear();
        }
        self.window_start = 0;
        self.selected = 0;
        self.selected_key = None;
        self.offset = 0;
    }

    /// The rest of a search answer arrived: the same hits first, so the
    /// selection, the scroll and the snippets stay.
    pub fn extend_results(&mut self, full: SearchResponse) {
        if let ListSource::Search(r) = &mut self.source {
            if r.response.generation == full.generation {
                r.response = full;
            }
        }
    }

    /// Snippets for rows of the answer with this generation.
    pub fn add_snippets(&mut self, generation: u64, rows: Vec<SnippetRow>) {
        if let ListSource::Search(r) = &mut self.source {
            if r.response.generation == generation {
                r.carried.clear();
                r.snippets.extend(rows.into_iter().map(|(i, text, hits)| (i, (text, hits))));
            }
        }
    }

    /// The rows in view whose snippets have not been asked for yet, and
    /// with `ahead` the half screen below them too (shown by the time the
    /// list scrolls to them, one row or a page at a time). `None` when
    /// there are none, or the list shows the library.
    pub fn snippets_wanted(&mut self, ahead: bool) -> Option<SnippetRequest> {
        let ListSource::Search(r) = &mut self.source else { return None };
        let hits = &r.response.hits;
        let start = (self.offset as usize).min(hits.len());
        let below = if ahead { self.height / 2 } else { 0 };
        let end = (start + self.height + below).min(hits.len());
        let rows: Vec<_> = (start..end).filter(|&i| r.asked.insert(i)).map(|i| (i, hits[i])).collect();
        (!rows.is_empty()).then_some(SnippetRequest { generation: r.response.generation, rows })
    }

    /// The view shown, when the list shows the library.
    pub fn view(&self) -> Option<&View> {
        match &self.source {
            ListSource::Library { view, .. } => Some(view),
            ListSource::Search(_) => None,
        }
    }

    /// Show `view` of the library, staying on the selected article if it
    /// is in the new view too, else from the top.
    pub fn show_view(&mut self, store: &Store, view: View) -> Result<(), StoreError> {
        let key = match self.selected_key.filter(|_| self.view().is_some()) {
            Some(key) if store.in_view(&view, key)? => Some(key),
            _ => None,
        };
        // The count is read by the reload.
        self.reset(ListSource::Library { view, total: 0 });
        self.selected_key = key;
        self.reload_library(store)
    }

    /// The library changed under the list (a fetch, another process, a
    /// mark): read the view's size again and keep the selection on the same
    /// article wherever its row went. The selected article stays in the
    /// list even when it no longer fits the filter (read in the unread
    /// view): the reader is on it. It leaves at a reload after the
    /// selection has moved on.
    pub fn reload_library(&mut self, store: &Store) -> Result<(), StoreError> {
        self.kept.clear();
        let ListSource::Library { view, total } = &mut self.source else {
            // Search results are asked for again; their rows are read anew.
            self.reusable = false;
            return Ok(());
        };
        view.also = self.selected_key.filter(|_| view.filter != crate::store::Filter::All);
        *total = store.count_view(view)?;
        self.window.clear();
        if let Some(key) = self.selected_key {
            if let Some(row) = store.rank_in(view, key)? {
                let shift = row as i64 - self.selected as i64;
                self.offset = (self.offset as i64 + shift).max(0) as u64;
                self.selected = row;
            }
        }
        self.select(self.selected as i64);
        Ok(())
    }

    /// Select the article `key` on the row it has in the view shown. False
    /// when the list shows no view or the article is gone.
    pub fn select_key(&mut self, store: &Store, key: ArticleKey) -> Result<bool, StoreError> {
        let Some(view) = self.view() else { return Ok(false) };
        let Some(row) = store.rank_in(view, key)? else { return Ok(false) };
        self.select(row as i64);
        self.selected_key = Some(key);
        Ok(true)
    }

    /// In search results: select the hit that is article `key`, if one is.
    pub fn select_hit(&mut self, key: ArticleKey) -> bool {
        let ListSource::Search(r) = &self.source else { return false };
        let Some(i) = r.response.hits.iter().position(|&k| k == key) else { return false };
        self.select(i as i64);
        self.selected_key = Some(key);
        true
    }

    /// The loaded row of the article `key`, if any.
    pub fn row_by_key(&self, key: ArticleKey) -> Option<&ArticleSummary> {
        self.window.iter().find(|r| r.key == key)
    }

    /// Apply a change to every loaded copy of the article `key`.
    pub fn update_row(&mut self, key: ArticleKey, f: impl Fn(&mut ArticleSummary)) {
        self.window.iter_mut().chain(&mut self.kept).filter(|r| r.key == key).for_each(f);
    }

    fn select(&mut self, i: i64) {
        let last = self.len().saturating_sub(1) as i64;
        self.selected = i.clamp(0, last.max(0)) as u64;
        self.scroll_to_selected();
        self.selected_key = self.row(self.selected).map(|r| r.key);
    }

    fn scroll_to_selected(&mut self) {
        self.offset = super::scrolled(self.offset, self.selected, self.height);
    }

    /// Fit the list to `rows` visible rows of `row_lines` lines and read
    /// the rows that came into view. Cheap when nothing moved.
    pub fn fit(&mut self, store: &Store, rows: usize, row_lines: u16) -> Result<(), StoreError> {
        self.height = rows;
        self.row_lines = row_lines;
        self.scroll_to_selected();
        let (start, h) = (self.offset, self.height as u64);
        let have = self.window_start..self.window_start + self.window.len() as u64;
        let need_end = (start + h).min(self.len());
        let read = if start >= have.start && need_end <= have.end {
            Ok(())
        } else if !self.continue_library_window(store, start, need_end)? {
            self.read_window(store, start, h)
        } else {
            Ok(())
        };
        self.selected_key = self.row(self.selected).map(|r| r.key).or(self.selected_key);
        read
    }

    /// A jump: read the visible rows (and a margin) by position. Search
    /// results take the rows already loaded, or loaded for the previous
    /// answer, and read only the others.
    fn read_window(&mut self, store: &Store, start: u64, h: u64) -> Result<(), StoreError> {
        let rows = match &self.source {
            ListSource::Library { view, .. } => store.window_of(view, start, (h + MARGIN) as usize)?,
            ListSource::Search(r) => {
                let hits = &r.response.hits;
                // A new answer: its screen first, the margin at the first scroll.
                let margin = if self.window.is_empty() { 0 } else { SEARCH_MARGIN };
                let end = ((start + h + margin) as usize).min(hits.len());
                let want = &hits[(start as usize).min(end)..end];
                let mut have: HashMap<ArticleKey, ArticleSummary> =
                    self.window.drain(..).chain(self.kept.drain(..)).map(|r| (r.key, r)).collect();
                let missing: Vec<ArticleKey> = want.iter().filter(|k| !have.contains_key(k)).copied().collect();
                have.extend(store.summaries(&missing)?.into_iter().map(|r| (r.key, r)));
                // A hit whose article is gone has no row, as from the store.
                want.iter().filter_map(|k| have.remove(k)).collect()
            }
        };
        self.window = rows;
        self.window_start = start;
        Ok(())
    }

    /// Scrolling the library by less than a window: read only the rows that
    /// come into view, next to the loaded ones (keyset paging, so the cost
    /// does not depend on how deep in the list they are). `Ok(false)` when
    /// the new window does not touch the loaded one (a jump).
    fn continue_library_window(&mut self, store: &Store, start: u64, need_end: u64) -> Result<bool, StoreError> {
        let ListSource::Library { view, .. } = &self.source else { return Ok(false) };
        let w = &mut self.window;
        let (have_start, have_end) = (self.window_start, self.window_start + w.len() as u64);
        let (Some(first), Some(last)) = (w.first().map(|r| r.key), w.last().map(|r| r.key)) else {
            return Ok(false);
        };
        if need_end > have_end && start >= have_start && start <= have_end {
            // Down: keep what is still visible, add what follows.
            let more = store.window_next_to_in(view, last, true, (need_end - have_end + MARGIN) as usize)?;
            w.drain(..(start - have_start) as usize);
            w.extend(more);
            self.window_start = start;
        } else if start < have_start && need_end >= have_start {
            // Up: add what precedes, keep a window's worth.
            let want = (have_start - start + MARGIN).min(have_start) as usize;
            let mut before = store.window_next_to_in(view, first, false, want)?;
            let n = before.len() as u64;
            let keep = (need_end - have_start + MARGIN).min(w.len() as u64) as usize;
            before.extend(w.drain(..keep));
            *w = before;
            self.window_start = have_start - n;
        } else {
            return Ok(false);
        }
        Ok(true)
    }

    /// The widget that draws this list; the selection is drawn stronger
    /// when the list has focus.
    pub fn widget(&self, focused: bool) -> ListWidget<'_> {
        ListWidget { pane: self, focused }
    }
}

/// Draws a [`ListPane`]: one row per article (two with a search snippet).
pub struct ListWidget<'a> {
    pane: &'a ListPane,
    focused: bool,
}

impl Widget for ListWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let list = self.pane;
        if area.is_empty() {
            return;
        }
        if list.is_empty() {
            let msg = match &list.source {
                ListSource::Search(_) => strings::no_matches(),
                ListSource::Library { view, .. } => strings::empty_view(view),
            };
            let w = area.width.saturating_sub(1) as usize;
            Flow::of(list.render).put(buf, area, area.y, 1, &msg, w, list.render, theme::dim());
            return;
        }
        for (n, i) in (list.offset..list.len()).take(list.height).enumerate() {
            let y = area.y + n as u16 * list.row_lines;
            if let Some(row) = list.row(i) {
                self.render_row(i, row, Rect { y, height: list.row_lines, ..area }, buf);
            }
        }
    }
}

impl ListWidget<'_> {
    fn render_row(&self, i: u64, row: &ArticleSummary, area: Rect, buf: &mut Buffer) {
        let render = self.pane.render;
        let selected = i == self.pane.selected;
        let style = match (selected, self.focused) {
            (true, true) => theme::selected(),
            (true, false) => theme::title(),
            (false, _) => theme::base(),
        };
        let quiet = if selected { style } else { theme::dim() };
        let w = area.width as usize;
        // Mirrored, the parts run from the right: marks at the far right,
        // the title on the reading side, every text aligned to the right.
        let flow = Flow::of(render);
        let (mirrored, aligned) = (flow.mirrored, |line| flow.align(line));
        let mut parts: Vec<Vec<Span<'static>>> = vec![
            vec![Span::styled(if row.read { " " } else { "●" }, if selected { style } else { theme::unread() })],
            vec![Span::styled(if row.starred { "★" } else { " " }, style)],
        ];
        let mut used = 2;
        if w >= used + DATE_W + 12 {
            let date = row.published.and_then(format::short_date).unwrap_or_else(|| " ".repeat(DATE_W));
            parts.push(vec![Span::styled(date, quiet)]);
            parts.push(vec![Span::styled(" ", style)]);
            used += DATE_W + 1;
        }
        if w >= used + SOURCE_W + 20 {
            let src = aligned(self.pane.memo.single(&row.source, SOURCE_W, render));
            parts.push(to_line(&src, SOURCE_W, quiet, style).spans);
            parts.push(vec![Span::styled(" ", style)]);
            used += SOURCE_W + 1;
        }
        let title_w = w.saturating_sub(used);
        if title_w > 0 {
            let title = aligned(self.pane.memo.single(&row.title, title_w, render));
            parts.push(to_line(&title, title_w, style, theme::highlight()).spans);
        }
        if mirrored {
            parts.reverse();
        }
        buf.set_style(Rect { height: 1, ..area }, style);
        cells::set_line(buf, area.x, area.y, &Line::from(parts.concat()), area.width);
        if area.height < 2 {
            return;
        }
        if let Some((snippet, hits)) = self.pane.snippet(i).filter(|(s, _)| !s.is_empty()) {
            let sw = w.saturating_sub(3).max(1);
            if let Some(first) = self.pane.memo.first_line(snippet, sw, hits, render) {
                let l = to_line(&aligned(first), sw, theme::dim(), theme::highlight());
                let x = if mirrored { area.x } else { area.x + 3 };
                cells::set_line(buf, x, area.y + 1, &l, area.width.saturating_sub(3));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewArticle;

    fn library(n: i64) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let batch: Vec<NewArticle> = (0..n)
            .map(|i| NewArticle {
                id: format!("a{i}"),
                title: format!("t{i}"),
                body: "b".into(),
                published: Some(1_000 + i),
                ..Default::default()
            })
            .collect();
        store.insert_batch(&batch, 0).unwrap();
        store
    }

    fn add(store: &mut Store, id: &str, published: i64) {
        let a = NewArticle {
            id: id.into(),
            title: id.into(),
            body: id.into(),
            published: Some(published),
            ..Default::default()
        };
        store.insert_batch(&[a], 0).unwrap();
    }

    fn selected_title(list: &mut ListPane, store: &Store) -> String {
        list.fit(store, 5, 1).unwrap();
        list.selected_row().unwrap().title.clone()
    }

    #[test]
    fn the_selection_follows_its_article_when_rows_arrive_above_below_and_around() {
        let mut store = library(20);
        let mut list = ListPane::new(store.count().unwrap());
        list.fit(&store, 5, 1).unwrap();
        list.handle(&Action::Move(7));
        assert_eq!(selected_title(&mut list, &store), "t12");
        // Newer articles sort above it: the selection moves down with it.
        add(&mut store, "newest", 9_000);
        add(&mut store, "newer", 8_000);
        // An older one sorts below it: nothing moves.
        add(&mut store, "oldest", 1);
        // One with the same time: a newer key sorts first, so above it.
        add(&mut store, "same", 1_012);
        list.reload_library(&store).unwrap();
        assert_eq!(list.len(), 24);
        assert_eq!(selected_title(&mut list, &store), "t12");
        assert_eq!(list.selected(), 10);
        assert!(list.selected() >= list.offset() && list.selected() < list.offset() + list.height() as u64);
    }

    fn answer(keys: &[ArticleKey]) -> ListSource {
        answer_with_snippets(keys, 0)
    }

    /// An answer whose first `snippet_rows` rows' snippets follow it.
    fn answer_with_snippets(keys: &[ArticleKey], snippet_rows: usize) -> ListSource {
        let response = SearchResponse {
            generation: 1,
            query: "t".into(),
            hits: keys.to_vec(),
            total: keys.len(),
            complete: true,
            elapsed: std::time::Duration::ZERO,
            matcher: Default::default(),
            snippet_rows,
            snippets: Vec::new(),
        };
        ListSource::Search(Box::new(SearchList::new(response)))
    }

    fn titles(list: &ListPane) -> Vec<String> {
        (0..list.window_len() as u64).map(|i| list.row(i).unwrap().title.clone()).collect()
    }

    #[test]
    fn a_new_answer_reads_only_rows_it_has_not_got_while_the_library_is_unchanged() {
        let mut store = library(12);
        let keys: Vec<ArticleKey> = store.window_of(&View::all(), 0, 12).unwrap().iter().map(|r| r.key).collect();
        let mut list = ListPane::new(12);
        list.reset(answer(&keys[..6]));
        list.fit(&store, 4, 2).unwrap();
        // A new answer shows its screen first; the margin comes with a scroll.
        assert_eq!(list.window_len(), 4);
        // The store changes behind the list's back: a row already loaded is
        // taken as loaded, one not loaded is read.
        let renamed = |id: &str, title: &str| NewArticle {
            id: id.into(),
            title: title.into(),
            body: title.into(),
            published: Some(2_000),
            ..Default::default()
        };
        let (first, fifth) = (list.row(0).unwrap().clone(), store.summaries(&keys[4..5]).unwrap().remove(0));
        let id = |t: &str| format!("a{}", &t[1..]);
        store
            .upsert_batch(&[renamed(&id(&first.title), "renamed"), renamed(&id(&fifth.title), "also renamed")], 0)
            .unwrap();
        list.reset(answer(&[keys[4], keys[0]]));
        list.fit(&store, 4, 2).unwrap();
        assert_eq!(titles(&list), ["also renamed", first.title.as_str()]);
        // Once the library is known to have changed, every row is read anew.
        list.reload_library(&store).unwrap();
        list.reset(answer(&[keys[4], keys[0]]));
        list.fit(&store, 4, 2).unwrap();
        assert_eq!(titles(&list), ["also renamed", "renamed"]);
        // Scrolling reads the rows that come into view, and a margin.
        list.reset(answer(&keys));
        list.fit(&store, 4, 2).unwrap();
        list.handle(&Action::Move(4));
        list.fit(&store, 4, 2).unwrap();
        assert_eq!(list.window_len(), (4 + SEARCH_MARGIN as usize).min(12 - list.offset() as usize));
        assert_eq!(list.selected_row().unwrap().key, keys[4]);
    }

    #[test]
    fn a_row_listing_the_same_article_keeps_its_snippet_until_the_new_ones_arrive() {
        let (a, b, c): (ArticleKey, ArticleKey, ArticleKey) = (1, 2, 3);
        let snippet = |t: &str| (t.to_string(), vec![0..1, 1..2]);
        let mut list = ListPane::new(0);
        list.reset(answer(&[a, b]));
        list.add_snippets(1, vec![(0, "a1".into(), vec![0..1, 1..2]), (1, "b1".into(), vec![0..1, 1..2])]);
        // Row 0 lists the same article, row 1 another: only row 0 keeps
        // the snippet it showed.
        list.reset(answer(&[a, c, b]));
        assert_eq!(list.snippet(0), Some(&snippet("a1")));
        assert_eq!((list.snippet(1), list.snippet(2)), (None, None));
        // An answer before its snippets came carries the same placeholder on.
        list.reset(answer(&[a, b]));
        assert_eq!(list.snippet(0), Some(&snippet("a1")));
        // The new snippets replace every placeholder, even of rows they
        // have no snippet for.
        list.add_snippets(1, vec![(1, "b2".into(), vec![0..1, 1..2])]);
        assert_eq!((list.snippet(0), list.snippet(1)), (None, Some(&snippet("b2"))));
        // An answer that brings some of its snippets: they show at once,
        // and a row that lists the same article with none yet keeps its
        // placeholder, until the rest arrive.
        list.add_snippets(1, vec![(0, "a2".into(), vec![0..1, 1..2])]);
        let ListSource::Search(mut next) = answer(&[a, b, c]) else { unreachable!() };
        next.response.snippets = vec![(0, "a3".into(), vec![0..1, 1..2])];
        list.reset(ListSource::Search(Box::new(SearchList::new(next.response))));
        assert_eq!((list.snippet(0), list.snippet(1)), (Some(&snippet("a3")), Some(&snippet("b2"))));
        assert_eq!(list.snippet(2), None);
        // A next answer before the rest: what the rows showed is carried on.
        list.reset(answer(&[a, b]));
        assert_eq!((list.snippet(0), list.snippet(1)), (Some(&snippet("a3")), Some(&snippet("b2"))));
        list.add_snippets(1, vec![(1, "b4".into(), vec![0..1, 1..2])]);
        assert_eq!((list.snippet(0), list.snippet(1)), (None, Some(&snippet("b4"))));
    }

    #[test]
    fn snippets_are_asked_for_once_for_the_rows_in_view_and_half_a_screen_below() {
        let store = library(40);
        let keys: Vec<ArticleKey> = store.window_of(&View::all(), 0, 40).unwrap().iter().map(|r| r.key).collect();
        let mut list = ListPane::new(40);
        // The library's rows have no snippets.
        list.fit(&store, 6, 1).unwrap();
        assert!(list.snippets_wanted(true).is_none());
        // The worker makes rows 0..4 with the answer: the rest of the
        // screen (6 rows) is asked for, once, then the 3 rows below it.
        list.reset(answer_with_snippets(&keys, 4));
        list.fit(&store, 6, 2).unwrap();
        let wanted = list.snippets_wanted(false).unwrap();
        assert_eq!(wanted.generation, 1);
        assert_eq!(wanted.rows, (4..6).map(|i| (i, keys[i])).collect::<Vec<_>>());
        assert!(list.snippets_wanted(false).is_none());
        assert_eq!(list.snippets_wanted(true).unwrap().rows, (6..9).map(|i| (i, keys[i])).collect::<Vec<_>>());
        assert!(list.snippets_wanted(true).is_none());
        // Down to the screen's last row: nothing more. A page down: the
        // rows that come into view and the half screen below.
        list.handle(&Action::Move(5));
        list.fit(&store, 6, 2).unwrap();
        assert!(list.snippets_wanted(true).is_none());
        list.handle(&Action::Page(1));
        list.fit(&store, 6, 2).unwrap();
        let end = list.offset() as usize + 9;
        assert!(end > 9, "scrolled past what was asked: {end}");
        assert_eq!(list.snippets_wanted(true).unwrap().rows, (9..end).map(|i| (i, keys[i])).collect::<Vec<_>>());
        // The end of the list: no row past the last hit.
        list.handle(&Action::Jump { end: true });
        list.fit(&store, 6, 2).unwrap();
        let rows = list.snippets_wanted(true).unwrap().rows;
        assert_eq!(rows.last(), Some(&(39, keys[39])));
        assert!(rows.iter().all(|&(i, _)| i >= 34));
        // A new answer asks anew, even for the same rows.
        list.reset(answer_with_snippets(&keys, 0));
        list.fit(&store, 6, 2).unwrap();
        assert_eq!(list.snippets_wanted(true).unwrap().rows.len(), 9);
    }

    #[test]
    fn a_selection_whose_row_was_never_read_stays_on_its_row() {
        let store = library(3);
        let mut list = ListPane::new(3);
        list.handle(&Action::Move(2));
        list.reload_library(&store).unwrap();
        assert_eq!(list.selected(), 2);
    }
}

#[cfg(test)]
mod memo_tests {
    use super::*;

    #[test]
    fn the_memo_gives_what_a_fresh_layout_gives_and_stays_bounded() {
        let memo = LineMemo::default();
        let render = Render::default();
        let texts = ["هەواڵی کوردستان news", "English title", "", "٢٠٢٤ ساڵی نوێ (new year)"];
        for round in 0..2 {
            for text in texts {
                for width in [1, 5, 12, 40] {
                    let single = layout_single_line(text, width, BaseDirection::Auto, render);
                    assert_eq!(memo.single(text, width, render), single, "round {round}: {text:?} at {width}");
                    let end = text.len().min(4);
                    let hits: Vec<Range<usize>> = text.is_char_boundary(end).then_some(0..end).into_iter().collect();
                    let hits = &hits[..];
                    let opts = LayoutOptions { direction: BaseDirection::Auto, highlights: hits, render };
                    let first = layout_paragraph(text, width, &opts).into_iter().next();
                    assert_eq!(memo.first_line(text, width, hits, render), first, "round {round}: {text:?} at {width}");
                }
            }
        }
        // The same text with other highlights is another line.
        let text = "ئابووری و سیاسەت";
        let first_word: Vec<Range<usize>> = text.find(' ').map(|end| 0..end).into_iter().collect();
        let (a, b) = (memo.first_line(text, 30, &first_word, render), memo.first_line(text, 30, &[], render));
        assert_ne!(a, b);
        for i in 0..3 * MEMO_LINES {
            memo.single(&format!("row {i}"), 20, render);
        }
        assert!(memo.lines.borrow().len() <= MEMO_LINES);
    }
}

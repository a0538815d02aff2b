//! App state and `update`. No drawing here; the only I/O is small indexed
//! reads and writes of the store (a window of list rows, one article, its
//! reading state). Search requests are not sent from here: they queue in an
//! outbox the main loop drains, so the app can be driven in tests without
//! threads.

use super::action::Action;
use super::layout::{areas, Areas};
use super::reader::ReaderPane;
use crate::jobs::search::{SearchRequest, SearchResponse, WorkerEvent};
use crate::search::Matcher;
use crate::store::{ArticleSummary, Store};
use crate::text::{Order, Render};
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::ops::Range;

/// What keys mean right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing in the search bar.
    Search,
    /// The help overlay is open; any key closes it.
    Help,
    /// The feeds overlay is open; any key closes it.
    Feeds,
    /// The article's links are listed; a digit opens one.
    Links,
    /// The calibration screen: a digit picks how text is drawn.
    Calibrate,
}

/// Something the main loop must do outside the app: start work or touch the
/// world. Queued by `update`, so the app stays free of I/O beyond the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Start a background refresh of every feed.
    Fetch,
    /// Ask the search worker to catch the index up with the store.
    SyncIndex,
    /// Open this http(s) URL in a browser.
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Save the calibration pick (candidate index, or none: keep the
    /// detected mode) and draw accordingly.
    Calibrated(Option<usize>),
}

/// Which pane j/k act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// State of the search index, as the worker reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexState {
    Opening,
    Indexing { done: u64, total: u64 },
    Ready { docs: u64 },
    Failed(String),
}

/// What the list shows. Either way, rows are read from the store a visible
/// window at a time, so a list of a million rows costs what its screen costs.
#[derive(Clone, Debug)]
pub enum ListSource {
    /// The whole library, newest first.
    Library { total: u64 },
    /// Search results, best first.
    Search(Box<SearchList>),
}

/// Search results on screen: the answer and the snippets that followed it.
#[derive(Clone, Debug)]
pub struct SearchList {
    pub response: SearchResponse,
    /// Row index → (snippet, hit ranges in it).
    pub snippets: HashMap<usize, (String, Vec<Range<usize>>)>,
}

/// The article list. Only the visible window of rows is held.
#[derive(Debug)]
pub struct ListPane {
    pub source: ListSource,
    pub selected: u64,
    /// First visible row.
    pub offset: u64,
    /// Visible rows (set by `prepare`).
    pub height: usize,
    /// Rows from `window_start` on.
    pub window: Vec<ArticleSummary>,
    window_start: u64,
}

impl ListPane {
    /// Number of rows in the list.
    pub fn len(&self) -> u64 {
        match &self.source {
            ListSource::Library { total } => *total,
            ListSource::Search(r) => r.response.hits.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The summary of row `i`, if it is loaded.
    pub fn row(&self, i: u64) -> Option<&ArticleSummary> {
        i.checked_sub(self.window_start).and_then(|j| self.window.get(j as usize))
    }

    /// The snippet of row `i`, when searching and it has arrived.
    pub fn snippet(&self, i: u64) -> Option<&(String, Vec<Range<usize>>)> {
        match &self.source {
            ListSource::Search(r) => r.snippets.get(&(i as usize)),
            ListSource::Library { .. } => None,
        }
    }

    /// Show another source, from its top; loaded rows are forgotten.
    fn reset(&mut self, source: ListSource) {
        self.source = source;
        self.window.clear();
        self.window_start = 0;
        self.selected = 0;
        self.offset = 0;
    }

    fn select(&mut self, i: i64) {
        let last = self.len().saturating_sub(1) as i64;
        self.selected = i.clamp(0, last.max(0)) as u64;
        self.scroll_to_selected();
    }

    fn scroll_to_selected(&mut self) {
        let h = self.height.max(1) as u64;
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
    }
}

/// The search bar: text and a cursor (a byte offset on a char boundary).
#[derive(Debug, Default)]
pub struct SearchBar {
    pub query: String,
    pub cursor: usize,
}

/// The app.
pub struct App {
    store: Store,
    pub mode: Mode,
    help_return: Mode,
    pub focus: Focus,
    pub list: ListPane,
    pub reader: ReaderPane,
    pub search: SearchBar,
    pub index: IndexState,
    /// A message for the status line (errors, notes).
    pub message: Option<String>,
    pub quit: bool,
    /// Bumped on every query change; answers for older generations are dropped.
    generation: u64,
    /// The generation whose results are on screen.
    shown_generation: u64,
    outbox: Vec<SearchRequest>,
    effects: Vec<Effect>,
    /// Feeds done / total while a refresh runs.
    pub fetching: Option<(usize, usize)>,
    /// The subscriptions (from the urls file), set by the main loop.
    pub subscriptions: Vec<crate::feeds::Subscription>,
    /// Fetch state of each feed, read when the feeds overlay opens.
    pub feed_states: Vec<crate::store::FeedState>,
    pub areas: Areas,
    /// How text is drawn on this terminal (bidi order, shaping).
    pub render: Render,
}

impl App {
    /// An app over `store`, showing the library.
    pub fn new(store: Store) -> App {
        let total = store.count().unwrap_or(0);
        App {
            store,
            mode: Mode::Normal,
            help_return: Mode::Normal,
            focus: Focus::List,
            list: ListPane {
                source: ListSource::Library { total },
                selected: 0,
                offset: 0,
                height: 0,
                window: Vec::new(),
                window_start: 0,
            },
            reader: ReaderPane::default(),
            search: SearchBar::default(),
            index: IndexState::Opening,
            message: None,
            quit: false,
            generation: 0,
            shown_generation: 0,
            outbox: Vec::new(),
            effects: Vec::new(),
            fetching: None,
            subscriptions: Vec::new(),
            feed_states: Vec::new(),
            areas: Areas::default(),
            render: Render::default(),
        }
    }

    /// Draw for another terminal mode from the next frame on.
    pub fn set_render(&mut self, render: Render) {
        self.render = render;
        self.reader.set_render(render);
    }

    /// Search requests to send to the worker.
    pub fn take_requests(&mut self) -> Vec<SearchRequest> {
        std::mem::take(&mut self.outbox)
    }

    /// Effects for the main loop to carry out.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The highlight matcher of the results on screen, if any.
    pub fn matcher(&self) -> Option<&Matcher> {
        match &self.list.source {
            ListSource::Search(r) => Some(&r.response.matcher),
            ListSource::Library { .. } => None,
        }
    }

    /// Fit the state to a screen of `size`: rows of the visible window are
    /// loaded and the reader laid out for its width (from cache if it can).
    /// Called before every draw; cheap when nothing changed.
    pub fn prepare(&mut self, size: Rect) {
        // A terminal that reorders whole rows itself would mix two panes
        // side by side: in logical order the panes are stacked.
        let side_by_side = self.render.order == Order::Visual;
        self.areas = areas(size, matches!(self.list.source, ListSource::Search(_)), side_by_side);
        self.list.height = self.areas.list_rows;
        self.list.scroll_to_selected();
        let (start, h) = (self.list.offset, self.list.height as u64);
        let have = self.list.window_start..self.list.window_start + self.list.window.len() as u64;
        let need_end = (start + h).min(self.list.len());
        if start < have.start || need_end > have.end {
            if self.continue_library_window(start, need_end) {
                self.sync_reader();
                return self.prepare_reader();
            }
            let rows = match &self.list.source {
                ListSource::Library { .. } => self.store.window(start, h as usize + 32),
                ListSource::Search(r) => {
                    let hits = &r.response.hits;
                    let end = (start as usize + h as usize + 32).min(hits.len());
                    self.store.summaries(&hits[(start as usize).min(end)..end])
                }
            };
            match rows {
                Ok(rows) => {
                    self.list.window = rows;
                    self.list.window_start = start;
                }
                Err(e) => self.message = Some(format!("cannot read the library: {e}")),
            }
        }
        self.sync_reader();
        self.prepare_reader();
    }

    /// Scrolling the library by less than a window: read only the rows that
    /// come into view, next to the loaded ones (keyset paging, so the cost
    /// does not depend on how deep in the list they are). False when the
    /// new window does not touch the loaded one (a jump): read by offset.
    fn continue_library_window(&mut self, start: u64, need_end: u64) -> bool {
        const MARGIN: u64 = 32;
        let ListSource::Library { .. } = self.list.source else { return false };
        let w = &mut self.list.window;
        let (have_start, have_end) = (self.list.window_start, self.list.window_start + w.len() as u64);
        let (Some(first), Some(last)) = (w.first().map(|r| r.key), w.last().map(|r| r.key)) else { return false };
        let read = if need_end > have_end && start >= have_start && start <= have_end {
            // Down: keep what is still visible, add what follows.
            self.store.window_next_to(last, true, (need_end - have_end + MARGIN) as usize).map(|more| {
                w.drain(..(start - have_start) as usize);
                w.extend(more);
                self.list.window_start = start;
            })
        } else if start < have_start && need_end >= have_start {
            // Up: add what precedes, keep a window's worth.
            let want = (have_start - start + MARGIN).min(have_start) as usize;
            self.store.window_next_to(first, false, want).map(|mut before| {
                let n = before.len() as u64;
                let keep = (need_end - have_start + MARGIN).min(w.len() as u64) as usize;
                before.extend(w.drain(..keep));
                *w = before;
                self.list.window_start = have_start - n;
            })
        } else {
            return false;
        };
        match read {
            Ok(()) => true,
            Err(e) => {
                self.message = Some(format!("cannot read the library: {e}"));
                true
            }
        }
    }

    /// Lay the reader out for its pane.
    fn prepare_reader(&mut self) {
        // Borrowed field by field (not through `matcher()`), so the matcher
        // is not cloned on every frame.
        let matcher = match &self.list.source {
            ListSource::Search(r) => Some(&r.response.matcher),
            ListSource::Library { .. } => None,
        };
        self.reader.prepare(
            self.areas.reader_text_width(),
            self.areas.reader.height as usize,
            matcher,
            self.shown_generation,
        );
    }

    /// Keep the reader on the selected article.
    fn sync_reader(&mut self) {
        let Some(key) = self.list.row(self.list.selected).map(|r| r.key) else {
            if self.list.is_empty() {
                self.leave_article();
            }
            return;
        };
        if self.reader.key() == Some(key) {
            return;
        }
        self.leave_article();
        match self.store.article(key) {
            Ok(a) => self.reader.show(a),
            Err(e) => self.message = Some(format!("cannot read the article: {e}")),
        }
    }

    /// Remember the reading position of the article being left.
    fn leave_article(&mut self) {
        if let Some((key, pos, changed)) = self.reader.take_position() {
            if changed {
                if let Err(e) = self.store.set_position(key, pos as i64) {
                    self.message = Some(format!("cannot save the reading position: {e}"));
                }
            }
        }
        self.reader.clear();
    }

    /// Apply an action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Calibrate(pick) => {
                self.mode = Mode::Normal;
                self.effects.push(Effect::Calibrated(pick));
            }
            Action::Quit => {
                self.leave_article();
                self.quit = true;
            }
            Action::ShowLinks => {
                self.sync_reader();
                self.mode = if self.mode == Mode::Links || self.article_links().is_empty() {
                    if self.mode != Mode::Links {
                        self.message = Some("this article has no links".into());
                    }
                    Mode::Normal
                } else {
                    Mode::Links
                };
            }
            Action::OpenLinkNumber(n) => {
                self.mode = Mode::Normal;
                match self.article_links().into_iter().find(|(i, _)| *i == n) {
                    Some((_, url)) if url.starts_with("http://") || url.starts_with("https://") => {
                        self.effects.push(Effect::OpenUrl(url))
                    }
                    Some((_, url)) => self.message = Some(format!("not opening a non-web link: {url}")),
                    None => self.message = Some(format!("no link [{n}]")),
                }
            }
            Action::ToggleFeeds => {
                if self.mode == Mode::Feeds {
                    self.mode = Mode::Normal;
                } else {
                    match self.store.feed_states() {
                        Ok(states) => self.feed_states = states,
                        Err(e) => self.message = Some(format!("cannot read feed states: {e}")),
                    }
                    self.mode = Mode::Feeds;
                }
            }
            Action::ToggleHelp => {
                if self.mode == Mode::Help {
                    self.mode = self.help_return;
                } else {
                    self.help_return = self.mode;
                    self.mode = Mode::Help;
                }
            }
            Action::Move(n) => self.move_by(n),
            Action::Page(n) => {
                let page = match self.focus {
                    Focus::List => self.list.height,
                    Focus::Reader => self.reader.height,
                }
                .saturating_sub(1)
                .max(1) as i64;
                self.move_by(n * page);
            }
            Action::Jump { end } => match self.focus {
                Focus::List => self.list.select(if end { i64::MAX } else { 0 }),
                Focus::Reader => self.reader.scroll_to(if end { usize::MAX } else { 0 }),
            },
            Action::Open => self.open_selected(),
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::List if self.reader.key().is_some() => Focus::Reader,
                    _ => Focus::List,
                }
            }
            Action::FocusSearch => self.mode = Mode::Search,
            Action::SubmitSearch => {
                self.mode = Mode::Normal;
                self.focus = Focus::List;
            }
            Action::Back => self.back(),
            Action::Insert(c) => {
                self.search.query.insert(self.search.cursor, c);
                self.search.cursor += c.len_utf8();
                self.query_changed();
            }
            Action::DeleteBack => {
                if let Some(c) = self.search.query[..self.search.cursor].chars().next_back() {
                    self.search.cursor -= c.len_utf8();
                    self.search.query.remove(self.search.cursor);
                    self.query_changed();
                }
            }
            Action::DeleteWord => {
                let head = self.search.query[..self.search.cursor].trim_end();
                let start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                self.search.query.replace_range(start..self.search.cursor, "");
                self.search.cursor = start;
                self.query_changed();
            }
            Action::ClearQuery => {
                self.search.query.clear();
                self.search.cursor = 0;
                self.query_changed();
            }
            Action::CursorLeft => {
                if let Some(c) = self.search.query[..self.search.cursor].chars().next_back() {
                    self.search.cursor -= c.len_utf8();
                }
            }
            Action::CursorRight => {
                if let Some(c) = self.search.query[self.search.cursor..].chars().next() {
                    self.search.cursor += c.len_utf8();
                }
            }
            Action::CursorHome => self.search.cursor = 0,
            Action::CursorEnd => self.search.cursor = self.search.query.len(),
            Action::ToggleStar => self.toggle_state(true),
            Action::ToggleRead => self.toggle_state(false),
            Action::Refresh => {
                if self.fetching.is_some() {
                    self.message = Some("already fetching".into());
                } else {
                    self.fetching = Some((0, 0));
                    self.effects.push(Effect::Fetch);
                }
            }
            Action::OpenLink | Action::CopyLink => self.link_action(action == Action::OpenLink),
            Action::NextHit(forward) => {
                if !self.reader.jump_to_hit(forward) {
                    self.message = Some("no search hits in this article".into());
                }
            }
        }
    }

    /// The article's links: its own as 0, then the numbered references
    /// (`[n] url` paragraphs) that HTML bodies end with.
    pub fn article_links(&self) -> Vec<(u32, String)> {
        let Some(a) = self.reader.article() else { return Vec::new() };
        let mut links: Vec<(u32, String)> = a.url.iter().map(|u| (0, u.trim().to_owned())).collect();
        for p in crate::text::paragraphs::paragraphs(&a.body) {
            let Some(rest) = p.strip_prefix('[') else { continue };
            let Some((n, url)) = rest.split_once("] ") else { continue };
            if let (Ok(n), false) = (n.parse::<u32>(), url.contains(char::is_whitespace)) {
                links.push((n, url.to_owned()));
            }
        }
        links
    }

    /// `o` and `y`: the article's link, opened or copied. Only http(s) links
    /// are opened (a feed could carry `file:` or `javascript:` ones).
    fn link_action(&mut self, open: bool) {
        self.sync_reader();
        let Some(url) = self.reader.article().and_then(|a| a.url.clone()).filter(|u| !u.trim().is_empty()) else {
            self.message = Some("this article has no link".into());
            return;
        };
        let url = url.trim().to_owned();
        if open && (url.starts_with("https://") || url.starts_with("http://")) {
            self.effects.push(Effect::OpenUrl(url));
        } else if open {
            self.message = Some(format!("not opening a non-web link: {url}"));
        } else {
            self.message = Some(format!("copied {url}"));
            self.effects.push(Effect::Copy(url));
        }
    }

    fn move_by(&mut self, n: i64) {
        match self.focus {
            Focus::List => self.list.select(self.list.selected as i64 + n),
            Focus::Reader => self.reader.scroll_by(n),
        }
    }

    fn open_selected(&mut self) {
        self.sync_reader();
        let Some(key) = self.reader.key() else { return };
        self.focus = Focus::Reader;
        if let Err(e) = self.store.set_read(key, true) {
            self.message = Some(format!("cannot mark as read: {e}"));
        }
        self.reader.set_read(true);
        self.refresh_row(key, |r| r.read = true);
    }

    fn back(&mut self) {
        if self.mode == Mode::Search {
            self.mode = Mode::Normal;
            self.search.query.clear();
            self.search.cursor = 0;
            self.query_changed();
        } else if self.focus == Focus::Reader {
            self.focus = Focus::List;
        } else if !self.search.query.is_empty() {
            self.search.query.clear();
            self.search.cursor = 0;
            self.query_changed();
        }
    }

    fn toggle_state(&mut self, star: bool) {
        let Some(row) = self.list.row(self.list.selected).cloned() else {
            return;
        };
        let result =
            if star { self.store.set_starred(row.key, !row.starred) } else { self.store.set_read(row.key, !row.read) };
        match result {
            Ok(()) => self.refresh_row(row.key, |r| if star { r.starred = !r.starred } else { r.read = !r.read }),
            Err(e) => self.message = Some(format!("cannot save: {e}")),
        }
    }

    /// Apply a change to every loaded copy of a row.
    fn refresh_row(&mut self, key: i64, f: impl Fn(&mut ArticleSummary)) {
        self.list.window.iter_mut().filter(|r| r.key == key).for_each(&f);
    }

    /// The query text changed: ask for new results (they replace the old ones
    /// when they arrive, so the list never flickers empty while typing).
    fn query_changed(&mut self) {
        self.generation += 1;
        if self.search.query.trim().is_empty() {
            self.show_library();
        } else if let IndexState::Failed(why) = &self.index {
            self.message = Some(format!("search is unavailable: {why}"));
            self.shown_generation = self.generation;
        } else {
            self.outbox.push(SearchRequest { generation: self.generation, query: self.search.query.clone() });
        }
    }

    fn show_library(&mut self) {
        let total = self.store.count().unwrap_or(0);
        self.list.reset(ListSource::Library { total });
        self.shown_generation = self.generation;
    }

    /// A notification from the search worker.
    pub fn on_worker(&mut self, event: WorkerEvent) {
        match event {
            WorkerEvent::Indexing { done, total } => self.index = IndexState::Indexing { done, total },
            WorkerEvent::Ready { docs, note } => {
                self.index = IndexState::Ready { docs };
                if note.is_some() {
                    self.message = note;
                }
            }
            WorkerEvent::Results(resp) => {
                if resp.generation != self.generation {
                    return; // superseded while it ran
                }
                self.shown_generation = resp.generation;
                self.list.reset(ListSource::Search(Box::new(SearchList { response: resp, snippets: HashMap::new() })));
            }
            WorkerEvent::MoreResults(full) => {
                // The same hits first, in the same order: the selection,
                // the scroll and the snippets stay; rows past the first
                // screens load as they come into view.
                if let ListSource::Search(r) = &mut self.list.source {
                    if r.response.generation == full.generation {
                        r.response = full;
                    }
                }
            }
            WorkerEvent::FetchProgress { done, total } => self.fetching = Some((done, total)),
            WorkerEvent::FetchDone { summary, .. } => {
                self.fetching = None;
                self.message = Some(summary);
                if let ListSource::Library { total } = &mut self.list.source {
                    *total = self.store.count().unwrap_or(*total);
                    self.list.window.clear();
                }
                self.effects.push(Effect::SyncIndex);
            }
            WorkerEvent::Snippets(sn) => {
                if let ListSource::Search(r) = &mut self.list.source {
                    if r.response.generation == sn.generation {
                        r.snippets.extend(sn.rows.into_iter().map(|(i, text, hits)| (i, (text, hits))));
                    }
                }
            }
            WorkerEvent::Error { generation, message } => {
                if generation.is_none_or(|g| g == self.generation) {
                    if generation.is_none() {
                        self.index = IndexState::Failed(message.clone());
                    }
                    self.message = Some(message);
                }
            }
        }
    }

    /// Whether a search is under way (typed, no answer yet).
    pub fn is_searching(&self) -> bool {
        self.shown_generation != self.generation
    }
}

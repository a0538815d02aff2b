//! The app: routes actions to the panes that own their state, and keeps
//! only what spans several panes (mode, focus, the search generation, the
//! index and fetch state, the status message) and the outboxes.
//!
//! State changes in three places only: [`App::update`] (an action),
//! [`App::notify`] (a background job's notification) and
//! [`App::on_outcome`] (what an effect came to). [`App::fit`] fits the
//! panes to the screen before a draw: it reads the rows and the article
//! that came into view, and writes nothing. Search requests and effects
//! are queued for the main loop, so the app runs in tests with no threads,
//! terminal, network or browser.

use super::action::Action;
use super::effect::{Effect, Outcome, Undo, Write};
use super::layout::{areas, Areas, Split};
use super::mode::{Focus, Mode, PromptKind};
use super::panes::status::{IndexState, StatusLine};
use super::panes::{reader, Edit, FeedsPane, ListPane, ListSource, ReaderPane, SearchBar, SearchList};
use super::strings;
use crate::jobs::search::{Request, SearchRequest};
use crate::jobs::Notification;
use crate::store::{Filter, Flag, Store, View};
use crate::text::{Order, Render};
use ratatui::layout::Rect;

/// How the app starts.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// How text is drawn on this terminal (bidi order, shaping).
    pub render: Render,
    /// Open on the calibration screen.
    pub calibrate: bool,
    /// A first line for the status bar.
    pub note: Option<String>,
    /// How list and reader share the screen (as last left).
    pub split: Split,
    /// The reader's keys (config.toml's `[keys]` over the defaults).
    pub keymap: super::keymap::Keymap,
}

/// The app.
pub struct App {
    store: Store,
    mode: Mode,
    /// The mode to go back to when help closes.
    help_return: Mode,
    focus: Focus,
    list: ListPane,
    reader: ReaderPane,
    search: SearchBar,
    feeds: FeedsPane,
    /// The name of the view's origin (a feed's title), for the status line.
    origin_name: Option<String>,
    /// The view of the library shown (and returned to after a search).
    view: View,
    /// Unread articles in the view (its origin; any filter).
    unread: u64,
    /// How to revert the last bulk mark or delete.
    undo: Option<Undo>,
    /// How list and reader share the screen.
    split: Split,
    keymap: super::keymap::Keymap,
    /// Search the whole library, not only the view shown (Tab while
    /// typing a query).
    search_everywhere: bool,
    /// The line typed at a prompt (`|`, `w`), while one is open.
    prompt: SearchBar,
    /// The store's data version when the list was last read (see
    /// [`App::follow_library`]).
    data_version: i64,
    /// A search is being asked again because the library changed: its
    /// answer keeps the selection on the same article.
    refreshing_search: bool,
    index: IndexState,
    /// A line for the status bar (errors, notes); cleared by the next key.
    message: Option<String>,
    quit: bool,
    /// Bumped on every query change; answers for older generations are dropped.
    generation: u64,
    /// The generation whose results are on screen.
    shown_generation: u64,
    requests: Vec<Request>,
    effects: Vec<Effect>,
    /// Feeds done / total while a refresh runs.
    fetching: Option<(usize, usize)>,
    areas: Areas,
    render: Render,
    /// The list moved since the keys last paused (see [`App::settle`]).
    moving: bool,
    /// List moves since the reader last followed the selection.
    behind: u32,
    /// A search answer arrived: its list is drawn first, and the reader
    /// follows in a frame of its own (see [`App::follow_now`]), so the
    /// layout of the article previewed does not hold the results back.
    follow_later: bool,
    /// The generation whose highlights the reader shows: the one shown in
    /// the list, once the reader has followed it.
    reader_generation: u64,
}

/// While a key is held in the list, the reader follows the selection on
/// every this many moves, and when the keys pause: the rows in between are
/// passed too quickly to be read, and drawing their articles would only
/// queue bytes on a slow link.
pub const FOLLOW_EVERY: u32 = 16;

/// The fewest hits a first answer is asked for, however small the list.
const MIN_FIRST_HITS: usize = 20;

impl App {
    /// An app over `store`, showing the library.
    pub fn new(store: Store) -> App {
        App::with_options(store, Options::default())
    }

    pub fn with_options(store: Store, options: Options) -> App {
        let (total, message) = match store.count() {
            Ok(n) => (n, options.note),
            Err(e) => (0, Some(strings::cannot_read_library(&e))),
        };
        let mut app = App {
            store,
            mode: if options.calibrate { Mode::Calibrate } else { Mode::Normal },
            help_return: Mode::Normal,
            focus: Focus::List,
            list: ListPane::new(total),
            reader: ReaderPane::default(),
            search: SearchBar::default(),
            feeds: FeedsPane::default(),
            origin_name: None,
            view: View::all(),
            unread: 0,
            undo: None,
            split: options.split,
            keymap: options.keymap,
            search_everywhere: false,
            prompt: SearchBar::default(),
            data_version: 0,
            refreshing_search: false,
            index: IndexState::Opening,
            message,
            quit: false,
            generation: 0,
            shown_generation: 0,
            requests: Vec::new(),
            effects: Vec::new(),
            fetching: None,
            areas: Areas::default(),
            render: Render::default(),
            moving: false,
            behind: 0,
            follow_later: false,
            reader_generation: 0,
        };
        app.set_render(options.render);
        app.count_unread();
        app.data_version = app.store.data_version().unwrap_or(0);
        app
    }

    /// Follow what other processes (a cron `hewal fetch`, an import) and
    /// hewal's own threads wrote to the library: the list, the counts and
    /// the feeds pane are read again, the selection staying on its article,
    /// and the index catches up (a search shown is asked again when it
    /// has). Called every [`super::event::TICK`]; false, and nothing is
    /// read, when nothing changed.
    pub fn follow_library(&mut self) -> bool {
        match self.store.data_version() {
            Ok(v) if v == self.data_version => false,
            Ok(v) => {
                self.data_version = v;
                self.reload();
                if self.mode == Mode::Feeds {
                    self.effects.push(Effect::LoadFeeds);
                }
                self.effects.push(Effect::SyncIndex);
                true
            }
            Err(e) => {
                self.message = Some(strings::cannot_read_library(&e));
                true
            }
        }
    }

    /// The reader's keys in force.
    pub fn keymap(&self) -> &super::keymap::Keymap {
        &self.keymap
    }

    /// The view of the library shown.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// Unread articles in the view's origin.
    pub fn unread(&self) -> u64 {
        self.unread
    }

    fn count_unread(&mut self) {
        match self.store.count_view(&self.view.with_filter(Filter::Unread)) {
            Ok(n) => self.unread = n,
            Err(e) => self.message = Some(strings::cannot_read_library(&e)),
        }
    }

    fn set_render(&mut self, render: Render) {
        self.render = render;
        self.list.set_render(render);
        self.reader.set_render(render);
        self.search.set_render(render);
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn list(&self) -> &ListPane {
        &self.list
    }

    pub fn reader(&self) -> &ReaderPane {
        &self.reader
    }

    pub fn search_bar(&self) -> &SearchBar {
        &self.search
    }

    /// The line being typed at a prompt (see [`Mode::Prompt`]).
    pub fn prompt(&self) -> &SearchBar {
        &self.prompt
    }

    pub fn feeds(&self) -> &FeedsPane {
        &self.feeds
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// How text is drawn on this terminal.
    pub fn render(&self) -> Render {
        self.render
    }

    /// Which way the interface runs (mirrored for a right-to-left language
    /// when hewal reorders).
    pub fn flow(&self) -> super::mirror::Flow {
        super::mirror::Flow::of(self.render)
    }

    /// Where each pane went at the last `fit`.
    pub fn areas(&self) -> Areas {
        self.areas
    }

    /// The store, for the effects that write to it (see
    /// `effect::perform_local`).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for the effects that write to it in transactions.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Requests to send to the search worker.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    /// Effects for the main loop to carry out.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Whether a fetch of the feeds is under way.
    pub fn is_fetching(&self) -> bool {
        self.fetching.is_some()
    }

    /// Whether a search is under way (typed, no answer yet).
    pub fn is_searching(&self) -> bool {
        self.shown_generation != self.generation
    }

    /// The status line's widget.
    pub fn status_line(&self) -> StatusLine<'_> {
        StatusLine {
            list: &self.list,
            searching: self.is_searching(),
            origin_name: self.origin_name.as_deref(),
            unread: self.unread,
            index: &self.index,
            fetching: self.fetching,
            message: self.message.as_deref(),
            render: self.render,
        }
    }

    /// Fit the panes to a screen of `size`: the list reads the rows that
    /// came into view, the reader shows the selected article laid out for
    /// its width (from cache if it can). Called before every draw; cheap
    /// when nothing changed.
    pub fn fit(&mut self, size: Rect) {
        // A terminal that reorders whole rows itself would mix two panes
        // side by side: in logical order the panes are stacked.
        let side_by_side = self.render.order == Order::Visual;
        let searching = matches!(self.list.source(), ListSource::Search(_));
        // Zoomed with no article, the list is shown: nothing else to see.
        let split = Split { zoom: self.split.zoom && self.reader.key().is_some(), ..self.split };
        self.areas = areas(size, searching, side_by_side, split, self.flow().mirrored);
        if let Err(e) = self.list.fit(&self.store, self.areas.list_rows, self.areas.row_lines) {
            self.message = Some(strings::cannot_read_library(&e));
        }
        // Rows below the screen are worth asking for only when the list is
        // being moved through, not while a query is typed.
        let ahead = self.mode == Mode::Normal && self.focus == Focus::List;
        self.requests.extend(self.list.snippets_wanted(ahead).map(Request::Snippets));
        self.follow_selection();
        let matcher = match self.list.source() {
            ListSource::Search(r) => Some(&r.response.matcher),
            ListSource::Library { .. } => None,
        };
        self.feeds.fit(self.areas.main.height.saturating_sub(2) as usize);
        let (width, height) = (reader::text_width(self.areas.reader), self.areas.reader.height as usize);
        self.reader.fit(width, height, matcher, self.reader_generation);
    }

    /// Keep the reader on the selected article, unless the list is being
    /// moved through quickly (see [`FOLLOW_EVERY`]).
    fn follow_selection(&mut self) {
        if self.follow_later || (self.behind > 0 && self.behind < FOLLOW_EVERY) {
            return;
        }
        self.behind = 0;
        self.reader_generation = self.shown_generation;
        let Some(key) = self.list.selected_row().map(|r| r.key) else {
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
            Err(e) => self.message = Some(strings::cannot_read_article(&e)),
        }
    }

    /// Remember the reading position of the article being left.
    fn leave_article(&mut self) {
        self.save_position();
        self.reader.clear();
    }

    /// Queue the reading position of the article in the reader, if it moved.
    fn save_position(&mut self) {
        if let Some((key, line, true)) = self.reader.take_position() {
            self.effects.push(Effect::Save(Write::Position { key, line }));
        }
    }

    /// A key from the terminal: it clears the last message, then goes
    /// through the keymap.
    pub fn handle_key(&mut self, key: crossterm::event::KeyEvent) {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        self.message = None;
        // Esc and a key that arrive together (typed quickly, or over a slow
        // link) are read by the terminal library as Alt+key. Unless Alt+key
        // means something, it is what was typed: Esc, then the key. The help
        // closes on any key, so there it is always read so (Esc closes it,
        // the key acts).
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        if !(alt && self.mode == Mode::Help) {
            if let Some(action) = super::keymap::action_for(&self.keymap, key, self.mode, self.focus) {
                return self.update(action);
            }
        }
        if alt {
            self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            self.handle_key(KeyEvent { modifiers: key.modifiers - KeyModifiers::ALT, ..key });
        }
    }

    /// Pasted text: typed into the search bar while it is open.
    pub fn handle_paste(&mut self, text: &str) {
        if self.mode == Mode::Search {
            for c in text.chars().filter(|c| !c.is_control()) {
                self.update(Action::Insert(c));
            }
        }
    }

    /// Apply an action: the focused pane first, then what spans panes.
    pub fn update(&mut self, action: Action) {
        // Only a move of the list leaves the reader behind it: anything
        // else (Tab, Enter, a mark) acts on the article shown and selected.
        let behind = std::mem::take(&mut self.behind);
        self.follow_later = false;
        if self.mode == Mode::Search && action == Action::WidenSearch {
            self.search_everywhere = !self.search_everywhere;
            return self.query_changed();
        }
        if self.mode == Mode::Search {
            match self.search.handle(&action) {
                Edit::Changed => return self.query_changed(),
                Edit::Moved => return,
                Edit::Full => return self.message = Some(strings::query_full()),
                Edit::Ignored => {}
            }
        }
        // With no search shown, `n` and `N` go to unread articles.
        if let Action::NextHit(forward) = action {
            if self.list.view().is_some() {
                return self.next_unread(forward);
            }
        }
        if let Mode::Prompt(kind) = self.mode {
            return self.update_prompt(kind, &action);
        }
        if self.mode == Mode::Feeds && self.update_feeds(&action) {
            return;
        }
        if self.mode != Mode::Calibrate && self.update_focused(&action, behind) {
            return;
        }
        match action {
            Action::Quit => {
                self.leave_article();
                self.quit = true;
            }
            Action::Suspend => {
                // The reading position is saved first: a stopped process
                // may never be continued.
                self.save_position();
                self.effects.push(Effect::Suspend);
            }
            Action::Calibrate(pick) => {
                self.mode = Mode::Normal;
                self.effects.push(Effect::Calibrated(pick));
            }
            Action::ToggleHelp => self.toggle_help(),
            Action::ToggleFeeds => self.toggle_feeds(),
            Action::ShowLinks => self.toggle_links(),
            Action::OpenLinkNumber(n) => self.open_link_number(n),
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
            Action::ToggleStar => self.toggle_mark(true),
            Action::ToggleRead => self.toggle_mark(false),
            Action::Refresh => self.refresh(),
            Action::OpenLink => self.link_action(true),
            Action::CopyLink => self.link_action(false),
            other => self.update_reading(other),
        }
    }

    /// The views, marks and the screen's split: the keys of a reader's day.
    fn update_reading(&mut self, action: Action) {
        match action {
            Action::ToggleFilter(filter) => self.toggle_filter(filter),
            Action::NextHit(forward) | Action::NextUnread(forward) => self.next_unread(forward),
            Action::MarkViewRead => {
                self.effects.push(Effect::MarkView { view: self.view.clone(), flag: Flag::Read, on: true })
            }
            Action::MarkAllRead => {
                self.effects.push(Effect::MarkView { view: View::all(), flag: Flag::Read, on: true })
            }
            Action::Delete => self.delete_selected(),
            Action::Undo => match self.undo.take() {
                Some(undo) => self.effects.push(Effect::Undo(undo)),
                None => self.message = Some(strings::nothing_to_undo()),
            },
            Action::ResizeList(more) => self.set_split(self.split.resized(more)),
            Action::Zoom => self.toggle_zoom(),
            Action::Prompt(kind) => self.open_prompt(kind),
            _ => {}
        }
    }

    fn toggle_zoom(&mut self) {
        if self.split.zoom {
            self.set_split(Split { zoom: false, ..self.split });
        } else {
            self.follow_selection();
            self.focus = if self.reader.key().is_some() { Focus::Reader } else { self.focus };
            self.set_split(Split { zoom: true, ..self.split });
        }
    }

    /// `|` and `w`: a prompt in place of the search bar, if an article is
    /// shown.
    fn open_prompt(&mut self, kind: PromptKind) {
        self.follow_selection();
        if self.reader.article().is_some() {
            let label = match kind {
                PromptKind::Pipe => strings::pipe_label(),
                PromptKind::Save => strings::save_label(),
            };
            self.prompt = SearchBar::prompt(label, self.render);
            self.mode = Mode::Prompt(kind);
        }
    }

    /// The feeds pane's own actions. True when it took the action.
    fn update_feeds(&mut self, action: &Action) -> bool {
        if self.feeds.handle(action) {
            return true;
        }
        let Some(row) = self.feeds.selected_row() else { return false };
        let view = View { filter: self.view.filter, origin: row.origin.clone(), also: None };
        match action {
            Action::Open => {
                self.origin_name = row.origin.as_ref().map(|_| row.name.clone());
                self.mode = Mode::Normal;
                self.focus = Focus::List;
                self.show_view(view);
            }
            Action::MarkViewRead => self.effects.push(Effect::MarkView {
                view: View { filter: Filter::All, ..view },
                flag: Flag::Read,
                on: true,
            }),
            _ => return false,
        }
        true
    }

    /// Typing at a prompt: Enter runs it on the article, Esc gives up.
    fn update_prompt(&mut self, kind: PromptKind, action: &Action) {
        if self.prompt.handle(action) != Edit::Ignored {
            return;
        }
        match action {
            Action::SubmitSearch => {
                self.mode = Mode::Normal;
                let line = self.prompt.query().trim().to_owned();
                let Some(article) = self.reader.article().filter(|_| !line.is_empty()) else { return };
                let text = super::format::article_text(article);
                self.effects.push(match kind {
                    PromptKind::Pipe => Effect::Pipe { command: line, text },
                    PromptKind::Save => Effect::SaveText { path: line, text },
                });
            }
            Action::Back => self.mode = Mode::Normal,
            Action::Quit | Action::Suspend => {
                self.mode = Mode::Normal;
                self.update(action.clone());
            }
            _ => {}
        }
    }

    /// Share the screen another way, and remember it.
    fn set_split(&mut self, split: Split) {
        self.split = split;
        self.effects.push(Effect::SaveSplit(split));
    }

    /// How list and reader share the screen.
    pub fn split(&self) -> Split {
        self.split
    }

    /// Show only articles with `filter` (unread, starred), or all again.
    fn toggle_filter(&mut self, filter: Filter) {
        let filter = if self.view.filter == filter { Filter::All } else { filter };
        self.show_view(self.view.with_filter(filter));
    }

    /// Show `view` of the library (a search shown is left).
    fn show_view(&mut self, view: View) {
        self.view = view;
        if !self.search.query().is_empty() {
            self.search.clear();
            self.generation += 1;
            self.requests.push(Request::Forget);
        }
        self.show_library();
    }

    /// `n` with no search, and `p`: open the next or previous unread
    /// article of the view.
    fn next_unread(&mut self, forward: bool) {
        if self.list.view().is_none() {
            return; // search results: `n` went to the reader's hits
        }
        // From the list, an unread article selected but not opened yet is
        // the next one; otherwise the search starts after the selection.
        let selected = self.list.selected_row().map(|r| (r.key, r.read));
        if let (Focus::List, Some((_, false)), true) = (self.focus, selected, forward) {
            return self.open_selected();
        }
        let from = selected.map(|(key, _)| key);
        match self.store.next_unread(&self.view, from, forward) {
            Ok(Some(key)) => {
                if let Err(e) = self.list.select_key(&self.store, key) {
                    self.message = Some(strings::cannot_read_library(&e));
                }
                self.leave_article();
                match self.store.article(key) {
                    Ok(a) => self.reader.show(a),
                    Err(e) => return self.message = Some(strings::cannot_read_article(&e)),
                }
                self.focus = Focus::Reader;
                self.mark(Write::Read { key, read: true });
            }
            Ok(None) => self.message = Some(strings::no_more_unread()),
            Err(e) => self.message = Some(strings::cannot_read_library(&e)),
        }
    }

    fn delete_selected(&mut self) {
        if let Some(row) = self.list.selected_row() {
            self.effects.push(Effect::Delete(vec![row.key]));
        }
    }

    /// Movement goes to the focused pane. True when it took the action.
    /// `behind`: list moves the reader had not followed before this one.
    fn update_focused(&mut self, action: &Action, behind: u32) -> bool {
        match self.focus {
            Focus::List => {
                let moved = self.list.handle(action);
                if moved {
                    // The first move after a pause is followed at once; the
                    // next ones, until the keys pause, every FOLLOW_EVERY.
                    self.behind = if self.moving { behind + 1 } else { 0 };
                    self.moving = true;
                }
                moved
            }
            Focus::Reader => match self.reader.handle(action) {
                Some(found) => {
                    if !found {
                        self.message = Some(strings::no_hits());
                    }
                    true
                }
                None => false,
            },
        }
    }

    fn toggle_help(&mut self) {
        if self.mode == Mode::Help {
            self.mode = self.help_return;
        } else {
            self.help_return = self.mode;
            self.mode = Mode::Help;
        }
    }

    fn toggle_feeds(&mut self) {
        if self.mode == Mode::Feeds {
            self.mode = Mode::Normal;
        } else {
            self.effects.push(Effect::LoadFeeds);
            self.mode = Mode::Feeds;
        }
    }

    fn toggle_links(&mut self) {
        self.follow_selection();
        self.mode = if self.mode == Mode::Links {
            Mode::Normal
        } else if self.reader.links().is_empty() {
            self.message = Some(strings::no_links());
            Mode::Normal
        } else {
            Mode::Links
        };
    }

    fn open_link_number(&mut self, n: u32) {
        self.mode = Mode::Normal;
        match self.reader.links().iter().find(|(i, _)| *i == n) {
            Some((_, url)) => self.open_url(url.clone()),
            None => self.message = Some(strings::no_link_numbered(n)),
        }
    }

    /// Only web links are opened: a feed could carry `file:` or
    /// `javascript:` ones.
    fn open_url(&mut self, url: String) {
        if crate::feeds::urls::is_web_url(&url) {
            self.effects.push(Effect::OpenUrl(url));
        } else {
            self.message = Some(strings::not_a_web_link(&url));
        }
    }

    /// `o` and `y`: the article's link, opened or copied.
    fn link_action(&mut self, open: bool) {
        self.follow_selection();
        let Some(url) = self.reader.own_link().map(str::to_owned) else {
            self.message = Some(strings::no_link());
            return;
        };
        if open {
            self.open_url(url);
        } else {
            self.message = Some(strings::copied(&url));
            self.effects.push(Effect::Copy(url));
        }
    }

    fn refresh(&mut self) {
        if self.fetching.is_some() {
            self.message = Some(strings::already_fetching());
        } else {
            self.fetching = Some((0, 0));
            self.effects.push(Effect::Fetch);
        }
    }

    fn open_selected(&mut self) {
        self.follow_selection();
        let Some(key) = self.reader.key() else { return };
        self.focus = Focus::Reader;
        self.mark(Write::Read { key, read: true });
    }

    fn back(&mut self) {
        if self.mode == Mode::Search {
            self.mode = Mode::Normal;
            self.clear_query();
        } else if self.focus == Focus::Reader {
            self.focus = Focus::List;
        } else if !self.search.query().is_empty() {
            self.clear_query();
        }
    }

    fn clear_query(&mut self) {
        self.search.clear();
        self.query_changed();
    }

    fn toggle_mark(&mut self, star: bool) {
        let Some(row) = self.list.selected_row() else { return };
        let key = row.key;
        self.mark(if star {
            Write::Starred { key, starred: !row.starred }
        } else {
            Write::Read { key, read: !row.read }
        });
    }

    /// Show a mark at once and queue its write (undone if the write fails).
    fn mark(&mut self, write: Write) {
        self.show_mark(write);
        self.effects.push(Effect::Save(write));
    }

    fn show_mark(&mut self, write: Write) {
        match write {
            Write::Read { key, read } => {
                let was = self.list.row_by_key(key).map(|r| r.read);
                if was == Some(!read) {
                    self.unread = if read { self.unread.saturating_sub(1) } else { self.unread + 1 };
                }
                self.list.update_row(key, |r| r.read = read);
                if self.reader.key() == Some(key) {
                    self.reader.set_read(read);
                }
            }
            Write::Starred { key, starred } => self.list.update_row(key, |r| r.starred = starred),
            Write::Position { .. } => {}
        }
    }

    /// Where a search looks: the view shown, or everywhere.
    pub fn search_scope(&self) -> View {
        if self.search_everywhere {
            View::all()
        } else {
            self.view.clone()
        }
    }

    /// What the search bar says of where it looks, when that is not the
    /// whole library anyway.
    pub fn search_scope_label(&self) -> Option<String> {
        (self.view != View::all()).then(|| {
            let scope = self.search_scope();
            strings::search_scope(scope == View::all(), self.view.filter, self.origin_name.as_deref())
        })
    }

    /// What the search bar says at its far end: how its Latin words are
    /// read in Arabic script (`≈ هەولێر`), and where it looks when that is
    /// not the whole library.
    pub fn search_bar_note(&self) -> Option<String> {
        let reading = strings::latin_reading(self.search.query());
        match (reading, self.search_scope_label()) {
            (Some(r), Some(s)) => Some(format!("{r} · {s}")),
            (r, s) => r.or(s),
        }
    }

    fn search_request(&self) -> Request {
        // The rows the list shows at two lines each, as it will with the
        // answer (it may show the library now, a line a row).
        let rows = usize::from(self.areas.list.height / 2);
        Request::Search(SearchRequest {
            generation: self.generation,
            query: self.search.query().to_owned(),
            view: self.search_scope(),
            // A screen of hits and the next, for a page down before the
            // rest arrive.
            first_hits: (2 * rows).max(MIN_FIRST_HITS),
            snippet_rows: rows,
        })
    }

    /// The query text changed: ask for new results (they replace the old
    /// ones when they arrive, so the list never flickers empty while typing).
    fn query_changed(&mut self) {
        self.generation += 1;
        if self.search.query().trim().is_empty() {
            self.requests.push(Request::Forget);
            self.show_library();
        } else if let IndexState::Failed(why) = &self.index {
            self.message = Some(strings::search_unavailable(why));
            self.shown_generation = self.generation;
        } else {
            self.requests.push(self.search_request());
        }
    }

    fn show_library(&mut self) {
        if let Err(e) = self.list.show_view(&self.store, self.view.clone()) {
            self.message = Some(strings::cannot_read_library(&e));
        }
        self.count_unread();
        self.shown_generation = self.generation;
    }

    /// The library changed under the list: read the view again, staying
    /// on the same article.
    fn reload(&mut self) {
        if let Err(e) = self.list.reload_library(&self.store) {
            self.message = Some(strings::cannot_read_library(&e));
        }
        self.count_unread();
    }

    /// The keys paused: the reader catches up with the list. True when
    /// the screen changes.
    pub fn settle(&mut self) -> bool {
        self.moving = false;
        let deferred = self.follow_now();
        std::mem::take(&mut self.behind) > 0 || deferred
    }

    /// The reader has yet to follow a search answer drawn ahead of it.
    pub fn follows_later(&self) -> bool {
        self.follow_later
    }

    /// Let the reader follow the answer drawn ahead of it (the loop calls
    /// this when no input waits). True when the screen changes.
    pub fn follow_now(&mut self) -> bool {
        std::mem::take(&mut self.follow_later)
    }

    /// The list is being moved through: [`App::settle`] is wanted when
    /// the keys pause.
    pub fn is_moving(&self) -> bool {
        self.moving
    }

    /// A notification from a background job.
    pub fn notify(&mut self, n: Notification) {
        match n {
            Notification::Indexing { done, total } => self.index = IndexState::Indexing { done, total },
            Notification::Ready { docs, note } => {
                let changed = self.index != IndexState::Ready { docs };
                self.index = IndexState::Ready { docs };
                if note.is_some() {
                    self.message = note;
                }
                // A query typed while the index was rebuilt is asked again.
                if self.is_searching() && !self.search.query().trim().is_empty() {
                    self.requests.push(self.search_request());
                } else if changed && self.list.view().is_none() && !self.search.query().trim().is_empty() {
                    // The library changed under the results shown: ask
                    // again, staying on the same article.
                    self.generation += 1;
                    self.refreshing_search = true;
                    self.requests.push(self.search_request());
                }
            }
            Notification::Results(resp) => {
                if resp.generation != self.generation {
                    return; // superseded while it ran
                }
                self.shown_generation = resp.generation;
                self.behind = 0;
                self.follow_later = true;
                let keep = std::mem::take(&mut self.refreshing_search).then(|| self.list.selected_key()).flatten();
                let list = SearchList::new(*resp);
                self.list.reset(ListSource::Search(Box::new(list)));
                if let Some(key) = keep {
                    self.list.select_hit(key);
                }
            }
            Notification::MoreResults(full) => self.list.extend_results(*full),
            Notification::Snippets(sn) => self.list.add_snippets(sn.generation, sn.rows),
            Notification::Error { generation, message } => {
                if generation.is_none_or(|g| g == self.generation) {
                    if generation.is_none() {
                        self.index = IndexState::Failed(message.clone());
                    }
                    self.message = Some(message);
                }
            }
            Notification::FetchProgress { done, total } => self.fetching = Some((done, total)),
            Notification::FetchDone(outcome) => {
                self.fetching = None;
                self.message = Some(strings::fetch_done(&outcome));
                self.reload();
                self.effects.push(Effect::SyncIndex);
            }
        }
    }

    /// What an effect came to.
    pub fn on_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Note(note) => self.message = Some(note),
            Outcome::Feeds { subscriptions, states, origins } => {
                self.feeds.load(&subscriptions, &states, &origins);
                self.feeds.select_origin(self.view.origin.as_deref());
            }
            Outcome::WriteFailed { write, error } => {
                let (undo, what) = match write {
                    Write::Read { key, read } => (Some(Write::Read { key, read: !read }), strings::Unsaved::ReadMark),
                    Write::Starred { key, starred } => {
                        (Some(Write::Starred { key, starred: !starred }), strings::Unsaved::Star)
                    }
                    Write::Position { .. } => (None, strings::Unsaved::Position),
                };
                if let Some(undo) = undo {
                    self.show_mark(undo);
                }
                self.message = Some(strings::cannot_save(what, &error));
            }
            Outcome::Changed { note, undo } => {
                self.message = Some(note);
                self.undo = undo;
                self.reload();
                if self.mode == Mode::Feeds {
                    self.effects.push(Effect::LoadFeeds); // its counts changed
                }
                // Deleted articles leave the index; restored ones return.
                self.effects.push(Effect::SyncIndex);
            }
            Outcome::Render(render) => self.set_render(render),
            Outcome::Quit => self.quit = true,
        }
    }
}

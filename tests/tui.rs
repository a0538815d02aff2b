//! The TUI rendered into ratatui's TestBackend, driven through actions
//! (no terminal, no threads: the search worker's protocol, `SearchJob::step`,
//! runs inline, and the library's effects are carried out as the main loop
//! does).

use hewal::jobs::search::{
    answer, answer_first, answer_rest, snippets, Request, SearchJob, SearchRequest, SnippetRequest, Snippets,
    REST_AFTER,
};
use hewal::jobs::Notification;
use hewal::search::SearchIndex;
use hewal::store::{sample, Store};
use hewal::tui::action::Action;
use hewal::tui::app::{App, Options};
use hewal::tui::effect::{perform_local, Effect};
use hewal::tui::mode::{Focus, Mode};
use hewal::tui::panes::ListSource;
use hewal::tui::view;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::time::Duration;

struct Harness {
    app: App,
    job: SearchJob,
    store: Store,
    /// Effects for the main loop that the tests look at.
    pending: Vec<Effect>,
    _dir: tempfile::TempDir,
}

impl Harness {
    fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("hewal.db")).unwrap();
        sample::import_samples(&mut store).unwrap();
        Harness::over(dir, store)
    }

    /// A harness over the library in `dir`, whose `store` is filled.
    fn over(dir: tempfile::TempDir, store: Store) -> Harness {
        let db = dir.path().join("hewal.db");
        let mut index = SearchIndex::in_memory().unwrap();
        index.sync(&store, &mut |_, _| {}).unwrap();
        // Answers carry all their rows' snippets, as they do when the
        // snippets take less than `SNIPPETS_WAIT`.
        let mut job = SearchJob::new(index, Store::open(&db).unwrap());
        job.set_snippets_wait(Duration::MAX);
        let app = App::new(Store::open(&db).unwrap());
        Harness { app, job, store, pending: Vec::new(), _dir: dir }
    }

    /// A harness over a library of `n` articles, `a0`.., the i-th
    /// published at i, with these titles and bodies.
    fn with_articles(n: i64, title: impl Fn(i64) -> String, body: impl Fn(i64) -> String) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("hewal.db")).unwrap();
        let batch: Vec<_> = (0..n)
            .map(|i| hewal::store::NewArticle {
                id: format!("a{i}"),
                title: title(i),
                body: body(i),
                published: Some(i),
                ..Default::default()
            })
            .collect();
        store.insert_batch(&batch, 0).unwrap();
        Harness::over(dir, store)
    }

    fn index(&self) -> &SearchIndex {
        self.job.index()
    }

    fn render(&mut self, w: u16, h: u16) -> Vec<String> {
        let buf = self.render_buffer(w, h);
        (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_owned()).collect::<String>()).collect()
    }

    /// The screen's cells, styles and all, once the keys paused (as the
    /// loop sees it when a person presses keys one at a time).
    fn render_buffer(&mut self, w: u16, h: u16) -> ratatui::buffer::Buffer {
        self.app.settle();
        self.render_now(w, h)
    }

    /// The screen's cells right after the last key, before any pause (a
    /// key held down).
    fn render_now(&mut self, w: u16, h: u16) -> ratatui::buffer::Buffer {
        // As the main loop: effects queued by actions, then fit and draw,
        // then the effects the fit queued.
        self.settle();
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        self.app.fit(Rect::new(0, 0, w, h));
        term.draw(|f| view::render(&self.app, f)).unwrap();
        self.settle();
        term.backend().buffer().clone()
    }

    /// Carry out the effects on the library (store writes, reading the
    /// feeds) as the main loop does; keep the others for `effects`.
    fn settle(&mut self) {
        let urls = self._dir.path().join("urls");
        // Outcomes may queue more effects: until there are none.
        loop {
            let effects = self.app.take_effects();
            if effects.is_empty() {
                return;
            }
            for effect in effects {
                match perform_local(effect, self.app.store_mut(), &urls) {
                    Ok(Some(outcome)) => self.app.on_outcome(outcome),
                    Ok(None) => {}
                    Err(effect) => self.pending.push(effect),
                }
            }
        }
    }

    /// The effects queued for the main loop beyond the library's own.
    fn effects(&mut self) -> Vec<Effect> {
        self.settle();
        std::mem::take(&mut self.pending)
    }

    /// Answer every queued search request, in order, with the worker's own
    /// protocol: the first screens, their snippets, then the rest (as if
    /// the keys had paused).
    fn answer_all(&mut self) {
        for req in self.app.take_requests() {
            let app = &mut self.app;
            let mut notify = |n| {
                app.notify(n);
                true
            };
            self.job.step(vec![req], &|| false, &mut notify);
            self.job.finish(&|| false, &mut notify);
        }
    }

    /// The queries typed since the last call (snippet requests dropped).
    fn take_searches(&mut self) -> Vec<SearchRequest> {
        let searches = self.app.take_requests().into_iter().filter_map(|r| match r {
            Request::Search(s) => Some(s),
            _ => None,
        });
        searches.collect()
    }

    fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            self.app.update(Action::Insert(c));
        }
    }
}

#[test]
fn first_screen_shows_the_library() {
    let mut h = Harness::new();
    let screen = h.render(100, 30);
    assert!(screen[0].contains("search (press /)"), "{}", screen[0]);
    assert!(screen[29].contains("1/10 · all · 10 unread"), "{}", screen[29]);
    assert!(screen[29].contains("? help"), "{}", screen[29]);
    // List rows carry dates, newest first (two seed texts have none).
    let dates: Vec<_> = screen[1..11]
        .iter()
        .filter_map(|l| l.split_whitespace().find(|w| w.starts_with("20")).map(str::to_owned))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert!(screen.iter().any(|l| l.contains("Weavers in a mountain town")));
    // The reader (right of the separator) shows the selected article.
    assert!(screen[1].contains('│'));
}

#[test]
fn typing_a_query_searches_and_enter_opens() {
    let mut h = Harness::new();
    h.app.update(Action::FocusSearch);
    assert_eq!(h.app.mode(), Mode::Search);
    h.type_str("kilim");
    h.answer_all();
    let ListSource::Search(r) = h.app.list().source() else { panic!("no results shown") };
    assert_eq!(r.response.hits.len(), 1);
    let screen = h.render(100, 30);
    assert!(screen[29].contains("1 matches"), "{}", screen[29]);
    assert!(screen[1].contains("Weavers"), "{}", screen[1]);
    h.app.update(Action::SubmitSearch);
    h.app.update(Action::Open);
    assert_eq!(h.app.focus(), Focus::Reader);
    let screen = h.render(100, 30);
    assert!(screen.iter().any(|l| l.contains("kilim")));
    assert!(h.app.list().row(0).unwrap().read, "opening marks the article read");
    // Esc back to the list, Esc again clears the query.
    h.app.update(Action::Back);
    assert_eq!(h.app.focus(), Focus::List);
    h.app.update(Action::Back);
    assert!(matches!(*h.app.list().source(), ListSource::Library { total: 10, .. }));
}

#[test]
fn stale_results_are_dropped() {
    let mut h = Harness::new();
    h.app.update(Action::FocusSearch);
    h.type_str("kilim");
    let old = h.take_searches();
    h.app.update(Action::ClearQuery);
    h.type_str("Erbil");
    // The answer to the superseded query arrives late: ignored.
    let late = answer(h.index(), old.last().unwrap()).unwrap();
    h.app.notify(Notification::Results(Box::new(late)));
    assert!(matches!(*h.app.list().source(), ListSource::Library { .. }));
    assert!(h.app.is_searching());
    h.answer_all();
    let ListSource::Search(r) = h.app.list().source() else { panic!() };
    assert_eq!(r.response.query, "Erbil");
    assert!(!h.app.is_searching());
}

#[test]
fn a_query_that_finds_nothing_says_so() {
    let mut h = Harness::new();
    h.app.update(Action::FocusSearch);
    h.type_str("zzqxw ");
    h.answer_all();
    let screen = h.render(80, 24);
    assert!(screen.iter().any(|l| l.contains("no matches")), "{screen:#?}");
    assert!(screen[23].contains("0 matches"));
}

#[test]
fn help_lists_every_key_and_any_key_closes() {
    let mut h = Harness::new();
    h.app.update(Action::ToggleHelp);
    let screen = h.render(100, 30).join("\n");
    let rows = h.app.keymap().help_rows();
    assert_eq!(rows.len(), hewal::tui::keymap::COMMANDS.len() + hewal::tui::keymap::FIXED.len());
    for (keys, what) in &rows {
        assert!(screen.contains(keys.as_str()) && screen.contains(what), "help lacks {keys} {what}");
    }
    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('x'));
    let action = hewal::tui::keymap::action_for(h.app.keymap(), key, h.app.mode(), h.app.focus()).unwrap();
    h.app.update(action);
    assert_eq!(h.app.mode(), Mode::Normal);
}

#[test]
fn navigation_moves_and_clamps() {
    let mut h = Harness::new();
    h.render(80, 24);
    h.app.update(Action::Jump { end: true });
    assert_eq!(h.app.list().selected(), 9);
    h.app.update(Action::Move(5));
    assert_eq!(h.app.list().selected(), 9);
    h.app.update(Action::Page(-1));
    h.app.update(Action::Page(-1));
    assert_eq!(h.app.list().selected(), 0);
    let screen = h.render(80, 24);
    assert!(screen[23].starts_with(" 1/10"), "{}", screen[23]);
}

#[test]
fn every_small_size_renders_without_panic() {
    let mut h = Harness::new();
    h.app.update(Action::Open);
    for w in 1..=30 {
        for ht in 1..=12 {
            h.render(w, ht);
        }
    }
    let screen = h.render(10, 3);
    assert_eq!(screen.len(), 3);
    h.app.update(Action::ToggleHelp);
    h.render(10, 3);
    h.render(1, 1);
}

#[test]
fn reading_position_is_saved_and_restored() {
    let mut h = Harness::new();
    h.render(80, 24);
    h.app.update(Action::Open);
    h.render(80, 24);
    h.app.update(Action::Move(7));
    let scrolled = h.app.reader().scroll();
    assert!(scrolled > 0);
    let key = h.app.reader().key().unwrap();
    h.app.update(Action::Back);
    h.app.update(Action::Move(1)); // another article: the position is saved
    h.render(80, 24);
    assert_eq!(h.store.article(key).unwrap().position, scrolled as i64);
    h.app.update(Action::Move(-1));
    h.render(80, 24);
    assert_eq!(h.app.reader().scroll(), scrolled);
}

#[test]
fn request_generation_increases_per_keystroke() {
    let mut h = Harness::new();
    h.app.update(Action::FocusSearch);
    h.type_str("هەو");
    let gens: Vec<u64> = h.take_searches().iter().map(|r| r.generation).collect();
    assert_eq!(gens.len(), 3);
    assert!(gens.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn a_failed_index_says_so_instead_of_searching_forever() {
    let mut h = Harness::new();
    h.app.notify(Notification::Error { generation: None, message: "the search index is in use".into() });
    h.app.update(Action::FocusSearch);
    h.type_str("kilim");
    assert!(h.app.take_requests().is_empty());
    assert!(!h.app.is_searching());
    let screen = h.render(100, 30);
    assert!(screen[29].contains("search unavailable"), "{}", screen[29]);
    assert!(screen[29].contains("search is unavailable: the search index is in use"), "{}", screen[29]);
}

#[test]
fn snippets_follow_results_and_stale_ones_are_dropped() {
    let mut h = Harness::new();
    h.app.update(Action::FocusSearch);
    h.type_str("kilim");
    let req = h.take_searches().pop().unwrap();
    let resp = answer(h.index(), &req).unwrap();
    let keys = resp.hits.clone();
    let rows = snippets(&h.store, &resp.matcher, &keys, &|| false);
    h.app.notify(Notification::Results(Box::new(resp)));
    // Snippets of an older generation do not land.
    h.app.notify(Notification::Snippets(Snippets { generation: req.generation - 1, rows: rows.clone() }));
    assert!(h.app.list().snippet(0).is_none());
    h.app.notify(Notification::Snippets(Snippets { generation: req.generation, rows }));
    let screen = h.render(100, 30);
    assert!(screen[2].contains("kilim"), "the snippet line shows the hit: {:?}", &screen[1..3]);
}

#[test]
fn snippet_work_stops_when_a_newer_query_waits() {
    let h = Harness::new();
    let resp = answer(h.index(), &SearchRequest { generation: 1, query: "لە".into(), ..Default::default() }).unwrap();
    let keys = resp.hits.clone();
    assert!(keys.len() > 3);
    let calls = std::cell::Cell::new(0);
    let rows = snippets(&h.store, &resp.matcher, &keys, &|| {
        calls.set(calls.get() + 1);
        calls.get() > 2
    });
    assert_eq!(rows.len(), 2);
}

#[test]
fn a_large_result_set_loads_only_the_visible_window() {
    let mut h = Harness::with_articles(3000, |i| format!("هەواڵی ژمارە {i}"), |i| format!("ڕاپۆرتێک لەسەر هەولێر {i}"));
    h.render(80, 24);
    assert_eq!(h.app.list().len(), 3000);
    assert!(h.app.list().window_len() <= h.app.list().height() + 32, "library window: {}", h.app.list().window_len());
    h.app.update(Action::FocusSearch);
    h.type_str("هەولێر ");
    // The first screens come first, and say the count is not known yet:
    // two screens of hits (the fewer asked for, the sooner the best are
    // known), however small the list at least 20.
    let req = h.take_searches().pop().unwrap();
    let k = req.first_hits;
    assert_eq!(k, (2 * req.snippet_rows).max(20));
    let (resp, rest) = answer_first(h.index(), &req).unwrap();
    h.app.notify(Notification::Results(Box::new(resp)));
    let screen = h.render(80, 24);
    assert_eq!(h.app.list().len(), k as u64);
    assert!(screen[23].contains(&format!("≥ {k} matches · counting…")), "{}", screen[23]);
    h.app.update(Action::SubmitSearch);
    h.app.update(Action::Jump { end: true });
    h.render(80, 24);
    assert_eq!(h.app.list().selected(), k as u64 - 1);
    // Then the rest: the selection stays, the list grows, the count is exact.
    let (prepared, first) = rest.unwrap();
    let full = answer_rest(&prepared, &first, &|| false).unwrap().unwrap();
    assert_eq!(full.hits[..k], first.hits[..]);
    h.app.notify(Notification::MoreResults(Box::new(full)));
    let screen = h.render(80, 24);
    assert_eq!(h.app.list().selected(), k as u64 - 1);
    assert!(screen[23].contains("3000 matches"), "{}", screen[23]);
    // A newer query makes the rest give up.
    assert!(answer_rest(&prepared, &first, &|| true).unwrap().is_none());
    h.app.update(Action::Jump { end: false });
    assert_eq!(h.app.list().len(), 3000, "every hit is in the list");
    assert!(h.app.list().window_len() <= h.app.list().height() + 32, "result window: {}", h.app.list().window_len());
    h.app.update(Action::SubmitSearch);
    h.app.update(Action::Jump { end: true });
    let screen = h.render(80, 24);
    assert_eq!(h.app.list().selected(), 2999);
    assert!(h.app.list().row(2999).is_some(), "the last row is loaded after G");
    assert!(screen[23].contains("3000/3000"), "{}", screen[23]);
    // A taller list asks for two of its screens.
    h.render(120, 40);
    h.app.update(Action::FocusSearch);
    h.type_str("x");
    let req = h.take_searches().pop().unwrap();
    assert!(req.snippet_rows > 10, "{} rows", req.snippet_rows);
    assert_eq!(req.first_hits, 2 * req.snippet_rows);
}

/// Every row scrolled to gets its snippet, not only the first screen's:
/// the answer brings the visible rows' snippets, and the rows that come
/// into view are asked for as the list moves.
#[test]
fn rows_scrolled_into_view_get_their_snippets() {
    let mut h =
        Harness::with_articles(300, |i| format!("Report {i}"), |i| format!("Weather in Erbil, day {i}: clear."));
    h.render(80, 24);
    h.app.update(Action::FocusSearch);
    h.type_str("erbil");
    h.answer_all();
    h.app.update(Action::SubmitSearch);
    let screen = h.render(80, 24);
    // The first screen's snippets came with the answer.
    let rows = h.app.list().height() as u64;
    assert!(rows >= 3, "{rows} rows");
    assert!((0..rows).all(|i| h.app.list().snippet(i).is_some()));
    assert!(screen[2].contains("Erbil"), "{:?}", &screen[1..3]);
    // Deep in the list, a row has none until the rows in view are asked for.
    h.app.update(Action::Jump { end: true });
    h.render(80, 24);
    let last = h.app.list().selected();
    assert_eq!(last, 299);
    assert!(h.app.list().snippet(last).is_none());
    h.answer_all();
    let screen = h.render(80, 24);
    let (text, hits) = h.app.list().snippet(last).expect("the last row's snippet");
    let n = h.app.list().row(last).unwrap().title.strip_prefix("Report ").unwrap().to_owned();
    assert!(text.contains(&format!("day {n}:")), "{text} on the row of Report {n}");
    assert_eq!(hits.len(), 1);
    let at = screen.iter().position(|l| l.contains(&format!("Report {n} "))).expect("the row on screen");
    assert!(screen[at + 1].contains(&format!("day {n}:")), "{:?}", &screen[at..at + 2]);
    // Nothing more is asked for the same rows.
    h.render(80, 24);
    assert!(h.app.take_requests().is_empty());
}

#[test]
fn refresh_runs_once_reports_progress_and_then_syncs_the_index() {
    let mut h = Harness::new();
    h.app.update(Action::Refresh);
    assert_eq!(h.effects(), vec![Effect::Fetch]);
    h.app.update(Action::Refresh);
    assert!(h.effects().is_empty(), "a second R while fetching starts nothing");
    h.app.notify(Notification::FetchProgress { done: 1, total: 3 });
    let screen = h.render(100, 30);
    assert!(screen[29].contains("fetching 1/3"), "{}", screen[29]);
    let report = hewal::jobs::fetch::RefreshReport { feeds: 3, inserted: 2, ..Default::default() };
    h.app.notify(Notification::FetchDone(Ok(report)));
    assert_eq!(h.effects(), vec![Effect::SyncIndex]);
    let screen = h.render(100, 30);
    assert!(screen[29].contains("fetched 3 feeds: 2 new"), "{}", screen[29]);
    assert!(!screen[29].contains("fetching"));
}

#[test]
fn links_open_only_on_the_web_and_copy_anywhere() {
    let mut h = Harness::new();
    h.render(100, 30);
    // The first rows are seeds without a link.
    h.app.update(Action::OpenLink);
    assert!(h.effects().is_empty());
    assert_eq!(h.app.message(), Some("this article has no link"));
    // Find an article with one.
    let mut found = false;
    for _ in 0..10 {
        h.app.update(Action::Move(1));
        h.render(100, 30);
        if let Some(url) = h.app.reader().article().and_then(|a| a.url.clone()) {
            h.app.update(Action::OpenLink);
            assert_eq!(h.effects(), vec![Effect::OpenUrl(url.clone())]);
            h.app.update(Action::CopyLink);
            assert_eq!(h.effects(), vec![Effect::Copy(url)]);
            found = true;
            break;
        }
    }
    assert!(found, "some sample article has a url");
}

#[test]
fn the_feeds_pane_shows_counts_state_and_errors_and_opens_a_feed() {
    let mut h = Harness::new();
    h.app.update(Action::ToggleFeeds);
    let screen = h.render(100, 30).join("\n");
    assert!(screen.contains("     10/10                all articles"), "{screen}");
    assert!(screen.contains("     10/10                hewal sample"), "{screen}");
    assert!(screen.contains("no feeds yet: hewal feed add URL"), "{screen}");
    h.app.update(Action::ToggleFeeds);
    assert_eq!(h.app.mode(), Mode::Normal);

    // Three subscriptions: one fetched with two articles, one failing, one new.
    let urls =
        "https://example.org/ok.xml \"~کوردستان نیوز\"\nhttps://example.org/gone.xml\nhttps://example.org/new.xml\n";
    std::fs::write(h._dir.path().join("urls"), urls).unwrap();
    for (url, err, n) in
        [("https://example.org/ok.xml", None, 2), ("https://example.org/gone.xml", Some("server answered HTTP 404"), 0)]
    {
        h.store
            .save_feed_state(&hewal::store::FeedState {
                url: url.into(),
                last_fetch: Some(1_740_000_000),
                last_error: err.map(str::to_owned),
                item_count: n,
                ..Default::default()
            })
            .unwrap();
    }
    let fetched: Vec<hewal::store::NewArticle> = (0..2)
        .map(|i| hewal::store::NewArticle {
            id: format!("https://example.org/ok.xml#{i}"),
            source: "کوردستان نیوز".into(),
            title: format!("هەواڵی نوێ {i}"),
            body: "دەق".into(),
            published: Some(4_000_000_000 + i),
            origin: Some("https://example.org/ok.xml".into()),
            ..Default::default()
        })
        .collect();
    h.store.insert_batch(&fetched, 0).unwrap();
    h.app.update(Action::ToggleFeeds);
    let screen = h.render(100, 30).join("\n");
    assert!(screen.contains("     12/12                all articles"), "{screen}");
    assert!(screen.contains("✓      2/2      25-02-19   "), "{screen}");
    assert!(screen.contains("✗      0/0      25-02-19   https://example.org/gone.xml"), "{screen}");
    assert!(screen.contains("·      0/0      never      https://example.org/new.xml"), "{screen}");
    // The selected feed's error is shown under the list.
    h.app.update(Action::Move(2));
    let screen = h.render(100, 30).join("\n");
    assert!(screen.contains("server answered HTTP 404"), "{screen}");
    // Enter shows that feed's articles, and the status line names it.
    h.app.update(Action::Move(-1));
    h.app.update(Action::Open);
    assert_eq!(h.app.mode(), Mode::Normal);
    let screen = h.render(100, 30);
    assert_eq!(h.app.list().len(), 2);
    assert!(screen[29].contains("1/2 · all · "), "{}", screen[29]);
    assert!(screen[29].contains("2 unread"), "{}", screen[29]);
    // A in the pane marks the selected feed read; the counts follow.
    h.app.update(Action::ToggleFeeds);
    h.render(100, 30);
    h.app.update(Action::MarkViewRead);
    let screen = h.render(100, 30).join("\n");
    assert!(screen.contains("✓      0/2      25-02-19   "), "{screen}");
    assert!(screen.contains("     10/12                all articles"), "{screen}");
    h.render(10, 3);
}

#[test]
fn numbered_references_can_be_opened_from_the_links_overlay() {
    let mut h = Harness::new();
    let a = hewal::store::NewArticle {
        id: "refs".into(),
        title: "ڕاپۆرت بە بەستەر".into(),
        body: "دەق [1] و [2].\n\n[1] https://example.org/a\n\n[2] javascript:alert(1)".into(),
        url: Some("https://example.org/article".into()),
        published: Some(4_000_000_000),
        ..Default::default()
    };
    h.store.insert_batch(&[a], 0).unwrap();
    h.app = App::new(Store::open(&h._dir.path().join("hewal.db")).unwrap());
    h.render(100, 30);
    h.app.update(Action::ShowLinks);
    assert_eq!(h.app.mode(), Mode::Links);
    let screen = h.render(100, 30).join("\n");
    for l in ["[0] https://example.org/article", "[1] https://example.org/a", "[2] javascript:alert(1)"] {
        assert!(screen.contains(l), "{l} missing:\n{screen}");
    }
    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('1'));
    let action = hewal::tui::keymap::action_for(h.app.keymap(), key, h.app.mode(), h.app.focus()).unwrap();
    h.app.update(action);
    assert_eq!(h.effects(), vec![Effect::OpenUrl("https://example.org/a".into())]);
    assert_eq!(h.app.mode(), Mode::Normal);
    h.app.update(Action::ShowLinks);
    h.app.update(Action::OpenLinkNumber(2));
    assert!(h.effects().is_empty());
    assert!(h.app.message().unwrap().contains("not opening a non-web link"));
}

/// The caret in the search bar sits beside the character before it, on that
/// character's reading side, in a mixed Kurdish/English query.
#[test]
fn search_cursor_follows_the_reading_order() {
    let mut h = Harness::new();
    h.app.update(Action::FocusSearch);
    h.type_str("کورد BBC");
    let cursor = |h: &mut Harness| {
        let mut term = Terminal::new(TestBackend::new(60, 10)).unwrap();
        h.app.fit(Rect::new(0, 0, 60, 10));
        term.draw(|f| view::render(&h.app, f)).unwrap();
        let bar = term.backend().buffer().clone();
        let row: String = (0..60).map(|x| bar[(x, 0)].symbol().to_owned()).collect();
        let pos = term.get_cursor_position().unwrap();
        (row, pos.x - 3) // after the " / " prompt
    };
    // Drawn in display order: "BBC" on the left, "کورد" (reversed) on the right.
    let (row, x) = cursor(&mut h);
    assert!(row.starts_with(" / BBC دروک"), "{row:?}");
    // At the end, after the C of BBC: right of the C.
    assert_eq!(x, 3);
    // Back over "BBC" and the space: after the د of کورد, which reads right
    // to left, so the caret is on its left.
    for _ in 0..4 {
        h.app.update(Action::CursorLeft);
    }
    assert_eq!(cursor(&mut h).1, 4);
    // At the start of an RTL query: its right edge.
    h.app.update(Action::CursorHome);
    assert_eq!(cursor(&mut h).1, 8);
    // An English query with a Kurdish word at its end: the caret is at the
    // left of the Kurdish word's last letter.
    h.app.update(Action::ClearQuery);
    h.type_str("news کورد");
    let (row, x) = cursor(&mut h);
    assert!(row.starts_with(" / news دروک"), "{row:?}");
    assert_eq!(x, 5);
}

/// The calibration screen: every candidate's block, one per row group, and a
/// digit picks one (the main loop saves it).
#[test]
fn calibration_screen_shows_the_candidates_and_a_digit_picks() {
    let mut h = Harness::new();
    let db = h._dir.path().join("hewal.db");
    h.app = App::with_options(Store::open(&db).unwrap(), Options { calibrate: true, ..Default::default() });
    let screen = h.render(80, 24);
    let text = screen.join("\n");
    for want in [
        "Which block reads right",
        "[1] hewal reorders and joins",
        "[2] hewal reorders, the terminal joins",
        "[3] the terminal reorders",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    // Candidate 3 is in logical order: its first test line is the text as stored.
    let first = hewal::fidelity::doctor::TEST_LINES[0];
    assert!(screen.iter().any(|l| l.trim() == first), "{text}");
    // Candidates 1 and 2 are in display order, right-aligned.
    let visual: String = first.chars().rev().collect();
    assert!(screen.iter().filter(|l| l.trim_end().ends_with(&visual)).count() >= 1, "{text}");
    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('2'));
    let action = hewal::tui::keymap::action_for(h.app.keymap(), key, h.app.mode(), h.app.focus()).unwrap();
    h.app.update(action);
    assert_eq!(h.effects(), vec![Effect::Calibrated(Some(1))]);
    assert_eq!(h.app.mode(), Mode::Normal);
}

/// Scrolling the library reads only the rows coming into view, next to the
/// loaded ones (keyset paging); what is shown is exactly what an offset read
/// gives, down and up, with ties in publication time broken the same way.
#[test]
fn scrolling_deep_in_the_library_shows_the_right_rows() {
    use hewal::store::NewArticle;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hewal.db");
    let mut store = Store::open(&db).unwrap();
    let batch: Vec<NewArticle> = (0..700)
        .map(|i| NewArticle {
            id: format!("a{i}"),
            source: "s".into(),
            url: None,
            title: format!("title {i}"),
            body: format!("body {i}"),
            lang: None,
            // Runs of equal times, so the key breaks ties.
            published: Some(1_600_000_000 + (i / 3) * 60),
            origin: None,
        })
        .collect();
    store.insert_batch(&batch, 1_700_000_000).unwrap();
    let mut app = App::new(Store::open(&db).unwrap());
    let (w, h) = (60u16, 12u16);
    let check = |app: &mut App, store: &Store| {
        app.fit(Rect::new(0, 0, w, h));
        let rows = app.list().height() as u64;
        let want = store.window(app.list().offset(), rows as usize).unwrap();
        let got: Vec<_> =
            (app.list().offset()..app.list().offset() + rows).filter_map(|i| app.list().row(i).cloned()).collect();
        assert_eq!(got, want, "at offset {}", app.list().offset());
        assert!(app.list().window_len() <= rows as usize + 64, "window holds {} rows", app.list().window_len());
    };
    for _ in 0..650 {
        app.update(Action::Move(1));
        check(&mut app, &store);
    }
    for _ in 0..40 {
        app.update(Action::Page(-1));
        check(&mut app, &store);
    }
    for _ in 0..300 {
        app.update(Action::Move(-1));
        check(&mut app, &store);
    }
}

/// The worker's protocol, as the thread runs it: in a batch of requests the
/// newest query wins and a sync runs first; the answer comes as results,
/// then (when they take longer than the wait) snippets.
#[test]
fn the_search_job_answers_only_the_newest_query_and_syncs_first() {
    let mut h = Harness::new();
    h.job.set_snippets_wait(Duration::ZERO);
    let batch = vec![
        Request::Search(SearchRequest { generation: 1, query: "Erbil".into(), ..Default::default() }),
        Request::Sync,
        Request::Search(SearchRequest { generation: 2, query: "kilim".into(), snippet_rows: 10, ..Default::default() }),
    ];
    let mut seen = Vec::new();
    assert!(h.job.step(batch, &|| false, &mut |n| {
        seen.push(match n {
            Notification::Indexing { .. } => "indexing".to_owned(),
            Notification::Ready { .. } => "ready".to_owned(),
            Notification::Results(r) => format!("results {}", r.generation),
            Notification::Snippets(s) => format!("snippets {}", s.generation),
            Notification::MoreResults(r) => format!("more {}", r.generation),
            other => format!("{other:?}"),
        });
        true
    }));
    assert_eq!(seen, ["ready", "results 2", "snippets 2"]);
    // Nobody listening: the job says to stop.
    let req = Request::Search(SearchRequest { generation: 3, query: "Erbil".into(), ..Default::default() });
    assert!(!h.job.step(vec![req], &|| false, &mut |_| false));
}

/// The rows' snippets go out with the answer when they are made within the
/// wait; those left when it runs out follow, each row under its own index;
/// none are made for an answer a newer query has replaced.
#[test]
fn an_answer_carries_the_snippets_made_within_the_wait_and_the_rest_follow() {
    let mut h = Harness::with_articles(30, |i| format!("Report {i}"), |i| format!("Weather in Erbil, day {i}: clear."));
    let query = |generation| {
        Request::Search(SearchRequest { generation, query: "erbil".into(), snippet_rows: 6, ..Default::default() })
    };
    // (rows carried by the answer, rows of each `Snippets` after it).
    let run = |job: &mut SearchJob, generation, newer: &dyn Fn() -> bool| {
        let (mut with, mut after) = (None, Vec::new());
        assert!(job.step(vec![query(generation)], newer, &mut |n| {
            match n {
                Notification::Results(r) => {
                    assert_eq!(r.snippet_rows, 6);
                    assert!(r.snippets.iter().all(|(_, text, hits)| text.contains("Erbil") && hits.len() == 1));
                    with = Some(r.snippets.iter().map(|s| s.0).collect::<Vec<_>>());
                }
                Notification::Snippets(s) => after.push(s.rows.iter().map(|s| s.0).collect::<Vec<_>>()),
                _ => {}
            }
            true
        }));
        (with.expect("an answer"), after)
    };
    let all: Vec<usize> = (0..6).collect();
    assert_eq!(run(&mut h.job, 1, &|| false), (all.clone(), vec![]));
    h.job.set_snippets_wait(Duration::ZERO);
    assert_eq!(run(&mut h.job, 2, &|| false), (vec![], vec![all]));
    // The wait running out after two rows (here a newer query seen once,
    // then gone, which stops the snippets in the same place).
    h.job.set_snippets_wait(Duration::MAX);
    let calls = std::cell::Cell::new(0);
    let once = || {
        calls.set(calls.get() + 1);
        calls.get() == 3
    };
    assert_eq!(run(&mut h.job, 3, &once), (vec![0, 1], vec![vec![2, 3, 4, 5]]));
    // The article of row 1 gone (the index has not caught up yet): it has
    // no snippet, and the rows left are those after the last one made.
    let mut hits = Vec::new();
    h.job.step(vec![query(4)], &|| false, &mut |n| {
        if let Notification::Results(r) = n {
            hits = r.hits;
        }
        true
    });
    h.store.delete(&hits[1..2]).unwrap();
    calls.set(0);
    let once = || {
        calls.set(calls.get() + 1);
        calls.get() == 3
    };
    assert_eq!(run(&mut h.job, 5, &once), (vec![0, 2], vec![vec![3, 4, 5]]));
    // A newer query waiting: no snippet is made for this one.
    assert_eq!(run(&mut h.job, 6, &|| true), (vec![], vec![]));
}

/// Snippets asked for rows that came into view: answered for the last
/// query answered, with the rows' own indexes, in the order asked; dropped
/// for an older answer; given up when a newer query waits.
#[test]
fn the_search_job_answers_snippets_asked_for_the_last_answer_only() {
    let mut h = Harness::new();
    let answer = |job: &mut SearchJob, batch: Vec<Request>, newer: &dyn Fn() -> bool| {
        let mut got: Vec<(u64, Vec<(usize, i64)>)> = Vec::new();
        assert!(job.step(batch, newer, &mut |n| {
            match n {
                Notification::Results(r) => got.push((r.generation, r.hits.iter().map(|&k| (0, k)).collect())),
                Notification::Snippets(s) => {
                    got.push((s.generation, s.rows.into_iter().map(|(i, text, _)| (i, text.len() as i64)).collect()))
                }
                _ => {}
            }
            true
        }));
        got
    };
    let query = |generation| SearchRequest { generation, query: "لە".into(), ..Default::default() };
    let got = answer(&mut h.job, vec![Request::Search(query(1))], &|| false);
    // No snippet was asked for with the answer.
    let [(1, hits)] = &got[..] else { panic!("{got:?}") };
    let keys: Vec<i64> = hits.iter().map(|&(_, k)| k).collect();
    assert!(keys.len() >= 4, "{keys:?}");
    let ask = |generation, rows: &[usize]| {
        Request::Snippets(SnippetRequest { generation, rows: rows.iter().map(|&i| (i, keys[i])).collect() })
    };
    // Two requests, in the order asked, each row under its own index; one
    // for an answer replaced is dropped.
    let got = answer(&mut h.job, vec![ask(0, &[0]), ask(1, &[3, 2]), ask(1, &[0])], &|| false);
    let rows: Vec<Vec<usize>> = got.iter().map(|(_, rows)| rows.iter().map(|r| r.0).collect()).collect();
    assert_eq!(rows, [vec![3, 2], vec![0]]);
    assert!(got.iter().all(|(g, rows)| *g == 1 && rows.iter().all(|r| r.1 > 0)));
    // A newer query in the same batch: the older answer's requests go.
    let got = answer(&mut h.job, vec![ask(1, &[1]), Request::Search(query(2))], &|| false);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [2]);
    // A newer query waiting: no snippet work is done.
    assert!(answer(&mut h.job, vec![ask(2, &[1])], &|| true).is_empty());
    assert_eq!(answer(&mut h.job, vec![ask(2, &[1])], &|| false).len(), 1);
}

/// The rest of an answer waits for the keys to pause: a newer query
/// replaces it, snippets asked for meanwhile leave it waiting, and once it
/// is due it comes as `MoreResults` (unless a newer query waits by then).
/// Leaving the search forgets it.
#[test]
fn the_rest_of_an_answer_waits_for_the_keys_to_pause() {
    let mut h =
        Harness::with_articles(300, |i| format!("Report {i}"), |i| format!("Weather in Erbil, day {i}: clear."));
    let query = |generation, first_hits| {
        Request::Search(SearchRequest { generation, query: "erbil".into(), first_hits, ..Default::default() })
    };
    let describe = |n| match n {
        Notification::Results(r) => format!("results {} {}", r.generation, r.hits.len()),
        Notification::Snippets(s) => format!("snippets {}", s.generation),
        Notification::MoreResults(r) => format!("more {} {} {}", r.generation, r.hits.len(), r.total),
        other => format!("{other:?}"),
    };
    let mut got = Vec::new();
    let mut notify = |n| {
        got.push(describe(n));
        true
    };
    let before = std::time::Instant::now();
    assert!(h.job.step(vec![query(1, 20)], &|| false, &mut notify));
    assert!(h.job.rest_due().expect("the rest waits") >= before + REST_AFTER);
    // A newer query whose first answer is whole: nothing waits.
    assert!(h.job.step(vec![query(2, 1000)], &|| false, &mut notify));
    assert_eq!(h.job.rest_due(), None);
    assert!(h.job.step(vec![query(3, 20)], &|| false, &mut notify));
    let due = h.job.rest_due();
    let rows = vec![(5, 5)];
    assert!(h.job.step(vec![Request::Snippets(SnippetRequest { generation: 3, rows })], &|| false, &mut notify));
    assert_eq!(h.job.rest_due(), due, "snippets are not keys");
    assert!(h.job.finish(&|| false, &mut notify));
    assert_eq!(h.job.rest_due(), None);
    assert!(h.job.finish(&|| false, &mut notify), "nothing left to send");
    // Due while a newer query waits: given up, nothing sent.
    assert!(h.job.step(vec![query(4, 20)], &|| false, &mut notify));
    assert!(h.job.finish(&|| true, &mut notify));
    assert_eq!(h.job.rest_due(), None);
    assert_eq!(got, ["results 1 20", "results 2 300", "results 3 20", "snippets 3", "more 3 300 300", "results 4 20"]);
    // In a view that leaves out most of the first hits, the list's rows
    // would wait: the rest follows at once.
    for key in (1..=300).filter(|k| k % 10 != 0) {
        h.store.set_read(key, true).unwrap();
    }
    let mut got = Vec::new();
    let view = hewal::store::View::all().with_filter(hewal::store::Filter::Unread);
    let req = SearchRequest { generation: 5, query: "erbil".into(), view, first_hits: 20, snippet_rows: 10 };
    assert!(h.job.step(vec![Request::Search(req)], &|| false, &mut |n| {
        got.push(describe(n));
        true
    }));
    assert_eq!(h.job.rest_due(), None);
    assert!(got[0].starts_with("results 5 ") && got.last().unwrap() == "more 5 30 30", "{got:?}");
    // Leaving the search: the UI says so, and nothing of the last answer
    // is sent any more; a query before a `Forget` in one batch goes too.
    h.app.update(Action::FocusSearch);
    h.type_str("erbil");
    let typed = h.app.take_requests();
    assert!(matches!(typed[..], [.., Request::Search(_)]), "{typed:?}");
    h.app.update(Action::Back);
    let left = h.app.take_requests();
    assert!(matches!(left[..], [Request::Forget]), "{left:?}");
    let mut got = Vec::new();
    let mut notify = |n| {
        got.push(describe(n));
        true
    };
    assert!(h.job.step(vec![query(6, 20)], &|| false, &mut notify));
    assert!(h.job.step(vec![Request::Forget], &|| false, &mut notify));
    assert_eq!(h.job.rest_due(), None);
    let rows = vec![(5, 5)];
    assert!(h.job.step(vec![Request::Snippets(SnippetRequest { generation: 6, rows })], &|| false, &mut notify));
    assert!(h.job.step(vec![query(7, 20), Request::Forget], &|| false, &mut notify));
    assert!(h.job.finish(&|| false, &mut notify));
    assert_eq!(got, ["results 6 20"]);
}

/// Marks show at once and are written by the main loop; a write that fails
/// is undone on screen and said.
#[test]
fn a_mark_that_cannot_be_saved_is_undone_and_said() {
    use hewal::tui::effect::{Outcome, Write};
    let mut h = Harness::new();
    h.render(100, 30);
    let key = h.app.list().row(0).unwrap().key;
    h.app.update(Action::ToggleStar);
    assert!(h.app.list().row(0).unwrap().starred);
    let write = Write::Starred { key, starred: true };
    assert_eq!(h.app.take_effects(), vec![Effect::Save(write)]);
    assert!(!h.store.article(key).unwrap().starred, "nothing is written until the effect runs");
    h.app.on_outcome(Outcome::WriteFailed { write, error: "attempt to write a readonly database".into() });
    assert!(!h.app.list().row(0).unwrap().starred);
    // The error is isolated from the sentence (FSI … PDI); the layout draws no control.
    let message = h.app.message().unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert_eq!(message, "cannot save the star: attempt to write a readonly database");
}

/// Fitting the app to the screen never writes: leaving a scrolled article
/// queues its position.
#[test]
fn leaving_an_article_queues_its_position_instead_of_writing() {
    use hewal::tui::effect::Write;
    let mut h = Harness::new();
    h.render(80, 24);
    h.app.update(Action::Open);
    h.render(80, 24);
    h.app.update(Action::Move(3));
    let key = h.app.reader().key().unwrap();
    h.app.update(Action::Back);
    h.app.update(Action::Move(1));
    h.app.fit(Rect::new(0, 0, 80, 24));
    assert_eq!(h.store.article(key).unwrap().position, 0);
    assert_eq!(h.app.take_effects(), vec![Effect::Save(Write::Position { key, line: 3 })]);
}

/// The last line of a render: the status line.
fn status(h: &mut Harness) -> String {
    h.render(120, 30).pop().unwrap()
}

#[test]
fn the_unread_view_and_next_unread() {
    let mut h = Harness::new();
    assert!(status(&mut h).contains("1/10 · all · 10 unread"), "{}", status(&mut h));
    // `n` with no search opens the first unread article and marks it read.
    h.app.update(Action::NextHit(true));
    let first = h.app.reader().key().expect("an article is open");
    assert_eq!(h.app.focus(), Focus::Reader);
    let s = status(&mut h);
    assert!(s.contains("1/10 · all · 9 unread"), "{s}");
    h.app.update(Action::NextUnread(true));
    let second = h.app.reader().key().unwrap();
    assert_ne!(first, second);
    assert!(status(&mut h).contains("2/10 · all · 8 unread"), "{}", status(&mut h));
    // Nothing unread above the first.
    h.app.update(Action::NextUnread(false));
    h.app.update(Action::NextUnread(false));
    assert_eq!(h.app.message(), Some("no more unread articles here"));
    // The unread view: the two read ones are gone from it.
    h.app.update(Action::ToggleFilter(hewal::store::Filter::Unread));
    let s = status(&mut h);
    assert!(s.contains("/8 · unread · 8 unread"), "{s}");
    assert!(h.app.list().len() == 8);
    h.app.update(Action::ToggleFilter(hewal::store::Filter::Unread));
    assert!(status(&mut h).contains("/10 · all · 8 unread"), "{}", status(&mut h));
}

#[test]
fn mark_everything_read_then_undo() {
    let mut h = Harness::new();
    h.app.update(Action::MarkAllRead);
    let s = status(&mut h);
    assert!(s.contains("all · 0 unread"), "{s}");
    assert!(s.contains("marked read: 10 articles"), "{s}");
    // An empty view says why and which key fills it, not "library empty".
    h.app.update(Action::ToggleFilter(hewal::store::Filter::Unread));
    let screen = h.render(120, 30).join("\n");
    assert!(screen.contains("no unread articles here · u shows all"), "{screen}");
    h.app.update(Action::ToggleFilter(hewal::store::Filter::Starred));
    let screen = h.render(120, 30).join("\n");
    assert!(screen.contains("no starred articles here"), "{screen}");
    h.app.update(Action::ToggleFilter(hewal::store::Filter::Starred));
    h.app.update(Action::Undo);
    assert!(status(&mut h).contains("all · 10 unread"), "{}", status(&mut h));
    h.app.update(Action::Undo);
    assert_eq!(h.app.message(), Some("nothing to undo"));
}

#[test]
fn delete_then_undo() {
    let mut h = Harness::new();
    h.render(120, 30);
    let title = h.app.list().selected_row().unwrap().title.clone();
    h.app.update(Action::Delete);
    let s = status(&mut h);
    assert!(s.contains("1/9 ·") && s.contains("deleted 1 article; U undoes"), "{s}");
    assert_ne!(h.app.list().selected_row().unwrap().title, title);
    assert!(h.effects().contains(&Effect::SyncIndex), "the index is told to follow");
    h.app.update(Action::Undo);
    // The restored article is back above the selection, which stays put.
    assert!(status(&mut h).contains("2/10 ·"), "{}", status(&mut h));
    // It came back above the view, which did not move: scroll up to it.
    h.app.update(Action::Jump { end: false });
    h.render(120, 30);
    let titles: Vec<String> = (0..10).filter_map(|i| h.app.list().row(i)).map(|r| r.title.clone()).collect();
    assert!(titles.contains(&title), "the deleted article is not back: {title:?} not in {titles:?}");
}

/// Articles another process stores appear without a key press; the
/// selection and the reader stay on their article; the index is told to
/// catch up. A tick with nothing new reads and draws nothing.
#[test]
fn the_library_is_followed_and_the_selection_stays_on_its_article() {
    let mut h = Harness::new();
    h.app.update(Action::Move(3));
    h.render(120, 30);
    let key = h.app.list().selected_row().unwrap().key;
    assert!(!h.app.follow_library(), "nothing changed yet");
    // Two newer articles (above the selection) and one older (below).
    let batch: Vec<hewal::store::NewArticle> = [(4_000_000_000, "a"), (4_000_000_001, "b"), (1, "c")]
        .iter()
        .map(|&(published, id)| hewal::store::NewArticle {
            id: id.into(),
            title: format!("نوێ {id}"),
            body: "دەق".into(),
            published: Some(published),
            ..Default::default()
        })
        .collect();
    h.store.insert_batch(&batch, 0).unwrap();
    assert!(h.app.follow_library());
    let s = status(&mut h);
    assert!(s.contains("6/13 · all · 13 unread"), "{s}");
    assert_eq!(h.app.list().selected_row().unwrap().key, key, "the selection moved to another article");
    assert_eq!(h.app.reader().key(), Some(key), "the reader moved to another article");
    assert!(h.effects().contains(&Effect::SyncIndex));
    assert!(!h.app.follow_library(), "a second look finds nothing new");
}

/// In the unread view, the article being read is read, yet it stays in
/// the list and the reader when the library changes; it leaves the view at
/// the first reload after the selection moved on.
#[test]
fn the_article_read_stays_in_the_unread_view_until_the_selection_leaves_it() {
    let mut h = Harness::new();
    h.app.update(Action::ToggleFilter(hewal::store::Filter::Unread));
    h.render(120, 30);
    h.app.update(Action::Move(2));
    h.app.update(Action::Open);
    let key = h.app.reader().key().expect("an article is open");
    assert!(status(&mut h).contains("3/10 · unread · 9 unread"), "{}", status(&mut h));
    let newer = hewal::store::NewArticle {
        id: "newer".into(),
        title: "نوێ".into(),
        body: "دەق".into(),
        published: Some(4_000_000_000),
        ..Default::default()
    };
    h.store.insert_batch(&[newer], 0).unwrap();
    assert!(h.app.follow_library());
    let s = status(&mut h);
    assert!(s.contains("4/11 · unread · 10 unread"), "{s}");
    assert_eq!(h.app.list().selected_row().unwrap().key, key, "the selection left the article being read");
    assert_eq!(h.app.reader().key(), Some(key), "the reader left its article");
    // Moving on, then a change: the read one leaves the view.
    h.app.update(Action::Back);
    h.app.update(Action::Move(1));
    let next = h.app.list().selected_row().unwrap().key;
    assert_ne!(next, key);
    h.store
        .insert_batch(
            &[hewal::store::NewArticle {
                id: "more".into(),
                title: "زیاتر".into(),
                body: "دەق".into(),
                published: Some(1),
                ..Default::default()
            }],
            0,
        )
        .unwrap();
    assert!(h.app.follow_library());
    let s = status(&mut h);
    assert!(s.contains("4/11 · unread · 11 unread"), "{s}");
    assert_eq!(h.app.list().selected_row().unwrap().key, next);
    assert!(h.store.in_view(h.app.list().view().unwrap(), key).is_ok_and(|kept| !kept));
}

/// At 120 columns a headline gets 50 cells beside a compact date and
/// source; `<` and `>` narrow and widen the list, `z` zooms the reader,
/// and each change is saved.
#[test]
fn headlines_get_room_and_the_split_can_change() {
    let mut h = Harness::new();
    let screen = h.render(120, 30).join("\n");
    assert_eq!(h.app.areas().list.width, 72);
    // 50 cells of the title (49 letters and the ellipsis).
    assert!(screen.contains("25-06-18 Hewal Sam… Weavers in a mountain town revive old Kurdish kil…│"), "{screen}");
    h.app.update(Action::ResizeList(false));
    h.render(120, 30);
    assert_eq!(h.app.areas().list.width, 66);
    h.app.update(Action::ResizeList(true));
    h.app.update(Action::ResizeList(true));
    h.render(120, 30);
    assert_eq!(h.app.areas().list.width, 78);
    h.app.update(Action::Zoom);
    h.render(120, 30);
    assert_eq!((h.app.areas().reader.width, h.app.areas().list_rows), (120, 0));
    assert_eq!(h.app.focus(), Focus::Reader);
    h.app.update(Action::Zoom);
    h.render(120, 30);
    assert_eq!(h.app.areas().list.width, 78, "unzoomed, the split is as it was");
    let saved: Vec<Effect> = h.effects().into_iter().filter(|e| matches!(e, Effect::SaveSplit(_))).collect();
    assert_eq!(saved.len(), 5, "every change is saved: {saved:?}");
}

/// `|` asks for a command and pipes the article to it; `w` asks for a file;
/// Esc gives up. The text is the title, the link and the body, cleaned.
#[test]
fn pipe_and_save_ask_for_a_line_then_hand_over_the_article() {
    use hewal::tui::mode::PromptKind;
    let mut h = Harness::new();
    h.render(120, 30);
    h.app.update(Action::Prompt(PromptKind::Pipe));
    assert_eq!(h.app.mode(), Mode::Prompt(PromptKind::Pipe));
    h.type_str("wc -w");
    let screen = h.render(120, 30);
    assert!(screen[0].starts_with(" | command: wc -w"), "{}", screen[0]);
    h.app.update(Action::SubmitSearch);
    assert_eq!(h.app.mode(), Mode::Normal);
    let title = h.app.reader().article().unwrap().title.clone();
    let pipe = h.effects().into_iter().find_map(|e| match e {
        Effect::Pipe { command, text } => Some((command, text)),
        _ => None,
    });
    let (command, text) = pipe.expect("a pipe effect");
    assert_eq!(command, "wc -w");
    assert!(text.starts_with(&format!("{title}\n")), "{text:?}");
    // Esc gives up; w asks for a file.
    h.app.update(Action::Prompt(PromptKind::Save));
    h.type_str("~/a.txt");
    h.app.update(Action::Back);
    assert_eq!(h.app.mode(), Mode::Normal);
    assert!(h.effects().is_empty(), "nothing saved after Esc");
    h.app.update(Action::Prompt(PromptKind::Save));
    h.type_str("~/a.txt");
    h.app.update(Action::SubmitSearch);
    assert!(h.effects().iter().any(|e| matches!(e, Effect::SaveText { path, .. } if path == "~/a.txt")));
}

/// A search runs within the view shown (here: unread); Tab widens it to
/// everything and back, and the search bar says which.
#[test]
fn search_runs_within_the_view_and_tab_widens_it() {
    let mut h = Harness::new();
    let everything =
        answer(h.index(), &SearchRequest { generation: 1, query: "لە".into(), ..Default::default() }).unwrap();
    assert!(everything.hits.len() >= 3, "{}", everything.hits.len());
    let read = everything.hits[0];
    h.store.set_read(read, true).unwrap();
    h.app.update(Action::ToggleFilter(hewal::store::Filter::Unread));
    h.app.update(Action::FocusSearch);
    h.type_str("لە");
    h.answer_all();
    let screen = h.render(120, 30);
    assert!(screen[0].contains("in unread (Tab: everywhere)"), "{}", screen[0]);
    let ListSource::Search(r) = h.app.list().source() else { panic!("no results") };
    assert_eq!(r.response.hits.len(), everything.hits.len() - 1);
    assert!(!r.response.hits.contains(&read), "a read article found in the unread view");
    h.app.update(Action::WidenSearch);
    h.answer_all();
    let screen = h.render(120, 30);
    assert!(screen[0].contains("everywhere (Tab: in the view)"), "{}", screen[0]);
    let ListSource::Search(r) = h.app.list().source() else { panic!("no results") };
    assert_eq!(r.response.hits.len(), everything.hits.len());
}

/// With no colour (NO_COLOR), what colour meant stays visible: hits are
/// bold and underlined, the selection reversed, the status bar reversed;
/// no cell has a colour. With colour, hits have their own background.
#[test]
fn without_colour_hits_selection_and_bars_keep_a_visible_form() {
    use ratatui::style::{Color, Modifier};
    for mono in [true, false] {
        hewal::tui::theme::set_monochrome(mono);
        let mut h = Harness::new();
        h.app.update(Action::FocusSearch);
        h.type_str("kilim");
        h.answer_all();
        h.app.update(Action::SubmitSearch);
        h.app.update(Action::Open);
        let buf = h.render_buffer(100, 30);
        let cells: Vec<&ratatui::buffer::Cell> = buf.content().iter().collect();
        let coloured = cells.iter().filter(|c| c.fg != Color::Reset || c.bg != Color::Reset).count();
        // The hit "kilim" in the reader (right of the list).
        let word = |x: u16, y: u16| (x..x + 5).map(|x| buf[(x, y)].symbol()).collect::<String>();
        let (x, y) = (1..29u16)
            .flat_map(|y| (50..95u16).map(move |x| (x, y)))
            .find(|&(x, y)| word(x, y) == "kilim")
            .expect("the hit is shown in the reader");
        let hit = &buf[(x, y)];
        let status = &buf[(0, 29)];
        if mono {
            hewal::tui::theme::set_monochrome(false);
            assert_eq!(coloured, 0, "a colour was drawn with NO_COLOR");
            assert!(hit.modifier.contains(Modifier::BOLD | Modifier::UNDERLINED), "hit: {hit:?}");
            assert!(status.modifier.contains(Modifier::REVERSED), "status bar: {status:?}");
        } else {
            assert!(coloured > 0);
            assert_eq!(hit.bg, Color::Yellow, "hit: {hit:?}");
        }
        // The selected list row is reversed either way (the list has focus
        // after going back).
        h.app.update(Action::Back);
        let buf = h.render_buffer(100, 30);
        let selected = (0..100u16).map(|x| &buf[(x, 1)]).find(|c| c.symbol() != " ").unwrap();
        assert!(selected.modifier.contains(Modifier::REVERSED), "selection: {selected:?}");
    }
}

/// The first letter typed already answers, as the beginning of a word (a
/// Sorani letter, and a Latin one), and the reader shows the first result.
#[test]
fn one_letter_answers_as_a_prefix() {
    for letter in ["ن", "k"] {
        let mut h = Harness::new();
        h.app.update(Action::FocusSearch);
        h.type_str(letter);
        h.answer_all();
        let ListSource::Search(r) = h.app.list().source() else { panic!("no results shown") };
        assert!(!r.response.hits.is_empty(), "{letter}: no matches");
        let screen = h.render(100, 30).join("\n");
        assert!(!screen.contains("no matches"), "{letter}:\n{screen}");
        assert!(h.app.reader().key().is_some(), "{letter}: the reader is empty");
    }
}

/// Esc and a key arriving together read as Alt+key: hewal takes them as
/// Esc, then the key (nothing is lost over a slow link).
#[test]
fn esc_then_a_key_sent_together_is_both() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut h = Harness::new();
    h.app.update(Action::FocusSearch);
    h.type_str("kilim");
    h.answer_all();
    assert_eq!(h.app.mode(), Mode::Search);
    // Esc+j as one event: leave the search (clearing it), then move down.
    h.app.handle_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT));
    assert_eq!(h.app.mode(), Mode::Normal);
    assert!(h.app.search_bar().query().is_empty());
    assert!(matches!(h.app.list().source(), ListSource::Library { .. }));
    assert_eq!(h.app.list().selected(), 1, "the j after Esc was lost");
    // In the reader, Esc+k: back to the list, then up.
    h.render(100, 30);
    h.app.update(Action::Open);
    assert_eq!(h.app.focus(), Focus::Reader);
    h.app.handle_key(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::ALT));
    assert_eq!(h.app.focus(), Focus::List);
    assert_eq!(h.app.list().selected(), 0);
    // In the help, Esc+j: the help closes, then down.
    h.app.update(Action::ToggleHelp);
    assert_eq!(h.app.mode(), Mode::Help);
    h.app.handle_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT));
    assert_eq!(h.app.mode(), Mode::Normal);
    assert_eq!(h.app.list().selected(), 1, "the j after Esc was lost in the help");
}

/// An article opened from search results opens at its first hit, not at
/// the position it was left at; opened from the library, at that position.
#[test]
fn a_search_hit_opens_at_the_first_hit() {
    let mut h = Harness::new();
    let key = h.store.key_of_id("sample-en-culture").unwrap().unwrap();
    h.store.set_position(key, 1).unwrap();
    h.app.update(Action::FocusSearch);
    h.type_str("walnut");
    h.answer_all();
    h.app.update(Action::SubmitSearch);
    h.app.update(Action::Open);
    let screen = h.render(100, 30);
    assert_eq!(h.app.reader().key(), Some(key));
    assert!(h.app.reader().scroll() > 1, "opened at the saved position, not the hit");
    let shown: String = screen[1..29].join("\n");
    assert!(shown.contains("walnut"), "the hit is not on screen:\n{shown}");
}

/// `date_format = "kurdish"` and `digits = "arabic-indic"`: the reader's
/// date has the Kurdish month name, the list's date and the status line's
/// counts are in Arabic-Indic digits.
#[test]
fn kurdish_dates_and_arabic_indic_digits_on_screen() {
    use hewal::config::{DateFormat, Digits};
    hewal::tui::format::set_style(DateFormat::Kurdish, Digits::ArabicIndic);
    let mut h = Harness::new();
    let key = h.store.key_of_id("sample-en-culture").unwrap().unwrap();
    h.render(120, 30);
    while h.app.list().selected_row().map(|r| r.key) != Some(key) {
        h.app.update(Action::Move(1));
        h.render(120, 30);
    }
    h.app.update(Action::Open);
    let screen = h.render(120, 30);
    hewal::tui::format::set_style(DateFormat::Iso, Digits::Western);
    let text = screen.join("\n");
    // Published 2025-06-18: "١٨ی حوزەیرانی ٢٠٢٥" in the reader's header;
    // the cells hold display order, so the month's letters run reversed.
    let month_shown: String = "حوزەیرانی".chars().rev().collect();
    assert!(text.contains(&month_shown), "{text}");
    assert!(text.contains("٢٥-٠٦-١٨"), "{text}");
    assert!(screen[29].contains("/١٠ · all · ٩ unread"), "{}", screen[29]);
}

/// At 120×20 the help's three columns each fit their own keys, so every
/// description is whole.
#[test]
fn help_columns_fit_their_own_keys() {
    let mut h = Harness::new();
    h.app.update(Action::ToggleHelp);
    let screen = h.render(120, 20).join("\n");
    for (_, what) in h.app.keymap().help_rows() {
        assert!(screen.contains(what.as_str()), "help cuts {what:?}:\n{screen}");
    }
}

/// A word in Latin letters finds Sorani, and the search bar shows how it
/// is read (`≈ هەولێر`, in display order), beside the query.
#[test]
fn a_latin_query_shows_its_arabic_reading_and_finds_sorani() {
    let mut h = Harness::new();
    h.app.update(Action::FocusSearch);
    h.type_str("hewlêr ");
    h.answer_all();
    let screen = h.render(120, 30);
    let reading: String = "هەولێر".chars().rev().collect();
    assert!(screen[0].contains(&format!("≈ {reading}")), "{:?}", screen[0]);
    assert!(h.app.list().len() >= 3, "{}", screen.join("\n"));
    let first = h.store.article(h.app.list().row(0).unwrap().key).unwrap();
    assert!(first.body.contains("هەولێر") || first.title.contains("هەولێر"));
    // An English word is read too (it is matched so as well), but English
    // text it finds comes first.
    h.app.update(Action::ClearQuery);
    h.type_str("kilim ");
    h.answer_all();
    h.render(120, 30);
    let first = h.app.list().row(0).unwrap().key;
    assert!(h.store.article(first).unwrap().title.contains("kilim"));
}

#[test]
fn a_held_key_moves_the_list_at_once_and_the_reader_when_the_keys_pause() {
    let (w, h) = (100, 30);
    let mut held = Harness::new();
    held.render(w, h);
    // The first move after a pause is followed at once.
    held.app.update(Action::Move(1));
    held.render_now(w, h);
    let first = held.app.list().selected_row().unwrap().key;
    assert_eq!(held.app.reader().key(), Some(first));
    // The next ones move the list only: the reader stays on what it shows.
    for _ in 0..3 {
        held.app.update(Action::Move(1));
        held.render_now(w, h);
    }
    assert_eq!(held.app.list().selected(), 4);
    assert_eq!(held.app.reader().key(), Some(first));
    // Anything but a move acts on the selected article, shown first.
    let mut tabbed = Harness::new();
    tabbed.render(w, h);
    for _ in 0..3 {
        tabbed.app.update(Action::Move(1));
        tabbed.render_now(w, h);
    }
    tabbed.app.update(Action::SwitchFocus);
    tabbed.render_now(w, h);
    assert_eq!(tabbed.app.reader().key(), Some(tabbed.app.list().selected_row().unwrap().key));
    // When the keys pause, the screen is the one a key at a time draws.
    assert!(held.app.settle());
    let settled = held.render_now(w, h);
    let mut stepped = Harness::new();
    stepped.render(w, h);
    for _ in 0..4 {
        stepped.app.update(Action::Move(1));
        stepped.render(w, h);
    }
    assert_eq!(settled, stepped.render_now(w, h));
    assert!(!held.app.settle(), "nothing left to catch up");
}

#[test]
fn a_key_held_long_still_shows_an_article_every_few_moves() {
    use hewal::tui::app::FOLLOW_EVERY;
    let mut h = Harness::new();
    h.render(100, 30);
    let selected = |h: &Harness| h.app.list().selected_row().map(|r| r.key);
    // Down the ten sample rows, back to the top, and down again.
    let mut shown = Vec::new();
    for i in 0..=FOLLOW_EVERY {
        let action = if i % 9 == 8 { Action::Jump { end: false } } else { Action::Move(1) };
        h.app.update(action);
        h.render_now(100, 30);
        shown.push((h.app.reader().key(), selected(&h)));
    }
    let first = shown[0].0;
    assert_eq!(first, shown[0].1, "the first move is followed at once");
    for (i, (reader, list)) in shown.iter().enumerate().take(FOLLOW_EVERY as usize).skip(1) {
        assert_eq!(*reader, first, "move {i}: the reader waits");
        assert!(list.is_some());
    }
    let (reader, list) = shown[FOLLOW_EVERY as usize];
    assert_eq!(reader, list, "and follows after {FOLLOW_EVERY} moves");
    assert_ne!(reader, first);
    assert!(h.app.is_moving());
}

#[test]
fn search_results_are_drawn_first_and_the_reader_follows_in_a_frame_of_its_own() {
    let (w, h) = (100, 30);
    // The library on screen, then a query typed and answered: the reader's
    // article before the answer, and the harness.
    let answered = || {
        let mut harness = Harness::new();
        harness.render(w, h);
        let before = harness.app.reader().key();
        harness.app.update(Action::FocusSearch);
        harness.type_str("ناتۆ");
        harness.answer_all();
        (before, harness)
    };
    // The results frame: the list shows the answer, the reader what it showed.
    let (before, mut ahead) = answered();
    let results = ahead.render_now(w, h);
    let first = ahead.app.list().selected_row().unwrap().key;
    assert_ne!(Some(first), before, "the test needs an answer whose first hit is another article");
    assert_eq!(ahead.app.reader().key(), before);
    assert!(ahead.app.follows_later());
    // The next frame: the reader on the first hit, as a frame drawn at once.
    assert!(ahead.app.follow_now());
    let followed = ahead.render_now(w, h);
    assert_eq!(ahead.app.reader().key(), Some(first));
    assert_ne!(results, followed);
    // The status line says how long the query took, which differs from run
    // to run on a loaded machine.
    let without_status = |mut b: ratatui::buffer::Buffer| {
        (0..w).for_each(|x| b[(x, h - 1)].reset());
        b
    };
    assert_eq!(without_status(followed), without_status(answered().1.render_buffer(w, h)));
    // A key before that frame: the reader follows with the key's frame.
    let (_, mut keyed) = answered();
    keyed.render_now(w, h);
    keyed.app.update(Action::SwitchFocus);
    keyed.render_now(w, h);
    assert_eq!(keyed.app.reader().key(), Some(first));
    assert!(!keyed.app.follows_later());
}

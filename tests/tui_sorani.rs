//! The Sorani interface in ratatui's TestBackend: every label in Sorani,
//! the layout mirrored (list on the right, status and search from the
//! right edge, popups right-aligned), at 80×24 and 120×35. A binary of its
//! own: the interface's language is one per process, as in hewal itself.
//!
//! The snapshots (tests/snapshots/tui_sorani__*.snap) are the screens as
//! the terminal shows them in app mode without shaping, so they read by
//! eye: Sorani runs appear in display order, right to left.

use hewal::i18n::Lang;
use hewal::store::{sample, Store};
use hewal::tui::action::Action;
use hewal::tui::app::{App, Options};
use hewal::tui::effect::perform_local;
use hewal::tui::keymap::Keymap;
use hewal::tui::view;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

struct Screen {
    app: App,
    dir: tempfile::TempDir,
}

impl Screen {
    /// hewal in Sorani over the bundled samples.
    fn new(options: Options) -> Screen {
        hewal::i18n::init(Lang::Ckb);
        assert_eq!(hewal::i18n::lang(), Lang::Ckb);
        // As `hewal` sets up a Sorani reader: Kurdish dates, mirrored keys.
        hewal::tui::format::set_style(hewal::config::DateFormat::Kurdish, hewal::config::Digits::Western);
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("hewal.db");
        sample::import_samples(&mut Store::open(&db).unwrap()).unwrap();
        let keymap = Keymap::with_defaults(&[], true).unwrap();
        let app = App::with_options(Store::open(&db).unwrap(), Options { keymap, ..options });
        Screen { app, dir }
    }

    fn rows(&mut self, w: u16, h: u16) -> Vec<String> {
        self.settle();
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        self.app.fit(Rect::new(0, 0, w, h));
        term.draw(|f| view::render(&self.app, f)).unwrap();
        self.settle();
        let buf = term.backend().buffer().clone();
        (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_owned()).collect::<String>()).collect()
    }

    fn settle(&mut self) {
        let urls = self.dir.path().join("urls");
        loop {
            let effects = self.app.take_effects();
            if effects.is_empty() {
                return;
            }
            for effect in effects {
                if let Ok(Some(outcome)) = perform_local(effect, self.app.store_mut(), &urls) {
                    self.app.on_outcome(outcome);
                }
            }
        }
    }
}

/// Sorani in display order (how the cells read left to right).
fn shown(logical: &str) -> String {
    logical.chars().rev().collect()
}

#[test]
fn the_main_screen_is_sorani_and_mirrored() {
    let mut s = Screen::new(Options::default());
    for (w, h) in [(80, 24), (120, 35)] {
        let rows = s.rows(w, h);
        insta::assert_snapshot!(format!("main_{w}x{h}"), rows.join("\n"));
        // The search prompt at the right edge, its placeholder to its left.
        assert!(rows[0].ends_with(" / "), "{:?}", rows[0]);
        assert!(rows[0].contains(&shown("گەڕان")), "{:?}", rows[0]);
        // The status line: position and counts from the right edge, the
        // key hint at the far (left) end.
        let status = rows[h as usize - 1].clone();
        assert!(status.trim_end().ends_with("1/10"), "{status:?}");
        assert!(status.contains(&shown("یارمەتی")) && status.contains(&shown("دەرچوون")), "{status:?}");
        assert!(status.find(&shown("یارمەتی")) < status.find("1/10"), "{status:?}");
        assert!(!status.contains("help") && !status.contains("unread"), "{status:?}");
    }
    // Side by side (120 wide): the list on the right, the reader on the left,
    // the unread mark at the list's far right.
    let rows = s.rows(120, 35);
    let first = &rows[1];
    assert_eq!(first.chars().nth(47), Some('│'), "{first:?}");
    assert!(first.trim_end().ends_with('●'), "{first:?}");
}

#[test]
fn help_is_sorani_right_aligned_and_shows_the_mirrored_keys() {
    let mut s = Screen::new(Options::default());
    s.app.update(Action::ToggleHelp);
    for (w, h) in [(80, 24), (120, 35)] {
        let rows = s.rows(w, h);
        let text = rows.join("\n");
        insta::assert_snapshot!(format!("help_{w}x{h}"), text);
        assert!(text.contains(&shown("کلیلەکان")), "{text}");
        assert!(text.contains(&shown("دەرچوون")), "{text}");
        // The reader is on the left: ← opens, → goes back.
        assert!(text.contains("Enter h Left"), "{text}");
        assert!(text.contains("l Right"), "{text}");
        for english in ["quit", "next", "open the article"] {
            assert!(!text.contains(english), "{english:?} left in English:\n{text}");
        }
    }
}

#[test]
fn the_feeds_pane_is_sorani_and_mirrored() {
    let mut s = Screen::new(Options::default());
    s.app.update(Action::ToggleFeeds);
    for (w, h) in [(80, 24), (120, 35)] {
        let rows = s.rows(w, h);
        let text = rows.join("\n");
        insta::assert_snapshot!(format!("feeds_{w}x{h}"), text);
        assert!(text.contains(&shown("هەموو وتارەکان")), "{text}");
        // Counts start at the right edge: `unread/total`, the slash in the
        // 7th cell from the right, as numbers read left to right.
        let all = rows.iter().find(|r| r.contains(&shown("هەموو وتارەکان"))).unwrap();
        let cells: Vec<char> = all.chars().collect();
        assert_eq!(cells[cells.len() - 2 - 7], '/', "{all:?}");
    }
}

#[test]
fn the_calibration_screen_is_sorani_and_right_aligned() {
    let mut s = Screen::new(Options { calibrate: true, ..Options::default() });
    for (w, h) in [(80, 24), (120, 35)] {
        let rows = s.rows(w, h);
        let text = rows.join("\n");
        insta::assert_snapshot!(format!("calibration_{w}x{h}"), text);
        let question = rows.iter().find(|r| r.contains(&shown("بەش"))).expect("the question");
        // Right-aligned, ending where the candidates' test lines end.
        let end = |row: &String| row.trim_end().chars().count();
        let first_test_line = rows.iter().find(|r| r.contains(&shown("ئەمڕۆ"))).unwrap();
        assert_eq!(end(question), end(first_test_line), "{text}");
        for n in ["[1]", "[2]", "[3]"] {
            let row = rows.iter().find(|r| r.contains(n)).unwrap_or_else(|| panic!("{n} missing:\n{text}"));
            assert!(row.trim_end().ends_with(n), "{n} not at the reading start: {row:?}");
            assert_eq!(end(row), end(question), "{text}");
        }
    }
}

#[test]
fn a_tiny_terminal_still_draws_without_panic() {
    let mut s = Screen::new(Options::default());
    for (w, h) in [(10, 3), (1, 1), (30, 5)] {
        let rows = s.rows(w, h);
        assert_eq!(rows.len(), h as usize);
    }
    s.app.update(Action::ToggleHelp);
    s.rows(10, 3);
    s.app.update(Action::ToggleHelp);
    s.app.update(Action::ToggleFeeds);
    s.rows(10, 3);
}

/// Where the terminal reorders (terminal bidi mode) hewal writes logical
/// order and places nothing from the right: the terminal turns a
/// right-to-left row around itself. Panes are stacked.
#[test]
fn in_terminal_mode_labels_are_in_logical_order_and_not_placed_from_the_right() {
    let render = hewal::text::Render { order: hewal::text::Order::Logical, shape: false };
    let mut s = Screen::new(Options { render, ..Options::default() });
    let rows = s.rows(120, 35);
    let status = &rows[34];
    assert!(status.contains("نەخوێندراو"), "{status:?}");
    assert!(!status.contains(&shown("نەخوێندراو")), "{status:?}");
    assert!(status.starts_with(" 1/10 · هەموو"), "{status:?}");
    assert!(rows[0].starts_with(" / گەڕان"), "{:?}", rows[0]);
    assert!(!rows[1].contains('│'), "side by side in terminal mode: {:?}", rows[1]);
}

/// Arabic-Indic digits (`digits`) in counts and positions; shaped labels
/// where hewal joins the letters.
#[test]
fn digits_and_shaping_reach_the_labels() {
    let render = hewal::text::Render { order: hewal::text::Order::Visual, shape: true };
    let mut s = Screen::new(Options { render, ..Options::default() });
    hewal::tui::format::set_style(hewal::config::DateFormat::Kurdish, hewal::config::Digits::ArabicIndic);
    let rows = s.rows(120, 35);
    let status = &rows[34];
    assert!(status.trim_end().ends_with("١/١٠"), "{status:?}");
    assert!(status.contains("١٠"), "{status:?}");
    // Presentation forms (U+FB50–U+FEFF): the letters joined by hewal.
    assert!(status.chars().any(|c| ('\u{FB50}'..='\u{FEFF}').contains(&c)), "{status:?}");
    assert!(!status.contains(&shown("نەخوێندراو")), "unshaped: {status:?}");
}

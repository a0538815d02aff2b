//! End to end: the real binary in a real terminal (tmux), driven with
//! send-keys and read with capture-pane.
//!
//! Needs tmux (`.ci/run` installs it). Waits scale with
//! HEWAL_TEST_TIMEOUT_SCALE for slow machines.

mod util;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    /// A tmux server of our own running `hewal` on an empty data dir inside
    /// a shell script that records the terminal state before and after.
    /// The terminal mode is given (`app`, no shaping), so the calibration
    /// screen is not in the way and cells hold the letters as stored.
    fn start(w: u16, h: u16) -> Tmux {
        Tmux::start_with(w, h, &["--bidi", "app", "--shape", "off"], false)
    }

    /// Like [`Tmux::start`] with `args` for hewal; with `record`, hewal runs
    /// under `script`, which keeps every byte it writes in `raw`.
    fn start_with(w: u16, h: u16, args: &[&str], record: bool) -> Tmux {
        Tmux::start_env(w, h, args, record, "")
    }

    /// Like [`Tmux::start_with`], hewal run through `env ENV`, e.g. to hide
    /// that it runs inside tmux.
    fn start_env(w: u16, h: u16, args: &[&str], record: bool, env: &str) -> Tmux {
        Tmux::start_wrapped(w, h, args, env, &|dir: &Path, hewal: String| match record {
            true => format!("script -qfec \"{hewal}\" '{}/raw'", dir.display()),
            false => hewal,
        })
    }

    /// Like [`Tmux::start_env`], the shell line that runs hewal made by
    /// `wrap` from the temporary dir and the plain command.
    fn start_wrapped(w: u16, h: u16, args: &[&str], env: &str, wrap: &dyn Fn(&Path, String) -> String) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success()),
            "tmux is needed for this test (apt-get install tmux; .ci/run does it)"
        );
        let dir = tempfile::tempdir().unwrap();
        let socket = format!("hewal-test-{}-{}", std::process::id(), dir.path().file_name().unwrap().to_string_lossy());
        let script = dir.path().join("run.sh");
        // English whatever the machine's locale: the server below starts
        // with LANG=C.UTF-8 and no LC_ALL, LC_MESSAGES, LANGUAGE or
        // HEWAL_LANG, so a test's `env` (LANG=ckb_IQ.UTF-8) decides.
        let mut hewal =
            format!("env {env} '{}' --data-dir '{}/data'", env!("CARGO_BIN_EXE_hewal"), dir.path().display());
        for a in args {
            hewal.push_str(&format!(" '{a}'"));
        }
        std::fs::write(
            &script,
            format!(
                "stty -g > '{d}/before'\n{run}\necho \"EXIT:$?\"\nstty -g > '{d}/after'\nsleep 600\n",
                d = dir.path().display(),
                run = wrap(dir.path(), hewal),
            ),
        )
        .unwrap();
        let t = Tmux { socket, dir };
        let ok = t
            .cmd(&["new-session", "-d", "-x", &w.to_string(), "-y", &h.to_string(), "-e", "TERM=xterm-256color"])
            .args(["sh", script.to_str().unwrap()])
            .env_remove("HEWAL_DATA_DIR")
            .env_remove("HEWAL_BIDI")
            .env_remove("HEWAL_SHAPE")
            // English unless a test's `env` says otherwise, whatever the
            // machine's locale.
            .env_remove("HEWAL_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANGUAGE")
            .env("LANG", "C.UTF-8")
            .env("HEWAL_TEST_PANIC_KEY", "1")
            .env("HOME", t.dir.path())
            .env("XDG_CONFIG_HOME", t.dir.path().join("config"))
            .status()
            .unwrap();
        assert!(ok.success());
        t
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]).args(args);
        c
    }

    fn capture(&self) -> Vec<String> {
        let o = self.cmd(&["capture-pane", "-p"]).output().unwrap();
        String::from_utf8_lossy(&o.stdout).lines().map(str::to_owned).collect()
    }

    fn keys(&self, keys: &[&str]) {
        assert!(self.cmd(&["send-keys"]).args(keys).status().unwrap().success());
    }

    fn format(&self, f: &str) -> String {
        let o = self.cmd(&["display-message", "-p", f]).output().unwrap();
        String::from_utf8_lossy(&o.stdout).trim().to_owned()
    }

    /// Wait until the screen shows `text`.
    #[track_caller]
    fn wait_for(&self, text: &str) -> Vec<String> {
        self.wait_for_any(&[text])
    }

    /// Wait until the screen shows one of `texts`.
    #[track_caller]
    fn wait_for_any(&self, texts: &[&str]) -> Vec<String> {
        let scale: f64 = std::env::var("HEWAL_TEST_TIMEOUT_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
        let deadline = Instant::now() + Duration::from_secs_f64(20.0 * scale);
        loop {
            let screen = self.capture();
            if screen.iter().any(|l| texts.iter().any(|t| l.contains(t))) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {texts:?}; screen:\n{}", screen.join("\n"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait until the screen no longer shows `text` (a popup closed).
    #[track_caller]
    fn wait_gone(&self, text: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.capture();
            if !screen.iter().any(|l| l.contains(text)) {
                return screen;
            }
            assert!(Instant::now() < deadline, "{text:?} stayed on the screen:\n{}", screen.join("\n"));
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// After hewal exited: the terminal is back as it was.
    #[track_caller]
    fn assert_restored(&self, exit: &str) {
        self.wait_for(exit);
        let d = self.dir.path();
        let read = |n| std::fs::read_to_string(Path::new(d).join(n)).unwrap_or_default();
        let deadline = Instant::now() + Duration::from_secs(5);
        while read("after").is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(read("before"), read("after"), "terminal modes (stty -g) differ after exit");
        assert_eq!(self.format("#{alternate_on}"), "0", "still on the alternate screen");
        assert_eq!(self.format("#{cursor_flag}"), "1", "cursor left hidden");
    }

    /// `hewal import` of `articles` (JSON Lines) into the library the TUI
    /// has open, run as another process would.
    fn import_from_outside(&self, articles: &[serde_json::Value]) {
        let file = self.dir.path().join("outside.jsonl");
        let lines: Vec<String> = articles.iter().map(ToString::to_string).collect();
        std::fs::write(&file, lines.join("\n")).unwrap();
        let o = self.hewal_outside(&["import", file.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }

    /// From now on, every byte hewal writes to the pane is appended to the
    /// returned file (tmux's pipe-pane: hewal runs as it would without a
    /// recorder in between, so job control works as in a shell).
    fn record_from_now(&self) -> std::path::PathBuf {
        let file = self.dir.path().join("piped-raw");
        std::fs::write(&file, b"").unwrap();
        assert!(self.cmd(&["pipe-pane", "-O", &format!("cat >> '{}'", file.display())]).status().unwrap().success());
        file
    }

    /// `hewal ARGS` on the library the TUI has open, as another process.
    fn hewal_outside(&self, args: &[&str]) -> std::process::Output {
        let o = Command::new(env!("CARGO_BIN_EXE_hewal"))
            .arg("--data-dir")
            .arg(self.dir.path().join("data"))
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("HEWAL_LANG", "en")
            .output()
            .unwrap();
        o
    }

    fn signal(&self, sig: &str) {
        let data = self.dir.path().join("data");
        let pattern = format!("--data-dir {}", data.display());
        assert!(Command::new("pkill").args([&format!("-{sig}"), "-f", "--", &pattern]).status().unwrap().success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
        // A hewal under `script` outlives the server when a test failed
        // before it quit: its data dir names it.
        let pattern = format!("--data-dir {}", self.dir.path().join("data").display());
        let _ = Command::new("pkill").args(["-KILL", "-f", "--", &pattern]).status();
    }
}

const SEED_002: &str = include_str!("../sample-data/002_748c303270226b28.txt");

#[test]
fn first_run_shows_samples_search_open_and_quit_restores_the_terminal() {
    let t = Tmux::start(100, 30);
    let screen = t.wait_for("1/10 ·");
    assert!(screen.iter().any(|l| l.contains("Weavers in a mountain town")), "{}", screen.join("\n"));
    // This tmux does not pass the bidi switch on: a few words say so on
    // the status line, whole (it fits in 100 columns).
    let status = &screen[29];
    assert!(status.contains("tmux passthrough is off (hewal doctor)"), "{status}");

    // The newest article is a seed (no date: imported now); the reader shows
    // it. Its first line is in visual order: the rightmost cell holds the
    // paragraph's first letter.
    let first_letter = SEED_002.chars().next().unwrap();
    let reader_line = screen[1].split('│').nth(1).expect("reader pane right of the separator");
    assert_eq!(reader_line.trim_end().chars().last(), Some(first_letter), "line: {reader_line:?}");

    t.keys(&["/"]);
    for k in ["k", "i", "l", "i", "m"] {
        t.keys(&[k]);
    }
    let screen = t.wait_for("1 matches");
    assert!(screen[1].contains("Weavers"), "{}", screen.join("\n"));
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    t.keys(&["?"]);
    t.wait_for("any key closes");
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(100));
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");
    // The whole advice once the terminal is back, where it stays readable.
    let after = t.capture().join("");
    assert!(after.contains("`set -g allow-passthrough on` in ~/.tmux.conf"), "{after}");
}

#[test]
fn signals_restore_the_terminal_and_exit_with_128_plus_the_signal() {
    for (sig, code) in [("TERM", "EXIT:143"), ("HUP", "EXIT:129"), ("QUIT", "EXIT:131"), ("INT", "EXIT:130")] {
        let t = Tmux::start(80, 24);
        t.wait_for("1/10 ·");
        t.signal(sig);
        t.assert_restored(code);
    }
}

/// SIGQUIT is a way out like SIGTERM: the reading position is kept.
#[test]
fn sigquit_saves_the_reading_position() {
    let t = Tmux::start(80, 24);
    t.wait_for("1/10 ·");
    t.keys(&["Enter", "j", "j", "j"]);
    std::thread::sleep(Duration::from_millis(300));
    t.signal("QUIT");
    t.assert_restored("EXIT:131");
    let db = rusqlite::Connection::open(t.dir.path().join("data/hewal.db")).unwrap();
    let moved: i64 = db.query_row("SELECT count(*) FROM articles WHERE position > 0", [], |r| r.get(0)).unwrap();
    assert_eq!(moved, 1, "the position of the article being read was not saved");
}

/// Ctrl-Z stops hewal with the terminal restored; when the shell continues
/// it (`fg` sends SIGCONT), hewal takes the terminal back and redraws.
#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_continue_redraws() {
    let t = Tmux::start(80, 24);
    t.wait_for("1/10 ·");
    let raw = t.record_from_now();
    // Let tmux start the recorder before anything is written.
    std::thread::sleep(Duration::from_millis(300));
    let mut seen = 0;
    for suspend in ["C-z", "TSTP"] {
        if suspend == "C-z" {
            t.keys(&["C-z"]);
        } else {
            t.signal(suspend);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while t.format("#{alternate_on}") != "0" {
            assert!(Instant::now() < deadline, "{suspend}: still on the alternate screen while stopped");
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(t.format("#{cursor_flag}"), "1", "{suspend}: cursor hidden while stopped");
        // While stopped, the terminal's own bidi is back on, after the
        // alternate screen was left.
        let bytes = wait_for_bytes(&raw, seen, BDSM_ON);
        let stopped = &bytes[seen..];
        let show = |b: &[u8]| String::from_utf8_lossy(b).escape_debug().to_string();
        let off = find(stopped, ALT_OFF).unwrap_or_else(|| panic!("{suspend}: alternate screen not left"));
        for seq in [BDSM_ON, MLTERM_ON, TMUX_BDSM_ON] {
            let at = find(stopped, seq).unwrap_or_else(|| panic!("{suspend}: {} not sent on stopping", show(seq)));
            assert!(at > off, "{suspend}: {} sent before leaving the alternate screen", show(seq));
        }
        seen = bytes.len();
        t.signal("CONT");
        let deadline = Instant::now() + Duration::from_secs(10);
        while t.format("#{alternate_on}") != "1" {
            assert!(Instant::now() < deadline, "{suspend}: the alternate screen was not taken back");
            std::thread::sleep(Duration::from_millis(50));
        }
        t.wait_for("1/10 ·");
        // On continuing, the switch is sent again inside the alternate screen.
        let bytes = wait_for_bytes(&raw, seen, BDSM_OFF);
        let continued = &bytes[seen..];
        let on = find(continued, ALT_ON).unwrap_or_else(|| panic!("{suspend}: alternate screen not entered"));
        for seq in [BDSM_OFF, MLTERM_OFF, TMUX_BDSM_OFF] {
            let at = find(continued, seq).unwrap_or_else(|| panic!("{suspend}: {} not sent on continuing", show(seq)));
            assert!(at > on, "{suspend}: {} sent outside the alternate screen", show(seq));
        }
        seen = bytes.len();
    }
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");
}

/// A panic inside a search is caught by the worker, which rebuilds the
/// index and answers again; one outside a search ends search only, and says
/// so: reading goes on, and quitting restores the terminal with status 0.
#[test]
fn a_worker_panic_is_reported_and_the_tui_goes_on() {
    let t = Tmux::start(200, 30);
    t.wait_for("1/10 ·");
    t.keys(&["/"]);
    t.keys(&["-l", "hewal-test-panic-search"]);
    t.wait_for("rebuilt it from the library");
    t.keys(&["C-u"]);
    t.keys(&["-l", "kilim"]);
    let screen = t.wait_for("1 matches");
    assert!(screen[1].contains("Weavers"), "{}", screen.join("\n"));
    t.keys(&["C-u"]);
    t.keys(&["-l", "hewal-test-panic-worker"]);
    t.wait_for("search stopped after an internal error");
    // The rest still works: leave the search and star the newest article.
    t.keys(&["Escape"]);
    t.wait_for("1/10 ·");
    t.keys(&["s"]);
    std::thread::sleep(Duration::from_millis(300));
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");
    let db = rusqlite::Connection::open(t.dir.path().join("data/hewal.db")).unwrap();
    let starred: i64 = db.query_row("SELECT count(*) FROM articles WHERE starred", [], |r| r.get(0)).unwrap();
    assert_eq!(starred, 1, "the star given after the panic was not saved");
}

/// A library on a read-only filesystem (a read-only bind mount in a mount
/// namespace of its own) opens in the TUI; a star cannot be saved and the
/// status line says so; quitting is clean.
#[test]
fn the_tui_reads_a_library_on_read_only_media() {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data");
    let t = Tmux::start_wrapped(120, 30, &["--bidi", "app", "--shape", "off"], "", &|dir, hewal| {
        let data = dir.join("data");
        format!(
            "{bin} --data-dir '{data}' import '{samples}' > /dev/null 2>&1 || echo IMPORT-FAILED
             unshare -m sh -c \"mount --bind '{data}' '{data}' && mount -o remount,bind,ro '{data}' && {hewal}\" \
               || echo NO-RO-MOUNT",
            bin = env!("CARGO_BIN_EXE_hewal"),
            data = data.display(),
        )
    });
    let screen = t.wait_for_any(&["1/10 ·", "NO-RO-MOUNT", "IMPORT-FAILED"]);
    if screen.iter().any(|l| l.contains("NO-RO-MOUNT")) {
        return eprintln!("skipped: cannot make a read-only mount here");
    }
    assert!(screen.iter().any(|l| l.contains("1/10 ·")), "{}", screen.join("\n"));
    assert!(!screen.iter().any(|l| l.contains("damaged")), "{}", screen.join("\n"));
    t.keys(&["s"]);
    t.wait_for("cannot save the star");
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");
}

/// With the TUI open on an article, an import by another process shows up
/// without a key press: in the list (the reader stays on its article) and
/// in search.
#[test]
fn articles_stored_by_another_process_appear_in_the_list_and_in_search() {
    let t = Tmux::start(120, 30);
    t.wait_for("1/10 ·");
    t.keys(&["Enter"]);
    t.wait_for("1/10 · all · 9 unread");
    let articles: Vec<serde_json::Value> = (0..2)
        .map(|i| {
            serde_json::json!({"id": format!("more-{i}"), "title": format!("Fresh dispatch {i}"),
                "body": format!("zebrafinch report {i}"), "published": format!("2099-01-0{}T00:00:00Z", i + 1)})
        })
        .collect();
    t.import_from_outside(&articles);
    // The two newer articles arrive above: the selection moves down with
    // its article, and the rows in view stay where they were.
    t.wait_for("3/12 · all · 11 unread");
    t.keys(&["Tab", "g"]);
    t.wait_for("Fresh dispatch 1");
    t.keys(&["/"]);
    t.keys(&["-l", "zebrafinch"]);
    t.wait_for("2 matches");
    t.keys(&["Escape"]);
    // Back in the library once the Esc has been read.
    t.wait_for("/12 · all");
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");
}

/// `|` hands the terminal to a command with the article on its input, and
/// `o` with a terminal browser ($BROWSER naming w3m) runs it in the
/// terminal; hewal takes the terminal back after each.
#[test]
fn a_pipe_and_a_terminal_browser_get_the_terminal_and_give_it_back() {
    use std::os::unix::fs::PermissionsExt;
    let tools = tempfile::tempdir().unwrap();
    let w3m = tools.path().join("w3m");
    let script =
        format!("#!/bin/sh\necho \"$@\" > '{}/opened'\necho FAKE-W3M-RUNNING\nsleep 1\n", tools.path().display());
    std::fs::write(&w3m, script).unwrap();
    std::fs::set_permissions(&w3m, std::fs::Permissions::from_mode(0o755)).unwrap();
    let t =
        Tmux::start_env(100, 30, &["--bidi", "app", "--shape", "off"], false, &format!("BROWSER={}", w3m.display()));
    t.wait_for("1/10 ·");
    t.keys(&["|"]);
    t.wait_for("| command:");
    let piped = tools.path().join("piped");
    t.keys(&["-l", &format!("cat > {}", piped.display())]);
    t.keys(&["Enter"]);
    t.wait_for("press Enter to go back");
    t.keys(&["Enter"]);
    t.wait_for("1/10 ·");
    let text = std::fs::read_to_string(&piped).unwrap();
    assert!(text.lines().count() >= 3 && !text.starts_with('\n'), "{text:?}");
    assert!(!text.contains('\x1b'), "{text:?}");
    // An article with a link, from outside; then o on it.
    t.import_from_outside(&[serde_json::json!({"id": "l1", "title": "Linked story", "body": "text",
        "url": "https://example.org/linked", "published": "2099-01-01T00:00:00Z"})]);
    t.wait_for("2/11 ·");
    t.keys(&["g"]);
    t.wait_for("1/11 ·");
    t.keys(&["o"]);
    t.wait_for("FAKE-W3M-RUNNING");
    t.wait_for("opened https://example.org/linked");
    let opened = std::fs::read_to_string(tools.path().join("opened")).unwrap();
    assert_eq!(opened.trim(), "https://example.org/linked");
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");
}

#[test]
fn a_tiny_terminal_works() {
    let t = Tmux::start(10, 3);
    t.wait_for("/");
    t.keys(&["j", "j", "Enter", "?", "x", "/", "a", "b"]);
    t.wait_for("ab");
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(100));
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");
}

/// The bytes hewal wrote, once it has exited.
fn raw(t: &Tmux) -> Vec<u8> {
    std::fs::read(t.dir.path().join("raw")).unwrap()
}

/// The recording in `file` once it holds `needle` after byte `from`.
#[track_caller]
fn wait_for_bytes(file: &Path, from: usize, needle: &[u8]) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let bytes = std::fs::read(file).unwrap();
        if bytes.len() > from && find(&bytes[from..], needle).is_some() {
            return bytes;
        }
        assert!(Instant::now() < deadline, "{} never written", String::from_utf8_lossy(needle).escape_debug());
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

const ALT_ON: &[u8] = b"\x1b[?1049h";
const ALT_OFF: &[u8] = b"\x1b[?1049l";
const BDSM_OFF: &[u8] = b"\x1b[8l";
const BDSM_ON: &[u8] = b"\x1b[8h";
const MLTERM_OFF: &[u8] = b"\x1b]5379;use_ctl=false\x07";
const MLTERM_ON: &[u8] = b"\x1b]5379;use_ctl=true\x07";
/// Inside tmux the switch is also wrapped for passthrough to the outer terminal.
const TMUX_BDSM_OFF: &[u8] = b"\x1bPtmux;\x1b\x1b[8l";
const TMUX_BDSM_ON: &[u8] = b"\x1bPtmux;\x1b\x1b[8h";

#[test]
fn app_mode_switches_terminal_bidi_off_and_back_on_every_exit_path() {
    for exit in ["q", "TERM", "HUP", "QUIT", "panic"] {
        // The panic key exists in debug builds only (`cargo test --release`
        // builds hewal without it).
        if exit == "panic" && !cfg!(debug_assertions) {
            continue;
        }
        let t = Tmux::start_with(80, 24, &["--bidi", "app", "--shape", "off"], true);
        t.wait_for("1/10 ·");
        let code = match exit {
            "q" => {
                t.keys(&["q"]);
                "EXIT:0"
            }
            "panic" => {
                t.keys(&["F12"]);
                "EXIT:101"
            }
            sig => {
                t.signal(sig);
                match sig {
                    "TERM" => "EXIT:143",
                    "HUP" => "EXIT:129",
                    _ => "EXIT:131",
                }
            }
        };
        t.assert_restored(code);
        let raw = raw(&t);
        let show = |b: &[u8]| String::from_utf8_lossy(b).escape_debug().to_string();
        let at = |seq: &[u8]| find(&raw, seq).unwrap_or_else(|| panic!("{exit}: {} not sent", show(seq)));
        let (alt_on, alt_off) = (at(ALT_ON), at(ALT_OFF));
        for seq in [BDSM_OFF, MLTERM_OFF, TMUX_BDSM_OFF] {
            let i = at(seq);
            assert!(alt_on < i && i < alt_off, "{exit}: {} not sent on entering", show(seq));
        }
        for seq in [BDSM_ON, MLTERM_ON, TMUX_BDSM_ON] {
            assert!(at(seq) > alt_off, "{exit}: {} not sent after leaving", show(seq));
        }
    }
}

#[test]
fn terminal_mode_sends_logical_order_and_no_switch() {
    // The first words of the seed shown in the reader, as stored (logical).
    let words: Vec<&str> = SEED_002.split_whitespace().take(3).collect();
    let logical = words.join(" ");
    let visual: String = logical.chars().rev().collect();
    for (mode, want, not) in [("terminal", &logical, &visual), ("app", &visual, &logical)] {
        let t = Tmux::start_with(100, 30, &["--bidi", mode, "--shape", "off"], true);
        t.wait_for("1/10 ·");
        t.keys(&["q"]);
        t.assert_restored("EXIT:0");
        let raw = raw(&t);
        assert!(find(&raw, want.as_bytes()).is_some(), "{mode}: {want:?} not written");
        assert!(find(&raw, not.as_bytes()).is_none(), "{mode}: {not:?} written");
        assert_eq!(find(&raw, BDSM_OFF).is_some(), mode == "app", "{mode}: CSI 8 l");
    }
}

#[test]
fn first_run_offers_calibration_and_keeps_the_pick() {
    let t = Tmux::start_with(100, 30, &[], false);
    let screen = t.wait_for("Which block reads right");
    assert!(screen.iter().any(|l| l.contains("[3] the terminal reorders")), "{}", screen.join("\n"));
    t.keys(&["3"]);
    let screen = t.wait_for("1/10 ·");
    // Terminal mode: list and reader are stacked, never side by side.
    assert!(!screen.iter().any(|l| l.contains('│')), "{}", screen.join("\n"));
    let cal = std::fs::read_to_string(t.dir.path().join("config/hewal/calibration.toml")).unwrap();
    assert!(cal.contains("bidi = \"terminal\"") && cal.contains("shape = false"), "{cal}");
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");
}

#[test]
fn outside_a_multiplexer_the_switch_is_sent_on_every_row() {
    // VTE keeps BDSM per row; hewal sets it on each row of the screen.
    for (mode, seq) in [("app", BDSM_OFF), ("terminal", b"\x1b[?2501h".as_slice())] {
        let t = Tmux::start_env(80, 24, &["--bidi", mode, "--shape", "off"], true, "-u TMUX -u TERM_PROGRAM");
        t.wait_for("1/10 ·");
        t.keys(&["q"]);
        t.assert_restored("EXIT:0");
        let raw = raw(&t);
        for row in [1, 12, 24] {
            let mut want = format!("\x1b[{row};1H").into_bytes();
            want.extend_from_slice(seq);
            assert!(find(&raw, &want).is_some(), "{mode}: row {row} not switched");
        }
        assert!(find(&raw, b"\x1bPtmux;").is_none(), "{mode}: no passthrough outside tmux");
    }
}

fn rss(title: &str, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, title)| {
            format!("<item><guid>{guid}</guid><title>{title}</title><link>https://example.org/{guid}</link><description>body of {guid}</description><pubDate>Mon, 03 Mar 2025 10:00:00 +0300</pubDate></item>")
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title><link>https://example.org/</link>{items}</channel></rss>")
}

/// The daily round with two feeds served on 127.0.0.1 (and one that fails):
/// subscribe, fetch with R, the counts in the feeds pane, a feed opened from
/// it, next unread, the feed marked read, the unread-only view.
#[test]
fn two_feeds_fetched_counted_opened_read_and_filtered() {
    use util::http::{Reply, Server};
    let alpha = rss("Alpha wire", &[("a1", "Alpha one"), ("a2", "Alpha two"), ("a3", "Alpha three")]);
    let beta = std::sync::Arc::new(std::sync::Mutex::new(rss("Beta post", &[("b1", "Beta one"), ("b2", "Beta two")])));
    let served = beta.clone();
    let server = Server::start(move |req| match req.path.as_str() {
        "/alpha.xml" => Reply::ok("application/rss+xml", alpha.clone()),
        "/beta.xml" => Reply::ok("application/rss+xml", served.lock().unwrap().clone()),
        _ => Reply::status(404),
    });
    let t = Tmux::start(110, 24);
    t.wait_for("1/10 · all · 10 unread");
    for path in ["/alpha.xml", "/beta.xml", "/gone.xml"] {
        assert!(t.hewal_outside(&["feed", "add", &server.url(path)]).status.success());
    }
    t.keys(&["R"]);
    t.wait_for("all · 15 unread");
    // The feeds pane: the library, the two feeds with their counts, the
    // failing one marked, the samples as a source.
    t.keys(&["F"]);
    // "Alpha wire" is in the list too (as a source): wait for the pane.
    let pane = t.wait_for("all articles");
    let row =
        |name: &str| pane.iter().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name}: {pane:#?}")).clone();
    assert!(row("all articles").contains("15/15"), "{pane:#?}");
    assert!(row("Alpha wire").contains("3/3") && row("Alpha wire").contains('✓'), "{pane:#?}");
    assert!(row("Beta post").contains("2/2"), "{pane:#?}");
    assert!(row("gone.xml").contains('✗'), "{pane:#?}");
    assert!(row("hewal sample").contains("10/10"), "{pane:#?}");
    eprintln!("feeds pane:\n{}", pane.join("\n"));
    // The failing feed's error is named when it is selected.
    let gone = pane.iter().position(|l| l.contains("gone.xml")).unwrap();
    let first = pane.iter().position(|l| l.contains("all articles")).unwrap();
    for _ in first..gone {
        t.keys(&["j"]);
    }
    t.wait_for("gone.xml: server answered HTTP 404");
    t.keys(&["g", "j"]);
    t.wait_for("/alpha.xml");
    t.keys(&["Enter"]);
    t.wait_for("1/3 · all · Alpha wire · 3 unread");
    // Next unread opens it and marks it read; then the feed marked read.
    t.keys(&["n"]);
    t.wait_for("· Alpha wire · 2 unread");
    t.keys(&["A"]);
    t.wait_for("· Alpha wire · 0 unread");
    t.keys(&["u"]);
    t.wait_for("unread · Alpha wire · 0 articles");
    t.wait_for("no unread articles here · u shows all");
    // Back to the whole library, unread only: the samples and Beta.
    t.keys(&["F"]);
    t.wait_for("/alpha.xml");
    t.keys(&["g"]);
    t.wait_for("Enter shows its articles");
    t.keys(&["Enter"]);
    let screen = t.wait_for("1/12 · unread · 12 unread");
    assert!(screen.iter().any(|l| l.contains("Beta one")), "{}", screen.join("\n"));
    assert!(!screen.iter().any(|l| l.contains("Alpha")), "{}", screen.join("\n"));
    eprintln!("unread view:\n{}", screen.join("\n"));
    // A cron-style `hewal fetch` from outside brings a newer article: it
    // shows up without a key press, and search finds it.
    t.keys(&["Enter"]);
    t.wait_for("1/12 · unread · 11 unread");
    let newer = "<item><guid>b3</guid><title>Beta three quokka</title><link>https://example.org/b3</link>\
                 <description>body of b3</description><pubDate>Mon, 03 Mar 2099 10:00:00 +0300</pubDate></item>";
    let more = beta.lock().unwrap().replacen("<item>", &format!("{newer}<item>"), 1);
    *beta.lock().unwrap() = more;
    // It exits 1: the gone feed is still subscribed.
    let o = t.hewal_outside(&["fetch"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 new"), "{}", String::from_utf8_lossy(&o.stderr));
    // It arrives above, out of sight (the rows in view stay put); the
    // article being read stays listed, unmarked, and in the reader.
    let screen = t.wait_for("2/13 · unread · 12 unread");
    assert!(screen[1].starts_with("   ") && screen[1].contains("hewal sam"), "{}", screen.join("\n"));
    t.keys(&["/"]);
    t.keys(&["-l", "quokka"]);
    t.wait_for("1 matches");
    // Back in the view, on the article search selected; the one read
    // before has left the unread view now that the selection moved on.
    t.keys(&["Escape"]);
    t.wait_for("1/12 · unread · 12 unread");
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");
}

/// Colour SGR parameters: 30–37, 38 (256/RGB), 40–47, 48, 90–97, 100–107.
fn colour_codes(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut found = Vec::new();
    for sgr in text.split("\x1b[").skip(1) {
        let Some(end) = sgr.find(|c: char| !(c.is_ascii_digit() || c == ';')) else { continue };
        if !sgr[end..].starts_with('m') {
            continue;
        }
        let params: Vec<u32> = sgr[..end].split(';').filter_map(|p| p.parse().ok()).collect();
        let mut i = 0;
        while i < params.len() {
            match params[i] {
                38 | 48 => {
                    found.push(sgr[..end].to_owned());
                    break;
                }
                30..=37 | 40..=47 | 90..=97 | 100..=107 => found.push(params[i].to_string()),
                _ => {}
            }
            i += 1;
        }
    }
    found
}

/// The colours written fit the terminal: 16-colour codes only under
/// TERM=xterm (terminfo: 8 colours), none at all under NO_COLOR, and
/// 256-colour codes are allowed where terminfo says 256.
#[test]
fn colours_fit_the_terminal_and_no_color_writes_none() {
    for (env, allowed) in [("TERM=xterm", "8"), ("NO_COLOR=1", "none"), ("TERM=linux", "8")] {
        let t = Tmux::start_env(100, 30, &["--bidi", "app", "--shape", "off"], true, env);
        t.wait_for("1/10 ·");
        // A search, so hits are drawn too.
        t.keys(&["/"]);
        t.keys(&["-l", "kurd"]);
        t.wait_for("matches");
        t.keys(&["Enter"]);
        std::thread::sleep(Duration::from_millis(200));
        t.keys(&["q"]);
        t.assert_restored("EXIT:0");
        let codes = colour_codes(&raw(&t));
        match allowed {
            "none" => assert!(codes.is_empty(), "{env}: colour codes written: {codes:?}"),
            _ => {
                assert!(!codes.is_empty(), "{env}: no colour at all");
                let wide: Vec<_> =
                    codes.iter().filter(|c| c.contains(';') || c.parse::<u32>().unwrap() >= 90).collect();
                assert!(wide.is_empty(), "{env}: codes beyond 8 colours: {wide:?}");
            }
        }
    }
}

/// TERM=dumb cannot show a full-screen reader: hewal says why and what
/// works instead, and exits non-zero without touching the terminal.
#[test]
fn a_dumb_terminal_is_refused_with_a_reason() {
    let t = Tmux::start_env(100, 30, &[], false, "TERM=dumb");
    let screen = t.wait_for("EXIT:");
    let text = screen.join("\n");
    assert!(text.contains("TERM=dumb") && text.contains("cannot move the cursor"), "{text}");
    assert!(text.contains("hewal list") && text.contains("EXIT:1"), "{text}");
}

/// `[keys]` in config.toml rebinds the reader's commands: the new keys
/// work, the replaced ones do not, and help shows the keys in force. A
/// broken `[keys]` stops hewal before the screen changes, naming the line.
#[test]
fn config_keys_rebind_commands_and_broken_ones_are_named() {
    let config = tempfile::tempdir().unwrap();
    let toml = "list_width = 30\n[keys]\nquit = [\"x\", \"C-q\"]\ndown = \"ج\"\n";
    std::fs::write(config.path().join("config.toml"), toml).unwrap();
    let env = format!("HEWAL_CONFIG_DIR={}", config.path().display());
    let t = Tmux::start_env(100, 30, &["--bidi", "app", "--shape", "off"], false, &env);
    let screen = t.wait_for("1/10 ·");
    // list_width: the separator at 30% of the width, not the default 60%.
    let bar = screen[1].chars().position(|c| c == '│').expect("a separator");
    assert!((28..=32).contains(&bar), "separator at {bar}:\n{}", screen.join("\n"));
    t.keys(&["ج"]);
    t.wait_for("2/10 ·");
    t.keys(&["q", "j"]);
    std::thread::sleep(Duration::from_millis(300));
    let screen = t.capture().join("\n");
    assert!(screen.contains("2/10 ·"), "q or j still acts:\n{screen}");
    t.keys(&["?"]);
    let help = t.wait_for("x C-q").join("\n");
    assert!(help.contains("ج") && help.contains("next; scroll down"), "{help}");
    t.keys(&["Escape"]);
    t.wait_for("2/10 ·");
    t.keys(&["x"]);
    t.assert_restored("EXIT:0");

    std::fs::write(config.path().join("config.toml"), "# mine\n[keys]\nqiut = \"x\"\nstar = \"j\"\n").unwrap();
    let t = Tmux::start_env(100, 30, &[], false, &env);
    let text = t.wait_for("EXIT:").join("\n");
    assert!(text.contains("line 3: [keys] qiut: no such command"), "{text}");
    assert!(text.contains("line 4: [keys]: j is bound to both down and star"), "{text}");
    assert!(text.contains("EXIT:1"), "{text}");
}

/// Sorani from the locale: `LANG=ckb_IQ.UTF-8` gives Sorani labels and a
/// mirrored screen (list on the right, status from the right edge, help in
/// Sorani with the mirrored arrow keys); `LANG=en_US.UTF-8` the English one,
/// unchanged.
#[test]
fn a_sorani_locale_gives_a_sorani_mirrored_interface_and_english_stays() {
    let shown = |s: &str| s.chars().rev().collect::<String>();
    let t = Tmux::start_env(120, 35, &["--bidi", "app", "--shape", "off"], false, "LANG=ckb_IQ.UTF-8");
    let screen = t.wait_for(&shown("نەخوێندراو"));
    let status = &screen[34];
    assert!(status.trim_end().ends_with("1/10"), "{status:?}");
    // This tmux does not pass the bidi switch on: the note says so, in
    // Sorani, at the far (left) end.
    assert!(status.contains(&shown("کوژاوەتەوە")) && status.starts_with(" (hewal doctor)"), "{status:?}");
    assert!(!status.contains("unread") && !status.contains("passthrough is off"), "{status:?}");
    // The search prompt at the right edge; the list on the right, its
    // unread marks in the last column, the separator left of it.
    assert!(screen[0].trim_end().ends_with('/'), "{:?}", screen[0]);
    assert!(screen[1].trim_end().ends_with('●'), "{:?}", screen[1]);
    assert_eq!(screen[1].chars().nth(47), Some('│'), "{:?}", screen[1]);
    t.keys(&["?"]);
    // (Each a wait: the popup may be caught half drawn.)
    t.wait_for(&shown("کلیلەکان"));
    t.wait_for("Enter h Left");
    t.wait_for("l Right");
    t.wait_for(&shown("ڕاگرتن"));
    t.keys(&["Escape"]);
    // Closed before the next key (else Esc and q arrive as one Alt+q).
    let screen = t.wait_gone(&shown("کلیلەکان"));
    // The key hint at the far end: `? یارمەتی  q دەرچوون` read from the right.
    assert!(screen[34].starts_with(&format!(" {}", shown("? یارمەتی  q دەرچوون"))), "{:?}", screen[34]);
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");

    let t = Tmux::start_env(120, 35, &["--bidi", "app", "--shape", "off"], false, "LANG=en_US.UTF-8");
    let screen = t.wait_for("1/10 · all · 10 unread");
    assert!(screen[34].starts_with(" 1/10 · all · "), "{:?}", screen[34]);
    assert!(screen[34].trim_end().ends_with("tmux passthrough is off (hewal doctor)"), "{:?}", screen[34]);
    assert!(screen[1].starts_with('●'), "{:?}", screen[1]);
    assert_eq!(screen[1].chars().nth(72), Some('│'), "{:?}", screen[1]);
    t.keys(&["q"]);
    t.assert_restored("EXIT:0");
}

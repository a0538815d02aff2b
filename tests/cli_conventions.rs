//! The command line's conventions (issue 17), asserted on the words and
//! bytes the user sees: completions and the man page, options only where
//! they apply, rows for a terminal, numbers, messages.

mod util;

use std::process::Command;
use util::{json_lines, ok, stderr, Dir};

fn library(d: &Dir) {
    let lines = [
        serde_json::json!({"id": "k1", "title": "سەرۆکی هەرێم سەردانی بەغدا دەکات", "body": "سەرۆکی هەرێم ئەمڕۆ گەیشتە بەغدا.",
            "published": "2025-01-02T10:00:00Z", "source": "کوردستان ٢٤"}),
        serde_json::json!({"id": "e1", "title": "Oil prices fall in Erbil markets", "body": "Prices fell in Erbil.",
            "published": "2025-02-03T10:00:00Z", "source": "Rudaw"}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let f = d.create("in.jsonl", text);
    ok(&d.hewal(&["import", f.to_str().unwrap()]));
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let d = Dir::new();
    let bash = ok(&d.hewal(&["completions", "bash"]));
    assert!(bash.contains("import") && bash.contains("--unread"), "{bash}");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let script = ok(&d.hewal(&["completions", shell]));
        assert!(script.contains("unread") && script.contains("import"), "{shell}: {script}");
    }
    let o = d.hewal(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid value 'tcsh'") && stderr(&o).contains("bash"), "{}", stderr(&o));
    let man = ok(&d.hewal(&["man"]));
    assert!(man.starts_with(".ie") || man.contains("\n.TH hewal"), "{man}");
    assert!(man.contains(".TH hewal 1"), "{man}");
    assert!(man.contains("hewal\\-list"), "{man}");
    assert!(!d.data().exists(), "completions and man touch no library");
}

#[test]
fn bidi_and_shape_only_on_the_commands_that_draw() {
    let d = Dir::new();
    for cmd in [&["reindex", "--help"][..], &["feed", "export", "--help"], &["import", "--help"], &["fetch", "--help"]]
    {
        let help = ok(&d.hewal(cmd));
        assert!(!help.contains("--bidi") && !help.contains("--shape"), "{cmd:?}:\n{help}");
    }
    for cmd in ["list", "search", "layout", "doctor", "calibrate"] {
        let help = ok(&d.hewal(&[cmd, "--help"]));
        assert!(help.contains("--bidi") && help.contains("--shape"), "{cmd}:\n{help}");
    }
    let help = ok(&d.hewal(&["--help"]));
    assert!(help.contains("--bidi") && help.contains("HEWAL_BIDI"), "{help}");
    assert!(help.contains("--data-dir"), "{help}");
    assert!(ok(&d.hewal(&["reindex", "--help"])).contains("--data-dir"));
    // Given after a command that draws, or before it; not after one that does not.
    library(&d);
    ok(&d.hewal(&["list", "--bidi", "terminal", "--shape", "off"]));
    ok(&d.hewal(&["--bidi", "terminal", "list"]));
    let o = d.hewal(&["reindex", "--bidi", "app"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unexpected argument '--bidi'"), "{}", stderr(&o));
    // The environment still counts, and an option after the command wins over it.
    let o = d.command().env("HEWAL_BIDI", "bogus").arg("doctor").output().unwrap();
    assert!(stderr(&o).contains("invalid value 'bogus'"), "{}", stderr(&o));
    let o = d
        .command()
        .env("HEWAL_BIDI", "app")
        .env("TERM", "xterm")
        .args(["doctor", "--bidi", "terminal"])
        .output()
        .unwrap();
    assert!(ok(&o).contains("bidi          terminal:"), "{}", util::stdout(&o));
}

#[test]
fn rows_for_a_terminal_fit_it_and_follow_the_bidi_mode() {
    let d = Dir::new();
    library(&d);
    let Some(app) = in_terminal(&d, 60, "list --bidi app --shape off") else { return };
    let rows: Vec<&str> = app.lines().collect();
    assert_eq!(rows.len(), 2, "{app:?}");
    assert_eq!(rows[0], "2025-02-03  Rudaw  Oil prices fall in Erbil markets");
    // Display order: the source and the title each reordered on their own.
    assert_eq!(rows[1], "2025-01-02  ٢٤ ناتسدروک  تاکەد ادغەب ینادرەس مێرەه یکۆرەس");
    let term = in_terminal(&d, 60, "list --bidi terminal --shape off").unwrap();
    assert!(term.contains("2025-01-02  کوردستان ٢٤  سەرۆکی هەرێم سەردانی بەغدا دەکات"), "{term:?}");
    // Narrow: the title is cut to the width.
    let narrow = in_terminal(&d, 40, "list --bidi terminal --shape off").unwrap();
    for row in narrow.lines() {
        assert!(row.chars().count() <= 40, "{row:?}");
    }
    assert!(narrow.contains("2025-02-03  Rudaw  Oil prices fall in E…"), "{narrow:?}");
    // A search shows the snippet under each row.
    let hits = in_terminal(&d, 60, "search --bidi terminal --shape off erbil").unwrap();
    assert!(
        hits.contains("2025-02-03  Rudaw  Oil prices fall in Erbil markets\n            Prices fell in Erbil."),
        "{hits:?}"
    );
    // To a pipe: logical order, whole, no snippet.
    let piped = ok(&d.hewal(&["list", "--bidi", "app"]));
    assert!(piped.contains("2025-01-02  کوردستان ٢٤  سەرۆکی هەرێم سەردانی بەغدا دەکات\n"), "{piped:?}");
}

/// Run `hewal --data-dir DATA ARGS` in a pseudo-terminal COLS wide
/// (util-linux `script`) and return what it printed; `None` when there is
/// no `script` here.
fn in_terminal(d: &Dir, cols: usize, args: &str) -> Option<String> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed, so there is no pseudo-terminal to test in");
        return None;
    }
    let line = format!(
        "stty cols {cols} rows 40; exec {} --data-dir {} {args}",
        env!("CARGO_BIN_EXE_hewal"),
        d.data().display()
    );
    let mut cmd = Command::new("script");
    cmd.current_dir(d.path())
        .env("HOME", d.path())
        .env("XDG_CONFIG_HOME", d.path().join("xdg-config"))
        .env("TERM", "xterm-256color")
        .env("HEWAL_LANG", "en")
        .env_remove("HEWAL_BIDI")
        .env_remove("HEWAL_SHAPE")
        .args(["-qec", &line, "/dev/null"]);
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{o:?}");
    Some(String::from_utf8(o.stdout).unwrap().replace("\r\n", "\n"))
}

#[test]
fn limits_of_zero_and_widths_out_of_range() {
    let d = Dir::new();
    library(&d);
    let o = d.hewal(&["search", "--limit", "0", "erbil"]);
    assert_eq!((ok(&o).as_str(), stderr(&o).as_str()), ("", "0 of 1 match(es)\n"));
    assert_eq!(ok(&d.hewal(&["search", "--json", "--limit", "0", "erbil"])), "");
    assert_eq!(ok(&d.hewal(&["list", "--limit", "0"])), "");
    assert_eq!(ok(&d.hewal(&["list", "--json", "--limit", "0"])), "");
    assert_eq!(json_lines(&ok(&d.hewal(&["list", "--json", "--limit", "1"]))).len(), 1);
    let f = d.create("p.txt", "hello\n");
    let o = d.hewal(&["layout", "--width", "0", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid value '0' for '--width <WIDTH>': 0 is not in 1..=65535"), "{}", stderr(&o));
    assert!(util::stdout(&o).is_empty());
    for (args, what) in [
        (&["layout", "--width", "-3"][..], "unexpected argument '-3'"),
        (&["layout", "--width", "70000"], "invalid value '70000' for '--width <WIDTH>': 70000 is not in 1..=65535"),
        (&["search", "--limit", "ten", "q"], "invalid value 'ten' for '--limit <LIMIT>'"),
        (&["list", "--limit", "-1"], "unexpected argument '-1'"),
        (&["purge", "--older-than", "soon"], "invalid value 'soon' for '--older-than <DAYS>'"),
    ] {
        let o = d.hewal(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(what), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_data_dir_that_is_a_file_is_named_with_its_problem_and_fix() {
    let d = Dir::new();
    let file = d.create("news", "not a directory");
    let input = d.create("a.txt", "hello");
    for args in [&["import", input.to_str().unwrap()][..], &["list"], &["search", "x"]] {
        let o = d.command().arg("--data-dir").arg(&file).args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let want = format!(
            "hewal: {}: not a directory; --data-dir (or HEWAL_DATA_DIR) must name a directory (or leave it out for ~/.local/share/hewal)\n",
            file.display()
        );
        assert_eq!(stderr(&o), want, "{args:?}");
    }
}

#[test]
fn a_data_dir_that_cannot_be_written_says_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    let locked = d.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let input = d.create("a.txt", "hello");
    let mut cmd = d.command();
    if std::fs::write(locked.join("probe"), "x").is_ok() {
        // Root writes anyway: drop to nobody, if this system can.
        std::fs::remove_file(locked.join("probe")).unwrap();
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&input, std::fs::Permissions::from_mode(0o644)).unwrap();
        let as_nobody = || {
            let mut cmd = Command::new("setpriv");
            cmd.current_dir(d.path())
                .env("HOME", d.path())
                .env("XDG_CONFIG_HOME", d.path().join("xdg-config"))
                .env("HEWAL_LANG", "en")
                .args(["--reuid", "65534", "--regid", "65534", "--clear-groups", env!("CARGO_BIN_EXE_hewal")]);
            cmd
        };
        // setpriv may be missing, or the binary out of nobody's reach.
        if !as_nobody().arg("--version").output().is_ok_and(|o| o.status.success()) {
            eprintln!("skipped: this user can write a read-only directory, and hewal cannot be run as nobody here");
            return;
        }
        cmd = as_nobody();
    }
    let o = cmd.arg("--data-dir").arg(&locked).arg("import").arg(&input).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let want = format!(
        "hewal: {}: permission denied; give hewal a directory it can write with --data-dir (or HEWAL_DATA_DIR), or change its permissions\n",
        locked.display()
    );
    assert_eq!(stderr(&o), want);
}

#[test]
fn the_reader_without_a_terminal_says_what_prints_to_pipes() {
    let d = Dir::new();
    let o = d.hewal(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "hewal: the reader needs a terminal (standard output is not one); `hewal list` and `hewal search` print to pipes\n"
    );
    assert!(!d.data().exists(), "nothing imported or created");
    let o = d.hewal(&["calibrate", "--bidi", "app"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("hewal: the calibration screen needs a terminal (standard output is not one)"));
}

#[test]
fn an_empty_library_says_so_and_how_to_fill_it() {
    let d = Dir::new();
    let empty = d.create("empty.txt", "");
    d.hewal(&["import", empty.to_str().unwrap()]); // creates the library, imports nothing
    let hint = "hewal: the library is empty: `hewal import PATH` or `hewal feed add URL`, then `hewal fetch`\n";
    for args in [&["list"][..], &["list", "--json"], &["search", "anything"], &["search", "anything"]] {
        let o = d.hewal(args);
        assert_eq!(ok(&o), "", "{args:?}");
        assert_eq!(stderr(&o), hint, "{args:?}");
    }
    // A library with articles, none unread: no hint.
    library(&d);
    ok(&d.hewal(&["mark", "read", "--all"]));
    let o = d.hewal(&["list", "--unread"]);
    assert_eq!((ok(&o).as_str(), stderr(&o).as_str()), ("", ""));
}

#[test]
fn fetch_names_each_failing_feed_once_and_whole() {
    let d = Dir::new();
    let long = format!("http://127.0.0.1:1/{}/feed.xml?from=hewal&and=more", "a-long-path-segment".repeat(20));
    let short = "http://127.0.0.1:1/feed.xml";
    ok(&d.hewal(&["feed", "add", &long]));
    ok(&d.hewal(&["feed", "add", short]));
    let o = d.hewal(&["fetch"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    for url in [long.as_str(), short] {
        assert_eq!(err.matches(url).count(), 1, "{url} once: {err}");
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("hewal: {url}: could not connect (")) && l.ends_with("try again later")),
            "{err}"
        );
    }
    assert_eq!(lines[2], "2 feed(s): 0 new, 0 updated article(s), 0 unchanged feed(s), 2 error(s)");
    let list = ok(&d.hewal(&["feed", "list"]));
    assert_eq!(list.matches(short).count(), 1, "{list}");
    assert!(list.contains(&format!("{short}  0 items  error: could not connect (")), "{list}");
}

#[test]
fn import_help_names_every_kind_it_imports() {
    let d = Dir::new();
    let help = ok(&d.hewal(&["import", "--help"]));
    assert!(help.contains("Import .txt, .html and .jsonl files"), "{help}");
    assert!(ok(&d.hewal(&["--help"])).contains(".txt, .html and .jsonl"));
}

#[test]
fn a_command_is_suggested_only_for_a_slip() {
    let d = Dir::new();
    let o = d.hewal(&["serch", "erbil"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unrecognized subcommand 'serch'"), "{}", stderr(&o));
    assert!(stderr(&o).contains("a similar subcommand exists: 'search'"), "{}", stderr(&o));
    let o = d.hewal(&["feed", "ad", "https://example.org/feed.xml"]);
    assert!(stderr(&o).contains("a similar subcommand exists: 'add'"), "{}", stderr(&o));
    let o = d.hewal(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: unrecognized subcommand 'frobnicate'\n\nUsage: hewal [OPTIONS] [COMMAND]\n\nFor more information, try '--help'.\n"
    );
}

/// `hewal ARGS` on `d`'s library with the locale variables as `lang` sets
/// them (LANG only; no HEWAL_LANG, LC_ALL, LC_MESSAGES or LANGUAGE).
fn hewal_in_locale(d: &Dir, lang: &str, args: &[&str]) -> std::process::Output {
    let mut cmd = d.command();
    for var in ["HEWAL_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"] {
        cmd.env_remove(var);
    }
    cmd.env("LANG", lang).arg("--data-dir").arg(d.data()).args(args).output().unwrap()
}

#[test]
fn summaries_are_sorani_with_lang_ckb_and_english_otherwise() {
    let d = Dir::new();
    let lines = [
        util::article("a1", "یەک", "دەقی یەک", "2025-01-01T00:00:00Z"),
        util::article("a2", "دوو", "دوو", "2025-01-02T00:00:00Z"),
    ];
    let f = d.create("in.jsonl", lines.join("\n") + "\n");
    // --lang wins over the environment (the harness sets HEWAL_LANG=en).
    let o = d.hewal(&["--lang", "ckb", "import", f.to_str().unwrap()]);
    assert_eq!(stderr(&o), "2 وتاری نوێ هێنرا، 0 پێشتر لە کتێبخانەکەدا هەبوو، 0 کێشە\n");
    let o = d.hewal(&["import", f.to_str().unwrap()]);
    assert_eq!(stderr(&o), "imported 0 new article(s), 2 already in the library, 0 problem(s)\n");
    // The locale: fetch with no feeds, marks, a purge.
    let sorani = "ckb_IQ.UTF-8";
    let o = hewal_in_locale(&d, sorani, &["fetch"]);
    assert_eq!(stderr(&o), "هیچ بەشداربوونێک نییە؛ بە `hewal feed add URL` یەکێک زیاد بکە\n");
    let o = hewal_in_locale(&d, "en_US.UTF-8", &["fetch"]);
    assert_eq!(stderr(&o), "no subscriptions; add one with `hewal feed add URL`\n");
    let o = hewal_in_locale(&d, sorani, &["mark", "star", "a1"]);
    assert_eq!(stderr(&o), "ئەستێرەی لێدرا: 1 وتار\n");
    let o = hewal_in_locale(&d, sorani, &["purge", "--older-than", "1"]);
    assert_eq!(stderr(&o), "1 وتار سڕایەوە؛ 1 وتاری ئەستێرەکراو مایەوە\n");
    let o = hewal_in_locale(&d, "en_US.UTF-8", &["purge", "--older-than", "1"]);
    assert_eq!(stderr(&o), "deleted 0 article(s); kept 1 starred article(s)\n");
    // A warning keeps `hewal:` and translates its kind.
    let long = "وشە ".repeat(40);
    let o = hewal_in_locale(&d, sorani, &["search", &long]);
    assert!(stderr(&o).starts_with("hewal: ئاگاداری: گەڕانەکە درێژە"), "{}", stderr(&o));
    // An error the command line raises itself, on the way out.
    let o = hewal_in_locale(&d, sorani, &["feed", "remove", "https://example.org/x"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "hewal: بەشداری https://example.org/x نەکراوە (بڕوانە `hewal feed list`)\n");
}

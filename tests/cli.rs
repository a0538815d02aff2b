//! The command line, driven through the built binary.

mod util;

use util::{article, json_lines, ok, stderr, Dir};

fn sample_jsonl() -> String {
    [
        article(
            "a1",
            "سەرۆکی هەرێم سەردانی بەغدا دەکات",
            "سەرۆکی هەرێمی کوردستان ئەمڕۆ گەیشتە بەغدا.\n\nکۆبوونەوەکە لەسەر بودجە بوو.",
            "2025-01-02T10:00:00Z",
        ),
        article(
            "a2",
            "Oil prices fall in Erbil markets",
            "Prices fell by 12.5% this week in Erbil.",
            "2025-02-03T10:00:00+03:00",
        ),
        article("a3", "وڵاتانی ئەندام لە ناتۆ کۆدەبنەوە", "وڵاتان لە برووکسل کۆبوونەوە.", "2024-12-01T00:00:00Z"),
    ]
    .join("\n")
        + "\n"
}

#[test]
fn import_then_search_prints_json_lines() {
    let d = Dir::new();
    let f = d.create("in.jsonl", sample_jsonl());
    let o = d.hewal(&["import", f.to_str().unwrap()]);
    ok(&o);
    assert!(stderr(&o).contains("imported 3 new article(s), 0 already in the library, 0 problem(s)"), "{}", stderr(&o));

    let hits = json_lines(&ok(&d.hewal(&["search", "--json", "erbil"])));
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h["id"], "a2");
    assert_eq!(h["title"], "Oil prices fall in Erbil markets");
    assert_eq!(h["published"], "2025-02-03T07:00:00Z");
    assert_eq!(h["source"], "test");
    assert!(h["score"].as_f64().unwrap() > 0.0);
    assert!(h["snippet"].as_str().unwrap().contains("Erbil"));
    assert!(h.get("url").is_some());
}

#[test]
fn importing_twice_adds_nothing() {
    let d = Dir::new();
    let f = d.create("in.jsonl", sample_jsonl());
    ok(&d.hewal(&["import", f.to_str().unwrap()]));
    let o = d.hewal(&["import", f.to_str().unwrap()]);
    ok(&o);
    assert!(stderr(&o).contains("imported 0 new article(s), 3 already in the library"), "{}", stderr(&o));
    // Same content under another id is a duplicate too.
    let g = d.create("again.jsonl", sample_jsonl().replace("\"a1\"", "\"other\""));
    let o = d.hewal(&["import", g.to_str().unwrap()]);
    assert!(stderr(&o).contains("imported 0 new article(s), 3 already"), "{}", stderr(&o));
    assert_eq!(json_lines(&ok(&d.hewal(&["list", "--json"]))).len(), 3);
    assert_eq!(json_lines(&ok(&d.hewal(&["search", "--json", "erbil"]))).len(), 1);
}

#[test]
fn list_is_newest_first_and_keeps_ids() {
    let d = Dir::new();
    let f = d.create("in.jsonl", sample_jsonl());
    ok(&d.hewal(&["import", f.to_str().unwrap()]));
    let ids: Vec<_> =
        json_lines(&ok(&d.hewal(&["list", "--json"]))).iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, ["a2", "a1", "a3"]);
}

#[test]
fn bad_input_names_file_and_line_and_the_rest_imports() {
    let d = Dir::new();
    let mut jsonl = Vec::new();
    jsonl.extend_from_slice(article("g1", "good one", "body one", "2025-01-01T00:00:00Z").as_bytes());
    jsonl.extend_from_slice(b"\n{not json\n");
    jsonl.extend_from_slice(b"{\"title\":\"bad \xff utf8\",\"body\":\"x\"}\n");
    jsonl.extend_from_slice(article("g2", "good two", "body two", "2025-01-02T00:00:00Z").as_bytes());
    jsonl.push(b'\n');
    let mixed = d.create("in/mixed.jsonl", &jsonl);
    d.create("in/empty.txt", "");
    d.create("in/latin1.txt", b"caf\xe9 au lait\n");
    d.create("in/good.txt", "ڕاپۆرتێک لەسەر هەولێر.   پەرەگرافی دووەم.");
    let o = d.hewal(&["import", d.path().join("in").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "per-item problems exit 2");
    let err = stderr(&o);
    let mixed = mixed.display().to_string();
    assert!(err.contains(&format!("{mixed}:2: not an article object")), "{err}");
    assert!(err.contains(&format!("{mixed}:3: invalid UTF-8 at byte 14")), "{err}");
    assert!(err.contains("empty.txt: file is empty"), "{err}");
    assert!(err.contains("latin1.txt: line 1: invalid UTF-8 at byte 3"), "{err}");
    assert!(err.contains("imported 3 new article(s)"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_50_mb_single_line_is_refused_and_the_rest_imports() {
    let d = Dir::new();
    let mut big = article("ok", "fine", "small", "2025-01-01T00:00:00Z").into_bytes();
    big.extend_from_slice(b"\n{\"title\":\"huge\",\"body\":\"");
    big.resize(big.len() + 50 * 1024 * 1024, b'a');
    big.extend_from_slice(b"\"}\n");
    big.extend_from_slice(article("ok2", "fine too", "small too", "2025-01-01T00:00:00Z").as_bytes());
    let f = d.create("big.jsonl", &big);
    let o = d.hewal(&["import", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("big.jsonl:2: line is 50.0 MB, over the 8.0 MB limit; skipped"), "{}", stderr(&o));
    assert!(stderr(&o).contains("imported 2 new article(s)"));
}

#[test]
fn data_dir_flag_goes_before_or_after_the_command_and_env_works() {
    let d = Dir::new();
    let f = d.create("in.jsonl", sample_jsonl());
    let data = d.data();
    let o = d.command().args(["import", f.to_str().unwrap(), "--data-dir", data.to_str().unwrap()]).output().unwrap();
    ok(&o);
    let o = d.command().env("HEWAL_DATA_DIR", &data).args(["list", "--json"]).output().unwrap();
    assert_eq!(json_lines(&ok(&o)).len(), 3);
    // Without either, the XDG data home is used (by a command that writes:
    // reading commands create nothing).
    let o = d.command().args(["import", f.to_str().unwrap()]).output().unwrap();
    ok(&o);
    assert!(d.path().join("xdg-data/hewal/hewal.db").exists());
    let o = d.command().args(["list", "--json"]).output().unwrap();
    assert_eq!(json_lines(&ok(&o)).len(), 3);
}

#[test]
fn a_damaged_index_is_rebuilt_not_fatal() {
    let d = Dir::new();
    let f = d.create("in.jsonl", sample_jsonl());
    ok(&d.hewal(&["import", f.to_str().unwrap()]));
    std::fs::write(d.data().join("index/meta.json"), "{ garbage").unwrap();
    let o = d.hewal(&["search", "--json", "erbil"]);
    assert_eq!(json_lines(&ok(&o)).len(), 1);
    assert!(stderr(&o).contains("damaged"), "{}", stderr(&o));
    // A deleted index too.
    std::fs::remove_dir_all(d.data().join("index")).unwrap();
    assert_eq!(json_lines(&ok(&d.hewal(&["search", "--json", "erbil"]))).len(), 1);
}

#[test]
fn reindex_rebuilds_from_the_database() {
    let d = Dir::new();
    let f = d.create("in.jsonl", sample_jsonl());
    ok(&d.hewal(&["import", f.to_str().unwrap()]));
    let o = d.hewal(&["reindex"]);
    ok(&o);
    assert!(stderr(&o).contains("indexed 3 article(s)"), "{}", stderr(&o));
    assert_eq!(json_lines(&ok(&d.hewal(&["search", "--json", "oil prices"]))).len(), 1);
}

#[test]
fn queries_of_punctuation_or_nothing_findable_never_error() {
    let d = Dir::new();
    let f = d.create("in.jsonl", sample_jsonl());
    ok(&d.hewal(&["import", f.to_str().unwrap()]));
    for q in ["،", "\"", "-", "--", "\"\"", "((", "-erbil", "xqzvw"] {
        let o = d.hewal(&["search", "--json", "--", q]);
        assert!(ok(&o).is_empty(), "{q:?} found something");
    }
}

#[test]
fn json_output_escapes_terminal_controls() {
    let d = Dir::new();
    let evil = article("e", "title \u{1b}]52;c;aGk=\u{7} \u{9b}2J \u{202e}evil", "body", "2025-01-01T00:00:00Z");
    let f = d.create("evil.jsonl", evil);
    ok(&d.hewal(&["import", f.to_str().unwrap()]));
    let out = ok(&d.hewal(&["list", "--json"]));
    assert!(!out.chars().any(|c| c == '\u{1b}' || c == '\u{9b}' || c == '\u{202e}' || c == '\u{7}'), "{out:?}");
    assert_eq!(json_lines(&out)[0]["title"], "title \u{1b}]52;c;aGk=\u{7} \u{9b}2J \u{202e}evil");
    let plain = ok(&d.hewal(&["list"]));
    assert!(!plain.chars().any(|c| c.is_control() && c != '\n' || c == '\u{202e}'), "{plain:?}");
}

#[test]
fn layout_prints_rtl_right_aligned_and_keeps_empty_lines() {
    let d = Dir::new();
    let f = d.create("p.txt", "سڵاو\n\nhello\n");
    let out = ok(&d.hewal(&["layout", "--width", "10", f.to_str().unwrap()]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out:?}");
    assert_eq!(lines[0], format!("{}{}", " ".repeat(6), "واڵس"));
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "hello");
}

#[test]
fn help_version_and_user_errors_have_no_backtrace() {
    let d = Dir::new();
    let help = ok(&d.hewal(&["--help"]));
    for cmd in ["import", "search", "list", "layout", "reindex"] {
        assert!(help.contains(cmd), "{help}");
    }
    assert!(ok(&d.hewal(&["--version"])).starts_with("hewal "));
    let o = d.hewal(&["import", "/no/such/file.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/file.jsonl: cannot read"), "{}", stderr(&o));
    let o = d.hewal(&["frobnicate"]);
    assert!(!o.status.success());
    assert!(!stderr(&o).contains("backtrace") && !stderr(&o).contains("panicked"));
    let o = d.command().args(["--data-dir", "/proc/forbidden/x", "import", "/no/such/file.jsonl"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("hewal: cannot open the library in /proc/forbidden/x"), "{}", stderr(&o));
}

/// `hewal doctor` says what it detected and where each decision came from:
/// detection, config.toml, the command line, or a saved calibration.
#[test]
fn doctor_reports_terminal_modes_and_their_sources() {
    let d = Dir::new();
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = d.command();
        cmd.env_remove("HEWAL_BIDI").env_remove("HEWAL_SHAPE").env_remove("TMUX").env_remove("STY");
        for k in ["MLTERM", "VTE_VERSION", "KONSOLE_VERSION", "TERM_PROGRAM", "WT_SESSION", "KITTY_WINDOW_ID"] {
            cmd.env_remove(k);
        }
        cmd.envs(env.iter().copied()).args(args).arg("doctor");
        ok(&cmd.output().unwrap())
    };
    let xterm = [("TERM", "xterm-256color"), ("XTERM_VERSION", "XTerm(379)"), ("LANG", "C.UTF-8")];
    let out = run(&[], &xterm);
    for want in
        ["terminal      xterm (TERM=xterm-256color)", "bidi          app:", "shaping       on:", "(detected)", "[3]"]
    {
        assert!(out.contains(want), "{want:?} missing:\n{out}");
    }
    let out = run(&["--bidi", "terminal", "--shape", "off"], &xterm);
    assert!(out.contains("bidi          terminal:") && out.contains("set by option"), "{out}");
    let konsole = [("TERM", "xterm-256color"), ("KONSOLE_VERSION", "230804")];
    assert!(run(&[], &konsole).contains("bidi          terminal:"));
    // config.toml, then a saved calibration for this terminal.
    let config = d.path().join("xdg-config/hewal");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "shape = \"off\"\n").unwrap();
    assert!(run(&[], &xterm).contains("shaping       off: letters are sent as they are (set by option"));
    std::fs::write(config.join("config.toml"), "").unwrap();
    std::fs::write(
        config.join("calibration.toml"),
        "[terminals.\"xterm:xterm-256color\"]\nbidi = \"terminal\"\nshape = false\n",
    )
    .unwrap();
    let out = run(&[], &xterm);
    assert!(out.contains("bidi          terminal:") && out.contains("from your calibration"), "{out}");
    // A damaged calibration file is reported and detection decides.
    std::fs::write(config.join("calibration.toml"), "nonsense").unwrap();
    let mut cmd = d.command();
    let o = cmd.envs(xterm).arg("doctor").output().unwrap();
    assert!(o.status.success());
    assert!(stderr(&o).contains("not a calibration file"), "{}", stderr(&o));
}

/// Sorani typed in Latin letters finds the Arabic-script article
/// (`kurdistan`, `hewlêr`), unless `latin_search = false` in config.toml.
#[test]
fn latin_letters_find_sorani_unless_turned_off() {
    let d = Dir::new();
    let f = d.create("in.jsonl", sample_jsonl());
    ok(&d.hewal(&["import", f.to_str().unwrap()]));
    let ids = |q: &str| -> Vec<String> {
        json_lines(&ok(&d.hewal(&["search", "--json", q])))
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("کوردستان"), ["a1"]);
    assert_eq!(ids("kurdistan"), ["a1"]);
    assert_eq!(ids("Kurdistan"), ["a1"]);
    assert_eq!(ids("herêm"), ["a1"], "هەرێم, in a1");
    assert_eq!(ids("pirtûkxane"), Vec::<String>::new(), "no such word");
    // English still finds English.
    assert_eq!(ids("erbil"), ["a2"]);
    let config = d.path().join("xdg-config/hewal");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "latin_search = false\n").unwrap();
    assert_eq!(ids("kurdistan"), Vec::<String>::new());
    assert_eq!(ids("کوردستان"), ["a1"]);
}

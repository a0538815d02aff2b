//! `hewal config path|default|check`, and `hewal doctor` with a broken
//! config.toml: what a user reads.

mod util;

use util::{ok, stderr, stdout, Dir};

const CONFIG: &str = "xdg-config/hewal/config.toml";

#[test]
fn path_names_the_file_and_default_writes_one_that_checks_clean() {
    let d = Dir::new();
    let o = d.hewal(&["config", "path"]);
    let path = ok(&o);
    assert_eq!(path.trim(), d.path().join(CONFIG).display().to_string());
    assert!(stderr(&o).contains("does not exist yet"), "{}", stderr(&o));
    let default = ok(&d.hewal(&["config", "default"]));
    for needle in [
        "bidi = \"auto\"",
        "[keys]",
        "quit = [\"q\"]",
        "page_down = [\"Space\", \"PageDown\", \"C-d\", \"C-f\"]",
        "theme = \"default\"",
        "max_articles = 0",
        "date_format = \"iso\"",
        "digits = \"western\"",
        "list_width = 60",
    ] {
        assert!(default.contains(needle), "the default lacks {needle}:\n{default}");
    }
    d.create(CONFIG, &default);
    let o = d.hewal(&["config", "check"]);
    assert!(o.status.success() && stderr(&o).contains("no problems"), "{}", stderr(&o));
}

#[test]
fn check_names_every_problem_with_its_line_and_what_is_allowed() {
    let d = Dir::new();
    d.create(
        CONFIG,
        "theme = \"neon\"\n[colors]\nunread = \"blurple\"\n[keys]\nquit = \"s\"\nqiut = \"x\"\ndown = \"Ctlr-j\"\n",
    );
    let o = d.hewal(&["config", "check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for needle in [
        "theme = \"neon\": no such theme; the themes are default, 256, truecolor, mono",
        "[colors] unread = \"blurple\": \"blurple\" is not a colour",
        "line 5: [keys]: s is bound to both star and quit",
        "line 6: [keys] qiut: no such command; the commands are down, up",
        "line 7: [keys] down: \"Ctlr-j\" is not a key",
    ] {
        assert!(err.contains(needle), "no {needle:?} in:\n{err}");
    }
    // A value of the wrong type: the setting, the line, what is expected.
    d.create(CONFIG, "bidi = \"app\"\nmax_articles = \"many\"\n");
    let err = stderr(&d.hewal(&["config", "check"]));
    assert!(err.contains("max_articles: invalid type: string \"many\", expected u64 (line 2, column 16)"), "{err}");
    d.create(CONFIG, "list_width = 95\n");
    let err = stderr(&d.hewal(&["config", "check"]));
    assert!(err.contains("list_width = 95: must be between 20 and 80"), "{err}");
    d.create(CONFIG, "shape = \"sometimes\"\n");
    let err = stderr(&d.hewal(&["config", "check"]));
    assert!(err.contains("shape: unknown variant `sometimes`, expected one of `auto`, `on`, `off` (line 1"), "{err}");
}

#[test]
fn doctor_runs_with_a_broken_config_and_says_so_while_other_commands_stop() {
    let d = Dir::new();
    d.create(CONFIG, "data_dri = 1\n");
    let o = d.hewal(&["doctor"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("unknown field `data_dri`") && stderr(&o).contains("the settings below are the defaults")
    );
    assert!(stdout(&o).contains("colours"), "{}", stdout(&o));
    for args in [&["completions", "bash"][..], &["man"]] {
        let o = d.hewal(args);
        assert!(o.status.success() && !stdout(&o).is_empty(), "{args:?}: {}", stderr(&o));
    }
    let o = d.hewal(&["list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown field `data_dri`"), "{}", stderr(&o));
}

/// docs/CONFIG.md names every command, role and theme.
#[test]
fn the_config_guide_names_every_command_role_and_theme() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/CONFIG.md")).unwrap();
    for c in hewal::tui::keymap::COMMANDS {
        assert!(doc.contains(&format!("`{}`", c.name)), "docs/CONFIG.md lacks the command {}", c.name);
    }
    for name in hewal::tui::theme::ROLES.iter().chain(hewal::tui::theme::THEMES) {
        assert!(doc.contains(&format!("`{name}`")), "docs/CONFIG.md lacks {name}");
    }
}

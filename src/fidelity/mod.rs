//! Terminal fidelity: which terminal draws hewal's cells, whether it runs
//! its own bidi or Arabic shaping, and what hewal does about it.
//!
//! hewal's layout puts every line in display order itself (`text`). That is
//! right for terminals that draw cells strictly left to right, and wrong for
//! terminals that reorder again on top. Two settings decide the output:
//!
//! - [`BidiMode`]: `app` — hewal reorders and asks the terminal to stand
//!   back (ECMA-48 / Terminal-WG BDSM `CSI 8 l`, mlterm's
//!   `OSC 5379;use_ctl=false`), restored on every exit path; `terminal` —
//!   lines go out in logical order for a terminal whose own bidi the reader
//!   prefers (or that cannot be switched off); `auto` — from a saved
//!   calibration, else from what the environment says ([`detect`]).
//! - [`ShapeMode`]: whether hewal draws Arabic letters in their contextual
//!   presentation forms, for terminals that draw every letter isolated.
//!
//! [`resolve`] turns the two settings, the environment and the calibration
//! into a [`Plan`]: the `text::Render` the layout uses and the escape
//! sequences the TUI sends on entering and leaving.

pub mod calibration;
pub mod detect;
pub mod doctor;

use crate::text::{Order, Render};
use calibration::Calibration;
pub use detect::{terminfo, Environment, Multiplexer, TermInfo, Terminal};

// The two settings are plain values kept in `config` (which depends on
// nothing); this module decides what they mean on the terminal at hand.
pub use crate::config::{BidiMode, ShapeMode};

/// Where a decision came from, for `hewal doctor` and the status line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--bidi`/`--shape`, `HEWAL_BIDI`/`HEWAL_SHAPE` or config.toml.
    Setting,
    /// The reader's pick on the calibration screen for this terminal.
    Calibration,
    /// What is known about the terminal detected.
    Detected,
}

/// What hewal will do on this terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub bidi: BidiMode,
    pub bidi_source: Source,
    pub shape: bool,
    pub shape_source: Source,
    /// Sent on entering the TUI (after the alternate screen).
    pub enter: String,
    /// Sent on leaving it, on every exit path.
    pub leave: String,
    /// Sent on every row of the screen (cursor on that row), after entering
    /// and after every resize: VTE keeps the bidi mode per paragraph and
    /// applies `CSI 8 l` only to the row the cursor is on (seen in
    /// screenshots: one explicit row, the rest reordered again).
    pub per_row: String,
    /// Things the reader should know (e.g. tmux passthrough is off).
    pub notes: Vec<Note>,
}

/// Something the reader should know about the terminal: in full (for
/// `hewal doctor`, and printed when the reader quits) and in a few words
/// that fit the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub short: String,
    pub full: String,
}

impl Plan {
    /// How the layout draws text under this plan.
    pub fn render(&self) -> Render {
        let order = if self.bidi == BidiMode::Terminal { Order::Logical } else { Order::Visual };
        Render { order, shape: self.shape }
    }

    /// Whether the calibration screen should be offered: nothing was said
    /// by a setting and nothing saved for this terminal.
    pub fn wants_calibration(&self) -> bool {
        self.bidi_source == Source::Detected && self.shape_source == Source::Detected
    }
}

/// ECMA-48 BDSM reset: explicit (no implicit reordering by the terminal).
pub const BDSM_EXPLICIT: &str = "\x1b[8l";
/// ECMA-48 BDSM set: implicit (the terminal's default under the Terminal-WG
/// BiDi recommendation).
pub const BDSM_IMPLICIT: &str = "\x1b[8h";
/// Terminal-WG private mode 2501: the paragraph direction of each row is
/// detected from its text (VTE: off by default, so RTL rows would be laid
/// out left to right). Asked for in terminal mode, so RTL lines sit right.
pub const AUTODETECT_ON: &str = "\x1b[?2501h";
pub const AUTODETECT_OFF: &str = "\x1b[?2501l";
/// mlterm ignores BDSM; its own configuration sequence turns complex text
/// layout (bidi and shaping) off and on.
pub const MLTERM_CTL_OFF: &str = "\x1b]5379;use_ctl=false\x07";
pub const MLTERM_CTL_ON: &str = "\x1b]5379;use_ctl=true\x07";

/// Decide the plan from the settings (`Auto` when not given), the saved
/// calibration and the environment.
pub fn resolve(bidi: BidiMode, shape: ShapeMode, env: &Environment, cal: &Calibration) -> Plan {
    let saved = cal.get(&env.identity());
    let (bidi, bidi_source) = match (bidi, saved) {
        (BidiMode::Auto, Some(s)) => (s.bidi, Source::Calibration),
        (BidiMode::Auto, None) => (env.terminal.default_bidi(), Source::Detected),
        (b, _) => (b, Source::Setting),
    };
    let (shape, shape_source) = match (shape, saved) {
        (ShapeMode::Auto, Some(s)) => (s.shape, Source::Calibration),
        (ShapeMode::Auto, None) => (!env.terminal.shapes(bidi), Source::Detected),
        (s, _) => (s == ShapeMode::On, Source::Setting),
    };
    let mut notes = Vec::new();
    let (enter, leave) = match bidi {
        // Switch the terminal's bidi off for as long as hewal draws.
        BidiMode::App | BidiMode::Auto => {
            let mut on = String::from(BDSM_EXPLICIT);
            let mut off = String::from(BDSM_IMPLICIT);
            // Unknown OSC strings are skipped by every terminal that parses
            // ECMA-48; the Linux console is the exception worth avoiding.
            if env.terminal != Terminal::LinuxConsole {
                on.push_str(MLTERM_CTL_OFF);
                off.push_str(MLTERM_CTL_ON);
            }
            if env.terminal.bidi_switch() == detect::BidiSwitch::None {
                let name = env.terminal.name();
                notes.push(Note {
                    short: crate::i18n::text_with("note-reorders-itself", &[("terminal", name.into())]),
                    full: format!(
                        "{name} reorders right-to-left text itself and cannot be asked to stop: \
                         use --bidi terminal, or turn its bidi off in its settings"
                    ),
                });
            }
            (on, off)
        }
        // Leave the terminal's own bidi on; only its paragraph direction
        // autodetection is asked for (per row, see `per_row`), undone on
        // the way out.
        BidiMode::Terminal => (String::new(), String::new()),
    };
    let (enter, leave) = match env.multiplexer {
        Some(m) if !enter.is_empty() => {
            if let (Some(full), false) = (m.passthrough_note(), env.tmux_passthrough == Some(true)) {
                let short = crate::i18n::text("note-tmux-passthrough");
                notes.push(Note { short, full });
            }
            // The multiplexer draws on the outer terminal: the switch must
            // reach that one, wrapped for passthrough. The plain copy is for
            // the multiplexer itself (harmless where it ignores it).
            (format!("{enter}{}", m.wrap(&enter)), format!("{leave}{}", m.wrap(&leave)))
        }
        _ => (enter, leave),
    };
    // Per row only when hewal writes to the terminal that draws: through a
    // multiplexer the rows are the multiplexer's.
    if env.terminal == Terminal::Kitty {
        notes.push(Note {
            short: crate::i18n::text("note-kitty"),
            full: "kitty reverses the letters inside right-to-left words when it shapes them (seen in screenshots); \
                   hewal cannot undo that: read Kurdish in another terminal"
                .to_owned(),
        });
    }
    let direct = env.multiplexer.is_none() && env.terminal != Terminal::LinuxConsole;
    let per_row = match bidi {
        _ if !direct => String::new(),
        BidiMode::Terminal => AUTODETECT_ON.to_owned(),
        _ => BDSM_EXPLICIT.to_owned(),
    };
    let leave = if bidi == BidiMode::Terminal && direct { format!("{leave}{AUTODETECT_OFF}") } else { leave };
    Plan { bidi, bidi_source, shape, shape_source, enter, leave, per_row, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calibration::Choice;

    fn env(vars: &[(&str, &str)]) -> Environment {
        Environment::from_vars(|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn xterm_gets_app_mode_with_shaping() {
        let e = env(&[("TERM", "xterm-256color"), ("XTERM_VERSION", "XTerm(379)")]);
        let p = resolve(BidiMode::Auto, ShapeMode::Auto, &e, &Calibration::default());
        assert_eq!((p.bidi, p.shape), (BidiMode::App, true));
        assert_eq!(p.render(), Render { order: Order::Visual, shape: true });
        assert!(p.enter.starts_with(BDSM_EXPLICIT) && p.enter.contains(MLTERM_CTL_OFF), "{:?}", p.enter);
        assert!(p.leave.starts_with(BDSM_IMPLICIT) && p.leave.contains(MLTERM_CTL_ON), "{:?}", p.leave);
        // VTE applies BDSM to the cursor's row only: it is sent on every row.
        assert_eq!(p.per_row, BDSM_EXPLICIT);
        assert!(p.wants_calibration());
    }

    #[test]
    fn mlterm_is_switched_off_and_then_shaped_by_hewal() {
        let p = resolve(
            BidiMode::Auto,
            ShapeMode::Auto,
            &env(&[("TERM", "xterm"), ("MLTERM", "3.9.3")]),
            &Calibration::default(),
        );
        assert_eq!(p.bidi, BidiMode::App);
        // With use_ctl=false mlterm no longer shapes: hewal does.
        assert!(p.shape);
    }

    #[test]
    fn terminal_mode_sends_nothing_and_keeps_logical_order() {
        let e = env(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7600")]);
        let p = resolve(BidiMode::Terminal, ShapeMode::Auto, &e, &Calibration::default());
        // Its bidi stays on; RTL rows are asked to be detected as RTL.
        assert_eq!((p.enter.as_str(), p.leave.as_str(), p.per_row.as_str()), ("", AUTODETECT_OFF, AUTODETECT_ON));
        assert_eq!(p.render().order, Order::Logical);
        assert!(!p.shape, "VTE shapes itself when its bidi is on");
        assert!(!p.wants_calibration());
    }

    #[test]
    fn terminals_that_cannot_be_switched_off_default_to_terminal_mode() {
        for vars in
            [&[("TERM", "xterm-256color"), ("KONSOLE_VERSION", "230804")][..], &[("TERM_PROGRAM", "Apple_Terminal")]]
        {
            let p = resolve(BidiMode::Auto, ShapeMode::Auto, &env(vars), &Calibration::default());
            assert_eq!(p.bidi, BidiMode::Terminal, "{vars:?}");
        }
        // Forcing app mode there is allowed, with a note saying why it reads wrong.
        let p = resolve(BidiMode::App, ShapeMode::Auto, &env(&[("KONSOLE_VERSION", "1")]), &Calibration::default());
        assert!(p.notes.iter().any(|n| n.full.contains("cannot be asked to stop")), "{:?}", p.notes);
        assert!(p.notes.iter().all(|n| n.short.chars().count() <= 45), "{:?}", p.notes);
    }

    #[test]
    fn inside_tmux_the_switch_is_also_passed_through() {
        let e = env(&[("TERM", "tmux-256color"), ("TMUX", "/tmp/tmux-0/default,1,0"), ("TERM_PROGRAM", "tmux")]);
        let p = resolve(BidiMode::App, ShapeMode::Off, &e, &Calibration::default());
        assert!(p.enter.starts_with(BDSM_EXPLICIT));
        assert!(p.enter.contains("\x1bPtmux;\x1b\x1b[8l"), "{:?}", p.enter);
        assert!(p.leave.contains("\x1bPtmux;\x1b\x1b[8h"), "{:?}", p.leave);
        assert!(p.enter.ends_with("\x1b\\"));
        assert!(!p.shape);
        assert_eq!(p.per_row, "", "rows belong to tmux, not to the outer terminal");
    }

    #[test]
    fn calibration_wins_over_detection_and_settings_over_calibration() {
        let e = env(&[("TERM", "xterm-256color")]);
        let mut cal = Calibration::default();
        cal.set(e.identity(), Choice { bidi: BidiMode::Terminal, shape: false });
        let p = resolve(BidiMode::Auto, ShapeMode::Auto, &e, &cal);
        assert_eq!(
            (p.bidi, p.bidi_source, p.shape, p.shape_source),
            (BidiMode::Terminal, Source::Calibration, false, Source::Calibration)
        );
        let p = resolve(BidiMode::App, ShapeMode::On, &e, &cal);
        assert_eq!(
            (p.bidi, p.bidi_source, p.shape, p.shape_source),
            (BidiMode::App, Source::Setting, true, Source::Setting)
        );
    }
}

//! What the environment says about the terminal: TERM, TERM_PROGRAM,
//! VTE_VERSION, KONSOLE_VERSION, MLTERM, WT_SESSION, TMUX, STY…
//!
//! Only environment variables are read (no terminal queries: an answer that
//! never comes would delay the first frame), plus, inside tmux, tmux's own
//! idea of the outer terminal's TERM. Over SSH only TERM survives, so most
//! terminals are `Unknown` there: the calibration screen covers that.

use super::BidiMode;

/// Terminals whose bidi and shaping behaviour is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Terminal {
    Xterm,
    Mlterm,
    /// GNOME Terminal, Tilix, Terminator, xfce4-terminal… (VTE ≥ 0.58 has bidi).
    Vte,
    Konsole,
    Kitty,
    WezTerm,
    Alacritty,
    Foot,
    ITerm2,
    AppleTerminal,
    WindowsTerminal,
    Mintty,
    LinuxConsole,
    Urxvt,
    St,
    Unknown,
}

/// How a terminal's own bidi can be switched off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BidiSwitch {
    /// It has no bidi: cells are drawn left to right as sent.
    NotNeeded,
    /// It follows the Terminal-WG recommendation: `CSI 8 l`.
    Bdsm,
    /// mlterm: `OSC 5379;use_ctl=false`.
    Mlterm,
    /// It reorders and only its own settings can stop it.
    None,
}

impl Terminal {
    pub fn name(self) -> &'static str {
        match self {
            Terminal::Xterm => "xterm",
            Terminal::Mlterm => "mlterm",
            Terminal::Vte => "a VTE terminal (GNOME Terminal, Tilix…)",
            Terminal::Konsole => "Konsole",
            Terminal::Kitty => "kitty",
            Terminal::WezTerm => "WezTerm",
            Terminal::Alacritty => "Alacritty",
            Terminal::Foot => "foot",
            Terminal::ITerm2 => "iTerm2",
            Terminal::AppleTerminal => "Terminal.app",
            Terminal::WindowsTerminal => "Windows Terminal",
            Terminal::Mintty => "mintty",
            Terminal::LinuxConsole => "the Linux console",
            Terminal::Urxvt => "urxvt",
            Terminal::St => "st",
            Terminal::Unknown => "an unrecognised terminal",
        }
    }

    /// Short stable key for the calibration file.
    pub fn key(self) -> &'static str {
        match self {
            Terminal::Xterm => "xterm",
            Terminal::Mlterm => "mlterm",
            Terminal::Vte => "vte",
            Terminal::Konsole => "konsole",
            Terminal::Kitty => "kitty",
            Terminal::WezTerm => "wezterm",
            Terminal::Alacritty => "alacritty",
            Terminal::Foot => "foot",
            Terminal::ITerm2 => "iterm2",
            Terminal::AppleTerminal => "apple-terminal",
            Terminal::WindowsTerminal => "windows-terminal",
            Terminal::Mintty => "mintty",
            Terminal::LinuxConsole => "linux",
            Terminal::Urxvt => "urxvt",
            Terminal::St => "st",
            Terminal::Unknown => "unknown",
        }
    }

    /// Whether and how its own bidi can be turned off. xterm and mlterm are
    /// verified here by screenshot (docs/TERMINALS.md); the rest follow the
    /// terminals' documentation.
    pub fn bidi_switch(self) -> BidiSwitch {
        match self {
            Terminal::Mlterm => BidiSwitch::Mlterm,
            Terminal::Vte | Terminal::Mintty => BidiSwitch::Bdsm,
            Terminal::Konsole | Terminal::AppleTerminal => BidiSwitch::None,
            // WezTerm and iTerm2 have bidi, off unless the user enabled it.
            _ => BidiSwitch::NotNeeded,
        }
    }

    /// The mode `auto` picks with no calibration: hewal's own reordering
    /// wherever the terminal's can be avoided.
    pub fn default_bidi(self) -> BidiMode {
        match self.bidi_switch() {
            BidiSwitch::None => BidiMode::Terminal,
            _ => BidiMode::App,
        }
    }

    /// Whether Arabic letters come out joined when hewal sends base letters
    /// in mode `bidi`. mlterm shapes only with its complex text layout on,
    /// which app mode turns off. Unknown terminals are assumed to shape:
    /// isolated letters are still readable, while forced presentation forms
    /// would spoil Kurdish letters that have none on a shaping terminal.
    pub fn shapes(self, bidi: BidiMode) -> bool {
        match self {
            Terminal::Mlterm => bidi == BidiMode::Terminal,
            Terminal::Xterm
            | Terminal::LinuxConsole
            | Terminal::Alacritty
            | Terminal::Foot
            | Terminal::Urxvt
            | Terminal::St => false,
            _ => true,
        }
    }
}

/// A terminal multiplexer between hewal and the terminal that draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Multiplexer {
    Tmux,
    Screen,
}

impl Multiplexer {
    /// `seq` wrapped so the multiplexer passes it to the outer terminal.
    pub fn wrap(self, seq: &str) -> String {
        match self {
            // tmux doubles every ESC inside its DCS passthrough.
            Multiplexer::Tmux => format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b")),
            Multiplexer::Screen => format!("\x1bP{seq}\x1b\\"),
        }
    }

    /// What the reader may have to do for the passthrough to work.
    pub fn passthrough_note(self) -> Option<String> {
        match self {
            Multiplexer::Tmux => Some(
                "inside tmux the outer terminal draws: the bidi switch reaches it only with \
                 `set -g allow-passthrough on` in ~/.tmux.conf (tmux 3.3+)"
                    .to_owned(),
            ),
            Multiplexer::Screen => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Multiplexer::Tmux => "tmux",
            Multiplexer::Screen => "GNU screen",
        }
    }
}

/// What was detected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Environment {
    pub terminal: Terminal,
    pub multiplexer: Option<Multiplexer>,
    /// TERM as hewal sees it (inside tmux: tmux's).
    pub term: String,
    /// The outer terminal's TERM, as tmux reports it, when inside tmux.
    pub outer_term: Option<String>,
    /// Inside tmux: whether its `allow-passthrough` option is on.
    pub tmux_passthrough: Option<bool>,
    pub over_ssh: bool,
    /// 24-bit colour (COLORTERM), else terminfo's count for TERM (or a
    /// guess from its name when the system has no entry for it).
    pub colours: u32,
    /// NO_COLOR is set (and not empty): the user wants no colour.
    pub no_color: bool,
    /// What the system's terminfo says of TERM, when it has an entry
    /// (filled by [`detect`](Self::detect); unit tests leave it out).
    pub terminfo: Option<TermInfo>,
    /// LC_ALL / LC_CTYPE / LANG as the C library would pick it.
    pub locale: String,
}

/// What the terminfo entry of a terminal says it can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermInfo {
    /// Its `colors` (0 when the entry names none).
    pub colours: u32,
    /// Whether it can move the cursor (`cup`): a full-screen program
    /// needs that.
    pub addressable: bool,
    /// Whether it can blank characters where the cursor is (`ech`, VT220's
    /// ECH): a run of blanks is then a few bytes.
    pub erases: bool,
}

/// The terminfo entry of `term`, if the system has one.
pub fn terminfo(term: &str) -> Option<TermInfo> {
    if term.is_empty() {
        return None;
    }
    let db = terminfo::Database::from_name(term).ok()?;
    let colours = db.get::<terminfo::capability::MaxColors>().map_or(0, |c| c.0.max(0) as u32);
    let addressable = db.get::<terminfo::capability::CursorAddress>().is_some();
    let erases = db.get::<terminfo::capability::EraseChars>().is_some();
    Some(TermInfo { colours, addressable, erases })
}

impl Environment {
    /// Read the process environment; inside tmux, ask tmux for the outer
    /// terminal's TERM.
    pub fn detect() -> Environment {
        // A variable that is not UTF-8 names no terminal hewal knows: unset.
        let mut env = Environment::from_vars(|k| std::env::var(k).ok());
        if env.multiplexer == Some(Multiplexer::Tmux) {
            if let Some((term, passthrough)) = ask_tmux() {
                env.outer_term = Some(term).filter(|t| !t.is_empty());
                env.tmux_passthrough = Some(passthrough);
            }
            if env.terminal == Terminal::Unknown {
                if let Some(t) = &env.outer_term {
                    env.terminal = from_term(t);
                }
            }
        }
        env.terminfo = terminfo(&env.term);
        if let Some(info) = env.terminfo.filter(|_| env.colours < 1 << 24) {
            env.colours = info.colours;
        }
        env
    }

    /// Detection from a variable lookup: [`detect`](Self::detect) passes
    /// the process environment, unit tests their own.
    pub(crate) fn from_vars(get: impl Fn(&str) -> Option<String>) -> Environment {
        let term = get("TERM").unwrap_or_default();
        let program = get("TERM_PROGRAM").unwrap_or_default();
        let multiplexer = if get("TMUX").is_some() || program == "tmux" {
            Some(Multiplexer::Tmux)
        } else if get("STY").is_some() {
            Some(Multiplexer::Screen)
        } else {
            None
        };
        let terminal = if get("MLTERM").is_some() {
            Terminal::Mlterm
        } else if get("KONSOLE_VERSION").is_some() {
            Terminal::Konsole
        } else if get("KITTY_WINDOW_ID").is_some() || term == "xterm-kitty" {
            Terminal::Kitty
        } else if get("WT_SESSION").is_some() {
            Terminal::WindowsTerminal
        } else if let Some(t) = from_program(&program) {
            t
        } else if get("VTE_VERSION").is_some_and(|v| v.trim().parse::<u32>().is_ok_and(|v| v >= 5800)) {
            Terminal::Vte
        } else if get("VTE_VERSION").is_some() {
            // Older VTE has no bidi at all: it draws like xterm, and shapes.
            Terminal::Vte
        } else if get("ALACRITTY_WINDOW_ID").is_some() || get("ALACRITTY_SOCKET").is_some() {
            Terminal::Alacritty
        } else if get("XTERM_VERSION").is_some() {
            Terminal::Xterm
        } else {
            from_term(&term)
        };
        let colours = match get("COLORTERM").as_deref() {
            Some("truecolor" | "24bit") => 1 << 24,
            _ if term.contains("256color") => 256,
            _ if term.is_empty() || term == "dumb" => 0,
            _ => 8,
        };
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|k| get(k).filter(|v| !v.is_empty()))
            .unwrap_or_else(|| "C".to_owned());
        let over_ssh = get("SSH_CONNECTION").is_some() || get("SSH_TTY").is_some();
        let no_color = get("NO_COLOR").is_some_and(|v| !v.is_empty());
        Environment {
            terminal,
            multiplexer,
            term,
            outer_term: None,
            tmux_passthrough: None,
            over_ssh,
            colours,
            no_color,
            terminfo: None,
            locale,
        }
    }

    /// The key a calibration is saved under: the terminal detected and the
    /// TERM it (or, inside tmux, the outer terminal) announces, so two
    /// unrecognised terminals over SSH are told apart where they can be.
    pub fn identity(&self) -> String {
        let term = self.outer_term.as_deref().unwrap_or(&self.term);
        format!("{}:{}", self.terminal.key(), if term.is_empty() { "-" } else { term })
    }

    /// Whether the locale says UTF-8.
    pub fn utf8_locale(&self) -> bool {
        let l = self.locale.to_ascii_lowercase();
        l.contains("utf-8") || l.contains("utf8")
    }
}

fn from_program(program: &str) -> Option<Terminal> {
    Some(match program {
        "WezTerm" => Terminal::WezTerm,
        "iTerm.app" => Terminal::ITerm2,
        "Apple_Terminal" => Terminal::AppleTerminal,
        "mintty" => Terminal::Mintty,
        "vscode" => Terminal::Unknown,
        _ => return None,
    })
}

fn from_term(term: &str) -> Terminal {
    match term {
        "linux" => Terminal::LinuxConsole,
        "xterm-kitty" => Terminal::Kitty,
        "alacritty" => Terminal::Alacritty,
        "wezterm" => Terminal::WezTerm,
        "mintty" => Terminal::Mintty,
        t if t.starts_with("mlterm") => Terminal::Mlterm,
        t if t.starts_with("foot") => Terminal::Foot,
        t if t.starts_with("rxvt") => Terminal::Urxvt,
        t if t.starts_with("st-") || t == "st" => Terminal::St,
        t if t.starts_with("konsole") => Terminal::Konsole,
        // Many terminals call themselves xterm; without other hints assume
        // nothing about them (the calibration screen asks).
        _ => Terminal::Unknown,
    }
}

/// The outer terminal's TERM according to tmux (`client_termname`) and
/// whether passthrough is allowed in this pane (tmux 3.3+; older tmux has
/// no such option and always passes through).
fn ask_tmux() -> Option<(String, bool)> {
    let out = std::process::Command::new("tmux")
        .args(["display-message", "-p", "#{client_termname}|#{allow-passthrough}"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        // No tmux to ask (or it does not answer): the outer terminal stays unknown.
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let (term, pass) = text.trim().split_once('|')?;
    out.status.success().then(|| (term.to_owned(), pass != "0" && pass != "off"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From the system's terminfo (Debian's ncurses-base has these).
    #[test]
    fn terminfo_says_colours_and_cursor_addressing() {
        let Some(xterm) = terminfo("xterm") else {
            return eprintln!("skipped: no terminfo database here");
        };
        assert_eq!(xterm, TermInfo { colours: 8, addressable: true, erases: true });
        assert_eq!(terminfo("xterm-256color").map(|t| t.colours), Some(256));
        assert_eq!(terminfo("linux").map(|t| t.colours), Some(8));
        assert_eq!(terminfo("dumb"), Some(TermInfo { colours: 0, addressable: false, erases: false }));
        assert_eq!(terminfo("vt100").map(|t| t.colours), Some(0));
        assert_eq!(terminfo("no-such-terminal-anywhere"), None);
    }

    fn detect(vars: &[(&str, &str)]) -> Environment {
        Environment::from_vars(|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn terminals_are_told_apart_by_their_variables() {
        let cases: &[(&[(&str, &str)], Terminal)] = &[
            (&[("TERM", "xterm-256color"), ("XTERM_VERSION", "XTerm(379)")], Terminal::Xterm),
            (&[("TERM", "xterm"), ("MLTERM", "3.9.3")], Terminal::Mlterm),
            (&[("TERM", "mlterm")], Terminal::Mlterm),
            (&[("TERM", "xterm-256color"), ("VTE_VERSION", "7600")], Terminal::Vte),
            (&[("TERM", "xterm-256color"), ("KONSOLE_VERSION", "230804")], Terminal::Konsole),
            (&[("TERM", "xterm-kitty")], Terminal::Kitty),
            (&[("TERM_PROGRAM", "WezTerm")], Terminal::WezTerm),
            (&[("TERM_PROGRAM", "iTerm.app")], Terminal::ITerm2),
            (&[("TERM_PROGRAM", "Apple_Terminal")], Terminal::AppleTerminal),
            (&[("WT_SESSION", "abc")], Terminal::WindowsTerminal),
            (&[("TERM", "linux")], Terminal::LinuxConsole),
            (&[("TERM", "foot")], Terminal::Foot),
            (&[("TERM", "rxvt-unicode-256color")], Terminal::Urxvt),
            (&[("TERM", "alacritty")], Terminal::Alacritty),
            (&[("TERM", "xterm-256color")], Terminal::Unknown),
            (&[], Terminal::Unknown),
        ];
        for (vars, want) in cases {
            assert_eq!(detect(vars).terminal, *want, "{vars:?}");
        }
    }

    #[test]
    fn multiplexers_colours_locale_and_ssh() {
        let e = detect(&[("TERM", "tmux-256color"), ("TMUX", "/tmp/x,1,0"), ("LANG", "ckb_IQ.UTF-8")]);
        assert_eq!(e.multiplexer, Some(Multiplexer::Tmux));
        assert_eq!(e.colours, 256);
        assert!(e.utf8_locale());
        assert!(!e.over_ssh);
        let e = detect(&[("TERM", "screen"), ("STY", "1.pts"), ("SSH_TTY", "/dev/pts/1"), ("LC_ALL", "C")]);
        assert_eq!(e.multiplexer, Some(Multiplexer::Screen));
        assert!(e.over_ssh && !e.utf8_locale());
        assert_eq!(detect(&[("COLORTERM", "truecolor"), ("TERM", "xterm")]).colours, 1 << 24);
    }

    #[test]
    fn passthrough_wrapping() {
        assert_eq!(Multiplexer::Tmux.wrap("\x1b[8l"), "\x1bPtmux;\x1b\x1b[8l\x1b\\");
        assert_eq!(Multiplexer::Screen.wrap("\x1b[8l"), "\x1bP\x1b[8l\x1b\\");
    }

    #[test]
    fn identity_uses_the_outer_term_inside_tmux() {
        let mut e = detect(&[("TERM", "tmux-256color"), ("TMUX", "x")]);
        assert_eq!(e.identity(), "unknown:tmux-256color");
        e.outer_term = Some("mlterm".into());
        assert_eq!(e.identity(), "unknown:mlterm");
    }
}

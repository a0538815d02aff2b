//! `hewal doctor`: what hewal detected, what it will do, and the same test
//! lines drawn in each candidate mode, so the reader can see which reads
//! right on this terminal.

use super::{BidiMode, Environment, Plan, Source};
use crate::text::{layout_paragraph, sanitize, LayoutOptions, Order, Render};

/// Test lines shown by `doctor` and the calibration screen: pure Sorani;
/// Sorani with numbers, guillemets and parentheses; Sorani with an English
/// name.
pub const TEST_LINES: [&str; 3] = [
    "هەواڵی ئەمڕۆ: گۆڕانکاری لە وڵاتەکان",
    "ساڵی ٢٠٢٤ «١٢٫٥٪» (بە پێی ڕاپۆرت) 3,400 کەس",
    "وتەی Fuad Hussein بۆ BBC News لە هەولێر",
];

/// The letters of Sorani that fonts most often lack (DejaVu Sans Mono has
/// none of them).
pub const KURDISH_LETTERS: [char; 5] = ['ڵ', 'ێ', 'ڕ', 'ە', 'ۆ'];

/// A candidate mode: what the calibration screen offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub bidi: BidiMode,
    pub shape: bool,
    pub label: &'static str,
}

/// The candidates, in the order the calibration screen numbers them.
pub const CANDIDATES: [Candidate; 3] = [
    Candidate { bidi: BidiMode::App, shape: true, label: "hewal reorders and joins the letters" },
    Candidate { bidi: BidiMode::App, shape: false, label: "hewal reorders, the terminal joins the letters" },
    Candidate { bidi: BidiMode::Terminal, shape: false, label: "the terminal reorders and joins" },
];

impl Candidate {
    pub fn render(self) -> Render {
        let order = if self.bidi == BidiMode::Terminal { Order::Logical } else { Order::Visual };
        Render { order, shape: self.shape }
    }
}

/// The test lines laid out for `candidate` in `width` cells, as plain text.
pub fn sample_lines(candidate: Candidate, width: usize) -> Vec<String> {
    let opts = LayoutOptions { render: candidate.render(), ..Default::default() };
    TEST_LINES.iter().flat_map(|t| layout_paragraph(t, width, &opts)).map(|l| l.to_plain(width)).collect()
}

/// What the font check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fonts {
    /// fontconfig is not installed (or not answering): nothing known.
    Unknown,
    Checked {
        /// The font `monospace` resolves to.
        monospace: String,
        /// Whether it has all of [`KURDISH_LETTERS`].
        monospace_has_kurdish: bool,
        /// Installed families that have them.
        with_kurdish: Vec<String>,
    },
}

/// Ask fontconfig (`fc-match`, `fc-list`) about Kurdish glyphs.
pub fn check_fonts() -> Fonts {
    let charset: String = KURDISH_LETTERS.iter().map(|c| format!("{:x} ", *c as u32)).collect();
    let charset = charset.trim_end();
    // A command that cannot run or fails answers None: the report then says
    // what is not known instead of guessing.
    let run = |args: &[&str]| -> Option<String> {
        let o =
            std::process::Command::new(args[0]).args(&args[1..]).stderr(std::process::Stdio::null()).output().ok()?;
        o.status.success().then(|| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let Some(monospace) = run(&["fc-match", "-f", "%{family[0]}", "monospace"]) else {
        return Fonts::Unknown;
    };
    // fc-match answered, so fc-list should too; if it does not, no font is
    // listed and the report points at fonts to install, which is the safe side.
    let has = run(&["fc-list", "-f", "%{family[0]}\n", &format!("{monospace}:charset={charset}")]).unwrap_or_default();
    let mut with: Vec<String> = run(&["fc-list", "-f", "%{family[0]}\n", &format!(":charset={charset}")])
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .filter(|l| !l.is_empty())
        .collect();
    with.sort();
    with.dedup();
    Fonts::Checked { monospace_has_kurdish: !has.trim().is_empty(), monospace, with_kurdish: with }
}

fn source(s: Source) -> &'static str {
    match s {
        Source::Setting => "set by option, environment or config.toml",
        Source::Calibration => "from your calibration for this terminal",
        Source::Detected => "detected",
    }
}

/// The report's rows on fonts: what `monospace` lacks and what to install.
fn font_rows(fonts: &Fonts, row: &mut impl FnMut(&str, String)) {
    let Fonts::Checked { monospace, monospace_has_kurdish, with_kurdish } = fonts else {
        return row("fonts", "fontconfig not found: cannot check for Kurdish glyphs".into());
    };
    let letters: String = KURDISH_LETTERS.iter().map(|c| format!("{c} ")).collect();
    let mono = if *monospace_has_kurdish {
        format!("monospace is {monospace}, which has {}", letters.trim_end())
    } else {
        format!("monospace is {monospace}, which LACKS {}", letters.trim_end())
    };
    row("fonts", mono);
    if with_kurdish.is_empty() {
        row("", "no installed font has them: install Noto Sans Arabic (Debian: fonts-noto-core) or".into());
        row("", "Vazirmatn (fonts-vazirmatn) and use it as your terminal's fallback font".into());
    } else if !monospace_has_kurdish {
        row("", format!("fonts that have them: {}", with_kurdish.join(", ")));
        row("", "most terminals fall back to them; if letters overlap, pick one as the font".into());
    }
}

/// The whole report. `tty` is the terminal size when stdout is one.
pub fn report(env: &Environment, plan: &Plan, tty: Option<(u16, u16)>, fonts: &Fonts) -> String {
    let mut s = String::new();
    let mut row = |k: &str, v: String| s.push_str(&format!("{k:<13} {}\n", sanitize(&v)));
    let term = if env.term.is_empty() { "unset".to_owned() } else { env.term.clone() };
    row("terminal", format!("{} (TERM={term})", env.terminal.name()));
    row(
        "multiplexer",
        match (env.multiplexer, &env.outer_term) {
            (None, _) => "none".to_owned(),
            (Some(m), Some(o)) => format!("{} (outer terminal TERM={o})", m.name()),
            (Some(m), None) => m.name().to_owned(),
        },
    );
    row("ssh", if env.over_ssh { "yes: fonts and terminal are at the other end".into() } else { "no".into() });
    row(
        "stdout",
        match tty {
            Some((w, h)) => format!("a terminal, {w}×{h}"),
            None => "not a terminal (piped)".to_owned(),
        },
    );
    let utf8 = if env.utf8_locale() { "UTF-8" } else { "NOT UTF-8: set LANG to a UTF-8 locale, e.g. C.UTF-8" };
    row("locale", format!("{} ({utf8})", env.locale));
    row(
        "colours",
        match (env.no_color, env.colours) {
            (true, _) => "none used (NO_COLOR is set)".to_owned(),
            (_, 0) => "none".to_owned(),
            (_, c) if c >= 1 << 24 => "24-bit".to_owned(),
            (_, c) => c.to_string(),
        },
    );
    let bidi = match plan.bidi {
        BidiMode::Terminal => "terminal: lines are sent in logical order, the terminal reorders",
        _ => "app: hewal reorders; the terminal's bidi is switched off while hewal runs",
    };
    row("bidi", format!("{bidi} ({})", source(plan.bidi_source)));
    let shape = if plan.shape { "on: hewal draws joined letter forms" } else { "off: letters are sent as they are" };
    row("shaping", format!("{shape} ({})", source(plan.shape_source)));
    font_rows(fonts, &mut row);
    for note in plan.notes.iter().map(|n| &n.full) {
        row("note", note.clone());
    }
    let width = tty.map_or(60, |(w, _)| (w as usize).saturating_sub(6).clamp(20, 60));
    s.push_str("\nThe same three lines in each mode. On this terminal, as it is set now, the one\n");
    s.push_str("that reads right (starts at the right edge, letters joined) is your mode:\n");
    for (i, c) in CANDIDATES.iter().enumerate() {
        let flag = match c.bidi {
            BidiMode::Terminal => "--bidi terminal --shape off".to_owned(),
            _ => format!("--bidi app --shape {}", if c.shape { "on" } else { "off" }),
        };
        s.push_str(&format!("\n  [{}] {} ({flag})\n", i + 1, c.label));
        for l in sample_lines(*c, width) {
            s.push_str(&format!("    |{l:<width$}|\n", l = l, width = width));
        }
    }
    s.push_str(
        "\nA terminal whose bidi hewal switches off while it runs (VTE, mintty, mlterm)\n\
         may show [1] or [2] reversed here but right inside hewal: `hewal calibrate`\n\
         shows them under the same conditions as the reader and saves your pick.\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fidelity::{calibration::Calibration, resolve, ShapeMode};

    #[test]
    fn report_names_terminal_mode_and_fonts() {
        let env = Environment::from_vars(|k| match k {
            "TERM" => Some("xterm-256color".into()),
            "XTERM_VERSION" => Some("XTerm(379)".into()),
            "LANG" => Some("C.UTF-8".into()),
            _ => None,
        });
        let plan = resolve(BidiMode::Auto, ShapeMode::Auto, &env, &Calibration::default());
        let fonts =
            Fonts::Checked { monospace: "DejaVu Sans Mono".into(), monospace_has_kurdish: false, with_kurdish: vec![] };
        let r = report(&env, &plan, Some((100, 30)), &fonts);
        for want in [
            "xterm (TERM=xterm-256color)",
            "app: hewal reorders",
            "(detected)",
            "LACKS ڵ ێ ڕ ە ۆ",
            "fonts-noto-core",
            "[3]",
        ] {
            assert!(r.contains(want), "{want:?} missing in\n{r}");
        }
        // Every sample line is framed at the same width.
        let framed: Vec<&str> = r.lines().filter(|l| l.starts_with("    |")).collect();
        assert_eq!(framed.len(), 9, "{r}");
    }

    #[test]
    fn candidates_differ_where_they_should() {
        let [a, b, c] = CANDIDATES.map(|c| sample_lines(c, 60));
        assert_ne!(a, b, "shaping changes the drawn letters");
        let unshaped: Vec<String> = a.iter().map(|l| l.chars().map(crate::text::shape::unshape).collect()).collect();
        assert_eq!(unshaped, b, "and only the letters' forms");
        assert_ne!(b, c, "logical order differs from display order");
        // The logical line is the text itself, unpadded.
        assert_eq!(c[0], TEST_LINES[0]);
        // In display order the RTL line hugs the right edge and its first
        // logical letter is the rightmost cell.
        assert!(b[0].starts_with(' ') && b[0].ends_with('ه'), "{:?}", b[0]);
    }
}

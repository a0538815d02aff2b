//! Styles, in one place: a palette of roles (dim text, search hits,
//! unread marks, the bars, errors), from a theme and config.toml's
//! `[colors]`.
//!
//! The default theme uses the sixteen ANSI colours, chosen to read on dark
//! and on light backgrounds (no white or black text on the terminal's own
//! background); `256` and `truecolor` themes use finer shades, which the
//! backend brings down to what the terminal has. With no colour at all
//! (NO_COLOR, or a terminal without any), every role keeps a visible form:
//! hits are bold and underlined, the bars and the selection reversed, dim
//! text is SGR dim, unread and errors bold.
//!
//! The palette is per thread (the UI thread draws), so tests on other
//! threads each see the one they set.

use ratatui::style::{Color, Modifier, Style};
use std::cell::RefCell;

/// A style for each role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Palette {
    pub dim: Style,
    pub highlight: Style,
    pub unread: Style,
    pub bar: Style,
    pub error: Style,
    pub placeholder: Style,
}

/// The roles `[colors]` may set, and the themes, for messages and docs.
pub const ROLES: &[&str] = &["dim", "highlight", "unread", "bar", "error", "placeholder"];
pub const THEMES: &[&str] = &["default", "256", "truecolor", "mono"];

impl Default for Palette {
    fn default() -> Self {
        Palette::theme("default").expect("the default theme exists")
    }
}

impl Palette {
    /// A theme by name.
    pub fn theme(name: &str) -> Option<Palette> {
        let fg = |c| Style::default().fg(c);
        let on = |f, b| Style::default().fg(f).bg(b);
        let bold = Modifier::BOLD;
        Some(match name {
            "default" => Palette {
                dim: fg(Color::DarkGray),
                highlight: on(Color::Black, Color::Yellow),
                unread: fg(Color::Cyan).add_modifier(bold),
                bar: on(Color::White, Color::DarkGray),
                error: fg(Color::LightRed),
                placeholder: on(Color::Gray, Color::DarkGray),
            },
            "256" => Palette {
                dim: fg(Color::Indexed(244)),
                highlight: on(Color::Indexed(16), Color::Indexed(221)),
                unread: fg(Color::Indexed(37)).add_modifier(bold),
                bar: on(Color::Indexed(254), Color::Indexed(239)),
                error: fg(Color::Indexed(203)),
                placeholder: on(Color::Indexed(248), Color::Indexed(239)),
            },
            "truecolor" => Palette {
                dim: fg(Color::Rgb(138, 138, 138)),
                highlight: on(Color::Rgb(24, 24, 24), Color::Rgb(250, 208, 92)),
                unread: fg(Color::Rgb(38, 160, 178)).add_modifier(bold),
                bar: on(Color::Rgb(236, 236, 236), Color::Rgb(72, 72, 76)),
                error: fg(Color::Rgb(232, 88, 88)),
                placeholder: on(Color::Rgb(170, 170, 170), Color::Rgb(72, 72, 76)),
            },
            "mono" => Palette {
                dim: Style::default().add_modifier(Modifier::DIM),
                highlight: Style::default().add_modifier(bold | Modifier::UNDERLINED),
                unread: Style::default().add_modifier(bold),
                bar: Style::default().add_modifier(Modifier::REVERSED),
                error: Style::default().add_modifier(bold),
                placeholder: Style::default().add_modifier(Modifier::REVERSED),
            },
            _ => return None,
        })
    }

    /// `theme` (default: "default") with each role `colors` names set to
    /// its style; every problem is reported.
    pub fn from_config(
        theme: Option<&str>,
        colors: &std::collections::BTreeMap<String, String>,
    ) -> Result<Palette, Vec<String>> {
        let mut errors = Vec::new();
        let name = theme.unwrap_or("default");
        let mut p = Palette::theme(name).unwrap_or_else(|| {
            errors.push(format!("theme = \"{name}\": no such theme; the themes are {}", THEMES.join(", ")));
            Palette::default()
        });
        for (role, text) in colors {
            let slot = match role.as_str() {
                "dim" => &mut p.dim,
                "highlight" => &mut p.highlight,
                "unread" => &mut p.unread,
                "bar" => &mut p.bar,
                "error" => &mut p.error,
                "placeholder" => &mut p.placeholder,
                _ => {
                    errors.push(format!("[colors] {role}: no such role; the roles are {}", ROLES.join(", ")));
                    continue;
                }
            };
            match parse_style(text) {
                Ok(style) => *slot = style,
                Err(e) => errors.push(format!("[colors] {role} = \"{text}\": {e}")),
            }
        }
        match errors.is_empty() {
            true => Ok(p),
            false => Err(errors),
        }
    }
}

/// A style as `[colors]` writes it: modifiers (bold, dim, italic,
/// underline, reverse, blink, strike), a foreground colour, `on` and a
/// background colour. Colours: a name (red, lightblue, darkgray…), an
/// xterm palette number (0–255), or `#rrggbb`.
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_none() {
        return Err("empty; write e.g. \"cyan bold\" or \"black on yellow\"".into());
    }
    while let Some(w) = words.next() {
        let modifier = match w.to_ascii_lowercase().as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underline" | "underlined" => Some(Modifier::UNDERLINED),
            "reverse" | "reversed" => Some(Modifier::REVERSED),
            "blink" => Some(Modifier::SLOW_BLINK),
            "strike" | "crossed_out" => Some(Modifier::CROSSED_OUT),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        } else if w.eq_ignore_ascii_case("on") {
            let Some(bg) = words.next() else { return Err("a colour must follow \"on\"".into()) };
            style = style.bg(colour(bg)?);
        } else {
            style = style.fg(colour(w)?);
        }
    }
    Ok(style)
}

fn colour(word: &str) -> Result<Color, String> {
    let bad = || {
        format!("\"{word}\" is not a colour or a style; colours are names (red, lightblue, darkgray…), 0-255 or #rrggbb; styles are bold dim italic underline reverse blink strike")
    };
    let c: Color = word.parse().map_err(|_| bad())?;
    // ratatui also reads "default"-like words; a number past 255 is no colour.
    match c {
        Color::Indexed(_) if word.parse::<u16>().is_ok_and(|n| n > 255) => Err(bad()),
        c => Ok(c),
    }
}

thread_local! {
    static PALETTE: RefCell<Palette> = RefCell::new(Palette::default());
}

/// Draw with `palette` on this thread from now on.
pub fn set_palette(palette: Palette) {
    PALETTE.with(|p| *p.borrow_mut() = palette);
}

/// Draw without colour on this thread from now on (`true`), or with the
/// default theme.
pub fn set_monochrome(on: bool) {
    set_palette(Palette::theme(if on { "mono" } else { "default" }).expect("both themes exist"));
}

fn role(f: impl Fn(&Palette) -> Style) -> Style {
    PALETTE.with(|p| f(&p.borrow()))
}

pub fn base() -> Style {
    Style::default()
}
pub fn dim() -> Style {
    role(|p| p.dim)
}
pub fn title() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}
/// A search hit in a title or the reader.
pub fn highlight() -> Style {
    role(|p| p.highlight)
}
pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}
pub fn unread() -> Style {
    role(|p| p.unread)
}
/// The search bar and the status line.
pub fn bar() -> Style {
    role(|p| p.bar)
}
pub fn error() -> Style {
    role(|p| p.error)
}
pub fn placeholder() -> Style {
    role(|p| p.placeholder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_parse_and_bad_ones_say_why() {
        assert_eq!(parse_style("black on yellow"), Ok(Style::default().fg(Color::Black).bg(Color::Yellow)));
        assert_eq!(parse_style("bold cyan"), Ok(Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD)));
        assert_eq!(
            parse_style("#ff8800 on 236"),
            Ok(Style::default().fg(Color::Rgb(255, 136, 0)).bg(Color::Indexed(236)))
        );
        assert!(parse_style("reverse").unwrap().add_modifier.contains(Modifier::REVERSED));
        assert!(parse_style("blurple").unwrap_err().contains("\"blurple\" is not a colour"));
        assert!(parse_style("red on").unwrap_err().contains("must follow"));
        assert!(parse_style("300").is_err());
    }

    #[test]
    fn config_sets_roles_over_a_theme() {
        let colors = [("unread".to_owned(), "magenta bold".to_owned())].into();
        let p = Palette::from_config(Some("256"), &colors).unwrap();
        assert_eq!(p.unread, Style::default().fg(Color::Magenta).add_modifier(Modifier::BOLD));
        assert_eq!(p.dim, Palette::theme("256").unwrap().dim);
        let bad = [("unred".to_owned(), "red".to_owned()), ("dim".to_owned(), "grey-ish".to_owned())].into();
        let errors = Palette::from_config(Some("neon"), &bad).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        // The theme first, then the roles in the order config.toml's table
        // gives them (by name).
        assert!(errors[0].contains("no such theme") && errors[2].contains("unred: no such role"), "{errors:?}");
        assert!(errors[1].contains("\"grey-ish\" is not a colour"), "{errors:?}");
    }
}

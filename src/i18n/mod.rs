//! The interface's language: which one (from `--lang`, config.toml's
//! `lang`, then the locale variables), and its messages, from Fluent
//! resources (`locales/LANG/*.ftl`, compiled in: `tui.ftl` for the
//! reader's screen, `cli.ftl` for the command line's messages).
//!
//! One catalogue is in force per process ([`init`]); a message is looked up
//! by id with [`text`] or [`text_with`]. A message missing from a
//! catalogue falls back to English, and to its id if English lacks it
//! too (tests check that neither happens).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// A language hewal's interface speaks (`--lang`, `lang` in config.toml).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Central Kurdish (Sorani), written right to left.
    Ckb,
}

impl Lang {
    /// The language a locale name or tag asks for: `ckb`, `ckb_IQ.UTF-8`,
    /// `ckb-IR`, `en_GB`…; `None` for one hewal does not speak.
    pub fn from_locale(name: &str) -> Option<Lang> {
        let lang = name.split(['_', '-', '.', '@']).next()?.to_ascii_lowercase();
        match lang.as_str() {
            "ckb" => Some(Lang::Ckb),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The interface is laid out right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ckb
    }

    /// Its message files, as text.
    pub fn resources(self) -> [&'static str; 2] {
        match self {
            Lang::En => [include_str!("../../locales/en/tui.ftl"), include_str!("../../locales/en/cli.ftl")],
            Lang::Ckb => [include_str!("../../locales/ckb/tui.ftl"), include_str!("../../locales/ckb/cli.ftl")],
        }
    }

    /// Its BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ckb => "ckb",
        }
    }
}

/// The language to speak: `explicit` (`--lang`, else config.toml's
/// `lang`), else the first of LC_ALL, LC_MESSAGES, LANGUAGE (a list,
/// `ckb:en`) and LANG that names a language hewal speaks; English
/// otherwise. An empty variable is skipped, as the C library does.
pub fn detect(explicit: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = explicit {
        return lang;
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"] {
        let Some(value) = env(var).filter(|v| !v.is_empty()) else { continue };
        if let Some(lang) = value.split(':').find_map(Lang::from_locale) {
            return lang;
        }
    }
    Lang::En
}

/// One language's messages.
pub struct Catalog {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl Catalog {
    pub fn new(lang: Lang) -> Catalog {
        let id = lang.tag().parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Text is laid out by hewal's own bidi, not by isolation marks.
        bundle.set_use_isolating(false);
        for text in lang.resources() {
            let resource = FluentResource::try_new(text.to_owned()).expect("the message file parses");
            bundle.add_resource(resource).expect("message ids are unique");
        }
        Catalog { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The ids of every message.
    pub fn ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for text in self.lang.resources() {
            let resource = FluentResource::try_new(text.to_owned()).expect("the message file parses");
            ids.extend(resource.entries().filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            }));
        }
        ids
    }

    /// The message `id` with `args`, or `None` if this catalogue lacks it.
    pub fn get(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors).into_owned();
        errors.is_empty().then_some(text)
    }
}

static CURRENT: OnceLock<Catalog> = OnceLock::new();
static ENGLISH: OnceLock<Catalog> = OnceLock::new();

/// Speak `lang` from now on (the first call wins: one language a process).
pub fn init(lang: Lang) {
    let _ = CURRENT.set(Catalog::new(lang));
}

/// The language in force.
pub fn lang() -> Lang {
    CURRENT.get().map_or(Lang::En, Catalog::lang)
}

/// The message `id`.
pub fn text(id: &str) -> String {
    lookup(id, None)
}

/// The message `id` with its variables.
pub fn text_with(id: &str, args: &[(&str, FluentValue)]) -> String {
    let mut a = FluentArgs::new();
    for (k, v) in args {
        a.set(*k, v.clone());
    }
    lookup(id, Some(&a))
}

/// The message `id` in English, whatever the language in force (for
/// files that are English throughout, such as `hewal config default`).
pub fn english(id: &str) -> String {
    english_catalog().get(id, None).unwrap_or_else(|| id.to_owned())
}

fn english_catalog() -> &'static Catalog {
    ENGLISH.get_or_init(|| Catalog::new(Lang::En))
}

fn lookup(id: &str, args: Option<&FluentArgs>) -> String {
    let english = english_catalog();
    debug_assert!(english.get(id, args).is_some(), "no English message {id} (or it lacks a variable)");
    CURRENT.get().and_then(|c| c.get(id, args)).or_else(|| english.get(id, args)).unwrap_or_else(|| id.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_flag_then_the_locale_variables() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        assert_eq!(detect(None, env(&[])), Lang::En);
        assert_eq!(detect(None, env(&[("LANG", "ckb_IQ.UTF-8")])), Lang::Ckb);
        assert_eq!(detect(None, env(&[("LANG", "ckb_IQ.UTF-8"), ("LC_ALL", "C.UTF-8")])), Lang::En);
        assert_eq!(detect(None, env(&[("LC_ALL", ""), ("LANG", "ckb-IR")])), Lang::Ckb);
        assert_eq!(detect(None, env(&[("LANGUAGE", "fr:ckb:en"), ("LANG", "en_US.UTF-8")])), Lang::Ckb);
        assert_eq!(detect(None, env(&[("LC_MESSAGES", "de_DE.UTF-8")])), Lang::En);
        assert_eq!(detect(Some(Lang::Ckb), env(&[("LC_ALL", "en_US.UTF-8")])), Lang::Ckb);
        assert_eq!(detect(Some(Lang::En), env(&[("LANG", "ckb_IQ.UTF-8")])), Lang::En);
    }

    #[test]
    fn messages_take_variables_and_plurals() {
        let en = Catalog::new(Lang::En);
        let mut a = FluentArgs::new();
        a.set("n", 1);
        a.set("shown", "1");
        assert_eq!(en.get("articles", Some(&a)).as_deref(), Some("1 article"));
        a.set("n", 3);
        a.set("shown", "3");
        assert_eq!(en.get("articles", Some(&a)).as_deref(), Some("3 articles"));
        assert_eq!(en.get("help-title", None).as_deref(), Some(" keys (any key closes) "));
        assert_eq!(en.get("no-such-message", None), None);
    }
}

//! The message catalogues against the code and each other: every id the
//! code looks up is in English, every English message is used, and Sorani
//! has the same messages with the same variables. (A lookup of a missing
//! id also fails a debug assertion at run time, which every TUI test would
//! hit.)

use fluent_syntax::ast;
use hewal::i18n::{Catalog, Lang};
use std::collections::{BTreeMap, BTreeSet};

/// Every Rust file under `src/` that uses `crate::i18n`, as text.
fn sources() -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                // The files that speak through the catalogue.
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains("i18n::") {
                    out.push(text);
                }
            }
        }
    }
    out
}

#[test]
fn every_id_looked_up_is_in_english_and_every_english_message_is_used() {
    let english: BTreeSet<String> = Catalog::new(Lang::En).ids().into_iter().collect();
    let code = sources().join("\n");
    for call in ["text(\"", "text_with(\""] {
        for (at, _) in code.match_indices(call) {
            // i18n's own `text(`, not another function whose name ends so.
            let before = code[..at].chars().next_back().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' {
                continue;
            }
            let id = code[at + call.len()..].split('"').next().unwrap();
            assert!(english.contains(id), "{call}{id}\" looks up a message en.ftl does not have");
        }
    }
    // The help overlay's texts are looked up by command name.
    let commands: BTreeSet<String> = hewal::tui::keymap::COMMANDS.iter().map(|c| c.help_id()).collect();
    let unused: Vec<_> =
        english.iter().filter(|id| !code.contains(&format!("\"{id}\"")) && !commands.contains(*id)).collect();
    let missing: Vec<_> = commands.iter().filter(|id| !english.contains(*id)).collect();
    assert!(missing.is_empty(), "commands without a help text in en/tui.ftl: {missing:?}");
    assert!(unused.is_empty(), "messages in en.ftl that no code uses: {unused:?}");
}

/// Each message of `lang`'s files and the variables it uses (`$name`),
/// however deep (in placeables and in every variant of a choice).
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for text in lang.resources() {
        let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(_, e)| panic!("{lang:?}: {e:?}"));
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                assert!(out.insert(m.id.name.to_owned(), vars).is_none(), "{lang:?}: {} twice", m.id.name);
            }
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, vars),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn sorani_has_every_english_message_with_the_same_variables() {
    let en = messages(Lang::En);
    let ckb = messages(Lang::Ckb);
    let only_en: Vec<_> = en.keys().filter(|id| !ckb.contains_key(*id)).collect();
    let only_ckb: Vec<_> = ckb.keys().filter(|id| !en.contains_key(*id)).collect();
    assert!(only_en.is_empty(), "messages missing from Sorani: {only_en:?}");
    assert!(only_ckb.is_empty(), "Sorani messages English lacks: {only_ckb:?}");
    for (id, vars) in &en {
        assert_eq!(vars, &ckb[id], "{id}: English and Sorani use different variables");
    }
}

#[test]
fn the_parity_check_sees_variables_inside_choices() {
    // A test of the checker itself: a variable used only in one variant
    // of a plural choice counts.
    let m = fluent_syntax::parser::parse("a = { $n ->\n    [one] x\n   *[other] { $shown } y\n}\n").unwrap();
    let ast::Entry::Message(m) = &m.body[0] else { panic!() };
    let mut vars = BTreeSet::new();
    pattern_vars(m.value.as_ref().unwrap(), &mut vars);
    assert_eq!(vars, ["n", "shown"].map(String::from).into());
}

#[test]
fn sorani_messages_are_sorani() {
    // Each Sorani message holds Arabic-script letters, unless it is only
    // variables and punctuation (`command-failed`); an English sentence
    // copied over untranslated fails here.
    let ckb = Catalog::new(Lang::Ckb);
    let vars = messages(Lang::Ckb);
    for id in ckb.ids() {
        // Every variable the message uses, empty: what is left is its own words.
        let mut args = fluent_bundle::FluentArgs::new();
        for v in &vars[&id] {
            args.set(v.as_str(), "");
        }
        let text = ckb.get(&id, Some(&args)).unwrap_or_default();
        let latin_words = text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 3).count();
        let arabic = text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        assert!(arabic || (latin_words == 0 && id == "command-failed"), "{id} is not Sorani: {text:?}");
    }
}

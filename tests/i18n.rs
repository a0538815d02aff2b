//! The message catalogues against the code: every id the code looks up
//! directly is in English, and every English message is used somewhere.
//! (A lookup of a missing id also fails a debug assertion at run time,
//! which every TUI test would hit.)

use hewal::i18n::{Catalog, Lang};
use std::collections::BTreeSet;

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
    let unused: Vec<_> = english.iter().filter(|id| !code.contains(&format!("\"{id}\""))).collect();
    assert!(unused.is_empty(), "messages in en.ftl that no code uses: {unused:?}");
}

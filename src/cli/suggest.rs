//! "Did you mean": clap suggests the nearest command to a word it does not
//! know, however far it is (`frobnicate` → `calibrate`). Only suggestions
//! that look like a slip of the fingers are kept.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// How alike a word and a suggestion must be (normalised Damerau–Levenshtein:
/// 1 is the same word), unless they are one slip apart (`ad` → `add`).
const MIN_LIKENESS: f64 = 0.7;

/// `err` without the command suggestions that share too little with the
/// word typed.
pub fn filter(mut err: clap::Error) -> clap::Error {
    if err.kind() != ErrorKind::InvalidSubcommand {
        return err;
    }
    let Some(ContextValue::String(typed)) = err.get(ContextKind::InvalidSubcommand).cloned() else { return err };
    let Some(ContextValue::Strings(suggested)) = err.remove(ContextKind::SuggestedSubcommand) else { return err };
    let kept: Vec<String> = suggested.into_iter().filter(|s| close(&typed, s)).collect();
    if !kept.is_empty() {
        err.insert(ContextKind::SuggestedSubcommand, ContextValue::Strings(kept));
    }
    // No tips at all: clap would still leave a blank line for them.
    if matches!(err.get(ContextKind::Suggested), Some(ContextValue::StyledStrs(tips)) if tips.is_empty()) {
        err.remove(ContextKind::Suggested);
    }
    err
}

/// Whether `suggestion` is near enough to `typed` to be what was meant.
fn close(typed: &str, suggestion: &str) -> bool {
    let typed = typed.to_lowercase();
    strsim::damerau_levenshtein(&typed, suggestion) <= 1
        || strsim::normalized_damerau_levenshtein(&typed, suggestion) >= MIN_LIKENESS
}

#[cfg(test)]
mod tests {
    use super::close;

    #[test]
    fn slips_are_close_and_other_words_are_not() {
        for (typed, command) in [
            ("serch", "search"),
            ("improt", "import"),
            ("lsit", "list"),
            ("fetc", "fetch"),
            ("ad", "add"),
            ("SEARCH", "search"),
        ] {
            assert!(close(typed, command), "{typed} → {command}");
        }
        for (typed, command) in [("frobnicate", "calibrate"), ("xyz", "man"), ("docs", "doctor"), ("ls", "list")] {
            assert!(!close(typed, command), "{typed} → {command}");
        }
    }
}

//! Token streams of the Sorani analyzers, tested the way tantivy tests its
//! own tokenizers: one shared assertion on position, text and byte offsets.

use hewal::search::analyzer::{exact_analyzer, is_stopword, prefix_variants, stemmed_analyzer, SoraniTokenizer};
use tantivy::tokenizer::{TextAnalyzer, Token};

mod util;

use util::tokens::{texts, tokens};

fn assert_token(token: &Token, position: usize, text: &str, from: usize, to: usize) {
    assert_eq!(token.position, position, "wrong position for {token:?}");
    assert_eq!(token.text, text, "wrong text for {token:?}");
    assert_eq!(token.offset_from, from, "wrong offset_from for {token:?}");
    assert_eq!(token.offset_to, to, "wrong offset_to for {token:?}");
}

fn raw(text: &str) -> Vec<Token> {
    tokens(&mut TextAnalyzer::from(SoraniTokenizer::default()), text)
}

#[test]
fn tokenizer_latin_like_simple_tokenizer() {
    let t = raw("Hello, happy tax payer!");
    assert_eq!(t.len(), 4);
    assert_token(&t[0], 0, "Hello", 0, 5);
    assert_token(&t[1], 1, "happy", 7, 12);
    assert_token(&t[2], 2, "tax", 13, 16);
    assert_token(&t[3], 3, "payer", 17, 22);
}

#[test]
fn tokenizer_splits_on_arabic_punctuation() {
    // ، ؛ ؟ « » split; Sorani letters are 2 bytes each.
    let text = "ناتۆ، ڕووسیا؛ «ئێران»؟";
    let t = raw(text);
    assert_eq!(t.len(), 3);
    assert_token(&t[0], 0, "ناتۆ", 0, 8);
    assert_token(&t[1], 1, "ڕووسیا", 11, 23);
    let from = text.find("ئێران").unwrap();
    assert_token(&t[2], 2, "ئێران", from, from + 10);
    for p in ["٪", "٫", "٬", "۔"] {
        assert_eq!(raw(&format!("ا{p}ب")).len(), 2, "{p} should split");
    }
}

#[test]
fn tokenizer_keeps_zwnj_and_harakat_inside_words() {
    // SimpleTokenizer would split "ده‌وڵه‌ت" at each ZWNJ and "حُکومەت" at the damma.
    let text = "ده\u{200C}وڵه\u{200C}ت حُکومەت";
    let t = raw(text);
    assert_eq!(t.len(), 2);
    assert_token(&t[0], 0, "ده\u{200C}وڵه\u{200C}ت", 0, 18);
    assert_token(&t[1], 1, "حُکومەت", 19, 33);
}

#[test]
fn tokenizer_drops_joiners_at_word_edges() {
    let text = "\u{200C}ناو\u{200C} \u{200F}شار\u{200F}";
    let t = raw(text);
    assert_eq!(t.len(), 2);
    assert_token(&t[0], 0, "ناو", 3, 9);
    assert_token(&t[1], 1, "شار", 16, 22);
}

#[test]
fn tokenizer_splits_words_glued_by_joiner_and_space() {
    // A ZWNJ followed by a space does not join.
    assert_eq!(raw("وڵاته\u{200C} کان").len(), 2);
}

#[test]
fn exact_analyzer_keeps_offsets_into_original_text() {
    // Arabic-keyboard spelling: normalised text differs in length from the
    // original, offsets still point into the original.
    let text = "وڵاته\u{200C}كان، Iran";
    let t = tokens(&mut exact_analyzer(), text);
    assert_eq!(t.len(), 2);
    assert_token(&t[0], 0, "ولاتەکان", 0, 19);
    assert_eq!(&text[t[0].offset_from..t[0].offset_to], "وڵاته\u{200C}كان");
    assert_token(&t[1], 1, "iran", 22, 26);
}

#[test]
fn stemmed_analyzer_positions_and_offsets_match_exact() {
    let text = "سکرتێری گشتیی ناتۆ پێشوازی لە ئامادەیی ڕووسیا کرد، بەڵام NATO's 2022 plan.";
    let e = tokens(&mut exact_analyzer(), text);
    let s = tokens(&mut stemmed_analyzer(), text);
    assert_eq!(e.len(), s.len());
    for (a, b) in e.iter().zip(&s) {
        assert_eq!((a.position, a.offset_from, a.offset_to), (b.position, b.offset_from, b.offset_to));
    }
    let st: Vec<&str> = s.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        st,
        ["سکرتیر", "گشت", "ناتو", "پیشواز", "لە", "ئاماد", "رووسیا", "کرد", "بەلام", "nato", "s", "2022", "plan"]
    );
}

#[test]
fn mixed_kurdish_english_text() {
    let text = "Joe Biden و پووتین لە GENEVA کۆبوونەوە";
    assert_eq!(texts(&mut exact_analyzer(), text), ["joe", "biden", "و", "پووتین", "لە", "geneva", "کۆبوونەوە"]);
    assert_eq!(texts(&mut stemmed_analyzer(), text), ["joe", "biden", "و", "پووتین", "لە", "geneva", "کوبوو"]);
}

#[test]
fn digits_are_folded_and_kept_as_tokens() {
    assert_eq!(texts(&mut exact_analyzer(), "٢٠٢٢ ۱۴۰۱ 2022"), ["2022", "1401", "2022"]);
    // ٫ (Arabic decimal separator) splits like '.'.
    assert_eq!(texts(&mut exact_analyzer(), "٣٫٥"), ["3", "5"]);
}

#[test]
fn lone_marks_and_tatweel_produce_no_token() {
    assert!(texts(&mut exact_analyzer(), "ـــ \u{064E} \u{200C}").is_empty());
}

#[test]
fn stopwords_are_kept_in_the_stream() {
    let t = texts(&mut stemmed_analyzer(), "لە و بۆ");
    assert_eq!(t, ["لە", "و", "بو"]);
    assert!(t.iter().all(|w| is_stopword(w)));
    assert!(!is_stopword("ولات"));
    assert!(!is_stopword("iran"));
    // stemmed and exact forms both recognised
    assert!(is_stopword(&texts(&mut exact_analyzer(), "ئەوانە")[0]));
    assert!(is_stopword(&texts(&mut stemmed_analyzer(), "ئەوانە")[0]));
}

#[test]
fn very_long_tokens_are_dropped() {
    let long = "ب".repeat(200);
    assert_eq!(texts(&mut exact_analyzer(), &format!("شار {long} ناو")), ["شار", "ناو"]);
}

/// The exact analyzer's output for every prefix of a word must be a prefix
/// of its output for the whole word, except where rule N6 (final ه → ە)
/// fires, and `prefix_variants` covers that case.
#[test]
fn exact_analyzer_is_prefix_stable() {
    let words = [
        "وڵاتەکان",
        "ولاتەكان",
        "ده\u{200C}وڵه\u{200C}ت",
        "شەهید",
        "جیهان",
        "دهۆک",
        "نهخوشخانهكان",
        "ههروهها",
        "هه\u{200C}ولێر",
        "ڕووسیا",
        "رووسیا",
        "آمریکا",
        "ئيران",
        "گۆڕانکاری",
        "کۆبوونەوەکان",
        "٢٠٢٢",
        "Iran",
        "ﻭﻻﺕ",
    ];
    for w in words {
        let full = texts(&mut exact_analyzer(), w).join(" ");
        let chars: Vec<char> = w.chars().collect();
        for n in 1..=chars.len() {
            let p: String = chars[..n].iter().collect();
            let variants = prefix_variants(&p);
            if variants.is_empty() {
                continue; // e.g. only a joiner typed so far
            }
            assert!(
                variants.iter().any(|v| full.starts_with(v.as_str())),
                "no prefix variant of {p:?} ({variants:?}) is a prefix of {full:?}"
            );
        }
    }
}

#[test]
fn prefix_variants_offer_both_readings_of_final_heh() {
    // after ە a final ه can only be h (Sorani has no ەە)
    assert_eq!(prefix_variants("شەه"), ["شەه"]);
    assert_eq!(prefix_variants("ده"), ["دە", "ده"]);
    assert_eq!(prefix_variants("جیه"), ["جیە", "جیه"]);
    assert_eq!(prefix_variants("ناوچه"), ["ناوچە", "ناوچه"]);
    assert_eq!(prefix_variants("ناوچه\u{200C}"), ["ناوچە"]);
    assert_eq!(prefix_variants("وڵات"), ["ولات"]);
    assert_eq!(prefix_variants("ه"), ["ه"]);
    assert!(prefix_variants("\u{200C}").is_empty());
}

#[test]
fn tokenizer_splits_at_script_changes() {
    let t = raw("Weeklyی 2024دا ١٤ی mp3");
    let got: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(got, ["Weekly", "ی", "2024", "دا", "١٤", "ی", "mp3"]);
    assert_token(&t[0], 0, "Weekly", 0, 6);
    assert_token(&t[1], 1, "ی", 6, 8);
    assert_eq!(texts(&mut exact_analyzer(), "Pi 5ی"), ["pi", "5", "ی"]);
}

#[test]
fn stemmed_readings_share_a_position() {
    // rule A1: دەریامان is دەریا + -مان or دەریام + -ان; both readings at
    // position 0, with the word's offsets; the next word at position 1.
    let t = tokens(&mut stemmed_analyzer(), "دەریامان ئاو");
    assert_eq!(t.len(), 3, "{t:?}");
    assert_token(&t[0], 0, "دەریام", 0, 16);
    assert_token(&t[1], 0, "دەریا", 0, 16);
    assert_token(&t[2], 1, "ئاو", 17, 23);
    // the exact analyzer gives one token per word
    assert_eq!(tokens(&mut exact_analyzer(), "دەریامان ئاو").len(), 2);
}

//! `SoraniNormalizer`: folds the spellings that different keyboards and
//! encodings produce for the same Sorani word onto one form, and lower-cases
//! everything else.
//!
//! Rules (see docs/SORANI_ANALYZER.md, "Normaliser" for the reasoning):
//!
//! | #  | input                                         | output        | context                  |
//! |----|-----------------------------------------------|---------------|--------------------------|
//! | N1 | Arabic presentation forms U+FB50–U+FDFF, U+FE70–U+FEFF | NFKC base letters | any          |
//! | N2 | full-width Latin/digits U+FF01–U+FF5E          | ASCII         | any                      |
//! | N3 | ي U+064A, ى U+0649                            | ی U+06CC      | any                      |
//! | N4 | ك U+0643, ڪ U+06AA                            | ک U+06A9      | any                      |
//! | N5 | ه U+0647 followed by ZWNJ                     | ە U+06D5      | any                      |
//! | N6 | ه U+0647 at the end of a word                 | ە U+06D5      | word ≥ 2 letters, not after ا ە ۆ ێ |
//! | N6b| ه U+0647 inside a word                        | ە U+06D5      | after a consonant and before a consonant (not next to ا ە ۆ ێ) |
//! | N7 | ة U+0629, ۀ U+06C0, ۂ U+06C2, ۃ U+06C3         | ە U+06D5      | any                      |
//! | N8 | ھ U+06BE, ہ U+06C1                            | ه U+0647 (never turned into ە by N6) | any |
//! | N9 | ڕ U+0695, ڒ U+0692                            | ر U+0631      | any (folds both ways)    |
//! | N10| ڵ U+06B5, ڶ U+06B6, ڷ U+06B7                  | ل U+0644      | any (folds both ways)    |
//! | N11| ڤ U+06A4                                      | ف U+0641      | any (folds both ways)    |
//! | N12| أ إ ٱ ٲ ٳ                                     | ا             | any                      |
//! | N13| آ (or ا + U+0653)                             | ئا at word start, else ا | —             |
//! | N14| ی/ي + hamza above U+0654                      | ئ             | any                      |
//! | N15| ؤ                                             | و             | any                      |
//! | N16| harakat, tatweel, other combining marks       | removed       | any                      |
//! | N17| ZWNJ, ZWJ, LRM, RLM, ALM, soft hyphen, BOM    | removed (after N5) | any                 |
//! | N18| Arabic-Indic ٠–٩, Persian ۰–۹ digits          | ASCII 0–9     | any                      |
//! | N19| everything else                               | `char::to_lowercase` | any (ASCII fast path) |
//!
//! N6, N6b and N13 look at context; N6 and N6b look one letter to the
//! right, so the reading of a typed word's *last* ه is open until the next
//! letter is typed. That is the one case where the normalised form of a
//! half-typed word is not a prefix of the normalised full word (see [`crate::search::analyzer::prefix_variants`]).

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::presentation_forms::PRESENTATION_FORMS;
use super::tokenizer::{is_combining_mark, is_joiner};

const ZWNJ: char = '\u{200C}';
const HEH: char = '\u{0647}';
const AE: char = '\u{06D5}';
const ALEF: char = '\u{0627}';
const FARSI_YEH: char = '\u{06CC}';
const HAMZA_ABOVE: char = '\u{0654}';
const MADDAH_ABOVE: char = '\u{0653}';
const TATWEEL: char = '\u{0640}';

/// Token filter applying the Sorani normalisation rules N1–N19 to each token.
#[derive(Clone, Copy, Debug, Default)]
pub struct SoraniNormalizer;

impl TokenFilter for SoraniNormalizer {
    type Tokenizer<T: Tokenizer> = SoraniNormalizerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        SoraniNormalizerFilter { tokenizer, buffer: String::new(), chars: Vec::new() }
    }
}

/// The [`Tokenizer`] produced by [`SoraniNormalizer`].
#[derive(Clone)]
pub struct SoraniNormalizerFilter<T> {
    tokenizer: T,
    buffer: String,
    chars: Vec<char>,
}

impl<T: Tokenizer> Tokenizer for SoraniNormalizerFilter<T> {
    type TokenStream<'a> = SoraniNormalizerTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.buffer.clear();
        SoraniNormalizerTokenStream {
            tail: self.tokenizer.token_stream(text),
            buffer: &mut self.buffer,
            chars: &mut self.chars,
        }
    }
}

/// The [`TokenStream`] of [`SoraniNormalizerFilter`]. Tokens that normalise
/// to the empty string (a lone tatweel, a lone isolated haraka) are skipped.
pub struct SoraniNormalizerTokenStream<'a, T> {
    buffer: &'a mut String,
    chars: &'a mut Vec<char>,
    tail: T,
}

impl<T: TokenStream> TokenStream for SoraniNormalizerTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        loop {
            if !self.tail.advance() {
                return false;
            }
            let token = self.tail.token_mut();
            if token.text.is_ascii() {
                // Fast path: ASCII needs lower-casing only.
                token.text.make_ascii_lowercase();
            } else {
                normalize_into(&token.text, self.chars, self.buffer);
                mem::swap(&mut token.text, self.buffer);
            }
            if !token.text.is_empty() {
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Normalise one word (rules N1–N19). Exposed for tests and for callers that
/// normalise single words; text with several words should go through the
/// analyzers instead.
pub fn normalize(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::new();
    normalize_into(word, &mut Vec::new(), &mut out);
    out
}

/// Letters that are (or spell) a vowel next to which ه must be the
/// consonant h: Sorani never writes two vowels in a row.
fn is_vowel_letter(c: char) -> bool {
    matches!(c, ALEF | '\u{0622}' | '\u{0623}' | '\u{0625}' | AE | '\u{06C6}' | '\u{06CE}' | '\u{0629}' | '\u{06C0}')
}

/// Whether `c` is dropped without trace (N16, N17 except the ZWNJ lookahead
/// of N5). Hamza above and maddah are handled separately.
fn is_ignorable(c: char) -> bool {
    c == TATWEEL || is_joiner(c) || (is_combining_mark(c) && c != HAMZA_ABOVE && c != MADDAH_ABOVE)
}

fn expand_compat(word: &str, chars: &mut Vec<char>) {
    chars.clear();
    for c in word.chars() {
        match c {
            '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
                match PRESENTATION_FORMS.binary_search_by_key(&c, |&(k, _)| k) {
                    Ok(i) => chars.extend(PRESENTATION_FORMS[i].1.chars()),
                    Err(_) => chars.push(c),
                }
            }
            // N2: full-width ASCII.
            '\u{FF01}'..='\u{FF5E}' => {
                chars.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c));
            }
            _ => chars.push(c),
        }
    }
}

/// Whether a bare `ه` is the vowel `ە` (rules N5, N6, N6b), given the
/// letter written before it and the characters after it.
fn heh_is_vowel(prev: Option<char>, after: &[char]) -> bool {
    // Next char that is not a mark/tatweel; ZWNJ counts.
    let next = after.iter().copied().find(|&d| d == ZWNJ || !is_ignorable(d));
    let at_end = after.iter().all(|&d| is_ignorable(d));
    if next == Some(ZWNJ) {
        true // N5
    } else if at_end {
        // N6; after a vowel it is the consonant (گوناه, شاه).
        prev.is_some_and(|p| !is_vowel_letter(p))
    } else {
        // N6b: a medial ه between consonants is the vowel.
        prev.is_some_and(|p| !is_vowel_letter(p)) && !next.is_some_and(is_vowel_letter)
    }
}

/// Normalise `word` into `out` (cleared first); `chars` is scratch space.
pub(crate) fn normalize_into(word: &str, chars: &mut Vec<char>, out: &mut String) {
    out.clear();
    expand_compat(word, chars);
    let n = chars.len();
    for i in 0..n {
        let c = chars[i];
        match c {
            // N3
            '\u{064A}' | '\u{0649}' => out.push(FARSI_YEH),
            // N4
            '\u{0643}' | '\u{06AA}' => out.push('\u{06A9}'),
            // N5, N6
            HEH => out.push(if heh_is_vowel(out.chars().next_back(), &chars[i + 1..]) { AE } else { HEH }),
            // N7
            '\u{0629}' | '\u{06C0}' | '\u{06C2}' | '\u{06C3}' => out.push(AE),
            // N8
            '\u{06BE}' | '\u{06C1}' => out.push(HEH),
            // N9
            '\u{0695}' | '\u{0692}' => out.push('\u{0631}'),
            // N10
            '\u{06B5}' | '\u{06B6}' | '\u{06B7}' => out.push('\u{0644}'),
            // N11
            '\u{06A4}' => out.push('\u{0641}'),
            // N12
            '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => out.push(ALEF),
            // N13
            '\u{0622}' => {
                if out.is_empty() {
                    out.push('\u{0626}');
                }
                out.push(ALEF);
            }
            MADDAH_ABOVE => {
                if out.len() == ALEF.len_utf8() && out.starts_with(ALEF) {
                    out.clear();
                    out.push('\u{0626}');
                    out.push(ALEF);
                }
            }
            // N14 (other hamza-above combinations are folded by dropping it:
            // أ→ا as N12, ۀ→ە as N7, ؤ→و as N15).
            HAMZA_ABOVE => {
                if out.ends_with(FARSI_YEH) {
                    out.pop();
                    out.push('\u{0626}');
                }
            }
            // N15
            '\u{0624}' => out.push('\u{0648}'),
            // N18
            '\u{0660}'..='\u{0669}' => {
                out.push(char::from(b'0' + (c as u32 - 0x0660) as u8));
            }
            '\u{06F0}'..='\u{06F9}' => {
                out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8));
            }
            // N16, N17
            c if is_ignorable(c) => {}
            // N19 (Arabic letters have no case: skip the case tables)
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            '\u{0600}'..='\u{06FF}' => out.push(c),
            c => out.extend(c.to_lowercase()),
        }
    }
}

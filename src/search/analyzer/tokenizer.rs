//! `SoraniTokenizer`: splits text into words for Sorani (Arabic script) and
//! Latin text.
//!
//! tantivy's `SimpleTokenizer` keeps a run of `char::is_alphanumeric` chars.
//! Arabic letters and Arabic-Indic / Persian digits are alphanumeric, so it
//! keeps plain Sorani words whole, but it also splits a word at every
//! combining mark (harakat such as U+064E FATHA are category Mn, not
//! alphanumeric) and at every ZERO WIDTH NON-JOINER (U+200C, category Cf),
//! which Arabic-keyboard Sorani uses inside words (`ده‌وڵه‌ت`). This tokenizer
//! differs from `SimpleTokenizer` in exactly two ways:
//!
//! * a combining mark continues the current word (it never starts one);
//! * an invisible format character (ZWNJ, ZWJ, LRM, RLM, ALM, soft hyphen,
//!   BOM) continues the current word when the next non-format character is a
//!   word character; at a word's edge it is dropped;
//! * a word is split where it switches between Arabic-script letters and
//!   other letters or digits, because Sorani suffixes are glued to Latin
//!   names and to numbers: `Weeklyی` → `Weekly` `ی`, `2020–2024دا` → … `2024`
//!   `دا`, `١٤ی ئازار` → `١٤` `ی` `ئازار`. Latin letters and digits stay
//!   together (`mp3`, `COVID19`).
//!
//! Everything else splits: spaces, Latin and Arabic punctuation (`،` U+060C,
//! `؛` U+061B, `؟` U+061F, `«` `»`, `٪` U+066A, `٫` U+066B, `٬` U+066C, `۔`
//! U+06D4), symbols, hyphens and apostrophes. Offsets are byte offsets into
//! the original text and cover the word including any inner marks and
//! joiners. The token text is the raw slice; `SoraniNormalizer` cleans it.

use std::str::CharIndices;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Splits on whitespace and punctuation, keeping Arabic-script words whole
/// across harakat and zero-width joiners.
#[derive(Clone, Default)]
pub struct SoraniTokenizer {
    token: Token,
}

/// The `TokenStream` of [`SoraniTokenizer`].
pub struct SoraniTokenStream<'a> {
    text: &'a str,
    chars: CharIndices<'a>,
    token: &'a mut Token,
}

/// A character that can start a word: `char::is_alphanumeric`.
pub(crate) fn is_word_start(c: char) -> bool {
    // `is_alphanumeric` searches the Unicode tables for every non-ASCII
    // char, which made it the largest single cost of indexing Sorani text
    // (a third of an import's CPU time). Below U+0800 (Latin, Greek,
    // Cyrillic, Hebrew, Arabic) the answer comes from a bitmap built from
    // `is_alphanumeric` itself, so it cannot differ.
    let cp = c as usize;
    if cp < WORD_START_TABLE_LEN {
        let table = WORD_START.get_or_init(|| {
            let mut bits = [0u64; WORD_START_TABLE_LEN / 64];
            for (cp, c) in (0..WORD_START_TABLE_LEN as u32).filter_map(|cp| Some((cp as usize, char::from_u32(cp)?))) {
                if c.is_alphanumeric() {
                    bits[cp / 64] |= 1 << (cp % 64);
                }
            }
            bits
        });
        table[cp / 64] & (1 << (cp % 64)) != 0
    } else {
        c.is_alphanumeric()
    }
}

/// Code points answered by [`WORD_START`].
const WORD_START_TABLE_LEN: usize = 0x800;
static WORD_START: std::sync::OnceLock<[u64; WORD_START_TABLE_LEN / 64]> = std::sync::OnceLock::new();

/// Arabic-script letters (not digits) versus every other letter or digit:
/// a word is split where it switches between the two, so `Weeklyی`,
/// `2024دا` and `١٤ی` give `Weekly` + `ی`, `2024` + `دا`, `١٤` + `ی`.
fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{065F}'
        | '\u{066A}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// A combining mark that belongs to the preceding letter (an approximation
/// of general category Mn/Me over the blocks that matter here).
pub(crate) fn is_combining_mark(c: char) -> bool {
    // Spaces and punctuation end most words: decide them first.
    if c < '\u{0300}' {
        return false;
    }
    matches!(c,
        '\u{0300}'..='\u{036F}'   // combining diacritical marks (Latin)
        | '\u{0483}'..='\u{0489}' // Cyrillic
        | '\u{0610}'..='\u{061A}' // Arabic honorific marks
        | '\u{064B}'..='\u{065F}' // Arabic harakat, hamza above/below
        | '\u{0670}'              // superscript alef
        | '\u{06D6}'..='\u{06DC}' // Quranic annotation
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}' // Arabic extended-A marks
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FE20}'..='\u{FE2F}')
}

/// Invisible format characters that may sit inside a word.
pub(crate) fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\u{200C}' // ZWNJ
        | '\u{200D}' // ZWJ
        | '\u{200E}' // LRM
        | '\u{200F}' // RLM
        | '\u{061C}' // ARABIC LETTER MARK
        | '\u{00AD}' // SOFT HYPHEN
        | '\u{2060}' // WORD JOINER
        | '\u{FEFF}' // BOM / ZWNBSP
    )
}

impl Tokenizer for SoraniTokenizer {
    type TokenStream<'a> = SoraniTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SoraniTokenStream<'a> {
        self.token.reset();
        SoraniTokenStream { text, chars: text.char_indices(), token: &mut self.token }
    }
}

impl SoraniTokenStream<'_> {
    /// Byte offset of the end of the word whose first char ends at
    /// `first_end`: the end of its last letter, digit or mark. Joiners are
    /// consumed but only kept when a word char follows them.
    fn search_token_end(&mut self, first: char, first_end: usize) -> usize {
        let arabic = is_arabic_letter(first);
        let mut last_good = first_end;
        let mut pending_joiner = false;
        while let Some((offset, c)) = self.chars.clone().next() {
            if is_word_start(c) && is_arabic_letter(c) != arabic {
                break;
            }
            if is_word_start(c) || (is_combining_mark(c) && !pending_joiner) {
                pending_joiner = false;
                last_good = offset + c.len_utf8();
            } else if is_joiner(c) {
                pending_joiner = true;
            } else {
                break;
            }
            self.chars.next();
        }
        last_good
    }
}

impl TokenStream for SoraniTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        while let Some((offset_from, c)) = self.chars.next() {
            if is_word_start(c) {
                let offset_to = self.search_token_end(c, offset_from + c.len_utf8());
                self.token.offset_from = offset_from;
                self.token.offset_to = offset_to;
                self.token.text.push_str(&self.text[offset_from..offset_to]);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_start_table_is_is_alphanumeric() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            assert_eq!(is_word_start(c), c.is_alphanumeric(), "{:04X}", c as u32);
        }
    }
}

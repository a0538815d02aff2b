//! Making article text safe for a terminal, with a map back to the original.
//!
//! Article text is untrusted: it may hold escape sequences (colour, cursor
//! movement, OSC 52 clipboard writes, OSC 8 links, DCS), bare C0/C1 controls
//! and invisible characters. Sanitising happens in two steps so that the bidi
//! algorithm still sees what it must:
//!
//! 1. [`clean`] builds the *internal* logical text used for line breaking and
//!    level resolution, with the original byte offset of every char:
//!    - C0 and C1 controls and DEL are dropped, one char at a time. Only the
//!      control itself goes: of `ESC [31m` the `[31m` stays as literal text.
//!      Without its ESC (or C1 CSI/OSC/DCS introducer) a sequence is inert,
//!      so no parser is needed that could be confused by malformed input and
//!      swallow article text; whatever was smuggled in stays visible.
//!    - line feed, CR, VT, FF, NEL, U+2028 and U+2029 become a space (a soft
//!      line break inside a paragraph); CR LF becomes one space.
//!    - a tab is kept internally (bidi class S matters to rule L1) and shown
//!      as [`TAB_WIDTH`] spaces: tab stops mean nothing once a paragraph is
//!      wrapped and reordered.
//!    - noncharacters and code points unassigned in Unicode 15 (the vendored
//!      table) become U+FFFD, so a terminal with newer or older tables cannot
//!      disagree with us about their width.
//!    - prepended concatenation marks (U+0600–0605, U+06DD, U+0890…: signs
//!      drawn across the digits that follow) become U+FFFD too: terminals
//!      disagree on their width, from 0 to 1 cell, and none draws them
//!      across the digits.
//! 2. [`is_hidden`] chars stay in the internal text but are never written:
//!    every other format character (General_Category Cf): bidi controls
//!    (LRE…PDI, LRM, RLM, ALM) and the invisible ones that terminals draw
//!    inconsistently (soft hyphen, ZWSP, word joiner, BOM, invisible
//!    operators, Mongolian vowel separator, the deprecated shaping controls
//!    U+206A–206F, interlinear annotation controls, tag characters, which
//!    can smuggle invisible text), except ZWNJ and ZWJ (below).
//! 3. Directional overrides (LRO, RLO) are not obeyed: a feed could use one
//!    to disguise a file name or a link (`file \u{202E}gnp.exe` shown as
//!    `file exe.png`, "Trojan Source"). Each becomes a visible mark,
//!    [`OVERRIDE_MARK_LTR`] or [`OVERRIDE_MARK_RTL`], followed by the
//!    matching *isolate* (LRI, RLI), and the PDF that closes it becomes a
//!    PDI: the text inside keeps its own order, the reader sees that the
//!    text asked for more. Embeddings (LRE, RLE), isolates and marks keep
//!    their meaning.
//!
//! ZWNJ and ZWJ are kept: they are part of Sorani orthography (ZWNJ stops
//! Arabic joining) and of emoji sequences, grapheme segmentation keeps them
//! with their base, and we count them as zero cells, as glibc's wcwidth and
//! the common terminals do. They are written wherever the terminal joins
//! the letters: in logical order, and in display order left unshaped (VTE
//! joins letters there). Where hewal has shaped the letters ZWNJ has no work
//! left, and it is not written ([`dropped_when_shaped`]): mlterm, whose own
//! shaping hewal switches off, draws it as a cell, which misaligned the rest
//! of the row. ZWJ is always written: it joins emoji sequences into one
//! glyph. A terminal that draws it as a cell would misalign that line by a
//! cell.

use super::tables::{ASSIGNED, FORMAT, PREPENDED_CONCATENATION_MARKS};
use std::cmp::Ordering;
use std::sync::OnceLock;

/// Cells a tab is shown as.
pub const TAB_WIDTH: usize = 4;

/// Internal logical text plus, for each of its chars, where it came from.
#[derive(Clone, Debug, Default)]
pub struct Clean {
    /// Logical text: no terminal controls; tabs and hidden chars still in.
    pub text: String,
    /// Original byte offset of each char of `text`, in order.
    pub orig: Vec<usize>,
    /// Original byte length of each char of `text` (a CR LF pair is 2).
    pub orig_len: Vec<u8>,
}

/// Shown where a text asked for a left-to-right override (LRO).
pub const OVERRIDE_MARK_LTR: &str = "‹LRO›";
/// Shown where a text asked for a right-to-left override (RLO).
pub const OVERRIDE_MARK_RTL: &str = "‹RLO›";

/// Steps 1 and 3 above: drop controls, map line breaks to spaces, replace
/// unassigned code points, neutralise overrides, remember original offsets.
pub fn clean(s: &str) -> Clean {
    let mut out = Clean {
        text: String::with_capacity(s.len()),
        orig: Vec::with_capacity(s.len()),
        orig_len: Vec::with_capacity(s.len()),
    };
    let mut explicit = Explicit::default();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mapped = match c {
            // fast path: printable ASCII and the (fully assigned) Arabic
            // block, less its prepended concatenation marks
            ' '..='~' | '\u{0606}'..='\u{06DC}' | '\u{06DE}'..='\u{06FF}' => c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => match explicit.map(c) {
                Some(mark) => {
                    for m in mark.chars() {
                        out.push(m, i, c.len_utf8());
                    }
                    if c == '\u{202D}' {
                        '\u{2066}'
                    } else {
                        '\u{2067}'
                    }
                }
                None => explicit.after(c),
            },
            '\t' => '\t',
            '\r' if matches!(chars.peek(), Some((_, '\n'))) => {
                chars.next();
                out.push(' ', i, 2);
                continue;
            }
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
            c if c.is_control() => continue,
            c if !is_assigned(c) || in_ranges(PREPENDED_CONCATENATION_MARKS, c) => '\u{FFFD}',
            c => c,
        };
        out.push(mapped, i, c.len_utf8());
    }
    out
}

/// The explicit embeddings, overrides and isolates open at a point of the
/// text, as far as needed to know which PDF closes an override.
#[derive(Default)]
struct Explicit {
    stack: Vec<Opened>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Opened {
    Embedding,
    Override,
    Isolate,
}

impl Explicit {
    /// For an override, the mark to show before the isolate that replaces
    /// it; `None` for any other explicit formatting character.
    fn map(&mut self, c: char) -> Option<&'static str> {
        let mark = match c {
            '\u{202D}' => OVERRIDE_MARK_LTR,
            '\u{202E}' => OVERRIDE_MARK_RTL,
            _ => return None,
        };
        self.stack.push(Opened::Override);
        Some(mark)
    }

    /// What an explicit formatting character other than an override
    /// becomes: itself, except the PDF that closes an override, which
    /// becomes the PDI that closes its isolate.
    fn after(&mut self, c: char) -> char {
        match c {
            '\u{202A}' | '\u{202B}' => self.stack.push(Opened::Embedding),
            '\u{2066}'..='\u{2068}' => self.stack.push(Opened::Isolate),
            // A PDI closes its isolate and everything opened inside it
            // (UAX #9 X6a); without an open isolate it does nothing.
            '\u{2069}' => {
                if let Some(at) = self.stack.iter().rposition(|o| *o == Opened::Isolate) {
                    self.stack.truncate(at);
                }
            }
            // A PDF closes the last embedding or override, unless an
            // isolate was opened after it (X7).
            _ => match self.stack.last() {
                Some(Opened::Override) => {
                    self.stack.pop();
                    return '\u{2069}';
                }
                Some(Opened::Embedding) => {
                    self.stack.pop();
                }
                Some(Opened::Isolate) | None => {}
            },
        }
        c
    }
}

impl Clean {
    fn push(&mut self, c: char, orig: usize, len: usize) {
        self.text.push(c);
        self.orig.push(orig);
        self.orig_len.push(len as u8); // a char (1–4 bytes) or CR LF
    }
}

/// Whether `c`, kept and counted as zero cells, is left out of text written
/// in display order with its letters shaped by hewal (ZWNJ; see the module
/// docs).
pub fn dropped_when_shaped(c: char) -> bool {
    c == '\u{200C}'
}

/// Step 2 above: chars kept for the algorithms but never written: every
/// format character (General_Category Cf) but ZWNJ and ZWJ.
pub fn is_hidden(c: char) -> bool {
    c >= '\u{AD}' && !matches!(c, '\u{200C}' | '\u{200D}') && in_ranges(FORMAT, c)
}

/// Whether `c` lies in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                Ordering::Less
            } else if lo > cp {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether `c` is assigned in the vendored Unicode table and is not a
/// noncharacter.
pub fn is_assigned(c: char) -> bool {
    let cp = c as u32;
    if (0xFDD0..=0xFDEF).contains(&cp) || cp & 0xFFFE == 0xFFFE {
        return false;
    }
    if let Some(&bits) = bmp_bits().get(cp as usize / 64) {
        return bits >> (cp % 64) & 1 == 1;
    }
    in_ranges(ASSIGNED, c)
}

/// [`ASSIGNED`] as a bitset over the Basic Multilingual Plane, built once:
/// a binary search per char was a hot spot of the layout.
fn bmp_bits() -> &'static [u64] {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for &(lo, hi) in ASSIGNED.iter().filter(|r| r.0 < 0x10000) {
            for cp in lo..=hi.min(0xFFFF) {
                bits[cp as usize / 64] |= 1 << (cp % 64);
            }
        }
        bits
    })
}

/// Terminal-safe text in logical order: [`clean`], minus hidden chars, tabs
/// as spaces.
pub fn to_terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).text.chars() {
        match c {
            '\t' => out.extend(std::iter::repeat_n(' ', TAB_WIDTH)),
            c if is_hidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_introducer() {
        assert_eq!(to_terminal("a\x1b[31mred\x1b[0m"), "a[31mred[0m");
        assert_eq!(to_terminal("\x1b]52;c;aGk=\x07x"), "]52;c;aGk=x");
        assert_eq!(to_terminal("\u{9b}2J\u{9d}8;;u\u{9c}"), "2J8;;u");
        assert_eq!(to_terminal("\x1bP1$r\x1b\\"), "P1$r\\");
    }

    #[test]
    fn line_breaks_tabs_and_bidi_controls() {
        assert_eq!(to_terminal("a\r\nb\nc\rd"), "a b c d");
        assert_eq!(to_terminal("a\tb"), "a    b");
        assert_eq!(to_terminal("\u{202B}ئەو\u{202C}\u{200F}"), "ئەو");
        assert_eq!(to_terminal("نو\u{200C}ێ"), "نو\u{200C}ێ");
    }

    #[test]
    fn overrides_become_marked_isolates() {
        // The override's reordering is not applied: the letters keep their
        // order inside an isolate, and a mark says the text asked for it.
        assert_eq!(to_terminal("file \u{202E}gnp.exe"), "file ‹RLO›gnp.exe");
        let c = clean("a\u{202E}b\u{202C}c\u{202D}d\u{202C}");
        assert_eq!(c.text, "a‹RLO›\u{2067}b\u{2069}c‹LRO›\u{2066}d\u{2069}");
        assert_eq!(&c.orig[..8], &[0, 1, 1, 1, 1, 1, 1, 4]);
        // Embeddings keep their PDF; a PDF inside an isolate opened within
        // the override closes nothing; the override's own PDF still maps.
        let c = clean("\u{202B}\u{202E}x\u{2068}\u{202C}\u{2069}\u{202C}\u{202C}");
        assert_eq!(c.text, "\u{202B}‹RLO›\u{2067}x\u{2068}\u{202C}\u{2069}\u{2069}\u{202C}");
        // Unmatched PDFs and PDIs stay what they are (UAX #9 ignores them).
        assert_eq!(clean("\u{202C}\u{2069}").text, "\u{202C}\u{2069}");
    }

    #[test]
    fn format_characters_are_hidden_or_replaced_never_written() {
        // Every Cf character: hidden, or (a prepended concatenation mark)
        // one replacement cell; ZWNJ and ZWJ are written, zero cells.
        for &(lo, hi) in FORMAT {
            for c in (lo..=hi).filter_map(char::from_u32) {
                let shown = to_terminal(&format!("a{c}b"));
                let pcm = in_ranges(PREPENDED_CONCATENATION_MARKS, c);
                let want = match c {
                    '\u{200C}' | '\u{200D}' => format!("a{c}b"),
                    '\u{202D}' => format!("a{OVERRIDE_MARK_LTR}b"),
                    '\u{202E}' => format!("a{OVERRIDE_MARK_RTL}b"),
                    _ if pcm => "a\u{FFFD}b".to_owned(),
                    _ => "ab".to_owned(),
                };
                assert_eq!(shown, want, "U+{:04X}", c as u32);
            }
        }
        assert_eq!(to_terminal(&"\u{0600}".repeat(20)), "\u{FFFD}".repeat(20));
    }

    #[test]
    fn unassigned_and_noncharacters_become_replacement() {
        assert_eq!(to_terminal("\u{0378}\u{FDD0}\u{FFFF}\u{10FFFF}"), "\u{FFFD}".repeat(4));
        assert!(is_assigned('ە') && is_assigned('\u{E000}') && is_assigned('😀'));
    }

    #[test]
    fn offsets_map_back() {
        let c = clean("a\x1b\r\nب");
        assert_eq!(c.text, "a ب");
        assert_eq!(c.orig, vec![0, 2, 4]);
        assert_eq!(c.orig_len, vec![1, 2, 2]);
    }
}

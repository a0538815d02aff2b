//! The Unicode Bidirectional Algorithm (UAX #9) as hewal uses it.
//!
//! Level resolution for the whole paragraph (rules P2–P3, X1–X10, W1–W7,
//! N0–N2, I1–I2) is done per char by the private `uba` module, checked against the
//! Unicode conformance files and, by a property test, against `unicode-bidi`
//! (kept as [`resolve_reference`]; it also passes both files, but works per
//! byte and was half the time of an article's layout). Everything that
//! happens per *line* is done here: L1 (reset of separators and trailing
//! whitespace), L2 (reversal of runs), L4 (mirroring, from the vendored
//! BidiMirroring table). L3 (combining marks after their base) falls out of
//! reordering whole grapheme clusters, which the layout does by calling
//! [`visual_order`] on one level per cluster.
//!
//! Levels here are plain `u8`s, one per `char`, so the conformance tests and
//! the layout drive the exact same functions.

use super::tables::MIRRORS;
use super::uba::{first_strong_is_rtl, resolve_levels};
use super::BaseDirection;
use std::sync::OnceLock;
pub use unicode_bidi::BidiClass;
use unicode_bidi::{Level, ParagraphBidiInfo};

/// Resolved embedding levels of one paragraph, one entry per `char`.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The paragraph embedding level (0 = LTR, 1 = RTL).
    pub para_level: u8,
    /// Original bidi class of each char (before any rule changed it).
    pub classes: Vec<BidiClass>,
    /// Resolved level of each char after I1–I2, before any line rule. Chars
    /// removed by X9 carry a level too, but it has no meaning.
    pub levels: Vec<u8>,
}

/// Whether rule X9 removes chars of this class (they take no part in
/// reordering and are never shown).
pub fn removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, RLE | LRE | RLO | LRO | PDF | BN)
}

/// Whether `c` is an explicit bidi formatting character (embedding,
/// override, isolate or directional mark). They steer the algorithm but are
/// never written to the terminal.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Code points below this have their bidi class in a table built once.
const CACHED: usize = 0x3000;

/// The bidi class of `c`, from `unicode-bidi`'s data; Latin, Arabic, Hebrew
/// and general punctuation come from a table built once from it, as the
/// binary search per char was a hot spot.
pub fn bidi_class(c: char) -> BidiClass {
    static TABLE: OnceLock<Vec<BidiClass>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..CACHED as u32).map(|cp| char::from_u32(cp).map_or(BidiClass::L, unicode_bidi::bidi_class)).collect()
    });
    table.get(c as usize).copied().unwrap_or_else(|| unicode_bidi::bidi_class(c))
}

/// Paragraph level by rules P2–P3: the first strong char outside isolates
/// decides; no strong char means LTR. Unterminated isolates end with the
/// paragraph, as X8 says.
pub fn paragraph_level(text: &str, dir: BaseDirection) -> u8 {
    let classes: Vec<BidiClass> = text.chars().map(bidi_class).collect();
    para_level_of(&classes, dir)
}

fn para_level_of(classes: &[BidiClass], dir: BaseDirection) -> u8 {
    match dir {
        BaseDirection::Ltr => 0,
        BaseDirection::Rtl => 1,
        BaseDirection::Auto => u8::from(first_strong_is_rtl(classes, 0, classes.len())),
    }
}

/// Resolve the levels of `text`, taken as one paragraph (paragraph
/// separators inside it do not start a new one; the layout never passes any).
pub fn resolve(text: &str, dir: BaseDirection) -> Resolved {
    let chars: Vec<char> = text.chars().collect();
    let classes: Vec<BidiClass> = chars.iter().map(|&c| bidi_class(c)).collect();
    let para_level = para_level_of(&classes, dir);
    let levels = resolve_levels(&chars, &classes, para_level);
    Resolved { para_level, classes, levels }
}

/// [`resolve`] done by `unicode-bidi` (per byte, then taken per char): the
/// reference the own implementation is property-tested against.
pub fn resolve_reference(text: &str, dir: BaseDirection) -> Resolved {
    let para_level = paragraph_level(text, dir);
    let level = if para_level == 1 { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(text, Some(level));
    let (classes, levels) =
        text.char_indices().map(|(i, _)| (info.original_classes[i], info.levels[i].number())).unzip();
    Resolved { para_level, classes, levels }
}

/// Rule L1 for one line: `levels` and `classes` are the line's chars in
/// logical order; segment and paragraph separators, and any whitespace
/// (with isolate controls and X9-removed chars) before them or at the end of
/// the line, go back to the paragraph level.
pub fn apply_l1(levels: &mut [u8], classes: &[BidiClass], para_level: u8) {
    use BidiClass::*;
    let mut trailing = true; // scanning backwards: inside a run that gets reset
    for i in (0..levels.len()).rev() {
        match classes[i] {
            S | B => {
                levels[i] = para_level;
                trailing = true;
            }
            WS | FSI | LRI | RLI | PDI => {
                if trailing {
                    levels[i] = para_level;
                }
            }
            c if removed_by_x9(c) => {
                if trailing {
                    levels[i] = para_level;
                }
            }
            _ => trailing = false,
        }
    }
}

/// Rule L2: the visual order of a line as indices into `levels` (logical
/// order), leftmost first. Works on any unit (chars, grapheme clusters).
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let (Some(&max), Some(&min_odd)) = (levels.iter().max(), levels.iter().filter(|&&l| l % 2 == 1).min()) else {
        return order;
    };
    for level in (min_odd..=max).rev() {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
    }
    order
}

/// Rule L4: the mirrored glyph of `c` (Bidi_Mirroring_Glyph), if it has one.
/// Call it only for chars at an odd (RTL) level.
pub fn mirror(c: char) -> Option<char> {
    // below U+0F3A only ASCII brackets and guillemets mirror: skip the search
    if c < '\u{0F3A}' && !matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}' | '«' | '»') {
        return None;
    }
    let cp = c as u32;
    MIRRORS.binary_search_by_key(&cp, |&(from, _)| from).ok().and_then(|i| char::from_u32(MIRRORS[i].1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l2_reverses_nested_runs() {
        // "ab CD 12" in an RTL paragraph: levels 2 2 1 1 1 2 2
        assert_eq!(visual_order(&[2, 2, 1, 1, 1, 2, 2]), vec![5, 6, 4, 3, 2, 0, 1]);
        assert_eq!(visual_order(&[0, 0, 1, 1]), vec![0, 1, 3, 2]);
        assert!(visual_order(&[]).is_empty());
    }

    #[test]
    fn l1_resets_trailing_whitespace_and_separators() {
        use BidiClass::*;
        let mut lv = [2, 2, 2, 2, 2];
        apply_l1(&mut lv, &[L, WS, L, S, WS], 1);
        assert_eq!(lv, [2, 2, 2, 1, 1]);
        let mut lv = [1, 1, 1, 1];
        apply_l1(&mut lv, &[R, WS, BN, WS], 0);
        assert_eq!(lv, [1, 0, 0, 0]);
    }

    #[test]
    fn mirror_pairs() {
        assert_eq!(mirror('('), Some(')'));
        assert_eq!(mirror('«'), Some('»'));
        assert_eq!(mirror('>'), Some('<'));
        assert_eq!(mirror('a'), None);
    }

    #[test]
    fn p2_p3_skip_isolates() {
        assert_eq!(paragraph_level("\u{2067}abc\u{2069} ئەو", BaseDirection::Auto), 1);
        assert_eq!(paragraph_level("123 abc", BaseDirection::Auto), 0);
        assert_eq!(paragraph_level("١٢ ئەو", BaseDirection::Auto), 1);
        assert_eq!(paragraph_level("", BaseDirection::Auto), 0);
        assert_eq!(paragraph_level("abc", BaseDirection::Rtl), 1);
    }
}

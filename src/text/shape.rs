//! Arabic shaping for terminals that do not shape.
//!
//! Terminals such as xterm and the Linux console draw every Arabic letter in
//! its isolated form. [`shape`] replaces the letters of one display line by
//! the Arabic Presentation Forms (U+FB50–U+FDFF, U+FE70–U+FEFF) that show
//! their joined shapes, so such a terminal draws connected script.
//!
//! Data (Unicode 15.0, generated into `shape_tables.rs` by
//! `tools/gen-shaping-tables.py`):
//! - [`joining`]: the Joining_Type of ArabicShaping.txt, with the file's
//!   default for unlisted chars: General_Category Mn, Me and Cf are
//!   Transparent, everything else Non_Joining.
//! - [`form`] and [`unshape`]: the presentation forms whose UnicodeData
//!   decomposition is `<isolated>`, `<final>`, `<initial>` or `<medial>` of a
//!   single letter. Many letters have none or only some of them; Sorani's
//!   ڕ ڵ ێ ە have none at all and ۆ only isolated and final.
//!
//! Joining follows rules R1–R7 of the Unicode core specification, section
//! 9.2, on the line's chars in logical order:
//! - transparent chars (harakat, other combining marks, bidi controls) are
//!   skipped when a letter looks for its neighbours, and keep their glyph;
//! - a letter joins the previous non-transparent char when that one is Dual,
//!   Left or Join_Causing (ZWJ, tatweel), and the next one when that one is
//!   Dual, Right or Join_Causing; ZWNJ, spaces, digits, Latin and anything
//!   else Non_Joining break joining;
//! - Right-joining letters take the final form when they join the previous
//!   char; Left-joining letters the initial form when they join the next;
//!   Dual-joining letters medial, final or initial as they join both, only
//!   the previous or only the next char.
//!
//! A letter whose needed form Unicode does not encode keeps its base char,
//! but its neighbours still take the forms they take next to a joining
//! letter (in وڵات the alef is final although ڵ stays as it is): which forms
//! a letter takes depends only on joining types, never on whether some
//! presentation form exists. A letter that joins nothing keeps its base
//! char too rather than its isolated presentation form: the glyphs are the
//! same, and base letters are better covered by fonts.
//!
//! Lam-alef: the obligatory ligature (U+FEF5–U+FEFC) is a single cell for
//! two chars and would change the cell count of the line, which the layout
//! has already measured. It is never formed: lam takes its initial or medial
//! form and alef its final form, two cells, as for any other pair of letters.
//! Other ligatures are not formed either.
//!
//! Presentation forms already in the input are left alone; they are
//! Non_Joining, so their neighbours do not join them.
//!
//! The output has exactly one char per input char, so byte offsets change
//! but cell positions do not: presentation forms are as narrow as their base
//! letters.

#[path = "shape_tables.rs"]
mod tables;

use tables::{FORMS, FORM_BASE_MAX, FORM_BASE_MIN, JOINING, UNSHAPE};

/// Joining_Type of a char (Unicode core specification, section 9.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Joining {
    /// U: joins neither side (spaces, digits, Latin, ZWNJ, hamza, …).
    NonJoining,
    /// R: joins the char before it in logical order (alef, waw, reh, ە, …).
    Right,
    /// L: joins the char after it (none in the Arabic script).
    Left,
    /// D: joins both sides (beh, lam, ی, ک, …).
    Dual,
    /// C: makes its neighbours join but has no forms itself (ZWJ, tatweel).
    Causing,
    /// T: ignored when looking for neighbours (harakat, other marks, Cf).
    Transparent,
}

/// Positional form of a letter. In right-to-left order: final joins the
/// letter on its right, initial the letter on its left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// Joins nothing.
    Isolated,
    /// Joins the previous letter only.
    Final,
    /// Joins the next letter only.
    Initial,
    /// Joins both.
    Medial,
}

/// The Joining_Type of `c`.
pub fn joining(c: char) -> Joining {
    let cp = c as u32;
    if cp < 0xAD {
        return Joining::NonJoining; // ASCII and Latin-1 up to the soft hyphen
    }
    match JOINING.binary_search_by(|&(lo, hi, _)| {
        if hi < cp {
            std::cmp::Ordering::Less
        } else if lo > cp {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => JOINING[i].2,
        Err(_) => Joining::NonJoining,
    }
}

/// The presentation form of letter `c` in position `f`, if Unicode encodes
/// it as a single-char form (ligatures do not count).
pub fn form(c: char, f: Form) -> Option<char> {
    let cp = c as u32;
    if !(FORM_BASE_MIN..=FORM_BASE_MAX).contains(&cp) {
        return None;
    }
    let i = FORMS.binary_search_by_key(&cp, |&(base, _)| u32::from(base)).ok()?;
    match FORMS[i].1[f as usize] {
        0 => None,
        g => char::from_u32(u32::from(g)),
    }
}

/// The base letter of a single-letter presentation form; any other char
/// (base letters, ligatures, everything else) is returned unchanged.
pub fn unshape(c: char) -> char {
    let cp = c as u32;
    if !(0xFB50..=0xFEFF).contains(&cp) {
        return c;
    }
    match UNSHAPE.binary_search_by_key(&cp, |&(f, _)| u32::from(f)) {
        Ok(i) => char::from_u32(u32::from(UNSHAPE[i].1)).unwrap_or(c),
        Err(_) => c,
    }
}

/// Shape one display line: `chars` in logical order (not reordered), the
/// result as long as the input, each char either unchanged or replaced by
/// its presentation form. See the module documentation for the rules.
pub fn shape(chars: &[char]) -> Vec<char> {
    let mut out = chars.to_vec();
    if !chars.iter().any(|&c| (FORM_BASE_MIN..=FORM_BASE_MAX).contains(&(c as u32))) {
        return out; // nothing on the line has a presentation form
    }
    // Walk the non-transparent chars; `before` says whether the previous one
    // joins towards this one.
    let mut before = false;
    let mut cur = next_solid(chars, 0);
    while let Some((i, t)) = cur {
        let next = next_solid(chars, i + 1);
        let after = matches!(next, Some((_, Joining::Right | Joining::Dual | Joining::Causing)));
        let f = match (t, before, after) {
            (Joining::Dual, true, true) => Some(Form::Medial),
            (Joining::Dual | Joining::Right, true, _) => Some(Form::Final),
            (Joining::Dual | Joining::Left, _, true) => Some(Form::Initial),
            _ => None,
        };
        if let Some(g) = f.and_then(|f| form(chars[i], f)) {
            out[i] = g;
        }
        before = matches!(t, Joining::Dual | Joining::Left | Joining::Causing);
        cur = next;
    }
    out
}

/// The first char at or after `from` that is not transparent, with its type.
fn next_solid(chars: &[char], from: usize) -> Option<(usize, Joining)> {
    chars.get(from..)?.iter().enumerate().find_map(|(k, &c)| {
        let t = joining(c);
        (t != Joining::Transparent).then_some((from + k, t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn sh(s: &str) -> Vec<u32> {
        shape(&cs(s)).into_iter().map(|c| c as u32).collect()
    }

    const BEH: char = '\u{0628}';

    #[test]
    fn joining_types_of_controls_and_marks() {
        assert_eq!(joining('a'), Joining::NonJoining);
        assert_eq!(joining(' '), Joining::NonJoining);
        assert_eq!(joining('\u{200C}'), Joining::NonJoining); // ZWNJ, listed U
        assert_eq!(joining('\u{200D}'), Joining::Causing); // ZWJ, listed C
        assert_eq!(joining('\u{0640}'), Joining::Causing); // tatweel
        for c in ['\u{200E}', '\u{200F}', '\u{061C}', '\u{00AD}', '\u{202B}', '\u{FEFF}'] {
            assert_eq!(joining(c), Joining::Transparent, "{:04X} is Cf", c as u32);
        }
        // The bidi isolates are Cf too, but ArabicShaping.txt lists them as U.
        for c in '\u{2066}'..='\u{2069}' {
            assert_eq!(joining(c), Joining::NonJoining, "{:04X} is listed U", c as u32);
        }
        for c in ['\u{064E}', '\u{0651}', '\u{0670}', '\u{0301}', '\u{FE0F}', '\u{20DD}'] {
            assert_eq!(joining(c), Joining::Transparent, "{:04X} is Mn/Me", c as u32);
        }
        assert_eq!(joining('\u{0621}'), Joining::NonJoining); // hamza
        assert_eq!(joining('\u{06D5}'), Joining::Right);
        assert_eq!(joining('\u{06B5}'), Joining::Dual);
        assert_eq!(joining('\u{A872}'), Joining::Left);
        assert_eq!(joining('\u{FEFB}'), Joining::NonJoining); // a presentation form
        assert_eq!(joining('\u{10FFFF}'), Joining::NonJoining);
    }

    #[test]
    fn forms_and_unshape() {
        assert_eq!(form(BEH, Form::Isolated), Some('\u{FE8F}'));
        assert_eq!(form(BEH, Form::Medial), Some('\u{FE92}'));
        assert_eq!(form('\u{06C6}', Form::Final), Some('\u{FBDA}'));
        assert_eq!(form('\u{06C6}', Form::Initial), None);
        assert_eq!(form('\u{06D5}', Form::Final), None);
        assert_eq!(form('a', Form::Final), None);
        assert_eq!(unshape('\u{FE92}'), BEH);
        assert_eq!(unshape(BEH), BEH);
        assert_eq!(unshape('\u{FEFB}'), '\u{FEFB}'); // lam-alef ligature: not a single-letter form
        assert_eq!(unshape('\u{FE70}'), '\u{FE70}'); // fathatan isolated: decomposes to two chars
        assert_eq!(unshape('x'), 'x');
    }

    #[test]
    fn dual_letters_in_every_position() {
        assert_eq!(sh("ب"), [0x0628]);
        assert_eq!(sh("بب"), [0xFE91, 0xFE90]);
        assert_eq!(sh("ببب"), [0xFE91, 0xFE92, 0xFE90]);
        assert_eq!(sh("بب بب"), [0xFE91, 0xFE90, 0x20, 0xFE91, 0xFE90]);
    }

    #[test]
    fn right_joining_letter_ends_a_join() {
        // beh alef beh: alef joins the beh before it, never the one after.
        assert_eq!(sh("باب"), [0xFE91, 0xFE8E, 0x0628]);
        assert_eq!(sh("اب"), [0x0627, 0x0628]);
        assert_eq!(sh("ا"), [0x0627]);
    }

    #[test]
    fn transparent_chars_are_skipped_and_kept() {
        // beh fatha shadda beh: the marks sit between but do not break the join.
        assert_eq!(sh("ب\u{064E}\u{0651}ب"), [0xFE91, 0x064E, 0x0651, 0xFE90]);
        // marks at the start and end of the line
        assert_eq!(sh("\u{064E}بب\u{0650}"), [0x064E, 0xFE91, 0xFE90, 0x0650]);
        // a bidi control (Cf) between two letters does not break the join
        assert_eq!(sh("ب\u{200F}ب"), [0xFE91, 0x200F, 0xFE90]);
        // only marks
        assert_eq!(sh("\u{064E}\u{0651}"), [0x064E, 0x0651]);
    }

    #[test]
    fn zwnj_and_space_break_zwj_and_tatweel_join() {
        assert_eq!(sh("ب\u{200C}ب"), [0x0628, 0x200C, 0x0628]);
        assert_eq!(sh("ب ب"), [0x0628, 0x20, 0x0628]);
        assert_eq!(sh("\u{200D}ب\u{200D}"), [0x200D, 0xFE92, 0x200D]);
        assert_eq!(sh("ب\u{200D}"), [0xFE91, 0x200D]);
        assert_eq!(sh("\u{200D}ب"), [0x200D, 0xFE90]);
        assert_eq!(sh("\u{200D}ا"), [0x200D, 0xFE8E]);
        assert_eq!(sh("ـبـ"), [0x0640, 0xFE92, 0x0640]);
        // a mark between ZWJ and the letter changes nothing
        assert_eq!(sh("\u{200D}\u{064E}ب"), [0x200D, 0x064E, 0xFE90]);
    }

    #[test]
    fn letters_without_forms_still_join_their_neighbours() {
        // beh, lam with v (no forms), alef: ڵ stays, both neighbours join it.
        assert_eq!(sh("بڵا"), [0xFE91, 0x06B5, 0xFE8E]);
        // beh, ae (R, no forms), beh: the beh after ە does not join it.
        assert_eq!(sh("بەب"), [0xFE91, 0x06D5, 0x0628]);
    }

    #[test]
    fn lam_alef_stays_two_cells() {
        assert_eq!(sh("لا"), [0xFEDF, 0xFE8E]);
        assert_eq!(sh("بلا"), [0xFE91, 0xFEE0, 0xFE8E]);
        assert_eq!(sh("لأ"), [0xFEDF, 0xFE84]);
    }

    #[test]
    fn left_joining_and_other_scripts() {
        // A Left-joining char joins the letter after it, not the one before.
        assert_eq!(sh("ب\u{A872}ب"), [0x0628, 0xA872, 0xFE90]);
        // Syriac letters join by the same rules but have no presentation forms.
        assert_eq!(sh("ب\u{0710}"), [0xFE91, 0x0710]);
    }

    #[test]
    fn presentation_forms_in_the_input_are_left_alone() {
        assert_eq!(sh("\u{FE91}ب"), [0xFE91, 0x0628]);
        assert_eq!(sh("ب\u{FEFB}"), [0x0628, 0xFEFB]);
    }

    #[test]
    fn non_arabic_lines_pass_through() {
        assert!(shape(&[]).is_empty());
        assert_eq!(shape(&cs("Hello, world 123")), cs("Hello, world 123"));
        assert_eq!(shape(&cs("שלום ܐܒ")), cs("שלום ܐܒ"));
        assert_eq!(sh("abc بب"), [0x61, 0x62, 0x63, 0x20, 0xFE91, 0xFE90]);
        // Latin letters break joining like spaces
        assert_eq!(sh("بxب"), [0x0628, 0x78, 0x0628]);
    }
}

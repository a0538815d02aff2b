//! Level resolution of UAX #9 (rules X1–X10, W1–W7, N0–N2, I1–I2) for one
//! paragraph, one entry per `char`.
//!
//! `unicode-bidi` 0.3.18 resolves levels correctly (it passes both
//! conformance files), but it works per *byte* with several passes and
//! allocations, and was half of the time of a whole article's layout (two
//! bytes per Sorani letter). This is the same algorithm per char, written
//! straight from the standard; the conformance tests run through it, and a
//! property test compares it with `unicode-bidi` on random text.

use super::bidi::removed_by_x9;
use super::tables::BRACKETS;
use unicode_bidi::BidiClass::{self, *};

const MAX_DEPTH: u8 = 125;
const NONE: usize = usize::MAX;

/// Resolved levels of `chars` (bidi classes `classes`) at paragraph level
/// `para`. Chars removed by X9 get the level of the char before them.
pub fn resolve_levels(chars: &[char], classes: &[BidiClass], para: u8) -> Vec<u8> {
    let mut levels = vec![para; chars.len()];
    let mut types = classes.to_vec();
    let kept: Vec<usize> = (0..chars.len()).filter(|&i| !removed_by_x9(classes[i])).collect();
    let explicit_free = !classes.iter().any(|&c| matches!(c, RLE | LRE | RLO | LRO | PDF | LRI | RLI | FSI | PDI));
    let sequences = if explicit_free {
        // the common case: one level, so one isolating run sequence
        let d = if para % 2 == 1 { R } else { L };
        if kept.is_empty() {
            Vec::new()
        } else {
            vec![Sequence { chars: kept, level: para, sos: d, eos: d }]
        }
    } else {
        let matching = match_isolates(classes);
        explicit(classes, &matching, para, &mut levels, &mut types);
        isolating_run_sequences(&kept, classes, &levels, &matching, para)
    };
    for seq in sequences {
        let mut t: Vec<BidiClass> = seq.chars.iter().map(|&i| types[i]).collect();
        let e = if seq.level % 2 == 0 { L } else { R };
        weak(&mut t, seq.sos);
        brackets(&mut t, &seq, chars, classes, e);
        neutral(&mut t, seq.sos, seq.eos, e);
        for (k, &i) in seq.chars.iter().enumerate() {
            levels[i] = implicit(levels[i], t[k]);
        }
    }
    for i in 0..chars.len() {
        if removed_by_x9(classes[i]) {
            levels[i] = if i == 0 { para } else { levels[i - 1] };
        }
    }
    levels
}

/// BD9: for each isolate initiator the index of its matching PDI and for
/// each matched PDI that of its initiator; [`NONE`] otherwise.
fn match_isolates(classes: &[BidiClass]) -> Vec<usize> {
    let mut matching = vec![NONE; classes.len()];
    let mut open = Vec::new();
    for (i, &c) in classes.iter().enumerate() {
        match c {
            LRI | RLI | FSI => open.push(i),
            PDI => {
                if let Some(o) = open.pop() {
                    matching[o] = i;
                    matching[i] = o;
                }
            }
            _ => {}
        }
    }
    matching
}

/// P2–P3 on `classes[from..to]`: is the first strong char outside nested
/// isolates R or AL?
pub fn first_strong_is_rtl(classes: &[BidiClass], from: usize, to: usize) -> bool {
    let mut depth = 0usize;
    for &c in &classes[from..to] {
        match c {
            LRI | RLI | FSI => depth += 1,
            PDI => depth = depth.saturating_sub(1),
            L if depth == 0 => return false,
            R | AL if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

struct Entry {
    level: u8,
    over: Option<BidiClass>,
    isolate: bool,
}

fn next_level(level: u8, rtl: bool) -> u8 {
    if rtl {
        (level + 1) | 1
    } else {
        (level + 2) & !1
    }
}

/// X1–X8: explicit levels and directional overrides.
fn explicit(classes: &[BidiClass], matching: &[usize], para: u8, levels: &mut [u8], types: &mut [BidiClass]) {
    let mut stack = vec![Entry { level: para, over: None, isolate: false }];
    let (mut over_iso, mut over_emb, mut valid_iso) = (0usize, 0usize, 0usize);
    for (i, &class) in classes.iter().enumerate() {
        let top = stack.last().expect("stack never empty");
        let (level, over) = (top.level, top.over);
        match class {
            RLE | LRE | RLO | LRO => {
                levels[i] = level;
                let new = next_level(level, matches!(class, RLE | RLO));
                if new <= MAX_DEPTH && over_iso == 0 && over_emb == 0 {
                    let over = match class {
                        RLO => Some(R),
                        LRO => Some(L),
                        _ => None,
                    };
                    stack.push(Entry { level: new, over, isolate: false });
                } else if over_iso == 0 {
                    over_emb += 1;
                }
            }
            RLI | LRI | FSI => {
                levels[i] = level;
                if let Some(o) = over {
                    types[i] = o;
                }
                let end = if matching[i] == NONE { classes.len() } else { matching[i] };
                let rtl = class == RLI || (class == FSI && first_strong_is_rtl(classes, i + 1, end));
                let new = next_level(level, rtl);
                if new <= MAX_DEPTH && over_iso == 0 && over_emb == 0 {
                    valid_iso += 1;
                    stack.push(Entry { level: new, over: None, isolate: true });
                } else {
                    over_iso += 1;
                }
            }
            PDI => {
                if over_iso > 0 {
                    over_iso -= 1;
                } else if valid_iso > 0 {
                    over_emb = 0;
                    while !stack.last().expect("isolate entry").isolate {
                        stack.pop();
                    }
                    stack.pop();
                    valid_iso -= 1;
                }
                let top = stack.last().expect("stack never empty");
                levels[i] = top.level;
                if let Some(o) = top.over {
                    types[i] = o;
                }
            }
            PDF => {
                if over_iso > 0 {
                } else if over_emb > 0 {
                    over_emb -= 1;
                } else if !stack.last().expect("non-empty").isolate && stack.len() >= 2 {
                    stack.pop();
                }
                levels[i] = stack.last().expect("non-empty").level;
            }
            B => levels[i] = para,
            BN => levels[i] = level,
            _ => {
                levels[i] = level;
                if let Some(o) = over {
                    types[i] = o;
                }
            }
        }
    }
}

/// One isolating run sequence (BD13).
struct Sequence {
    chars: Vec<usize>,
    level: u8,
    sos: BidiClass,
    eos: BidiClass,
}

/// X10: level runs of the kept (not X9-removed) chars, chained across
/// isolates into isolating run sequences, with their sos and eos.
fn isolating_run_sequences(
    kept: &[usize],
    classes: &[BidiClass],
    levels: &[u8],
    matching: &[usize],
    para: u8,
) -> Vec<Sequence> {
    // runs as ranges of positions in `kept`
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut run_at = vec![NONE; classes.len()]; // char index of a run start -> run
    for k in 0..kept.len() {
        if k == 0 || levels[kept[k]] != levels[kept[k - 1]] {
            run_at[kept[k]] = runs.len();
            runs.push((k, k + 1));
        } else {
            runs.last_mut().expect("run started").1 = k + 1;
        }
    }
    let dir = |a: u8, b: u8| if a.max(b) % 2 == 1 { R } else { L };
    let mut out = Vec::new();
    for r in 0..runs.len() {
        let first = kept[runs[r].0];
        if classes[first] == PDI && matching[first] != NONE {
            continue; // continues the sequence of its initiator
        }
        let mut chars: Vec<usize> = kept[runs[r].0..runs[r].1].to_vec();
        let mut cur = r;
        loop {
            let last = kept[runs[cur].1 - 1];
            let linked = matches!(classes[last], LRI | RLI | FSI) && matching[last] != NONE;
            match linked.then(|| run_at[matching[last]]) {
                Some(next) if next != NONE => {
                    chars.extend_from_slice(&kept[runs[next].0..runs[next].1]);
                    cur = next;
                }
                _ => break,
            }
        }
        let level = levels[first];
        let before = if runs[r].0 == 0 { para } else { levels[kept[runs[r].0 - 1]] };
        let last = *chars.last().expect("non-empty run");
        let end = runs[cur].1;
        let after =
            if matches!(classes[last], LRI | RLI | FSI) || end == kept.len() { para } else { levels[kept[end]] };
        out.push(Sequence { chars, level, sos: dir(level, before), eos: dir(level, after) });
    }
    out
}

/// W1–W7 on the types of one sequence.
fn weak(t: &mut [BidiClass], sos: BidiClass) {
    let n = t.len();
    let mut prev = sos;
    for x in t.iter_mut() {
        if *x == NSM {
            *x = if matches!(prev, LRI | RLI | FSI | PDI) { ON } else { prev };
        }
        prev = *x;
    }
    let mut strong = sos;
    for x in t.iter_mut() {
        match *x {
            L | R | AL => strong = *x,
            EN if strong == AL => *x = AN,
            _ => {}
        }
        if *x == AL {
            *x = R;
        }
    }
    for k in 1..n.saturating_sub(1) {
        let (a, b) = (t[k - 1], t[k + 1]);
        match t[k] {
            ES if a == EN && b == EN => t[k] = EN,
            CS if a == b && matches!(a, EN | AN) => t[k] = a,
            _ => {}
        }
    }
    let mut k = 0;
    while k < n {
        if t[k] != ET {
            k += 1;
            continue;
        }
        let start = k;
        while k < n && t[k] == ET {
            k += 1;
        }
        if (start > 0 && t[start - 1] == EN) || (k < n && t[k] == EN) {
            t[start..k].fill(EN);
        }
    }
    let mut strong = sos;
    for x in t.iter_mut() {
        match *x {
            ES | ET | CS => *x = ON,
            L | R => strong = *x,
            EN if strong == L => *x = L,
            _ => {}
        }
    }
}

/// Strong direction for N0–N2: numbers count as R.
fn strong_dir(c: BidiClass) -> Option<BidiClass> {
    match c {
        L => Some(L),
        R | AL | EN | AN => Some(R),
        _ => None,
    }
}

/// The bracket pair id of `c` and whether it opens (BidiBrackets.txt, with
/// the canonical equivalents U+2329/U+232A = U+3008/U+3009 unified).
fn bracket(c: char) -> Option<(u32, bool)> {
    let i = BRACKETS.binary_search_by_key(&(c as u32), |b| b.0).ok()?;
    let (cp, pair, open) = BRACKETS[i];
    let id = if open { cp } else { pair };
    Some((
        match id {
            0x2329 => 0x3008,
            other => other,
        },
        open,
    ))
}

/// BD16: bracket pairs of a sequence, as positions, sorted by opener.
fn bracket_pairs(t: &[BidiClass], seq: &Sequence, chars: &[char]) -> Vec<(usize, usize)> {
    let (mut stack, mut pairs) = (Vec::<(u32, usize)>::new(), Vec::new());
    for (k, &i) in seq.chars.iter().enumerate() {
        let Some((id, open)) = (if t[k] == ON { bracket(chars[i]) } else { None }) else {
            continue;
        };
        if open {
            if stack.len() == 63 {
                break;
            }
            stack.push((id, k));
        } else if let Some(d) = stack.iter().rposition(|&(o, _)| o == id) {
            pairs.push((stack[d].1, k));
            stack.truncate(d);
        }
    }
    pairs.sort_unstable();
    pairs
}

/// N0: paired brackets take the embedding direction, or the opposite one
/// when only that occurs inside and it also precedes them.
fn brackets(t: &mut [BidiClass], seq: &Sequence, chars: &[char], classes: &[BidiClass], e: BidiClass) {
    for (o, c) in bracket_pairs(t, seq, chars) {
        let inside: Vec<BidiClass> = t[o + 1..c].iter().filter_map(|&x| strong_dir(x)).collect();
        let d = if inside.contains(&e) {
            e
        } else if inside.is_empty() {
            continue;
        } else {
            let before = t[..o].iter().rev().find_map(|&x| strong_dir(x)).unwrap_or(seq.sos);
            if before != e {
                before
            } else {
                e
            }
        };
        for b in [o, c] {
            t[b] = d;
            for k in b + 1..t.len() {
                if classes[seq.chars[k]] != NSM {
                    break;
                }
                t[k] = d;
            }
        }
    }
}

/// N1–N2: runs of neutrals and isolate controls take the direction of
/// their surroundings when both sides agree, else the embedding direction.
fn neutral(t: &mut [BidiClass], sos: BidiClass, eos: BidiClass, e: BidiClass) {
    let is_ni = |c: BidiClass| matches!(c, B | S | WS | ON | LRI | RLI | FSI | PDI);
    let mut k = 0;
    while k < t.len() {
        if !is_ni(t[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < t.len() && is_ni(t[k]) {
            k += 1;
        }
        let before = if start == 0 { sos } else { strong_dir(t[start - 1]).unwrap_or(e) };
        let after = if k == t.len() { eos } else { strong_dir(t[k]).unwrap_or(e) };
        t[start..k].fill(if before == after { before } else { e });
    }
}

/// I1–I2.
fn implicit(level: u8, t: BidiClass) -> u8 {
    match (level % 2, t) {
        (0, R) => level + 1,
        (0, AN | EN) => level + 2,
        (1, L | EN | AN) => level + 1,
        _ => level,
    }
}

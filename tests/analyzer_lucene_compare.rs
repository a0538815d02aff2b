//! Compares hewal's stemmed analyzer with Lucene 8.7's SoraniAnalyzer on the
//! test sets. Lucene's output is precomputed by tools/lucene-compare/compare.sh
//! into tests/data/sorani/lucene-8.7.tsv (word, Lucene normalised, Lucene
//! stemmed), so this test needs no Java.
//!
//! `cargo test --test analyzer_lucene_compare -- --nocapture` prints the
//! table used in docs/SORANI_ANALYZER.md.

use std::collections::HashMap;

use hewal::search::analyzer::stemmed_analyzer;
mod util;

use util::sorani::{rows, HELDOUT, NO_CONFLATE, STEMS};
use util::tokens::terms;

const LUCENE: &str = include_str!("data/sorani/lucene-8.7.tsv");

struct Lucene<'a> {
    norm: HashMap<&'a str, &'a str>,
    stem: HashMap<&'a str, &'a str>,
}

fn lucene() -> Lucene<'static> {
    let mut norm = HashMap::new();
    let mut stem = HashMap::new();
    for l in LUCENE.lines() {
        let f: Vec<&str> = l.split('\t').collect();
        norm.insert(f[0], f.get(1).copied().unwrap_or(""));
        stem.insert(f[0], f.get(2).copied().unwrap_or(""));
    }
    Lucene { norm, stem }
}

/// Prints the comparison for one test set; returns (hewal right, Lucene right).
fn compare(name: &str, data: &str) -> (usize, usize) {
    let lu = lucene();
    let mut a = stemmed_analyzer();
    let (mut total, mut h_ok, mut l_ok, mut l_strict) = (0, 0, 0, 0);
    let (mut both, mut only_h, mut only_l, mut neither) = (0, 0, 0, 0);
    let mut same_outcome_groups: std::collections::BTreeMap<&str, (usize, usize, usize)> = Default::default();
    let mut diffs = Vec::new();
    for r in rows(data) {
        let (group, surface, expected) = (r[0], r[1], r[2]);
        let ls = lu.stem.get(surface).unwrap_or_else(|| panic!("{surface} missing: rerun compare.sh"));
        let le = lu.stem.get(expected).unwrap_or_else(|| panic!("{expected} missing: rerun compare.sh"));
        let l = ls == le;
        if ls == lu.norm.get(expected).unwrap() {
            l_strict += 1;
        }
        let hs = terms(&mut a, surface);
        let he = terms(&mut a, expected);
        let h = hs == he;
        total += 1;
        h_ok += h as usize;
        l_ok += l as usize;
        let g = same_outcome_groups.entry(group).or_default();
        g.0 += 1;
        g.1 += h as usize;
        g.2 += l as usize;
        match (h, l) {
            (true, true) => both += 1,
            (true, false) => only_h += 1,
            (false, true) => only_l += 1,
            (false, false) => neither += 1,
        }
        if h != l {
            diffs.push(format!(
                "| {group} | {surface} → {expected} | {hs} / {he} | {ls} / {le} | {} |",
                if h { "hewal" } else { "Lucene" }
            ));
        }
    }
    println!("{name} pairs: {total}");
    println!("hewal conflation accuracy: {h_ok}/{total} ({:.1}%)", 100.0 * h_ok as f64 / total as f64);
    println!(
        "Lucene conflation accuracy: {l_ok}/{total} ({:.1}%); strict {l_strict}/{total}",
        100.0 * l_ok as f64 / total as f64
    );
    println!("both right {both}, only hewal {only_h}, only Lucene {only_l}, both wrong {neither}");
    println!("| group | pairs | hewal | Lucene |");
    for (g, (t, h, l)) in &same_outcome_groups {
        println!("| {g} | {t} | {h} | {l} |");
    }
    println!("| group | pair | hewal stems | Lucene stems | right |");
    for d in &diffs {
        println!("{d}");
    }

    (h_ok, l_ok)
}

#[test]
fn compare_with_lucene() {
    let (h, l) = compare("stems.tsv", STEMS);
    assert!(h > l, "hewal should beat Lucene on its own test set");
    let (h, l) = compare("heldout.tsv", HELDOUT);
    assert!(h > l, "hewal should beat Lucene on the held-out set");
    let lu = lucene();
    let mut a = stemmed_analyzer();
    let (mut nt, mut nh, mut nl) = (0, 0, 0);
    for r in rows(NO_CONFLATE) {
        let (x, y) = (r[0], r[1]);
        nt += 1;
        nh += (terms(&mut a, x) != terms(&mut a, y)) as usize;
        let (lx, ly) = (lu.stem[x], lu.stem[y]);
        if lx != ly {
            nl += 1;
        } else {
            println!("Lucene conflates {x} / {y} -> {lx}");
        }
    }
    println!("no_conflate.tsv kept apart: hewal {nh}/{nt}, Lucene {nl}/{nt}");
}

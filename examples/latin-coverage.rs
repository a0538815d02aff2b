//! How many Sorani words spelled in Kurdish Latin by people meet an
//! Arabic-script word through hewal's Latin keys (issue 19): a check of the
//! romaniser's rules against spellings it did not make, at the size of a
//! lexicon.
//!
//!   python3 -m venv /tmp/klptenv && /tmp/klptenv/bin/pip install klpt==0.1.7
//!   cargo run --release --example latin-coverage -- /tmp/klptenv/lib/python3.*/site-packages/klpt/data
//!
//! KLPT 0.1.7 (Kurdish Language Processing Toolkit, Sina Ahmadi, CC BY-SA
//! 4.0) has two Sorani lexicons, one in Arabic script and one in Latin
//! script, annotated by hand from FreeDict and the Kurdish Wiktionary. They
//! are not aligned entry by entry, so this counts the Latin entries (one
//! word each) whose key is the key of some Arabic-script entry. A key that
//! meets no entry is a spelling rule gap, or a word the other lexicon lacks;
//! the misses are printed for reading.

use hewal::search::analyzer::{normalize, romanize};
use std::collections::{HashMap, HashSet};

/// The one-word entries of a KLPT lexicon of at least `min` letters.
fn lexicon(path: &std::path::Path, min: usize) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let words = v["Lexicon"].as_object().expect("a Lexicon object");
    words.keys().filter(|w| !w.contains(['-', ' ']) && w.chars().count() >= min).cloned().collect()
}

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: latin-coverage KLPT_DATA_DIR"));
    let arabic = lexicon(&dir.join("lexicon_ckb_arab.json"), 1);
    let latin = lexicon(&dir.join("lexicon_ckb_latn.json"), 3);
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for k in arabic.iter().filter_map(|w| romanize::arabic_key(&normalize(w))) {
        *by_key.entry(k).or_default() += 1;
    }
    let keys: HashSet<&String> = by_key.keys().collect();
    let mut sharing = 0;
    let mut met = 0;
    let mut misses = Vec::new();
    for w in &latin {
        match romanize::latin_key(w) {
            Some(k) if keys.contains(&k) => {
                met += 1;
                sharing += by_key[&k];
            }
            k => misses.push(format!("{w} ({})", k.unwrap_or_default())),
        }
    }
    let pct = 100.0 * met as f64 / latin.len() as f64;
    println!("{} Arabic-script entries, {} distinct keys", arabic.len(), keys.len());
    println!("{} Latin entries: {met} meet an Arabic-script entry's key ({pct:.1} %)", latin.len());
    // How much a key merges: a Latin word that meets many entries is found
    // among them, and ranking (the reading as written) must pick.
    println!("Arabic-script entries per key met: {:.2} on average", sharing as f64 / met.max(1) as f64);
    let step = (misses.len() / 60).max(1);
    println!("every {step}th miss: {}", misses.iter().step_by(step).cloned().collect::<Vec<_>>().join(", "));
}

//! Regression test for the retrieval evaluation (issues 7 and 19,
//! docs/SEARCH_EVAL.md): a small fixed query set over the bundled samples
//! plus a small generated corpus, through the same path as the TUI and
//! `hewal search`. The full comparison with Lucene is
//! `cargo run --release --example search-eval -- --lucene`.

#[path = "../examples/eval/mod.rs"]
mod eval;
#[path = "../examples/gen/mod.rs"]
mod gen;

/// Generated articles added to the samples.
const GEN: u64 = 300;
const PER_KIND: usize = 15;
const SEED: u64 = 7;

#[test]
fn every_kind_reaches_the_goal() {
    let docs = eval::corpus(GEN, SEED);
    let queries = eval::build_queries(&docs, PER_KIND, SEED, false);
    let answers = eval::run_hewal(&docs, &queries);
    let table = eval::Table::new(&queries, &[&answers]);
    println!("{}", table.render(&["hewal"]));
    let mut failures = String::new();
    for (q, a) in queries.iter().zip(&answers) {
        if !q.succeeded(a) {
            failures += &format!("  kind {} {:?} want {:?} got {:?} ({})\n", q.kind, q.text, q.wanted, a.ids, q.note);
        }
    }
    println!("failures:\n{failures}");
    for k in 0..eval::KINDS.len() {
        assert_eq!(table.n[k], PER_KIND, "kind {} has too few queries", k + 1);
        let pct = table.pct(0, Some(k));
        assert!(pct >= 90.0, "kind {} {}: {pct:.1} % < 90 %\n{failures}", k + 1, eval::KINDS[k]);
    }
    let all = table.pct(0, None);
    assert!(all >= 97.0, "overall {all:.1} % < 97 %\n{failures}");
}

#[test]
fn the_query_set_is_deterministic_and_follows_its_rules() {
    let docs = eval::corpus(50, SEED);
    let a = eval::build_queries(&docs, 5, SEED, false);
    let b = eval::build_queries(&docs, 5, SEED, false);
    assert_eq!(eval::queries_tsv(&a), eval::queries_tsv(&b));
    for q in &a {
        match q.kind {
            4 => assert!(!q.text.ends_with(' '), "{q:?}"),
            7 => assert!(q.wanted.is_none(), "{q:?}"),
            _ => assert!(q.wanted.is_some(), "{q:?}"),
        }
    }
}

#[test]
fn words_and_fold_ignore_keyboard_differences() {
    assert_eq!(eval::words("GitHubی و ٢٠٢٥دا،ده‌وڵه‌ت"), ["GitHub", "ی", "و", "٢٠٢٥", "دا", "ده‌وڵه‌ت"]);
    assert_eq!(eval::fold("ده‌وڵه‌ت"), eval::fold("دەوڵەت"));
    assert_eq!(eval::fold("كوردستاني"), eval::fold("کوردستانی"));
    assert_eq!(eval::fold("۲۰۲۵"), "2025");
}

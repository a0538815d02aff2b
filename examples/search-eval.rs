//! The seven-kinds retrieval evaluation of issue 7: hewal, and optionally
//! Lucene's SoraniAnalyzer, on the same corpus and queries.
//!
//! ```text
//! cargo run --release --example search-eval -- [--gen 5000] [--seed 1] [--per-kind 60]
//!     [--out target/search-eval] [--lucene] [--failures 40]
//! ```
//!
//! Writes `corpus.tsv` and `queries.tsv` to the output directory, runs the
//! queries through hewal (store → index → `SearchIndex::search`, the path of
//! the TUI and `hewal search`), with `--lucene` also through
//! `tools/lucene-compare/eval.sh` (Java, Debian's Lucene 8.7 jars), and
//! prints the per-kind table and hewal's failures. See docs/SEARCH_EVAL.md.

mod eval;
mod gen;

use clap::Parser;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(name = "search-eval", about = "Seven-kinds retrieval evaluation, hewal vs Lucene")]
struct Args {
    /// Generated articles added to the samples.
    #[arg(long, default_value_t = 5000)]
    gen: u64,
    /// Seed of the generator and of the query set.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Queries per kind.
    #[arg(long, default_value_t = 60)]
    per_kind: usize,
    /// Where corpus.tsv, queries.tsv and lucene.tsv go.
    #[arg(long, default_value = "target/search-eval")]
    out: PathBuf,
    /// Also run the Lucene side (needs java, javac and the Lucene 8.7 jars).
    #[arg(long)]
    lucene: bool,
    /// Judge distinctive words (kinds 1, 2, 5) by their written form alone:
    /// rare inflections of common words count (a harder diagnostic set).
    #[arg(long)]
    surface_df: bool,
    /// How many of hewal's failures to list (per kind).
    #[arg(long, default_value_t = 40)]
    failures: usize,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let t = Instant::now();
    let docs = eval::corpus(args.gen, args.seed);
    let queries = eval::build_queries(&docs, args.per_kind, args.seed, args.surface_df);
    let from_samples =
        queries.iter().filter(|q| docs.iter().any(|d| d.sample && Some(&d.id) == q.wanted.as_ref())).count();
    eprintln!(
        "search-eval: {} articles ({} samples + {} generated, seed {}), {} queries ({} want a sample article) in {:.1} s",
        docs.len(),
        docs.iter().filter(|d| d.sample).count(),
        args.gen,
        args.seed,
        queries.len(),
        from_samples,
        t.elapsed().as_secs_f64()
    );
    std::fs::create_dir_all(&args.out)?;
    let corpus = args.out.join("corpus.tsv");
    let qfile = args.out.join("queries.tsv");
    std::fs::write(&corpus, eval::corpus_tsv(&docs))?;
    std::fs::write(&qfile, eval::queries_tsv(&queries))?;

    let t = Instant::now();
    let hewal = eval::run_hewal(&docs, &queries);
    eprintln!("search-eval: hewal indexed and answered in {:.1} s", t.elapsed().as_secs_f64());
    let mut engines: Vec<(&str, Vec<eval::Answer>)> = vec![("hewal", hewal)];
    if args.lucene {
        let t = Instant::now();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/lucene-compare/eval.sh");
        let out = Command::new(script).arg(&corpus).arg(&qfile).output()?;
        if !out.status.success() {
            anyhow::bail!("{script} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let text = String::from_utf8(out.stdout)?;
        std::fs::write(args.out.join("lucene.tsv"), &text)?;
        engines.push(("Lucene 8.7", eval::parse_answers(&text, queries.len())));
        eprintln!("search-eval: Lucene indexed and answered in {:.1} s", t.elapsed().as_secs_f64());
    }

    let answers: Vec<&[eval::Answer]> = engines.iter().map(|(_, a)| a.as_slice()).collect();
    let names: Vec<&str> = engines.iter().map(|(n, _)| *n).collect();
    let table = eval::Table::new(&queries, &answers);
    println!("{}", table.render(&names));

    println!("hewal's failures (query as typed, wanted id, what it got; ⎵ = trailing space):");
    for kind in 1..=eval::KINDS.len() {
        let fails: Vec<usize> =
            (0..queries.len()).filter(|&i| queries[i].kind == kind && !queries[i].succeeded(&answers[0][i])).collect();
        if fails.is_empty() {
            continue;
        }
        println!("\n{} {} ({} failures)", kind, eval::KINDS[kind - 1], fails.len());
        for &i in fails.iter().take(args.failures) {
            let q = &queries[i];
            let a = &answers[0][i];
            let typed = q.text.replace(' ', "⎵");
            let lucene = answers.get(1).map_or(String::new(), |l| {
                if q.succeeded(&l[i]) {
                    " [Lucene: ok]".into()
                } else {
                    " [Lucene: fails too]".into()
                }
            });
            println!(
                "  {typed}  want {}  got {} of {}: {}  ({}){lucene}",
                q.wanted.as_deref().unwrap_or("nothing"),
                a.ids.len(),
                a.total,
                a.ids.join(" "),
                q.note
            );
        }
    }
    Ok(())
}

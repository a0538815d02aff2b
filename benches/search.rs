//! Import and per-keystroke search at scale, on the synthetic Sorani corpus.
//!
//!   cargo bench --bench search                     # 10k and 100k articles
//!   cargo bench --bench search -- 10000,100000,1000000
//!
//! For each size it generates the corpus (examples/gen, seed 1) once into
//! target/bench-data/N/, imports it through the library (the path `hewal
//! import` takes: `jobs::import`, store and index in a pipeline), then types each query of
//! benches/data/queries.txt letter by letter and times, per keystroke, what
//! the TUI does: the answer that updates the list (the search on the worker,
//! first screens, `jobs::search::answer_first`, plus the 32 visible rows the UI then reads from
//! the store), and separately
//! the snippets that follow it (24 rows, a tall screen's worth; `jobs::search::snippets`), and the
//! rest of the answer (every hit up to 10,000 and the exact count,
//! `jobs::search::answer_rest`; zero when the first answer was complete).
//! The first answer is sought on two threads at a million articles (see
//! `PreparedQuery::first`), the rest on one. Prints one table; "cpu" is the
//! on-CPU time of the keystroke, every thread counted (what it costs when the
//! machine is shared and wall time includes waiting).
//! A size already imported is reused (delete target/bench-data to redo it).
//!
//! For profiling: `HEWAL_BENCH_ONLY=text` keeps the queries that contain
//! `text`, `HEWAL_BENCH_FIRST_ONLY=1` times the first answer alone (no
//! snippets, no rest), and `HEWAL_BENCH_SLOWEST=N` prints the N slowest
//! keystrokes (16 when N is not a number). The first answer holds 32 hits,
//! what the TUI asks for at 120×35 (two screens of 16 rows);
//! `HEWAL_BENCH_FIRST_HITS=N` asks for N.

#[path = "../examples/gen/mod.rs"]
#[allow(unused_imports)]
mod gen;

use hewal::jobs::search::{answer_first, answer_rest, snippets, SearchRequest};
use hewal::search::SearchIndex;
use hewal::store::Store;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .find(|a| !a.is_empty() && a.chars().all(|c| c.is_ascii_digit() || c == ','))
        .map(|a| a.split(',').map(|n| n.parse().unwrap()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let queries: Vec<String> =
        include_str!("data/queries.txt").lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect();
    // For profiling: only the queries that contain this, and only the first
    // answer (no snippets, no rest).
    let only = std::env::var("HEWAL_BENCH_ONLY").unwrap_or_default();
    let first_only = std::env::var_os("HEWAL_BENCH_FIRST_ONLY").is_some();
    let queries: Vec<String> = queries.into_iter().filter(|q| q.contains(only.as_str())).collect();
    let first_hits = std::env::var("HEWAL_BENCH_FIRST_HITS").map_or(32, |n| n.parse().unwrap());
    println!(
        "{:>9} {:>9} {:>10} {:>9} {:>9} {:>8} {:>6} {:>9} {:>9} {:>9} {:>11} {:>11} {:>11} {:>11} {:>10} {:>10}",
        "articles",
        "corpus MB",
        "import/s",
        "db MB",
        "index MB",
        "rss MB",
        "keys",
        "p50 ms",
        "p99 ms",
        "max ms",
        "snip p50 ms",
        "snip p99 ms",
        "rest p50 ms",
        "rest p99 ms",
        "cpu p50 ms",
        "cpu p99 ms"
    );
    for n in sizes {
        let dir = root.join(n.to_string());
        let (rate, rss) = prepare(&dir, n);
        let store = Store::open(&dir.join("hewal.db")).unwrap();
        let (mut index, _) = SearchIndex::open(&dir.join("index")).unwrap();
        index.sync(&store, &mut |_, _| {}).unwrap();
        let mut times = Vec::new();
        let mut slowest: Vec<(Duration, String)> = Vec::new();
        let mut snippet_times = Vec::new();
        let mut rest_times = Vec::new();
        let mut cpu_times = Vec::new();
        let mut generation = 0;
        for q in &queries {
            let mut typed = String::new();
            for c in q.chars() {
                typed.push(c);
                if typed.trim().is_empty() {
                    continue;
                }
                generation += 1;
                let req = SearchRequest { generation, query: typed.clone(), first_hits, ..Default::default() };
                let (t, cpu) = (Instant::now(), cpu_ns());
                let (resp, rest) = answer_first(&index, &req).unwrap();
                // The rows the list shows first, as the UI reads them.
                let first: Vec<_> = resp.hits.iter().take(32).copied().collect();
                std::hint::black_box(store.summaries(&first).unwrap());
                times.push(t.elapsed());
                let on_cpu = Duration::from_nanos(cpu_ns().saturating_sub(cpu));
                cpu_times.push(on_cpu);
                slowest.push((on_cpu, typed.clone()));
                if first_only {
                    continue;
                }
                let keys: Vec<_> = resp.hits.iter().take(24).copied().collect();
                let t = Instant::now();
                std::hint::black_box(snippets(&store, &resp.matcher, &keys, &|| false));
                snippet_times.push(t.elapsed());
                let t = Instant::now();
                if let Some((prepared, first)) = rest {
                    std::hint::black_box(answer_rest(&prepared, &first, &|| false).unwrap());
                }
                rest_times.push(t.elapsed());
            }
        }
        times.sort();
        slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
        if let Ok(n) = std::env::var("HEWAL_BENCH_SLOWEST") {
            for (d, q) in slowest.iter().take(n.parse().unwrap_or(16)) {
                eprintln!("slow (on CPU): {:>8.2} ms  {q:?}", d.as_secs_f64() * 1000.0);
            }
        }
        snippet_times.push(Duration::ZERO);
        rest_times.push(Duration::ZERO);
        snippet_times.sort();
        rest_times.sort();
        cpu_times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let pct = |v: &[Duration], p: f64| ms(v[((v.len() - 1) as f64 * p).round() as usize]);
        println!(
            "{:>9} {:>9.0} {:>10} {:>9.0} {:>9.0} {:>8} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>11.2} {:>11.2} {:>11.2} {:>11.2} {:>10.2} {:>10.2}",
            n,
            size_mb(&dir.join("corpus.jsonl")),
            rate.map_or("(reused)".into(), |r| format!("{r:.0}")),
            size_mb(&dir.join("hewal.db")),
            size_mb(&dir.join("index")),
            rss.map_or("-".into(), |r| format!("{r:.0}")),
            times.len(),
            pct(&times, 0.5),
            pct(&times, 0.99),
            ms(*times.last().unwrap()),
            pct(&snippet_times, 0.5),
            pct(&snippet_times, 0.99),
            pct(&rest_times, 0.5),
            pct(&rest_times, 0.99),
            pct(&cpu_times, 0.5),
            pct(&cpu_times, 0.99),
        );
    }
}

/// Generate and import N articles into `dir` unless already there. Returns
/// the end-to-end import rate (articles/s, parse + store + index) and the
/// peak RSS of this process after it.
fn prepare(dir: &Path, n: usize) -> (Option<f64>, Option<f64>) {
    let db = dir.join("hewal.db");
    if db.exists() && Store::open(&db).unwrap().count().unwrap() == n as u64 && dir.join("index/meta.json").exists() {
        return (None, None);
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let corpus = dir.join("corpus.jsonl");
    {
        let model = gen::Model::new();
        let file = std::fs::File::create(&corpus).unwrap();
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        let opts = gen::Options { count: n as u64, seed: 1, threads: 2 };
        gen::generate(&model, &opts, &mut w).unwrap();
    }
    let start = Instant::now();
    let mut store = Store::open(&db).unwrap();
    let outcome =
        hewal::jobs::import::import(&mut store, &dir.join("index"), std::slice::from_ref(&corpus), &|_, _| {}).unwrap();
    let report = outcome.report;
    assert_eq!(report.inserted, n, "{:?}", report.issues.first());
    assert_eq!(outcome.indexed.unwrap(), n as u64);
    let secs = start.elapsed().as_secs_f64();
    (Some(n as f64 / secs), peak_rss_mb())
}

fn size_mb(p: &Path) -> f64 {
    fn walk(p: &Path) -> u64 {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => std::fs::read_dir(p).unwrap().filter_map(|e| e.ok()).map(|e| walk(&e.path())).sum(),
            Ok(m) => m.len(),
            Err(_) => 0,
        }
    }
    walk(p) as f64 / 1e6
}

fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Time the process has spent on a CPU, in nanoseconds, every thread
/// counted (the first screens of a large index are sought on two); 0 where
/// unavailable. On a shared machine the wall-clock figures include waiting
/// for a core; this does not.
fn cpu_ns() -> u64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } != 0 {
        return 0;
    }
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

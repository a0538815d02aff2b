//! A kill (SIGKILL, no chance to clean up) in the middle of an import loses
//! nothing already committed, and running the same import again completes it
//! with no duplicates, index included.

mod util;

use std::time::{Duration, Instant};
use util::{json_lines, ok, Dir};

const N: usize = 30_000;

#[test]
fn killed_import_resumes_without_duplicates() {
    let d = Dir::new();
    let mut jsonl = String::new();
    for i in 0..N {
        jsonl.push_str(&util::article(
            &format!("art-{i}"),
            &format!("ڕاپۆرتی ژمارە {i}"),
            &format!("دەقی ڕاپۆرتی {i} لەسەر هەولێر و سلێمانی. word{i}"),
            "2025-01-01T00:00:00Z",
        ));
        jsonl.push('\n');
    }
    let f = d.create("big.jsonl", &jsonl);
    let db = d.data().join("hewal.db");

    // Kill it once some batches are committed and before it is done.
    let mut killed_at = None;
    for _attempt in 0..5 {
        let mut child =
            d.command().arg("--data-dir").arg(d.data()).args(["import", f.to_str().unwrap()]).spawn().unwrap();
        let start = Instant::now();
        let stored = loop {
            let n = count(&db);
            if n > 0 || start.elapsed() > Duration::from_secs(60) {
                break n;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        child.kill().unwrap();
        child.wait().unwrap();
        let after = count(&db);
        if stored > 0 && after < N {
            killed_at = Some(after);
            break;
        }
        // It finished before the kill: start over on a fresh library.
        std::fs::remove_dir_all(d.data()).unwrap();
    }
    let killed_at = killed_at.expect("could not interrupt the import in 5 attempts");
    assert!(killed_at > 0 && killed_at < N);
    assert_eq!(killed_at % 512, 0, "only whole batches are ever stored (saw {killed_at})");

    // Run again: it completes, adds only what was missing.
    let o = d.hewal(&["import", f.to_str().unwrap()]);
    ok(&o);
    let err = util::stderr(&o);
    assert!(err.contains(&format!("imported {} new article(s), {killed_at} already", N - killed_at)), "{err}");
    let listed = json_lines(&ok(&d.hewal(&["list", "--json"])));
    assert_eq!(listed.len(), N);
    let mut ids: Vec<_> = listed.iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), N, "no duplicates");
    // The index caught up too: the first and the last articles are found.
    for w in ["word0 ", &format!("word{} ", N - 1)] {
        assert_eq!(json_lines(&ok(&d.hewal(&["search", "--json", w]))).len(), 1, "{w}");
    }
}

fn count(db: &std::path::Path) -> usize {
    if !db.exists() {
        return 0;
    }
    let Ok(conn) = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)).unwrap_or(0) as usize
}

//! The index never answers wrong: it knows which database it was built
//! from, a rebuild replaces it only when complete, a bad row is never
//! fatal, and an index that was simply never committed is not "another
//! version".

mod util;

use util::{article, json_lines, ok, stderr, Dir};

fn jsonl(dir: &Dir, name: &str, tag: &str, n: usize) -> String {
    let lines: Vec<String> = (0..n)
        .map(|i| {
            article(
                &format!("{tag}-{i}"),
                &format!("{tag} title {i}"),
                &format!("{tag}word body {i}"),
                "2025-01-01T00:00:00Z",
            )
        })
        .collect();
    dir.create(name, lines.join("\n")).to_str().unwrap().to_owned()
}

fn titles(dir: &Dir, query: &str) -> Vec<String> {
    let out = ok(&dir.hewal(&["search", "--json", "--limit", "100", query]));
    let mut t: Vec<String> = json_lines(&out).iter().map(|v| v["title"].as_str().unwrap().to_owned()).collect();
    t.sort();
    t
}

#[test]
fn a_database_restored_from_a_backup_gets_its_index_rebuilt() {
    let d = Dir::new();
    ok(&d.hewal(&["import", &jsonl(&d, "a.jsonl", "alpha", 5)]));
    let db = d.data().join("hewal.db");
    let backup = d.path().join("backup.db");
    std::fs::copy(&db, &backup).unwrap();
    ok(&d.hewal(&["import", &jsonl(&d, "b.jsonl", "beta", 5)]));
    // Restore the older database: its next keys are the ones the index
    // gave to the beta articles.
    std::fs::copy(&backup, &db).unwrap();
    ok(&d.hewal(&["import", &jsonl(&d, "c.jsonl", "gamma", 5)]));
    assert!(titles(&d, "betaword").is_empty(), "articles the database no longer has were found");
    assert_eq!(titles(&d, "gammaword").len(), 5);
    assert_eq!(titles(&d, "alphaword").len(), 5);
}

#[test]
fn an_index_from_another_library_is_not_trusted() {
    let (a, b) = (Dir::new(), Dir::new());
    ok(&a.hewal(&["import", &jsonl(&a, "a.jsonl", "alpha", 4)]));
    ok(&b.hewal(&["import", &jsonl(&b, "b.jsonl", "beta", 4)]));
    // Library B gets library A's index (a copied data dir, a mix-up).
    let (from, to) = (a.data().join("index"), b.data().join("index"));
    std::fs::remove_dir_all(&to).unwrap();
    std::fs::create_dir_all(&to).unwrap();
    for f in std::fs::read_dir(&from).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
    }
    assert!(titles(&b, "alphaword").is_empty());
    assert_eq!(titles(&b, "betaword").len(), 4);
}

#[test]
fn reindex_reads_a_row_with_broken_text_and_keeps_searching() {
    let d = Dir::new();
    ok(&d.hewal(&["import", &jsonl(&d, "a.jsonl", "alpha", 3)]));
    // Another program wrote bytes that are not UTF-8 into a body.
    let conn = rusqlite::Connection::open(d.data().join("hewal.db")).unwrap();
    let bad: &[u8] = b"alphaword \xff\xfe broken";
    conn.execute("UPDATE articles SET body = CAST(?1 AS TEXT), change_seq = 100 WHERE id = 'alpha-1'", [bad]).unwrap();
    conn.execute("UPDATE meta SET value = 100 WHERE name = 'change_seq'", []).unwrap();
    drop(conn);
    let o = d.hewal(&["reindex"]);
    ok(&o);
    assert!(stderr(&o).contains("indexed 3 article(s)"), "{}", stderr(&o));
    assert_eq!(titles(&d, "alphaword").len(), 3);
    assert_eq!(titles(&d, "broken"), ["alpha title 1"]);
    ok(&d.hewal(&["list"]));
}

#[test]
fn an_index_never_committed_is_not_called_another_version() {
    let d = Dir::new();
    ok(&d.hewal(&["import", &jsonl(&d, "a.jsonl", "alpha", 2)]));
    // As a first import killed before its first commit leaves it.
    std::fs::remove_dir_all(d.data().join("index")).unwrap();
    let (index, _) = hewal::search::SearchIndex::open(&d.data().join("index")).unwrap();
    drop(index);
    let o = d.hewal(&["search", "alphaword"]);
    ok(&o);
    assert!(!stderr(&o).contains("another version"), "{}", stderr(&o));
    assert_eq!(titles(&d, "alphaword").len(), 2);
}

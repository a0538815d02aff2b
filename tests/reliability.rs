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

/// Run `script` with `sh` in a mount namespace of its own (where it may
/// mount a tmpfs or a read-only bind), with `d` as home and messages in
/// English. `None`, the reason printed, where that cannot be done here: no
/// `unshare`, or the script exits 77 or 78 (its mounts could not be made).
fn in_mount_namespace(d: &Dir, script: &str) -> Option<std::process::Output> {
    let run = std::process::Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .env("HOME", d.path())
        .env("HEWAL_LANG", "en")
        .output();
    match run {
        Ok(o) if matches!(o.status.code(), Some(77 | 78)) => {
            eprintln!("skipped: cannot make the mounts here: {}", stderr(&o));
            None
        }
        Ok(o) => Some(o),
        Err(e) => {
            eprintln!("skipped: no unshare: {e}");
            None
        }
    }
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
    // A backup is the database with its write-ahead log, if one is left
    // (a process that has just exited may not have folded it in yet), and
    // a restore puts back both, dropping the newer log.
    let files = |dir: &std::path::Path| ["hewal.db", "hewal.db-wal"].map(|f| dir.join(f));
    let backup_dir = d.path().join("backup");
    std::fs::create_dir_all(&backup_dir).unwrap();
    for (from, to) in files(&d.data()).iter().zip(files(&backup_dir)) {
        if from.exists() {
            std::fs::copy(from, to).unwrap();
        }
    }
    ok(&d.hewal(&["import", &jsonl(&d, "b.jsonl", "beta", 5)]));
    // Restore the older database: its next keys are the ones the index
    // gave to the beta articles.
    for f in ["hewal.db-wal", "hewal.db-shm"] {
        let _ = std::fs::remove_file(d.data().join(f));
    }
    for (from, to) in files(&backup_dir).iter().zip(files(&d.data())) {
        if from.exists() {
            std::fs::copy(from, to).unwrap();
        }
    }
    ok(&d.hewal(&["import", &jsonl(&d, "c.jsonl", "gamma", 5)]));
    assert!(titles(&d, "betaword").is_empty(), "articles the database no longer has were found");
    assert_eq!(titles(&d, "gammaword").len(), 5);
    assert_eq!(titles(&d, "alphaword").len(), 5);
}

/// The same restore, but the database is written again before any hewal
/// looks at the index (another program, or a writer that won the race):
/// the change sequence reaches the index's again, with other rows. The
/// row the index last took is not the one the store has there, so the
/// index is rebuilt and never answers with the lost articles.
#[test]
fn a_restored_database_written_back_to_the_same_sequence_is_caught() {
    let d = Dir::new();
    ok(&d.hewal(&["import", &jsonl(&d, "a.jsonl", "alpha", 5)]));
    let db = d.data().join("hewal.db");
    let backup = d.path().join("backup.db");
    std::fs::copy(&db, &backup).unwrap();
    ok(&d.hewal(&["import", &jsonl(&d, "b.jsonl", "beta", 5)]));
    for f in ["hewal.db-wal", "hewal.db-shm"] {
        let _ = std::fs::remove_file(d.data().join(f));
    }
    std::fs::copy(&backup, &db).unwrap();
    let mut store = hewal::store::Store::open(&db).unwrap();
    let gamma: Vec<hewal::store::NewArticle> = (1..=5)
        .map(|i| hewal::store::NewArticle {
            id: format!("gamma-{i}"),
            title: format!("gammaword {i}"),
            body: "gammaword".into(),
            ..Default::default()
        })
        .collect();
    store.insert_batch(&gamma, 0).unwrap();
    drop(store);
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

/// Garble 32 bytes at `at` (a fraction of the length) of every file of the
/// index whose name ends with one of `exts` (all but the metadata if none).
fn garble(index: &std::path::Path, exts: &[&str], at: f64) {
    for f in std::fs::read_dir(index).unwrap() {
        let f = f.unwrap().path();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".json")
            || name.starts_with('.')
            || !(exts.is_empty() || exts.iter().any(|e| name.ends_with(e)))
        {
            continue;
        }
        let mut bytes = std::fs::read(&f).unwrap();
        if bytes.len() < 64 {
            continue;
        }
        let mid = ((bytes.len() as f64 * at) as usize).clamp(16, bytes.len() - 16);
        for b in &mut bytes[mid - 16..mid + 16] {
            *b ^= 0x5A;
        }
        std::fs::write(&f, bytes).unwrap();
    }
}

fn garble_index(index: &std::path::Path) {
    garble(index, &[], 0.5);
}

/// Damage is noticed, when the index is opened or by the worker's checksum
/// check, and mended by a rebuild: the answers after it are right.
#[test]
fn a_garbled_index_is_noticed_and_rebuilt() {
    use hewal::jobs::search::{Request, SearchJob, SearchRequest};
    use hewal::jobs::Notification;
    let mut by_checksum = 0;
    for (exts, at) in [(&[][..], 0.5), (&[".idx", ".pos"][..], 0.3), (&[".store"][..], 0.6), (&[".term"][..], 0.2)] {
        let d = Dir::new();
        ok(&d.hewal(&["import", &jsonl(&d, "a.jsonl", "alpha", 300)]));
        garble(&d.data().join("index"), exts, at);
        let (mut job, note) = SearchJob::open(&d.data().join("hewal.db"), &d.data().join("index")).unwrap();
        let bad = job.index().checksum_check()().unwrap();
        assert!(note.is_some() || !bad.is_empty(), "{exts:?}: the damage went unnoticed");
        by_checksum += usize::from(note.is_none());
        let mut notes = Vec::new();
        let mut listen = |n| {
            notes.push(n);
            true
        };
        assert!(job.checked(Some(Ok(bad.clone())), &mut listen));
        assert!(job.sync(&mut listen));
        if !bad.is_empty() {
            let rebuilt =
                |n: &Notification| matches!(n, Notification::Ready { note: Some(m), .. } if m.contains("rebuilt"));
            assert!(notes.iter().any(rebuilt), "{exts:?}: {notes:?}");
            // The same answer arriving late (the files it names are gone):
            // no second rebuild.
            let mut again = Vec::new();
            assert!(job.checked(Some(Ok(bad.clone())), &mut |n| {
                again.push(n);
                true
            }));
            assert!(again.is_empty(), "{exts:?}: rebuilt again for files already replaced: {again:?}");
        }
        let mut total = None;
        let req = Request::Search(SearchRequest { generation: 1, query: "alphaword".into(), ..Default::default() });
        let mut notify = |n| {
            if let Notification::MoreResults(r) = &n {
                total = Some(r.total);
            }
            true
        };
        job.step(vec![req], &|| false, &mut notify);
        job.finish(&|| false, &mut notify);
        assert_eq!(total, Some(300), "{exts:?}");
    }
    assert!(by_checksum > 0, "every case was caught on opening: the checksum path went untested");
}

/// `hewal search` over a garbled index: right answers (after a rebuild it
/// says it made) or a clear error, never a panic.
#[test]
fn searching_a_garbled_index_never_panics() {
    let d = Dir::new();
    ok(&d.hewal(&["import", &jsonl(&d, "a.jsonl", "alpha", 300)]));
    garble_index(&d.data().join("index"));
    for q in ["alphaword", "alpha title 7", "body"] {
        let o = d.hewal(&["search", "--json", "--limit", "1000", q]);
        assert_ne!(o.status.code(), Some(101), "{q}: panicked: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
}

#[test]
fn import_walks_a_symlink_cycle_once() {
    let d = Dir::new();
    d.create("in/a.jsonl", article("a", "alpha title", "alphaword", "2025-01-01T00:00:00Z"));
    std::os::unix::fs::symlink("..", d.path().join("in/up")).unwrap();
    std::os::unix::fs::symlink(".", d.path().join("in/here")).unwrap();
    let mut child = d
        .command()
        .arg("--data-dir")
        .arg(d.data())
        .args(["import", d.path().join("in").to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("import of a symlink cycle did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("imported 1 new article(s)"), "{}", stderr(&out));
}

#[test]
fn a_byte_order_mark_at_the_start_of_json_lines_loses_nothing() {
    let d = Dir::new();
    let text = format!(
        "\u{feff}{}\n{}",
        article("a", "first", "alphaword one", "2025-01-01T00:00:00Z"),
        article("b", "second", "alphaword two", "2025-01-02T00:00:00Z")
    );
    let f = d.create("bom.jsonl", text);
    let o = d.hewal(&["import", f.to_str().unwrap()]);
    ok(&o);
    assert!(stderr(&o).contains("imported 2 new article(s)"), "{}", stderr(&o));
}

/// "Damaged" is said of a file that is not a database, and only then: an
/// empty file is a new library.
#[test]
fn only_a_damaged_database_is_called_damaged() {
    let d = Dir::new();
    std::fs::create_dir_all(d.data()).unwrap();
    std::fs::write(d.data().join("hewal.db"), b"").unwrap();
    let o = d.hewal(&["list"]);
    ok(&o);
    assert!(!stderr(&o).contains("damaged"), "{}", stderr(&o));
    std::fs::write(d.data().join("hewal.db"), "this is not a database ".repeat(200)).unwrap();
    let o = d.hewal(&["list"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("is not a hewal database or is damaged"), "{}", stderr(&o));
}

/// A path (or URL, or config line) the user typed, echoed in a message,
/// reaches the terminal with its escape sequences inert.
#[test]
fn messages_echo_what_the_user_typed_without_its_escapes() {
    let d = Dir::new();
    let o = d.hewal(&["import", "missing\u{1b}]52;c;aGk=\u{7}\u{1b}[2J.jsonl"]);
    let err = stderr(&o);
    assert!(err.contains("missing]52;c;aGk=[2J.jsonl"), "{err}");
    assert!(!err.chars().any(|c| c == '\u{1b}' || c == '\u{7}'), "{err:?}");
}

/// `hewal list` and `hewal search` on a library that is not there yet
/// create nothing and say how to start one.
#[test]
fn read_commands_create_nothing() {
    let d = Dir::new();
    for args in [&["list"][..], &["search", "x"][..]] {
        let o = d.hewal(args);
        ok(&o);
        assert!(stderr(&o).contains("there is no library"), "{}", stderr(&o));
        assert!(!d.data().exists(), "{args:?} created {}", d.data().display());
    }
}

/// A library on a read-only filesystem (a read-only bind mount, in a mount
/// namespace of its own) is listed and searched; nothing is called damaged.
#[test]
fn a_library_on_read_only_media_is_read() {
    let d = Dir::new();
    ok(&d.hewal(&["import", &jsonl(&d, "a.jsonl", "alpha", 5)]));
    let data = d.data();
    let hewal = env!("CARGO_BIN_EXE_hewal");
    let script = format!(
        "mount --bind '{data}' '{data}' && mount -o remount,bind,ro '{data}' || exit 77
         touch '{data}/probe' 2>/dev/null && exit 78
         '{hewal}' --data-dir '{data}' list --json > '{out}/list' || exit 1
         '{hewal}' --data-dir '{data}' search --json alphaword > '{out}/search' || exit 2",
        data = data.display(),
        out = d.path().display()
    );
    let Some(o) = in_mount_namespace(&d, &script) else { return };
    assert!(o.status.success(), "{:?}: {}", o.status, stderr(&o));
    assert!(!stderr(&o).contains("damaged"), "{}", stderr(&o));
    let read = |name| std::fs::read_to_string(d.path().join(name)).unwrap();
    assert_eq!(read("list").lines().count(), 5);
    assert_eq!(read("search").lines().count(), 5);
}

/// A full disk stops an import with one clear message; what was stored is
/// kept, and the same import finishes once there is room again.
#[test]
fn a_full_disk_stops_an_import_clearly_and_it_resumes_with_room() {
    let d = Dir::new();
    let input = jsonl(&d, "big.jsonl", "alpha", 20_000);
    let hewal = env!("CARGO_BIN_EXE_hewal");
    let disk = d.path().join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let script = format!(
        "mount -t tmpfs -o size=2m tmpfs '{disk}' || exit 77
         '{hewal}' --data-dir '{disk}/data' import '{input}' 2> '{out}/full.err'; echo $? > '{out}/full.code'
         '{hewal}' --data-dir '{disk}/data' list --json > '{out}/kept' 2>/dev/null
         mount -o remount,size=256m '{disk}' || exit 78
         '{hewal}' --data-dir '{disk}/data' import '{input}' 2> '{out}/again.err' || exit 3
         '{hewal}' --data-dir '{disk}/data' list --json > '{out}/all' || exit 4",
        disk = disk.display(),
        out = d.path().display()
    );
    let Some(o) = in_mount_namespace(&d, &script) else { return };
    let read = |name| std::fs::read_to_string(d.path().join(name)).unwrap_or_default();
    assert!(o.status.success(), "{:?}: {} {}", o.status, stderr(&o), read("again.err"));
    assert_ne!(read("full.code").trim(), "0", "the import on a full disk said it succeeded");
    let err = read("full.err");
    assert!(err.contains("disk") && err.contains("full"), "{err}");
    assert!(!err.contains("damaged") && !err.contains("panicked"), "{err}");
    assert_eq!(read("all").lines().count(), 20_000);
    println!("kept after the full disk: {} articles; message: {err}", read("kept").lines().count());
}

/// A disk that fills while the search index is written (here a rebuild,
/// as after an upgrade) gets one message that names the index's disk; the
/// files of the failed rebuild are removed and the old index goes on
/// answering. A disk with no room left at all still reads the library,
/// and says why nothing is saved; once there is room the next run
/// finishes.
#[test]
fn a_full_disk_under_the_index_is_named_and_the_library_still_read() {
    let d = Dir::new();
    let input = jsonl(&d, "many.jsonl", "beta", 20_000);
    let hewal = env!("CARGO_BIN_EXE_hewal");
    let disk = d.path().join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    // The rebuild is left 256 KiB, room to open the database but not for
    // the index (over a megabyte); then nothing at all.
    let script = format!(
        "mount -t tmpfs -o size=64m tmpfs '{disk}' || exit 77
         h() {{ '{hewal}' --data-dir '{disk}/data' \"$@\"; }}
         h import '{input}' >/dev/null || exit 3
         ls '{disk}/data/index' > '{out}/before'
         free=$(df --output=avail -k '{disk}' | tail -1)
         fallocate -l $(( (free - 256) * 1024 )) '{disk}/filler' || exit 77
         h reindex 2> '{out}/index.err'; echo $? > '{out}/index.code'
         ls '{disk}/data/index' > '{out}/after'
         h search --json --limit 50000 betaword > '{out}/old' || exit 4
         free=$(df --output=avail -k '{disk}' | tail -1)
         fallocate -l $(( free * 1024 )) '{disk}/filler2' || exit 77
         h search --json --limit 50000 betaword > '{out}/full' 2> '{out}/full.err' || exit 5
         h import '{input}' 2> '{out}/import.err'; echo $? > '{out}/import.code'
         rm '{disk}/filler' '{disk}/filler2'
         h reindex > /dev/null || exit 6
         h search --json --limit 50000 betaword > '{out}/new' || exit 7
         ls '{disk}/data/index' > '{out}/last'
         cp '{disk}/data/index/meta.json' '{out}/meta.json'",
        disk = disk.display(),
        out = d.path().display()
    );
    let Some(o) = in_mount_namespace(&d, &script) else { return };
    let read = |name| std::fs::read_to_string(d.path().join(name)).unwrap_or_default();
    assert!(o.status.success(), "{:?}: {} {} {}", o.status, stderr(&o), read("index.err"), read("full.err"));
    assert_ne!(read("index.code").trim(), "0", "the rebuild on a full disk said it succeeded");
    let err = read("index.err");
    assert!(err.contains("disk holding the search index") && err.contains("full"), "{err}");
    assert!(!err.contains("thread") && !err.contains("os error"), "tantivy's own words reached the user: {err}");
    // The files of the segments being written are removed. A second
    // worker thread may still finish the segment it was flushing after
    // that (tantivy lets it run on): at most one, collected by the next run.
    let segments = |files: &str| -> std::collections::BTreeSet<String> {
        files.lines().filter(|f| f.len() > 32 && !f.starts_with('.')).map(|f| f[..32].to_owned()).collect()
    };
    let (before, after) = (segments(&read("before")), segments(&read("after")));
    assert!(before.is_subset(&after), "the old index lost files: {before:?} {after:?}");
    assert!(after.len() <= before.len() + 1, "the failed rebuild left files behind: {before:?} {after:?}");
    assert_eq!(read("old").lines().count(), 20_000, "the old index stopped answering");
    // No room at all: read as it is, and told why.
    assert_eq!(read("full").lines().count(), 20_000);
    assert!(read("full.err").contains("disk holding the library is full"), "{}", read("full.err"));
    assert_ne!(read("import.code").trim(), "0");
    assert!(read("import.err").contains("disk holding the library is full"), "{}", read("import.err"));
    assert_eq!(read("new").lines().count(), 20_000);
    // Once a run succeeds, every segment file left is one of the index's.
    let meta: serde_json::Value = serde_json::from_str(&read("meta.json")).unwrap();
    let live: std::collections::BTreeSet<String> = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    assert_eq!(segments(&read("last")), live, "files of no segment were left");
}

/// An index directory that is a symlink to another disk stays one when
/// the index is created or rebuilt there: what it holds is replaced, not
/// the link.
#[test]
fn an_index_kept_elsewhere_through_a_symlink_stays_there() {
    let d = Dir::new();
    let elsewhere = d.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(d.data()).unwrap();
    std::os::unix::fs::symlink(&elsewhere, d.data().join("index")).unwrap();
    let input = jsonl(&d, "a.jsonl", "gamma", 3);
    ok(&d.hewal(&["import", &input]));
    garble_index(&elsewhere);
    assert_eq!(titles(&d, "gammaword").len(), 3);
    ok(&d.hewal(&["reindex"]));
    assert!(d.data().join("index").is_symlink(), "the link was replaced by a directory");
    assert!(elsewhere.join("meta.json").exists());
    assert_eq!(titles(&d, "gammaword").len(), 3);
}

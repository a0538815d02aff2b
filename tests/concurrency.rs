//! Many hewal processes on one library: every one succeeds, nothing is
//! lost, and "damaged" is never said of a healthy database.

mod util;

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use util::{article, ok, stderr, Dir};

/// A JSON Lines file of `n` distinct articles whose ids start with `tag`.
fn corpus(dir: &Dir, tag: &str, n: usize) -> std::path::PathBuf {
    let lines: Vec<String> = (0..n)
        .map(|i| {
            let body = format!("ڕاپۆرتی {tag} ژمارە {i} لەسەر هەولێر و سلێمانی. {}", "وشە ".repeat(40));
            article(&format!("{tag}-{i}"), &format!("{tag} هەواڵ {i}"), &body, "2025-06-01T10:00:00Z")
        })
        .collect();
    dir.create(&format!("{tag}.jsonl"), lines.join("\n"))
}

fn spawn(dir: &Dir, args: &[&str]) -> Child {
    let mut cmd: Command = dir.command();
    cmd.arg("--data-dir").arg(dir.data()).args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.spawn().expect("spawn hewal")
}

fn count(dir: &Dir) -> usize {
    ok(&dir.hewal(&["list", "--json"])).lines().count()
}

#[test]
fn two_imports_into_one_library_both_succeed() {
    let dir = Dir::new();
    ok(&dir.hewal(&["list"])); // an empty library, as a first run leaves it
    let (a, b) = (corpus(&dir, "a", 3000), corpus(&dir, "b", 3000));
    let first = spawn(&dir, &["import", a.to_str().unwrap()]);
    let second = spawn(&dir, &["import", b.to_str().unwrap()]);
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "an import failed: {}", stderr(&out));
        assert!(!stderr(&out).contains("damaged"), "{}", stderr(&out));
    }
    assert_eq!(count(&dir), 6000);
    // Whatever either import left unindexed is caught up: both are found.
    let found = ok(&dir.hewal(&["search", "--json", "--limit", "10000", "ژمارە"]));
    assert_eq!(found.lines().count(), 6000);
}

#[test]
fn an_import_beside_readers_succeeds_and_so_do_they() {
    let dir = Dir::new();
    ok(&dir.hewal(&["import", corpus(&dir, "seed", 50).to_str().unwrap()]));
    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = [&["list"][..], &["search", "هەولێر"][..]]
        .into_iter()
        .map(|args| {
            let (stop, data, root) = (stop.clone(), dir.data(), dir.path().to_owned());
            let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            std::thread::spawn(move || {
                let mut runs = 0;
                while !stop.load(Ordering::Relaxed) || runs == 0 {
                    let out = Command::new(env!("CARGO_BIN_EXE_hewal"))
                        .current_dir(&root)
                        .env("HOME", &root)
                        .arg("--data-dir")
                        .arg(&data)
                        .args(&args)
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "{args:?} failed beside an import: {}", stderr(&out));
                    runs += 1;
                }
                runs
            })
        })
        .collect();
    let import = spawn(&dir, &["import", corpus(&dir, "big", 4000).to_str().unwrap()]);
    let out = import.wait_with_output().unwrap();
    stop.store(true, Ordering::Relaxed);
    assert!(out.status.success(), "the import failed beside readers: {}", stderr(&out));
    for r in readers {
        assert!(r.join().unwrap() > 0);
    }
    assert_eq!(count(&dir), 4050);
}

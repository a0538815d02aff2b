//! Work on hostile input stays bounded: the real binary under a memory
//! limit it must not need to exceed.

use std::io::Write;
use std::process::{Command, Stdio};

/// Run `hewal ARGS | wc -l` under bash with an address-space limit of
/// `limit_mib` MiB (`ulimit -v`): a run that needs more fails to allocate
/// and aborts. Standard output is the number of lines hewal printed.
fn hewal_limited(limit_mib: u64, args: &str) -> std::process::Output {
    let hewal = env!("CARGO_BIN_EXE_hewal");
    let script = format!("set -o pipefail; ulimit -v {} && '{hewal}' {args} | wc -l", limit_mib * 1024);
    Command::new("bash").arg("-c").arg(script).stdin(Stdio::null()).output().unwrap()
}

/// A file of one line of about `mib` MiB of mixed Sorani, English, digits
/// and brackets.
fn one_long_line(path: &std::path::Path, mib: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let words = ["هەولێر", "BBC", "(نوێ)", "١٢.٥٪", "کوردستان", "news"];
    let mut written = 0;
    for w in words.iter().cycle() {
        if written >= mib << 20 {
            break;
        }
        write!(f, "{w} ").unwrap();
        written += w.len() + 1;
    }
    writeln!(f).unwrap();
}

#[test]
fn a_30_mb_line_lays_out_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    // Laid out whole, a 7.4 MB line took 358 MB at width 80 and 1.5 GB at
    // width 1; the input alone is what must be held now.
    for (mib, width, limit) in [(30, 80, 160), (8, 1, 100)] {
        let path = dir.path().join(format!("{mib}.txt"));
        one_long_line(&path, mib);
        let out = hewal_limited(limit, &format!("layout --width {width} '{}'", path.display()));
        assert!(out.status.success(), "{mib} MiB at width {width}: {}", String::from_utf8_lossy(&out.stderr));
        let lines: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
        assert!(lines > (mib << 20) / (width * 8), "{mib} MiB at width {width}: {lines} lines");
    }
}

#[test]
fn a_105_kb_query_is_cut_and_answered_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let input = dir.path().join("a.jsonl");
    let lines: Vec<String> = (0..200)
        .map(|i| format!(r#"{{"id":"{i}","title":"هەواڵ {i}","body":"هەولێر و سلێمانی ژمارە {i}"}}"#))
        .collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let hewal = env!("CARGO_BIN_EXE_hewal");
    let import = Command::new(hewal).arg("--data-dir").arg(&data).arg("import").arg(&input).output().unwrap();
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));
    // 105 KB of words, many distinct: each would be a term to look up.
    let query: String = (0..15_000).map(|i| format!("و{i} ")).collect::<String>() + "هەولێر";
    assert!(query.len() > 100_000);
    let script = format!("ulimit -v {} && '{hewal}' --data-dir '{}' search --json \"$1\"", 300 * 1024, data.display());
    let out = Command::new("bash").args(["-c", &script, "hewal", &query]).env("HEWAL_LANG", "en").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("the query is long"), "{stderr}");
}

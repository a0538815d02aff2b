//! Parse every `.xml` file under a directory as a feed and print, one line
//! each, `path<TAB>entries`, or `ERR message`, or `PANIC message`.
//!
//!   cargo run --release --example feed-probe -- DIR
//!
//! `scripts/feedparser-fixtures.py` runs it over Python feedparser's test
//! fixtures and compares with what feedparser reads.

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: feed-probe DIR");
        std::process::exit(2);
    };
    let root = std::path::PathBuf::from(root);
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let rel = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
        let parsed = hewal::panics::catch_quietly(|| hewal::feeds::parse_feed(&bytes, "http://127.0.0.1/feed.xml"));
        let outcome = match parsed {
            Ok(Ok(feed)) => feed.entries.len().to_string(),
            Ok(Err(e)) => format!("ERR {}", hewal::text::sanitize(&e.to_string())),
            Err(panic) => format!("PANIC {}", hewal::text::sanitize(&panic)),
        };
        println!("{rel}\t{outcome}");
    }
}

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
}

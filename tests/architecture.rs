//! The structure docs/ARCHITECTURE.md promises, checked on the source:
//! no import cycle between top-level modules (nor between the TUI's own
//! modules), no function over 80 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Longest function allowed, from its `fn` line to its closing brace.
const MAX_FN_LINES: usize = 80;

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a line: comments and string contents removed, so a path
/// or a brace in either is not counted.
fn code(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut in_str = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_str => {
                chars.next();
            }
            '"' => in_str = !in_str,
            '/' if !in_str && chars.peek() == Some(&'/') => break,
            // A char literal such as '{' or '"'.
            '\'' if !in_str => {
                let rest: String = chars.clone().take(3).collect();
                let mut it = rest.chars();
                match (it.next(), it.next()) {
                    (Some('\\'), _) => {
                        for c in chars.by_ref() {
                            if c == '\'' {
                                break;
                            }
                        }
                    }
                    (Some(_), Some('\'')) => {
                        chars.next();
                        chars.next();
                    }
                    _ => out.push(c),
                }
            }
            _ if in_str => {}
            _ => out.push(c),
        }
    }
    out
}

/// Which top-level module (or, under `src/tui`, which TUI module) a file
/// belongs to.
fn module_of(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// The modules a file refers to by `prefix::name`.
fn references(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let line = code(line);
        let mut rest = line.as_str();
        while let Some(i) = rest.find(prefix) {
            let after = &rest[i + prefix.len()..];
            let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            // `use crate::{a, b}` groups.
            if name.is_empty() && after.starts_with('{') {
                let group = &after[1..after.find('}').unwrap_or(after.len())];
                for part in group.split(',') {
                    let n: String = part.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !n.is_empty() {
                        out.insert(n);
                    }
                }
            } else if !name.is_empty() {
                out.insert(name);
            }
            rest = &rest[i + prefix.len()..];
        }
    }
    out
}

/// A cycle in `graph`, if there is one, as the path around it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| n == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

/// The dependency graph of the modules under `root`, from references with
/// `prefixes` (and `super::` inside a module's own files for sub-modules).
fn graph(root: &Path, prefixes: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let files = rust_files(root);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f, root)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(file, root);
        let text = std::fs::read_to_string(file).unwrap();
        let mut refs = BTreeSet::new();
        for prefix in prefixes {
            refs.extend(references(&text, prefix));
        }
        // A file directly under `root` names its siblings with `super::`.
        if file.parent() == Some(root) {
            refs.extend(references(&text, "super::"));
        }
        let deps = graph.entry(module.clone()).or_default();
        deps.extend(refs.into_iter().filter(|r| *r != module && modules.contains(r)));
    }
    graph
}

#[test]
fn top_level_modules_have_no_import_cycle() {
    let root = src();
    let mut g = graph(&root, &["crate::"]);
    // lib.rs and main.rs list the modules; they are not modules themselves.
    g.remove("lib");
    g.remove("main");
    assert!(g.len() >= 8, "modules found: {:?}", g.keys());
    if let Some(cycle) = find_cycle(&g) {
        panic!("import cycle between top-level modules: {}", cycle.join(" → "));
    }
}

#[test]
fn tui_modules_have_no_import_cycle() {
    let root = src().join("tui");
    let g = graph(&root, &["crate::tui::", "tui::"]);
    assert!(g.contains_key("app") && g.contains_key("panes"), "{:?}", g.keys());
    if let Some(cycle) = find_cycle(&g) {
        panic!("import cycle inside the TUI: {}", cycle.join(" → "));
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["c".to_owned()])),
        ("c".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]
    .into();
    assert_eq!(find_cycle(&g).unwrap(), ["a", "b", "c", "a"]);
    let refs = references("use crate::{store::Store, text}; let x = crate::jobs::X; // crate::tui", "crate::");
    assert_eq!(refs, BTreeSet::from(["jobs".to_owned(), "store".to_owned(), "text".to_owned()]));
}

/// Every function's length in lines, from its `fn` line to the line of its
/// closing brace (declarations without a body are skipped).
fn function_lengths(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<String> = text.lines().map(code).collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line.find("fn ") else { continue };
        let before = line[..at].trim();
        let is_item = before.is_empty()
            || before
                .split_whitespace()
                .all(|w| matches!(w, "pub" | "const" | "async" | "unsafe" | "extern") || w.starts_with("pub("));
        if !is_item {
            continue;
        }
        let name: String = line[at + 3..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let (mut depth, mut opened) = (0i32, false);
        for (j, l) in lines.iter().enumerate().skip(i) {
            for c in l.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if !opened && l.trim_end().ends_with(';') {
                break;
            }
            if opened && depth <= 0 {
                out.push((name.clone(), i + 1, j - i + 1));
                break;
            }
        }
    }
    out
}

#[test]
fn no_function_is_longer_than_a_screen() {
    let root = src();
    let mut long = Vec::new();
    for file in rust_files(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (name, line, len) in function_lengths(&text) {
            if len > MAX_FN_LINES {
                long.push(format!("{}:{line}: {name} is {len} lines", file.strip_prefix(&root).unwrap().display()));
            }
        }
    }
    assert!(long.is_empty(), "functions over {MAX_FN_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn function_lengths_count_from_fn_to_closing_brace() {
    let text = "fn a() {\n    let s = \"}\";\n    if x { y }\n}\nfn b();\npub(crate) fn c() { }\n";
    assert_eq!(function_lengths(text), vec![("a".to_owned(), 1, 4), ("c".to_owned(), 6, 1)]);
}

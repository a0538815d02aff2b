//! The committed Unicode tables are what their generators print: each
//! generator in tools/ is run on Debian's unicode-data and its output
//! compared byte for byte with the file in src/, so a hand edit (or a
//! generator changed without regenerating) fails here. Skipped, with a
//! note, when python3 or /usr/share/unicode is missing (`.ci/run`
//! installs both).

use std::path::Path;
use std::process::Command;

const UNICODE_DATA: &str = "/usr/share/unicode/UnicodeData.txt";

/// Run `python3 tools/<generator>` from the repository root and compare its
/// standard output with `table`.
fn regenerates(generator: &str, table: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !Path::new(UNICODE_DATA).exists() {
        eprintln!("skipped: {UNICODE_DATA} missing (Debian package unicode-data)");
        return;
    }
    let out = match Command::new("python3").arg(root.join("tools").join(generator)).current_dir(root).output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: cannot run python3: {e}");
            return;
        }
    };
    assert!(out.status.success(), "tools/{generator} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let committed = std::fs::read(root.join(table)).expect("committed table");
    assert!(
        out.stdout == committed,
        "{table} is not what tools/{generator} prints; regenerate it:\n    python3 tools/{generator} > {table}"
    );
}

#[test]
fn text_tables_are_generated() {
    regenerates("gen-text-tables.py", "src/text/tables.rs");
}

#[test]
fn shaping_tables_are_generated() {
    regenerates("gen-shaping-tables.py", "src/text/shape_tables.rs");
}

#[test]
fn presentation_forms_are_generated() {
    regenerates("gen-presentation-forms.py", "src/search/analyzer/presentation_forms.rs");
}

/// The Unicode version a generated table's header names ("UnicodeData 15.0.0").
fn table_version(table: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(table)).expect("committed table");
    let header: String = text.lines().take_while(|l| l.starts_with("//!")).collect();
    let at = header.find("UnicodeData ").unwrap_or_else(|| panic!("{table}: no UnicodeData version in its header"));
    header[at + "UnicodeData ".len()..].split(|c: char| c != '.' && !c.is_ascii_digit()).next().unwrap().to_string()
}

/// The first two lines of a vendored data file, where its version is.
fn vendored_header(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/unicode").join(name);
    let bytes = std::fs::read(&path).expect("vendored data file");
    let mut text = String::new();
    if name.ends_with(".gz") {
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text).expect("valid gzip");
    } else {
        text = String::from_utf8(bytes).expect("UTF-8");
    }
    text.lines().take(2).collect::<Vec<_>>().join("\n")
}

#[test]
fn tables_and_test_data_share_one_unicode_version() {
    let version = table_version("src/text/tables.rs");
    assert_eq!(table_version("src/text/shape_tables.rs"), version);
    assert_eq!(table_version("src/search/analyzer/presentation_forms.rs"), version);
    let std_file = format!("-{version}.txt"); // "# BidiTest-15.0.0.txt"
    let filtered = format!("Unicode {version} "); // PresentationForms.txt, filtered from UnicodeData.txt
    for name in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/unicode")).unwrap() {
        let name = name.unwrap().file_name().into_string().unwrap();
        let header = vendored_header(&name);
        assert!(
            header.contains(&std_file) || header.contains(&filtered),
            "tests/data/unicode/{name} is not Unicode {version}:\n{header}"
        );
    }
}

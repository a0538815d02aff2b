//! The bundled sample library, embedded in the binary so that an installed
//! hewal opens on something readable the first time it runs.

use super::import::{Format, ImportReport, Importer};
use super::{Result, Store};

/// Source name given to the embedded seed articles.
pub const SAMPLE_SOURCE: &str = "hewal sample";

/// (name, format, contents) of every bundled file.
pub const FILES: &[(&str, Format, &str)] = &[
    ("sample-data/000_e5af3db2102c7b3b.txt", Format::Text, include_str!("../../sample-data/000_e5af3db2102c7b3b.txt")),
    ("sample-data/002_748c303270226b28.txt", Format::Text, include_str!("../../sample-data/002_748c303270226b28.txt")),
    ("sample-data/articles.jsonl", Format::JsonLines, include_str!("../../sample-data/articles.jsonl")),
];

/// Import the bundled articles (idempotent, like any import).
pub fn import_samples(store: &mut Store) -> Result<ImportReport> {
    let mut imp = Importer::new(store).with_origin(SAMPLE_SOURCE);
    for (name, format, text) in FILES {
        imp.import_reader(name, SAMPLE_SOURCE, *format, text.as_bytes())?;
    }
    imp.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_import_cleanly_and_idempotently() {
        let mut store = Store::open_in_memory().unwrap();
        let report = import_samples(&mut store).unwrap();
        assert!(report.issues.is_empty(), "{:?}", report.issues);
        assert_eq!(report.inserted, 10);
        let again = import_samples(&mut store).unwrap();
        assert_eq!((again.inserted, again.duplicates), (0, 10));
    }

    #[test]
    fn seeds_are_byte_exact() {
        let mut store = Store::open_in_memory().unwrap();
        import_samples(&mut store).unwrap();
        let seed = FILES[0].2;
        let rows = store.window(0, 20).unwrap();
        let found = rows.iter().any(|r| store.article(r.key).unwrap().body == seed);
        assert!(found, "the seed body is stored byte for byte");
    }
}

//! The importers (JSON Lines, text, HTML) on any bytes: never a panic.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Some((&kind, bytes)) = data.split_first() else { return };
        let format = match kind % 3 {
            0 => hewal::store::import::Format::JsonLines,
            1 => hewal::store::import::Format::Text,
            _ => hewal::store::import::Format::Html,
        };
        let mut store = hewal::store::Store::open_in_memory().unwrap();
        let mut importer = hewal::store::import::Importer::new(&mut store);
        importer.import_reader("fuzz", "fuzz", format, bytes).unwrap();
        importer.finish().unwrap();
    });
}

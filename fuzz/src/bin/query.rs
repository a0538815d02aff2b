//! The search box's parser and the highlight matcher on any input, over a
//! small index: never a panic.
use std::sync::OnceLock;

fn index() -> &'static hewal::search::SearchIndex {
    static INDEX: OnceLock<hewal::search::SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut store = hewal::store::Store::open_in_memory().unwrap();
        hewal::store::sample::import_samples(&mut store).unwrap();
        let mut index = hewal::search::SearchIndex::in_memory().unwrap();
        index.sync(&store, &mut |_, _| {}).unwrap();
        index
    })
}

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let query = String::from_utf8_lossy(data);
        let results = index().search(&query, 20).unwrap();
        for hit in results.hits.iter().take(3) {
            let _ = hit.key;
        }
        let _ = results.matcher.hit_ranges(&query);
    });
}

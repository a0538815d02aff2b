//! `hewal import`: files into the store and the index, as a pipeline.
//!
//! Two worker threads: one parses the input and writes it to SQLite batch
//! by batch ([`Importer`]); the other indexes each batch as soon as it is
//! committed ([`SearchIndex::index_batches`]), while the next one is being
//! stored. Batches go from one to the other through a bounded queue, so
//! memory stays flat whatever the input size: when the index falls behind,
//! the store waits.
//!
//! The guarantees of each side are unchanged: the store commits whole
//! batches (a kill loses nothing committed, and a re-run skips what is
//! stored); the index commits with the change sequence it has reached, and
//! whatever it had not committed is caught up from the store by the next run
//! (or the next `hewal` that opens it).

use crate::search::{OpenState, SearchError, SearchIndex};
use crate::store::import::{ImportReport, Importer};
use crate::store::{Committed, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Batches queued between the store and the index (a batch is at most
/// `import::BATCH` articles, a few MB of text).
const QUEUE: usize = 4;

/// What an import did.
#[derive(Debug)]
pub struct ImportOutcome {
    pub report: ImportReport,
    /// How the index was opened (a rebuild is worth telling the user).
    pub index_state: OpenState,
    /// Rows indexed, or why the index is not up to date. The store has
    /// everything either way; the next open of the index catches up.
    pub indexed: Result<u64, SearchError>,
}

/// Import `inputs` into `store` and the index in `index_dir`.
/// `progress(stored, indexed)` is called from the index thread after each
/// batch.
pub fn import(
    store: &mut Store,
    index_dir: &Path,
    inputs: &[PathBuf],
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<ImportOutcome, StoreError> {
    let (mut index, index_state) = match SearchIndex::open(index_dir) {
        Ok(opened) => opened,
        Err(e) => {
            // Store what we can; the index is rebuilt by whoever opens it next.
            let report = store_only(store, inputs)?;
            return Ok(ImportOutcome { report, index_state: OpenState::Existing, indexed: Err(e) });
        }
    };
    // Nothing is searched here: the merges' reads need no cache.
    index.without_read_cache();
    let reader = Store::open_read_only(store.path())?;
    let stored = AtomicU64::new(0);
    let (tx, rx) = crossbeam_channel::bounded::<Committed>(QUEUE);
    let (report, indexed) = std::thread::scope(|s| {
        let stored = &stored;
        let indexer = std::thread::Builder::new()
            .name("hewal-index".into())
            .spawn_scoped(s, move || {
                index.index_batches(&reader, rx, &mut |indexed| progress(stored.load(Ordering::Relaxed), indexed))
            })
            .expect("spawn the index thread");
        let writer = std::thread::Builder::new()
            .name("hewal-store".into())
            .spawn_scoped(s, move || {
                let mut importer = Importer::new(store).with_sink(Box::new(move |batch: Committed| {
                    stored.fetch_add(batch.rows.len() as u64, Ordering::Relaxed);
                    // If the index thread stopped (its error is reported
                    // below), storing goes on alone.
                    let _ = tx.send(batch);
                }));
                importer.import_paths(inputs)?;
                importer.finish()
            })
            .expect("spawn the store thread");
        let report = writer.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        let indexed = indexer.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (report, indexed)
    });
    Ok(ImportOutcome { report: report?, index_state, indexed })
}

fn store_only(store: &mut Store, inputs: &[PathBuf]) -> Result<ImportReport, StoreError> {
    let mut importer = Importer::new(store);
    importer.import_paths(inputs)?;
    importer.finish()
}

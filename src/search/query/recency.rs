//! Per segment, the newest publication time of each block of documents:
//! what lets the first screens' walk for ties step over old blocks (see
//! `search::plan`), read once per segment instead of once per keystroke.

use crate::search::plan::RECENCY_BLOCK;
use crate::search::Result;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SegmentReader};

/// The newest publication time in each block of [`RECENCY_BLOCK`] documents
/// of each segment (see `plan::Recency`), computed once per segment: a
/// segment's documents never change, and reading its column costs a few
/// milliseconds at a million documents.
#[derive(Default)]
pub(in crate::search) struct RecencyCache(Mutex<HashMap<SegmentId, Arc<[i64]>>>);

impl RecencyCache {
    /// Segments kept; more and the cache starts again (merged-away segments
    /// are not worth tracking one by one).
    const MAX_SEGMENTS: usize = 256;

    /// Compute what `searcher`'s segments lack, so that no keystroke pays
    /// for it (called whenever the index is opened or reloaded).
    pub(in crate::search) fn warm(&self, searcher: &Searcher) -> Result<()> {
        for seg in searcher.segment_readers() {
            self.newest(seg, &seg.fast_fields().i64("published")?);
        }
        Ok(())
    }

    /// The newest publication time of each block of `seg`, computed on
    /// first use. A lock poisoned by a panic elsewhere is taken over: the
    /// map is only ever changed by whole entries, so what it holds is sound.
    pub(super) fn newest(&self, seg: &SegmentReader, published: &Column<i64>) -> Arc<[i64]> {
        let id = seg.segment_id();
        if let Some(v) = self.0.lock().unwrap_or_else(|e| e.into_inner()).get(&id) {
            return v.clone();
        }
        let n = seg.max_doc();
        let v: Arc<[i64]> = (0..n.div_ceil(RECENCY_BLOCK as u32))
            .map(|b| {
                let start = b * RECENCY_BLOCK as u32;
                (start..(start + RECENCY_BLOCK as u32).min(n))
                    .map(|doc| published_at(published, doc))
                    .max()
                    .unwrap_or(i64::MIN) // never: a block holds at least one document
            })
            .collect();
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= Self::MAX_SEGMENTS {
            map.clear();
        }
        map.insert(id, v.clone());
        v
    }
}

/// When `doc` was published, from its segment's `published` column. Every
/// document has a value (undated articles are indexed as 0, the oldest).
pub(super) fn published_at(published: &Column<i64>, doc: DocId) -> i64 {
    published.first(doc).unwrap_or(0)
}

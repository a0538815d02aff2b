//! An article as the index writer takes it.
//!
//! Each text of an article is indexed four ways (stemmed, exact, as word
//! beginnings, as Latin keys; see `analyzer::memo`), so a
//! `TantivyDocument` would carry four copies of its body. The writer
//! queues up to 10,000 documents while its threads index, and at a few
//! kilobytes of body each those copies were most of an import's peak memory
//! (docs/BENCHMARKS.md, session 9). [`RowDoc`] holds each text once and
//! gives the same string to every field that indexes it.
//!
//! Even once, 10,000 articles queued are tens of megabytes, and more for
//! long ones. So each `RowDoc` also holds a [`Ticket`] for its bytes from
//! an [`InFlight`] gauge, given back when the writer drops the document
//! (once indexed): whoever adds documents waits while more than
//! [`IN_FLIGHT_BYTES`] are queued.

use super::schema::Fields;
use crate::store::IndexRow;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tantivy::schema::document::{ReferenceValue, ReferenceValueLeaf};
use tantivy::schema::{Document, Field, Value};

/// Most bytes of text queued in the index writer before adding waits.
pub(super) const IN_FLIGHT_BYTES: usize = 8 << 20;

/// How long one document waits for room at most. The writer's threads
/// free room as they index; if they have died, the documents they left
/// queued are never dropped, and the document goes on to `add_document`,
/// which reports the dead writer.
const MOST_WAIT: Duration = Duration::from_secs(1);

/// Bytes of text given to the index writer and not yet indexed.
#[derive(Debug, Default)]
pub(super) struct InFlight {
    bytes: Mutex<usize>,
    freed: Condvar,
}

impl InFlight {
    /// A ticket for `bytes` more, once the queue has room for them (or is
    /// empty: a document bigger than the limit goes alone).
    pub(super) fn admit(self: &Arc<Self>, bytes: usize) -> Ticket {
        // A panic while the lock was held left a plain count: use it.
        let mut queued = self.bytes.lock().unwrap_or_else(|p| p.into_inner());
        let deadline = std::time::Instant::now() + MOST_WAIT;
        while *queued > 0 && *queued + bytes > IN_FLIGHT_BYTES {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            queued = self.freed.wait_timeout(queued, left).unwrap_or_else(|p| p.into_inner()).0;
        }
        *queued += bytes;
        Ticket { gauge: self.clone(), bytes }
    }

    #[cfg(test)]
    fn queued(&self) -> usize {
        *self.bytes.lock().unwrap()
    }
}

/// A document's share of the [`InFlight`] gauge, given back on drop.
#[derive(Debug)]
pub(super) struct Ticket {
    gauge: Arc<InFlight>,
    bytes: usize,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut queued = self.gauge.bytes.lock().unwrap_or_else(|p| p.into_inner());
        *queued -= self.bytes;
        self.gauge.freed.notify_all();
    }
}

/// One article for the index writer: its texts once, and the fields they
/// go to.
#[derive(Debug)]
pub(super) struct RowDoc {
    fields: Fields,
    key: i64,
    published: i64,
    id: String,
    source: String,
    title: String,
    body: String,
    _ticket: Ticket,
}

impl RowDoc {
    /// The document for `row`, once `in_flight` has room for it.
    pub(super) fn new(fields: Fields, row: &IndexRow, in_flight: &Arc<InFlight>) -> RowDoc {
        let bytes = row.id.len() + row.source.len() + row.title.len() + row.body.len();
        let ticket = in_flight.admit(bytes);
        RowDoc {
            fields,
            key: row.key,
            // Undated articles are indexed as the oldest.
            published: row.published.unwrap_or(0),
            id: row.id.clone(),
            source: row.source.clone(),
            title: row.title.clone(),
            body: row.body.clone(),
            _ticket: ticket,
        }
    }
}

/// A value of a [`RowDoc`]: borrowed text, or a number.
#[derive(Clone, Copy, Debug)]
pub(super) enum RowValue<'a> {
    Str(&'a str),
    I64(i64),
}

impl<'a> Value<'a> for RowValue<'a> {
    type ArrayIter = std::iter::Empty<Self>;
    type ObjectIter = std::iter::Empty<(&'a str, Self)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        ReferenceValue::Leaf(match *self {
            RowValue::Str(s) => ReferenceValueLeaf::Str(s),
            RowValue::I64(n) => ReferenceValueLeaf::I64(n),
        })
    }
}

/// Fields and values of a [`RowDoc`], in schema order: the stemmed fields
/// come before the others, as `analyzer::memo` expects.
const VALUES: usize = 12;

impl Document for RowDoc {
    type Value<'a> = RowValue<'a>;
    type FieldsValuesIter<'a> = std::array::IntoIter<(Field, RowValue<'a>), VALUES>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        let f = &self.fields;
        let (title, body) = (RowValue::Str(&self.title), RowValue::Str(&self.body));
        [
            (f.key, RowValue::I64(self.key)),
            (f.id, RowValue::Str(&self.id)),
            (f.source, RowValue::Str(&self.source)),
            (f.published, RowValue::I64(self.published)),
            (f.title, title),
            (f.body, body),
            (f.title_exact, title),
            (f.body_exact, body),
            (f.title_prefix, title),
            (f.body_prefix, body),
            (f.title_latin, title),
            (f.body_latin, body),
        ]
        .into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{analyzer, schema};
    use tantivy::{doc, Index, IndexWriter, TantivyDocument};

    /// A field's name and its terms with their document frequencies.
    type FieldTerms = (String, Vec<(Vec<u8>, u32)>);

    /// Every field's terms, and the number of documents.
    fn terms(index: &Index) -> Vec<FieldTerms> {
        let reader = index.reader().unwrap();
        let searcher = reader.searcher();
        let mut out = Vec::new();
        for (field, entry) in index.schema().fields() {
            let mut terms = Vec::new();
            for seg in searcher.segment_readers() {
                let Ok(inverted) = seg.inverted_index(field) else { continue };
                let mut stream = inverted.terms().stream().unwrap();
                while stream.advance() {
                    terms.push((stream.key().to_vec(), stream.value().doc_freq));
                }
            }
            terms.sort();
            out.push((entry.name().to_owned(), terms));
        }
        out.push(("docs".into(), vec![(Vec::new(), searcher.num_docs() as u32)]));
        out
    }

    fn index_with<D: Document>(docs: Vec<D>) -> Index {
        let mut index = Index::create_in_ram(schema::build());
        index.set_tokenizers(analyzer::indexing_analyzers());
        let mut w: IndexWriter<D> = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for d in docs {
            w.add_document(d).unwrap();
        }
        w.commit().unwrap();
        analyzer::register_analyzers(index.tokenizers());
        index
    }

    #[test]
    fn a_row_doc_indexes_exactly_what_a_tantivy_document_with_five_copies_does() {
        let rows: Vec<IndexRow> = [
            ("a", "هەواڵی هەولێر", "وڵاتەکان لە کوردستان، Erbil 2025 و ئابوورییەکانی.", Some(5)),
            ("b", "English title", "kurdistan hewlêr ڕۆژنامەنووسان", None),
            ("c", "", "", Some(-3)),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (id, title, body, published))| IndexRow {
            key: i as i64 + 1,
            id: id.into(),
            source: "s".into(),
            title: title.into(),
            body: body.into(),
            published,
            change_seq: i as i64 + 1,
        })
        .collect();
        let fields = Fields::from_schema(&schema::build()).unwrap();
        let f = fields;
        let plain: Vec<TantivyDocument> = rows
            .iter()
            .map(|r| {
                doc!(
                    f.key => r.key, f.id => r.id.as_str(), f.source => r.source.as_str(),
                    f.published => r.published.unwrap_or(0),
                    f.title => r.title.as_str(), f.body => r.body.as_str(),
                    f.title_exact => r.title.as_str(), f.body_exact => r.body.as_str(),
                    f.title_prefix => r.title.as_str(), f.body_prefix => r.body.as_str(),
                    f.title_latin => r.title.as_str(), f.body_latin => r.body.as_str(),
                )
            })
            .collect();
        let gauge = Arc::new(InFlight::default());
        let ours: Vec<RowDoc> = rows.iter().map(|r| RowDoc::new(fields, r, &gauge)).collect();
        assert!(gauge.queued() > 0);
        let (a, b) = (terms(&index_with(plain)), terms(&index_with(ours)));
        assert!(a.iter().filter(|(_, t)| !t.is_empty()).count() > 10, "{a:?}");
        assert_eq!(a, b);
        assert_eq!(gauge.queued(), 0, "indexed documents give their bytes back");
    }

    #[test]
    fn admitting_waits_for_room_and_lets_a_big_document_go_alone() {
        let gauge = Arc::new(InFlight::default());
        let big = gauge.admit(IN_FLIGHT_BYTES * 2);
        assert_eq!(gauge.queued(), IN_FLIGHT_BYTES * 2);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::scope(|s| {
            s.spawn(|| {
                let small = gauge.admit(10);
                tx.send(()).unwrap();
                drop(small);
            });
            // It waits while the big one is queued...
            assert!(rx.recv_timeout(Duration::from_millis(100)).is_err());
            // ...and goes once it is indexed.
            drop(big);
            rx.recv_timeout(Duration::from_millis(500)).unwrap();
        });
        assert_eq!(gauge.queued(), 0);
    }
}

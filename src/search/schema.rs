//! The index schema: which fields exist and how each is analysed.

use super::analyzer::{SORANI_EXACT, SORANI_LATIN, SORANI_PREFIX, SORANI_STEMMED};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

/// Bumped when the fields below or the index settings change; an index with
/// another version is rebuilt from the store. 2: the prefix fields. 3: the
/// Latin-key fields. 4: no field of the keys' beginnings (the word
/// beginnings that spell a key are read from the prefix fields' terms).
pub const SCHEMA_VERSION: u32 = 4;

/// Handles to every field.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Store key (SQLite rowid): what a hit points at, and the delete term
    /// when an article is re-indexed.
    pub key: Field,
    pub id: Field,
    pub source: Field,
    /// Publication (or import) time, Unix seconds: recency tie-break.
    pub published: Field,
    /// Stemmed text, with positions for phrase queries.
    pub title: Field,
    pub body: Field,
    /// Normalised, unstemmed text: exact-form bonus and prefix matching.
    pub title_exact: Field,
    pub body_exact: Field,
    /// The first two to four characters of each exact token: the word
    /// being typed, at those lengths (`analyzer::EdgePrefixes`).
    pub title_prefix: Field,
    pub body_prefix: Field,
    /// The Latin keys of the Sorani words (`analyzer::romanize`): Sorani
    /// typed in Latin letters.
    pub title_latin: Field,
    pub body_latin: Field,
}

impl Fields {
    /// Look the fields up in a schema built by [`build`].
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name| schema.get_field(name);
        Ok(Fields {
            key: f("key")?,
            id: f("id")?,
            source: f("source")?,
            published: f("published")?,
            title: f("title")?,
            body: f("body")?,
            title_exact: f("title_exact")?,
            body_exact: f("body_exact")?,
            title_prefix: f("title_prefix")?,
            body_prefix: f("body_prefix")?,
            title_latin: f("title_latin")?,
            body_latin: f("body_latin")?,
        })
    }
}

/// The schema.
pub fn build() -> Schema {
    let mut b = Schema::builder();
    b.add_i64_field("key", INDEXED | STORED | FAST);
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("source", STRING | STORED | FAST);
    b.add_i64_field("published", STORED | FAST);
    let text = |analyzer: &str, record| {
        TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(record))
    };
    let stemmed = text(SORANI_STEMMED, IndexRecordOption::WithFreqsAndPositions);
    let exact = text(SORANI_EXACT, IndexRecordOption::WithFreqs);
    b.add_text_field("title", stemmed.clone());
    b.add_text_field("body", stemmed);
    b.add_text_field("title_exact", exact.clone());
    b.add_text_field("body_exact", exact);
    // Matched at a constant score: documents only, no lengths.
    let prefix = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(SORANI_PREFIX)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    b.add_text_field("title_prefix", prefix.clone());
    b.add_text_field("body_prefix", prefix);
    let latin = text(SORANI_LATIN, IndexRecordOption::WithFreqs);
    b.add_text_field("title_latin", latin.clone());
    b.add_text_field("body_latin", latin);
    b.build()
}

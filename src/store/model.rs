//! Plain data: what the store holds and hands out.

/// Internal key of an article: SQLite's rowid. Stable for the life of the
/// database; the search index refers to articles by it.
pub type ArticleKey = i64;

/// An article as imported, before it has a key.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct NewArticle {
    /// External id: given by the source (JSON Lines `id`, feed guid) or
    /// derived from the content hash.
    pub id: String,
    pub source: String,
    pub url: Option<String>,
    pub title: String,
    /// Byte-exact body text; paragraphs are found at display time.
    pub body: String,
    pub lang: Option<String>,
    /// Publication time, Unix seconds.
    pub published: Option<i64>,
    /// Where it came from, when its `source` does not say: the URL of the
    /// feed it was fetched from, or the name of a bundle imported as one
    /// (the samples). `None`: its `source` is its origin.
    pub origin: Option<String>,
}

impl NewArticle {
    /// Hash of what makes two articles "the same content": title and body.
    pub fn content_hash(&self) -> String {
        let mut h = blake3::Hasher::new();
        h.update(self.title.trim().as_bytes());
        h.update(&[0]);
        h.update(self.body.trim().as_bytes());
        h.finalize().to_hex()[..32].to_string()
    }
}

/// What a list row needs: no body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleSummary {
    pub key: ArticleKey,
    pub title: String,
    pub source: String,
    pub published: Option<i64>,
    pub read: bool,
    pub starred: bool,
}

/// A whole article with its reading state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub key: ArticleKey,
    pub id: String,
    pub source: String,
    pub url: Option<String>,
    pub title: String,
    pub body: String,
    pub lang: Option<String>,
    pub published: Option<i64>,
    pub imported_at: i64,
    pub content_hash: String,
    pub read: bool,
    pub starred: bool,
    /// Last reading position (first visible display line) in the reader.
    pub position: i64,
    /// The feed's URL, or the import source (the same as `source`).
    pub origin: String,
}

/// An article as the index needs it, with its change sequence number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexRow {
    pub key: ArticleKey,
    pub id: String,
    pub source: String,
    pub title: String,
    pub body: String,
    pub published: Option<i64>,
    pub change_seq: i64,
}

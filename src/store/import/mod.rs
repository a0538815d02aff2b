//! Import: files into the store.
//!
//! Every source format turns its input into [`NewArticle`]s; `Importer`
//! gathers them into batches and writes each batch in one transaction, so a
//! crash or a kill mid-import leaves every earlier batch stored and nothing
//! half-written. Re-running the same import skips what is already stored (same
//! id or same content), which makes it resume where it stopped.
//!
//! Bad input never stops the import: each problem becomes an [`ImportIssue`]
//! naming the file (and line), and the rest goes on.

mod html;
mod jsonl;
mod txt;

use super::{BatchOutcome, Committed, NewArticle, Result, Store};
use std::fmt;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Largest article body accepted, in bytes. A single 50 MB line is far more
/// likely a broken export than an article, and it would make the reader pane
/// lay out 50 MB of text.
pub const MAX_BODY_BYTES: usize = 8 << 20;

/// Articles written per transaction.
const BATCH: usize = 512;

/// A problem with one file or one line of it; the import went on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportIssue {
    pub path: String,
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.path, l, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Totals of an import run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub files: usize,
    pub inserted: usize,
    pub duplicates: usize,
    pub issues: Vec<ImportIssue>,
}

/// The input formats hewal reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain UTF-8 text: one article per file.
    Text,
    /// JSON Lines: one article object per line.
    JsonLines,
    /// An HTML page: one article per file.
    Html,
}

impl Format {
    /// The format of a file, from its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Called with each batch once it is committed (see [`Importer::with_sink`]).
pub type Sink<'s> = Box<dyn FnMut(Committed) + 's>;

/// Writes parsed articles into the store in batches.
pub struct Importer<'s> {
    store: &'s mut Store,
    now: i64,
    pending: Vec<NewArticle>,
    report: ImportReport,
    /// Default `source` for articles that name none.
    default_source: String,
    sink: Option<Sink<'s>>,
}

impl<'s> Importer<'s> {
    pub fn new(store: &'s mut Store) -> Importer<'s> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        Importer {
            store,
            now,
            pending: Vec::with_capacity(BATCH),
            report: ImportReport::default(),
            default_source: String::new(),
            sink: None,
        }
    }

    /// Hand each committed batch's new rows to `sink` (the index, in
    /// `jobs::import`), in the order they were stored.
    pub fn with_sink(mut self, sink: Sink<'s>) -> Self {
        self.sink = Some(sink);
        self
    }

    /// Use `now` as the import time (tests).
    pub fn with_now(mut self, now: i64) -> Self {
        self.now = now;
        self
    }

    /// Import every path: files by extension, directories recursively (in
    /// name order, skipping files of unknown type).
    pub fn import_paths(&mut self, paths: &[PathBuf]) -> Result<()> {
        for p in paths {
            self.import_path(p, true)?;
        }
        Ok(())
    }

    fn import_path(&mut self, path: &Path, explicit: bool) -> Result<()> {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                self.issue(path, None, format!("cannot read: {e}"));
                return Ok(());
            }
        };
        if meta.is_dir() {
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
                Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(e) => {
                    self.issue(path, None, format!("cannot read directory: {e}"));
                    return Ok(());
                }
            };
            entries.sort();
            for e in entries {
                self.import_path(&e, false)?;
            }
            return Ok(());
        }
        match Format::from_path(path) {
            Some(format) => {
                let source = path
                    .parent()
                    .and_then(|d| d.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match std::fs::File::open(path) {
                    Ok(f) => {
                        let reader = std::io::BufReader::with_capacity(1 << 16, f);
                        self.import_reader(&path.display().to_string(), &source, format, reader)?
                    }
                    Err(e) => self.issue(path, None, format!("cannot open: {e}")),
                }
            }
            None if explicit => self.issue(
                path,
                None,
                "unknown file type; hewal imports .txt, .jsonl and .html files (or directories of them)".into(),
            ),
            None => {}
        }
        Ok(())
    }

    /// Import one input stream named `name` (a path, or a name for embedded
    /// data). `source` is the default source for its articles.
    pub fn import_reader(&mut self, name: &str, source: &str, format: Format, reader: impl BufRead) -> Result<()> {
        self.report.files += 1;
        self.default_source = source.to_owned();
        let mut parsed = Vec::new();
        let mut issues = Vec::new();
        match format {
            Format::Text | Format::Html => {
                let one = if format == Format::Text { txt::parse(reader) } else { html::parse(reader) };
                match one {
                    Ok(a) => parsed.push(a),
                    Err(msg) => issues.push((None, msg)),
                }
            }
            Format::JsonLines => {
                // Streamed: a large file is written batch by batch as it is read.
                return jsonl::parse(reader, &mut |line, item| match item {
                    Ok(a) => self.push(a),
                    Err(message) => {
                        self.report.issues.push(ImportIssue { path: name.into(), line: Some(line), message });
                        Ok(())
                    }
                });
            }
        }
        for (line, message) in issues {
            self.report.issues.push(ImportIssue { path: name.into(), line, message });
        }
        for a in parsed {
            self.push(a)?;
        }
        Ok(())
    }

    fn push(&mut self, mut a: NewArticle) -> Result<()> {
        if a.source.is_empty() {
            a.source = self.default_source.clone();
        }
        if a.id.is_empty() {
            a.id = format!("h-{}", &a.content_hash()[..16]);
        }
        self.pending.push(a);
        if self.pending.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let BatchOutcome { inserted, duplicates, .. } = match &mut self.sink {
            Some(sink) => {
                let batch = std::mem::replace(&mut self.pending, Vec::with_capacity(BATCH));
                let (outcome, committed) = self.store.insert_batch_rows(batch, self.now)?;
                sink(committed);
                outcome
            }
            None => {
                let outcome = self.store.insert_batch(&self.pending, self.now)?;
                self.pending.clear();
                outcome
            }
        };
        self.report.inserted += inserted;
        self.report.duplicates += duplicates;
        Ok(())
    }

    fn issue(&mut self, path: &Path, line: Option<u64>, message: String) {
        self.report.issues.push(ImportIssue { path: path.display().to_string(), line, message });
    }

    /// Write what is pending and return the totals.
    pub fn finish(mut self) -> Result<ImportReport> {
        self.flush()?;
        Ok(self.report)
    }
}

/// Read one line of at most `cap` bytes into `buf` (without the newline).
/// Returns `None` at end of input, `Some(Err(len))` for a longer line, which
/// is skipped without being held in memory.
pub(crate) fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<Option<Result<(), usize>>> {
    buf.clear();
    let mut total = 0usize;
    let mut too_long = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(if total == 0 && !too_long { None } else { Some(if too_long { Err(total) } else { Ok(()) }) });
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        total += take;
        if !too_long {
            buf.extend_from_slice(&chunk[..take]);
            if buf.len() > cap + 1 {
                too_long = true;
                buf.clear();
            }
        }
        reader.consume(take);
        if done {
            if buf.last() == Some(&b'\n') {
                buf.pop();
            }
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(if too_long { Err(total) } else { Ok(()) }));
        }
    }
}

/// Describe invalid UTF-8 in `bytes` for a message: where it is.
pub(crate) fn utf8_problem(bytes: &[u8]) -> Option<String> {
    std::str::from_utf8(bytes).err().map(|e| {
        format!(
            "invalid UTF-8 at byte {}; save the file as UTF-8 (e.g. `iconv -f WINDOWS-1256 -t UTF-8`)",
            e.valid_up_to()
        )
    })
}

/// Human size for messages.
pub(crate) fn mib(n: usize) -> String {
    format!("{:.1} MB", n as f64 / (1 << 20) as f64)
}

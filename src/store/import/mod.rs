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
mod problem;
mod txt;

pub use problem::{ImportIssue, ImportProblem};

use super::{BatchOutcome, Committed, NewArticle, Result, Store};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Largest article body accepted, in bytes. A single 50 MB line is far more
/// likely a broken export than an article, and it would make the reader pane
/// lay out 50 MB of text.
pub const MAX_BODY_BYTES: usize = 8 << 20;

/// Articles written per transaction.
const BATCH: usize = 512;

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
    /// The origin of every article imported, if not each one's source.
    origin: Option<String>,
    sink: Option<Sink<'s>>,
    /// Directories already walked, by their real path.
    dirs_seen: std::collections::HashSet<PathBuf>,
}

impl Drop for Importer<'_> {
    fn drop(&mut self) {
        let _ = self.store.bulk_cache(false);
    }
}

impl<'s> Importer<'s> {
    pub fn new(store: &'s mut Store) -> Importer<'s> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        // Only speed depends on it; the store's own default is as correct.
        let _ = store.bulk_cache(true);
        Importer {
            store,
            now,
            pending: Vec::with_capacity(BATCH),
            report: ImportReport::default(),
            default_source: String::new(),
            origin: None,
            sink: None,
            dirs_seen: Default::default(),
        }
    }

    /// File every article under one origin (the bundled samples are one
    /// import source, whatever each article's `source`).
    pub fn with_origin(mut self, origin: &str) -> Self {
        self.origin = Some(origin.to_owned());
        self
    }

    /// Hand each committed batch's new rows to `sink` (the index, in
    /// `jobs::import`), in the order they were stored.
    pub fn with_sink(mut self, sink: Sink<'s>) -> Self {
        self.sink = Some(sink);
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
                self.issue(path, ImportProblem::CannotRead(e.to_string()));
                return Ok(());
            }
        };
        if meta.is_dir() {
            // Each real directory once: symlinks may lead back up the tree.
            let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
            if !self.dirs_seen.insert(real) {
                return Ok(());
            }
            return self.import_dir(path);
        }
        let Some(format) = Format::from_path(path) else {
            // Inside a directory, other files are simply not articles.
            if explicit {
                self.issue(path, ImportProblem::UnknownType);
            }
            return Ok(());
        };
        // Articles name their source, or are filed under their directory's name.
        let source =
            path.parent().and_then(|d| d.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match std::fs::File::open(path) {
            Ok(f) => {
                let reader = std::io::BufReader::with_capacity(1 << 16, f);
                self.import_reader(&path.display().to_string(), &source, format, reader)
            }
            Err(e) => {
                self.issue(path, ImportProblem::CannotOpen(e.to_string()));
                Ok(())
            }
        }
    }

    /// Every entry of `dir`, in name order; an entry that cannot be listed
    /// is an issue of the directory.
    fn import_dir(&mut self, dir: &Path) -> Result<()> {
        let mut entries = Vec::new();
        match std::fs::read_dir(dir) {
            Ok(rd) => {
                for entry in rd {
                    match entry {
                        Ok(e) => entries.push(e.path()),
                        Err(e) => self.issue(dir, ImportProblem::CannotReadDir(e.to_string())),
                    }
                }
            }
            Err(e) => self.issue(dir, ImportProblem::CannotReadDir(e.to_string())),
        }
        entries.sort();
        for e in entries {
            self.import_path(&e, false)?;
        }
        Ok(())
    }

    /// Import one input stream named `name` (a path, or a name for embedded
    /// data). `source` is the default source for its articles.
    pub fn import_reader(&mut self, name: &str, source: &str, format: Format, reader: impl BufRead) -> Result<()> {
        self.report.files += 1;
        self.default_source = source.to_owned();
        let one = match format {
            Format::Text => txt::parse(reader),
            Format::Html => html::parse(reader),
            Format::JsonLines => {
                // Streamed: a large file is written batch by batch as it is read.
                return jsonl::parse(reader, &mut |line, item| match item {
                    Ok(a) => self.push(a),
                    Err(problem) => {
                        self.report.issues.push(ImportIssue { path: name.into(), line: Some(line), problem });
                        Ok(())
                    }
                });
            }
        };
        match one {
            Ok(a) => self.push(a),
            Err(problem) => {
                self.report.issues.push(ImportIssue { path: name.into(), line: None, problem });
                Ok(())
            }
        }
    }

    fn push(&mut self, mut a: NewArticle) -> Result<()> {
        if a.origin.is_none() {
            a.origin = self.origin.clone();
        }
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

    fn issue(&mut self, path: &Path, problem: ImportProblem) {
        self.report.issues.push(ImportIssue { path: path.display().to_string(), line: None, problem });
    }

    /// Write what is pending and return the totals.
    pub fn finish(mut self) -> Result<ImportReport> {
        self.flush()?;
        Ok(std::mem::take(&mut self.report))
    }
}

/// Read one line of at most `cap` bytes into `buf` (without the newline).
/// Returns `None` at end of input, `Some(Err(len))` for a longer line, which
/// is skipped without being held in memory.
pub(super) fn read_line_capped(
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

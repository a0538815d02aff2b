//! A disk that fills under the index writer's worker thread, in memory: a
//! directory whose files stop taking bytes after a budget.

use super::error::WriteProblem;
use super::stopped;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, FileHandle, RamDirectory, TerminatingWrite, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::schema::{Schema, STRING};
use tantivy::{doc, Index, TantivyError};

/// A directory in memory whose new files, together, take at most `left`
/// bytes; past that a write fails as it does on a full disk.
#[derive(Clone, Debug)]
struct SmallDisk {
    files: RamDirectory,
    left: Arc<AtomicUsize>,
}

struct SmallFile {
    inner: WritePtr,
    left: Arc<AtomicUsize>,
}

impl Write for SmallFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let taken = self.left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| left.checked_sub(buf.len()));
        match taken {
            Ok(_) => self.inner.write(buf),
            Err(_) => Err(io::Error::from_raw_os_error(28)), // ENOSPC
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl TerminatingWrite for SmallFile {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        self.inner.flush()?;
        self.inner.get_mut().terminate_ref(token)
    }
}

impl Directory for SmallDisk {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.files.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.files.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.files.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let inner = self.files.open_write(path)?;
        Ok(io::BufWriter::new(Box::new(SmallFile { inner, left: self.left.clone() })))
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.files.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.files.atomic_write(path, data)
    }
    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }
    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.files.watch(callback)
    }
}

/// The worker thread that flushes a segment onto the full disk dies; the
/// writer then refuses documents with tantivy's "a worker thread
/// encountered an error". What hewal reports is the disk's own error.
#[test]
fn a_worker_that_died_on_a_full_disk_is_reported_as_a_full_disk() {
    let mut schema = Schema::builder();
    let word = schema.add_text_field("word", STRING);
    let disk = SmallDisk { files: RamDirectory::create(), left: Arc::new(AtomicUsize::new(64 << 10)) };
    let index = Index::create(disk, schema.build(), Default::default()).unwrap();
    // tantivy's smallest budget: the worker flushes (and fails) well before
    // the documents run out, while they are still being added.
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let refused = (0..5_000_000u32).find_map(|i| writer.add_document(doc!(word => format!("w{i}"))).err());
    let refused = refused.expect("the writer never flushed onto the full disk");
    assert!(matches!(refused, TantivyError::ErrorInThread(_)), "{refused:?}");
    let cause = stopped(&mut writer, refused);
    assert_eq!(WriteProblem::of(&cause), Some(WriteProblem::DiskFull), "{cause:?}");
}

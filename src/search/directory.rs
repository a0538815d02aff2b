//! Where the index lives on disk, and how it is read.
//!
//! Tantivy's `MmapDirectory` maps every index file, and every page a search
//! touches then counts in the process's resident set until the mapping
//! goes: at a million articles the TUI's resident set was 206 MB of mapped
//! index pages beside 7 MB of its own memory (docs/BENCHMARKS.md). Those
//! pages are the kernel's page cache either way, but a reader on a small
//! machine sees the resident set, and the memory goal is stated in
//! it. So reads here are positioned reads (`pread`) into buffers that live
//! as long as tantivy holds them: posting lists for one query, the term
//! dictionary's index and the fast-field columns for as long as a segment
//! is open. The page cache still serves them (warm reads are memory
//! copies); only what is in use is resident. Writing, deleting, locking and
//! `meta.json` go to the `MmapDirectory` unchanged.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// An index directory read with positioned reads.
#[derive(Clone, Debug)]
pub struct ReadDirectory {
    root: PathBuf,
    inner: MmapDirectory,
}

impl ReadDirectory {
    /// Open the existing directory `root`.
    pub fn open(root: &Path) -> Result<ReadDirectory, OpenDirectoryError> {
        Ok(ReadDirectory { root: root.to_owned(), inner: MmapDirectory::open(root)? })
    }
}

/// One open index file.
#[derive(Debug)]
struct ReadHandle {
    file: File,
    len: usize,
}

impl HasLen for ReadHandle {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadHandle {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.end > self.len || range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("read of {range:?} in a file of {} bytes", self.len),
            ));
        }
        let mut buf = vec![0u8; range.len()];
        self.file.read_exact_at(&mut buf, range.start as u64)?;
        Ok(OwnedBytes::new(buf))
    }
}

impl Directory for ReadDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let full = self.root.join(path);
        let file = File::open(&full).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_owned()),
            _ => OpenReadError::wrap_io_error(e, path.to_owned()),
        })?;
        let len = file.metadata().map_err(|e| OpenReadError::wrap_io_error(e, path.to_owned()))?.len();
        let len = usize::try_from(len).map_err(|_| {
            OpenReadError::wrap_io_error(io::Error::other("file too large to address"), path.to_owned())
        })?;
        Ok(Arc::new(ReadHandle { file, len }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ranges_and_refuses_ones_past_the_end() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f"), b"hello world").unwrap();
        let d = ReadDirectory::open(dir.path()).unwrap();
        let h = d.get_file_handle(Path::new("f")).unwrap();
        assert_eq!(h.len(), 11);
        assert_eq!(h.read_bytes(6..11).unwrap().as_slice(), b"world");
        assert_eq!(h.read_bytes(3..3).unwrap().as_slice(), b"");
        assert!(h.read_bytes(6..12).is_err());
        assert!(matches!(d.get_file_handle(Path::new("missing")), Err(OpenReadError::FileDoesNotExist(_))));
    }
}

//! Where the index lives on disk, and how it is read.
//!
//! Tantivy's `MmapDirectory` maps every index file, and every page a search
//! touches then counts in the process's resident set until the mapping
//! goes: at a million articles nearly all of the TUI's resident set would
//! be mapped index pages (docs/BENCHMARKS.md). Those pages are the kernel's
//! page cache either way, but a reader on a small machine sees the resident
//! set, and hewal's memory goals are stated in it. So reads here are
//! positioned reads (`pread`) into buffers that live as long as tantivy
//! holds them: posting lists for one query, the term dictionary's index and
//! the fast-field columns for as long as a segment is open. The page cache still serves them (warm reads are memory
//! copies); only what is in use is resident. Writing, deleting, locking and
//! `meta.json` go to the `MmapDirectory` unchanged.
//!
//! Tantivy reads a term's whole posting list when it opens a scorer on it
//! (with mmap that costs nothing until a block is touched), and each
//! keystroke opens the same lists again: the word typed so far, every
//! letter. So reads go through a small cache shared by the directory's
//! files, bounded in bytes ([`CACHE_BYTES`]), least recently used out first.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// Most bytes the read cache holds.
pub const CACHE_BYTES: usize = 48 << 20;

/// An index directory read with positioned reads.
#[derive(Clone, Debug)]
pub struct ReadDirectory {
    root: PathBuf,
    inner: MmapDirectory,
    cache: Arc<Mutex<ReadCache>>,
}

impl ReadDirectory {
    /// Open the existing directory `root`.
    pub fn open(root: &Path) -> Result<ReadDirectory, OpenDirectoryError> {
        let cache = Arc::new(Mutex::new(ReadCache::new(CACHE_BYTES)));
        Ok(ReadDirectory { root: root.to_owned(), inner: MmapDirectory::open(root)?, cache })
    }

    /// Keep at most `bytes` in the read cache (shared by every clone of
    /// this directory) from now on; 0 keeps nothing.
    pub fn set_cache_budget(&self, bytes: usize) {
        if let Ok(mut c) = self.cache.lock() {
            c.budget = bytes;
            if c.bytes > bytes {
                c.entries.clear();
                c.bytes = 0;
            }
        }
    }
}

/// Recently read ranges of the directory's files. Index files never change
/// once written, so a file's path and a range name the same bytes for as
/// long as the file exists.
#[derive(Debug)]
struct ReadCache {
    budget: usize,
    bytes: usize,
    /// Ticks once per lookup; an entry's tick says when it was last used.
    clock: u64,
    entries: std::collections::HashMap<(Arc<Path>, usize, usize), (OwnedBytes, u64)>,
}

impl ReadCache {
    fn new(budget: usize) -> ReadCache {
        ReadCache { budget, bytes: 0, clock: 0, entries: Default::default() }
    }

    fn get(&mut self, key: &(Arc<Path>, usize, usize)) -> Option<OwnedBytes> {
        self.clock += 1;
        let clock = self.clock;
        self.entries.get_mut(key).map(|(bytes, used)| {
            *used = clock;
            bytes.clone()
        })
    }

    fn put(&mut self, key: (Arc<Path>, usize, usize), bytes: OwnedBytes) {
        // A read of more than a quarter would push out nearly everything.
        if bytes.len() > self.budget / 4 {
            return;
        }
        self.bytes += bytes.len();
        if let Some((old, _)) = self.entries.insert(key, (bytes, self.clock)) {
            self.bytes -= old.len();
        }
        if self.bytes > self.budget {
            // Down to three quarters in one pass, oldest first.
            let mut by_age: Vec<_> = self.entries.iter().map(|(k, (b, used))| (*used, b.len(), k.clone())).collect();
            by_age.sort_unstable_by_key(|&(used, ..)| used);
            for (_, len, key) in by_age {
                if self.bytes <= self.budget / 4 * 3 {
                    break;
                }
                self.entries.remove(&key);
                self.bytes -= len;
            }
        }
    }
}

/// One open index file.
#[derive(Debug)]
struct ReadHandle {
    path: Arc<Path>,
    file: File,
    len: usize,
    cache: Arc<Mutex<ReadCache>>,
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
        let key = (self.path.clone(), range.start, range.end);
        // A cache poisoned by a panic elsewhere is only passed by: the read
        // goes to the file, which is right either way.
        if let Some(bytes) = self.cache.lock().ok().and_then(|mut c| c.get(&key)) {
            return Ok(bytes);
        }
        let mut buf = vec![0u8; range.len()];
        self.file.read_exact_at(&mut buf, range.start as u64)?;
        let bytes = OwnedBytes::new(buf);
        if let Ok(mut c) = self.cache.lock() {
            c.put(key, bytes.clone());
        }
        Ok(bytes)
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
        Ok(Arc::new(ReadHandle { path: Arc::from(path), file, len, cache: self.cache.clone() }))
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
        match self.inner.acquire_lock(lock) {
            // The meta lock keeps a reader from reading `meta.json` while a
            // writer removes old files. On a read-only filesystem no one
            // writes and no lock file can be made: reading goes on without.
            // The writer's lock is never excused this way.
            Err(LockError::IoError(e))
                if lock.filepath == tantivy::directory::META_LOCK.filepath
                    && e.kind() == io::ErrorKind::ReadOnlyFilesystem =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_keeps_to_its_budget_and_drops_the_oldest_first() {
        let mut c = ReadCache::new(1000);
        let key = |i: usize| (Arc::<Path>::from(Path::new("f")), i, i + 200);
        for i in 0..5 {
            c.put(key(i), OwnedBytes::new(vec![i as u8; 200]));
            c.get(&key(0)); // the first stays in use
        }
        assert!(c.bytes <= 1000);
        c.put(key(5), OwnedBytes::new(vec![5; 200]));
        assert!(c.bytes <= 750, "{}", c.bytes);
        assert_eq!(c.get(&key(0)).unwrap().as_slice(), &[0; 200][..]);
        assert!(c.get(&key(1)).is_none(), "the least recently used went first");
        assert_eq!(c.get(&key(5)).unwrap().as_slice(), &[5; 200][..]);
        // A read bigger than a quarter of the budget is not kept.
        c.put(key(9), OwnedBytes::new(vec![9; 400]));
        assert!(c.get(&key(9)).is_none());
    }

    #[test]
    fn reads_ranges_and_refuses_ones_past_the_end() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f"), b"hello world").unwrap();
        let d = ReadDirectory::open(dir.path()).unwrap();
        let h = d.get_file_handle(Path::new("f")).unwrap();
        assert_eq!(h.len(), 11);
        assert_eq!(h.read_bytes(6..11).unwrap().as_slice(), b"world");
        assert_eq!(h.read_bytes(6..11).unwrap().as_slice(), b"world", "again, from the cache");
        assert_eq!(h.read_bytes(3..3).unwrap().as_slice(), b"");
        assert!(h.read_bytes(6..12).is_err());
        assert!(matches!(d.get_file_handle(Path::new("missing")), Err(OpenReadError::FileDoesNotExist(_))));
        // Without a cache (an import), what was kept goes, nothing more is
        // kept, and reads are the same.
        assert!(d.cache.lock().unwrap().bytes > 0);
        d.clone().set_cache_budget(0);
        assert_eq!(h.read_bytes(0..5).unwrap().as_slice(), b"hello");
        assert_eq!(h.read_bytes(6..11).unwrap().as_slice(), b"world");
        let c = d.cache.lock().unwrap();
        assert_eq!((c.bytes, c.entries.len()), (0, 0));
    }
}

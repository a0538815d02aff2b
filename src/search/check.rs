//! Checking the index's files against their checksums, reading each file
//! through a small buffer.
//!
//! Every file tantivy writes ends with a footer: a JSON object holding the
//! CRC-32 of the body (`{"version":…,"crc":N}`), the footer's length (u32,
//! little-endian) and a magic number (1337, u32). tantivy's own check
//! (`Index::validate_checksum`) reads each file whole into memory, which at
//! a million articles means hundreds of megabytes at once; this one reads
//! 1 MiB at a time, so the check costs what its buffer costs.

use super::Result;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use tantivy::Index;

const MAGIC: u32 = 1337;
/// Footers are a few hundred bytes; anything longer is damage.
const MAX_FOOTER: u32 = 10_000;

/// The files of `index`'s searchable segments (in `dir`) whose body does
/// not match the checksum in its footer, or whose footer is unreadable.
pub fn damaged_files(index: &Index, dir: &Path) -> Result<Vec<String>> {
    let mut files: Vec<_> = index.load_metas()?.list_segment_files().into_iter().collect();
    files.sort();
    let mut bad = Vec::new();
    for rel in files {
        let path = dir.join(&rel);
        match std::fs::File::open(&path) {
            Ok(file) => {
                if !matches(file).unwrap_or(false) {
                    bad.push(rel.display().to_string());
                }
            }
            // Candidates that were never written (a segment with no
            // deletes has no delete file).
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => bad.push(rel.display().to_string()),
        }
    }
    Ok(bad)
}

/// Whether `file`'s body matches its footer's checksum. An error reading it
/// is an `Err`, which the caller counts as damage.
fn matches(mut file: std::fs::File) -> std::io::Result<bool> {
    let len = file.metadata()?.len();
    if len < 8 {
        return Ok(false);
    }
    let mut tail = [0u8; 8];
    file.seek(SeekFrom::Start(len - 8))?;
    file.read_exact(&mut tail)?;
    let footer_len = u32::from_le_bytes(tail[..4].try_into().expect("4 bytes"));
    let magic = u32::from_le_bytes(tail[4..].try_into().expect("4 bytes"));
    if magic != MAGIC || footer_len > MAX_FOOTER || u64::from(footer_len) + 8 > len {
        return Ok(false);
    }
    let body_len = len - 8 - u64::from(footer_len);
    let mut footer = vec![0u8; footer_len as usize];
    file.seek(SeekFrom::Start(body_len))?;
    file.read_exact(&mut footer)?;
    let Some(crc) = serde_json::from_slice::<serde_json::Value>(&footer).ok().and_then(|f| f["crc"].as_u64()) else {
        return Ok(false);
    };
    file.seek(SeekFrom::Start(0))?;
    let mut hasher = crc32fast::Hasher::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut left = body_len;
    while left > 0 {
        let n = buf.len().min(left as usize);
        file.read_exact(&mut buf[..n])?;
        hasher.update(&buf[..n]);
        left -= n as u64;
    }
    Ok(u64::from(hasher.finalize()) == crc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchIndex;
    use crate::store::{NewArticle, Store};

    #[test]
    fn a_clean_index_passes_as_with_tantivy_and_a_flipped_byte_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let index_dir = dir.path().join("index");
        let mut store = Store::open_in_memory().unwrap();
        let batch: Vec<NewArticle> = (0..200)
            .map(|i| NewArticle {
                id: format!("{i}"),
                title: format!("t{i}"),
                body: format!("هەولێر {i}"),
                ..Default::default()
            })
            .collect();
        store.insert_batch(&batch, 0).unwrap();
        let (mut idx, _) = SearchIndex::open(&index_dir).unwrap();
        idx.sync(&store, &mut |_, _| {}).unwrap();
        assert!(damaged_files(&idx.index, &index_dir).unwrap().is_empty());
        assert!(idx.index.validate_checksum().unwrap().is_empty());
        let active = idx.index.load_metas().unwrap().list_segment_files();
        let victim = index_dir.join(active.iter().find(|p| p.extension().is_some_and(|e| e == "idx")).unwrap());
        let mut bytes = std::fs::read(&victim).unwrap();
        bytes[3] ^= 1;
        std::fs::write(&victim, bytes).unwrap();
        let name = victim.file_name().unwrap().to_string_lossy().into_owned();
        // (tantivy's own check would read the bytes it cached above through
        // the index's directory, and see no damage.)
        assert_eq!(damaged_files(&idx.index, &index_dir).unwrap(), [name]);
    }
}

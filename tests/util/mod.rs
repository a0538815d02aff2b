//! Shared harness: a fresh directory per test and the built `hewal` binary
//! run inside it (in the manner of ripgrep's tests/util.rs), a test HTTP
//! server (`http`), what an analyzer gives for a text (`tokens`) and the
//! Sorani test sets (`sorani`).
#![allow(dead_code)]

pub mod http;
pub mod sorani;
pub mod tokens;
pub mod vt;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary directory holding a data dir and input files.
pub struct Dir {
    pub root: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { root: tempfile::tempdir().expect("tempdir") }
    }

    pub fn path(&self) -> &Path {
        self.root.path()
    }

    pub fn data(&self) -> PathBuf {
        self.path().join("data")
    }

    /// Write a file (creating parent directories) and return its path.
    pub fn create(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// `hewal --data-dir DATA ARGS...`, with a clean environment.
    pub fn hewal(&self, args: &[&str]) -> Output {
        let mut cmd = self.command();
        cmd.arg("--data-dir").arg(self.data()).args(args);
        cmd.output().expect("run hewal")
    }

    /// The binary with HOME and config pointed into this dir, no data-dir
    /// variable, and English messages whatever this machine's locale is
    /// (HEWAL_LANG wins over config.toml and LANG; a test that wants
    /// another language passes `--lang`, or removes HEWAL_LANG).
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_hewal"));
        cmd.current_dir(self.path())
            .env("HEWAL_LANG", "en")
            .env_remove("HEWAL_DATA_DIR")
            .env("HOME", self.path())
            .env("XDG_DATA_HOME", self.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.path().join("xdg-config"))
            .env_remove("HEWAL_CONFIG_DIR");
        cmd
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Assert success and return stdout.
#[track_caller]
pub fn ok(o: &Output) -> String {
    assert!(o.status.success(), "hewal failed ({:?})\nstdout:\n{}\nstderr:\n{}", o.status, stdout(o), stderr(o));
    stdout(o)
}

/// Parse JSON Lines.
pub fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}"))).collect()
}

/// A JSON Lines article.
pub fn article(id: &str, title: &str, body: &str, published: &str) -> String {
    serde_json::json!({"id": id, "title": title, "body": body, "published": published, "source": "test"}).to_string()
}

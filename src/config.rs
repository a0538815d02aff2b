//! Where hewal keeps its data and configuration, and what the optional
//! `config.toml` may say.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Resolved locations.
#[derive(Clone, Debug)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

impl Paths {
    /// The data directory is, in order: `--data-dir`, `$HEWAL_DATA_DIR`
    /// (both arrive here through clap), `data_dir` in config.toml, or the
    /// platform's data directory (XDG on Linux: `~/.local/share/hewal`).
    pub fn resolve(data_dir: Option<PathBuf>) -> Result<(Paths, Config)> {
        let dirs = directories::ProjectDirs::from("", "", "hewal");
        let config_dir = std::env::var_os("HEWAL_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_owned()))
            .context("cannot find a home directory for hewal's configuration; set HEWAL_CONFIG_DIR")?;
        let config = Config::load(&config_dir.join("config.toml"))?;
        let data_dir = data_dir
            .or_else(|| config.data_dir.clone())
            .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_owned()))
            .context("cannot find a home directory for hewal's data; pass --data-dir DIR or set HEWAL_DATA_DIR")?;
        Ok((Paths { data_dir, config_dir }, config))
    }

    /// The SQLite database.
    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("hewal.db")
    }

    /// The feed subscriptions (a newsboat-style `urls` file).
    pub fn urls_path(&self) -> PathBuf {
        self.config_dir.join("urls")
    }

    /// The reader's picks from the calibration screen.
    pub fn calibration_path(&self) -> PathBuf {
        self.config_dir.join("calibration.toml")
    }

    /// The search index directory.
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }
}

/// Settings from `config.toml`; every key is optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Data directory, if not the platform's.
    pub data_dir: Option<PathBuf>,
    /// `auto`, `app` or `terminal` (see `hewal --help`); `--bidi` wins.
    pub bidi: Option<crate::fidelity::BidiMode>,
    /// `auto`, `on` or `off`; `--shape` wins.
    pub shape: Option<crate::fidelity::ShapeMode>,
}

impl Config {
    /// Read `path`; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config> {
        load_toml(path, "invalid configuration")
    }
}

/// Read a TOML file of hewal's: a missing file is the default value; a
/// file that does not parse is an error saying `what`, naming the file.
pub fn load_toml<T: serde::de::DeserializeOwned + Default>(path: &Path, what: &str) -> Result<T> {
    match std::fs::read_to_string(path) {
        Ok(s) => toml::from_str(&s).with_context(|| format!("{}: {what}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_is_optional_and_strict() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        assert!(Config::load(&p).unwrap().data_dir.is_none());
        std::fs::write(&p, "data_dir = \"/srv/news\"\n").unwrap();
        assert_eq!(Config::load(&p).unwrap().data_dir.unwrap(), PathBuf::from("/srv/news"));
        std::fs::write(&p, "bidi = \"terminal\"\nshape = \"off\"\n").unwrap();
        let c = Config::load(&p).unwrap();
        assert_eq!(
            (c.bidi, c.shape),
            (Some(crate::fidelity::BidiMode::Terminal), Some(crate::fidelity::ShapeMode::Off))
        );
        std::fs::write(&p, "bidi = \"sideways\"\n").unwrap();
        assert!(format!("{:#}", Config::load(&p).unwrap_err()).contains("sideways"));
        std::fs::write(&p, "data_dri = 1\n").unwrap();
        let err = format!("{:#}", Config::load(&p).unwrap_err());
        assert!(err.contains("config.toml: invalid configuration") && err.contains("data_dri"), "{err}");
    }
}

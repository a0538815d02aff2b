//! The reader's picks from the calibration screen, one per terminal
//! identity, in `calibration.toml` in the config directory. A reader who
//! uses hewal from two terminals (or over SSH from two machines) keeps one
//! pick for each.

use super::BidiMode;
use crate::config::{load_toml, write_atomic, ConfigError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub bidi: BidiMode,
    pub shape: bool,
}

/// All picks, by [`super::Environment::identity`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Calibration {
    #[serde(default)]
    terminals: BTreeMap<String, Choice>,
}

const HEADER: &str = "# Written by `hewal calibrate` (and the first-run calibration screen).\n\
                      # One entry per terminal; delete an entry to be asked again.\n";

impl Calibration {
    /// Read `path`; a missing file is an empty calibration. A damaged file
    /// is an error the caller reports and gets past: detection decides then.
    pub fn load(path: &Path) -> Result<Calibration, ConfigError> {
        load_toml(path, "not a calibration file")
    }

    /// Write to `path`, replacing the file whole (see [`write_atomic`]).
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        let body = toml::to_string(self).map_err(|error| ConfigError::Serialize { path: path.to_owned(), error })?;
        write_atomic(path, format!("{HEADER}{body}").as_bytes())
    }

    /// The pick saved for the terminal `identity`, if any.
    pub fn get(&self, identity: &str) -> Option<Choice> {
        self.terminals.get(identity).copied()
    }

    /// Save `choice` as the pick for `identity` (in memory; see [`save`](Self::save)).
    pub fn set(&mut self, identity: String, choice: Choice) {
        self.terminals.insert(identity, choice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/calibration.toml");
        assert_eq!(Calibration::load(&p).unwrap(), Calibration::default());
        let mut c = Calibration::default();
        c.set("xterm:xterm-256color".into(), Choice { bidi: BidiMode::App, shape: true });
        c.set("unknown:tmux-256color".into(), Choice { bidi: BidiMode::Terminal, shape: false });
        c.save(&p).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.starts_with("# Written by"), "{text}");
        assert_eq!(Calibration::load(&p).unwrap(), c);
        std::fs::write(&p, "terminals = 3").unwrap();
        let err = format!("{:#}", Calibration::load(&p).unwrap_err());
        assert!(err.contains("not a calibration file"), "{err}");
    }
}

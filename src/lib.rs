//! hewal (هەواڵ, "news" in Sorani Kurdish): a terminal news browser for
//! Sorani Kurdish and mixed Kurdish/English news.
//!
//! Data flows one way: files and [`feeds`] are imported into the [`store`]
//! (SQLite, the source of truth); the [`search`] index is derived from it;
//! the [`tui`] and [`cli`] read both, and every piece of article text passes
//! through [`text`] (sanitising, wrapping, bidi reordering) on its way to a
//! terminal cell. See `docs/ARCHITECTURE.md`.

#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod feeds;
pub mod fidelity;
pub mod i18n;
pub mod jobs;
pub mod panics;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;

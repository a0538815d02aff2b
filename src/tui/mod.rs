//! The terminal UI: ratatui + crossterm.
//!
//! The Elm architecture: [`app::App`] is the model; an [`action::Action`]
//! (from the [`keymap`]), a job's [`crate::jobs::Notification`] or an
//! effect's [`effect::Outcome`] are the messages; the app routes each to
//! the pane that owns the state it changes ([`panes`]); [`view::render`]
//! draws every pane's widget from `&App`. [`run`] waits on one select over
//! input, jobs and signals, applies every pending event, carries out the
//! queued effects, then draws once.
//!
//! Where things live: the list's selection and window in
//! `panes/list.rs`, the search bar's text and caret in
//! `panes/search_bar.rs`, the reader's scroll and layout cache in
//! `panes/reader.rs`, popups in `popups/`, words in `strings.rs`, styles in
//! `theme.rs`, which keys do what in `keymap.rs`.

pub mod action;
pub mod app;
pub mod backend;
pub mod cells;
pub mod effect;
pub mod event;
pub mod format;
pub mod keymap;
pub mod layout;
pub mod mirror;
pub mod mode;
pub mod panes;
pub mod popups;
mod run;
pub mod strings;
pub mod terminal;
pub mod theme;
pub mod view;

pub use run::{handle, run, Ended, Setup, TuiError};

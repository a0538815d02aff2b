//! What keys mean right now, and which pane they act on. Shared by the
//! keymap, the app and the views, so none of them imports another for it.

/// The app's mode: which keymap is in force and which popup is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing in the search bar.
    Search,
    /// The help popup is open; any key closes it.
    Help,
    /// The feeds pane is shown in place of the list and the reader.
    Feeds,
    /// The article's links are listed; a digit opens one.
    Links,
    /// The calibration screen: a digit picks how text is drawn.
    Calibrate,
    /// Typing the command to pipe the article to, or the file to save it in.
    Prompt(PromptKind),
}

/// What a prompt asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// A shell command that gets the article on its standard input (`|`).
    Pipe,
    /// A file to save the article in (`w`).
    Save,
}

/// Which pane movement keys act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

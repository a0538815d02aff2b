//! Everything the app can be asked to do, independent of keys.

/// An action from the keymap (or a test).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Stop the process (Ctrl-Z): the shell's `fg` brings hewal back.
    Suspend,
    /// Move the selection (list) or scroll (reader) by this many lines.
    Move(i64),
    /// A page down (+1) or up (-1).
    Page(i64),
    /// First (`false`) or last (`true`) item / line.
    Jump {
        end: bool,
    },
    /// Open the selected article in the reader.
    Open,
    /// Switch focus between the list and the reader.
    SwitchFocus,
    /// Put the cursor in the search bar.
    FocusSearch,
    /// Leave the search bar, keeping the query (`Enter`).
    SubmitSearch,
    /// Clear the query and leave the search bar (`Esc`), or go back.
    Back,
    /// Type into the search bar.
    Insert(char),
    DeleteBack,
    DeleteWord,
    ClearQuery,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    ToggleHelp,
    ToggleStar,
    ToggleRead,
    /// Next (`true`) or previous hit in the reader.
    NextHit(bool),
    /// Fetch every subscribed feed in the background.
    Refresh,
    /// Show or hide the feeds and their fetch state.
    ToggleFeeds,
    /// List the article's links (its own and its numbered references).
    ShowLinks,
    /// Open link number n of that list (0 is the article's own).
    OpenLinkNumber(u32),
    /// Open the article's link in a browser (copy it when there is none to open).
    OpenLink,
    /// Copy the article's link to the clipboard (OSC 52).
    CopyLink,
    /// Show only unread (or starred) articles, or all again if that is
    /// what is shown.
    ToggleFilter(crate::store::Filter),
    /// Open the next (`true`, older) or previous unread article of the view.
    NextUnread(bool),
    /// Mark every article of the view read.
    MarkViewRead,
    /// Mark every article of the library read.
    MarkAllRead,
    /// Delete the selected article.
    Delete,
    /// Make the list wider (`true`) or narrower.
    ResizeList(bool),
    /// Give the reader the whole screen, or share it again.
    Zoom,
    /// Search everywhere, or within the view shown again.
    WidenSearch,
    /// Ask for a command to pipe the article to (`|`) or a file to save it
    /// in (`w`).
    Prompt(super::mode::PromptKind),
    /// Revert the last bulk mark or delete.
    Undo,
    /// The calibration screen's answer: candidate n (0-based), or none
    /// (keep what was detected).
    Calibrate(Option<usize>),
}

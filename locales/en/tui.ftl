# hewal's interface in English. Every message here has a Sorani twin in
# ckb.ftl with the same id and the same variables (tests/i18n.rs checks).
# Numbers arrive as text in the digits chosen ($shown), and as numbers for
# plural choice ($n).

## The reader's screen

search-placeholder = search (press /)
no-matches = no matches
library-empty = the library is empty: hewal import PATH
empty-unread = no unread articles here · u shows all
empty-starred = no starred articles here · s stars one · S shows all
empty-source = nothing from this source yet · R fetches
no-article = no article selected
status-hint = ? help  q quit
help-title = {" "}keys (any key closes){" "}
no-feeds = no feeds yet: hewal feed add URL (or hewal feed import FILE.opml)
all-articles = all articles
feeds-hint = Enter shows its articles · A marks them read · R fetches · Esc back
feed-never-fetched = never
date-today = today
date-yesterday = yesterday
links-title = {" "}links: press a digit to open{" "}
calibration-question = Which block reads right: Kurdish from the right edge, letters joined?
calibration-keep = Press 1, 2 or 3 to keep it for this terminal (Esc: keep the detected mode).
# The calibration's candidates (the doctor report keeps them in English).
candidate-app-shaped = hewal reorders and joins the letters
candidate-app = hewal reorders, the terminal joins the letters
candidate-terminal = the terminal reorders and joins
pipe-label = {" "}| command:{" "}
save-label = {" "}save to file:{" "}

## Where a search looks

scope-everywhere = everywhere (Tab: in the view)
# $view: the filter and the origin, already joined
scope-view = in { $view } (Tab: everywhere)
filter-all = all
filter-unread = unread
filter-starred = starred

## The status line

searching = {" "}· searching…
index-opening = {" "}· opening index
search-unavailable-short = {" "}· search unavailable
indexing = {" "}· indexing { $shown }%
fetching = {" "}· fetching
fetching-some = {" "}· fetching { $done }/{ $total }
articles = { $n ->
    [one] { $shown } article
   *[other] { $shown } articles
}
unread-count = { $shown } unread
matches-counting = ≥ { $total } matches · counting… · { $ms } ms
matches-best = { $total } matches (best { $kept }) · { $ms } ms
matches = { $total } matches · { $ms } ms

## Messages

# The status line's short notes about the terminal (hewal doctor says more).
note-reorders-itself = { $terminal } reorders by itself (hewal doctor)
note-tmux-passthrough = tmux passthrough is off (hewal doctor)
note-kitty = kitty reverses Kurdish letters (hewal doctor)

no-link = this article has no link
no-links = this article has no links
no-hits = no search hits in this article
already-fetching = already fetching
undone = undone
nothing-to-undo = nothing to undo
no-more-unread = no more unread articles here
read-only = the library cannot be changed (read-only): reading works, marks are not saved
disk-full = the disk holding the library is full: reading works, marks are not saved until there is room
calibration-unchanged = calibration unchanged
saved-to = saved to { $path }
cannot-save-to = cannot save to { $path }: { $error }
command-failed = { $command }: { $error }
marked-read = marked read: { $n ->
    [one] { $shown } article
   *[other] { $shown } articles
}; U undoes
marked-unread = marked unread: { $n ->
    [one] { $shown } article
   *[other] { $shown } articles
}; U undoes
marked-starred = starred: { $n ->
    [one] { $shown } article
   *[other] { $shown } articles
}; U undoes
marked-unstarred = unstarred: { $n ->
    [one] { $shown } article
   *[other] { $shown } articles
}; U undoes
deleted = deleted { $n ->
    [one] { $shown } article
   *[other] { $shown } articles
}; U undoes
cannot-delete = cannot delete: { $error }
no-link-numbered = no link [{ $shown }]
not-a-web-link = not opening a non-web link: { $url }
copied = copied { $url }
opened = opened { $url }
copied-over-ssh = no browser here (SSH): copied { $url }
browser-not-found = not found
browser-not-executable = not executable
browser-failed = cannot start the browser { $program } ({ $why }): set browser in config.toml or $BROWSER; y copies the link
cannot-read-library = cannot read the library: { $error }
cannot-read-article = cannot read the article: { $error }
cannot-read-feeds = cannot read feed states: { $error }
# $what: one of the unsaved-* below
cannot-save = cannot save { $what }: { $error }
unsaved-read-mark = the read mark
unsaved-star = the star
unsaved-position = the reading position
unsaved-marks = the marks
unsaved-undo = the undo
unsaved-layout = the layout
query-full = a query is read up to { $shown } characters
worker-panicked = internal error in { $what } (please report it); hewal goes on
search-unavailable = search is unavailable: { $why }
fetch-failed = fetch failed: { $error }
fetched = fetched { $n ->
    [one] { $feeds } feed
   *[other] { $feeds } feeds
}: { $new } new, { $updated } updated
fetched-trimmed = , { $shown } old deleted (max_articles)
fetched-errors = ; { $shown } failed ({ $url }: { $error })
bidi-by-terminal = by the terminal
bidi-by-hewal = by hewal
shaping-on = on
shaping-off = off
calibration-what = bidi { $bidi }, shaping { $shaping }
calibration-saved = saved for this terminal: { $what } (hewal calibrate changes it)
calibration-not-saved = using { $what }, but { $error }

## The help overlay: what each command does (key-NAME, NAME as in [keys]),
## then the keys that cannot be rebound. 24 characters at most.

key-down = next; scroll down
key-up = previous; scroll up
key-page_down = page down
key-page_up = page up
key-top = first
key-bottom = last
key-open = open the article
key-close_reader = back to the list
key-switch_focus = list ⇄ reader
key-search = search as you type
key-back = clear the search / back
key-next = next hit, else unread
key-previous = previous hit / unread
key-previous_unread = previous unread
key-unread_only = unread only / all
key-starred_only = starred only / all
key-toggle_read = mark read / unread
key-star = star / unstar
key-mark_view_read = mark all shown read
key-mark_all_read = mark everything read
key-delete = delete the article
key-undo = undo mark-all or delete
key-narrower = narrower list
key-wider = wider list
key-zoom = reader full screen
key-pipe = pipe the article
key-save = save it as text
key-refresh = fetch all feeds
key-feeds = feeds and sources
key-open_link = open the link
key-copy_link = copy the link (OSC 52)
key-links = its links (then 0-9)
key-help = this help
key-quit = quit
fixed-search-enter = search: keep results
fixed-search-tab = search: view / all
fixed-suspend = suspend (fg resumes)
fixed-quit = quit

# The command line's messages in English (hewal's summaries and reports on
# stderr); clap's --help stays English. Sorani twin: ../ckb/cli.ftl.
# Counts arrive as text ($shown, $new, $total…), and as numbers for plural
# choice ($n).
#
# Left English on purpose: the library's own errors (store, search index,
# config.toml, feeds), which a message here may quote as $error or $why;
# `hewal doctor`'s report and `hewal config default` (diagnostics and a
# file, English throughout); the rows `hewal feed list` prints on stdout.

warning-label = warning

## The library and its search index

cli-library-empty = the library is empty: `hewal import PATH` or `hewal feed add URL`, then `hewal fetch`
no-library = there is no library in { $path } yet: `hewal import PATH` or `hewal feed add URL` starts one
cannot-open-library = cannot open the library in { $path }
# $error: the store's, naming the directory; $fix: one of the fix-* below
data-dir-problem = { $error }; { $fix }
fix-not-a-directory = --data-dir (or HEWAL_DATA_DIR) must name a directory (or leave it out for ~/.local/share/hewal)
fix-data-dir-permissions = give hewal a directory it can write with --data-dir (or HEWAL_DATA_DIR), or change its permissions
# $why: what was wrong with the index (English, from the search module)
index-rebuilding = the search index was { $why }; rebuilding it from the library
index-rebuilt = the search index was { $why }; rebuilt it from the library
index-unreadable = the search index could not be read ({ $why }); rebuilding it from the library
index-read-only = the library cannot be changed (read-only): searching the index as it is
index-disk-full = the disk holding the library is full: searching the index as it is; free some space for hewal to save changes again
index-as-it-is = { $error }; searching the index as it is
index-catches-up = { $error }; the index catches up when hewal next opens it

## Summaries

imported = imported { $new } new article(s), { $old } already in the library, { $problems } problem(s)
search-matches = { $shown } of { $total } match(es)
indexed = indexed { $shown } article(s)
query-cut = the query is long: searching for its first { $chars } characters and { $words } words
cli-marked-read = marked read: { $shown } article(s)
cli-marked-unread = marked unread: { $shown } article(s)
cli-marked-starred = starred: { $shown } article(s)
cli-marked-unstarred = unstarred: { $shown } article(s)
purged = deleted { $shown } article(s)
purge-kept-starred = ; kept { $shown } starred article(s)
no-article-id = no article with id { $id } in the library (`hewal list --json` shows the ids)
# $sources: import-sources, or nothing
no-such-origin = no feed or import source named { $name } (`hewal feed list` lists the feeds{ $sources })
import-sources = ; import sources: { $list }
ambiguous-title = { $name } is the title of more than one feed: { $list }; name one by its URL

## Feeds

no-subscriptions = no subscriptions; add one with `hewal feed add URL`
not-a-web-url = { $url } is not an http:// or https:// URL
already-subscribed = already subscribed to { $url }
subscribed = subscribed to { $url }; `hewal fetch` fetches it
not-subscribed = not subscribed to { $url } (see `hewal feed list`)
unsubscribed = unsubscribed from { $url }; its articles stay in the library
feeds-subscribed = subscribed to { $shown } new feed(s)
not-opml = { $path }: not a valid OPML file
cli-fetched = { $feeds } feed(s): { $new } new, { $updated } updated article(s), { $unchanged } unchanged feed(s), { $errors } error(s)
cli-fetched-trimmed = , { $shown } old article(s) deleted (max_articles)

## Files, the terminal, config.toml

cannot-read = cannot read { $path }
cannot-open = cannot open { $path }
# $what: the-reader or the-calibration-screen; $why: standard-output or standard-input
needs-terminal = { $what } needs a terminal ({ $why } is not one); `hewal list` and `hewal search` print to pipes
the-reader = the reader
the-calibration-screen = the calibration screen
standard-output = standard output
standard-input = standard input
calibration-ignored = { $error }; ignoring it (`hewal calibrate` writes a new one)
config-defaults-shown = { $error }; the settings below are the defaults
# $what: [keys], or config-colours; the problems follow, one a line
config-invalid = { $path }: invalid { $what }:
config-colours = colours
config-not-there-yet = it does not exist yet; `hewal config default > FILE` writes a commented one
config-no-problems = { $path }: no problems
config-absent = { $path }: not there; hewal runs on its defaults
config-unknown-feed = [feed."{ $url }"]: no such subscription (`hewal feed list` shows them); the setting does nothing

## Progress bars

progress-indexing = indexing
progress-importing = importing:
progress-fetching = fetching
progress-stored = { $shown } stored,
progress-indexed = indexed,

# hewal's interface in Sorani (Central Kurdish, ckb). The same ids and the
# same variables as ../en/tui.ftl (tests/i18n.rs checks). Terms follow
# docs/GLOSSARY.md: existing Sorani localisations first (GNOME, Evolution,
# Django), hand-chosen only where none had the word.
#
# Sorani punctuation: ، (U+060C) for the comma, ؛ (U+061B) for the
# semicolon, ؟ (U+061F) for the question mark. Key names, commands and
# paths stay in Latin letters: they are what the reader types.
#
# After a number the noun stays singular (سێ وتار, "three articles"), so
# the plural choices below have one form for both; they are kept so that
# counts go through the same plural rules (CLDR: one, other) as English.

## The reader's screen

search-placeholder = گەڕان (/ دابگرە)
no-matches = هیچ ئەنجامێک نییە
library-empty = کتێبخانەکە بەتاڵە: hewal import PATH
empty-unread = لێرە هیچ وتارێکی نەخوێندراو نییە · u هەموو پیشان دەدات
empty-starred = لێرە هیچ وتارێکی ئەستێرەکراو نییە · s ئەستێرەی لێ دەدات · S هەموو پیشان دەدات
empty-source = هێشتا هیچ لەم سەرچاوەیەوە نییە · R تازەی دەکاتەوە
no-article = هیچ وتارێک هەڵنەبژێردراوە
status-hint = ? یارمەتی  q دەرچوون
help-title = {" "}کلیلەکان (هەر کلیلێک دایدەخات){" "}
no-feeds = هێشتا هیچ فیدێک نییە: hewal feed add URL (یان hewal feed import FILE.opml)
all-articles = هەموو وتارەکان
feeds-hint = Enter وتارەکانی پیشان دەدات · A وەک خوێندراو نیشانیان دەکات · R تازەیان دەکاتەوە · Esc گەڕانەوە
feed-never-fetched = هەرگیز
date-today = ئەمڕۆ
date-yesterday = دوێنێ
links-title = {" "}بەستەرەکان: ژمارەیەک دابگرە بۆ کردنەوە{" "}
calibration-question = کام بەش ڕاست دەخوێنرێتەوە: کوردی لە لای ڕاستەوە، پیتەکان لکاو؟
calibration-keep = 1، 2 یان 3 دابگرە بۆ ئەوەی بۆ ئەم تێرمیناڵە بمێنێتەوە (Esc: شێوازی دۆزراوە).
candidate-app-shaped = هەواڵ ڕیزیان دەکات و پیتەکان دەلکێنێت
candidate-app = هەواڵ ڕیزیان دەکات، تێرمیناڵ پیتەکان دەلکێنێت
candidate-terminal = تێرمیناڵ ڕیزیان دەکات و دەیانلکێنێت
pipe-label = {" "}| فەرمان:{" "}
save-label = {" "}پاشەکەوتکردن لە پەڕگەی:{" "}

## Where a search looks

scope-everywhere = لە هەموو شوێنێک (Tab: لەم دیمەنەدا)
# $view: the filter and the origin, already joined
scope-view = لە { $view } (Tab: لە هەموو شوێنێک)
filter-all = هەموو
filter-unread = نەخوێندراو
filter-starred = ئەستێرەکراو

## The status line

searching = {" "}· گەڕان…
index-opening = {" "}· کردنەوەی پێڕست
search-unavailable-short = {" "}· گەڕان بەردەست نییە
indexing = {" "}· پێڕستکردن { $shown }٪
fetching = {" "}· تازەکردنەوە
fetching-some = {" "}· تازەکردنەوە { $done }/{ $total }
articles = { $n ->
    [one] { $shown } وتار
   *[other] { $shown } وتار
}
unread-count = { $shown } نەخوێندراو
matches-counting = ≥ { $total } ئەنجام · دەژمێردرێت… · { $ms } ms
matches-best = { $total } ئەنجام (باشترینی { $kept }) · { $ms } ms
matches = { $total } ئەنجام · { $ms } ms

## Messages

note-reorders-itself = { $terminal } خۆی ڕیزیان دەکات (hewal doctor)
note-tmux-passthrough = passthrough لە tmux کوژاوەتەوە (hewal doctor)
note-kitty = kitty پیتە کوردییەکان پێچەوانە دەکاتەوە (hewal doctor)

no-link = ئەم وتارە بەستەری نییە
no-links = ئەم وتارە هیچ بەستەرێکی تێدا نییە
no-hits = لەم وتارەدا هیچ ئەنجامێکی گەڕان نییە
already-fetching = خەریکی تازەکردنەوەیە
undone = گەڕێندرایەوە
nothing-to-undo = هیچ نییە بۆ گەڕاندنەوە
no-more-unread = لێرە وتاری نەخوێندراوی تر نییە
read-only = کتێبخانەکە ناگۆڕدرێت (تەنها خوێندنەوە): دەتوانیت بخوێنیتەوە، بەڵام نیشانەکان پاشەکەوت ناکرێن
disk-full = دیسکی کتێبخانەکە پڕە: دەتوانیت بخوێنیتەوە، بەڵام تا شوێن نەبێت نیشانەکان پاشەکەوت ناکرێن
calibration-unchanged = پێوانەکردن نەگۆڕدرا
saved-to = پاشەکەوت کرا لە { $path }
cannot-save-to = ناتوانرێت لە { $path } پاشەکەوت بکرێت: { $error }
command-failed = { $command }: { $error }
marked-read = وەک خوێندراو نیشانکرا: { $n ->
    [one] { $shown } وتار
   *[other] { $shown } وتار
}؛ U دەیگەڕێنێتەوە
marked-unread = وەک نەخوێندراو نیشانکرا: { $n ->
    [one] { $shown } وتار
   *[other] { $shown } وتار
}؛ U دەیگەڕێنێتەوە
marked-starred = ئەستێرەی لێدرا: { $n ->
    [one] { $shown } وتار
   *[other] { $shown } وتار
}؛ U دەیگەڕێنێتەوە
marked-unstarred = ئەستێرەکەی لابرا: { $n ->
    [one] { $shown } وتار
   *[other] { $shown } وتار
}؛ U دەیگەڕێنێتەوە
deleted = { $n ->
    [one] { $shown } وتار
   *[other] { $shown } وتار
} سڕایەوە؛ U دەیگەڕێنێتەوە
cannot-delete = ناتوانرێت بسڕدرێتەوە: { $error }
no-link-numbered = بەستەری [{ $shown }] نییە
not-a-web-link = ئەمە بەستەری وێب نییە، ناکرێتەوە: { $url }
copied = لەبەرگیرایەوە: { $url }
opened = کرایەوە: { $url }
copied-over-ssh = وێبگەڕ لێرە نییە (SSH): لەبەرگیرایەوە { $url }
browser-not-found = نەدۆزرایەوە
browser-not-executable = جێبەجێ ناکرێت
browser-failed = وێبگەڕی { $program } دەست پێ ناکات ({ $why }): browser لە config.toml یان $BROWSER دابنێ؛ y بەستەرەکە لەبەردەگرێتەوە
cannot-read-library = ناتوانرێت کتێبخانەکە بخوێنرێتەوە: { $error }
cannot-read-article = ناتوانرێت وتارەکە بخوێنرێتەوە: { $error }
cannot-read-feeds = ناتوانرێت باری فیدەکان بخوێنرێتەوە: { $error }
# $what: one of the unsaved-* below
cannot-save = ناتوانرێت { $what } پاشەکەوت بکرێت: { $error }
unsaved-read-mark = نیشانەی خوێندنەوە
unsaved-star = ئەستێرە
unsaved-position = شوێنی خوێندنەوە
unsaved-marks = نیشانەکان
unsaved-undo = گەڕاندنەوە
unsaved-layout = ڕیزبەندی شاشە
query-full = گەڕان تەنها { $shown } پیتی یەکەم دەخوێنێتەوە
worker-panicked = هەڵەی ناوخۆیی لە { $what } (تکایە ڕاپۆرتی بکە)؛ هەواڵ بەردەوام دەبێت
search-unavailable = گەڕان بەردەست نییە: { $why }
fetch-failed = تازەکردنەوە سەرنەکەوت: { $error }
fetched = { $n ->
    [one] { $feeds } فید
   *[other] { $feeds } فید
} تازەکرایەوە: { $new } نوێ، { $updated } نوێکراوە
fetched-trimmed = ، { $shown } کۆن سڕایەوە (max_articles)
fetched-errors = ؛ { $shown } سەرنەکەوت ({ $url }: { $error })
bidi-by-terminal = لەلایەن تێرمیناڵەوە
bidi-by-hewal = لەلایەن هەواڵەوە
shaping-on = هەڵکراوە
shaping-off = کوژاوەتەوە
calibration-what = ئاراستە { $bidi }، لکاندنی پیت { $shaping }
calibration-saved = بۆ ئەم تێرمیناڵە پاشەکەوت کرا: { $what } (hewal calibrate دەیگۆڕێت)
calibration-not-saved = { $what } بەکاردێت، بەڵام { $error }

## The help overlay: what each command does (key-NAME, NAME as in [keys]),
## then the keys that cannot be rebound. 24 cells at most.

key-down = دواتر؛ خوارەوە
key-up = پێشتر؛ سەرەوە
key-page_down = پەڕەی دواتر
key-page_up = پەڕەی پێشتر
key-top = یەکەم
key-bottom = کۆتایی
key-open = کردنەوەی وتار
key-close_reader = گەڕانەوە بۆ لیست
key-switch_focus = لیست ⇄ خوێنەر
key-search = گەڕان لە کاتی نووسین
key-back = پاککردنەوە / گەڕانەوە
key-next = ئەنجام/نەخوێندراوی دواتر
key-previous = ئەنجام/نەخوێندراوی پێشوو
key-previous_unread = نەخوێندراوی پێشتر
key-unread_only = تەنها نەخوێندراو / هەموو
key-starred_only = ئەستێرەکراو / هەموو
key-toggle_read = خوێندراو / نەخوێندراو
key-star = ئەستێرە / لابردنی
key-mark_view_read = هەموو ئەمانە خوێندراون
key-mark_all_read = هەموو شتێک خوێندراوە
key-delete = سڕینەوەی وتار
key-undo = گەڕاندنەوەی دوایین کار
key-narrower = لیستی باریکتر
key-wider = لیستی پانتر
key-zoom = بینینی پڕاوپڕی خوێنەر
key-pipe = ناردنی وتار بۆ فەرمان
key-save = پاشەکەوتکردن وەک دەق
key-refresh = تازەکردنەوەی فیدەکان
key-feeds = فید و سەرچاوەکان
key-open_link = کردنەوەی بەستەر
key-copy_link = لەبەرگرتنەوەی بەستەر
key-links = بەستەرەکانی (0-9)
key-help = ئەم یارمەتییە
key-quit = دەرچوون
fixed-search-enter = لە گەڕان: هێشتنەوە
fixed-search-tab = لە گەڕان: دیمەن / هەموو
fixed-suspend = ڕاگرتن (fg: بەردەوام)
fixed-quit = دەرچوون

# The command line's messages in Sorani; the same ids and variables as
# ../en/cli.ftl (tests/i18n.rs checks). clap's --help stays English.
# Terms follow docs/GLOSSARY.md and ../ckb/tui.ftl; commands, options,
# paths and config keys stay in Latin letters: they are what is typed.
# Sorani punctuation: ، ؛ ؟. After a number the noun stays singular.
# $error and $why are the library's own words, English for now.

warning-label = ئاگاداری

## The library and its search index

cli-library-empty = کتێبخانەکە بەتاڵە: `hewal import PATH` یان `hewal feed add URL`، پاشان `hewal fetch`
no-library = هێشتا هیچ کتێبخانەیەک لە { $path } نییە: `hewal import PATH` یان `hewal feed add URL` یەکێک دروست دەکات
cannot-open-library = ناتوانرێت کتێبخانەکەی ناو { $path } بکرێتەوە
data-dir-problem = { $error }؛ { $fix }
fix-not-a-directory = --data-dir (یان HEWAL_DATA_DIR) دەبێت ناوی بوخچەیەک بێت (یان دایمەنێ بۆ ~/.local/share/hewal)
fix-data-dir-permissions = بە --data-dir (یان HEWAL_DATA_DIR) بوخچەیەک بدە بە هەواڵ کە بتوانێت تێیدا بنووسێت، یان مۆڵەتەکانی بگۆڕە
index-rebuilding = پێڕستی گەڕان لە کتێبخانەکەوە دووبارە دروست دەکرێتەوە ({ $why })
index-rebuilt = پێڕستی گەڕان لە کتێبخانەکەوە دووبارە دروست کرایەوە ({ $why })
index-unreadable = پێڕستی گەڕان نەخوێندرایەوە ({ $why })؛ لە کتێبخانەکەوە دووبارە دروست دەکرێتەوە
index-read-only = کتێبخانەکە ناگۆڕدرێت (تەنها خوێندنەوە): گەڕان لە پێڕستەکە وەک خۆی
index-disk-full = دیسکی کتێبخانەکە پڕە: گەڕان لە پێڕستەکە وەک خۆی؛ هەندێک شوێن بەتاڵ بکەرەوە تا هەواڵ گۆڕانکارییەکان پاشەکەوت بکاتەوە
index-as-it-is = { $error }؛ گەڕان لە پێڕستەکە وەک خۆی
index-catches-up = { $error }؛ جاری داهاتوو کە هەواڵ پێڕستەکە دەکاتەوە، نوێ دەکرێتەوە

## Summaries

imported = { $new } وتاری نوێ هێنرا، { $old } پێشتر لە کتێبخانەکەدا هەبوو، { $problems } کێشە
search-matches = { $shown } لە { $total } ئەنجام
indexed = { $shown } وتار پێڕست کرا
query-cut = گەڕانەکە درێژە: تەنها بە { $chars } پیت و { $words } وشەی یەکەمی دەگەڕێت
cli-marked-read = وەک خوێندراو نیشانکرا: { $shown } وتار
cli-marked-unread = وەک نەخوێندراو نیشانکرا: { $shown } وتار
cli-marked-starred = ئەستێرەی لێدرا: { $shown } وتار
cli-marked-unstarred = ئەستێرەکەی لابرا: { $shown } وتار
purged = { $shown } وتار سڕایەوە
purge-kept-starred = ؛ { $shown } وتاری ئەستێرەکراو مایەوە
no-article-id = هیچ وتارێک بە ناسنامەی { $id } لە کتێبخانەکەدا نییە (`hewal list --json` ناسنامەکان پیشان دەدات)
no-such-origin = هیچ فید یان سەرچاوەیەکی هێنراو بە ناوی { $name } نییە (`hewal feed list` فیدەکان پیشان دەدات{ $sources })
import-sources = ؛ سەرچاوە هێنراوەکان: { $list }
ambiguous-title = { $name } ناونیشانی زیاتر لە یەک فیدە: { $list }؛ یەکێکیان بە URLەکەی دیاری بکە

## Feeds

no-subscriptions = هیچ بەشداربوونێک نییە؛ بە `hewal feed add URL` یەکێک زیاد بکە
not-a-web-url = { $url } بەستەری http:// یان https:// نییە
already-subscribed = پێشتر بەشداری { $url } کراوە
subscribed = بەشداری { $url } کرا؛ `hewal fetch` تازەی دەکاتەوە
not-subscribed = بەشداری { $url } نەکراوە (بڕوانە `hewal feed list`)
unsubscribed = بەشداربوون لە { $url } هەڵوەشایەوە؛ وتارەکانی لە کتێبخانەکەدا دەمێننەوە
feeds-subscribed = بەشداری { $shown } فیدی نوێ کرا
not-opml = { $path }: پەڕگەیەکی OPMLی دروست نییە
cli-fetched = { $feeds } فید: { $new } وتاری نوێ، { $updated } نوێکراوە، { $unchanged } فیدی نەگۆڕاو، { $errors } هەڵە
cli-fetched-trimmed = ، { $shown } وتاری کۆن سڕایەوە (max_articles)

## Files, the terminal, config.toml

cannot-read = ناتوانرێت { $path } بخوێنرێتەوە
cannot-open = ناتوانرێت { $path } بکرێتەوە
needs-terminal = { $what } پێویستی بە تێرمیناڵە ({ $why } تێرمیناڵ نییە)؛ `hewal list` و `hewal search` بۆ pipe دەنووسن
the-reader = خوێنەر
the-calibration-screen = شاشەی ڕێکخستنی تێرمیناڵ
standard-output = دەرچەی ستاندارد
standard-input = تێچەی ستاندارد
calibration-ignored = { $error }؛ پشتگوێ دەخرێت (`hewal calibrate` دانەیەکی نوێ دەنووسێت)
config-defaults-shown = { $error }؛ ئەو ڕێکخستنانەی خوارەوە بنەڕەتین
config-invalid = { $path }: { $what } نادروستە:
config-colours = ڕەنگەکان
config-not-there-yet = هێشتا بوونی نییە؛ `hewal config default > FILE` دانەیەکی ڕوونکراوە دەنووسێت
config-no-problems = { $path }: هیچ کێشەیەک نییە
config-absent = { $path }: بوونی نییە؛ هەواڵ بە ڕێکخستنە بنەڕەتییەکان کار دەکات
config-unknown-feed = [feed."{ $url }"]: بەشداربوونی وا نییە (`hewal feed list` پیشانیان دەدات)؛ ئەم ڕێکخستنە هیچ ناکات

## Progress bars

progress-indexing = پێڕستکردن
progress-importing = هێنان:
progress-fetching = تازەکردنەوە
progress-stored = { $shown } هەڵگیرا،
progress-indexed = پێڕستکرا،

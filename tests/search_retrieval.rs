//! Retrieval on the bundled sample library, through the same path as the
//! TUI and `hewal search` (store → index → query): orthographic variants,
//! inflected forms, prefixes typed letter by letter, English words, phrases,
//! exclusions, and random strings that must find nothing.

use hewal::search::SearchIndex;
use hewal::store::{sample, Store};

struct Lib {
    store: Store,
    index: SearchIndex,
}

fn lib() -> Lib {
    let mut store = Store::open_in_memory().unwrap();
    sample::import_samples(&mut store).unwrap();
    let mut index = SearchIndex::in_memory().unwrap();
    index.sync(&store, &mut |_, _| {}).unwrap();
    Lib { store, index }
}

impl Lib {
    /// Ids of the results, best first.
    fn ids(&self, q: &str) -> Vec<String> {
        let r = self.index.search(q, 50).unwrap();
        r.hits.iter().map(|h| self.store.article(h.key).unwrap().id).collect()
    }

    #[track_caller]
    fn finds(&self, q: &str, id: &str, within: usize) {
        let ids = self.ids(q);
        let pos = ids.iter().position(|i| i == id);
        assert!(pos.is_some_and(|p| p < within), "{q:?}: {id} not in the top {within}: {ids:?}");
    }
}

/// The id of the seed article whose body contains `text`.
fn seed_id(l: &Lib, text: &str) -> String {
    let rows = l.store.window(0, 100).unwrap();
    rows.iter().map(|r| l.store.article(r.key).unwrap()).find(|a| a.body.contains(text)).unwrap().id
}

#[test]
fn arabic_and_persian_keyboard_spellings_find_the_kurdish_ones() {
    let l = lib();
    // (as typed on an Arabic/Persian keyboard, Kurdish spelling)
    let pairs = [
        ("كوردستان", "کوردستان"),
        ("هه‌ولير", "هەولێر"),
        ("ھەولێر", "هەولێر"),
        ("ولات", "وڵات"),
        ("سه‌روك", "سەرۆک"),
        ("وه‌زاره‌ت", "وەزارەت"),
        ("٢٠٢٥", "2025"),
        ("۲۰۲۵", "2025"),
    ];
    for (typed, kurdish) in pairs {
        let a = l.ids(&format!("{typed} "));
        let b = l.ids(&format!("{kurdish} "));
        assert!(!b.is_empty(), "{kurdish} finds nothing");
        let (mut sa, mut sb) = (a.clone(), b.clone());
        sa.sort();
        sb.sort();
        assert_eq!(sa, sb, "{typed:?} and {kurdish:?} find different articles");
    }
    // The old-orthography article is found by the Kurdish spelling.
    l.finds("هەڵمەتی کوتان ", "sample-old-orthography", 1);
    l.finds("تەندروستی ", "sample-old-orthography", 3);
}

#[test]
fn inflected_forms_find_other_inflections() {
    let l = lib();
    for q in ["یاریزان ", "یاریزانەکان ", "یاریزانێک ", "یاریزانانی ", "یارییەکان "]
    {
        l.finds(q, "sample-sports-inflection", 1);
    }
    let nato = seed_id(&l, "ستۆڵتنبێرگ");
    for q in ["وڵات ", "وڵاتەکان ", "وڵاتێک ", "وڵاتانی "] {
        l.finds(q, &nato, 3);
    }
    for q in ["ڕۆژنامە ", "ڕۆژنامەکان ", "ڕۆژنامەیەک "] {
        l.finds(q, "sample-long-press-history", 1);
    }
}

#[test]
fn prefixes_find_while_typing() {
    let l = lib();
    for (word, id) in [
        ("قاهیرە", "sample-long-press-history"),
        ("OpenStreetMap", "sample-mixed-tech"),
        ("یاریزانەکان", "sample-sports-inflection"),
    ] {
        let chars: Vec<char> = word.chars().collect();
        for n in 3..=chars.len() {
            let typed: String = chars[..n].iter().collect();
            l.finds(&typed, id, 5);
        }
    }
    let stoltenberg = seed_id(&l, "ستۆڵتنبێرگ");
    // Three letters may begin several words; from four on it is unambiguous here.
    l.finds("ستۆ", &stoltenberg, 2);
    for typed in ["ستۆڵ", "ستۆڵت", "ستۆڵتن"] {
        l.finds(typed, &stoltenberg, 1);
    }
}

#[test]
fn english_words_in_any_case() {
    let l = lib();
    for q in ["openstreetmap ", "OpenStreetMap ", "OPENSTREETMAP ", "github "] {
        l.finds(q, "sample-mixed-tech", 1);
    }
    for q in ["kilim ", "Kilim ", "weavers "] {
        l.finds(q, "sample-en-culture", 1);
    }
}

#[test]
fn phrases_exclusions_and_multiword() {
    let l = lib();
    let biden = seed_id(&l, "بایدن");
    l.finds("\"سەرۆکی ئەمریکا\"", &biden, 2);
    let with = l.ids("ناتۆ ");
    let without = l.ids("ناتۆ -بایدن");
    assert!(with.contains(&biden) && !without.contains(&biden), "{with:?} / {without:?}");
    assert!(!without.is_empty());
    l.finds("پووتین بایدن ", &biden, 1);
}

#[test]
fn stopwords_alone_still_find_something() {
    let l = lib();
    assert!(!l.ids("لە ").is_empty());
    assert!(!l.ids("و لە بۆ ").is_empty());
}

#[test]
fn random_letter_strings_find_nothing() {
    let l = lib();
    let letters: Vec<char> = "ئابپتجچحخدرڕزژسشعغفڤقکگلڵمنهەوۆیێ".chars().collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200 {
        let len = 5 + (next() % 4) as usize;
        let word: String = (0..len).map(|_| letters[(next() % letters.len() as u64) as usize]).collect();
        for q in [word.clone(), format!("{word} ")] {
            assert!(l.ids(&q).is_empty(), "random {q:?} found {:?}", l.ids(&q));
        }
    }
}

#[test]
fn a_half_typed_word_ending_in_heh_still_finds_as_a_prefix() {
    // Typing جیهان letter by letter passes through جیه, whose final ه reads
    // as the vowel ە when the word ends there; both readings are tried.
    let l = lib();
    let nato = seed_id(&l, "جیهان");
    for typed in ["جیه", "جیها", "جیهان"] {
        l.finds(typed, &nato, 3);
    }
}

/// Rule A1 of the stemmer: an ambiguous ending gives both readings at one
/// position, in the index and in the query, so two forms meet if any reading
/// agrees; highlighting still marks the whole word.
#[test]
fn ambiguous_endings_meet_through_either_reading() {
    use hewal::store::NewArticle;
    let mut store = Store::open_in_memory().unwrap();
    let docs = [
        ("a", "دەریاکان", "ئاوی دەریامان پاک بوو"),
        ("b", "فیلم", "فیلمەکە لە شاشە نیشان درا"),
        ("c", "دار", "درەختان لە باخچەکە"),
        ("d", "شار", "کوردستان و هەرێمەکە"),
    ];
    let batch: Vec<NewArticle> = docs
        .iter()
        .map(|(id, title, body)| NewArticle {
            id: (*id).into(),
            source: "test".into(),
            title: (*title).into(),
            body: (*body).into(),
            ..Default::default()
        })
        .collect();
    store.insert_batch(&batch, 1).unwrap();
    let mut index = SearchIndex::in_memory().unwrap();
    index.sync(&store, &mut |_, _| {}).unwrap();
    let ids = |q: &str| -> Vec<String> {
        let r = index.search(q, 10).unwrap();
        r.hits.iter().map(|h| store.article(h.key).unwrap().id).collect()
    };
    // the index side: دەریامان also reads as دەریا
    assert_eq!(ids("دەریا "), ["a"]);
    // the query side: فیلمانی also reads as فیلم + -انی
    assert_eq!(ids("فیلمانی "), ["b"]);
    // درەختان is درەخت + -ان
    assert_eq!(ids("درەختەکە "), ["c"]);
    // کوردستان is not کورد
    assert!(ids("کورد ").is_empty());
    // highlighting marks the word whose other reading matched
    let r = index.search("دەریا ", 10).unwrap();
    let body = "ئاوی دەریامان پاک بوو";
    let hits: Vec<&str> = r.matcher.hit_ranges(body).into_iter().map(|h| &body[h]).collect();
    assert_eq!(hits, ["دەریامان"]);
}

/// Sorani typed in Latin letters (issue 19): Kurdish Latin with or without
/// its diacritics and the ASCII spellings find what the Arabic-script word
/// finds, whole (`"hewlêr "`) and while being typed (`"hewl"`).
#[test]
fn sorani_typed_in_latin_letters_finds_the_arabic_script_articles() {
    let l = lib();
    // ASCII `e` does not say which e it is (ە or ێ), so the old-orthography
    // sample, which writes ێ as ی (هه‌ولير), is found by `hewlêr`, not by
    // `hewler`.
    let old = "sample-old-orthography";
    // (Arabic script, Kurdish Latin, ASCII)
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("هەولێر", &["hewlêr", "HEWLÊR"], &["hewler", "Hewler"]),
        ("کوردستان", &["kurdistan", "Kurdistan"], &["kurdstan"]),
        ("سلێمانی", &["silêmanî", "Silêmanî"], &["slemani", "Silemani"]),
    ];
    for (arabic, hawar, ascii) in cases {
        let want = l.ids(&format!("{arabic} "));
        assert!(!want.is_empty(), "{arabic} finds nothing");
        for (spellings, skip) in [(*hawar, ""), (*ascii, old)] {
            for s in spellings {
                let got = l.ids(&format!("{s} "));
                for id in want.iter().filter(|id| *id != skip) {
                    assert!(got.contains(id), "{s:?} misses {id}, which {arabic} finds: {got:?} vs {want:?}");
                }
            }
        }
        // While typing: the first five letters already find them (a key
        // of three letters or more is matched as a beginning).
        let typed: String = hawar[0].chars().take(5).collect();
        let got = l.ids(&typed);
        assert!(want.iter().all(|id| got.contains(id)), "{typed:?} while typing: {got:?} vs {want:?}");
    }
    // An English word still finds its English article first.
    let top = l.store.article(l.index.search("kilim ", 1).unwrap().hits[0].key).unwrap();
    assert!(top.title.contains("kilim"), "{}", top.title);
}

/// A library of 400 articles of various lengths, one in ten of which use
/// a stem in its `common` forms, many times or few, and the articles of
/// `rare` (id, body).
fn crowded(common: &[&str], rare: &[(&str, &str)]) -> Lib {
    let filler = ["شار", "هەواڵ", "ڕۆژ", "خەڵک", "کار", "ساڵ", "بازاڕ", "نرخ"];
    let mut arts = Vec::new();
    for i in 0..400usize {
        let mut body = String::new();
        for j in 0..(20 + i * 37 % 300) {
            body.push_str(filler[(i + j * 7) % filler.len()]);
            body.push(' ');
            if i % 10 == 0 && j % (5 + i % 40) == 0 {
                body.push_str(common[(i + j) % common.len()]);
                body.push(' ');
            }
        }
        arts.push(hewal::store::NewArticle {
            id: format!("c{i}"),
            source: "crowd".into(),
            title: format!("هەواڵی {}", filler[i % filler.len()]),
            body,
            published: Some(1_700_000_000 + i as i64 * 3600),
            ..Default::default()
        });
    }
    for (id, body) in rare {
        // The oldest, so that no tie breaks in its favour.
        let body = format!("{} {body} {}", "هەواڵ ".repeat(150), "بازاڕ ".repeat(100));
        arts.push(hewal::store::NewArticle {
            id: id.to_string(),
            source: "rare".into(),
            title: "ڕاپۆرت".into(),
            body,
            published: Some(1_600_000_000),
            ..Default::default()
        });
    }
    let mut store = Store::open_in_memory().unwrap();
    store.insert_batch(&arts, 1).unwrap();
    let mut index = SearchIndex::in_memory().unwrap();
    index.sync(&store, &mut |_, _| {}).unwrap();
    Lib { store, index }
}

#[test]
fn a_beginning_typed_inside_a_suffix_chain_outranks_the_many_matches_of_its_stem() {
    // Forty articles have ئابووری, many of them often (its stem is that of
    // everything typed below); one has ئابوورییەکانی. Typing it, the reader
    // passes through ئابوورییە and ئابوورییەکا, which begin only that one's
    // word.
    let l = crowded(&["ئابووری", "ئابووریی", "ئابووریدا"], &[("wanted", "ئابوورییەکانی")]);
    for typed in ["ئابوورییە", "ئابوورییەک", "ئابوورییەکا", "ئابوورییەکان", "ئابوورییەکانی"]
    {
        l.finds(typed, "wanted", 1);
    }
    // A complete word still finds every article with its stem.
    assert_eq!(l.index.search("ئابوورییە ", 1000).unwrap().total, 41);
}

#[test]
fn articles_with_the_typed_words_stem_outrank_those_with_only_a_completion() {
    // کوردستان begins with کورد but is another word; کوردەکان is کورد's.
    let l = crowded(&["کوردستان", "کوردستانی"], &[("a", "کوردەکان"), ("b", "کوردێک")]);
    let ids = l.ids("کورد");
    assert_eq!(ids.len(), 42);
    let mut first: Vec<&str> = ids[..2].iter().map(String::as_str).collect();
    first.sort();
    assert_eq!(first, ["a", "b"], "{ids:?}");
}

#[test]
fn a_beginning_the_index_holds_only_as_another_reading_ranks_as_a_beginning() {
    // Rule A1 also reads every کوردستان as کوردست + the plural -ان, so the
    // stemmed fields hold کوردست, though no article has that word. Typed on
    // the way to کوردستان, it ranks as the letters before and after it do
    // (the newest first), not by how often the articles repeat کوردستان.
    let l = crowded(&["کوردستان", "کوردستانی", "کوردستاندا"], &[]);
    let typing = l.ids("کوردس");
    assert_eq!(typing.len(), 40);
    assert_eq!(l.ids("کوردست"), typing);
    assert_eq!(l.ids("کوردستا"), typing);
    // Written whole, the word ranks by how well the articles match it.
    assert_ne!(l.ids("کوردستان"), typing);
    // A word that begins no word of the index keeps its reading: the old
    // spelling هەولیر finds هەولێر through the stem they share.
    let l = crowded(&["هەولێر", "هەولێردا"], &[]);
    assert_eq!(l.ids("هەولیر").len(), 40);
}

#[test]
fn a_few_rare_completions_rank_as_words_whatever_the_length_typed() {
    // Two articles have پووتین, one of them four times. From the first
    // letters on, the reader is typing towards that word: its articles rank
    // as its completions score (the one that repeats it first), at one and
    // four letters as at five, not by date for as long as the prefix field
    // answers (one to four letters) and by score after.
    let l = crowded(&["کتێب"], &[("once", "پووتین"), ("often", "پووتین پووتین پووتین پووتین")]);
    for typed in ["پ", "پو", "پوو", "پووت", "پووتی"] {
        assert_eq!(l.ids(typed), ["often", "once"], "{typed}");
    }
}

//! End-to-end: register the analyzers on a RAM index, index a few documents,
//! query through tantivy's QueryParser and check the hits (in the manner of
//! jiegec/tantivy-jieba's tests/search.rs).

use hewal::search::analyzer::{register_analyzers, SORANI_EXACT, SORANI_STEMMED};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED};
use tantivy::{doc, Index, IndexReader, TantivyDocument};

struct Fixture {
    index: Index,
    reader: IndexReader,
    id: Field,
    body: Field,
    exact: Field,
}

const DOCS: &[(u64, &str)] = &[
    (1, "وەزیرانی دەرەوەی وڵاتانی ئەندام لە هاوپەیمانیی ناتۆ کۆبوونەوە."),
    // Arabic-keyboard spelling: ك, ي/ى, ه+ZWNJ, ر for ڕ, ل for ڵ
    (2, "سه\u{200C}رۆكى هه\u{200C}رێمى كوردستان له\u{200C}گه\u{200C}ل ولاته\u{200C}كانى دراوسێ كۆبووه\u{200C}وه"),
    (3, "گۆڕانکارییەکانی ساڵی ٢٠٢٢ لە ئێران و Iran International"),
    (4, "پەرلەمانی کوردستان لە ۱۴۰۱ یاسایەکی نوێی پەسەند کرد"),
    (5, "کورد لە هەموو وڵاتێک هەن؛ NATO summit in 2023"),
    // old orthography: bare ه for ە, ي for ێ, و for ۆ, Persian digits
    (6, "مندالهكانيان ببهنه نهخوشخانهكان له هه‌ولير و سليماني ۸ي بهياني"),
];

fn fixture() -> Fixture {
    let mut sb = Schema::builder();
    let id = sb.add_u64_field("id", STORED);
    let text = |analyzer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let body = sb.add_text_field("body", text(SORANI_STEMMED));
    let exact = sb.add_text_field("exact", text(SORANI_EXACT));
    let index = Index::create_in_ram(sb.build());
    register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for (i, t) in DOCS {
        writer.add_document(doc!(id => *i, body => *t, exact => *t)).unwrap();
    }
    writer.commit().unwrap();
    let reader = index.reader().unwrap();
    Fixture { index, reader, id, body, exact }
}

impl Fixture {
    fn hits(&self, field: Field, q: &str) -> Vec<u64> {
        let searcher = self.reader.searcher();
        let mut parser = QueryParser::for_index(&self.index, vec![field]);
        parser.set_conjunction_by_default();
        let query = parser.parse_query(q).unwrap();
        let mut ids: Vec<u64> = searcher
            .search(&query, &TopDocs::with_limit(10).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(_, addr)| {
                let d: TantivyDocument = searcher.doc(addr).unwrap();
                d.get_first(self.id).and_then(|v| v.as_u64()).unwrap()
            })
            .collect();
        ids.sort_unstable();
        ids
    }
}

#[test]
fn arabic_keyboard_query_finds_kurdish_spelling() {
    let f = fixture();
    // ك and ه+ZWNJ and ل for ڵ in the query, Kurdish spelling in doc 1 and 5
    assert_eq!(f.hits(f.body, "ولاته\u{200C}كان"), [1, 2, 5]);
    assert_eq!(f.hits(f.body, "هاوپه\u{200C}یمانى"), [1]);
}

#[test]
fn kurdish_query_finds_arabic_keyboard_spelling() {
    let f = fixture();
    assert_eq!(f.hits(f.body, "سەرۆک"), [2]);
    assert_eq!(f.hits(f.body, "هەرێم"), [2]);
    assert_eq!(f.hits(f.body, "لەگەڵ"), [2]);
    assert_eq!(f.hits(f.exact, "هەرێمی"), [2]);
}

#[test]
fn inflections_find_each_other() {
    let f = fixture();
    // وڵات finds وڵاتانی, ولاته‌كانى, وڵاتێک
    assert_eq!(f.hits(f.body, "وڵات"), [1, 2, 5]);
    assert_eq!(f.hits(f.body, "وڵاتەکەمان"), [1, 2, 5]);
    // کۆبوونەوە (meeting) meets کۆبووه‌وه typed on an Arabic keyboard
    assert_eq!(f.hits(f.body, "کۆبوونەوەکە"), [1, 2]);
    // medial ر vs ڕ: گۆرانکاری finds گۆڕانکارییەکانی
    assert_eq!(f.hits(f.body, "گۆرانکاری"), [3]);
    // پەرلەمان is protected, and found from an inflection
    assert_eq!(f.hits(f.body, "پەرلەمانەکە"), [4]);
    // the exact field does not stem
    assert_eq!(f.hits(f.exact, "وڵات"), Vec::<u64>::new());
}

#[test]
fn standard_spelling_finds_old_orthography() {
    let f = fixture();
    assert_eq!(f.hits(f.body, "نەخۆشخانە"), [6]);
    assert_eq!(f.hits(f.body, "منداڵەکان"), [6]);
    assert_eq!(f.hits(f.body, "هەولێر"), [6]);
    assert_eq!(f.hits(f.body, "سلێمانی"), [6]);
    assert_eq!(f.hits(f.body, "8"), [6]);
}

#[test]
fn kurdistan_is_not_kurd() {
    let f = fixture();
    assert_eq!(f.hits(f.body, "کورد"), [5]);
    assert_eq!(f.hits(f.body, "کوردستانی"), [2, 4]);
}

#[test]
fn eastern_digits_find_ascii_digits_and_back() {
    let f = fixture();
    assert_eq!(f.hits(f.body, "2022"), [3]);
    assert_eq!(f.hits(f.body, "۲۰۲۲"), [3]);
    assert_eq!(f.hits(f.body, "1401"), [4]);
    assert_eq!(f.hits(f.body, "٢٠٢٣"), [5]);
}

#[test]
fn english_is_case_insensitive() {
    let f = fixture();
    assert_eq!(f.hits(f.body, "iran"), [3]);
    assert_eq!(f.hits(f.body, "IRAN"), [3]);
    assert_eq!(f.hits(f.body, "nato"), [5]);
    // Kurdish ئێران and English Iran are different words
    assert_eq!(f.hits(f.body, "ئێرانی"), [3]);
}

#[test]
fn phrase_query_over_stemmed_field() {
    let f = fixture();
    assert_eq!(f.hits(f.body, "\"پەرلەمانی کوردستان\""), [4]);
    assert_eq!(f.hits(f.body, "\"هەرێمی کوردستان\""), [2]);
}

#[test]
fn stopword_only_query_still_matches() {
    let f = fixture();
    // The analyzer keeps stopwords, so a query of only لە finds documents.
    assert_eq!(f.hits(f.body, "لە"), [1, 3, 4, 5, 6]);
}

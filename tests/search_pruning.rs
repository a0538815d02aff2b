//! The first screens of an answer skip documents that cannot enter them
//! (`search::plan`: MaxScore and block-max WAND). Whatever the corpus and
//! the query, they must be exactly the head of the full answer, which
//! scores every match: same documents, same order.

use hewal::search::SearchIndex;
use hewal::store::{NewArticle, Store};
use proptest::prelude::*;

/// Few words, so that queries match many documents with many equal scores,
/// in several frequencies (the first are common, the last rare), and with
/// shared beginnings for prefixes.
const WORDS: &[&str] = &[
    "کورد",
    "کوردستان",
    "کوردی",
    "هەواڵ",
    "هەواڵی",
    "وڵات",
    "وڵاتەکان",
    "نەوت",
    "erbil",
    "erbilite",
    "news",
    "لە",
    "و",
    "بازاڕ",
];

fn text(ids: &[usize]) -> String {
    ids.iter().map(|&i| WORDS[i % WORDS.len()]).collect::<Vec<_>>().join(" ")
}

/// Word indices skewed towards the first words.
fn word() -> impl Strategy<Value = usize> {
    prop_oneof![4 => 0..4usize, 3 => 0..9usize, 2 => 0..WORDS.len()]
}

fn article() -> impl Strategy<Value = (Vec<usize>, Vec<usize>, i64)> {
    (prop::collection::vec(word(), 1..6), prop::collection::vec(word(), 0..30), 0..20i64)
}

fn query() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        4 => word().prop_map(|i| format!("{} ", WORDS[i])),
        // The word being typed: a prefix of a word, two letters or more.
        3 => (word(), 2..6usize).prop_map(|(i, n)| WORDS[i].chars().take(n).collect::<String>()),
        1 => word().prop_map(|i| format!("-{} ", WORDS[i])),
        1 => (word(), word()).prop_map(|(a, b)| format!("\"{} {}\" ", WORDS[a], WORDS[b])),
    ];
    prop::collection::vec(part, 1..4).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn first_screens_are_the_head_of_the_whole_answer(
        articles in prop::collection::vec(article(), 1..120),
        queries in prop::collection::vec(query(), 1..6),
        segments in 1..5usize,
    ) {
        let mut store = Store::open_in_memory().unwrap();
        let mut index = SearchIndex::in_memory().unwrap();
        let per = articles.len().div_ceil(segments);
        for (s, chunk) in articles.chunks(per).enumerate() {
            let batch: Vec<NewArticle> = chunk
                .iter()
                .enumerate()
                .map(|(i, (title, body, published))| NewArticle {
                    id: format!("{s}-{i}"),
                    title: text(title),
                    // Unique bodies: the store drops duplicate articles.
                    body: format!("{} n{s}x{i}", text(body)),
                    published: Some(*published),
                    ..Default::default()
                })
                .collect();
            store.insert_batch(&batch, s as i64).unwrap();
            index.sync(&store, &mut |_, _| {}).unwrap();
        }
        for q in &queries {
            let all = index.search(q, 10_000).unwrap();
            let Some(prepared) = index.prepare_query(q).unwrap() else {
                prop_assert!(all.hits.is_empty());
                continue;
            };
            for k in [1, 7, 40] {
                let keys = |h: &[hewal::search::Hit]| h.iter().map(|h| h.key).collect::<Vec<_>>();
                let want = &all.hits[..all.hits.len().min(k)];
                // One walk, and two on two threads over halves of the segments.
                for two in [false, true] {
                    let first = prepared.first_with(k, two).unwrap();
                    prop_assert_eq!(keys(&first.hits), keys(want), "query {:?}, k {}, two {}", q, k, two);
                    prop_assert_eq!(first.complete, all.total < k, "query {:?}, k {}, two {}", q, k, two);
                }
            }
        }
    }
}

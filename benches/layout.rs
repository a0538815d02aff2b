//! Layout throughput: a 5,000-word Sorani article at width 80 (target: under
//! 3 ms on one core) and 1,000 list-row titles through `layout_single_line`.
//! The article is built by repeating the seed articles' text.

use criterion::{criterion_group, criterion_main, Criterion};
use hewal::text::paragraphs::paragraphs;
use hewal::text::{layout_paragraph, layout_single_line, BaseDirection, LayoutOptions};
use std::hint::black_box;

const SEEDS: [&str; 2] =
    [include_str!("../sample-data/000_e5af3db2102c7b3b.txt"), include_str!("../sample-data/002_748c303270226b28.txt")];

/// At least `words` words of seed text, keeping the seeds' paragraphs.
fn article(words: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    while n < words {
        for s in SEEDS {
            out.push_str(s);
            out.push_str("\n\n");
            n += s.split_whitespace().count();
        }
    }
    out
}

/// 1,000 titles: the seeds' sentences, cut to title length.
fn titles() -> Vec<String> {
    let words: Vec<&str> = SEEDS.iter().flat_map(|s| s.split_whitespace()).collect();
    (0..1000)
        .map(|i| words.iter().cycle().skip(i * 7).take(6 + i % 12).copied().collect::<Vec<_>>().join(" "))
        .collect()
}

fn bench(c: &mut Criterion) {
    let body = article(5000);
    let opts = LayoutOptions { direction: BaseDirection::Auto, highlights: &[], render: Default::default() };
    eprintln!("article: {} words, {} bytes", body.split_whitespace().count(), body.len());
    c.bench_function("article_5000_words_w80", |b| {
        b.iter(|| {
            let mut lines = 0;
            for p in paragraphs(black_box(&body)) {
                lines += layout_paragraph(p, 80, &opts).len();
            }
            lines
        })
    });
    let titles = titles();
    c.bench_function("titles_1000_single_line_w60", |b| {
        b.iter(|| {
            titles
                .iter()
                .map(|t| layout_single_line(black_box(t), 60, BaseDirection::Auto, Default::default()).width)
                .sum::<usize>()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Hand-built mixed-direction cases for the text layout: Sorani with English
//! names, numbers and dates, mirroring, URLs, long words, harakat, ZWNJ,
//! truncation, narrow widths, highlights and hostile input.

use hewal::text::{
    display_width, layout_paragraph, layout_single_line, sanitize, Alignment, BaseDirection, DisplayLine,
    LayoutOptions, Order, Render,
};

fn lay(text: &str, width: usize, direction: BaseDirection) -> Vec<DisplayLine> {
    layout_paragraph(text, width, &LayoutOptions { direction, highlights: &[], render: Default::default() })
}

/// Visual text of each line, unpadded.
fn texts(text: &str, width: usize) -> Vec<String> {
    lay(text, width, BaseDirection::Auto).iter().map(|l| l.text()).collect()
}

fn one(text: &str) -> String {
    let l = texts(text, 200);
    assert_eq!(l.len(), 1, "{l:?}");
    l[0].clone()
}

#[test]
fn sorani_with_english_name() {
    assert_eq!(one("سەرۆک Barzani گوتی"), "یتوگ Barzani کۆرەس");
    // an English run of several words keeps its own order
    assert_eq!(one("وتی Prime Minister Barzani ئەمڕۆ"), "ۆڕمەئ Prime Minister Barzani یتو");
}

#[test]
fn numbers_percentages_and_dates() {
    // After an Arabic letter European digits become AN (rule W2), so the
    // percent sign is no longer absorbed (W5) and lands on the RTL side,
    // and a date's hyphens separate three numbers, exactly as FriBidi does.
    assert_eq!(one("ڕێژەی 12.5% بوو"), "ووب %12.5 یەژێڕ");
    assert_eq!(one("ساڵی ٢٠٢٤ و 2024"), "2024 و ٢٠٢٤ یڵاس");
    assert_eq!(one("ڕێکەوتی 2024-03-15 بوو"), "ووب 15-03-2024 یتوەکێڕ");
    assert_eq!(one("ڕێژەی ١٢٪ بوو"), "ووب ٪١٢ یەژێڕ");
    // after a Latin word they stay European numbers
    assert_eq!(one("ڕێژەی GDP 12.5% بوو"), "ووب GDP 12.5% یەژێڕ");
    assert_eq!(one("نرخ 1,250 دینار"), "رانید 1,250 خرن");
}

#[test]
fn brackets_and_guillemets_mirror_in_rtl_runs() {
    assert_eq!(one("وتی «خەڵک» ئەمڕۆ"), "ۆڕمەئ «کڵەخ» یتو");
    assert_eq!(one("سەرۆک (BBC) وتی"), "یتو (BBC) کۆرەس");
    assert_eq!(one("ئاستی [ئاو] و {گۆل}"), "{لۆگ} و [وائ] یتسائ");
    assert_eq!(one("ئەمە a < b و c > d"), "c > d و a < b ەمەئ");
    assert_eq!(one("ئەو < ئەم"), "مەئ > وەئ");
    // LTR paragraph: brackets around an Arabic word are not mirrored
    assert_eq!(one("The word (کورد) here"), "The word (دروک) here");
}

#[test]
fn url_inside_rtl_text_stays_intact() {
    assert_eq!(one("سەردانی https://rudaw.net/a?id=5 بکەن"), "نەکب https://rudaw.net/a?id=5 ینادرەس");
}

#[test]
fn url_moves_to_next_line_whole() {
    let l = texts("سەردانی https://rudaw.net/sorani بکەن", 30);
    assert_eq!(l, vec!["ینادرەس", "نەکب https://rudaw.net/sorani"]);
}

#[test]
fn word_longer_than_width_is_cut_at_graphemes() {
    let l = texts("a Supercalifragilistic b", 10);
    assert_eq!(l, vec!["a", "Supercalif", "ragilistic", "b"]);
    let l = texts("سەربەخۆبوونەکەیان", 5);
    assert!(l.iter().all(|s| display_width(s) <= 5), "{l:?}");
    assert_eq!(l.concat().chars().count(), "سەربەخۆبوونەکەیان".chars().count());
}

#[test]
fn harakat_stay_after_their_base() {
    // visual order reverses the clusters, not the marks: base, then its marks
    assert_eq!(one("بِسْمِ"), "م\u{0650}س\u{0652}ب\u{0650}");
    assert_eq!(display_width("بِسْمِ"), 3);
    let l = texts("بِسْمِ اللَّهِ", 1);
    assert!(l.iter().all(|s| display_width(s) <= 1 && !s.starts_with('\u{0650}')), "{l:?}");
}

#[test]
fn zwnj_is_kept_except_where_hewal_has_shaped_the_letters() {
    // Display order, unshaped: a terminal may join the letters (VTE does).
    assert_eq!(one("نو\u{200C}ێ"), "ێو\u{200C}ن");
    assert_eq!(display_width("نو\u{200C}ێ"), 3);
    // Shaped by hewal: its work is done, and mlterm (its own shaping off)
    // would draw it as a cell.
    let shaped = Render { order: Order::Visual, shape: true };
    let line = layout_single_line("نو\u{200C}ێ", 10, BaseDirection::Auto, shaped);
    assert!(!line.text().contains('\u{200C}') && line.width == 3, "{line:?}");
    // Logical order: the terminal joins the letters.
    let logical = Render { order: Order::Logical, shape: false };
    assert_eq!(layout_single_line("نو\u{200C}ێ", 10, BaseDirection::Auto, logical).text(), "نو\u{200C}ێ");
}

#[test]
fn title_truncated_at_the_logical_end() {
    let rtl = layout_single_line("ئەمڕۆ سەرۆکی حکومەتی هەرێمی کوردستان", 15, BaseDirection::Auto, Default::default());
    assert_eq!(rtl.alignment, Alignment::Right);
    assert_eq!(rtl.width, 15);
    assert!(rtl.text().starts_with('…'), "{}", rtl.text());
    assert!(rtl.text().ends_with("ۆڕمەئ"), "{}", rtl.text());
    let ltr = layout_single_line("Hello world this is long", 10, BaseDirection::Auto, Default::default());
    assert_eq!(ltr.text(), "Hello wor…");
    let fits = layout_single_line("کورد", 10, BaseDirection::Auto, Default::default());
    assert_eq!(fits.text(), "دروک");
    assert_eq!(layout_single_line("abcdef", 1, BaseDirection::Auto, Default::default()).text(), "…");
}

#[test]
fn logical_order_keeps_the_wrap_and_leaves_reordering_to_the_terminal() {
    let render = Render { order: Order::Logical, shape: false };
    let opts = LayoutOptions { render, ..Default::default() };
    let lines = layout_paragraph("ئەمڕۆ BBC ڕاپۆرتی دا کە ١٢.٥٪ (نوێ)", 10, &opts);
    let plain: Vec<String> = lines.iter().map(|l| l.to_plain(10)).collect();
    // The same breaks as in display order (see `ten_cell_width`), each line
    // as stored: no reordering, no mirroring of the parentheses, no padding.
    assert_eq!(plain, vec!["ئەمڕۆ BBC", "ڕاپۆرتی دا", "کە ١٢.٥٪", "(نوێ)"]);
    assert!(lines.iter().all(|l| l.alignment == Alignment::Left));
    // Hidden and control chars are still dropped.
    let l = layout_single_line("\u{202B}کورد\x1b[31m", 10, BaseDirection::Auto, render);
    assert_eq!(l.text(), "کورد[31m");
    let l = layout_single_line("\u{202E}کورد\u{202C}", 10, BaseDirection::Auto, render);
    assert_eq!(l.text(), "‹RLO›کورد");
    // A cut title ends with the ellipsis in logical order; the terminal puts
    // it on the left of an RTL line.
    let t = layout_single_line("ئەمڕۆ سەرۆکی حکومەتی هەرێمی کوردستان", 15, BaseDirection::Auto, render);
    assert_eq!(t.text(), "ئەمڕۆ سەرۆکی ح…");
}

#[test]
fn shaping_changes_only_letter_forms_and_joins_within_a_line() {
    let shaped = Render { order: Order::Visual, shape: true };
    let text = "هەواڵی ئەمڕۆ لە کوردستان (BBC)";
    let plain = layout_paragraph(text, 12, &LayoutOptions::default());
    let lines = layout_paragraph(text, 12, &LayoutOptions { render: shaped, ..Default::default() });
    assert_eq!(plain.len(), lines.len());
    for (p, l) in plain.iter().zip(&lines) {
        assert_eq!((p.width, &p.logical_range), (l.width, &l.logical_range));
        let back: String = l.text().chars().map(hewal::text::shape::unshape).collect();
        assert_eq!(back, p.text());
    }
    // کوردستان: ک initial, و final; ر and د stay isolated (و and ر join
    // nothing after them), so they keep their base letters; س initial, ت
    // medial, ا final, ن isolated. In display order, reversed.
    let line = lines.iter().find(|l| l.text().contains('\u{FB90}')).expect("initial kaf drawn");
    assert!(line.text().contains("ن\u{FE8E}\u{FE98}\u{FEB3}در\u{FEEE}\u{FB90}"), "{:?}", line.text());
    // Logical order shapes the same letters the same way.
    let logical = Render { order: Order::Logical, shape: true };
    let l = layout_single_line("کورد", 10, BaseDirection::Auto, logical);
    assert_eq!(l.text(), "\u{FB90}\u{FEEE}رد");
}

#[test]
fn ten_cell_width() {
    let lines = lay("ئەمڕۆ BBC ڕاپۆرتی دا کە ١٢.٥٪", 10, BaseDirection::Auto);
    let plain: Vec<String> = lines.iter().map(|l| l.to_plain(10)).collect();
    assert_eq!(plain, vec![" BBC ۆڕمەئ", "اد یترۆپاڕ", "  ٪١٢.٥ ەک"]);
    assert!(lines.iter().all(|l| l.width <= 10 && l.alignment == Alignment::Right));
}

#[test]
fn width_one_and_zero() {
    for w in [0, 1] {
        for l in lay("ab ئەو 日本 😀 x\u{0301}", w, BaseDirection::Auto) {
            assert!(l.width <= 1, "{l:?}");
        }
    }
}

#[test]
fn rtl_lines_pad_to_exactly_the_width() {
    for l in lay("ئەمڕۆ سەرۆکی حکومەتی هەرێمی کوردستان", 12, BaseDirection::Auto) {
        let p = l.to_plain(12);
        assert_eq!(display_width(&p), 12, "{p:?}");
        assert!(!p.ends_with(' '));
    }
    let l = lay("hello world", 20, BaseDirection::Auto);
    assert_eq!(l[0].to_plain(20), "hello world");
}

#[test]
fn forced_direction() {
    assert_eq!(lay("abc def", 20, BaseDirection::Rtl)[0].to_plain(10), "   abc def");
    assert_eq!(lay("ئەو و ئەم", 20, BaseDirection::Ltr)[0].alignment, Alignment::Left);
    // a Kurdish paragraph opening with a Latin name is LTR under Auto
    assert_eq!(lay("BBC: ئەمڕۆ", 20, BaseDirection::Auto)[0].alignment, Alignment::Left);
}

#[test]
fn explicit_controls_are_honoured_but_not_shown_and_overrides_are_marked_not_obeyed() {
    // An override would let a feed disguise a name ("Trojan Source"): its
    // text keeps its own order, behind a mark that says it asked for more.
    assert_eq!(one("\u{202E}abc\u{202C} d"), "‹RLO›abc d");
    assert_eq!(one("file \u{202E}gnp.exe"), "file ‹RLO›gnp.exe");
    assert_eq!(one("\u{202D}ئەو\u{202C} x"), "‹LRO›وەئ x");
    assert_eq!(one("\u{2067}abc ئەو\u{2069} x"), "وەئ abc x");
    // unterminated isolate and embedding end with the paragraph
    assert_eq!(one("x \u{2067}abc ئەو"), "x وەئ abc");
    assert_eq!(one("ئەو \u{202A}abc"), "abc وەئ");
    assert_eq!(one("a\u{200F}b\u{200E}c"), "abc");
}

#[test]
fn escape_sequences_and_controls_never_reach_the_screen() {
    let evil = "a\x1b[2J\x1b]52;c;cHduZWQ=\x07b\x1b]8;;http://x\x1b\\link\u{9b}31m\x00\x7f";
    let out = one(evil);
    assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
    assert_eq!(out, "a[2J]52;c;cHduZWQ=b]8;;http://x\\link31m");
    assert_eq!(sanitize("x\u{202B}y\u{2066}z"), "xyz");
}

#[test]
fn tabs_expand_and_soft_newlines_are_spaces() {
    assert_eq!(one("a\tb"), "a    b");
    assert_eq!(one("one\ntwo\r\nthree"), "one two three");
}

#[test]
fn unassigned_code_points_are_visible() {
    assert_eq!(one("a\u{0378}b"), "a\u{FFFD}b");
}

#[test]
fn logical_ranges_tile_the_paragraph() {
    let text = "\x1bئەمڕۆ BBC ڕاپۆرتی دا کە ١٢.٥٪ بوو";
    let lines = lay(text, 8, BaseDirection::Auto);
    assert!(lines.len() > 2);
    assert_eq!(lines[0].logical_range.start, 0);
    assert_eq!(lines.last().unwrap().logical_range.end, text.len());
    for w in lines.windows(2) {
        assert_eq!(w[0].logical_range.end, w[1].logical_range.start);
    }
    assert_eq!(&text[lines[1].logical_range.clone()], "BBC ");
}

#[test]
fn highlight_across_a_line_break_and_a_direction_change() {
    let text = "abc ئەمڕۆ def";
    let start = text.find('c').unwrap();
    let end = text.find('ڕ').unwrap();
    let e = text.find('e').unwrap();
    let hl = [start..end, e..e + 1];
    let lines = layout_paragraph(
        text,
        5,
        &LayoutOptions { direction: BaseDirection::Auto, highlights: &hl, render: Default::default() },
    );
    let marked: Vec<Vec<(String, bool)>> =
        lines.iter().map(|l| l.segments.iter().map(|s| (s.text.clone(), s.highlight)).collect()).collect();
    assert_eq!(
        marked,
        vec![
            vec![("ab".to_string(), false), ("c".to_string(), true)],
            vec![("ۆڕ".to_string(), false), ("مەئ".to_string(), true)],
            vec![("d".to_string(), false), ("e".to_string(), true), ("f".to_string(), false)],
        ]
    );
}

#[test]
fn empty_and_blank_paragraphs_give_one_empty_line() {
    for t in ["", "   ", "\x1b", "\u{200F}"] {
        let l = lay(t, 10, BaseDirection::Auto);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].to_plain(10), "");
        assert_eq!(l[0].logical_range, 0..t.len());
    }
}

/// UAX #9 N0: brackets holding only the opposite direction take it when the
/// strong type before them (searched backwards through the isolating run
/// sequence, skipping the isolate) is also opposite. Here that is `a` (L), so
/// the brackets stay L in an LTR paragraph. FriBidi gives the same levels;
/// unicode-bidi 0.3.18 gives the brackets level 1 because it scans the
/// earlier level run forwards and meets the Arabic word first.
#[test]
fn n0_context_is_searched_backwards_across_isolates() {
    let text = "ئەمڕۆa\u{2066} \u{2069}[ئەمڕۆ]";
    let levels = hewal::text::bidi::resolve(text, BaseDirection::Ltr).levels;
    assert_eq!(levels, vec![1, 1, 1, 1, 1, 0, 0, 2, 0, 0, 1, 1, 1, 1, 1, 0]);
    assert_eq!(lay(text, 80, BaseDirection::Ltr)[0].text(), "ۆڕمەئa [ۆڕمەئ]");
}

/// Prepended concatenation marks and other format characters: terminals
/// disagree on their width, so they are one replacement cell or nothing,
/// and no line exceeds its width.
#[test]
fn format_characters_never_make_a_line_overflow() {
    let text = format!(
        "{}١٢٣ {} x{}y \u{0890}\u{0891}\u{08E2}٥ \u{110BD}",
        "\u{0600}".repeat(20),
        "\u{0605}".repeat(7),
        "\u{00AD}\u{2060}\u{FEFF}"
    );
    for width in 1..30 {
        for l in lay(&text, width, BaseDirection::Auto) {
            assert!(l.width <= width && display_width(&l.text()) == l.width, "width {width}: {:?}", l.text());
        }
    }
    assert!(one(&text).contains(&"\u{FFFD}".repeat(20)));
}

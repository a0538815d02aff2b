//! The Sorani analyzers on any text: never a panic, tokens inside the text.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let text = String::from_utf8_lossy(data);
        for mut analyzer in [
            hewal::search::analyzer::stemmed_analyzer(),
            hewal::search::analyzer::exact_analyzer(),
            hewal::search::analyzer::prefix_analyzer(),
        ] {
            let mut stream = analyzer.token_stream(&text);
            while let Some(t) = stream.next() {
                assert!(t.offset_from <= t.offset_to && t.offset_to <= text.len());
            }
        }
    });
}

//! Feed parsing on any bytes (RSS, Atom 0.3/1.0, JSON Feed, any encoding):
//! never a panic, not even one the parser would catch.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let _ = hewal::feeds::parse_feed(data, "http://127.0.0.1/feed.xml");
    });
}

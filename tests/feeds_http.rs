//! Fetching over real HTTP from a small server on 127.0.0.1 (port 0) run
//! inside each test (`util::http`). The server stops when dropped, and every
//! loop in it is bounded by a deadline.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hewal::feeds::{fetch, fetch_all, FeedError, FetchOptions, FetchOutcome, ParsedFeed, Validators};

mod util;

use util::http::{Reply, Request, Server};

const RSS: &str = include_str!("data/feeds/ckb_rss2.xml");
const ATOM: &str = include_str!("data/feeds/mixed_atom.xml");
const JSON: &str = include_str!("data/feeds/mixed_jsonfeed.json");
const W1256: &[u8] = include_bytes!("data/feeds/windows1256.xml");
const MALFORMED: &str = include_str!("data/feeds/malformed.xml");

fn quick() -> FetchOptions {
    FetchOptions { timeout: Duration::from_secs(5), connect_timeout: Duration::from_secs(2), ..FetchOptions::default() }
}

#[track_caller]
fn fetched(o: FetchOutcome) -> (ParsedFeed, Validators) {
    match o {
        FetchOutcome::Fetched(f, v) => (f, v),
        other => panic!("expected Fetched, got {other:?}"),
    }
}

#[track_caller]
fn failed(o: FetchOutcome) -> FeedError {
    match o {
        FetchOutcome::Failed(e) => e,
        other => panic!("expected Failed, got {other:?}"),
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn router(req: &Request) -> Reply {
    match req.path.as_str() {
        "/rss" => Reply::ok("application/rss+xml", RSS),
        "/atom" => Reply::ok("application/atom+xml", ATOM),
        "/json" => Reply::ok("application/feed+json", JSON),
        "/w1256" => Reply::ok("text/xml", W1256),
        "/w1256-header" => {
            let decl = b" encoding=\"windows-1256\"";
            let at = W1256.windows(decl.len()).position(|w| w == decl).unwrap();
            let mut raw = W1256[..at].to_vec();
            raw.extend_from_slice(&W1256[at + decl.len()..]);
            Reply::ok("text/xml; charset=windows-1256", raw)
        }
        "/malformed" => Reply::ok("application/rss+xml", MALFORMED),
        "/html" => Reply::ok("text/html", "<!doctype html><html><body><p>a web page</p></body></html>"),
        "/404" => Reply::status(404),
        "/500" => Reply::status(500),
        "/slow" => Reply::Delayed(Duration::from_secs(3), Box::new(Reply::ok("application/rss+xml", RSS))),
        "/r1" => Reply::redirect("/r2"),
        "/r2" => Reply::redirect("/r3"),
        "/r3" => Reply::redirect("/rss"),
        "/loop" => Reply::redirect("/loop"),
        "/gzip" => Reply::Full(
            200,
            vec![("Content-Type".into(), "application/rss+xml".into()), ("Content-Encoding".into(), "gzip".into())],
            gzip(RSS.as_bytes()),
        ),
        "/deflate" => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(ATOM.as_bytes()).unwrap();
            Reply::Full(200, vec![("Content-Encoding".into(), "deflate".into())], e.finish().unwrap())
        }
        "/gzip-bomb" => {
            Reply::Full(200, vec![("Content-Encoding".into(), "gzip".into())], gzip(&vec![b' '; 4 * 1024 * 1024]))
        }
        "/big" => Reply::ok("application/rss+xml", RSS.repeat(20)),
        "/entry-30mb" => {
            let mut doc =
                String::from("<rss version=\"2.0\"><channel><title>huge</title><item><guid>h</guid><description>");
            doc.push_str(&"هەواڵ news &amp; ".repeat(30 * 1024 * 1024 / 20));
            doc.push_str("</description></item></channel></rss>");
            Reply::ok("application/rss+xml", doc)
        }
        "/endless" => Reply::Endless,
        "/trickle" => Reply::Trickle(Duration::from_millis(20)),
        "/truncated" => Reply::Truncated(RSS.as_bytes()[..200].to_vec(), RSS.len()),
        "/etag" => {
            if req.headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
                Reply::Full(304, vec![("ETag".into(), "\"v1\"".into())], Vec::new())
            } else {
                Reply::Full(200, vec![("ETag".into(), "\"v1\"".into())], ATOM.as_bytes().to_vec())
            }
        }
        "/lastmod" => {
            const LM: &str = "Fri, 14 Mar 2025 09:15:00 GMT";
            if req.headers.get("if-modified-since").map(String::as_str) == Some(LM) {
                Reply::Full(304, vec![], Vec::new())
            } else {
                Reply::Full(200, vec![("Last-Modified".into(), LM.into())], JSON.as_bytes().to_vec())
            }
        }
        _ => Reply::status(404),
    }
}

#[test]
fn fetch_all_fetches_several_feeds_in_input_order() {
    let srv = Server::start(router);
    let paths = ["/rss", "/atom", "/json", "/w1256", "/404", "/500", "/malformed", "/gzip"];
    let jobs: Vec<(String, Validators)> = paths.iter().map(|p| (srv.url(p), Validators::default())).collect();
    let done = Mutex::new(Vec::new());
    let opts = FetchOptions { concurrency: 3, ..quick() };
    let out = fetch_all(&jobs, &opts, &|i, o| {
        done.lock().unwrap().push((i, matches!(o, FetchOutcome::Fetched(..))));
    });
    assert_eq!(out.len(), paths.len());
    let mut done = done.into_inner().unwrap();
    done.sort();
    assert_eq!(
        done.iter().map(|d| d.0).collect::<Vec<_>>(),
        (0..paths.len()).collect::<Vec<_>>(),
        "on_done is called once per job"
    );
    let titles: Vec<Option<String>> = out
        .iter()
        .map(|o| match o {
            FetchOutcome::Fetched(f, _) => f.title.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(titles[0].as_deref(), Some("هەواڵی & نموونە — Sample Sorani News"));
    assert_eq!(titles[1].as_deref(), Some("Kurdistan Tech Weekly — هەفتانەی تەکنەلۆژیا"));
    assert_eq!(titles[2].as_deref(), Some("هەواڵی JSON"));
    assert_eq!(titles[3].as_deref(), Some("فید ویندۆز ١٢٥٦"));
    assert!(matches!(&out[4], FetchOutcome::Failed(FeedError::Http { status: 404, .. })));
    assert!(matches!(&out[5], FetchOutcome::Failed(FeedError::Http { status: 500, .. })));
    assert!(matches!(&out[6], FetchOutcome::Failed(FeedError::Parse { .. })));
    assert_eq!(titles[7], titles[0], "gzip feed equals the plain one");
    // The user agent is sent.
    let ua = &srv.requests_to("/rss")[0].headers["user-agent"];
    assert_eq!(ua, "hewal/0.1 (+https://example.org/hewal)");
}

#[test]
fn fetch_all_with_no_jobs_and_concurrency_zero() {
    let out = fetch_all(&[], &FetchOptions::default(), &|_, _| {});
    assert!(out.is_empty());
    let srv = Server::start(router);
    let jobs = vec![(srv.url("/rss"), Validators::default())];
    let opts = FetchOptions { concurrency: 0, ..quick() };
    let out = fetch_all(&jobs, &opts, &|_, _| {});
    fetched(out.into_iter().next().unwrap());
}

#[test]
fn etag_gives_not_modified() {
    let srv = Server::start(router);
    let url = srv.url("/etag");
    let (feed, v) = fetched(fetch(&url, &Validators::default(), &quick()));
    assert_eq!(feed.entries.len(), 2);
    assert_eq!(v.etag.as_deref(), Some("\"v1\""));
    assert_eq!(v.last_modified, None);
    assert_eq!(fetch(&url, &v, &quick()), FetchOutcome::NotModified);
    let reqs = srv.requests_to("/etag");
    assert_eq!(reqs.len(), 2);
    assert!(!reqs[0].headers.contains_key("if-none-match"));
    assert_eq!(reqs[1].headers["if-none-match"], "\"v1\"");
    // A stale validator gets the full feed again.
    let stale = Validators { etag: Some("\"v0\"".into()), last_modified: None };
    fetched(fetch(&url, &stale, &quick()));
}

#[test]
fn last_modified_gives_not_modified() {
    let srv = Server::start(router);
    let url = srv.url("/lastmod");
    let (feed, v) = fetched(fetch(&url, &Validators::default(), &quick()));
    assert_eq!(feed.entries.len(), 2);
    assert_eq!(v.last_modified.as_deref(), Some("Fri, 14 Mar 2025 09:15:00 GMT"));
    assert_eq!(fetch(&url, &v, &quick()), FetchOutcome::NotModified);
    assert_eq!(srv.requests_to("/lastmod")[1].headers["if-modified-since"], "Fri, 14 Mar 2025 09:15:00 GMT");
}

#[test]
fn gzip_and_deflate_responses_are_decoded() {
    let srv = Server::start(router);
    let (plain, _) = fetched(fetch(&srv.url("/rss"), &Validators::default(), &quick()));
    let (gz, _) = fetched(fetch(&srv.url("/gzip"), &Validators::default(), &quick()));
    assert_eq!(plain.title, gz.title);
    assert_eq!(plain.entries, gz.entries);
    let accept = &srv.requests_to("/gzip")[0].headers["accept-encoding"];
    assert!(accept.contains("gzip"), "{accept}");
    let (atom, _) = fetched(fetch(&srv.url("/deflate"), &Validators::default(), &quick()));
    assert_eq!(atom.entries.len(), 2);
}

#[test]
fn gzip_bomb_stops_at_the_size_cap() {
    let srv = Server::start(router);
    let opts = FetchOptions { max_bytes: 1024 * 1024, ..quick() };
    let e = failed(fetch(&srv.url("/gzip-bomb"), &Validators::default(), &opts));
    println!("message: {e}");
    assert!(matches!(e, FeedError::TooLarge { limit: 1048576, .. }), "{e:?}");
}

#[test]
fn redirect_chain_is_followed_and_a_long_one_fails() {
    let srv = Server::start(router);
    let (feed, _) = fetched(fetch(&srv.url("/r1"), &Validators::default(), &quick()));
    assert_eq!(feed.entries.len(), 4);
    let opts = FetchOptions { max_redirects: 2, ..quick() };
    let e = failed(fetch(&srv.url("/r1"), &Validators::default(), &opts));
    println!("message: {e}");
    assert!(matches!(e, FeedError::TooManyRedirects { max: 2, .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!(
            "{}: too many redirects (limit 2); the feed may have moved in a loop, check the address in a browser",
            srv.url("/r1")
        )
    );
    let e = failed(fetch(&srv.url("/loop"), &Validators::default(), &quick()));
    println!("message: {e}");
    assert!(matches!(e, FeedError::TooManyRedirects { max: 5, .. }), "{e:?}");
    let opts = FetchOptions { max_redirects: 0, ..quick() };
    let e = failed(fetch(&srv.url("/r1"), &Validators::default(), &opts));
    println!("message: {e}");
    assert!(matches!(e, FeedError::TooManyRedirects { max: 0, .. }), "{e:?}");
}

#[test]
fn slow_server_hits_the_timeout() {
    let srv = Server::start(router);
    let opts = FetchOptions { timeout: Duration::from_millis(300), ..quick() };
    let t = Instant::now();
    let e = failed(fetch(&srv.url("/slow"), &Validators::default(), &opts));
    println!("message: {e}");
    assert!(t.elapsed() < Duration::from_millis(2000), "{:?}", t.elapsed());
    assert!(matches!(e, FeedError::Timeout { ms: 300, .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!(
            "{}: no complete answer within 300 ms: the server is slow or unreachable; try again later",
            srv.url("/slow")
        )
    );
    // A body that trickles in forever also stops at the overall timeout.
    let t = Instant::now();
    let e = failed(fetch(&srv.url("/trickle"), &Validators::default(), &opts));
    println!("message: {e}");
    assert!(t.elapsed() < Duration::from_millis(2000), "{:?}", t.elapsed());
    assert!(matches!(e, FeedError::Timeout { .. }), "{e:?}");
}

#[test]
fn http_errors_name_the_url_and_status() {
    let srv = Server::start(router);
    let e = failed(fetch(&srv.url("/404"), &Validators::default(), &quick()));
    println!("message: {e}");
    assert_eq!(
        e.to_string(),
        format!(
            "{}: server answered HTTP 404; the feed is gone or the address is wrong, check it in your urls file",
            srv.url("/404")
        )
    );
    let e = failed(fetch(&srv.url("/500"), &Validators::default(), &quick()));
    println!("message: {e}");
    assert_eq!(
        e.to_string(),
        format!("{}: server answered HTTP 500; the server has a problem, try again later", srv.url("/500"))
    );
    assert_eq!(e.url(), Some(srv.url("/500").as_str()));
}

#[test]
fn malformed_xml_and_web_pages_are_parse_errors() {
    let srv = Server::start(router);
    let e = failed(fetch(&srv.url("/malformed"), &Validators::default(), &quick()));
    println!("message: {e}");
    let msg = e.to_string();
    assert!(matches!(e, FeedError::Parse { .. }), "{e:?}");
    assert!(msg.starts_with(&format!("{}: not a valid RSS, Atom or JSON feed (", srv.url("/malformed"))), "{msg}");
    assert!(msg.ends_with("check that the address points at the feed itself, not a web page"), "{msg}");
    let e = failed(fetch(&srv.url("/html"), &Validators::default(), &quick()));
    println!("message: {e}");
    assert!(matches!(e, FeedError::Parse { .. }), "{e:?}");
}

#[test]
fn windows_1256_feed_over_http() {
    let srv = Server::start(router);
    let (feed, _) = fetched(fetch(&srv.url("/w1256"), &Validators::default(), &quick()));
    assert_eq!(feed.entries[0].title, "هەواڵی کۆبوونەوەی ناتۆ");
    // No declaration, charset in the Content-Type header.
    let (feed, _) = fetched(fetch(&srv.url("/w1256-header"), &Validators::default(), &quick()));
    assert_eq!(feed.entries[0].title, "هەواڵی کۆبوونەوەی ناتۆ");
}

#[test]
fn oversized_response_is_rejected() {
    let srv = Server::start(router);
    let opts = FetchOptions { max_bytes: 10_000, ..quick() };
    let e = failed(fetch(&srv.url("/big"), &Validators::default(), &opts));
    println!("message: {e}");
    assert!(matches!(e, FeedError::TooLarge { limit: 10_000, .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!("{}: response is over the size limit of 10000 bytes; the feed is not fetched", srv.url("/big"))
    );
    // The same feed under the default cap is fine.
    fetched(fetch(&srv.url("/big"), &Validators::default(), &quick()));
}

#[test]
fn entry_of_30_mb_is_rejected_by_the_default_cap() {
    let srv = Server::start(router);
    let e = failed(fetch(&srv.url("/entry-30mb"), &Validators::default(), &quick()));
    println!("message: {e}");
    assert!(matches!(e, FeedError::TooLarge { limit: 20971520, .. }), "{e:?}");
}

#[test]
fn endless_response_stops_at_the_cap_or_the_timeout() {
    let srv = Server::start(router);
    let opts = FetchOptions { max_bytes: 256 * 1024, ..quick() };
    let t = Instant::now();
    let e = failed(fetch(&srv.url("/endless"), &Validators::default(), &opts));
    println!("message: {e}");
    assert!(matches!(e, FeedError::TooLarge { .. }), "{e:?}");
    assert!(t.elapsed() < Duration::from_secs(3));
    let opts = FetchOptions { timeout: Duration::from_millis(300), ..quick() };
    let t = Instant::now();
    let e = failed(fetch(&srv.url("/endless"), &Validators::default(), &opts));
    println!("message: {e}");
    assert!(matches!(e, FeedError::Timeout { .. } | FeedError::TooLarge { .. }), "{e:?}");
    assert!(t.elapsed() < Duration::from_secs(3));
}

#[test]
fn truncated_response_is_an_error() {
    let srv = Server::start(router);
    let e = failed(fetch(&srv.url("/truncated"), &Validators::default(), &quick()));
    println!("message: {e}");
    assert!(matches!(e, FeedError::Truncated { .. }), "{e:?}");
    assert!(e.to_string().starts_with(&format!("{}: response was cut off (", srv.url("/truncated"))), "{e}");
}

#[test]
fn connection_refused_tls_and_bad_urls() {
    // A port with nothing listening: bind, note the port, close.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/feed");
    let e = failed(fetch(&url, &Validators::default(), &quick()));
    println!("message: {e}");
    assert!(matches!(e, FeedError::Connect { .. }), "{e:?}");
    assert!(e.to_string().starts_with(&format!("{url}: could not connect (")), "{e}");

    // TLS to a plain HTTP server: the handshake fails.
    let srv = Server::start(router);
    let url = format!("https://{}/rss", srv.addr);
    let e = failed(fetch(&url, &Validators::default(), &quick()));
    println!("message: {e}");
    assert!(matches!(e, FeedError::Tls { .. }), "{e:?}");

    let e = failed(fetch("ftp://example.org/feed", &Validators::default(), &quick()));

    println!("message: {e}");
    assert_eq!(
        e.to_string(),
        "ftp://example.org/feed: not a valid http(s) URL (only http:// and https:// are supported); fix it in your urls file"
    );
    let e = failed(fetch("http://", &Validators::default(), &quick()));
    println!("message: {e}");
    assert!(matches!(e, FeedError::InvalidUrl { .. }), "{e:?}");
}

//! `hewal feed add` + `hewal fetch` against a real HTTP server on 127.0.0.1,
//! asserting on what the store holds afterwards: conditional GET, no
//! duplicates, updated entries keep their reading state, a broken feed
//! fails alone.

mod util;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use util::{json_lines, ok, stderr, Dir};

/// A one-feed server: GET /feed.xml with ETag; anything else is a 404.
/// Serves until the test's process ends (it is a thread of the test).
struct Server {
    port: u16,
    body: Arc<Mutex<String>>,
    not_modified: Arc<Mutex<usize>>,
}

impl Server {
    fn start(body: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let body = Arc::new(Mutex::new(body.to_owned()));
        let not_modified = Arc::new(Mutex::new(0));
        let (b, nm) = (body.clone(), not_modified.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().take(100) {
                let Ok(mut s) = stream else { continue };
                s.set_read_timeout(Some(Duration::from_secs(5))).ok();
                let mut reader = BufReader::new(s.try_clone().unwrap());
                let (mut path, mut inm) = (String::new(), None);
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                    let l = line.trim_end().to_owned();
                    line.clear();
                    if l.is_empty() {
                        break;
                    }
                    if let Some(rest) = l.strip_prefix("GET ") {
                        path = rest.split(' ').next().unwrap_or("").to_owned();
                    } else if let Some(v) = l.to_ascii_lowercase().strip_prefix("if-none-match:") {
                        inm = Some(v.trim().to_owned());
                    }
                }
                let body = b.lock().unwrap().clone();
                let etag = format!("\"{:x}\"", body.len() * 31 + body.bytes().map(|c| c as usize).sum::<usize>());
                let resp = if path != "/feed.xml" {
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned()
                } else if inm.as_deref() == Some(etag.as_str()) {
                    *nm.lock().unwrap() += 1;
                    format!("HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n")
                } else {
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\nETag: {etag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    )
                };
                let _ = s.write_all(resp.as_bytes());
            }
        });
        Server { port, body, not_modified }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn rss(items: &[(&str, &str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, title, body)| {
            format!("<item><guid>{guid}</guid><title>{title}</title><link>https://example.org/{guid}</link><description><![CDATA[<p dir=\"rtl\">{body}</p>]]></description><pubDate>Mon, 03 Mar 2025 10:00:00 +0300</pubDate></item>")
        })
        .collect();
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>هەواڵی نموونە</title><link>https://example.org/</link>{items}</channel></rss>")
}

#[test]
fn fetch_stores_updates_and_survives_a_broken_feed() {
    let server = Server::start(&rss(&[
        ("g1", "سەرۆکی هەرێم سەردانی بەغدا دەکات", "کۆبوونەوەکە لەسەر بودجە بوو."),
        ("g2", "Oil prices fall in Erbil", "Prices fell by 12.5% this week."),
    ]));
    let d = Dir::new();
    ok(&d.hewal(&["feed", "add", &server.url("/feed.xml")]));
    let o = d.hewal(&["fetch"]);
    ok(&o);
    assert!(stderr(&o).contains("1 feed(s): 2 new, 0 updated article(s)"), "{}", stderr(&o));
    let list = json_lines(&ok(&d.hewal(&["list", "--json"])));
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|a| a["source"] == "هەواڵی نموونە"), "{list:?}");
    let feeds = json_lines(&ok(&d.hewal(&["feed", "list", "--json"])));
    assert_eq!((feeds[0]["items"].as_i64(), feeds[0]["last_error"].is_null()), (Some(2), true), "{feeds:?}");

    // Unchanged: a conditional GET, nothing new.
    let o = d.hewal(&["fetch"]);
    assert!(stderr(&o).contains("0 new, 0 updated article(s), 1 unchanged feed(s)"), "{}", stderr(&o));
    assert_eq!(*server.not_modified.lock().unwrap(), 1);

    // Read one article, then the feed updates it: content replaced, still read.
    let db = d.data().join("hewal.db");
    let store = hewal::store::Store::open(&db).unwrap();
    let key = store.window(0, 10).unwrap().into_iter().find(|s| s.title.contains("Oil")).unwrap().key;
    store.set_read(key, true).unwrap();
    *server.body.lock().unwrap() = rss(&[
        ("g1", "سەرۆکی هەرێم سەردانی بەغدا دەکات", "کۆبوونەوەکە لەسەر بودجە بوو."),
        ("g2", "Oil prices fall in Erbil", "Prices fell by 14% this week, traders said."),
    ]);
    let o = d.hewal(&["fetch"]);
    assert!(stderr(&o).contains("0 new, 1 updated article(s)"), "{}", stderr(&o));
    let a = store.article(key).unwrap();
    assert!(a.body.contains("14%") && a.read, "{a:?}");
    assert_eq!(json_lines(&ok(&d.hewal(&["search", "--json", "traders "]))).len(), 1, "the update is indexed");

    // A broken feed fails alone and names itself; nothing stored is lost.
    ok(&d.hewal(&["feed", "add", &server.url("/gone.xml")]));
    let o = d.hewal(&["fetch"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&format!("{}: server answered HTTP 404", server.url("/gone.xml"))), "{err}");
    assert_eq!(err.matches(&server.url("/gone.xml")).count(), 1, "the feed named once: {err}");
    assert_eq!(json_lines(&ok(&d.hewal(&["list", "--json"]))).len(), 2);
    let feeds = json_lines(&ok(&d.hewal(&["feed", "list", "--json"])));
    assert!(feeds.iter().any(|f| f["last_error"].as_str().is_some_and(|e| e.contains("404"))), "{feeds:?}");

    // Export, remove.
    let opml = ok(&d.hewal(&["feed", "export"]));
    assert!(opml.contains(&server.url("/feed.xml")) && opml.contains("<opml"), "{opml}");
    ok(&d.hewal(&["feed", "remove", &server.url("/gone.xml")]));
    assert_eq!(json_lines(&ok(&d.hewal(&["feed", "list", "--json"]))).len(), 1);
    assert!(!d.hewal(&["feed", "remove", &server.url("/gone.xml")]).status.success());
}

#[test]
fn feed_add_refuses_non_web_urls_and_duplicates() {
    let d = Dir::new();
    let o = d.hewal(&["feed", "add", "file:///etc/passwd"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not an http:// or https:// URL"), "{}", stderr(&o));
    ok(&d.hewal(&["feed", "add", "https://example.org/feed.xml", "--title", "نموونە"]));
    let o = d.hewal(&["feed", "add", "https://example.org/feed.xml"]);
    assert!(stderr(&o).contains("already subscribed"), "{}", stderr(&o));
    let feeds = json_lines(&ok(&d.hewal(&["feed", "list", "--json"])));
    assert_eq!(feeds[0]["title"], "نموونە");
}

/// Serves /f0.xml … /f{n-1}.xml (5 items each), each answer after `delay`;
/// counts the answers.
fn slow_feeds(n: usize, delay: Duration) -> (u16, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let served = Arc::new(Mutex::new(0));
    let counter = served.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4 * n) {
            let Ok(mut s) = stream else { continue };
            let counter = counter.clone();
            std::thread::spawn(move || {
                s.set_read_timeout(Some(Duration::from_secs(5))).ok();
                let mut reader = BufReader::new(s.try_clone().unwrap());
                let mut first = String::new();
                let _ = reader.read_line(&mut first);
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let feed: usize = first.split(['f', '.']).nth(1).and_then(|x| x.parse().ok()).unwrap_or(0);
                let items: Vec<(String, String, String)> = (0..5)
                    .map(|i| (format!("f{feed}-{i}"), format!("هەواڵی {feed} ژمارە {i}"), format!("دەقی {feed}/{i}")))
                    .collect();
                let items: Vec<(&str, &str, &str)> =
                    items.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
                let body = rss(&items).replace("هەواڵی نموونە", &format!("feed {feed}"));
                std::thread::sleep(delay);
                let resp =
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
                let _ = s.write_all(resp.as_bytes());
                *counter.lock().unwrap() += 1;
            });
        }
    });
    (port, served)
}

#[test]
fn a_killed_fetch_keeps_what_it_stored_and_the_next_run_completes() {
    const FEEDS: usize = 24;
    let (port, served) = slow_feeds(FEEDS, Duration::from_millis(150));
    let d = Dir::new();
    let urls: String = (0..FEEDS).map(|i| format!("http://127.0.0.1:{port}/f{i}.xml\n")).collect();
    d.create("xdg-config/hewal/urls", urls);
    let mut child = d.command().arg("--data-dir").arg(d.data()).arg("fetch").spawn().unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while *served.lock().unwrap() < FEEDS / 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // Consistent: every stored feed has all 5 of its entries (one transaction
    // per feed), and the state of a feed is never saved without its entries.
    let store = hewal::store::Store::open(&d.data().join("hewal.db")).unwrap();
    let stored = store.count().unwrap() as usize;
    assert!(stored > 0 && stored < FEEDS * 5, "the kill came in the middle ({stored})");
    assert_eq!(stored % 5, 0, "only whole feeds are stored ({stored})");
    for st in store.feed_states().unwrap() {
        assert_eq!(st.item_count, 5, "{st:?}");
    }

    let o = d.hewal(&["fetch"]);
    ok(&o);
    assert!(stderr(&o).contains(&format!("{FEEDS} feed(s): {} new", FEEDS * 5 - stored)), "{}", stderr(&o));
    let list = json_lines(&ok(&d.hewal(&["list", "--json"])));
    assert_eq!(list.len(), FEEDS * 5);
    let mut ids: Vec<_> = list.iter().map(|a| a["id"].as_str().unwrap().to_owned()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), FEEDS * 5, "no duplicates");
}

/// What the parser noticed but could live with is said on stderr, naming the
/// feed, and does not fail the fetch.
#[test]
fn fetch_reports_feed_warnings() {
    let server = Server::start(&rss(&[("g1", "یەکەم", "دەق."), ("g1", "یەکەم", "دەق.")]));
    let d = Dir::new();
    ok(&d.hewal(&["feed", "add", &server.url("/feed.xml")]));
    let o = d.hewal(&["fetch"]);
    ok(&o);
    let err = stderr(&o);
    let want = format!("hewal: warning: {}: 1 duplicate entry", server.url("/feed.xml"));
    assert!(err.contains(&want), "{err}");
    assert!(err.contains("1 new"), "{err}");
}

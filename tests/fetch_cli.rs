//! `hewal feed add` + `hewal fetch` against a real HTTP server on 127.0.0.1,
//! asserting on what the store holds afterwards: conditional GET, no
//! duplicates, updated entries keep their reading state, a broken feed
//! fails alone.

mod util;

use std::sync::{Arc, Mutex};
use std::time::Duration;
use util::http::{Reply, Server};
use util::{json_lines, ok, stderr, Dir};

/// A one-feed server: GET /feed.xml with ETag; anything else is a 404.
/// Serves until the test ends (the server stops when dropped).
struct FeedServer {
    server: Server,
    body: Arc<Mutex<String>>,
    not_modified: Arc<Mutex<usize>>,
}

impl FeedServer {
    fn start(body: &str) -> FeedServer {
        let body = Arc::new(Mutex::new(body.to_owned()));
        let not_modified = Arc::new(Mutex::new(0));
        let (b, nm) = (body.clone(), not_modified.clone());
        let server = Server::start(move |req| {
            let body = b.lock().unwrap().clone();
            let etag = format!("\"{:x}\"", body.len() * 31 + body.bytes().map(|c| c as usize).sum::<usize>());
            if req.path != "/feed.xml" {
                Reply::Full(404, vec![], Vec::new())
            } else if req.headers.get("if-none-match") == Some(&etag) {
                *nm.lock().unwrap() += 1;
                Reply::Full(304, vec![("ETag".into(), etag)], Vec::new())
            } else {
                let content_type = "application/rss+xml; charset=utf-8";
                Reply::Full(200, vec![("Content-Type".into(), content_type.into()), ("ETag".into(), etag)], body.into())
            }
        });
        FeedServer { server, body, not_modified }
    }

    fn url(&self, path: &str) -> String {
        self.server.url(path)
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
    let server = FeedServer::start(&rss(&[
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
/// `Server::answered` counts the answers.
fn slow_feeds(delay: Duration) -> Server {
    Server::start(move |req| {
        let feed: usize = req.path.split(['f', '.']).nth(1).and_then(|x| x.parse().ok()).unwrap_or(0);
        let items: Vec<(String, String, String)> = (0..5)
            .map(|i| (format!("f{feed}-{i}"), format!("هەواڵی {feed} ژمارە {i}"), format!("دەقی {feed}/{i}")))
            .collect();
        let items: Vec<(&str, &str, &str)> =
            items.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
        let body = rss(&items).replace("هەواڵی نموونە", &format!("feed {feed}"));
        Reply::Delayed(delay, Box::new(Reply::Full(200, vec![], body.into_bytes())))
    })
}

#[test]
fn a_killed_fetch_keeps_what_it_stored_and_the_next_run_completes() {
    const FEEDS: usize = 24;
    let server = slow_feeds(Duration::from_millis(150));
    let d = Dir::new();
    let urls: String = (0..FEEDS).map(|i| server.url(&format!("/f{i}.xml")) + "\n").collect();
    d.create("xdg-config/hewal/urls", urls);
    let mut child = d.command().arg("--data-dir").arg(d.data()).arg("fetch").spawn().unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while server.answered() < FEEDS / 2 && std::time::Instant::now() < deadline {
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
    let server = FeedServer::start(&rss(&[("g1", "یەکەم", "دەق."), ("g1", "یەکەم", "دەق.")]));
    let d = Dir::new();
    ok(&d.hewal(&["feed", "add", &server.url("/feed.xml")]));
    let o = d.hewal(&["fetch"]);
    ok(&o);
    let err = stderr(&o);
    let want = format!("hewal: warning: {}: 1 duplicate entry", server.url("/feed.xml"));
    assert!(err.contains(&want), "{err}");
    assert!(err.contains("1 new"), "{err}");
}

/// `max_articles` in config.toml keeps each feed to its newest articles
/// after a fetch (starred ones stay); a feed is named by its title too.
#[test]
fn max_articles_trims_each_feed_after_a_fetch_and_keeps_starred_ones() {
    let items: String = (1..=3)
        .map(|i| {
            format!(
                "<item><guid>t{i}</guid><title>هەواڵی {i}</title><link>https://example.org/t{i}</link>\
                 <description>دەقی {i}</description><pubDate>Mon, 0{i} Mar 2025 10:00:00 +0000</pubDate></item>"
            )
        })
        .collect();
    let server = FeedServer::start(&format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>هەواڵی نموونە</title>{items}</channel></rss>"
    ));
    let d = Dir::new();
    ok(&d.hewal(&["feed", "add", &server.url("/feed.xml")]));
    ok(&d.hewal(&["fetch"]));
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        json_lines(&ok(&d.hewal(&all))).iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect()
    };
    let all = ids(&["--feed", "هەواڵی نموونە"]);
    assert_eq!(all.len(), 3, "{all:?}");
    ok(&d.hewal(&["mark", "star", &all[2]])); // the oldest
                                              // A feed's own setting wins over the global one; 0 keeps all.
    let config = format!("max_articles = 1\n[feed.\"{}\"]\nmax_articles = 0\n", server.url("/feed.xml"));
    d.create("xdg-config/hewal/config.toml", &config);
    let changed = server.body.lock().unwrap().replace("دەقی 2", "دەقی دوو");
    *server.body.lock().unwrap() = changed;
    let o = d.hewal(&["fetch"]);
    ok(&o);
    assert!(stderr(&o).contains("1 updated") && !stderr(&o).contains("deleted"), "{}", stderr(&o));
    assert_eq!(ids(&[]).len(), 3);
    d.create("xdg-config/hewal/config.toml", "max_articles = 1\n");
    // The feed changed (a new ETag), so it is fetched and trimmed.
    let changed = server.body.lock().unwrap().replace("دەقی 3", "دەقی سێ");
    *server.body.lock().unwrap() = changed;
    let o = d.hewal(&["fetch"]);
    ok(&o);
    assert!(stderr(&o).contains("1 old article(s) deleted (max_articles)"), "{}", stderr(&o));
    assert_eq!(ids(&["--feed", &server.url("/feed.xml")]), [all[0].clone(), all[2].clone()]);
}

//! `hewal list` filters, `hewal mark` and `hewal purge`, as scripts and
//! cron use them.

mod util;

use util::{json_lines, ok, stderr, Dir};

/// A library of 12 articles: 6 from "Rudaw" (ids r0..r5) and 6 from
/// "Kurdistan24" (k0..k5); article 0 of each is 400 days old, article i
/// is 10 - i days old.
fn library() -> Dir {
    let d = Dir::new();
    let mut lines = Vec::new();
    let now = time::OffsetDateTime::now_utc();
    for (source, tag) in [("Rudaw", "r"), ("Kurdistan24", "k")] {
        for i in 0..6 {
            let age = if i == 0 { 400 } else { 10 - i };
            let published =
                (now - time::Duration::days(age)).format(&time::format_description::well_known::Rfc3339).unwrap();
            lines.push(
                serde_json::json!({
                    "id": format!("{tag}{i}"), "title": format!("{source} هەواڵ {i}"),
                    "body": format!("دەقی {tag}وشە {i}"), "published": published, "source": source,
                })
                .to_string(),
            );
        }
    }
    let file = d.create("a.jsonl", lines.join("\n"));
    ok(&d.hewal(&["import", file.to_str().unwrap()]));
    d
}

fn ids(d: &Dir, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    json_lines(&ok(&d.hewal(&all))).iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn list_filters_by_state_and_source() {
    let d = library();
    assert_eq!(ids(&d, &[]).len(), 12);
    assert_eq!(ids(&d, &["--feed", "Rudaw"]), ["r5", "r4", "r3", "r2", "r1", "r0"]);
    ok(&d.hewal(&["mark", "read", "r5", "k5"]));
    ok(&d.hewal(&["mark", "star", "r1"]));
    let unread = ids(&d, &["--unread"]);
    assert_eq!(unread.len(), 10);
    assert!(!unread.contains(&"r5".to_owned()) && !unread.contains(&"k5".to_owned()));
    assert_eq!(ids(&d, &["--starred"]), ["r1"]);
    assert_eq!(ids(&d, &["--unread", "--feed", "Kurdistan24", "--limit", "2"]), ["k4", "k3"]);
    // Each row says its state.
    let rows = json_lines(&ok(&d.hewal(&["list", "--json", "--feed", "Rudaw", "--limit", "1"])));
    assert_eq!((rows[0]["read"].as_bool(), rows[0]["starred"].as_bool()), (Some(true), Some(false)));
}

#[test]
fn mark_a_whole_source_or_everything_and_back() {
    let d = library();
    let o = ok(&d.hewal(&["mark", "read", "--feed", "Rudaw"]));
    assert!(o.is_empty());
    assert_eq!(ids(&d, &["--unread"]).len(), 6);
    ok(&d.hewal(&["mark", "read", "--all"]));
    assert!(ids(&d, &["--unread"]).is_empty());
    ok(&d.hewal(&["mark", "unread", "--all"]));
    assert_eq!(ids(&d, &["--unread"]).len(), 12);
}

#[test]
fn unknown_names_are_reported_clearly() {
    let d = library();
    let o = d.hewal(&["list", "--feed", "Nowhere"]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("no feed or import source named \"Nowhere\"") && e.contains("\"Rudaw\""), "{e}");
    let o = d.hewal(&["mark", "read", "r1", "nope"]);
    assert_eq!(o.status.code(), Some(2), "an unknown id is an item error: {}", stderr(&o));
    assert!(stderr(&o).contains("no article with id \"nope\""), "{}", stderr(&o));
    assert_eq!(ids(&d, &["--unread"]).len(), 11, "the known id was marked all the same");
}

#[test]
fn purge_keeps_starred_articles_and_search_forgets_the_rest() {
    let d = library();
    // Indexed first, so the purge has something to take out of the index.
    assert_eq!(json_lines(&ok(&d.hewal(&["search", "--json", "دەقی"]))).len(), 12);
    ok(&d.hewal(&["mark", "star", "k0"]));
    let o = d.hewal(&["purge", "--older-than", "365"]);
    ok(&o);
    assert!(stderr(&o).contains("deleted 1 article(s); kept 1 starred article(s)"), "{}", stderr(&o));
    let left = ids(&d, &[]);
    assert_eq!(left.len(), 11);
    assert!(left.contains(&"k0".to_owned()) && !left.contains(&"r0".to_owned()));
    let found = json_lines(&ok(&d.hewal(&["search", "--json", "--limit", "100", "دەقی"])));
    assert_eq!(found.len(), 11);
    assert!(found.iter().all(|v| v["id"] != "r0"), "a purged article is still found");
    assert!(json_lines(&ok(&d.hewal(&["search", "--json", "r0وشە"]))).is_empty());
    // A whole source, by name.
    ok(&d.hewal(&["purge", "--feed", "Rudaw"]));
    assert_eq!(ids(&d, &["--feed", "Kurdistan24"]).len(), 6);
    assert!(ids(&d, &[]).iter().all(|id| id.starts_with('k')));
}

//! How dates look on screen: one place for the list, the reader and the
//! feeds popup.

/// `2025-03-14` for a Unix time; `None` for a time out of range.
pub fn date(t: i64) -> Option<String> {
    let d = time::OffsetDateTime::from_unix_timestamp(t).ok()?;
    Some(format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()))
}

/// An article as plain text in logical order, for `|` and saving: the
/// title, the link, a blank line and the body, each line cleaned of
/// control and escape characters.
pub fn article_text(a: &crate::store::Article) -> String {
    let mut out = crate::text::sanitize(&a.title);
    if let Some(url) = &a.url {
        out.push('\n');
        out.push_str(&crate::text::sanitize(url));
    }
    out.push_str("\n\n");
    for line in a.body.lines() {
        out.push_str(&crate::text::sanitize(line));
        out.push('\n');
    }
    out
}

/// `25-03-14`: the list's compact date.
pub fn short_date(t: i64) -> Option<String> {
    date(t).map(|d| d[2..].to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_iso_and_out_of_range_is_none() {
        assert_eq!(super::date(1_740_000_000).as_deref(), Some("2025-02-19"));
        assert_eq!(super::date(0).as_deref(), Some("1970-01-01"));
        assert_eq!(super::date(i64::MAX), None);
        assert_eq!(super::short_date(1_740_000_000).as_deref(), Some("25-02-19"));
    }
}

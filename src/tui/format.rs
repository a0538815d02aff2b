//! How dates and numbers look on screen: one place for the list, the
//! reader, the feeds pane and the status line.
//!
//! `date_format` and `digits` in config.toml choose: ISO dates or dates
//! with Kurdish month names (from CLDR's Central Kurdish data, through
//! ICU4X), Western or Arabic-Indic digits. The choice is per thread (the
//! UI thread draws), as the palette is.

use crate::config::{DateFormat, Digits};
use std::cell::{Cell, RefCell};

thread_local! {
    static STYLE: Cell<(DateFormat, Digits)> = const { Cell::new((DateFormat::Iso, Digits::Western)) };
    static KURDISH: RefCell<Option<(Digits, KurdishDates)>> = const { RefCell::new(None) };
}

type KurdishDates = icu_datetime::FixedCalendarDateTimeFormatter<icu_calendar::Gregorian, icu_datetime::fieldsets::YMD>;

/// Write dates and numbers this way on this thread from now on.
pub fn set_style(dates: DateFormat, digits: Digits) {
    STYLE.with(|s| s.set((dates, digits)));
}

fn style() -> (DateFormat, Digits) {
    STYLE.with(Cell::get)
}

/// `s` with its ASCII digits in the digits chosen.
pub fn digits(s: &str) -> String {
    match style().1 {
        Digits::Western => s.to_owned(),
        Digits::ArabicIndic => s
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => char::from_u32(0x0660 + d).unwrap_or(c),
                _ => c,
            })
            .collect(),
    }
}

/// A Unix time's date as the reader and the feeds pane show it:
/// `2025-03-14`, or `١٤ی ئازاری ٢٠٢٥`; `None` for a time out of range.
pub fn date(t: i64) -> Option<String> {
    let d = time::OffsetDateTime::from_unix_timestamp(t).ok()?;
    match style() {
        (DateFormat::Kurdish, digits) => kurdish(d.year(), d.month() as u8, d.day(), digits),
        (DateFormat::Iso, _) => Some(self::digits(&format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()))),
    }
}

/// [`date`], but "today" and "yesterday" (in the interface's language)
/// for the last two days before `now`. Days are UTC days, as every date
/// hewal shows.
pub fn date_from(t: i64, now: i64) -> Option<String> {
    relative(t, now).or_else(|| date(t))
}

/// "today" or "yesterday" for a time in the last two days before `now`.
fn relative(t: i64, now: i64) -> Option<String> {
    let day = |s: i64| s.div_euclid(86_400);
    match day(now) - day(t) {
        0 => Some(crate::i18n::text("date-today")),
        1 => Some(crate::i18n::text("date-yesterday")),
        _ => None,
    }
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// [`date_from`] now: the reader's date.
pub fn recent_date(t: i64) -> Option<String> {
    date_from(t, now())
}

/// [`short_date`], but "today" or "yesterday" for the last two days: the
/// feeds pane's last fetch.
pub fn recent_short_date(t: i64) -> Option<String> {
    relative(t, now()).or_else(|| short_date(t))
}

/// The date with Kurdish month names, CLDR's long form for `ckb`.
fn kurdish(year: i32, month: u8, day: u8, digits: Digits) -> Option<String> {
    let date = icu_calendar::Date::try_new_gregorian(year, month, day).ok()?;
    KURDISH.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.as_ref().is_none_or(|(d, _)| *d != digits) {
            let locale = match digits {
                Digits::ArabicIndic => icu_locale_core::locale!("ckb"),
                Digits::Western => icu_locale_core::locale!("ckb-u-nu-latn"),
            };
            let f = KurdishDates::try_new(locale.into(), icu_datetime::fieldsets::YMD::long()).ok()?;
            *cache = Some((digits, f));
        }
        cache.as_ref().map(|(_, f)| f.format(&date).to_string())
    })
}

/// `25-03-14`: the list's compact date, in the digits chosen.
pub fn short_date(t: i64) -> Option<String> {
    let d = time::OffsetDateTime::from_unix_timestamp(t).ok()?;
    Some(digits(&format!("{:02}-{:02}-{:02}", d.year().rem_euclid(100), d.month() as u8, d.day())))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_two_days_are_today_and_yesterday() {
        set_style(DateFormat::Iso, Digits::Western);
        let now = 1_764_806_400 + 3_600; // 2025-12-04 01:00 UTC
        assert_eq!(date_from(now - 60, now).as_deref(), Some("today"));
        assert_eq!(date_from(now - 7_200, now).as_deref(), Some("yesterday"));
        assert_eq!(date_from(now - 86_400 - 7_200, now).as_deref(), Some("2025-12-02"));
        // A date ahead of now (a feed's clock) is a date.
        assert_eq!(date_from(now + 86_400, now).as_deref(), Some("2025-12-05"));
    }

    #[test]
    fn dates_are_iso_and_out_of_range_is_none() {
        set_style(DateFormat::Iso, Digits::Western);
        assert_eq!(date(1_740_000_000).as_deref(), Some("2025-02-19"));
        assert_eq!(date(0).as_deref(), Some("1970-01-01"));
        assert_eq!(date(i64::MAX), None);
        assert_eq!(short_date(1_740_000_000).as_deref(), Some("25-02-19"));
    }

    #[test]
    fn kurdish_month_names_and_arabic_indic_digits() {
        // 2026-12-04 12:00 UTC.
        let t = 1_796_385_600;
        set_style(DateFormat::Kurdish, Digits::ArabicIndic);
        assert_eq!(date(t).as_deref(), Some("٤ی کانونی یەکەمی ٢٠٢٦"));
        assert_eq!(short_date(t).as_deref(), Some("٢٦-١٢-٠٤"));
        assert_eq!(digits("1/10 · 9 unread"), "١/١٠ · ٩ unread");
        set_style(DateFormat::Kurdish, Digits::Western);
        assert_eq!(date(t).as_deref(), Some("4ی کانونی یەکەمی 2026"));
        // Every month has its name (CLDR's ckb), none the English one.
        let names: Vec<String> = (1..=12u8).map(|m| kurdish(2025, m, 1, Digits::Western).unwrap()).collect();
        assert!(names[2].contains("ئازار") && names[3].contains("نیسان"), "{names:?}");
        assert!(names.iter().all(|n| !n.chars().any(|c| c.is_ascii_alphabetic())), "{names:?}");
        set_style(DateFormat::Iso, Digits::ArabicIndic);
        assert_eq!(date(t).as_deref(), Some("٢٠٢٦-١٢-٠٤"));
        set_style(DateFormat::Iso, Digits::Western);
    }
}

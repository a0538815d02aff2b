//! HTTP(S) fetching with ureq: timeouts, redirects, gzip/deflate, a size
//! cap enforced while reading, conditional GET.

use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use ureq::http::header;
use ureq::{Agent, ResponseExt};

use super::urls::is_web_url;
use super::{parse_feed_with_charset, FeedError, FetchOptions, FetchOutcome, Validators};

const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

fn agent(opts: &FetchOptions) -> Agent {
    let config = Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_resolve(Some(opts.connect_timeout))
        .max_redirects(opts.max_redirects)
        .max_redirects_will_error(true)
        .http_status_as_error(false)
        .user_agent(opts.user_agent.as_str())
        .accept(ACCEPT)
        .accept_encoding("gzip, deflate")
        .build();
    config.into()
}

/// Fetches and parses one feed. Sends `If-None-Match` / `If-Modified-Since`
/// from `validators`; a 304 answer gives [`FetchOutcome::NotModified`].
/// Never panics; every failure is a [`FetchOutcome::Failed`].
pub fn fetch(url: &str, validators: &Validators, opts: &FetchOptions) -> FetchOutcome {
    fetch_with(&agent(opts), url, validators, opts)
}

/// [`fetch_each`], with every outcome kept and returned in input order;
/// `on_done(index, outcome)` sees each one as it arrives.
// Hidden: only tests/feeds_http.rs calls it (concurrency and order are
// checked through it); hewal streams the outcomes with `fetch_each`.
#[doc(hidden)]
pub fn fetch_all(
    jobs: &[(String, Validators)],
    opts: &FetchOptions,
    on_done: &(dyn Fn(usize, &FetchOutcome) + Sync),
) -> Vec<FetchOutcome> {
    let results: Mutex<Vec<Option<FetchOutcome>>> = Mutex::new(vec![None; jobs.len()]);
    fetch_each(jobs, opts, &|i, outcome| {
        on_done(i, &outcome);
        // A poisoned lock means a fetch thread panicked, and the scope in
        // `fetch_each` raises that panic again: no result is lost unseen.
        if let Ok(mut r) = results.lock() {
            r[i] = Some(outcome);
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                FetchOutcome::Failed(FeedError::Network {
                    url: String::new(),
                    reason: "internal error: fetch did not finish".into(),
                })
            })
        })
        .collect()
}

/// Fetches every job with at most `opts.concurrency` threads at once (one
/// shared connection pool) and hands each outcome to `on_done(index,
/// outcome)`, on a worker thread, as it arrives. Nothing is kept: memory
/// holds only the feeds in flight (and whatever `on_done` keeps).
/// `on_done` may block to slow the fetches down.
pub fn fetch_each(jobs: &[(String, Validators)], opts: &FetchOptions, on_done: &(dyn Fn(usize, FetchOutcome) + Sync)) {
    if jobs.is_empty() {
        return;
    }
    let agent = agent(opts);
    let next = AtomicUsize::new(0);
    let workers = opts.concurrency.clamp(1, 64).min(jobs.len());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((url, validators)) = jobs.get(i) else {
                    break;
                };
                on_done(i, fetch_with(&agent, url, validators, opts));
            });
        }
    });
}

fn fetch_with(agent: &Agent, url: &str, validators: &Validators, opts: &FetchOptions) -> FetchOutcome {
    match try_fetch(agent, url, validators, opts) {
        Ok(o) => o,
        Err(e) => FetchOutcome::Failed(e),
    }
}

fn try_fetch(
    agent: &Agent,
    url: &str,
    validators: &Validators,
    opts: &FetchOptions,
) -> Result<FetchOutcome, FeedError> {
    let trimmed = url.trim();
    if !is_web_url(trimmed) {
        let reason = match url::Url::parse(trimmed) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => "write it as http://host/… or https://host/…".to_owned(),
            Ok(_) | Err(url::ParseError::RelativeUrlWithoutBase) => {
                "only http:// and https:// are supported".to_owned()
            }
            // A web URL the parser refuses (`http://` with no host, say).
            Err(e) => e.to_string(),
        };
        return Err(FeedError::InvalidUrl { url: url.to_string(), reason });
    }
    let mut req = agent.get(trimmed);
    if let Some(etag) = validators.etag.as_deref().filter(|v| valid_header(v)) {
        req = req.header(header::IF_NONE_MATCH, etag);
    }
    if let Some(lm) = validators.last_modified.as_deref().filter(|v| valid_header(v)) {
        req = req.header(header::IF_MODIFIED_SINCE, lm);
    }
    let mut resp = req.call().map_err(|e| map_err(url, e, opts))?;
    let status = resp.status().as_u16();
    if status == 304 {
        return Ok(FetchOutcome::NotModified);
    }
    if (300..400).contains(&status) {
        return Err(FeedError::TooManyRedirects { url: url.to_string(), max: opts.max_redirects });
    }
    if !(200..300).contains(&status) {
        let hint = match status {
            404 | 410 => "; the feed is gone or the address is wrong, check it in your urls file",
            401 | 403 => "; the server refuses access, check the address or whether the feed needs a login",
            429 => "; too many requests, try again later",
            500..=599 => "; the server has a problem, try again later",
            _ => "; check the address in your urls file",
        };
        return Err(FeedError::Http { url: url.to_string(), status, hint: hint.to_string() });
    }
    let new_validators =
        Validators { etag: header_str(&resp, header::ETAG), last_modified: header_str(&resp, header::LAST_MODIFIED) };
    let final_url = resp.get_uri().to_string();
    let charset = resp.body().charset().map(str::to_string);
    let deflate = resp
        .headers()
        .get(header::CONTENT_ENCODING)
        // A value that is not visible ASCII names no encoding ureq decodes.
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("deflate"));
    let bytes = resp.body_mut().with_config().limit(opts.max_bytes).read_to_vec().map_err(|e| map_err(url, e, opts))?;
    let bytes = if deflate { inflate(&bytes, url, opts.max_bytes)? } else { bytes };
    let base = if final_url.is_empty() { url } else { &final_url };
    let mut feed = parse_feed_with_charset(&bytes, base, charset.as_deref()).map_err(|e| match e {
        FeedError::Parse { reason, .. } => FeedError::Parse { url: url.to_string(), reason },
        other => other,
    })?;
    if base != url {
        // Messages name the subscribed URL, not the redirect target.
        for w in &mut feed.warnings {
            if let Some(rest) = w.strip_prefix(base) {
                *w = format!("{url}{rest}");
            }
        }
    }
    Ok(FetchOutcome::Fetched(feed, new_validators))
}

fn valid_header(v: &str) -> bool {
    !v.is_empty() && v.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
}

/// A header's value, trimmed; `None` when it is missing, empty or not
/// visible ASCII (such a validator could not be sent back anyway).
fn header_str(resp: &ureq::http::Response<ureq::Body>, name: header::HeaderName) -> Option<String> {
    resp.headers().get(name).and_then(|v| v.to_str().ok()).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Decodes a `Content-Encoding: deflate` body (zlib, or raw deflate as some
/// servers send), capped at `max` bytes.
fn inflate(bytes: &[u8], url: &str, max: u64) -> Result<Vec<u8>, FeedError> {
    let read = |r: &mut dyn Read| -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        r.take(max.saturating_add(1)).read_to_end(&mut out)?;
        Ok(out)
    };
    let out = read(&mut flate2::read::ZlibDecoder::new(bytes))
        .or_else(|_| read(&mut flate2::read::DeflateDecoder::new(bytes)))
        .map_err(|e| FeedError::Truncated { url: url.to_string(), reason: format!("bad deflate data: {e}") })?;
    if out.len() as u64 > max {
        return Err(FeedError::TooLarge { url: url.to_string(), limit: max });
    }
    Ok(out)
}

fn map_err(url: &str, e: ureq::Error, opts: &FetchOptions) -> FeedError {
    let url = url.to_string();
    let reason = strip_reason(&e.to_string());
    match e {
        ureq::Error::HostNotFound => FeedError::Dns { url },
        ureq::Error::Timeout(t) => {
            let ms = match t {
                ureq::Timeout::Connect | ureq::Timeout::Resolve => opts.connect_timeout,
                _ => opts.timeout,
            };
            FeedError::Timeout { url, ms: ms.as_millis().min(u64::MAX as u128) as u64 }
        }
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
            FeedError::TooManyRedirects { url, max: opts.max_redirects }
        }
        ureq::Error::BodyExceedsLimit(limit) => FeedError::TooLarge { url, limit },
        ureq::Error::BadUri(r) => FeedError::InvalidUrl { url, reason: strip_reason(&r) },
        ureq::Error::Http(_) => FeedError::InvalidUrl { url, reason },
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::TlsRequired => FeedError::Tls { url, reason },
        ureq::Error::ConnectionFailed => FeedError::Connect { url, reason },
        ureq::Error::Decompress(..) => FeedError::Truncated { url, reason },
        ureq::Error::Io(ref io) => match io.kind() {
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset => {
                FeedError::Truncated { url, reason }
            }
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                FeedError::Timeout { url, ms: opts.timeout.as_millis().min(u64::MAX as u128) as u64 }
            }
            std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::ConnectionAborted => {
                FeedError::Connect { url, reason }
            }
            _ if is_tls_io(io) => FeedError::Tls { url, reason },
            _ => FeedError::Network { url, reason },
        },
        ureq::Error::Protocol(_) => FeedError::Network { url, reason: format!("invalid HTTP response: {reason}") },
        _ => FeedError::Network { url, reason },
    }
}

fn is_tls_io(io: &std::io::Error) -> bool {
    if io.get_ref().is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some()) {
        return true;
    }
    let s = io.to_string().to_ascii_lowercase();
    s.contains("certificate") || s.contains("tls") || s.contains("handshake")
}

fn strip_reason(s: &str) -> String {
    super::strip_c0(s).replace('\n', " ").chars().take(300).collect()
}

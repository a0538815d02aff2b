//! A tiny HTTP/1.1 server on 127.0.0.1 (port 0) for tests: one request per
//! connection, then close. Each connection is served on its own thread by a
//! handler from request to [`Reply`]; the server logs the requests, counts
//! the replies sent, and stops when dropped. Every loop in it is bounded by
//! a deadline.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Nothing a test server does lasts longer than this (a test that runs the
/// `hewal` binary several times against one server needs it alive that long
/// on a loaded machine).
const LIFETIME: Duration = Duration::from_secs(60);

#[derive(Clone, Debug)]
pub struct Request {
    pub path: String,
    /// Header names lowercased.
    pub headers: HashMap<String, String>,
}

pub enum Reply {
    /// Status, extra headers, body (Content-Length is added).
    Full(u16, Vec<(String, String)>, Vec<u8>),
    /// Waits, then sends the reply.
    Delayed(Duration, Box<Reply>),
    /// Headers without a length, then bytes until the client goes away.
    Endless,
    /// 200 with a Content-Length larger than the body sent, then close.
    Truncated(Vec<u8>, usize),
    /// Headers, then one byte every `Duration`.
    Trickle(Duration),
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full(200, vec![("Content-Type".into(), content_type.into())], body.into())
    }
    pub fn status(code: u16) -> Reply {
        Reply::Full(code, vec![], format!("status {code}").into_bytes())
    }
    pub fn redirect(to: &str) -> Reply {
        Reply::Full(302, vec![("Location".into(), to.into())], Vec::new())
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct Server {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    pub requests: Arc<Mutex<Vec<Request>>>,
    answered: Arc<AtomicUsize>,
    accept: Option<thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let answered = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (stop2, reqs2, answered2) = (stop.clone(), requests.clone(), answered.clone());
        let accept = thread::spawn(move || {
            let start = Instant::now();
            while !stop2.load(Ordering::Relaxed) && start.elapsed() < LIFETIME {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (h, s, r, a) = (handler.clone(), stop2.clone(), reqs2.clone(), answered2.clone());
                        thread::spawn(move || {
                            if serve(stream, &*h, &s, &r, start) {
                                a.fetch_add(1, Ordering::Relaxed);
                            }
                        });
                    }
                    Err(_) => thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Server { addr, stop, requests, answered, accept: Some(accept) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn requests_to(&self, path: &str) -> Vec<Request> {
        let r = self.requests.lock().unwrap();
        r.iter().filter(|q| q.path == path).cloned().collect()
    }

    /// How many replies have been sent in full (after any delay).
    pub fn answered(&self) -> usize {
        self.answered.load(Ordering::Relaxed)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

fn alive(stop: &AtomicBool, start: Instant) -> bool {
    !stop.load(Ordering::Relaxed) && start.elapsed() < LIFETIME
}

/// Read one request, log it and send the handler's reply; false when no
/// request came (closed, timed out, or not HTTP).
fn serve(mut s: TcpStream, handler: &Handler, stop: &AtomicBool, log: &Mutex<Vec<Request>>, start: Instant) -> bool {
    let _ = s.set_nonblocking(false);
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = s.set_write_timeout(Some(Duration::from_secs(2)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 2048];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 65536 {
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => return false,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if !buf[0].is_ascii_uppercase() {
            // Not HTTP (a TLS ClientHello): answer in plain text and close.
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            return false;
        }
    }
    let head = String::from_utf8_lossy(&buf).to_string();
    let mut lines = head.split("\r\n");
    let first = lines.next().unwrap_or("");
    let path = first.split(' ').nth(1).unwrap_or("/").to_string();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let req = Request { path, headers };
    log.lock().unwrap().push(req.clone());
    let reply = handler(&req);
    send(&mut s, reply, stop, start);
    true
}

fn send(s: &mut TcpStream, reply: Reply, stop: &AtomicBool, start: Instant) {
    match reply {
        Reply::Full(code, headers, body) => {
            let mut out = format!("HTTP/1.1 {code} X\r\nConnection: close\r\n");
            for (k, v) in headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
            let _ = s.write_all(out.as_bytes());
            let _ = s.write_all(&body);
        }
        Reply::Delayed(d, inner) => {
            let until = Instant::now() + d;
            while Instant::now() < until && alive(stop, start) {
                std::thread::sleep(Duration::from_millis(10));
            }
            send(s, *inner, stop, start);
        }
        Reply::Endless => {
            let _ = s.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>",
            );
            let item = b"<item><title>again</title><description>and again and again</description></item>\n".repeat(100);
            while alive(stop, start) {
                if s.write_all(&item).is_err() {
                    break;
                }
            }
        }
        Reply::Truncated(body, claimed) => {
            let _ = s.write_all(
                format!("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {claimed}\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
            let _ = s.write_all(&body);
            let _ = s.flush();
        }
        Reply::Trickle(every) => {
            let _ = s.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n",
            );
            while alive(stop, start) {
                if s.write_all(b" ").is_err() {
                    break;
                }
                std::thread::sleep(every);
            }
        }
    }
}

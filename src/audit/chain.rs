//! The hash chain: every record carries `seq` and `prev`, the SHA-256 of the previous
//! record's line (its bytes without the newline), so a line edited, removed, inserted or
//! moved breaks the chain where it happened. Appends read the last line from the end of the
//! file, never the trail, so one costs the same at record 10 and at record 1,000,000; they
//! are serialised across processes by an exclusive `flock` on the trail itself.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// What the first record of a trail that starts chained points at.
pub const GENESIS: &str = "rekog audit trail v1";

/// How long an append waits for another process's append to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// The hash a record's successor holds as `prev`: of the line without its newline.
pub fn line_hash(line: &[u8]) -> String {
    hex(&Sha256::digest(line))
}

pub fn genesis_hash() -> String {
    line_hash(GENESIS.as_bytes())
}

/// `seq` and `prev` read from the front of a line as rekog writes it (`{"seq":N,"prev":"…"`),
/// without parsing the rest: verifying a million records is mostly this. `None` for a line
/// that does not start that way (an unchained record, or one rewritten by other tools),
/// which callers then parse in full.
pub fn fast_head(line: &[u8]) -> Option<(u64, &str)> {
    let rest = line.strip_prefix(b"{\"seq\":")?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 19 {
        return None;
    }
    let seq = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
    let rest = rest[digits..].strip_prefix(b",\"prev\":\"")?;
    let prev = rest.get(..64)?;
    if rest.get(64) != Some(&b'"') || !prev.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    Some((seq, std::str::from_utf8(prev).ok()?))
}

/// `seq` and `prev` of a line however its keys are laid out; `None` when it is not JSON
/// or not chained.
pub fn head(line: &[u8]) -> Option<(u64, String)> {
    if let Some((seq, prev)) = fast_head(line) {
        return Some((seq, prev.to_owned()));
    }
    #[derive(serde::Deserialize)]
    struct Head {
        seq: Option<u64>,
        prev: Option<String>,
    }
    let head: Head = serde_json::from_slice(line).ok()?;
    Some((head.seq?, head.prev?))
}

/// Where the next record links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub seq: u64,
    pub prev: String,
    /// The file does not end with a newline (a write cut short): the record starts on a
    /// fresh line.
    pub newline_first: bool,
}

/// The link for a record appended to `file` now. The caller holds the lock.
pub fn next_link(file: &File) -> std::io::Result<Link> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(Link {
            seq: 1,
            prev: genesis_hash(),
            newline_first: false,
        });
    }
    let mut last = [0u8; 1];
    file.read_exact_at(&mut last, len - 1)?;
    let newline_first = last[0] != b'\n';
    // The last complete line: the one before the final newline, or before a cut-off tail.
    let end = if newline_first { len } else { len - 1 };
    let mut chunk = 4096u64;
    loop {
        let start = end.saturating_sub(chunk);
        let mut buf = vec![0u8; usize::try_from(end - start).unwrap_or(usize::MAX)];
        file.read_exact_at(&mut buf, start)?;
        // In a cut-off tail, the last complete line ends at the last newline.
        let body = if newline_first {
            match buf.iter().rposition(|&b| b == b'\n') {
                Some(nl) => &buf[..nl],
                None if start == 0 => &buf[..0],
                None => {
                    chunk = chunk.saturating_mul(4);
                    continue;
                }
            }
        } else {
            &buf[..]
        };
        match body.iter().rposition(|&b| b == b'\n') {
            Some(nl) => return link_after(file, &body[nl + 1..], newline_first),
            None if start == 0 => return link_after(file, body, newline_first),
            None => chunk = chunk.saturating_mul(4),
        }
    }
}

fn link_after(file: &File, last: &[u8], newline_first: bool) -> std::io::Result<Link> {
    match head(last) {
        Some((seq, _)) => Ok(Link {
            seq: seq.saturating_add(1),
            prev: line_hash(last),
            newline_first,
        }),
        // An unchained trail (from before the chain), or nothing but a cut-off line: the
        // chain starts here, anchored to every byte before it.
        None => Ok(Link {
            seq: 1,
            prev: prefix_hash(file, newline_first)?,
            newline_first,
        }),
    }
}

/// SHA-256 of the whole file, plus the newline an append adds first when it must.
fn prefix_hash(file: &File, newline_first: bool) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let len = file.metadata()?.len();
    let mut offset = 0u64;
    let mut buf = vec![0u8; 1 << 16];
    while offset < len {
        let n = file.read_at(&mut buf, offset)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        offset += n as u64;
    }
    if newline_first {
        hasher.update(b"\n");
    }
    Ok(hex(&hasher.finalize()))
}

/// An exclusive `flock` on the trail, released on drop. Per open file, so two `Audit`s of
/// one process exclude each other as two processes do.
pub struct Lock<'a> {
    file: &'a File,
}

impl Drop for Lock<'_> {
    fn drop(&mut self) {
        // SAFETY: the descriptor is open for as long as `file` is borrowed.
        unsafe {
            libc::flock(self.file.as_raw_fd(), libc::LOCK_UN);
        }
    }
}

/// Who holds the trail's lock, when it could not be had within `wait`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub holder: Option<String>,
}

pub fn lock(file: &File, wait: Duration) -> Result<Lock<'_>, LockError> {
    let deadline = Instant::now() + wait;
    loop {
        // SAFETY: flock on a descriptor we own; it touches no memory.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if rc == 0 {
            return Ok(Lock { file });
        }
        let err = std::io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::EWOULDBLOCK) | Some(libc::EINTR) => {}
            _ => return Err(LockError::Io(err)),
        }
        if Instant::now() >= deadline {
            return Err(LockError::Held(Held {
                holder: holder(file),
            }));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[derive(Debug)]
pub enum LockError {
    Held(Held),
    Io(std::io::Error),
}

/// The process holding a `flock` on `file`, from /proc/locks (Linux): "PID (COMMAND)".
fn holder(file: &File) -> Option<String> {
    let meta = file.metadata().ok()?;
    let (dev, ino) = (meta.dev(), meta.ino());
    let locks = proc_locks()?;
    let pid = locks.lines().find_map(|line| holder_in(line, dev, ino))?;
    let command = std::fs::read_to_string(format!("/proc/{pid}/cmdline"))
        .ok()
        .map(|c| c.replace('\0', " ").trim().to_owned())
        .filter(|c| !c.is_empty());
    Some(match command {
        Some(command) => format!("process {pid} ({command})"),
        None => format!("process {pid}"),
    })
}

/// /proc/locks in one read. The kernel lists the locks afresh for each read call, so read in
/// pieces (as `read_to_string` does, from 32 bytes up), a lock taken or dropped between two
/// of them shifts the lines and one can fall between the pieces: the holder went unnamed
/// about one time in ten while other trails were being locked.
fn proc_locks() -> Option<String> {
    use std::io::Read;
    let mut size = 64 * 1024;
    loop {
        let mut buf = vec![0u8; size];
        let n = File::open("/proc/locks").ok()?.read(&mut buf).ok()?;
        if n < size {
            buf.truncate(n);
            return String::from_utf8(buf).ok();
        }
        // Filled to the brim: there may be more, so ask again with room to spare.
        size = size.checked_mul(4).filter(|s| *s <= 64 << 20)?;
    }
}

/// The pid in one line of /proc/locks (`1: FLOCK  ADVISORY  WRITE 4242 08:01:1234 0 EOF`)
/// when it is a flock on the file `dev`:`ino`.
fn holder_in(line: &str, dev: u64, ino: u64) -> Option<u32> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    // A waiter's line has "->" after the number: it does not hold the lock.
    if fields.get(1) != Some(&"FLOCK") {
        return None;
    }
    let pid = fields.get(4)?.parse().ok()?;
    let mut id = fields.get(5)?.split(':');
    let major = u64::from_str_radix(id.next()?, 16).ok()?;
    let minor = u64::from_str_radix(id.next()?, 16).ok()?;
    let inode: u64 = id.next()?.parse().ok()?;
    let file_dev = libc::makedev(u32::try_from(major).ok()?, u32::try_from(minor).ok()?);
    (file_dev == dev && inode == ino).then_some(pid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_of_a_line_gives_seq_and_prev() {
        let prev = "ab".repeat(32);
        let line = format!("{{\"seq\":42,\"prev\":\"{prev}\",\"time\":\"x\"}}");
        assert_eq!(fast_head(line.as_bytes()), Some((42, prev.as_str())));
        let moved = format!("{{\"time\":\"x\",\"prev\":\"{prev}\",\"seq\":42}}");
        assert_eq!(fast_head(moved.as_bytes()), None);
        assert_eq!(head(moved.as_bytes()), Some((42, prev.clone())));
        assert_eq!(head(b"{\"time\":\"x\"}"), None);
        assert_eq!(head(b"{\"seq\":1,\"pr"), None);
        let upper = format!("{{\"seq\":1,\"prev\":\"{}\"}}", "AB".repeat(32));
        assert_eq!(fast_head(upper.as_bytes()), None);
    }

    #[test]
    fn hex_is_lowercase_two_digits_a_byte() {
        assert_eq!(hex(&[0, 0x0f, 0xa0, 0xff]), "000fa0ff");
        assert_eq!(genesis_hash().len(), 64);
    }

    fn file_with(bytes: &[u8]) -> (tempfile::TempDir, File) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t");
        std::fs::write(&path, bytes).unwrap();
        let file = File::open(&path).unwrap();
        (dir, file)
    }

    #[test]
    fn the_next_link_is_read_from_the_end() {
        let (_d, empty) = file_with(b"");
        assert_eq!(next_link(&empty).unwrap().prev, genesis_hash());

        let prev = "0".repeat(64);
        let last = format!("{{\"seq\":7,\"prev\":\"{prev}\"}}");
        let body = format!("{{\"seq\":6,\"prev\":\"{prev}\"}}\n{last}\n");
        let (_d, file) = file_with(body.as_bytes());
        let link = next_link(&file).unwrap();
        assert_eq!(
            (link.seq, link.prev.as_str(), link.newline_first),
            (8, line_hash(last.as_bytes()).as_str(), false)
        );

        // Cut mid-line: the last complete record is linked to, on a fresh line.
        let cut = format!("{body}{{\"seq\":8,\"pr");
        let (_d, file) = file_with(cut.as_bytes());
        let link = next_link(&file).unwrap();
        assert_eq!((link.seq, link.newline_first), (8, true));
        assert_eq!(link.prev, line_hash(last.as_bytes()));
    }

    #[test]
    fn a_long_last_line_is_found_whole() {
        let prev = "0".repeat(64);
        let pad = "x".repeat(50_000);
        let last = format!("{{\"seq\":2,\"prev\":\"{prev}\",\"pad\":\"{pad}\"}}");
        let body = format!("{{\"seq\":1,\"prev\":\"{prev}\"}}\n{last}\n");
        let (_d, file) = file_with(body.as_bytes());
        let link = next_link(&file).unwrap();
        assert_eq!((link.seq, link.prev), (3, line_hash(last.as_bytes())));
    }

    #[test]
    fn an_unchained_trail_anchors_the_chain_to_all_of_it() {
        let old = b"{\"time\":\"t\",\"event\":\"intent\",\"id\":\"a\"}\n";
        let (_d, file) = file_with(old);
        let link = next_link(&file).unwrap();
        assert_eq!((link.seq, link.prev), (1, line_hash(old)));
        let (_d, file) = file_with(b"{\"time\":\"t\",\"ev");
        let link = next_link(&file).unwrap();
        assert_eq!(
            (link.seq, link.prev, link.newline_first),
            (1, line_hash(b"{\"time\":\"t\",\"ev\n"), true)
        );
    }

    #[test]
    fn a_proc_locks_line_names_the_holder_of_that_file_only() {
        let dev = libc::makedev(8, 1);
        let line = "1: FLOCK  ADVISORY  WRITE 4242 08:01:1234 0 EOF";
        assert_eq!(holder_in(line, dev, 1234), Some(4242));
        assert_eq!(holder_in(line, dev, 1235), None);
        let waiter = "1: -> FLOCK  ADVISORY  WRITE 4243 08:01:1234 0 EOF";
        assert_eq!(holder_in(waiter, dev, 1234), None);
        let posix = "2: POSIX  ADVISORY  WRITE 4244 08:01:1234 0 EOF";
        assert_eq!(holder_in(posix, dev, 1234), None);
    }
}

//! Copying to the operator's clipboard with OSC 52: the terminal (local, or at the far end of
//! an SSH session) puts the text on its clipboard. tmux passes the sequence on only when it
//! is wrapped in a DCS passthrough.

use std::io::Write;

/// What the effects layer writes the sequence to: the real terminal, or a test's buffer.
pub type Sink = Box<dyn Fn(&[u8]) -> std::io::Result<()> + Send + Sync>;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as OSC 52 expects.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                // Six bits at a time: the index is always below 64.
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that sets the clipboard to `text`, wrapped for tmux when `tmux`.
pub fn osc52(text: &str, tmux: bool) -> String {
    let seq = format!("\x1b]52;c;{}\x07", base64(text.as_bytes()));
    if tmux {
        // DCS passthrough: every ESC inside is doubled, and ST ends it.
        format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"))
    } else {
        seq
    }
}

/// Whether rekog runs inside tmux, which needs the passthrough wrapping.
pub fn inside_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|v| !v.is_empty())
}

/// Writes to the process's terminal. The run loop calls effects between frames, so the
/// sequence never lands inside a frame's escape codes.
pub fn terminal_sink() -> Sink {
    Box::new(|bytes| {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn plain_osc52() {
        assert_eq!(osc52("lobby-cam", false), "\x1b]52;c;bG9iYnktY2Ft\x07");
    }

    #[test]
    fn tmux_wraps_in_dcs_passthrough_with_escapes_doubled() {
        assert_eq!(
            osc52("lobby-cam", true),
            "\x1bPtmux;\x1b\x1b]52;c;bG9iYnktY2Ft\x07\x1b\\"
        );
    }
}

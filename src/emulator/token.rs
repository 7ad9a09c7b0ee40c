//! NextToken: a keyset cursor (the last key returned) bound to the request it continues and
//! signed with the store's secret, so that altered, foreign and expired tokens are told apart
//! and refused with InvalidPaginationTokenException. Tokens stay far below the model's
//! 255-character limit because they carry integer keys, never ids.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::error::{ApiError, ErrorKind};

/// Tokens older than this are refused, as AWS does with day-old tokens.
pub const TOKEN_TTL_SECS: i64 = 24 * 3600;

/// What a page continues: the list it belongs to and the last key it returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The collection's internal key for faces and users; 0 for collections.
    pub scope: i64,
    pub last: i64,
}

/// The request a token belongs to: operation, region, collection and filters.
pub struct Binding<'a> {
    pub kind: char,
    pub parts: &'a [&'a str],
}

impl Binding<'_> {
    fn fingerprint(&self) -> String {
        let mut hash = Sha256::new();
        for part in self.parts {
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part.as_bytes());
        }
        hex(&hash.finalize()[..4])
    }
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

fn mac(secret: &[u8], payload: &str) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(payload.as_bytes());
    hex(&mac.finalize().into_bytes()[..16])
}

fn invalid(why: &str) -> ApiError {
    ApiError::new(
        ErrorKind::InvalidPaginationToken,
        format!("Invalid pagination token: {why}"),
    )
}

pub fn encode(secret: &[u8], binding: &Binding<'_>, cursor: Cursor, now: i64) -> String {
    let payload = format!(
        "{}.{}.{}.{}.{}",
        binding.kind,
        cursor.scope,
        cursor.last,
        now,
        binding.fingerprint()
    );
    let mac = mac(secret, &payload);
    format!("{payload}.{mac}")
}

pub fn decode(
    secret: &[u8],
    binding: &Binding<'_>,
    token: &str,
    now: i64,
) -> Result<Cursor, ApiError> {
    let tampered = || invalid("the token was altered or was not issued by this endpoint");
    let (payload, given) = token.rsplit_once('.').ok_or_else(tampered)?;
    let expected = mac(secret, payload);
    // Compare without early exit, so timing tells nothing about the expected value.
    let same = given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !same {
        return Err(tampered());
    }
    let fields: Vec<&str> = payload.split('.').collect();
    let [kind, scope, last, issued, fingerprint] = fields[..] else {
        return Err(tampered());
    };
    let number = |s: &str| s.parse::<i64>().map_err(|_| tampered());
    let (scope, last, issued) = (number(scope)?, number(last)?, number(issued)?);
    if kind.chars().ne([binding.kind]) || fingerprint != binding.fingerprint() {
        return Err(invalid(
            "the token belongs to another request (a different operation, region, \
             collection or filter)",
        ));
    }
    if now - issued > TOKEN_TTL_SECS {
        return Err(invalid(
            "the token has expired; start again without NextToken",
        ));
    }
    Ok(Cursor { scope, last })
}

/// The error for a token whose collection was deleted and created again since.
pub fn stale() -> ApiError {
    invalid("the collection was deleted and created again since this token was issued")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn binding<'a>(parts: &'a [&'a str]) -> Binding<'a> {
        Binding { kind: 'f', parts }
    }

    #[test]
    fn round_trips_and_refuses_tampering() {
        let b = binding(&["us-east-1", "lobby-cam"]);
        let cursor = Cursor {
            scope: 7,
            last: 1234,
        };
        let token = encode(SECRET, &b, cursor, 1000);
        assert!(token.len() <= 255);
        assert_eq!(decode(SECRET, &b, &token, 1001), Ok(cursor));

        let altered = token.replacen(".1234.", ".1235.", 1);
        let err = decode(SECRET, &b, &altered, 1001).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidPaginationToken);
        assert!(err.message.contains("altered"), "{err}");

        let other_secret = decode(b"another secret", &b, &token, 1001).unwrap_err();
        assert!(other_secret.message.contains("not issued by this endpoint"));

        let foreign = decode(SECRET, &binding(&["eu-west-1", "lobby-cam"]), &token, 1001);
        assert!(foreign.unwrap_err().message.contains("another request"));

        let late = decode(SECRET, &b, &token, 1000 + TOKEN_TTL_SECS + 1).unwrap_err();
        assert!(late.message.contains("expired"), "{late}");

        for junk in ["", ".", "abc", "f.1.2.3.4.5.6", "\u{e9}.\u{e9}"] {
            assert!(decode(SECRET, &b, junk, 1001).is_err(), "{junk}");
        }
    }
}

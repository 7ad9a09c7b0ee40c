//! The body of a query-protocol request: `application/x-www-form-urlencoded` pairs. SDKs
//! percent-encode the values (an ARN's `:` and `/` arrive as `%3A` and `%2F`).

/// The decoded pairs of a form, in order.
pub struct Form(Vec<(String, String)>);

impl Form {
    pub fn parse(body: &[u8]) -> Form {
        let pairs = body
            .split(|&b| b == b'&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let split = pair.iter().position(|&b| b == b'=');
                let (key, value) = match split {
                    Some(at) => (&pair[..at], &pair[at + 1..]),
                    None => (pair, &[][..]),
                };
                (decode(key), decode(value))
            })
            .collect();
        Form(pairs)
    }

    /// The first value of `name`; a member sent twice is read as its first occurrence.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `+` is a space and `%XX` a byte; a `%` not followed by two hex digits stays as it is,
/// and bytes that are not UTF-8 become U+FFFD.
fn decode(text: &[u8]) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let digit = |at: usize| text.get(at).copied().and_then(hex);
                match (digit(i + 1), digit(i + 2)) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi << 4 | lo);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_sdks_send() {
        let form = Form::parse(
            b"Action=AssumeRole&Version=2011-06-15\
              &RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fops\
              &RoleSessionName=a+b%2Bc&Empty=&Bare&RoleArn=second",
        );
        assert_eq!(form.get("Action"), Some("AssumeRole"));
        assert_eq!(
            form.get("RoleArn"),
            Some("arn:aws:iam::123456789012:role/ops")
        );
        assert_eq!(form.get("RoleSessionName"), Some("a b+c"));
        assert_eq!(form.get("Empty"), Some(""));
        assert_eq!(form.get("Bare"), Some(""));
        assert_eq!(form.get("Missing"), None);
    }

    #[test]
    fn keeps_malformed_escapes_and_bytes() {
        assert_eq!(decode(b"100%"), "100%");
        assert_eq!(decode(b"%4"), "%4");
        assert_eq!(decode(b"%zz%41"), "%zzA");
        assert_eq!(decode(b"%C3%A9"), "\u{e9}");
        assert_eq!(decode(b"%FF"), "\u{fffd}");
    }
}

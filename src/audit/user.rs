//! The OS user an audit record names.

use std::ffi::CStr;
use std::mem::MaybeUninit;

use super::env_value;

/// Who runs rekog: the effective user's name in the password database. `$USER` and
/// `$LOGNAME` are whatever the caller's environment says, or nothing under cron, systemd or
/// `env -i`, so they serve only when the lookup fails (a uid without an entry, as in some
/// containers).
pub(crate) fn os_user() -> Option<String> {
    passwd_name()
        .or_else(|| env_value("USER"))
        .or_else(|| env_value("LOGNAME"))
}

/// This machine's name (gethostname), for the records and receipts that say where rekog ran.
pub(super) fn host_name() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most `buf.len()` bytes into `buf`, which lives across
    // the call; a name that does not fit is truncated, possibly without a NUL, which the
    // search for the NUL below bounds to the buffer.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return None;
    }
    let len = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Some(String::from_utf8_lossy(&buf[..len]).into_owned()).filter(|n| !n.is_empty())
}

/// Far beyond any real entry: a larger answer is not worth the memory.
const MAX_BUFFER: usize = 1 << 20;

/// The name of the effective uid in the password database, if it has one.
fn passwd_name() -> Option<String> {
    // SAFETY: geteuid has no preconditions and always succeeds (POSIX).
    let uid = unsafe { libc::geteuid() };
    // SAFETY: sysconf has no preconditions; -1 (no suggestion) is handled below.
    let suggested = unsafe { libc::sysconf(libc::_SC_GETPW_R_SIZE_MAX) };
    let mut len = usize::try_from(suggested)
        .ok()
        .filter(|&n| n > 0)
        .unwrap_or(1024);
    // A few tries: a bigger buffer after ERANGE, or the same after an interrupted call.
    for _ in 0..16 {
        let mut buf: Vec<libc::c_char> = vec![0; len];
        let mut entry = MaybeUninit::<libc::passwd>::uninit();
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: `entry` is valid for writing one `passwd`, `buf` for writing `buf.len()`
        // bytes, `found` for writing one pointer; all three live until the end of this loop
        // body, past every read below. getpwuid_r writes nothing else (it is the reentrant
        // variant: no static storage).
        let rc = unsafe {
            libc::getpwuid_r(
                uid,
                entry.as_mut_ptr(),
                buf.as_mut_ptr(),
                buf.len(),
                &mut found,
            )
        };
        match rc {
            0 if found.is_null() => return None,
            0 => {
                // SAFETY: on success with a non-null result, POSIX has getpwuid_r point
                // `found` at `entry`, fully written; `pw_name` is null or a NUL-terminated
                // string inside `buf`, which is still alive and not written again before the
                // name is copied out.
                let name = unsafe { (*found).pw_name };
                if name.is_null() {
                    return None;
                }
                // SAFETY: non-null and NUL-terminated within `buf`, as above.
                let name = unsafe { CStr::from_ptr(name) };
                return Some(name.to_string_lossy().into_owned()).filter(|n| !n.is_empty());
            }
            libc::ERANGE if len < MAX_BUFFER => len = (len * 2).min(MAX_BUFFER),
            libc::EINTR => {}
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;

    #[test]
    fn the_passwd_name_is_the_one_id_reports() {
        let Ok(out) = Command::new("id").arg("-un").output() else {
            crate::text::errln!("no `id` to compare with");
            return;
        };
        if out.status.success() {
            let name = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            assert_eq!(passwd_name(), Some(name.clone()));
            // Whatever $USER says (it is often unset under cron or in containers).
            assert_eq!(os_user(), Some(name));
        } else {
            // A uid without a name: the lookup fails the same way.
            assert_eq!(passwd_name(), None);
        }
    }
}

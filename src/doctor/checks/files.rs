//! The files rekog and the SDK read and write: rekog's config, the AWS config and
//! credentials files, rekog's own directories and files, and the audit trail.

use crate::doctor::Check;
use crate::doctor::facts::{AuditState, AwsFile, Facts, FileState, Place, PlaceState, RekogConfig};

pub(super) fn rekog_config(f: &Facts) -> Check {
    const NAME: &str = "rekog config";
    match &f.rekog_config {
        RekogConfig::NoPlace => Check::warn(
            NAME,
            "no place for it: neither XDG_CONFIG_HOME nor HOME is set",
            "set HOME: without it rekog has no config, manifests, log or audit trail",
        ),
        RekogConfig::Missing(path) => Check::ok(
            NAME,
            format!("no file at {}: the defaults apply", path.display()),
        ),
        RekogConfig::Loaded { path, profiles } => Check::ok(
            NAME,
            format!("{} ({profiles} [profiles.*] tables)", path.display()),
        ),
        RekogConfig::Broken(err) => {
            let fix = match err.line {
                Some(line) => format!(
                    "fix line {line} of {}, or move the file aside to run on the defaults",
                    err.path.display()
                ),
                None => format!(
                    "fix {}, or move it aside to run on the defaults",
                    err.path.display()
                ),
            };
            Check::fail(NAME, err.to_string(), fix)
        }
    }
}

pub(super) fn aws_file(name: &'static str, file: &AwsFile, secret: bool) -> Check {
    let Some(path) = &file.path else {
        return Check::ok(name, "none: no HOME to find it by");
    };
    let shown = path.display();
    let var = if secret {
        "AWS_SHARED_CREDENTIALS_FILE"
    } else {
        "AWS_CONFIG_FILE"
    };
    match &file.state {
        FileState::Missing if file.from_env => Check::warn(
            name,
            format!("{shown} (from {var}) does not exist"),
            format!("point {var} at the file, or unset it"),
        ),
        FileState::Missing => Check::ok(name, format!("no file at {shown}")),
        FileState::Unreadable(why) => Check::fail(
            name,
            format!("{shown} cannot be read: {why}"),
            format!("check its owner and mode (ls -l {shown})"),
        ),
        FileState::Read { problems, .. } if !problems.is_empty() => {
            let first = &problems[0];
            let more = match problems.len() - 1 {
                0 => String::new(),
                n => format!(" (and {n} more)"),
            };
            Check::fail(
                name,
                format!("{shown}:{}: {}{more}", first.line, first.what),
                format!(
                    "fix line {} of {shown}: the SDK refuses the whole file, so no profile in \
                     it works",
                    first.line
                ),
            )
        }
        FileState::Read { mode, profiles, .. } => {
            let sections = crate::text::count(*profiles as u64, "section", "sections");
            let detail = format!("{shown} ({sections}, mode {mode:04o})");
            if secret && mode & 0o077 != 0 {
                Check::warn(
                    name,
                    detail,
                    format!("chmod 600 {shown}: it holds secret keys others on this box can read"),
                )
            } else {
                Check::ok(name, detail)
            }
        }
    }
}

pub(super) fn place(place: &Place) -> Check {
    let name = place.name;
    let Some(path) = &place.path else {
        return Check::warn(
            name,
            "no place for it: neither the XDG variable nor HOME is set",
            "set HOME",
        );
    };
    let shown = path.display();
    let what = if place.dir { "directory" } else { "file" };
    match &place.state {
        PlaceState::Absent => Check::ok(
            name,
            format!("{shown}: not created yet (rekog makes it, the owner's alone, when needed)"),
        ),
        PlaceState::Unreadable(why) => Check::fail(
            name,
            format!("{shown}: {why}"),
            "check the owner and mode of the directories above it",
        ),
        PlaceState::Present { is_dir, .. } if *is_dir != place.dir => Check::fail(
            name,
            format!("{shown} is not a {what}"),
            format!("move it aside: rekog keeps a {what} there"),
        ),
        PlaceState::Present {
            mode,
            mine,
            writable,
            ..
        } => {
            let detail = format!("{shown} (mode {mode:04o})");
            if !mine {
                Check::warn(
                    name,
                    format!("{detail} belongs to another user"),
                    format!("chown it to the user who runs rekog: {shown}"),
                )
            } else if !writable && name != "config dir" {
                Check::fail(
                    name,
                    format!("{detail} cannot be written"),
                    format!("chmod u+w {shown}"),
                )
            } else if mode & 0o077 != 0 {
                let private = if place.dir { "700" } else { "600" };
                Check::warn(
                    name,
                    format!("{detail}: others can read it"),
                    format!(
                        "chmod {private} {shown}: manifests name people, and the log and the \
                         trail say who did what"
                    ),
                )
            } else {
                Check::ok(name, detail)
            }
        }
    }
}

pub(super) fn audit_trail(f: &Facts) -> Check {
    const NAME: &str = "audit trail";
    let refused = "rekog refuses every change without its trail";
    let Some(path) = &f.audit.path else {
        return Check::fail(
            NAME,
            "no place for it: neither XDG_STATE_HOME nor HOME is set",
            format!("set HOME: {refused}"),
        );
    };
    let shown = path.display();
    match &f.audit.state {
        AuditState::Appendable { mode, bytes } if mode & 0o077 != 0 => Check::warn(
            NAME,
            format!(
                "{shown} can be appended to ({bytes} bytes, mode {mode:04o}): others can read it"
            ),
            format!("chmod 600 {shown}"),
        ),
        AuditState::Appendable { mode, bytes } => Check::ok(
            NAME,
            format!("{shown} can be appended to ({bytes} bytes, mode {mode:04o})"),
        ),
        AuditState::NotAppendable(why) => Check::fail(
            NAME,
            format!("{shown} cannot be appended to: {why}"),
            format!("make it writable by this user (chmod u+w, chown): {refused}"),
        ),
        AuditState::Absent(Ok(dir)) => Check::ok(
            NAME,
            format!(
                "{shown}: not created yet; {} can be written, so the first change makes it",
                dir.display()
            ),
        ),
        AuditState::Absent(Err(why)) => Check::fail(
            NAME,
            format!("{shown} cannot be created: {why}"),
            format!("make its directory writable by this user: {refused}"),
        ),
        AuditState::Unknown => Check::warn(NAME, "not checked", "run rekog doctor again"),
    }
}

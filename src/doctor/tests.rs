use std::path::{Path, PathBuf};

use super::facts::{
    AuditFact, AuditState, AwsFile, CaFact, Facts, FileState, Place, PlaceState, ProfileFacts,
    RekogConfig, SET, Sso, Tty, audit_state, mask_password, sso_token,
};
use super::ini::Problem;
use super::probe::{CallFailure, ConnectFailure, DateSeen, Probes};
use super::{Check, Status, checks, passed, render};
use crate::aws::profiles::Profile;
use crate::config::Config;

const NOW: i64 = 1_780_000_000;

/// A first run on a fresh box with keys in the environment, the calls all answered.
fn fresh() -> Facts {
    let mut facts = Facts {
        now_secs: NOW,
        tty: Tty {
            stdin: true,
            stdout: true,
            size: Some((120, 40)),
        },
        region: Some(("eu-west-1".into(), "AWS_REGION".into())),
        profile: ProfileFacts {
            name: "default".into(),
            from: "default".into(),
            ..ProfileFacts::default()
        },
        rekog_config: RekogConfig::Missing("/h/.config/rekog/config.toml".into()),
        audit: AuditFact {
            path: Some("/h/.local/state/rekog/audit.jsonl".into()),
            state: AuditState::Absent(Ok("/h".into())),
        },
        endpoints: Some(crate::aws::endpoints::resolve(
            &crate::aws::endpoints::Settings {
                flag: None,
                env: &|_| None,
                profile: None,
                services: &Default::default(),
            },
        )),
        ..Facts::default()
    };
    for (k, v) in [
        ("TERM", "xterm-256color"),
        ("LANG", "en_US.UTF-8"),
        ("AWS_REGION", "eu-west-1"),
        ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", SET),
    ] {
        facts.env.insert(k.into(), v.into());
    }
    facts.caps = crate::caps::Caps::detect(|n| facts.var(n).map(str::to_owned), Default::default());
    facts
}

fn answered() -> Probes {
    Probes {
        connect: Some(Ok(())),
        identity: Some(Ok((
            "123456789012".into(),
            "arn:aws:iam::123456789012:user/op".into(),
        ))),
        list: Some(Ok(vec!["people".into()])),
        describe: Some(Ok(("people".into(), 30))),
        date: Some(DateSeen {
            server: NOW,
            local: NOW,
            service: "STS",
        }),
        ..Probes::default()
    }
}

fn find<'a>(all: &'a [Check], name: &str) -> &'a Check {
    all.iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no check {name} in {all:#?}"))
}

#[test]
fn a_fresh_box_passes_with_every_check_named() {
    let all = checks(&fresh(), &answered());
    assert!(passed(&all), "{}", render(&all));
    assert!(
        all.iter().all(|c| c.status == Status::Ok),
        "{}",
        render(&all)
    );
    let names: Vec<&str> = all.iter().map(|c| c.name).collect();
    for name in [
        "terminal",
        "tmux/screen",
        "ssh",
        "rekog config",
        "aws config",
        "aws credentials",
        "profile",
        "region",
        "rekognition url",
        "sts url",
        "proxy",
        "ca bundle",
        "credentials",
        "clock",
        "identity",
        "ListCollections",
        "DescribeCollection",
        "audit trail",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let terminal = find(&all, "terminal");
    assert_eq!(
        terminal.detail,
        "TERM=xterm-256color, 120x40, UTF-8 (LANG=en_US.UTF-8), 256 colours (TERM=xterm-256color)"
    );
    assert!(
        find(&all, "credentials").detail.contains("AKIA…MPLE"),
        "the key id shortened"
    );
    let text = render(&all);
    assert!(!text.contains("AKIAIOSFODNN7EXAMPLE"), "{text}");
    assert!(text.starts_with("ok    terminal"), "{text}");
}

#[test]
fn no_region_fails_with_what_to_do_and_skips_the_calls() {
    let mut facts = fresh();
    facts.region = None;
    let probes = Probes {
        skipped: Some("no region".into()),
        ..Probes::default()
    };
    let all = checks(&facts, &probes);
    assert!(!passed(&all));
    assert_eq!(
        find(&all, "region").text(),
        "no region: set AWS_REGION or region in the profile, or pass --region"
    );
    for name in ["clock", "identity", "ListCollections", "DescribeCollection"] {
        let check = find(&all, name);
        assert_eq!(check.status, Status::Warn, "{check:?}");
        assert!(check.detail.contains("no region"), "{check:?}");
    }
}

#[test]
fn no_terminal_and_a_first_run_never_fail() {
    let mut facts = fresh();
    facts.tty = Tty::default();
    facts.env.remove("TERM");
    facts.rekog_config = RekogConfig::Missing("/h/.config/rekog/config.toml".into());
    facts.places = vec![Place {
        name: "state dir",
        path: Some("/h/.local/state/rekog".into()),
        dir: true,
        state: PlaceState::Absent,
    }];
    let all = checks(&facts, &answered());
    assert!(passed(&all), "{}", render(&all));
    assert_eq!(find(&all, "terminal").status, Status::Warn);
    assert_eq!(find(&all, "state dir").status, Status::Ok);
}

#[test]
fn terminal_problems_on_a_real_terminal() {
    let with = |edit: &dyn Fn(&mut Facts)| {
        let mut facts = fresh();
        edit(&mut facts);
        facts.caps =
            crate::caps::Caps::detect(|n| facts.var(n).map(str::to_owned), Default::default());
        checks(&facts, &answered())
            .into_iter()
            .find(|c| c.name == "terminal")
            .unwrap()
    };
    let dumb = with(&|f| {
        f.env.insert("TERM".into(), "dumb".into());
    });
    assert_eq!(dumb.status, Status::Fail);
    let small = with(&|f| f.tty.size = Some((50, 10)));
    assert_eq!(small.status, Status::Warn);
    assert!(small.text().contains("60x15"), "{small:?}");
    let ascii = with(&|f| {
        f.env.insert("LANG".into(), "C".into());
    });
    assert_eq!(ascii.status, Status::Warn);
    assert!(ascii.detail.contains("ASCII (LANG=C)"), "{ascii:?}");
    let all = {
        let mut facts = fresh();
        facts
            .env
            .insert("TMUX".into(), "/tmp/tmux-0/default,1,0".into());
        checks(&facts, &answered())
    };
    let tmux = find(&all, "tmux/screen");
    assert_eq!(tmux.status, Status::Warn, "TERM=xterm-256color inside tmux");
    assert!(tmux.text().contains("default-terminal"));
}

#[test]
fn a_broken_rekog_config_names_file_and_line() {
    let err = Config::parse(
        Path::new("/h/.config/rekog/config.toml"),
        "read_only = true\ncolor = 12\n",
    )
    .unwrap_err();
    let mut facts = fresh();
    facts.rekog_config = RekogConfig::Broken(err);
    let all = checks(&facts, &answered());
    let check = find(&all, "rekog config");
    assert_eq!(check.status, Status::Fail);
    assert!(
        check.text().contains("/h/.config/rekog/config.toml:2:"),
        "{check:?}"
    );
    assert!(check.text().contains("fix line 2"), "{check:?}");
}

#[test]
fn aws_files_problems_and_modes() {
    let mut facts = fresh();
    facts.aws_config = AwsFile {
        path: Some("/h/.aws/config".into()),
        from_env: false,
        state: FileState::Read {
            mode: 0o644,
            problems: vec![Problem {
                line: 3,
                what: "no '=' in this setting",
            }],
            profiles: 1,
        },
    };
    facts.aws_credentials = AwsFile {
        path: Some("/h/.aws/credentials".into()),
        from_env: false,
        state: FileState::Read {
            mode: 0o644,
            problems: vec![],
            profiles: 1,
        },
    };
    let all = checks(&facts, &answered());
    let config = find(&all, "aws config");
    assert_eq!(config.status, Status::Fail);
    assert!(config.detail.starts_with("/h/.aws/config:3:"), "{config:?}");
    let credentials = find(&all, "aws credentials");
    assert_eq!(credentials.status, Status::Warn);
    assert!(credentials.text().contains("chmod 600"), "{credentials:?}");
    assert!(
        credentials.detail.contains("(1 section, mode 0644)"),
        "{credentials:?}"
    );
    let missing = AwsFile {
        path: Some("/elsewhere".into()),
        from_env: true,
        state: FileState::Missing,
    };
    facts.aws_config = missing;
    let all = checks(&facts, &answered());
    assert_eq!(find(&all, "aws config").status, Status::Warn);
}

#[test]
fn a_named_profile_that_is_nowhere_fails() {
    let mut facts = fresh();
    facts.profile = ProfileFacts {
        name: "prod".into(),
        from: "--profile".into(),
        ..ProfileFacts::default()
    };
    let all = checks(&facts, &answered());
    let check = find(&all, "profile");
    assert_eq!(check.status, Status::Fail);
    assert!(check.detail.contains("prod (from --profile)"), "{check:?}");
}

#[test]
fn regions_unknown_or_malformed() {
    let mut facts = fresh();
    facts.region = Some(("eu-nowhere-9".into(), "--region".into()));
    assert_eq!(
        find(&checks(&facts, &answered()), "region").status,
        Status::Warn
    );
    facts.region = Some(("Ireland".into(), "--region".into()));
    assert_eq!(
        find(&checks(&facts, &answered()), "region").status,
        Status::Fail
    );
}

fn profile(name: &str, keys: &[(&str, &str)]) -> Profile {
    Profile {
        name: name.into(),
        keys: keys
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    }
}

fn without_env_keys(mut facts: Facts) -> Facts {
    facts.env.remove("AWS_ACCESS_KEY_ID");
    facts.env.remove("AWS_SECRET_ACCESS_KEY");
    facts
}

#[test]
fn credential_sources() {
    let credentials = |facts: &Facts, probes: &Probes| {
        checks(facts, probes)
            .into_iter()
            .find(|c| c.name == "credentials")
            .unwrap()
    };
    let mut facts = fresh();
    facts.env.remove("AWS_SECRET_ACCESS_KEY");
    assert_eq!(credentials(&facts, &answered()).status, Status::Fail);

    let mut facts = without_env_keys(fresh());
    let sso = profile("work", &[("sso_start_url", "https://x.awsapps.com/start")]);
    facts.profile.found = Some(sso);
    facts.profile.name = "work".into();
    let with_token = |token| Sso {
        start_url: Some("https://x.awsapps.com/start".into()),
        session: None,
        token,
    };
    facts.sso = Some(with_token(None));
    let none = credentials(&facts, &answered());
    assert_eq!(none.status, Status::Fail);
    assert!(
        none.text().contains("aws sso login --profile work"),
        "{none:?}"
    );
    facts.sso = Some(with_token(Some((NOW - 60, false))));
    assert_eq!(credentials(&facts, &answered()).status, Status::Fail);
    facts.sso = Some(with_token(Some((NOW + 600, false))));
    assert_eq!(credentials(&facts, &answered()).status, Status::Warn);
    facts.sso = Some(with_token(Some((NOW + 8 * 3600, false))));
    let fine = credentials(&facts, &answered());
    assert_eq!(fine.status, Status::Ok);
    assert!(fine.detail.contains("logged in until"), "{fine:?}");

    let mut facts = without_env_keys(fresh());
    facts.profile.found = Some(profile(
        "admin",
        &[
            ("role_arn", "arn:aws:iam::1:role/admin"),
            ("mfa_serial", "arn:aws:iam::1:mfa/op"),
        ],
    ));
    let probes = Probes {
        connect: Some(Err(ConnectFailure::NeedCode)),
        ..Probes::default()
    };
    let mfa = credentials(&facts, &probes);
    assert_eq!(mfa.status, Status::Warn, "doctor never asks for a code");
    let all = checks(&facts, &probes);
    assert!(passed(&all), "{}", render(&all));
    facts.mfa_cached_until = Some(NOW + 3000);
    assert_eq!(credentials(&facts, &answered()).status, Status::Ok);

    let facts = without_env_keys(fresh());
    let probes = Probes {
        connect: Some(Err(ConnectFailure::Credentials(
            "no providers in chain provided credentials".into(),
        ))),
        ..Probes::default()
    };
    let failed = credentials(&facts, &probes);
    assert_eq!(failed.status, Status::Fail);
    assert!(failed.text().contains("--profile"), "{failed:?}");
}

#[test]
fn the_clock_offset_is_judged_against_sigv4s_five_minutes() {
    let clock = |offset: i64| {
        let mut probes = answered();
        probes.date = Some(DateSeen {
            server: NOW,
            local: NOW + offset,
            service: "STS",
        });
        checks(&fresh(), &probes)
            .into_iter()
            .find(|c| c.name == "clock")
            .unwrap()
    };
    assert_eq!(clock(1).status, Status::Ok);
    assert_eq!(clock(-90).status, Status::Warn);
    assert!(
        clock(-90).detail.contains("1 min 30 s behind"),
        "{:?}",
        clock(-90)
    );
    let far = clock(7 * 60);
    assert_eq!(far.status, Status::Fail);
    assert!(far.detail.contains("7 min 0 s ahead of STS's"), "{far:?}");
    assert!(far.text().contains("timedatectl"), "{far:?}");
}

#[test]
fn refused_calls_say_which_permission_to_grant() {
    let mut probes = answered();
    probes.list = Some(Err(CallFailure {
        code: Some("AccessDeniedException".into()),
        message: "AccessDeniedException: not authorized".into(),
    }));
    probes.describe = None;
    let all = checks(&fresh(), &probes);
    let list = find(&all, "ListCollections");
    assert_eq!(list.status, Status::Fail);
    assert!(
        list.text().contains("rekognition:ListCollections"),
        "{list:?}"
    );
    assert_eq!(find(&all, "DescribeCollection").status, Status::Warn);

    probes.identity = Some(Err(CallFailure {
        code: None,
        message: "dispatch failure: connection refused".into(),
    }));
    let all = checks(&fresh(), &probes);
    assert!(find(&all, "identity").text().contains("NO_PROXY"));
}

#[test]
fn a_proxy_without_no_proxy_for_a_loopback_endpoint_warns() {
    let mut facts = fresh();
    facts
        .env
        .insert("HTTPS_PROXY".into(), "http://proxy:3128".into());
    facts
        .env
        .insert("HTTP_PROXY".into(), "http://proxy:3128".into());
    facts.endpoints = Some(crate::aws::endpoints::resolve(
        &crate::aws::endpoints::Settings {
            flag: Some("http://127.0.0.1:4599"),
            env: &|_| None,
            profile: None,
            services: &Default::default(),
        },
    ));
    let proxy = find(&checks(&facts, &answered()), "proxy").clone();
    assert_eq!(proxy.status, Status::Warn);
    assert!(proxy.text().contains("NO_PROXY"), "{proxy:?}");
    facts
        .env
        .insert("NO_PROXY".into(), "127.0.0.1,localhost".into());
    assert_eq!(
        find(&checks(&facts, &answered()), "proxy").status,
        Status::Ok
    );
}

#[test]
fn a_broken_ca_bundle_fails() {
    let mut facts = fresh();
    facts.ca = CaFact::Broken("the CA bundle /x.pem (from AWS_CA_BUNDLE) cannot be read".into());
    let check = find(&checks(&facts, &answered()), "ca bundle").clone();
    assert_eq!(check.status, Status::Fail);
    assert!(check.detail.contains("/x.pem"));
}

#[test]
fn rekogs_places_by_mode_and_writability() {
    let dir = |mode, writable, mine| Place {
        name: "state dir",
        path: Some(PathBuf::from("/h/.local/state/rekog")),
        dir: true,
        state: PlaceState::Present {
            is_dir: true,
            mode,
            mine,
            writable,
        },
    };
    let status = |place: Place| {
        let mut facts = fresh();
        facts.places = vec![place];
        find(&checks(&facts, &answered()), "state dir").status
    };
    assert_eq!(status(dir(0o700, true, true)), Status::Ok);
    assert_eq!(status(dir(0o755, true, true)), Status::Warn);
    assert_eq!(status(dir(0o700, false, true)), Status::Fail);
    assert_eq!(status(dir(0o700, true, false)), Status::Warn);
    let file_not_dir = Place {
        state: PlaceState::Present {
            is_dir: false,
            mode: 0o600,
            mine: true,
            writable: true,
        },
        ..dir(0, true, true)
    };
    assert_eq!(status(file_not_dir), Status::Fail);
}

#[test]
fn the_audit_trail_is_opened_for_appending_and_left_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state/rekog/audit.jsonl");
    match audit_state(&path) {
        AuditState::Absent(Ok(dir)) => assert_eq!(dir, tmp.path()),
        other => panic!("{other:?}"),
    }
    assert!(!path.exists(), "nothing created");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "{}\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    match audit_state(&path) {
        AuditState::Appendable { mode, bytes } => assert_eq!((mode, bytes), (0o600, 3)),
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}\n");
    let mut facts = fresh();
    facts.audit = AuditFact {
        path: Some(path.clone()),
        state: AuditState::NotAppendable("Permission denied (os error 13)".into()),
    };
    let check = find(&checks(&facts, &answered()), "audit trail").clone();
    assert_eq!(check.status, Status::Fail);
    assert!(check.text().contains("refuses every change"), "{check:?}");
    facts.audit.path = None;
    assert_eq!(
        find(&checks(&facts, &answered()), "audit trail").status,
        Status::Fail
    );
}

#[test]
fn sso_tokens_are_found_by_start_url_and_no_token_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let url = "https://x.awsapps.com/start";
    std::fs::write(
        tmp.path().join("a.json"),
        format!(
            r#"{{"startUrl":"{url}","expiresAt":"2026-01-01T00:00:00Z","accessToken":"SECRET"}}"#
        ),
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("b.json"),
        format!(
            r#"{{"startUrl":"{url}","expiresAt":"2026-06-01T00:00:00UTC","accessToken":"S","refreshToken":"R"}}"#
        ),
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("c.json"),
        r#"{"startUrl":"https://other","expiresAt":"2030-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    let (expires, refresh) = sso_token(tmp.path(), url).unwrap();
    assert_eq!(crate::time::utc_datetime(expires), "2026-06-01 00:00");
    assert!(refresh);
    assert_eq!(sso_token(tmp.path(), "https://none"), None);
}

#[test]
fn proxy_passwords_are_masked() {
    assert_eq!(
        mask_password("http://op:hunter2@proxy:3128/"),
        "http://op:***@proxy:3128/"
    );
    assert_eq!(mask_password("http://proxy:3128"), "http://proxy:3128");
    assert_eq!(mask_password("op:pw@proxy:1"), "op:***@proxy:1");
}

#[test]
fn the_demo_needs_no_profile_region_or_bundle() {
    let facts = Facts {
        demo: true,
        tty: Tty::default(),
        audit: AuditFact {
            path: Some("/h/a".into()),
            state: AuditState::Absent(Ok("/h".into())),
        },
        ..Facts::default()
    };
    let mut probes = answered();
    probes.demo_endpoint = Some("http://127.0.0.1:1".into());
    let all = checks(&facts, &probes);
    assert!(passed(&all), "{}", render(&all));
    assert!(
        find(&all, "rekognition url")
            .detail
            .contains("http://127.0.0.1:1")
    );
    let json = serde_json::to_value(super::Report {
        ok: true,
        checks: &all,
    })
    .unwrap();
    assert_eq!(json["checks"].as_array().unwrap().len(), all.len());
    assert_eq!(json["checks"][0]["status"], "warn");
}

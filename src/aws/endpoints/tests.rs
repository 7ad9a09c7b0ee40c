use std::collections::BTreeMap;

use super::*;

const LOCAL: &str = "http://127.0.0.1:4599";
const VPCE: &str = "https://vpce-1.rekognition.eu-west-1.vpce.amazonaws.com";

const CONFIG: &str = "\
[profile plain]
region = eu-west-1

[profile own]
endpoint_url = https://profile.example

[profile svc]
services = corp
endpoint_url = https://profile.example

[profile svc-rek]
services = rek-only

[profile fips]
use_fips_endpoint = true

[profile both]
use_fips_endpoint = true
use_dualstack_endpoint = true

[profile ignoring]
ignore_configured_endpoint_urls = true
endpoint_url = https://profile.example

[services corp]
rekognition =
  endpoint_url = https://rek.corp
sts =
  endpoint_url = https://sts.corp

[services rek-only]
rekognition =
  endpoint_url = https://rek.corp
";

struct Case {
    name: &'static str,
    flag: Option<&'static str>,
    env: &'static [(&'static str, &'static str)],
    profile: &'static str,
    rekognition: (Option<&'static str>, &'static str),
    sts: (Option<&'static str>, &'static str),
}

fn resolved(case: &Case) -> Endpoints {
    let all = profiles::merge(Some(CONFIG), None);
    let profile = all.iter().find(|p| p.name == case.profile);
    let services: BTreeMap<_, _> = profiles::sections_of(CONFIG, "services");
    let env = |name: &str| {
        case.env
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
    };
    resolve(&Settings {
        flag: case.flag,
        env: &env,
        profile,
        services: &services,
    })
}

#[test]
fn the_order_of_aws_cli() {
    let cases = [
        Case {
            name: "nothing configured",
            flag: None,
            env: &[],
            profile: "plain",
            rekognition: (None, "the SDK's default for the region"),
            sts: (None, "the SDK's default for the region"),
        },
        Case {
            name: "a profile that is not in the files",
            flag: None,
            env: &[],
            profile: "missing",
            rekognition: (None, "the SDK's default for the region"),
            sts: (None, "the SDK's default for the region"),
        },
        Case {
            name: "a loopback flag takes STS along",
            flag: Some(LOCAL),
            env: &[("AWS_ENDPOINT_URL", "https://env.example")],
            profile: "own",
            rekognition: (Some(LOCAL), "--endpoint-url"),
            sts: (
                Some(LOCAL),
                "--endpoint-url (loopback: the emulator answers STS)",
            ),
        },
        Case {
            name: "AWS_ENDPOINT_URL_STS wins over a loopback flag",
            flag: Some(LOCAL),
            env: &[("AWS_ENDPOINT_URL_STS", "https://sts.example")],
            profile: "plain",
            rekognition: (Some(LOCAL), "--endpoint-url"),
            sts: (Some("https://sts.example"), "AWS_ENDPOINT_URL_STS"),
        },
        Case {
            name: "another flag leaves STS to its own resolution",
            flag: Some(VPCE),
            env: &[],
            profile: "plain",
            rekognition: (Some(VPCE), "--endpoint-url"),
            sts: (None, "the SDK's default for the region"),
        },
        Case {
            name: "another flag, with STS from the profile",
            flag: Some(VPCE),
            env: &[],
            profile: "svc",
            rekognition: (Some(VPCE), "--endpoint-url"),
            sts: (Some("https://sts.corp"), "[services corp] of profile svc"),
        },
        Case {
            name: "the flag wins over every variable",
            flag: Some(VPCE),
            env: &[
                ("AWS_ENDPOINT_URL_REKOGNITION", "https://rek.env"),
                ("AWS_ENDPOINT_URL", "https://env.example"),
            ],
            profile: "own",
            rekognition: (Some(VPCE), "--endpoint-url"),
            sts: (Some("https://env.example"), "AWS_ENDPOINT_URL"),
        },
        Case {
            name: "service variables before the global one",
            flag: None,
            env: &[
                ("AWS_ENDPOINT_URL_REKOGNITION", "https://rek.env"),
                ("AWS_ENDPOINT_URL_STS", "https://sts.env"),
                ("AWS_ENDPOINT_URL", "https://env.example"),
            ],
            profile: "svc",
            rekognition: (Some("https://rek.env"), "AWS_ENDPOINT_URL_REKOGNITION"),
            sts: (Some("https://sts.env"), "AWS_ENDPOINT_URL_STS"),
        },
        Case {
            name: "the global variable before the profile",
            flag: None,
            env: &[
                ("AWS_ENDPOINT_URL", "https://env.example"),
                ("AWS_ENDPOINT_URL_STS", ""),
            ],
            profile: "svc",
            rekognition: (Some("https://env.example"), "AWS_ENDPOINT_URL"),
            sts: (Some("https://env.example"), "AWS_ENDPOINT_URL"),
        },
        Case {
            name: "the services section before the profile's endpoint_url",
            flag: None,
            env: &[],
            profile: "svc",
            rekognition: (Some("https://rek.corp"), "[services corp] of profile svc"),
            sts: (Some("https://sts.corp"), "[services corp] of profile svc"),
        },
        Case {
            name: "a services section without STS",
            flag: None,
            env: &[],
            profile: "svc-rek",
            rekognition: (
                Some("https://rek.corp"),
                "[services rek-only] of profile svc-rek",
            ),
            sts: (None, "the SDK's default for the region"),
        },
        Case {
            name: "the profile's endpoint_url serves both (the MFA role's case)",
            flag: None,
            env: &[],
            profile: "own",
            rekognition: (
                Some("https://profile.example"),
                "endpoint_url of profile own",
            ),
            sts: (
                Some("https://profile.example"),
                "endpoint_url of profile own",
            ),
        },
        Case {
            name: "FIPS from the profile",
            flag: None,
            env: &[],
            profile: "fips",
            rekognition: (
                None,
                "use_fips_endpoint of profile fips (the SDK's endpoint)",
            ),
            sts: (
                None,
                "use_fips_endpoint of profile fips (the SDK's endpoint)",
            ),
        },
        Case {
            name: "the variable turns the profile's FIPS off",
            flag: None,
            env: &[("AWS_USE_FIPS_ENDPOINT", "false")],
            profile: "fips",
            rekognition: (None, "the SDK's default for the region"),
            sts: (None, "the SDK's default for the region"),
        },
        Case {
            name: "FIPS and dual-stack",
            flag: None,
            env: &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
            profile: "both",
            rekognition: (
                None,
                "use_fips_endpoint of profile both, AWS_USE_DUALSTACK_ENDPOINT (the SDK's endpoint)",
            ),
            sts: (
                None,
                "use_fips_endpoint of profile both, AWS_USE_DUALSTACK_ENDPOINT (the SDK's endpoint)",
            ),
        },
        Case {
            name: "a configured endpoint before FIPS",
            flag: None,
            env: &[
                ("AWS_USE_FIPS_ENDPOINT", "true"),
                ("AWS_ENDPOINT_URL_STS", "https://sts.env"),
            ],
            profile: "plain",
            rekognition: (None, "AWS_USE_FIPS_ENDPOINT (the SDK's endpoint)"),
            sts: (Some("https://sts.env"), "AWS_ENDPOINT_URL_STS"),
        },
        Case {
            name: "the variable ignores every configured endpoint",
            flag: None,
            env: &[
                ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
                ("AWS_ENDPOINT_URL", "https://env.example"),
            ],
            profile: "svc",
            rekognition: (None, "the SDK's default for the region"),
            sts: (None, "the SDK's default for the region"),
        },
        Case {
            name: "the profile ignores its own endpoint",
            flag: None,
            env: &[("AWS_ENDPOINT_URL_STS", "https://sts.env")],
            profile: "ignoring",
            rekognition: (None, "the SDK's default for the region"),
            sts: (None, "the SDK's default for the region"),
        },
        Case {
            name: "the variable says false over the profile's true",
            flag: None,
            env: &[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")],
            profile: "ignoring",
            rekognition: (
                Some("https://profile.example"),
                "endpoint_url of profile ignoring",
            ),
            sts: (
                Some("https://profile.example"),
                "endpoint_url of profile ignoring",
            ),
        },
        Case {
            name: "ignoring keeps the flag, and a loopback one takes STS",
            flag: Some(LOCAL),
            env: &[
                ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
                ("AWS_ENDPOINT_URL_STS", "https://sts.env"),
            ],
            profile: "plain",
            rekognition: (Some(LOCAL), "--endpoint-url"),
            sts: (
                Some(LOCAL),
                "--endpoint-url (loopback: the emulator answers STS)",
            ),
        },
        Case {
            name: "an empty flag is no flag",
            flag: Some(""),
            env: &[],
            profile: "own",
            rekognition: (
                Some("https://profile.example"),
                "endpoint_url of profile own",
            ),
            sts: (
                Some("https://profile.example"),
                "endpoint_url of profile own",
            ),
        },
    ];
    for case in &cases {
        let got = resolved(case);
        let shown = |e: &Endpoint| (e.url.clone(), e.source.to_string());
        let want = |(url, from): (Option<&str>, &str)| (url.map(str::to_owned), from.to_owned());
        assert_eq!(
            shown(&got.rekognition),
            want(case.rekognition),
            "{}: Rekognition",
            case.name
        );
        assert_eq!(shown(&got.sts), want(case.sts), "{}: STS", case.name);
    }
}

#[test]
fn what_says_to_ignore_is_named() {
    let case = Case {
        name: "",
        flag: None,
        env: &[],
        profile: "ignoring",
        rekognition: (None, ""),
        sts: (None, ""),
    };
    assert_eq!(
        resolved(&case).ignoring.as_deref(),
        Some("ignore_configured_endpoint_urls of profile ignoring")
    );
}

#[test]
fn the_sdks_own_urls() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        assert_eq!(
            sdk_url(Service::Rekognition, "eu-west-1", false, false)
                .await
                .as_deref(),
            Some("https://rekognition.eu-west-1.amazonaws.com")
        );
        assert_eq!(
            sdk_url(Service::Rekognition, "us-east-1", true, false)
                .await
                .as_deref(),
            Some("https://rekognition-fips.us-east-1.amazonaws.com")
        );
        assert_eq!(
            sdk_url(Service::Sts, "eu-west-1", false, false)
                .await
                .as_deref(),
            Some("https://sts.eu-west-1.amazonaws.com")
        );
    });
}

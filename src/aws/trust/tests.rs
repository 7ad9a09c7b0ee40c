use std::collections::BTreeMap;

use super::*;

fn ca_pem() -> String {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.self_signed(&key).unwrap().pem()
}

fn profile(keys: &[(&str, &str)]) -> Profile {
    Profile {
        name: "corp".into(),
        keys: keys
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
    }
}

#[test]
fn the_variable_before_the_profile() {
    let with = profile(&[("ca_bundle", "/etc/corp.pem")]);
    let set = |name: &str| (name == ENV).then(|| "/tmp/env.pem".to_owned());
    let unset = |_: &str| None;
    assert_eq!(
        configured(&set, Some(&with)),
        Some((PathBuf::from("/tmp/env.pem"), ENV.to_owned()))
    );
    assert_eq!(
        configured(&unset, Some(&with)),
        Some((
            PathBuf::from("/etc/corp.pem"),
            "ca_bundle of profile corp".to_owned()
        ))
    );
    assert_eq!(configured(&unset, Some(&profile(&[]))), None);
    assert_eq!(configured(&unset, None), None);
}

#[test]
fn a_bundle_of_several_certificates_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ca.pem");
    std::fs::write(&path, format!("{}\n{}", ca_pem(), ca_pem())).unwrap();
    let bundle = load(&path, ENV).unwrap();
    assert_eq!(bundle.certificates, 2);
    // The client builds without a call; the handshake itself is tested against `rekog serve`.
    let _ = http_client(&bundle);
}

#[test]
fn bad_bundles_are_named_before_any_call() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.pem");
    let err = load(&missing, ENV).unwrap_err();
    assert!(matches!(err, TrustError::Unreadable { .. }));
    let text = err.to_string();
    assert!(
        text.contains(&*missing.to_string_lossy()) && text.contains(ENV),
        "{text}"
    );

    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").unwrap();
    let err = load(&empty, "ca_bundle of profile corp").unwrap_err();
    assert!(matches!(err, TrustError::NoCertificate { .. }), "{err}");
    assert!(err.to_string().contains("empty.pem"));

    let broken = dir.path().join("broken.pem");
    std::fs::write(
        &broken,
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let err = load(&broken, ENV).unwrap_err();
    assert!(matches!(err, TrustError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("broken.pem"));
}

#[test]
fn certificate_failures_get_the_hint() {
    let failed = "dispatch failure: io error: TLS handshake failed: \
                  invalid peer certificate: UnknownIssuer";
    assert!(hint(failed).is_some_and(|h| h.contains(ENV)));
    assert_eq!(hint("dispatch failure: connection refused"), None);
}

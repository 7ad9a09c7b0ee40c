//! Trust and endpoints, end to end: `rekog serve --tls-cert --tls-key` with a leaf signed by a
//! CA made here, and `rekog manifest` reaching it only when told to trust that CA
//! (`AWS_CA_BUNDLE` or the profile's `ca_bundle`), at the endpoint the flag or the profile
//! names, directly and through an HTTP CONNECT proxy.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_rekog");

/// A CA, and a leaf for 127.0.0.1 and localhost that it signed, as PEM files in `dir`.
struct Pki {
    ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
}

fn pki(dir: &Path) -> Pki {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "rekog test CA");
    let ca_pem = ca.self_signed(&ca_key).unwrap().pem();
    let issuer = Issuer::new(ca, ca_key);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
        .unwrap()
        .signed_by(&leaf_key, &issuer)
        .unwrap();
    let pki = Pki {
        ca: dir.join("ca.pem"),
        cert: dir.join("leaf.pem"),
        key: dir.join("leaf.key"),
    };
    std::fs::write(&pki.ca, ca_pem).unwrap();
    std::fs::write(&pki.cert, leaf.pem()).unwrap();
    std::fs::write(&pki.key, leaf_key.serialize_pem()).unwrap();
    pki
}

/// `rekog serve` over HTTPS, killed on drop.
struct Server {
    child: Child,
    endpoint: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_tls(dir: &Path, pki: &Pki) -> Server {
    let seed = dir.join("seed.json");
    std::fs::write(&seed, r#"{"collections":[{"id":"tls-door","faces":4}]}"#).unwrap();
    let mut child = Command::new(BIN)
        .arg("serve")
        .args(["--addr", "127.0.0.1:0", "--seed"])
        .arg(&seed)
        .arg("--tls-cert")
        .arg(&pki.cert)
        .arg("--tls-key")
        .arg(&pki.key)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let start = line
        .find("https://127.0.0.1:")
        .unwrap_or_else(|| panic!("{line:?}"));
    let endpoint = line[start..].trim().to_owned();
    Server { child, endpoint }
}

/// `rekog manifest tls-door` in a bare environment (no proxy variables, no CA bundle) plus
/// `env`, with an AWS config file holding `config`, into a directory of its own.
fn manifest(dir: &Path, config: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let aws_config = dir.join("aws-config");
    std::fs::write(&aws_config, config).unwrap();
    // Two exports within a second would name the same file.
    let run = RUNS.fetch_add(1, Ordering::SeqCst);
    Command::new(BIN)
        .args(["manifest", "tls-door", "--timeout", "10", "--dir"])
        .arg(dir.join(format!("manifests-{run}")))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("AWS_CONFIG_FILE", &aws_config)
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", "AKIDTLSTEST")
        .env("AWS_SECRET_ACCESS_KEY", "tls-secret")
        .env("AWS_REGION", "us-east-1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn exported(output: &Output) {
    assert_eq!(output.status.code(), Some(0), "{}", text(output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("4 faces"), "{}", text(output));
}

#[test]
fn the_tls_emulator_is_reached_only_with_its_ca_trusted_by_variable_or_profile() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki(dir.path());
    let server = serve_tls(dir.path(), &pki);
    let flag = ["--endpoint-url", server.endpoint.as_str()];

    let untrusted = manifest(dir.path(), "", &flag, &[]);
    assert_ne!(untrusted.status.code(), Some(0), "{}", text(&untrusted));
    let stderr = String::from_utf8_lossy(&untrusted.stderr);
    assert!(
        stderr.contains("certificate") && stderr.contains("AWS_CA_BUNDLE"),
        "the failure names the certificate and AWS_CA_BUNDLE: {}",
        text(&untrusted)
    );

    let ca = pki.ca.to_str().unwrap();
    exported(&manifest(dir.path(), "", &flag, &[("AWS_CA_BUNDLE", ca)]));

    // No flag: the endpoint and the CA both from the profile.
    let endpoint = &server.endpoint;
    let profile = format!("[profile corp]\nca_bundle = {ca}\nendpoint_url = {endpoint}\n");
    exported(&manifest(dir.path(), &profile, &["--profile", "corp"], &[]));

    // The endpoint from the profile's `services` section.
    let services = format!(
        "[profile corp]\nservices = private\n\n\
         [services private]\nrekognition =\n  endpoint_url = {endpoint}\n"
    );
    let env = [("AWS_CA_BUNDLE", ca)];
    exported(&manifest(
        dir.path(),
        &services,
        &["--profile", "corp"],
        &env,
    ));
}

#[test]
fn a_ca_bundle_that_is_missing_or_holds_no_certificate_is_named_before_any_call() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens there: any call would fail otherwise, and slowly.
    let flag = ["--endpoint-url", "https://127.0.0.1:9"];
    let missing = dir.path().join("missing.pem");
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").unwrap();
    for path in [&missing, &empty] {
        let path = path.to_str().unwrap();
        let by_env = manifest(dir.path(), "", &flag, &[("AWS_CA_BUNDLE", path)]);
        let profile = format!("[profile corp]\nca_bundle = {path}\n");
        let args = [flag[0], flag[1], "--profile", "corp"];
        let by_profile = manifest(dir.path(), &profile, &args, &[]);
        for output in [by_env, by_profile] {
            assert_eq!(output.status.code(), Some(2), "{}", text(&output));
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains(path), "{}", text(&output));
        }
    }
}

#[test]
fn serve_names_a_certificate_or_key_it_cannot_use_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki(dir.path());
    let other = KeyPairFile::new(dir.path());
    let missing = dir.path().join("missing.pem");
    let cases: [(&Path, &Path, &Path); 4] = [
        (&missing, &pki.key, &missing),
        (&pki.cert, &missing, &missing),
        (&pki.key, &pki.key, &pki.key),
        (&pki.cert, &other.0, &other.0),
    ];
    for (cert, key, named) in cases {
        let output = Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0", "--tls-cert"])
            .arg(cert)
            .arg("--tls-key")
            .arg(key)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", text(&output));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(named.to_str().unwrap()),
            "{named:?}: {}",
            text(&output)
        );
    }
    let alone = Command::new(BIN)
        .args(["serve", "--tls-cert"])
        .arg(&pki.cert)
        .output()
        .unwrap();
    assert_eq!(alone.status.code(), Some(2), "{}", text(&alone));
    assert!(String::from_utf8_lossy(&alone.stderr).contains("--tls-key"));
}

/// A key that belongs to no certificate here.
struct KeyPairFile(PathBuf);

impl KeyPairFile {
    fn new(dir: &Path) -> KeyPairFile {
        let path = dir.join("other.key");
        let key = rcgen::KeyPair::generate().unwrap();
        std::fs::write(&path, key.serialize_pem()).unwrap();
        KeyPairFile(path)
    }
}

/// An HTTP CONNECT proxy on loopback: each tunnel is counted, then piped both ways.
fn connect_proxy() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let tunnels = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&tunnels);
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let counted = Arc::clone(&counted);
            std::thread::spawn(move || tunnel(client, &counted));
        }
    });
    (url, tunnels)
}

fn tunnel(client: TcpStream, tunnels: &AtomicUsize) {
    let mut reader = BufReader::new(client);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // The headers end with an empty line; none of them matter here.
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => return,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let mut client = reader.into_inner();
    let target = match request.split_whitespace().collect::<Vec<_>>()[..] {
        ["CONNECT", target, _] => target.to_owned(),
        _ => {
            let _ = client.write_all(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n");
            return;
        }
    };
    let Ok(upstream) = TcpStream::connect(&target) else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n");
        return;
    };
    tunnels.fetch_add(1, Ordering::SeqCst);
    let _ = client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
    let (mut up_read, mut up_write) = (upstream.try_clone().unwrap(), upstream);
    let (mut down_read, mut down_write) = (client.try_clone().unwrap(), client);
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut down_read, &mut up_write);
        let _ = up_write.shutdown(std::net::Shutdown::Write);
    });
    let _ = std::io::copy(&mut up_read, &mut down_write);
    let _ = down_write.shutdown(std::net::Shutdown::Write);
    let _ = up.join();
}

#[test]
fn through_an_https_proxy_the_calls_go_through_its_tunnels() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki(dir.path());
    let server = serve_tls(dir.path(), &pki);
    let (proxy, tunnels) = connect_proxy();
    let flag = ["--endpoint-url", server.endpoint.as_str()];
    let env = [
        ("AWS_CA_BUNDLE", pki.ca.to_str().unwrap()),
        ("HTTPS_PROXY", proxy.as_str()),
    ];
    exported(&manifest(dir.path(), "", &flag, &env));
    assert!(
        tunnels.load(Ordering::SeqCst) > 0,
        "no call went through the proxy"
    );
}

/// The listener answers nothing but its own protocol: a plain-HTTP client is not served.
#[test]
fn the_tls_emulator_does_not_answer_plain_http() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki(dir.path());
    let server = serve_tls(dir.path(), &pki);
    let addr = server.endpoint.trim_start_matches("https://");
    let mut plain = TcpStream::connect(addr).unwrap();
    plain
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    plain
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    let _ = plain.read_to_end(&mut answer);
    assert!(!String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 "));
}

//! Which certificate authorities rekog trusts: the system's roots, and those of the PEM
//! bundle that `AWS_CA_BUNDLE` or the profile's `ca_bundle` names (a proxy that inspects
//! TLS, a private endpoint), as aws-cli does. The bundle is read and checked before any
//! call, so that a bad one is named at once rather than as a handshake failure later; every
//! client then gets the same HTTPS client, which still honours the proxy variables.

use std::path::{Path, PathBuf};

use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, TlsContext, TrustStore};
use aws_smithy_http_client::{Builder, ConnectorBuilder};
use aws_types::sdk_config::SharedHttpClient;
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

use super::profiles::Profile;

/// The variable aws-cli reads a CA bundle from.
pub const ENV: &str = "AWS_CA_BUNDLE";

/// A checked CA bundle.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub path: PathBuf,
    /// Where it was named: `AWS_CA_BUNDLE` or the profile's `ca_bundle`.
    pub source: String,
    /// How many certificates it holds (at least one).
    pub certificates: usize,
    pem: Vec<u8>,
}

/// A CA bundle that cannot be used; each names the file and where it was named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustError {
    Unreadable {
        path: PathBuf,
        source: String,
        why: String,
    },
    NoCertificate {
        path: PathBuf,
        source: String,
    },
    Invalid {
        path: PathBuf,
        source: String,
        why: String,
    },
}

impl std::fmt::Display for TrustError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrustError::Unreadable { path, source, why } => write!(
                f,
                "the CA bundle {} (from {source}) cannot be read: {why}",
                path.display()
            ),
            TrustError::NoCertificate { path, source } => write!(
                f,
                "the CA bundle {} (from {source}) holds no PEM certificate \
                 (-----BEGIN CERTIFICATE-----)",
                path.display()
            ),
            TrustError::Invalid { path, source, why } => write!(
                f,
                "the CA bundle {} (from {source}) holds a certificate that cannot be used: {why}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for TrustError {}

/// The bundle `AWS_CA_BUNDLE` names, else the profile's `ca_bundle`, with where it was
/// named; `None` when neither does.
pub fn configured(
    env: &dyn Fn(&str) -> Option<String>,
    profile: Option<&Profile>,
) -> Option<(PathBuf, String)> {
    if let Some(path) = env(ENV).filter(|p| !p.trim().is_empty()) {
        return Some((PathBuf::from(path), ENV.to_owned()));
    }
    let profile = profile?;
    let path = profile.get("ca_bundle")?;
    Some((
        PathBuf::from(path),
        format!("ca_bundle of profile {}", profile.name),
    ))
}

/// Reads and checks the bundle at `path`: one or more PEM certificates, each usable as a
/// root.
pub fn load(path: &Path, source: &str) -> Result<Bundle, TrustError> {
    let pem = std::fs::read(path).map_err(|e| TrustError::Unreadable {
        path: path.to_owned(),
        source: source.to_owned(),
        why: e.to_string(),
    })?;
    let invalid = |why: String| TrustError::Invalid {
        path: path.to_owned(),
        source: source.to_owned(),
        why,
    };
    let certificates = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| invalid(e.to_string()))?;
    if certificates.is_empty() {
        return Err(TrustError::NoCertificate {
            path: path.to_owned(),
            source: source.to_owned(),
        });
    }
    // The SDK adds these to its roots the same way and panics on one it cannot parse: each
    // is tried here first.
    let mut roots = rustls::RootCertStore::empty();
    for certificate in &certificates {
        roots
            .add(certificate.clone())
            .map_err(|e| invalid(e.to_string()))?;
    }
    Ok(Bundle {
        path: path.to_owned(),
        source: source.to_owned(),
        certificates: certificates.len(),
        pem,
    })
}

/// The bundle this process's environment and `profile` name, checked.
pub fn from_environment(profile: Option<&Profile>) -> Result<Option<Bundle>, TrustError> {
    let env = |name: &str| std::env::var(name).ok();
    configured(&env, profile)
        .map(|(path, source)| load(&path, &source))
        .transpose()
}

/// The HTTPS client of every configuration that trusts what `bundle` adds to the system's
/// roots (or nothing), made once per process: each is a connection pool, and an
/// organization's fleet loads one configuration per member account and region, which
/// with a client each kept thousands of idle connections (and their buffers) open to the
/// same endpoint.
pub fn shared_http_client(bundle: Option<&Bundle>) -> SharedHttpClient {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock, PoisonError};
    static CLIENTS: OnceLock<Mutex<HashMap<Option<Vec<u8>>, SharedHttpClient>>> = OnceLock::new();
    let key = bundle.map(|b| b.pem.clone());
    let mut clients = CLIENTS
        .get_or_init(Mutex::default)
        .lock()
        // A panic while holding the lock leaves the map whole: keep using it.
        .unwrap_or_else(PoisonError::into_inner);
    clients
        .entry(key)
        .or_insert_with(|| bundle.map_or_else(system_http_client, http_client))
        .clone()
}

/// An HTTPS client that trusts the system's roots and `bundle`'s, set up as the SDK's
/// default one is (rustls on aws-lc, the proxy variables honoured).
/// An HTTPS client with the system's roots alone, given to a configuration explicitly so
/// that every client built from it (each region of an account the fleet counts) shares its
/// connection pool, where the SDK would give each client a pool of its own.
pub fn system_http_client() -> SharedHttpClient {
    Builder::new().build_with_connector_fn(move |settings, components| {
        let mut connector = ConnectorBuilder::default().tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::AwsLc,
        ));
        connector.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            connector.set_sleep_impl(components.sleep_impl());
        }
        connector.set_proxy_config(Some(ProxyConfig::from_env()));
        connector.build()
    })
}

pub fn http_client(bundle: &Bundle) -> SharedHttpClient {
    let store = TrustStore::default().with_pem_certificate(bundle.pem.clone());
    let context = match TlsContext::builder().with_trust_store(store).build() {
        Ok(context) => context,
        // Building a context only gathers its parts and does not fail in this version; if
        // one ever does, the system's roots alone are what an operator would get anyway.
        Err(err) => {
            tracing::warn!(%err, "cannot use the CA bundle");
            TlsContext::default()
        }
    };
    Builder::new().build_with_connector_fn(move |settings, components| {
        let mut connector = ConnectorBuilder::default()
            .tls_provider(tls::Provider::Rustls(
                tls::rustls_provider::CryptoMode::AwsLc,
            ))
            .tls_context(context.clone());
        connector.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            connector.set_sleep_impl(components.sleep_impl());
        }
        connector.set_proxy_config(Some(ProxyConfig::from_env()));
        connector.build()
    })
}

/// What to do about a failed call whose causes read `text`, when a certificate is why.
pub fn hint(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if !(lower.contains("invalid peer certificate") || lower.contains("certificate verify")) {
        return None;
    }
    Some(format!(
        "the endpoint's TLS certificate is not trusted; if a proxy or a private endpoint \
         uses its own CA, set {ENV} (or ca_bundle in the profile) to that CA's PEM file"
    ))
}

#[cfg(test)]
mod tests;

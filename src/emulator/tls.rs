//! The emulator over HTTPS (`rekog serve --tls-cert --tls-key`): the certificate chain and
//! key read and checked before it listens, and a listener that hands axum connections whose
//! TLS handshake is done. Lets an operator try a private CA (`AWS_CA_BUNDLE`, a profile's
//! `ca_bundle`) or a TLS-inspecting proxy without a real one.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;

/// A handshake that takes longer than this is dropped, so a silent client holds nothing.
const HANDSHAKE: Duration = Duration::from_secs(10);

/// The certificate and key files of `rekog serve --tls-cert --tls-key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Why the certificate or the key cannot be used; each names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsError {
    pub path: PathBuf,
    pub why: String,
}

impl std::fmt::Display for TlsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.why)
    }
}

impl std::error::Error for TlsError {}

/// The server's TLS settings from `files`: the leaf first in the certificate file, then any
/// intermediates; the key in PKCS#8, PKCS#1 or SEC1 PEM.
pub fn load(files: &TlsFiles) -> Result<Arc<ServerConfig>, TlsError> {
    let certs = read(&files.cert)?;
    let chain = CertificateDer::pem_slice_iter(&certs)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| error(&files.cert, format!("not a PEM certificate file: {e}")))?;
    if chain.is_empty() {
        return Err(error(
            &files.cert,
            "holds no PEM certificate (-----BEGIN CERTIFICATE-----)".to_owned(),
        ));
    }
    let key = read(&files.key)?;
    let key = PrivateKeyDer::from_pem_slice(&key)
        .map_err(|e| error(&files.key, format!("holds no usable PEM private key: {e}")))?;
    // The provider is named rather than taken from the process default, which rustls cannot
    // pick when more than one is built in.
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| error(&files.cert, e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| {
            error(
                &files.key,
                format!("does not go with {}: {e}", files.cert.display()),
            )
        })?;
    // axum is built for HTTP/1 only.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

fn read(path: &Path) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|e| error(path, format!("cannot be read: {e}")))
}

fn error(path: &Path, why: String) -> TlsError {
    TlsError {
        path: path.to_owned(),
        why,
    }
}

/// Connections whose handshake is done. Handshakes run side by side, each in its own task,
/// so that one slow client does not hold up the others.
pub struct Listener {
    addr: SocketAddr,
    ready: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    accepting: JoinHandle<()>,
}

impl Listener {
    pub fn new(tcp: TcpListener, config: Arc<ServerConfig>) -> std::io::Result<Listener> {
        let addr = tcp.local_addr()?;
        let (done, ready) = mpsc::channel(64);
        let acceptor = TlsAcceptor::from(config);
        let accepting = tokio::spawn(async move {
            loop {
                let (stream, peer) = match tcp.accept().await {
                    Ok(accepted) => accepted,
                    Err(err) => {
                        // Out of descriptors, most likely: wait for some to be freed.
                        tracing::warn!(%err, "cannot accept a connection");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                // Answers are small; waiting for Nagle would add latency to every call.
                let _ = stream.set_nodelay(true);
                let (acceptor, done) = (acceptor.clone(), done.clone());
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE, acceptor.accept(stream)).await {
                        Ok(Ok(tls)) => {
                            let _ = done.send((tls, peer)).await;
                        }
                        Ok(Err(err)) => tracing::info!(%peer, %err, "TLS handshake failed"),
                        Err(_) => tracing::info!(%peer, "TLS handshake timed out"),
                    }
                });
            }
        });
        Ok(Listener {
            addr,
            ready,
            accepting,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        // The accepting task owns the socket: the port is free once it stops.
        self.accepting.abort();
    }
}

impl axum::serve::Listener for Listener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(connection) => connection,
            // The accepting task never ends while this listener holds its handle.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.addr)
    }
}

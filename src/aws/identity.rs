//! Who rekog acts as: STS GetCallerIdentity, asked once at start and never awaited by the
//! UI. Against a loopback endpoint (the emulator) STS goes there too; any other Rekognition
//! endpoint override leaves STS on its own endpoint (`AWS_ENDPOINT_URL_STS` still applies).

use aws_sdk_sts::error::DisplayErrorContext;

use crate::aws::api::Identity;

/// Builds the STS client from the same settings as the Rekognition client.
pub fn client(
    config: &aws_config::SdkConfig,
    rekognition_endpoint: Option<&str>,
) -> aws_sdk_sts::Client {
    let mut builder = aws_sdk_sts::config::Builder::from(config);
    let env = std::env::var("AWS_ENDPOINT_URL_STS").ok();
    builder.set_endpoint_url(sts_endpoint(rekognition_endpoint, env));
    aws_sdk_sts::Client::from_conf(builder.build())
}

/// Where STS calls go: the Rekognition endpoint when it is loopback (the emulator), else
/// `AWS_ENDPOINT_URL_STS` when set, else STS's own endpoint (`None`).
pub fn sts_endpoint(rekognition: Option<&str>, env_sts: Option<String>) -> Option<String> {
    match rekognition {
        Some(url) if is_loopback(url) => Some(url.to_owned()),
        _ => env_sts.filter(|v| !v.is_empty()),
    }
}

/// Asks STS who the credentials belong to.
pub async fn caller(client: &aws_sdk_sts::Client) -> Result<Identity, String> {
    let out = client
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| format!("GetCallerIdentity: {}", DisplayErrorContext(&e)))?;
    Ok(Identity {
        account: out.account,
        arn: out.arn,
    })
}

/// Whether `url` points at this machine: `127.0.0.0/8`, `::1` or `localhost`.
pub fn is_loopback(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::{is_loopback, sts_endpoint};

    #[test]
    fn sts_follows_only_a_loopback_override() {
        let local = "http://127.0.0.1:4599";
        let fips = "https://rekognition-fips.us-east-1.amazonaws.com";
        let sts = || Some("https://sts.example".to_owned());
        assert_eq!(sts_endpoint(Some(local), sts()).as_deref(), Some(local));
        assert_eq!(sts_endpoint(Some(fips), None), None);
        assert_eq!(sts_endpoint(Some(fips), sts()), sts());
        assert_eq!(sts_endpoint(None, sts()), sts());
        assert_eq!(sts_endpoint(None, Some(String::new())), None);
    }

    #[test]
    fn loopback_endpoints() {
        for url in [
            "http://127.0.0.1:4599",
            "http://127.8.0.1/",
            "http://localhost:4599",
            "http://[::1]:4599/x",
            "http://user@localhost",
        ] {
            assert!(is_loopback(url), "{url}");
        }
        for url in [
            "https://rekognition-fips.us-east-1.amazonaws.com",
            "https://vpce-0a1b.rekognition.eu-west-1.vpce.amazonaws.com",
            "http://127.0.0.1.example.com",
            "http://10.0.0.1:4599",
        ] {
            assert!(!is_loopback(url), "{url}");
        }
    }
}

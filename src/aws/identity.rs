//! Who rekog acts as: STS GetCallerIdentity, asked once at start and never awaited by the
//! UI. The STS client's endpoint is the one `endpoints` resolved for STS.

use crate::aws::api::Identity;

/// Builds the STS client from the same settings as the Rekognition client, sending its
/// calls to `endpoint` (`None`: the SDK's endpoint for the region).
pub fn client(config: &aws_config::SdkConfig, endpoint: Option<&str>) -> aws_sdk_sts::Client {
    let mut builder = aws_sdk_sts::config::Builder::from(config);
    // Set even when `None`: the SDK would otherwise read the variables and `services`
    // sections itself, in an order that lets them win over `--endpoint-url`.
    builder.set_endpoint_url(endpoint.map(str::to_owned));
    aws_sdk_sts::Client::from_conf(builder.build())
}

/// Asks STS who the credentials belong to.
pub async fn caller(client: &aws_sdk_sts::Client) -> Result<Identity, String> {
    let out = client
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| format!("GetCallerIdentity: {}", crate::aws::sdk::error_chain(&e)))?;
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
    use super::is_loopback;

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

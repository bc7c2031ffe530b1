//! Service maps: `IRI=URL` sends the SERVICE calls for a service IRI to another SPARQL
//! endpoint (a mirror, or a local server), while the query keeps the IRI its readers know.

use super::AllowlistError;
use oxhttp::model::Uri;
use oxigraph::model::NamedNode;

/// A service IRI, as queries write it, and the http(s) URL of the SPARQL endpoint its calls go
/// to instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceMapping {
    /// The IRI in the query.
    pub service: NamedNode,
    /// Where its calls go.
    pub endpoint: Uri,
}

/// Why a service mapping or the handler's settings are refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    /// Not `IRI=URL`, a bad IRI or a bad URL.
    #[error("'{mapping}': {why}; write IRI=URL, such as https://query.wikidata.org/sparql=http://127.0.0.1:7878/query")]
    Malformed {
        /// The mapping as given.
        mapping: String,
        /// What is wrong.
        why: String,
    },
    /// The same service mapped twice.
    #[error("<{service}> is mapped twice (the first time to {first}); keep one")]
    Twice {
        /// The service IRI.
        service: String,
        /// Its first endpoint.
        first: String,
    },
    /// A zero timeout.
    #[error("the timeout must be at least 1 second")]
    ZeroTimeout,
    /// A zero answer cap.
    #[error("the answer cap must be at least 1 byte")]
    ZeroCap,
    /// A mapping of a service that cannot be called.
    #[error(transparent)]
    Allowlist(#[from] AllowlistError),
}

/// Reads `IRI=URL`: the service IRI as queries write it, and the http(s) URL of the SPARQL
/// endpoint to send its calls to.
pub fn parse_mapping(mapping: &str) -> Result<ServiceMapping, MappingError> {
    let bad = |why: String| MappingError::Malformed {
        mapping: mapping.to_owned(),
        why,
    };
    // The IRI may itself contain '=' (in a query string): the URL starts at "=http".
    let split = ["=http://", "=https://"]
        .iter()
        .filter_map(|marker| mapping.find(marker))
        .min()
        .ok_or_else(|| bad("no '=' followed by an http:// or https:// URL".to_owned()))?;
    let (iri, url) = (&mapping[..split], &mapping[split + 1..]);
    let service = NamedNode::new(iri)
        .map_err(|e| bad(format!("the service '{iri}' is not an absolute IRI ({e})")))?;
    let endpoint = endpoint_uri(url).map_err(bad)?;
    Ok(ServiceMapping { service, endpoint })
}

/// Checks that `url` is an absolute http(s) URL with a host.
pub(crate) fn endpoint_uri(url: &str) -> Result<Uri, String> {
    let uri: Uri = url
        .parse()
        .map_err(|e| format!("'{url}' is not a valid URL ({e})"))?;
    match uri.scheme_str() {
        Some("http" | "https") if uri.host().is_some() => Ok(uri),
        _ => Err(format!(
            "'{url}' is not an http:// or https:// URL with a host"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_split_at_the_url() {
        let m =
            parse_mapping("https://query.wikidata.org/sparql=http://127.0.0.1:7878/query").unwrap();
        assert_eq!(m.service.as_str(), "https://query.wikidata.org/sparql");
        assert_eq!(m.endpoint.to_string(), "http://127.0.0.1:7878/query");
        let m = parse_mapping("http://example.org/s?a=b=https://mirror.example/q?x=1").unwrap();
        assert_eq!(m.service.as_str(), "http://example.org/s?a=b");
        assert_eq!(m.endpoint.to_string(), "https://mirror.example/q?x=1");
    }

    #[test]
    fn bad_mappings_say_how_to_write_one() {
        for bad in [
            "https://query.wikidata.org/sparql",
            "https://query.wikidata.org/sparql=ftp://x/",
            "not an iri=http://127.0.0.1:1/query",
            "urn:x=http:///query",
        ] {
            let error = parse_mapping(bad).unwrap_err().to_string();
            assert!(error.contains("write IRI=URL"), "{bad}: {error}");
        }
    }
}

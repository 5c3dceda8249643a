//! YAML: Kubernetes manifests, Helm values, docker-compose files and other
//! deployment configuration. Parsed with yaml-rust2's event parser, which
//! gives each scalar its line and never expands an alias, so every value is
//! read with the key it belongs to:
//!
//! - a key that says region or location (`region`, `aws-region`,
//!   `topology.kubernetes.io/region`) with a cloud region code: where
//!   resources run;
//! - `image`: a container image of a hosted service (a vendor's agent that
//!   sends data to the vendor), or one the workspace maps;
//! - any value naming a registry vendor's host (an endpoint, a DSN).

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::evidence::{Evidence, Source, Target};
use crate::regions::region;
use crate::registry::vendors;

use super::env::hosts_in;

/// A scalar value, the key it belongs to (for items of a sequence, the
/// sequence's key) and its 1-based line.
struct Pair {
    key: String,
    value: String,
    line: u32,
}

enum Frame {
    /// `pending`: the key read, waiting for its value.
    Map {
        pending: Option<String>,
    },
    Seq {
        key: String,
    },
}

#[derive(Default)]
struct Pairs {
    stack: Vec<Frame>,
    out: Vec<Pair>,
}

impl Pairs {
    /// The key a value (or a nested collection) starting now belongs to,
    /// consuming the pending key of a mapping.
    fn take_key(&mut self) -> Option<String> {
        match self.stack.last_mut()? {
            Frame::Map { pending } => pending.take(),
            Frame::Seq { key } => Some(key.clone()),
        }
    }
}

impl MarkedEventReceiver for Pairs {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => match self.stack.last_mut() {
                Some(Frame::Map {
                    pending: pending @ None,
                }) => *pending = Some(value),
                Some(Frame::Map { pending }) => {
                    let key = pending.take().unwrap_or_default();
                    self.out.push(Pair {
                        key,
                        value,
                        line: u32::try_from(mark.line()).unwrap_or(u32::MAX),
                    });
                }
                Some(Frame::Seq { key }) => {
                    let key = key.clone();
                    self.out.push(Pair {
                        key,
                        value,
                        line: u32::try_from(mark.line()).unwrap_or(u32::MAX),
                    });
                }
                None => {}
            },
            Event::MappingStart(..) => {
                // A mapping as a value: its own keys follow.
                let _ = self.take_key();
                self.stack.push(Frame::Map { pending: None });
            }
            Event::SequenceStart(..) => {
                let key = self.take_key().unwrap_or_default();
                self.stack.push(Frame::Seq { key });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Alias(_) => {
                let _ = self.take_key();
            }
            _ => {}
        }
    }
}

/// Whether a key names where something runs: `region`, `aws-region`,
/// `topology.kubernetes.io/region`, `location`.
fn is_region_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("region") || key.contains("location")
}

/// An image reference without its tag or digest, and without Docker Hub's
/// implicit prefixes: `docker.io/datadog/agent:7` is `datadog/agent`.
fn image_name(reference: &str) -> &str {
    let reference = reference.split('@').next().unwrap_or(reference);
    let last_slash = reference.rfind('/').map_or(0, |i| i + 1);
    let name = match reference[last_slash..].rfind(':') {
        Some(colon) => &reference[..last_slash + colon],
        None => reference,
    };
    let name = name.strip_prefix("docker.io/").unwrap_or(name);
    name.strip_prefix("library/").unwrap_or(name)
}

pub fn read(path: &str, text: &str) -> Vec<Evidence> {
    let mut pairs = Pairs::default();
    // A document that does not parse still gives the pairs read before the
    // error: they are what the file says up to there.
    let _ = Parser::new_from_str(text).load(&mut pairs, true);
    let mut out = Vec::new();
    for Pair { key, value, line } in pairs.out {
        let evidence = |source, target, seen: &str| Evidence {
            path: path.to_owned(),
            line,
            source,
            target,
            seen: seen.to_owned(),
        };
        if is_region_key(&key)
            && let Some(found) = region(&value.to_ascii_lowercase().replace(' ', ""))
        {
            out.push(evidence(Source::Configuration, Target::Region(found.code), &value));
        }
        if key == "image" {
            let name = image_name(value.trim());
            let before = out.len();
            for v in vendors().iter().filter(|v| v.matches_image(name)) {
                out.push(evidence(Source::Image, Target::Vendor(v.id), name));
            }
            if out.len() == before && !name.is_empty() {
                out.push(evidence(Source::Image, Target::Unknown, name));
            }
            continue;
        }
        for (vendor, host) in hosts_in(&value.to_ascii_lowercase()) {
            out.push(evidence(Source::Configuration, Target::Vendor(vendor), &host));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(path: &str, text: &str) -> Vec<(Target, u32, Source, String)> {
        read(path, text)
            .into_iter()
            .map(|e| (e.target, e.line, e.source, e.seen))
            .collect()
    }

    #[test]
    fn helm_values_regions_and_endpoints() {
        let values = "aws:\n  region: us-east-1\nsentry:\n  dsn: https://k@o1.ingest.sentry.io/2\nreplicas: 3\nregions: [eu-west-1, ap-south-1]\n# region: us-west-2\n";
        assert_eq!(
            seen("values.yaml", values),
            [
                (
                    Target::Region("us-east-1"),
                    2,
                    Source::Configuration,
                    "us-east-1".to_owned()
                ),
                (
                    Target::Vendor("sentry"),
                    4,
                    Source::Configuration,
                    "sentry.io".to_owned()
                ),
                (
                    Target::Region("eu-west-1"),
                    6,
                    Source::Configuration,
                    "eu-west-1".to_owned()
                ),
                (
                    Target::Region("ap-south-1"),
                    6,
                    Source::Configuration,
                    "ap-south-1".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn kubernetes_labels_and_images() {
        let manifest = "apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      nodeSelector:\n        topology.kubernetes.io/region: us-west-2\n      containers:\n        - name: agent\n          image: gcr.io/datadoghq/agent:7.50.0\n        - name: app\n          image: ghcr.io/acme/shop@sha256:abc\n";
        assert_eq!(
            seen("deploy/agent.yaml", manifest),
            [
                (
                    Target::Region("us-west-2"),
                    7,
                    Source::Configuration,
                    "us-west-2".to_owned()
                ),
                (
                    Target::Vendor("datadog"),
                    10,
                    Source::Image,
                    "gcr.io/datadoghq/agent".to_owned()
                ),
                (Target::Unknown, 12, Source::Image, "ghcr.io/acme/shop".to_owned()),
            ]
        );
    }

    #[test]
    fn compose_images_of_hosted_services() {
        let compose = "services:\n  dd:\n    image: datadog/agent:latest\n  db:\n    image: postgres:16\n  tunnel:\n    image: docker.io/cloudflare/cloudflared\n";
        let found: Vec<_> = seen("docker-compose.yml", compose)
            .into_iter()
            .filter(|(t, ..)| *t != Target::Unknown)
            .collect();
        assert_eq!(
            found,
            [
                (Target::Vendor("datadog"), 3, Source::Image, "datadog/agent".to_owned()),
                (
                    Target::Vendor("cloudflare"),
                    7,
                    Source::Image,
                    "cloudflare/cloudflared".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn near_misses_and_bad_input() {
        // A region word that is not a region key, an unknown region, a host
        // inside a longer host: nothing.
        let quiet = "description: deployed in us-east-1\nregion: mars-1\nurl: https://notsentry.io\n";
        assert!(seen("values.yaml", quiet).is_empty());
        // Broken YAML and alias bombs: no panic, no expansion.
        let _ = read("x.yaml", "a: [b, {c: d\n");
        let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n";
        assert!(read("x.yaml", bomb).len() < 10);
        assert_eq!(
            image_name("registry.local:5000/team/app:1.2"),
            "registry.local:5000/team/app"
        );
    }
}

//! JVM build files: Maven's `pom.xml` (XML, parsed with roxmltree, so a
//! coordinate counts only inside a `<dependency>`), Gradle's
//! `build.gradle[.kts]` (Groovy or Kotlin code, which no parser here reads:
//! a line reader of dependency declarations, one per line by convention)
//! and the version catalogue `gradle/libs.versions.toml` (TOML). A
//! dependency is named `group:artifact`, as the registry lists it.

use crate::evidence::{Evidence, line_at};

use super::manifests::package;

/// Maven scopes that do not ship with the application.
const MAVEN_NOT_SHIPPED: &[&str] = &["test"];

pub fn pom_xml(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    // roxmltree refuses DTDs by default, so no entity can expand.
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return out;
    };
    for dependency in doc.descendants().filter(|n| n.has_tag_name("dependency")) {
        // Managed versions are not dependencies, and a plugin's
        // dependencies run at build time only.
        let declared_elsewhere = dependency
            .ancestors()
            .any(|a| a.has_tag_name("dependencyManagement") || a.has_tag_name("plugin"));
        if declared_elsewhere {
            continue;
        }
        let child = |name: &str| {
            dependency
                .children()
                .find(|c| c.has_tag_name(name))
                .and_then(|c| c.text())
                .map(str::trim)
        };
        let (Some(group), Some(artifact)) = (child("groupId"), child("artifactId")) else {
            continue;
        };
        if child("scope").is_some_and(|s| MAVEN_NOT_SHIPPED.contains(&s)) {
            continue;
        }
        let line = line_at(text, dependency.range().start);
        package(&mut out, path, text, &format!("{group}:{artifact}"), Some(line));
    }
    out
}

/// Gradle configurations whose dependencies ship with the application;
/// `testImplementation`, `compileOnly`, `annotationProcessor` and the like
/// do not.
const GRADLE_SHIPPED: &[&str] = &["implementation", "api", "compile", "runtimeOnly", "runtime"];

pub fn build_gradle(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split("//").next().unwrap_or("").trim();
        let configuration = line.split(|c: char| c == '(' || c.is_whitespace()).next().unwrap_or("");
        if !GRADLE_SHIPPED.contains(&configuration) {
            continue;
        }
        let rest = &line[configuration.len()..];
        if let Some(name) = gradle_coordinate(rest) {
            package(&mut out, path, text, &name, Some(i as u32 + 1));
        }
    }
    out
}

/// `"group:artifact:version"` (either quote), or the map notation
/// `group: 'g', name: 'a'` / `group = "g", name = "a"`.
fn gradle_coordinate(rest: &str) -> Option<String> {
    let quoted: Vec<&str> = rest.split(['"', '\'']).skip(1).step_by(2).collect();
    let first = quoted.first()?;
    let mut parts = first.split(':');
    if let (Some(group), Some(artifact)) = (parts.next(), parts.next())
        && !group.is_empty()
        && !artifact.is_empty()
    {
        return Some(format!("{group}:{artifact}"));
    }
    let value_of = |key: &str| {
        let at = rest.find(key)?;
        let after = rest[at + key.len()..].trim_start().strip_prefix([':', '='])?;
        after.trim_start().split(['"', '\'']).nth(1)
    };
    Some(format!("{}:{}", value_of("group")?, value_of("name")?))
}

/// `gradle/libs.versions.toml`: the `[libraries]` a build may use, as
/// `module = "g:a"`, `group`/`name`, or the string `"g:a:version"`. A
/// catalogue entry is a dependency only once a build file uses it; it is
/// read because builds that use catalogues name no coordinates themselves.
pub fn version_catalog(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    let Ok(doc) = text.parse::<toml::Table>() else {
        return out;
    };
    let Some(libraries) = doc.get("libraries").and_then(toml::Value::as_table) else {
        return out;
    };
    // Aliases repeat across tables (`[versions] stripe`, `[libraries]
    // stripe`): lines are looked up from the `[libraries]` header on.
    let start = text.find("[libraries]").unwrap_or(0);
    let before = line_at(text, start) - 1;
    for (alias, entry) in libraries {
        let name = match entry {
            toml::Value::String(s) => {
                let mut parts = s.split(':');
                parts.next().zip(parts.next()).map(|(g, a)| format!("{g}:{a}"))
            }
            toml::Value::Table(t) => {
                let get = |k: &str| t.get(k).and_then(toml::Value::as_str);
                get("module")
                    .map(str::to_owned)
                    .or_else(|| Some(format!("{}:{}", get("group")?, get("name")?)))
            }
            _ => None,
        };
        if let Some(name) = name {
            let line = before + crate::evidence::line_of(&text[start..], &[format!("{alias} ="), format!("{alias}=")]);
            package(&mut out, path, text, &name, Some(line));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Target;

    fn seen(found: Vec<Evidence>) -> Vec<(Target, u32, String)> {
        found.into_iter().map(|e| (e.target, e.line, e.seen)).collect()
    }

    #[test]
    fn maven_dependencies_not_tests_or_managed_or_plugins() {
        let pom = r#"<project xmlns="http://maven.apache.org/POM/4.0.0">
  <dependencyManagement><dependencies>
    <dependency><groupId>io.sentry</groupId><artifactId>sentry-bom</artifactId></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>com.stripe</groupId>
      <artifactId>stripe-java</artifactId>
    </dependency>
    <dependency><groupId>com.twilio.sdk</groupId><artifactId>twilio</artifactId><scope>test</scope></dependency>
  </dependencies>
  <build><plugins><plugin><dependencies>
    <dependency><groupId>com.datadoghq</groupId><artifactId>dd-java-agent</artifactId></dependency>
  </dependencies></plugin></plugins></build>
</project>"#;
        assert_eq!(
            seen(pom_xml("pom.xml", pom)),
            [(Target::Vendor("stripe"), 6, "com.stripe:stripe-java".to_owned())]
        );
        // Not XML, or a DTD with entities: nothing, and no panic.
        assert!(pom_xml("pom.xml", "<project><dependency>").is_empty());
        assert!(pom_xml("pom.xml", "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>").is_empty());
    }

    #[test]
    fn gradle_shipped_configurations_only() {
        let build = "dependencies {\n    implementation(\"io.sentry:sentry:7.0.0\")\n    testImplementation 'com.stripe:stripe-java:24.0.0'\n    api group: 'com.twilio.sdk', name: 'twilio', version: '9.0'\n    // implementation 'com.mailgun:mailgun-java:1.0'\n    compileOnly(\"com.auth0:java-jwt:4.0\")\n    implementation(libs.okhttp)\n}\n";
        assert_eq!(
            seen(build_gradle("build.gradle.kts", build)),
            [
                (Target::Vendor("sentry"), 2, "io.sentry:sentry".to_owned()),
                (Target::Vendor("twilio"), 4, "com.twilio.sdk:twilio".to_owned()),
            ]
        );
    }

    #[test]
    fn version_catalog_libraries() {
        let catalog = "[versions]\nstripe = \"24.0.0\"\n\n[libraries]\nstripe = { module = \"com.stripe:stripe-java\", version.ref = \"stripe\" }\nsentry = { group = \"io.sentry\", name = \"sentry\", version = \"7\" }\nokhttp = \"com.squareup.okhttp3:okhttp:4.12.0\"\n";
        let found = seen(version_catalog("gradle/libs.versions.toml", catalog));
        assert!(
            found.contains(&(Target::Vendor("stripe"), 5, "com.stripe:stripe-java".to_owned())),
            "{found:?}"
        );
        assert!(
            found.contains(&(Target::Vendor("sentry"), 6, "io.sentry:sentry".to_owned())),
            "{found:?}"
        );
        assert!(
            found.contains(&(Target::Unknown, 7, "com.squareup.okhttp3:okhttp".to_owned())),
            "{found:?}"
        );
    }
}

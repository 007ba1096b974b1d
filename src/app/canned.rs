//! Canned replies: the agent's everyday phrases, with placeholders.

use serde::Deserialize;

/// The example shipped with the app (also the default list).
pub const EXAMPLE: &str = include_str!("../../assets/canned.toml");

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Canned {
    pub name: String,
    pub text: String,
    /// Tag names added to the conversation when the reply is sent.
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    replies: Vec<Canned>,
}

/// Parse a canned-replies file; the names and texts are the agent's own but
/// are sanitized like anything else that reaches the screen or a request.
pub fn parse(text: &str) -> Result<Vec<Canned>, String> {
    let file: File = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    Ok(file
        .replies
        .into_iter()
        .map(|c| Canned {
            name: crate::text::sanitize_line(&c.name),
            text: crate::text::sanitize_input(&c.text),
            tags: c.tags,
        })
        .collect())
}

/// What placeholders are filled with.
pub struct Fill<'a> {
    pub customer_name: &'a str,
    pub page_name: &'a str,
    pub agent_name: &'a str,
}

/// Fill `{customer_name}`, `{page_name}` and `{agent_name}`; unknown
/// placeholders are left as written so the agent sees them.
pub fn fill(text: &str, f: &Fill) -> String {
    text.replace("{customer_name}", f.customer_name)
        .replace("{page_name}", f.page_name)
        .replace("{agent_name}", f.agent_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_example_parses_and_fills() {
        let list = parse(EXAMPLE).unwrap();
        assert!(list.len() >= 5);
        let greet = list.iter().find(|c| c.name == "Greeting").unwrap();
        let text = fill(
            &greet.text,
            &Fill {
                customer_name: "Lan",
                page_name: "Tiệm Bánh",
                agent_name: "Minh",
            },
        );
        assert_eq!(
            text,
            "Hi Lan, thanks for messaging Tiệm Bánh! How can we help?"
        );
        assert!(list.iter().any(|c| !c.tags.is_empty()));
        assert!(parse("[[replies]]\nname = 1").is_err());
    }
}

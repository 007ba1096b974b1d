//! Tags: the raw shape, the colour, and the clean model.

use serde::{Deserialize, Serialize};

use crate::api::ids::TagId;
use crate::api::lenient::{Lenient, loose_string};
use crate::text::sanitize_line;

#[derive(Debug, Deserialize)]
pub struct RawTag {
    id: TagId,
    #[serde(default, deserialize_with = "loose_string")]
    text: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    color: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    lighten_color: Option<String>,
}

/// An RGB colour from `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn parse(s: &str) -> Option<Rgb> {
        let h = s.trim().strip_prefix('#')?;
        if h.len() != 6 || !h.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    pub id: TagId,
    /// Sanitized tag name.
    pub name: String,
    pub color: Option<Rgb>,
    pub lighten_color: Option<Rgb>,
}

impl From<RawTag> for Tag {
    fn from(r: RawTag) -> Tag {
        let name = r.text.or(r.name).unwrap_or_else(|| format!("#{}", r.id));
        Tag {
            name: sanitize_line(&name),
            id: r.id,
            color: r.color.as_deref().and_then(Rgb::parse),
            lighten_color: r.lighten_color.as_deref().and_then(Rgb::parse),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RawTagList {
    #[serde(default)]
    pub tags: Lenient<RawTag>,
}

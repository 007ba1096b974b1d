//! Pages as `GET /v1/pages` lists them.

use serde::{Deserialize, Serialize};

use crate::api::ids::PageId;
use crate::api::lenient::{Lenient, lenient_opt, loose_string};
use crate::text::sanitize_line;

#[derive(Debug, Deserialize)]
pub struct RawPage {
    id: PageId,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub id: PageId,
    /// Sanitized page name.
    pub name: String,
}

impl From<RawPage> for Page {
    fn from(r: RawPage) -> Page {
        Page {
            name: sanitize_line(r.name.as_deref().unwrap_or(r.id.as_str())),
            id: r.id,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RawCategorized {
    #[serde(default)]
    pub activated: Lenient<RawPage>,
}

/// `GET /v1/pages`. A rejected user token has been seen to answer 200 without
/// `categorized`; the client treats a missing key as a rejected token.
#[derive(Debug, Deserialize)]
pub struct RawPageList {
    #[serde(default, deserialize_with = "lenient_opt")]
    pub categorized: Option<RawCategorized>,
    #[serde(default)]
    pub pages: Option<Lenient<RawPage>>,
}

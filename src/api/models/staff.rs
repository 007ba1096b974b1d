//! The page's staff: members, their status, the rotation.

use serde::{Deserialize, Serialize};

use crate::api::ids::UserId;
use crate::api::lenient::{Lenient, id_list, lenient_opt, loose_bool, loose_string};
use crate::text::sanitize_line;

/// What a staff member says about their availability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum StaffStatus {
    Available,
    Busy,
    Offline,
    #[default]
    Unknown,
}

impl StaffStatus {
    fn parse(s: Option<&str>) -> Self {
        match s.map(str::to_ascii_lowercase).as_deref() {
            Some("available") => Self::Available,
            Some("busy") => Self::Busy,
            Some("offline") => Self::Offline,
            _ => Self::Unknown,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RawUser {
    id: UserId,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    fb_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    status: Option<String>,
    #[serde(default, deserialize_with = "loose_bool")]
    is_online: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    /// Sanitized name.
    pub name: String,
    pub fb_id: Option<String>,
    pub status: StaffStatus,
    pub is_online: bool,
}

impl From<RawUser> for User {
    fn from(r: RawUser) -> User {
        User {
            name: sanitize_line(r.name.as_deref().unwrap_or("(no name)")),
            id: r.id,
            fb_id: r.fb_id,
            status: StaffStatus::parse(r.status.as_deref()),
            is_online: r.is_online.unwrap_or(false),
        }
    }
}

/// Who new conversations go to in turn (`round_robin_users`), inbox and
/// comments apart.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundRobin {
    #[serde(default, deserialize_with = "id_list")]
    pub inbox: Vec<UserId>,
    #[serde(default, deserialize_with = "id_list")]
    pub comment: Vec<UserId>,
}

#[derive(Debug, Deserialize)]
pub struct RawUsers {
    #[serde(default)]
    pub users: Lenient<RawUser>,
    #[serde(default)]
    pub disabled_users: Lenient<RawUser>,
    #[serde(default, deserialize_with = "lenient_opt")]
    round_robin_users: Option<RoundRobin>,
}

/// The page's staff: who can be assigned, who left, who is in the rotation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Staff {
    pub users: Vec<User>,
    /// Never offered for assignment; kept to name them in history.
    pub disabled: Vec<User>,
    /// (`default`: a cache written before it was kept loads as none.)
    #[serde(default)]
    pub round_robin: RoundRobin,
}

impl From<RawUsers> for Staff {
    fn from(r: RawUsers) -> Staff {
        Staff {
            users: r.users.into_iter().map(User::from).collect(),
            disabled: r.disabled_users.into_iter().map(User::from).collect(),
            round_robin: r.round_robin_users.unwrap_or_default(),
        }
    }
}

impl Staff {
    /// Everyone, active then disabled.
    pub fn everyone(&self) -> impl Iterator<Item = &User> {
        self.users.iter().chain(&self.disabled)
    }

    /// Anyone known by id, active or disabled (for showing names).
    pub fn find(&self, id: &UserId) -> Option<&User> {
        self.everyone().find(|u| &u.id == id)
    }

    /// Anyone by name, accents and case aside.
    pub fn find_by_name(&self, name: &str) -> Option<&User> {
        let wanted = crate::text::fold(name);
        self.everyone()
            .find(|u| crate::text::fold(&u.name) == wanted)
    }
}

//! Files for the composer: the path prompt (its line, the candidates of
//! the last Tab, what went wrong), path completion over a directory's
//! entries (pure: the runtime lists the directory), and `attach: PATH`
//! lines taken out of a draft or of `$EDITOR`'s text.

use crate::api::file_reply::attach_line;

/// Where a file to attach was named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttachFrom {
    /// Typed in the path prompt.
    Prompt,
    /// An `attach: PATH` line of the draft or of the editor's text: if it
    /// cannot be attached, the line goes back into the text.
    Line,
}

/// One entry of a directory, as completion needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathEntry {
    pub name: String,
    pub dir: bool,
}

/// The path prompt over the composer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathPrompt {
    pub line: String,
    /// The names the last Tab matched, when it matched several.
    pub candidates: Vec<String>,
    pub status: PromptStatus,
}

/// What the prompt says under its line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PromptStatus {
    /// Nothing: the agent is typing.
    #[default]
    Typing,
    /// Enter pressed: the file is being read and checked.
    Checking,
    /// Why the last Tab or Enter came to nothing.
    Failed(String),
}

/// What Tab makes of the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub line: String,
    /// Several matches: their names (directories end with `/`).
    pub candidates: Vec<String>,
}

/// The directory part of a line (up to its last `/`, kept as typed) and
/// the start of the name after it.
pub fn split_line(line: &str) -> (&str, &str) {
    match line.rfind('/') {
        Some(i) => (&line[..=i], &line[i + 1..]),
        None => ("", line),
    }
}

/// Complete the name being typed on `line` from the entries of its
/// directory: one match is written out (a directory with its `/`), several
/// are written as far as they agree and listed. Hidden entries are offered
/// only when the name starts with a dot. `~` alone becomes `~/`.
pub fn complete(line: &str, entries: &[PathEntry]) -> Completion {
    if line == "~" {
        return Completion {
            line: "~/".into(),
            candidates: vec![],
        };
    }
    let (dir, prefix) = split_line(line);
    let mut matches: Vec<&PathEntry> = entries
        .iter()
        .filter(|e| {
            e.name.starts_with(prefix) && (prefix.starts_with('.') || !e.name.starts_with('.'))
        })
        .collect();
    matches.sort_by(|a, b| a.name.cmp(&b.name));
    let shown = |e: &PathEntry| {
        if e.dir {
            format!("{}/", e.name)
        } else {
            e.name.clone()
        }
    };
    match matches.as_slice() {
        [] => Completion {
            line: line.to_owned(),
            candidates: vec![],
        },
        [one] => Completion {
            line: format!("{dir}{}", shown(one)),
            candidates: vec![],
        },
        several => {
            let mut common = several[0].name.as_str();
            for e in &several[1..] {
                let same = common
                    .char_indices()
                    .zip(e.name.chars())
                    .find(|((_, a), b)| a != b)
                    // Ran out of one of them: the shorter is a prefix of the other.
                    .map_or(common.len().min(e.name.len()), |((i, _), _)| i);
                common = &common[..same];
            }
            Completion {
                line: format!("{dir}{common}"),
                candidates: several.iter().map(|e| shown(e)).collect(),
            }
        }
    }
}

/// Take the `attach: PATH` lines out of `text`: the text without them and
/// the paths, in order.
pub fn take_attach_lines(text: &str) -> (String, Vec<String>) {
    let mut paths = Vec::new();
    let mut kept: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        match attach_line(line) {
            Some(p) => paths.push(p.to_owned()),
            None => kept.push(line),
        }
    }
    let mut out = kept.join("\n");
    if !paths.is_empty() {
        out.truncate(out.trim_end().len());
    }
    (out, paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(names: &[&str]) -> Vec<PathEntry> {
        names
            .iter()
            .map(|n| PathEntry {
                name: n.trim_end_matches('/').into(),
                dir: n.ends_with('/'),
            })
            .collect()
    }

    #[test]
    fn tab_writes_one_match_out_and_several_as_far_as_they_agree() {
        let e = entries(&["ảnh/", "ảnh bánh.png", "đơn.pdf", ".hidden", "anh.jpg"]);
        let c = complete("~/Tải/đ", &e);
        assert_eq!(c.line, "~/Tải/đơn.pdf");
        assert!(c.candidates.is_empty());
        let c = complete("ả", &e);
        assert_eq!(c.line, "ảnh");
        assert_eq!(c.candidates, vec!["ảnh/", "ảnh bánh.png"]);
        let c = complete("/x/ảnh", &entries(&["ảnh/"]));
        assert_eq!(c.line, "/x/ảnh/", "a directory ends with /");
        let c = complete("", &e);
        assert_eq!(c.candidates.len(), 4, "no hidden ones: {c:?}");
        assert_eq!(complete(".h", &e).line, ".hidden");
        let c = complete("zz", &e);
        assert_eq!((c.line.as_str(), c.candidates.len()), ("zz", 0));
        assert_eq!(complete("~", &e).line, "~/");
    }

    #[test]
    fn attach_lines_come_out_of_the_text() {
        let (text, paths) =
            take_attach_lines("Dạ ảnh đây ạ\nattach: ~/a.png\nattach: /tmp/b c.pdf\n");
        assert_eq!(text, "Dạ ảnh đây ạ");
        assert_eq!(paths, vec!["~/a.png", "/tmp/b c.pdf"]);
        let (text, paths) = take_attach_lines("no files\n\nhere");
        assert_eq!((text.as_str(), paths.len()), ("no files\n\nhere", 0));
    }
}

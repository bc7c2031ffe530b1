//! What the review page shows, read from the data folder on every request (the files are the
//! state: a person may edit them by hand between two decisions): the drafts (facts files with
//! `[[candidate]]` tables), and for one draft its article, its candidates with their quotes'
//! character offsets, the problems `cica-kg accept` would report for them (file, line,
//! column), its new entities, and the entity and property choices of the data.

use crate::diagnostic::line_column;
use crate::draft::accept::{self, AcceptError};
use crate::draft::{Candidate, DraftEntity};
use crate::facts::{locate_quotes, QuoteMatch};
use crate::input::{read_regular_file, Cap};
use crate::ontology::Ontology;
use serde::Deserialize;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The largest article or facts file read: 64 MiB, as `draft` reads.
const CAP: Cap = Cap(64 << 20);

/// A draft of the folder, as the index lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Its file name without `.toml`: its address on the page.
    pub name: String,
    /// Its `[source]` title, if any.
    pub title: String,
    /// How many candidates await review.
    pub candidates: usize,
}

/// The drafts of `dir`: its `*.toml` files with `[[candidate]]` tables, by name.
pub fn list(dir: &Path) -> Vec<Listed> {
    let mut listed: Vec<Listed> = toml_files(dir)
        .into_iter()
        .filter_map(|path| {
            let text = read_text(&path).ok()?;
            let table: toml::Table = toml::from_str(&text).ok()?;
            let candidates = table.get("candidate")?.as_array()?.len();
            let title = table
                .get("source")
                .and_then(|s| s.get("title"))
                .and_then(toml::Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let name = path.file_stem()?.to_str()?.to_owned();
            Some(Listed {
                name,
                title,
                candidates,
            })
        })
        .collect();
    listed.sort_by(|a, b| a.name.cmp(&b.name));
    listed
}

/// One candidate as the page shows it.
#[derive(Debug, Clone)]
pub struct Shown {
    /// Its index among the draft's candidates, from 0.
    pub index: usize,
    /// The candidate.
    pub candidate: Candidate,
    /// The line of its `[[candidate]]` header.
    pub line: usize,
    /// A fingerprint of its content: a decision names it, so that a candidate changed since
    /// the page was shown is not decided blindly.
    pub fingerprint: String,
    /// Its quote's character offsets in the article, when found exactly once.
    pub quote: Option<(usize, usize)>,
    /// What `accept` would refuse in it, each with file, line and column.
    pub problems: Vec<String>,
}

/// One draft, as its page shows it.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Its name (file name without `.toml`).
    pub name: String,
    /// The facts file.
    pub file: PathBuf,
    /// Its `[source]` title.
    pub title: String,
    /// The article's text, when it could be read.
    pub article: Option<String>,
    /// The candidates.
    pub candidates: Vec<Shown>,
    /// Its `[[new_entity]]` tables.
    pub new_entities: Vec<DraftEntity>,
    /// Problems not of one candidate (the `[source]`, the TOML, the article).
    pub problems: Vec<String>,
    /// The entity ids of the data and the draft, with their labels, for the choices.
    pub entities: Vec<(String, String)>,
    /// The ontology's property names, for the choices.
    pub properties: Vec<String>,
}

#[derive(Deserialize)]
struct DraftDoc {
    source: Option<toml::Table>,
    #[serde(default)]
    candidate: Vec<Spanned<Candidate>>,
    #[serde(default)]
    new_entity: Vec<DraftEntity>,
}

/// Whether `name` can name a draft: a file name without folder or leading dot.
pub fn is_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The facts file of the draft `name` of `dir`, if it exists.
pub fn file_of(dir: &Path, name: &str) -> Option<PathBuf> {
    let file = dir.join(format!("{name}.toml"));
    (is_name(name) && file.is_file()).then_some(file)
}

/// The page of the draft `name` of `dir`, or `None` if there is no such file.
pub fn view(dir: &Path, name: &str, ontology: &Ontology) -> Option<View> {
    let file = file_of(dir, name)?;
    let mut view = View {
        name: name.to_owned(),
        file: file.clone(),
        properties: {
            let mut p: Vec<String> = ontology
                .schema
                .property_names()
                .map(str::to_owned)
                .collect();
            p.sort();
            p
        },
        ..View::default()
    };
    let text = match read_text(&file) {
        Ok(text) => text,
        Err(why) => {
            view.problems.push(why);
            return Some(view);
        }
    };
    let draft: DraftDoc = match toml::from_str(&text) {
        Ok(draft) => draft,
        Err(e) => {
            let at = line_column(&text, e.span().map_or(0, |s| s.start));
            view.problems.push(format!(
                "{}:{}:{}: invalid draft: {}; fix the TOML",
                file.display(),
                at.line,
                at.column,
                e.message().trim()
            ));
            return Some(view);
        }
    };
    let source = draft.source.unwrap_or_default();
    let get = |key: &str| source.get(key).and_then(toml::Value::as_str);
    view.title = get("title").unwrap_or(name).to_owned();
    match get("file").map(|f| dir.join(f)) {
        Some(path)
            if Path::new(get("file").unwrap_or_default())
                .file_name()
                .is_some() =>
        {
            match read_text(&path) {
                Ok(article) => view.article = Some(article),
                Err(why) => view.problems.push(why),
            }
        }
        _ => view.problems.push(format!(
            "{}: its [source] names no article file; fill in its file = \"…\"",
            file.display()
        )),
    }
    let quotes: Vec<&str> = draft
        .candidate
        .iter()
        .map(|c| c.get_ref().quote.as_str())
        .collect();
    let found = view
        .article
        .as_deref()
        .map(|a| locate_quotes(a, &quotes))
        .unwrap_or_default();
    view.candidates = draft
        .candidate
        .iter()
        .enumerate()
        .map(|(index, c)| Shown {
            index,
            candidate: c.get_ref().clone(),
            line: line_column(&text, c.span().start).line,
            fingerprint: fingerprint(c.get_ref()),
            quote: match found.get(index) {
                Some(QuoteMatch::Once(q)) => Some((q.start, q.end)),
                _ => None,
            },
            problems: Vec::new(),
        })
        .collect();
    view.new_entities = draft.new_entity;
    // What `accept` would refuse, each problem on its candidate's line.
    match accept::accept(dir, name, ontology, false) {
        Ok(_) | Err(AcceptError::Nothing(_)) => {}
        Err(AcceptError::Refused(problems)) => {
            for p in problems.0 {
                let line = p.span.position.map(|p| p.line);
                match view.candidates.iter_mut().find(|c| Some(c.line) == line) {
                    Some(c) if p.span.file == file.display().to_string() => {
                        c.problems.push(p.to_string());
                    }
                    _ => view.problems.push(p.to_string()),
                }
            }
        }
        Err(e) => view.problems.push(e.to_string()),
    }
    view.entities = entities(dir, &view.new_entities);
    Some(view)
}

/// A fingerprint of a candidate's content.
pub fn fingerprint(candidate: &Candidate) -> String {
    let mut hasher = DefaultHasher::new();
    format!("{candidate:?}").hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The `[[entity]]` ids and labels of the folder's facts files, then the draft's new ones.
fn entities(dir: &Path, new: &[DraftEntity]) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = toml_files(dir)
        .into_iter()
        .filter_map(|p| toml::from_str::<toml::Table>(&read_text(&p).ok()?).ok())
        .flat_map(|t| match t.get("entity") {
            Some(toml::Value::Array(a)) => a
                .iter()
                .filter_map(|e| {
                    let id = e.get("id")?.as_str()?.to_owned();
                    let label = e.get("label").and_then(toml::Value::as_str);
                    Some((id, label.unwrap_or_default().to_owned()))
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    all.sort();
    all.extend(
        new.iter()
            .map(|e| (e.id.clone(), format!("{} (new)", e.label))),
    );
    all.dedup_by(|a, b| a.0 == b.0);
    all
}

/// The `*.toml` files of `dir`.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
                .collect()
        })
        .unwrap_or_default()
}

/// A UTF-8 file of at most 64 MiB, or why not.
pub(crate) fn read_text(path: &Path) -> Result<String, String> {
    let bytes =
        read_regular_file(path, CAP, "facts files and articles").map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 (invalid byte at byte offset {}); save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

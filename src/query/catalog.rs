//! The query files: the named competency questions of `queries/` (each `.rq` file starts
//! with its question in words and its expected answer, written by hand from the article),
//! and the internal queries of `queries/internal/` that the program itself runs.

use crate::embedded;
use crate::suggest;

/// Why a query file or name cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// A shipped query's header is malformed (a defect of the program).
    #[error("queries/{file} has a bad header: {why}")]
    BadHeader {
        /// The file.
        file: String,
        /// What is wrong.
        why: String,
    },
    /// No named query has this name.
    #[error("unknown query '{name}'{}; give a .rq file, an inline query, or one of the named queries: {}", did_you_mean(.near), .names.join(", "))]
    UnknownName {
        /// The name given.
        name: String,
        /// The closest names.
        near: Vec<String>,
        /// Every name.
        names: Vec<String>,
    },
    /// An internal query is missing from the build (a defect of the program).
    #[error("queries/internal/{0}.rq is missing from the build")]
    MissingInternal(String),
}

fn did_you_mean(near: &[String]) -> String {
    match near {
        [] => String::new(),
        [one] => format!(" (did you mean '{one}'?)"),
        many => format!(" (did you mean one of {}?)", many.join(", ")),
    }
}

/// A competency question shipped in `queries/`.
#[derive(Debug, Clone)]
pub struct NamedQuery {
    /// The file name without `.rq`: `summits`.
    pub name: String,
    /// The SPARQL text, with its header comment.
    pub text: String,
    /// The header: question and expected answer.
    pub header: Header,
}

/// What a query's header comment says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// `# Question: ...`
    pub question: String,
    /// `# Answer ...` and the rows under it, if any.
    pub answer: Option<Answer>,
    /// `# Requires: ...`: what the query needs beyond the local graph (such as a SERVICE).
    pub requires: Option<String>,
    /// `# Example: --bind ...`: the arguments the expected answer was written for.
    pub example: Vec<String>,
}

/// An expected answer, written by hand from the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// `# Answer: true` for an ASK query.
    Boolean(bool),
    /// A table: column names, rows of cells, and whether the order matters.
    Table {
        /// The projected variables, in order.
        columns: Vec<String>,
        /// The rows, each cell as [`plain`](super::plain) renders a term (empty for unbound).
        rows: Vec<Vec<String>>,
        /// `# Answer (ordered):` when the query has ORDER BY.
        ordered: bool,
    },
}

impl Header {
    /// Reads the leading `#` comment of a query.
    ///
    /// ```text
    /// # Question: Where and when was each CICA summit held, in order?
    /// # Answer (ordered):
    /// #   ordinal | city    | date
    /// #   1       | Almaty  | 2002-06
    /// ```
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut header = Header::default();
        let mut table: Option<(bool, Vec<Vec<String>>)> = None;
        for line in text.lines() {
            let Some(comment) = line.strip_prefix('#') else {
                break;
            };
            let body = comment.trim();
            if let Some(question) = body.strip_prefix("Question:") {
                header.question = question.trim().to_owned();
            } else if let Some(example) = body.strip_prefix("Example:") {
                header.example = example.split_whitespace().map(str::to_owned).collect();
            } else if let Some(requires) = body.strip_prefix("Requires:") {
                header.requires = Some(requires.trim().to_owned());
            } else if let Some(rest) = body.strip_prefix("Answer") {
                let (ordered, value) = match rest.strip_prefix(" (ordered)") {
                    Some(value) => (true, value),
                    None => (false, rest),
                };
                let value = value
                    .strip_prefix(':')
                    .ok_or("'# Answer' must be followed by ':'")?
                    .trim();
                match value {
                    "true" => header.answer = Some(Answer::Boolean(true)),
                    "false" => header.answer = Some(Answer::Boolean(false)),
                    "" => table = Some((ordered, Vec::new())),
                    other => {
                        return Err(format!(
                            "'# Answer: {other}': write true, false, or a table below"
                        ))
                    }
                }
            } else if let Some((_, rows)) = &mut table {
                if comment.starts_with("  ") && !body.is_empty() {
                    rows.push(body.split('|').map(|cell| cell.trim().to_owned()).collect());
                } else {
                    let (ordered, rows) = table.take().expect("a table is open");
                    header.answer = Some(table_answer(ordered, rows)?);
                }
            }
        }
        if let Some((ordered, rows)) = table {
            header.answer = Some(table_answer(ordered, rows)?);
        }
        if header.question.is_empty() {
            return Err("the query has no '# Question: ...' header line".to_owned());
        }
        Ok(header)
    }
}

fn table_answer(ordered: bool, mut rows: Vec<Vec<String>>) -> Result<Answer, String> {
    if rows.is_empty() {
        return Err(
            "'# Answer:' has no table under it: write a column line and one line per row"
                .to_owned(),
        );
    }
    let columns = rows.remove(0);
    if let Some(bad) = rows.iter().find(|row| row.len() != columns.len()) {
        return Err(format!(
            "expected-answer row {bad:?} has {} cells but there are {} columns",
            bad.len(),
            columns.len()
        ));
    }
    Ok(Answer::Table {
        columns,
        rows,
        ordered,
    })
}

/// The competency questions shipped in `queries/`, by name.
pub fn named_queries() -> Result<Vec<NamedQuery>, CatalogError> {
    embedded::QUERIES
        .iter()
        .map(|(file, text)| named(file, text))
        .collect()
}

/// The query of `queries/FILE`, with its header read.
fn named(file: &str, text: &str) -> Result<NamedQuery, CatalogError> {
    let header = Header::parse(text).map_err(|why| CatalogError::BadHeader {
        file: file.to_owned(),
        why,
    })?;
    Ok(NamedQuery {
        name: file.trim_end_matches(".rq").to_owned(),
        text: text.to_owned(),
        header,
    })
}

/// The named query `name`, or an error that suggests the closest names and lists them all.
///
/// Run it as any query: prepare its [`QueryText`](super::QueryText), [`evaluate`](super::evaluate)
/// it on the graph's store, then write the results ([`write_results`](super::write_results))
/// or read them as text ([`plain_rows`](super::plain_rows)):
///
/// ```
/// use cica_kg::facts::DataSource;
/// use cica_kg::query::{self, QueryText};
/// use cica_kg::rdf::KnowledgeGraph;
/// use cica_kg::vocab::Iris;
///
/// let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::default())?;
/// let summits = query::named_query("summits")?;
/// let prefixes = kg.iris().prefixes();
/// let text = QueryText {
///     origin: "summits",
///     text: &summits.text,
///     prefixes: &prefixes,
///     bindings: &[],
/// };
/// let results = query::evaluate(kg.store(), "summits", text.prepare()?, query::offline())?;
/// let (columns, rows) = query::plain_rows(results, &prefixes)?;
/// assert_eq!(columns[..3], ["ordinal", "summit", "city"]);
/// assert_eq!(rows.len(), 6);
/// assert_eq!(rows[5][..4], ["6", "sixth CICA summit", "Astana", "Kazakhstan"]);
/// assert!(query::named_query("sumits").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn named_query(name: &str) -> Result<NamedQuery, CatalogError> {
    let file = format!("{name}.rq");
    if let Some((file, text)) = embedded::QUERIES.iter().find(|(f, _)| *f == file) {
        return named(file, text);
    }
    let names: Vec<String> = named_queries()?.into_iter().map(|q| q.name).collect();
    let near = suggest::near(name, names.iter().map(String::as_str), 3)
        .into_iter()
        .map(str::to_owned)
        .collect();
    Err(CatalogError::UnknownName {
        name: name.to_owned(),
        near,
        names,
    })
}

/// Whether a query argument names a file rather than a named query: it contains a `/` (or
/// `\`), or ends in `.rq`. Anything else is a name, even if a file of that name exists in the
/// current folder (write `./summits` to run that file).
pub fn is_file_argument(argument: &str) -> bool {
    argument.ends_with(".rq") || argument.contains(['/', '\\'])
}

/// The text of an internal query, `queries/internal/NAME.rq`.
pub fn internal(name: &str) -> Result<&'static str, CatalogError> {
    let file = format!("{name}.rq");
    embedded::INTERNAL
        .iter()
        .find(|(f, _)| *f == file)
        .map(|(_, text)| *text)
        .ok_or_else(|| CatalogError::MissingInternal(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_give_question_and_answer() {
        let header = Header::parse(
            "# Question: Who?\n# Answer (ordered):\n#   a | b\n#   1 | x\n#   2 |\n#\nSELECT",
        )
        .unwrap();
        assert_eq!(header.question, "Who?");
        assert_eq!(
            header.answer,
            Some(Answer::Table {
                columns: vec!["a".into(), "b".into()],
                rows: vec![vec!["1".into(), "x".into()], vec!["2".into(), "".into()]],
                ordered: true,
            })
        );
        let ask = Header::parse("# Question: Is it?\n# Answer: true\nASK {}").unwrap();
        assert_eq!(ask.answer, Some(Answer::Boolean(true)));
    }

    #[test]
    fn an_answer_may_be_an_empty_table() {
        let header =
            Header::parse("# Question: Which?\n# Answer (ordered):\n#   a | b\n#\nSELECT").unwrap();
        assert_eq!(
            header.answer,
            Some(Answer::Table {
                columns: vec!["a".into(), "b".into()],
                rows: vec![],
                ordered: true,
            })
        );
    }

    #[test]
    fn a_header_needs_a_question() {
        assert!(Header::parse("SELECT * {}").is_err());
        assert!(Header::parse("# Question: q\n# Answer: maybe\n").is_err());
    }

    #[test]
    fn files_are_told_from_names_by_their_form() {
        assert!(is_file_argument("my.rq"));
        assert!(is_file_argument("./summits"));
        assert!(!is_file_argument("summits"));
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let error = named_query("sumits").unwrap_err().to_string();
        assert!(error.contains("did you mean 'summits'?"), "{error}");
        assert!(error.contains("origin"), "{error}");
    }

    #[test]
    fn every_shipped_query_has_a_header() {
        let queries = named_queries().unwrap();
        assert!(queries.len() >= 12, "{} named queries", queries.len());
        for query in queries {
            assert!(!query.header.question.is_empty(), "{}", query.name);
            assert!(
                query.header.answer.is_some(),
                "{} has no expected answer",
                query.name
            );
        }
    }
}

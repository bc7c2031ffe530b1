//! Checking a `[source]`: its id, metadata (title, publisher, editor, publication time,
//! dateline, language, its url and when it was read there) and the article's text, which must
//! be there and not empty.

use super::date::{is_local_date_time, parse_date, Date, Precision};
use super::files::{read_text, InputFile, SourceDoc};
use super::load::Loader;
use super::model::{DataSource, Source};
use super::text::article_problem;
use crate::embedded;
use toml::Spanned;

impl Loader<'_> {
    /// Checks a source and adds it; its index, or `None` when it has problems.
    pub(super) fn source(
        &mut self,
        data: &DataSource,
        file: &InputFile,
        doc: &Spanned<SourceDoc>,
    ) -> Option<usize> {
        let doc = doc.get_ref();
        let before = self.problems.len();
        self.source_id(file, doc);
        self.source_metadata(file, doc);
        let dateline_date = self.dateline_date(file, doc);
        self.language(file, doc);
        let url = doc.url.as_ref().and_then(|url| self.url(file, url));
        let retrieved = self.retrieved(file, doc);
        let text = self.source_text(data, file, &doc.file);
        if self.problems.len() > before {
            return None;
        }
        let index = self.facts.sources.len();
        if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            self.empty_sources.insert(index);
            self.problem(
                file.span(doc.file.span()),
                format!(
                    "the source article {} is empty, so none of its quotes can be found",
                    doc.file.get_ref()
                ),
                "put the article's text in the file",
            );
        }
        self.facts.sources.push(Source {
            id: doc.id.get_ref().clone(),
            file: doc.file.get_ref().clone(),
            text: text?,
            title: doc.title.get_ref().trim().to_owned(),
            publisher: doc.publisher.get_ref().clone(),
            editor: doc.editor.get_ref().clone(),
            published: doc.published.get_ref().clone(),
            dateline_place: doc.dateline_place.get_ref().clone(),
            dateline_date: dateline_date?,
            language: doc.language.get_ref().clone(),
            url,
            retrieved,
        });
        self.pending.resize_with(index + 1, Vec::new);
        Some(index)
    }

    /// The source's id: `a-z`, `0-9` and `-`, and no other source's.
    fn source_id(&mut self, file: &InputFile, doc: &SourceDoc) {
        let id = doc.id.get_ref();
        let id_span = file.span(doc.id.span());
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            self.problem(
                id_span.clone(),
                format!("invalid source id '{id}'"),
                "use a-z, 0-9 and '-' only, such as \"xinhua-2022-10-12-cica-backgrounder\"",
            );
        }
        if self.facts.sources.iter().any(|s| &s.id == id) {
            self.problem(
                id_span,
                format!("duplicate source id '{id}'"),
                "give each source its own id",
            );
        }
    }

    /// Title, publisher, dateline place and publication time.
    fn source_metadata(&mut self, file: &InputFile, doc: &SourceDoc) {
        if doc.title.get_ref().trim().is_empty() {
            self.problem(
                file.span(doc.title.span()),
                "the source has an empty title",
                "write the article's headline in title",
            );
        }
        let publisher = doc.publisher.get_ref();
        self.known_entity(file.span(doc.publisher.span()), publisher, "publisher");
        let place = doc.dateline_place.get_ref();
        self.known_entity(
            file.span(doc.dateline_place.span()),
            place,
            "dateline place",
        );
        let published = doc.published.get_ref();
        if !is_local_date_time(published) {
            self.problem(
                file.span(doc.published.span()),
                format!("invalid publication time '{published}'"),
                "write it as YYYY-MM-DDThh:mm:ss, as printed (no time zone unless the article gives one)",
            );
        }
    }

    /// The dateline's date, which is a day.
    fn dateline_date(&mut self, file: &InputFile, doc: &SourceDoc) -> Option<Date> {
        let dateline_span = file.span(doc.dateline_date.span());
        match parse_date(doc.dateline_date.get_ref()) {
            Ok(date) if date.precision == Precision::Day => Some(date),
            Ok(_) => {
                self.problem(
                    dateline_span,
                    "the dateline date must be a day",
                    "write it as YYYY-MM-DD",
                );
                None
            }
            Err(e) => {
                self.problem(dateline_span, e.to_string(), super::DateError::HELP);
                None
            }
        }
    }

    /// The article's language, a BCP 47 tag.
    fn language(&mut self, file: &InputFile, doc: &SourceDoc) {
        let language = doc.language.get_ref();
        if let Err(e) = oxilangtag::LanguageTag::parse(language.as_str()) {
            self.problem(
                file.span(doc.language.span()),
                format!("invalid language tag '{language}': {e}"),
                "write a BCP 47 tag such as \"en\"",
            );
        }
    }

    /// The article's address: an absolute http or https IRI.
    fn url(&mut self, file: &InputFile, url: &Spanned<String>) -> Option<String> {
        let text = url.get_ref();
        let valid = oxigraph::model::NamedNode::new(text.as_str()).is_ok()
            && (text.starts_with("https://") || text.starts_with("http://"));
        if !valid {
            self.problem(
                file.span(url.span()),
                format!("invalid url '{text}'"),
                "write the address where the article is published, such as \"https://english.news.cn/...\", or leave url out",
            );
            return None;
        }
        Some(text.clone())
    }

    /// When the article was read at its url: a date at its own precision, and only with a url.
    fn retrieved(&mut self, file: &InputFile, doc: &SourceDoc) -> Option<Date> {
        let retrieved = doc.retrieved.as_ref()?;
        let span = file.span(retrieved.span());
        if doc.url.is_none() {
            self.problem(
                span,
                "retrieved says when the article was read at its url, but the source has no url",
                "add url = \"...\" (where the article was read), or leave retrieved out",
            );
            return None;
        }
        match parse_date(retrieved.get_ref()) {
            Ok(date) => Some(date),
            Err(e) => {
                self.problem(span, e.to_string(), super::DateError::HELP);
                None
            }
        }
    }

    fn source_text(
        &mut self,
        data: &DataSource,
        file: &InputFile,
        name: &Spanned<String>,
    ) -> Option<String> {
        let span = file.span(name.span());
        let name = name.get_ref();
        if name.is_empty() || name.contains(['/', '\\']) {
            self.problem(
                span,
                format!("invalid source file name '{name}'"),
                "name a text file in the same folder as the facts file",
            );
            return None;
        }
        let path = match data {
            DataSource::Embedded => {
                let found = embedded::DATA.iter().find(|(n, _)| n == name);
                if found.is_none() {
                    self.problem(
                        span,
                        format!("source article data/{name} not found"),
                        "put the article's text in data/ under this name",
                    );
                }
                let text = found.map(|(_, text)| (*text).to_owned())?;
                return self.checked_article(&format!("data/{name}"), text);
            }
            DataSource::Directory(dir) => dir.join(name),
        };
        // A link that leads nowhere is not found; anything else that is there but not a
        // regular file (a folder, a device) is refused by `read_text`, with what it is.
        if !path.exists() {
            self.problem(
                span,
                format!("source article {} not found", path.display()),
                "put the article's text file beside the facts file, or correct `file`",
            );
            return None;
        }
        let text = read_text(&path).map_err(|p| self.problems.push(*p)).ok()?;
        self.checked_article(&path.display().to_string(), text)
    }

    /// The article's text, after reporting a character it may not hold (the source then has
    /// a problem, and its quotes are not searched).
    fn checked_article(&mut self, name: &str, text: String) -> Option<String> {
        if let Some(problem) = article_problem(name, &text) {
            self.problems.push(problem);
        }
        Some(text)
    }
}

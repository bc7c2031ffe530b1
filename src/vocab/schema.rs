//! schema.org, for the source article's type.

vocabulary! {
    /// The schema.org namespace.
    namespace = "https://schema.org/", prefix = "schema";
    /// schema:NewsArticle
    NEWS_ARTICLE = "NewsArticle";
    /// schema:description, where Wikidata keeps descriptions.
    DESCRIPTION = "description";
    /// schema:url, where a source article is published.
    URL = "url";
}

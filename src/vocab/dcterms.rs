//! Dublin Core terms, for the record of a source article.

vocabulary! {
    /// The DCMI Metadata Terms namespace.
    namespace = "http://purl.org/dc/terms/", prefix = "dcterms";
    /// dcterms:title
    TITLE = "title";
    /// dcterms:publisher
    PUBLISHER = "publisher";
    /// dcterms:issued
    ISSUED = "issued";
    /// dcterms:language
    LANGUAGE = "language";
    /// dcterms:identifier
    IDENTIFIER = "identifier";
}

//! The W3C Web Annotation vocabulary: where a fact's quote stands in its article.

vocabulary! {
    /// The Web Annotation namespace.
    namespace = "http://www.w3.org/ns/oa#", prefix = "oa";
    /// oa:SpecificResource
    SPECIFIC_RESOURCE = "SpecificResource";
    /// oa:hasSource
    HAS_SOURCE = "hasSource";
    /// oa:hasSelector
    HAS_SELECTOR = "hasSelector";
    /// oa:TextQuoteSelector
    TEXT_QUOTE_SELECTOR = "TextQuoteSelector";
    /// oa:TextPositionSelector
    TEXT_POSITION_SELECTOR = "TextPositionSelector";
    /// oa:exact
    EXACT = "exact";
    /// oa:start
    START = "start";
    /// oa:end
    END = "end";
}

//! `validate --graph-file`: reads an RDF file (the format from its extension) into a store,
//! each triple in a named graph of its own so that the union default graph of the checks
//! sees it. A file that cannot be read or whose format is unknown means the check cannot run
//! (an error); a file that does not parse, or holds no fact at all, is a problem of the report.
//!
//! The file must be a regular file of at most [`GRAPH_FILE_CAP`]. RDF/XML that declares XML
//! entities (`<!ENTITY` in its DTD) is refused before parsing: Oxigraph's RDF/XML parser
//! expands each entity in full as it is declared, so ten nested entities of ten references
//! each (the "billion laughs") make a file of under a kilobyte ask for gigabytes.
//!
//! A graph file nested past [`crate::nesting::NESTING_LIMIT`] levels (Turtle's `[ ]` and `( )`, JSON-LD's
//! objects and arrays, RDF/XML's elements) is refused before parsing too: Oxigraph's JSON-LD
//! parser recurses for each level (and takes memory quadratic in the depth), the others take
//! memory linear in it. The parse runs on a thread of [`PARSER_STACK`], so that what the
//! limit lets through is far from the stack's end in any build.
//!
//! Why "no fact" is a check here and not a shape: SHACL validates the focus nodes a graph
//! has, so an empty graph (or one with only the ontology) conforms to every shape. The shapes
//! then require the evidence of every fact the graph does have (cicash:FactStatementShape and
//! the statement shapes).

use super::ValidateError;
use crate::diagnostic::{Kind, Problem, Span};
use crate::input::{self, GRAPH_FILE_CAP};
use crate::nesting::{self, Syntax, PARSER_STACK};
use crate::ontology::Schema;
use crate::rdf::export::ExportFormat;
use crate::vocab::{cica, Iris};
use oxigraph::io::{RdfParseError, RdfParser};
use oxigraph::store::{LoaderError, StorageError, Store};
use std::path::Path;

/// Loads the graph file; `Ok(Err(problem))` when it does not parse.
pub fn load(store: &Store, path: &Path, iris: &Iris) -> Result<Result<(), Problem>, ValidateError> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let format = ExportFormat::from_extension(extension).ok_or_else(|| {
        ValidateError::GraphFile {
            path: path.to_owned(),
            why: format!(
                "cannot tell the RDF format from the extension '{extension}'; name the file with one of the extensions .ttl, .nt, .nq, .trig, .rdf, .jsonld ({})",
                ExportFormat::names()
            ),
        }
    })?;
    let bytes = input::read_regular_file(path, GRAPH_FILE_CAP, "graph files")?;
    if format == ExportFormat::Rdfxml && declares_entities(&bytes) {
        return Err(ValidateError::GraphFile {
            path: path.to_owned(),
            why: "the RDF/XML declares XML entities (<!ENTITY in its DTD), which are refused: nested entities can expand to gigabytes; write their text out in full, or give the graph in another format, such as Turtle".to_owned(),
        });
    }
    let syntax = match format {
        ExportFormat::Turtle | ExportFormat::Trig => Some(Syntax::Turtle),
        ExportFormat::Jsonld => Some(Syntax::Json),
        ExportFormat::Rdfxml => Some(Syntax::Xml),
        ExportFormat::Ntriples | ExportFormat::Nquads => None,
    };
    if let Some(syntax) = syntax {
        nesting::check(&bytes, syntax).map_err(|error| ValidateError::GraphFile {
            path: path.to_owned(),
            why: format!("{error} (the limit keeps the parser within its stack and memory)"),
        })?;
    }
    let parser = RdfParser::from_format(format.rdf_format())
        .with_default_graph(iris.validated_graph().as_ref());
    let loaded = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("graph-file parser".to_owned())
            .stack_size(PARSER_STACK)
            .spawn_scoped(scope, || store.load_from_reader(parser, bytes.as_slice()))
            .map(|parsing| parsing.join())
    });
    let loaded = match loaded {
        Ok(Ok(loaded)) => loaded,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(error) => {
            return Err(ValidateError::GraphFile {
                path: path.to_owned(),
                why: format!("cannot start the thread that parses it: {error}"),
            })
        }
    };
    match loaded {
        Ok(()) => Ok(Ok(())),
        Err(e) => {
            let name = path.display().to_string();
            let span = match &e {
                LoaderError::Parsing(RdfParseError::Syntax(s)) => match s.location() {
                    Some(location) => Span::at(
                        name,
                        location.start.line as usize + 1,
                        location.start.column as usize + 1,
                    ),
                    None => Span::file(name),
                },
                _ => Span::file(name),
            };
            Ok(Err(Problem::new(
                Kind::Graph,
                span,
                format!("the graph file does not parse as {format}: {e}"),
                "fix the RDF syntax there",
            )))
        }
    }
}

/// Whether an RDF/XML document declares an entity. The parser reads UTF-8 only, so the bytes
/// are searched as they are; an `<!ENTITY` elsewhere (in a comment or CDATA section) is
/// refused too, which costs nothing real.
fn declares_entities(bytes: &[u8]) -> bool {
    const DECLARATION: &[u8] = b"<!ENTITY";
    bytes.windows(DECLARATION.len()).any(|w| w == DECLARATION)
}

/// A problem when the graph holds no fact: no triple whose predicate is a property the facts
/// may use.
pub fn no_facts(
    store: &Store,
    path: &Path,
    schema: &Schema,
) -> Result<Option<Problem>, StorageError> {
    for name in schema.property_names() {
        let property = cica::term(name);
        if store
            .quads_for_pattern(None, Some(property.as_ref()), None, None)
            .next()
            .transpose()?
            .is_some()
        {
            return Ok(None);
        }
    }
    Ok(Some(Problem::new(
        Kind::Graph,
        Span::file(path.display().to_string()),
        "the graph file holds no fact: no triple uses a property of the facts (cica:location, cica:date, ...), so there is nothing to validate",
        "give the graph that cica-kg export --graph all writes (the facts and their provenance)",
    )))
}

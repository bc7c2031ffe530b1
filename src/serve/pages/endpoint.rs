//! The page a browser gets at `/sparql` (programs get the service description there): what
//! the endpoint is, its address, and how to query it from curl, Python's rdflib and YASGUI.

use super::super::State;
use super::{layout, reply};
use maud::html;

/// The endpoint's page.
pub fn page(state: &State) -> super::super::http::Reply {
    let endpoint = format!("{}sparql", state.iris().base());
    let curl = format!(
        "curl -G {endpoint} -H 'Accept: text/csv' \\\n  --data-urlencode 'query=SELECT ?ordinal ?city WHERE {{ ?s a cica:Summit ; cica:ordinal ?ordinal ; cica:location/rdfs:label ?city }} ORDER BY ?ordinal'"
    );
    let rdflib = format!(
        "from rdflib.plugins.stores.sparqlstore import SPARQLStore\n\nstore = SPARQLStore(\"{endpoint}\")\nfor row in store.query(\"\"\"\n    PREFIX cica: <https://w3id.org/cica-kg/ontology#>\n    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n    SELECT ?city WHERE {{ ?s a cica:Summit ; cica:location/rdfs:label ?city }}\"\"\"):\n    print(row.city)"
    );
    let cors = state.options.cors;
    let main = html! {
        h1 { "The SPARQL endpoint" }
        p.lead {
            "Programs query the graph at " code { (endpoint) } " with the SPARQL 1.1 Protocol: "
            "GET or POST, queries only (no updates). People can ask on the " a href="/query" { "query page" } "."
        }
        p {
            "The prefixes cica:, summit:, place:, rdfs: … are predefined; the default graph is the union "
            "of the named graphs (facts, provenance, ontology). The answer's format follows the Accept header "
            "(JSON, XML, CSV, TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT and DESCRIBE), "
            "or ?format=. A program that asks for RDF here gets the service description."
        }
        h2 { "From the command line: curl" }
        pre { (curl) }
        h2 { "From Python: rdflib" }
        pre { (rdflib) }
        h2 { "From a browser: YASGUI" }
        p {
            "Give YASGUI (or any SPARQL editor on the web) the endpoint " code { (endpoint) } ". "
            @if cors { "This server answers cross-origin requests, so an editor hosted elsewhere can query it." }
            @else { "An editor hosted elsewhere needs cross-origin requests, which this server refuses: start it with " code { "--cors" } "." }
        }
        h2 { "Limits" }
        p {
            "A query may run " (state.options.limits.timeout.as_secs()) " s and answer "
            (state.options.limits.max_result_bytes / 1024 / 1024) " MiB; past them the answer is an error (503, 500)."
        }
    };
    reply(layout("SPARQL endpoint", main))
}

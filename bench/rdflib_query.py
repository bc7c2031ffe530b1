"""The RDFLib side of bench/run.sh: parse a Turtle file, run one SPARQL query, print the
results as SPARQL TSV (a header of ?variables, then one row of N-Triples terms per solution).

Usage: python bench/rdflib_query.py GRAPH.ttl QUERY.rq
"""

import sys

from rdflib import Graph


def main() -> None:
    graph_path, query_path = sys.argv[1], sys.argv[2]
    graph = Graph()
    graph.parse(graph_path, format="turtle")
    with open(query_path, encoding="utf-8") as f:
        query = f.read()
    result = graph.query(query)
    out = ["\t".join(f"?{v}" for v in result.vars)]
    for row in result:
        out.append("\t".join("" if term is None else term.n3() for term in row))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

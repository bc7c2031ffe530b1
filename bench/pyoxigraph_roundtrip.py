#!/usr/bin/env python3
"""The peer of `cica-kg export` in bench/scale.sh: pyoxigraph (PyPI `pyoxigraph`) loads an
N-Quads file into an in-memory store and serializes the store to N-Quads again.

    pyoxigraph_roundtrip.py IN.nq OUT.nq
"""

import sys

import pyoxigraph

store = pyoxigraph.Store()
store.load(path=sys.argv[1], format=pyoxigraph.RdfFormat.N_QUADS)
store.dump(output=sys.argv[2], format=pyoxigraph.RdfFormat.N_QUADS)

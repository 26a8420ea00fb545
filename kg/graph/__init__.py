"""RDF: IRIs, the vocabulary, building the graph from resolved entities, writing, reading and validating it."""

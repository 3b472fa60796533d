"""Turn a parsed document into candidate flashcards and questions.

Generators are small pure functions `(document, analysis, context) -> iterable of
candidates`; `pipeline.generate` runs them all, removes duplicates, ranks and marks which
candidates are good enough to publish.
"""

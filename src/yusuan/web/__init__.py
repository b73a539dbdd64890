"""``yusuan serve``: the store in a browser — upload, list and filter, a document with its findings, compare."""

"""The playground's shared rendering helpers: token views, encoding pickers, URL state, charts.

Pages in `app_pages/` are thin: they read inputs with these helpers, call the engine
(`tokenizer/`) through the cached calls in `ui.cached`, and draw the results. No tokenization
logic lives here; HTML built from user text is escaped in `ui.token_view` only.
"""

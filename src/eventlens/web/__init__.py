"""The analyst's workbench: a read-only FastAPI app over an eventlens store (``eventlens serve``).

Pages are rendered on the server with Jinja2 (autoescaped); charts are drawn in the browser by
plotly.js, served from the copy bundled in the installed ``plotly`` package (no CDN). Every handler
calls ``eventlens.query`` functions only, on a read-only DuckDB connection opened per request.
"""

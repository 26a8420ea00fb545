"""The query page ``kg serve`` answers a browser with at its root: YASGUI (``@zazuko/yasgui`` from npm, inlined
from ``assets/``), pointed at the server's read-only ``/sparql``, with a tab per example query.

The page is one self-contained HTML document: the script and styles are inlined, a Content-Security-Policy
allows requests to the server itself only (``connect-src 'self'``, no fonts, images or frames from elsewhere),
and the autocompleters that would ask prefix.cc or LOV are off. The example queries are embedded as JSON with
``<``, ``>`` and ``&`` escaped, so no query text can end the script.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

ASSETS = Path(__file__).with_name("assets")
#: Where the example queries are: ./queries (as in a checkout), else the checkout kg is installed from.
QUERY_DIRS = (Path("queries"), Path(__file__).resolve().parents[2] / "queries")

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src data:; base-uri 'none'; form-action 'none'"
)

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<link rel="icon" href="data:,">
<title>kg: SPARQL</title>
<style>{css}</style>
<style>body {{ margin: 0 1em; font-family: sans-serif; }} h1 {{ font-size: 1.1em; }}</style>
</head>
<body>
<h1>kg: SPARQL over the knowledge graph (read-only)</h1>
<div id="yasgui"></div>
<script>{js}</script>
<script>
(function () {{
  var examples = {examples};
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];  // the others ask prefix.cc and LOV
  var yasgui = new Yasgui(document.getElementById("yasgui"), {{
    requestConfig: {{ endpoint: "/sparql", method: "POST" }},
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {{ getData: function () {{ return []; }} }},
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false
  }});
  var blank = yasgui.getTab();
  examples.forEach(function (example, i) {{
    yasgui.addTab(i === 0, {{ name: example.name, yasqe: {{ value: example.query }} }});
  }});
  if (blank && examples.length) {{ blank.close(); }}
  window.kgYasgui = yasgui;
}})();
</script>
</body>
</html>
"""


def examples(dirs: tuple[Path, ...] = QUERY_DIRS) -> list[dict[str, str]]:
    """The example queries (name, text) of the first folder that has some, in name order."""
    for folder in dirs:
        files = sorted(folder.glob("*.rq")) if folder.is_dir() else []
        if files:
            return [{"name": f.stem, "query": f.read_text(encoding="utf-8")} for f in files]
    return [{"name": "query", "query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}]


def _script_json(value: object) -> str:
    """JSON that is safe inside a <script>: no '<', '>' or '&' (so no '</script>' and no comment opener)."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def _assets() -> tuple[str, str]:
    js = (ASSETS / "yasgui.min.js").read_text(encoding="utf-8")
    css = (ASSETS / "yasgui.min.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # pragma: no cover - checked by a test
        raise ValueError("an asset would end its element")
    return js, css


def query_page(dirs: tuple[Path, ...] = QUERY_DIRS) -> bytes:
    """The whole page, UTF-8."""
    js, css = _assets()
    return TEMPLATE.format(csp=CSP, css=css, js=js, examples=_script_json(examples(dirs))).encode("utf-8")


__all__ = ["CSP", "examples", "query_page"]

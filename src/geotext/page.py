"""A standalone HTML page for one :class:`~geotext.analysis.Analysis` (``Analysis.to_html``).

The page needs no network: its CSS and JavaScript are inline. The article text is
shown as written (``white-space: pre-wrap``), cut into segments at every annotation
boundary, so overlapping annotations (a hedge inside a quote, a mention inside a
speaker) never break each other. Every segment is a ``<span>`` whose ``data-a``
attribute lists the annotations covering it:

* ``q{i}c{j}``: part ``j`` of the content of quote ``i``; ``q{i}k`` its cue;
  ``q{i}s`` its speaker as written,
* ``h{i}p{j}``: part ``j`` of the cue of hedge ``i``,
* ``a{i}m{j}``: mention ``j`` of actor ``i``,

with ``i`` and ``j`` the indices in ``Analysis.quotes``, ``.hedges`` and
``.actors`` (and their parts). The text of the segments of one annotation, joined in
page order, is exactly ``analysis.text[start:end]`` of that span. Segments of an
actor's mentions also carry ``data-act="a{i}"``, speakers ``data-spk`` with the
actors they resolve to; clicking either, or a row of the actors table, highlights
every mention of that actor.

All text comes from the document and is escaped; nothing in it can add markup.

Example:
    >>> import geotext
    >>> page = geotext.analyze("Putin wrote <b>hi</b>.", backend="rules").to_html(title="t")
    >>> page.startswith("<!DOCTYPE html>"), "&lt;b&gt;hi&lt;/b&gt;" in page, "<b>hi" in page
    (True, True, False)
"""

from __future__ import annotations

import html
import itertools
from collections import defaultdict
from typing import TYPE_CHECKING

from geotext.hedges import CATEGORIES

if TYPE_CHECKING:
    from geotext.analysis import Analysis

__all__ = ["HEDGE_COLOURS", "render"]

HEDGE_COLOURS: dict[str, str] = {
    "hedge": "#ffd8a8",
    "booster": "#b2f2bb",
    "estimative": "#d0bfff",
    "evidential": "#a5d8ff",
    "attribution": "#c5f6fa",
    "approximator": "#e9ecef",
    "weasel": "#ffc9c9",
    "peacock": "#fcc2d7",
    "negation": "#ffa8a8",
    "reporting_stance": "#d8f5a2",
}
"""Background colour of each hedge category on the page (one per
:data:`geotext.hedges.CATEGORIES`)."""

_CSS = """
*{box-sizing:border-box}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#212529;background:#f8f9fa}
header{padding:12px 20px;background:#343a40;color:#f8f9fa}
header h1{font-size:18px;margin:0 0 4px}
header p{margin:0;font-size:13px;color:#ced4da}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;padding:16px 20px}
@media (max-width:900px){main{grid-template-columns:1fr}}
article{background:#fff;padding:16px 20px;border:1px solid #dee2e6;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere}
aside{display:flex;flex-direction:column;gap:16px}
section{background:#fff;border:1px solid #dee2e6;border-radius:6px;padding:10px 12px;overflow-x:auto}
h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid #e9ecef}
tr[data-actor],tr[data-quote]{cursor:pointer}
tr[data-actor]:hover,tr[data-quote]:hover{background:#f1f3f5}
tr.on{background:#fff3bf!important}
code{font-size:12px;color:#495057}
.legend span{display:inline-block;margin:2px 6px 2px 0;padding:0 5px;border-radius:3px;font-size:12px;color:#212529;background:#f8f9fa}
.qc{background:#fff9db}
.qk{font-weight:700;outline:1px dashed #e67700}
.qs{background:#d0ebff;border-radius:3px;cursor:pointer}
.m{border-bottom:2px solid #1c7ed6;cursor:pointer}
.h{border-radius:2px}
.on{background:#ffe066!important;box-shadow:0 0 0 1px #f08c00}
.qon{background:#fff3bf}
"""

_JS = """
(function(){
  function clear(){
    document.querySelectorAll('.on,.qon').forEach(function(e){e.classList.remove('on');e.classList.remove('qon');});
  }
  function actors(ids){
    clear();
    ids.forEach(function(id){
      document.querySelectorAll('[data-act~="'+id+'"],tr[data-actor="'+id+'"]').forEach(function(e){e.classList.add('on');});
    });
    var first=document.querySelector('article [data-act~="'+ids[0]+'"]');
    if(first){first.scrollIntoView({block:'nearest'});}
  }
  function quote(q){
    clear();
    document.querySelectorAll('article span[data-q~="'+q+'"]').forEach(function(e){e.classList.add('qon');});
    var row=document.querySelector('tr[data-quote="'+q+'"]');
    if(row){row.classList.add('on');}
    var first=document.querySelector('article span[data-q~="'+q+'"]');
    if(first){first.scrollIntoView({block:'nearest'});}
  }
  document.addEventListener('click',function(ev){
    var t=ev.target;
    if(!(t instanceof Element)){return;}
    var e=t.closest('[data-spk],[data-act],tr[data-actor],tr[data-quote]');
    if(!e){clear();return;}
    var ids=(e.getAttribute('data-spk')||e.getAttribute('data-act')||e.getAttribute('data-actor')||'').split(' ').filter(Boolean);
    if(ids.length){actors(ids);return;}
    var q=e.getAttribute('data-quote');
    if(q!==null){quote(q);}
  });
})();
"""


def _esc(text: str) -> str:
    """Escape for text and attribute values; a carriage return stays one (as ``&#13;``:
    the HTML parser would otherwise turn CR LF into LF and shift the text)."""
    return html.escape(text, quote=True).replace("\r", "&#13;")


def _percent(p: tuple[float, float] | None) -> str:
    if p is None:
        return ""
    return f"{round(p[0] * 100)}–{round(p[1] * 100)} %"


def render(analysis: Analysis, *, title: str | None = None) -> str:
    """Return the analysis as one standalone HTML page (see the module docstring).

    Args:
        analysis: What :func:`geotext.analyze` returned.
        title: The page title (a file name, a headline); default ``"geotext analysis"``.

    Returns:
        The page, a complete HTML5 document with inline CSS and JavaScript.

    Example:
        >>> import geotext
        >>> from geotext.page import render
        >>> a = geotext.analyze("“We will win,” Zelensky said. It is likely.", backend="rules")
        >>> page = render(a)
        >>> 'data-a="q0c0"' in page, "ICD 203" in page
        (True, True)
    """
    text = analysis.text
    # Per annotation: (start, end, id, classes, tooltip, extra attributes).
    starts: dict[int, list[str]] = defaultdict(list)
    ends: dict[int, list[str]] = defaultdict(list)
    info: dict[str, tuple[str, str, dict[str, str]]] = {}
    order: dict[str, int] = {}

    def add(ann: str, start: int, end: int, css: str, tip: str, attrs: dict[str, str] | None = None) -> None:
        if end <= start:
            return
        starts[start].append(ann)
        ends[end].append(ann)
        info[ann] = (css, tip, attrs or {})
        order[ann] = len(order)

    actor_index = {a.id: i for i, a in enumerate(analysis.actors)}
    for i, actor in enumerate(analysis.actors):
        ids = _actor_ids(actor.id, actor.record)
        tip = f"actor: {actor.name} — {ids}"
        for j, m in enumerate(actor.mentions):
            add(f"a{i}m{j}", m.start, m.end, "m", f"{tip} ({m.kind})", {"data-act": f"a{i}"})
    for i, q in enumerate(analysis.quotes):
        who = ", ".join(f"{r.name} ({r.id})" for r in q.actors) or "unresolved"
        speaker = q.source.text if q.source else "no speaker named"
        cue = q.cue.text if q.cue else "no cue"
        tip = f"quote {i + 1} ({q.kind}): {speaker} → {who}; cue: {cue}"
        for j, part in enumerate(q.content):
            add(f"q{i}c{j}", part.start, part.end, "qc", tip, {"data-q": str(i)})
        if q.cue is not None:
            add(f"q{i}k", q.cue.start, q.cue.end, "qk", f"cue of {tip}", {"data-q": str(i)})
        if q.source is not None:
            spk = " ".join(f"a{actor_index[r.id]}" for r in q.actors if r.id in actor_index)
            attrs = {"data-q": str(i)}
            if spk:
                attrs["data-spk"] = spk
            add(f"q{i}s", q.source.start, q.source.end, "qs", f"speaker of {tip}", attrs)
    for i, h in enumerate(analysis.hedges):
        tip = f"{h.category}: {h.text!r} ({h.strength})"
        if h.probability is not None:
            tip += f"; ICD 203 probability {_percent(h.probability)}"
            if h.level:
                tip += f" ({h.level})"
        if h.negated:
            tip += "; negated"
        holder = h.holder.actor_name or h.holder.name or h.holder.kind
        tip += f"; holder: {holder}"
        for j, part in enumerate(h.cue):
            add(f"h{i}p{j}", part.start, part.end, f"h h-{h.category}", tip)

    body = _segments(text, starts, ends, info, order)
    name = title if title is not None else "geotext analysis"
    doc = analysis.document
    facts = (
        f"{len(doc.sentences)} sentences · {len(analysis.actors)} actors · "
        f"{len(analysis.quotes)} quotes · {len(analysis.hedges)} hedges · backend {doc.backend}"
        + (f" · date {doc.date.isoformat()}" if doc.date else "")
    )
    hedge_css = (
        "".join(f".h-{c},.legend .h-{c}{{background:{HEDGE_COLOURS[c]}}}\n" for c in CATEGORIES)
        + ".legend .qc{background:#fff9db}.legend .qs{background:#d0ebff}\n"
    )
    legend = (
        '<span class="qc">quote</span><span class="qk">cue</span><span class="qs">speaker</span>'
        '<span class="m">actor</span>'
        + "".join(f'<span class="h h-{c}">{_esc(c.replace("_", " "))}</span>' for c in CATEGORIES)
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_esc(name)}</title><style>{_CSS}{hedge_css}</style></head>\n<body>"
        f"<header><h1>{_esc(name)}</h1><p>{_esc(facts)}</p>"
        f'<p class="legend">{legend}</p></header>\n'
        f'<main><article id="text">{body}</article>\n<aside>'
        f"{_actors_table(analysis)}\n{_quotes_table(analysis, actor_index)}\n{_hedges_table(analysis)}"
        f"</aside></main>\n<script>{_JS}</script></body></html>\n"
    )


def _actor_ids(actor_id: str, record: object) -> str:
    """The actor's id and its external ids (Wikidata, ISO, CAMEO) when the KB has them."""
    parts = [actor_id]
    for key, label in (("wikidata", "Wikidata"), ("iso3", "ISO"), ("cameo", "CAMEO")):
        value = getattr(record, key, None)
        if value:
            parts.append(f"{label} {value}")
    return ", ".join(parts)


def _segments(
    text: str,
    starts: dict[int, list[str]],
    ends: dict[int, list[str]],
    info: dict[str, tuple[str, str, dict[str, str]]],
    order: dict[str, int],
) -> str:
    """Cut ``text`` at every boundary; wrap each covered segment in one span."""
    bounds = sorted(
        {0, len(text), *(b for b in starts if b <= len(text)), *(b for b in ends if b <= len(text))}
    )
    active: set[str] = set()
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        piece = _esc(text[a:b])
        if not active:
            out.append(piece)
            continue
        anns = sorted(active, key=order.__getitem__)
        classes: list[str] = []
        tips: list[str] = []
        merged: dict[str, list[str]] = defaultdict(list)
        for ann in anns:
            css, tip, attrs = info[ann]
            classes.extend(c for c in css.split() if c not in classes)
            if tip not in tips:
                tips.append(tip)
            for key, value in attrs.items():
                for v in value.split():
                    if v not in merged[key]:
                        merged[key].append(v)
        extra = "".join(f' {k}="{_esc(" ".join(v))}"' for k, v in merged.items())
        out.append(
            f'<span class="{" ".join(classes)}" data-a="{" ".join(anns)}"{extra} '
            f'title="{_esc(chr(10).join(tips))}">{piece}</span>'
        )
    return "".join(out)


def _actors_table(analysis: Analysis) -> str:
    rows = []
    for i, a in enumerate(analysis.actors):
        forms = sorted({m.text for m in a.mentions})
        rows.append(
            f'<tr data-actor="a{i}"><td>{_esc(a.name)}</td><td><code>{_esc(_actor_ids(a.id, a.record))}</code></td>'
            f"<td>{_esc(a.type)}</td><td>{len(a.mentions)}</td><td>{_esc(', '.join(forms))}</td></tr>"
        )
    return (
        f'<section id="actors"><h2>Actors ({len(analysis.actors)})</h2><table>'
        "<thead><tr><th>name</th><th>id</th><th>type</th><th>mentions</th><th>as written</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _quotes_table(analysis: Analysis, actor_index: dict[str, int]) -> str:
    rows = []
    for i, q in enumerate(analysis.quotes):
        speaker = _esc(q.source.text) if q.source else "–"
        who = ", ".join(_esc(r.name) for r in q.actors) or "unresolved"
        content = q.text if len(q.text) <= 120 else q.text[:117] + "…"
        rows.append(
            f'<tr data-quote="{i}"><td>{i + 1}</td><td>{_esc(q.kind)}</td><td>{speaker}</td>'
            f"<td>{who}</td><td>{_esc(q.cue.text) if q.cue else '–'}</td><td>{_esc(content)}</td></tr>"
        )
    return (
        f'<section id="quotes"><h2>Quotes ({len(analysis.quotes)})</h2><table>'
        "<thead><tr><th>#</th><th>kind</th><th>speaker</th><th>actor</th><th>cue</th><th>content</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _hedges_table(analysis: Analysis) -> str:
    counts: dict[str, int] = defaultdict(int)
    for h in analysis.hedges:
        counts[h.category] += 1
    rows = "".join(
        f'<tr><td><span class="h h-{c}">{_esc(c.replace("_", " "))}</span></td><td>{counts[c]}</td></tr>'
        for c in CATEGORIES
        if counts[c]
    )
    return (
        f'<section id="hedges"><h2>Hedges ({len(analysis.hedges)})</h2><table>'
        f"<thead><tr><th>category</th><th>cues</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )

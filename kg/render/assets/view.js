/* kg graph view: reads the page's JSON data, draws it with vis-network and wires the search box, the type
 * filters, the tooltip and the side panel. Every string from the data reaches the page through textContent, a
 * text node or an http(s) href checked with URL(); never through innerHTML, and vis-network gets no `title`.
 *
 * data.info[id] = [label, type, iri, altNames, links, isoCodes, evidence, sentenceCount, articleCount],
 * evidence = [[sentenceNo, [anchorText...]]...], data.sentences[n] = [articleNo, text],
 * data.articles[n] = [title, date]. Node ids are indexes into data.info.
 */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const root = document.documentElement;
  root.dataset.kgState = "loading";

  const info = data.info;
  const kinds = new Map(data.kinds.map((k) => [k.name, k]));
  const groupOf = data.nodes.map((n) => n.group);
  const sizeOf = data.nodes.map((n) => n.size);
  const shown = new Set(data.kinds.map((k) => k.name));
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function count(n, one, many) {
    return n.toLocaleString("en") + " " + (n === 1 ? one : many);
  }

  // ---- the graph ----------------------------------------------------------------------------------------
  const container = document.getElementById("kg-graph");
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const visible = new vis.DataView(nodes, { filter: (n) => shown.has(n.group) });
  const network = new vis.Network(container, { nodes: visible, edges: edges }, data.options);

  // data-kg-drawn-ms / data-kg-stable-ms: milliseconds since navigation (read by tests and bench/view).
  const stable = () => {
    root.dataset.kgStableMs = String(Math.round(performance.now()));
    root.dataset.kgState = "stable";
  };
  network.once("afterDrawing", () => {
    root.dataset.kgDrawnMs = String(Math.round(performance.now()));
    if (!data.physics) stable();
  });
  if (data.physics) {
    // Let the forces settle from the precomputed layout, then stop: nothing drifts while the reader looks.
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      stable();
    });
  }
  if (window.ResizeObserver) {
    new ResizeObserver(() => network.setSize("100%", "100%")).observe(container);
  }

  // ---- legend and type filters --------------------------------------------------------------------------
  function swatch(kind, px) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", String(px));
    svg.setAttribute("height", String(px));
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    let shape;
    if (kind.shape === "dot") {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "8");
      shape.setAttribute("cy", "8");
      shape.setAttribute("r", kind.name === "Date" ? "4.5" : "6.5");
    } else if (kind.shape === "square") {
      shape = document.createElementNS(SVG, "rect");
      shape.setAttribute("x", "2");
      shape.setAttribute("y", "2");
      shape.setAttribute("width", "12");
      shape.setAttribute("height", "12");
    } else {
      shape = document.createElementNS(SVG, "polygon");
      shape.setAttribute("points", polygon(kind.shape));
    }
    shape.setAttribute("fill", kind.color);
    shape.setAttribute("stroke", kind.border);
    shape.setAttribute("stroke-width", "1.2");
    svg.appendChild(shape);
    return svg;
  }

  function polygon(shape) {
    const ring = (n, r, turn, inner) =>
      Array.from({ length: inner ? 2 * n : n }, (_, i) => {
        const radius = inner && i % 2 ? inner : r;
        const a = turn + (i * Math.PI * 2) / (inner ? 2 * n : n);
        return (8 + radius * Math.cos(a)).toFixed(2) + "," + (8 + radius * Math.sin(a)).toFixed(2);
      }).join(" ");
    if (shape === "hexagon") return ring(6, 7, 0);
    if (shape === "triangle") return "8,1.5 14.8,13.5 1.2,13.5";
    if (shape === "triangleDown") return "1.2,2.5 14.8,2.5 8,14.5";
    if (shape === "diamond") return "8,1 15,8 8,15 1,8";
    if (shape === "star") return ring(5, 7.5, -Math.PI / 2, 3.2);
    return ring(8, 7, 0);
  }

  const legend = document.getElementById("kg-legend");
  const boxes = new Map();
  for (const kind of data.kinds) {
    if (!kind.count) continue;
    const item = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = kind.name;
    box.addEventListener("change", () => setShown(kind.name, box.checked));
    boxes.set(kind.name, box);
    label.append(box, swatch(kind, 16), el("span", "kg-kind", kind.name), el("span", "kg-count", kind.count));
    item.appendChild(label);
    legend.appendChild(item);
  }

  function setShown(name, on) {
    if (on) shown.add(name);
    else shown.delete(name);
    const box = boxes.get(name);
    if (box) {
      box.checked = on;
      box.parentElement.classList.toggle("kg-off", !on);
    }
    visible.refresh();
    if (current !== null && !shown.has(groupOf[current])) hidePanel();
  }

  // ---- tooltip ------------------------------------------------------------------------------------------
  const tip = document.getElementById("kg-tip");
  function showTip(parts, pointer) {
    tip.replaceChildren(...parts);
    const box = container.getBoundingClientRect();
    tip.style.left = Math.round(box.left + pointer.DOM.x + 14) + "px";
    tip.style.top = Math.round(box.top + pointer.DOM.y + 14) + "px";
    tip.hidden = false;
  }
  const hideTip = () => {
    tip.hidden = true;
  };
  network.on("hoverNode", (p) => {
    const [label, type] = info[p.node];
    showTip([el("b", null, label), document.createTextNode(" "), el("span", null, type)], p.pointer);
  });
  network.on("hoverEdge", (p) => {
    const e = edges.get(p.edge);
    if (!e) return;
    showTip([document.createTextNode(info[e.from][0] + " "), el("span", null, "→ " + e.label + " →"),
      document.createTextNode(" " + info[e.to][0])], p.pointer);
  });
  for (const name of ["blurNode", "blurEdge", "dragStart", "zoom"]) network.on(name, hideTip);

  // ---- side panel ---------------------------------------------------------------------------------------
  const panel = document.getElementById("kg-panel");
  const details = document.getElementById("kg-details");
  let current = null;
  let adjacency = null;

  function neighbours(id) {
    if (adjacency === null) {
      adjacency = new Map();
      const add = (at, item) => (adjacency.get(at) || adjacency.set(at, []).get(at)).push(item);
      for (const e of data.edges) {
        add(e.from, ["→", e.label, e.to]);
        add(e.to, ["←", e.label, e.from]);
      }
    }
    return adjacency.get(id) || [];
  }

  function safeLink(url) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch (_) {
      return null;
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    const host = parsed.hostname.replace(/^www\./, "");
    const last = parsed.pathname.split("/").filter(Boolean).pop() || "";
    let name = host + (last ? " · " + last : "");
    if (/(^|\.)geonames\.org$/.test(host)) name = "GeoNames " + last;
    else if (/(^|\.)wikidata\.org$/.test(host)) name = "Wikidata " + last;
    const a = el("a", null, name);
    a.href = parsed.href;
    a.title = parsed.href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function readable(iri) {
    try {
      return decodeURI(iri); // person/volker-t%C3%BCrk -> person/volker-türk, as text
    } catch (_) {
      return iri;
    }
  }

  function highlighted(text, anchors) {
    const spans = [];
    for (const anchor of [...anchors].sort((a, b) => b.length - a.length)) {
      if (!anchor) continue;
      for (let at = text.indexOf(anchor); at >= 0; at = text.indexOf(anchor, at + anchor.length)) {
        const end = at + anchor.length;
        if (!spans.some(([s, e]) => at < e && end > s)) spans.push([at, end]);
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    const quote = el("blockquote");
    let from = 0;
    for (const [s, e] of spans) {
      quote.append(document.createTextNode(text.slice(from, s)), el("mark", null, text.slice(s, e)));
      from = e;
    }
    quote.append(document.createTextNode(text.slice(from)));
    return quote;
  }

  function section(title, ...content) {
    return [el("h3", null, title), ...content];
  }

  function showPanel(id) {
    const [label, type, iri, alt, links, codes, evidence, nSentences, nArticles] = info[id];
    const kind = kinds.get(groupOf[id]);
    const parts = [];
    const head = el("p", "kg-type");
    head.append(swatch(kind, 12), document.createTextNode(type === kind.name ? type : type + " · " + kind.name));
    parts.push(head, el("h2", null, label));
    if (alt.length) parts.push(...section("Also called", el("p", null, alt.join(" · "))));

    const ids = el("ul");
    for (const url of links) {
      const a = safeLink(url);
      if (a) ids.appendChild(el("li")).appendChild(a);
    }
    for (const code of codes) ids.appendChild(el("li", null, "ISO 3166 code: " + code));
    if (iri) ids.appendChild(el("li", "kg-iri", readable(iri)));
    if (ids.childElementCount) parts.push(...section("Identifiers", ids));

    const near = neighbours(id);
    if (near.length) {
      const list = el("ul", "kg-rel");
      const sorted = [...near].sort((a, b) => a[1].localeCompare(b[1]) || info[a[2]][0].localeCompare(info[b[2]][0]));
      for (const [arrow, relation, other] of sorted.slice(0, 60)) {
        const item = el("li");
        const go = el("button", null, info[other][0]);
        go.type = "button";
        go.addEventListener("click", () => select(other));
        item.append(el("span", "kg-pred", arrow + " " + relation), go);
        list.appendChild(item);
      }
      const rest = near.length > 60 ? [el("p", "kg-more", "… and " + count(near.length - 60, "more", "more"))] : [];
      parts.push(...section("Relations (" + near.length + ")", list, ...rest));
    }

    if (nSentences || nArticles) {
      const intro = el("p", "kg-more",
        "Mentioned in " + count(nSentences, "sentence", "sentences") + " of " + count(nArticles, "article", "articles"));
      const list = el("ul", "kg-evidence");
      for (const [sentence, anchors] of evidence) {
        const [article, text] = data.sentences[sentence];
        const item = el("li");
        const source = el("div", "kg-source");
        const [title, date] = article >= 0 ? data.articles[article] : ["(unknown article)", ""];
        source.append(el("b", null, title));
        if (date) source.append(document.createTextNode(" · " + date));
        item.append(source, highlighted(text, anchors));
        list.appendChild(item);
      }
      const rest = nSentences > evidence.length
        ? [el("p", "kg-more", "… and " + count(nSentences - evidence.length, "more sentence", "more sentences"))]
        : [];
      parts.push(...section("Sources", intro, list, ...rest));
    }
    details.replaceChildren(...parts);
    panel.scrollTop = 0;
    current = id;
    if (panel.hidden) keepingZoom(() => (panel.hidden = false));
  }

  // The panel takes width from the canvas (or gives it back): vis-network would zoom to keep the same part of
  // the graph in view; keep the zoom and the centre instead, so the labels keep their size.
  function keepingZoom(change) {
    const scale = network.getScale();
    const position = network.getViewPosition();
    change();
    network.setSize("100%", "100%");
    network.moveTo({ position: position, scale: scale });
  }

  function inView(id) {
    const at = network.canvasToDOM(network.getPosition(id));
    return at.x > 0 && at.y > 0 && at.x < container.clientWidth && at.y < container.clientHeight;
  }

  function hidePanel() {
    if (!panel.hidden) keepingZoom(() => (panel.hidden = true));
    current = null;
    network.unselectAll();
  }

  function select(id) {
    if (!shown.has(groupOf[id])) setShown(groupOf[id], true);
    network.selectNodes([id]);
    showPanel(id);
    network.focus(id, {
      scale: Math.max(1.0, network.getScale()),
      animation: { duration: 450, easingFunction: "easeInOutQuad" },
    });
  }

  network.on("click", (p) => {
    hideTip();
    if (p.nodes.length) {
      showPanel(p.nodes[0]);
      if (!inView(p.nodes[0])) network.focus(p.nodes[0], { animation: { duration: 300 } });
    } else if (!p.edges.length) hidePanel();
  });
  document.getElementById("kg-close").addEventListener("click", hidePanel);

  // ---- search -------------------------------------------------------------------------------------------
  const input = document.getElementById("kg-search");
  const results = document.getElementById("kg-results");
  const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  let names = null;
  let found = [];
  let active = 0;

  function search(query) {
    const q = fold(query.trim());
    if (!q) return [];
    if (names === null) {
      names = [];
      info.forEach((row, id) => {
        names.push([fold(row[0]), id, row[0], false]);
        for (const a of row[3]) names.push([fold(a), id, a, true]);
      });
    }
    const best = new Map();
    for (const [folded, id, name, isAlt] of names) {
      const at = folded.indexOf(q);
      if (at < 0) continue;
      const score = folded === q ? 0 : at === 0 ? 1 : /[^\p{L}\p{N}]/u.test(folded[at - 1]) ? 2 : 3;
      const prev = best.get(id);
      if (!prev || score < prev[0] || (score === prev[0] && prev[2] && !isAlt)) best.set(id, [score, name, isAlt]);
    }
    return [...best]
      .sort((a, b) => a[1][0] - b[1][0] || sizeOf[b[0]] - sizeOf[a[0]] || info[a[0]][0].localeCompare(info[b[0]][0]))
      .slice(0, 12);
  }

  function renderResults() {
    const items = found.map(([id, [, name, isAlt]], i) => {
      const item = el("li");
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(i === active));
      const via = (isAlt ? "also “" + name + "” · " : "") + info[id][1];
      item.append(el("span", "kg-name", info[id][0]), el("span", "kg-via", via));
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        pick(i);
      });
      return item;
    });
    if (!items.length && input.value.trim()) items.push(el("li", "kg-empty", "No name matches"));
    results.replaceChildren(...items);
    results.hidden = !items.length;
    input.setAttribute("aria-expanded", String(!results.hidden));
  }

  function pick(i) {
    if (!found[i]) return;
    const id = found[i][0];
    results.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.blur();
    select(id);
  }

  input.addEventListener("input", () => {
    found = search(input.value);
    active = 0;
    renderResults();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!found.length) return;
      active = (active + (event.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      renderResults();
    } else if (event.key === "Enter") {
      event.preventDefault();
      pick(active);
    } else if (event.key === "Escape") {
      input.value = "";
      found = [];
      renderResults();
    }
  });
  input.addEventListener("blur", () => {
    results.hidden = true;
  });
  input.addEventListener("focus", () => {
    if (found.length) renderResults();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.activeElement !== input && !panel.hidden) hidePanel();
    if (event.key === "/" && document.activeElement !== input) {
      event.preventDefault();
      input.focus();
    }
  });

  // For tests and for the curious (the browser console): the network and the helpers above.
  window.kgView = { network: network, nodes: nodes, visible: visible, select: select, setShown: setShown };
})();

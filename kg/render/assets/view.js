/* kg graph view: reads the page's JSON data, draws the map with vis-network and wires the search box, the
 * filters, the timeline, the lists and the side panel. Every string from the data reaches the page through
 * textContent, a text node or an http(s) href checked with URL(); never through innerHTML, and vis-network gets
 * no `title`.
 *
 * Node ids are indexes, most important first: ids < data.summary are the first view, ids >= data.isolated have
 * no relation or event. data.nodes[id] = [canvasLabel, kindNo, community, size, font, x, y] (x, y null: placed
 * when shown); data.info[id] = [label, type, iri, altNames, links, isoCodes, evidence, sentenceCount,
 * articleCount, date, articleNos]; evidence = [[sentenceNo, [anchorText...]]...];
 * data.edges[n] = [from, to, label, kind (0 relation, 1 event role, 2 event joining two), sentenceNo, eventId];
 * data.co[n] = [a, b, sentences, articles]; data.sentences[n] = [articleNo, text]; data.articles[n] = [title,
 * date]; data.communities[c] = [name, colour, members].
 */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const root = document.documentElement;
  root.dataset.kgState = "loading";

  const info = data.info;
  const N = data.nodes.length;
  const KINDS = data.kinds;
  const kindName = (id) => KINDS[data.nodes[id][1]].name;
  const shownKinds = new Set(KINDS.map((k) => k.name));
  const SVG = "http://www.w3.org/2000/svg";
  const EDGE_COLOR = data.options.edges.color.color;
  const DIM = "#e4e7eb";

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  function count(n, one, many) {
    return n.toLocaleString("en") + " " + (n === 1 ? one : many);
  }
  function button(text, onClick, className) {
    const b = el("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function colorOf(id) {
    const c = data.nodes[id][2];
    return c < 0 ? data.colors.alone : data.communities[c][1];
  }
  function darker(hex) {
    const c = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.72));
    return "#" + c.map((v) => v.toString(16).padStart(2, "0")).join("");
  }

  // ---- the graph's structure ----------------------------------------------------------------------------
  const adjacency = Array.from({ length: N }, () => []); // edge numbers
  data.edges.forEach((e, i) => {
    adjacency[e[0]].push(i);
    if (e[1] !== e[0]) adjacency[e[1]].push(i);
  });
  const coAdjacency = Array.from({ length: N }, () => []);
  data.co.forEach((c, i) => {
    coAdjacency[c[0]].push(i);
    coAdjacency[c[1]].push(i);
  });
  const other = (e, id) => (e[0] === id ? e[1] : e[0]);
  const participants = (event) =>
    adjacency[event].map((i) => data.edges[i]).filter((e) => e[3] === 1 && e[0] === event).map((e) => e[1]);

  // ---- positions: the summary's come from the page; any other node is placed beside the node it is shown from
  const pos = data.nodes.map((n) => (n[5] === null ? null : [n[5], n[6]]));
  let outsideCount = 0;
  const placed = pos.filter(Boolean);
  const maxX = placed.length ? Math.max(...placed.map((p) => p[0])) : 0;
  function placeAround(centre, ids) {
    const [cx, cy] = pos[centre];
    ids.forEach((id, k) => {
      const ring = Math.floor(Math.sqrt(k / 3));
      const radius = 110 + 60 * ring;
      const angle = k * 2.399963 + ring; // the golden angle: an even spread, ring after ring
      pos[id] = [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
    });
  }
  function placeOutside(id) {
    const k = outsideCount++;
    pos[id] = [maxX + 220 + (k % 6) * 170, -300 + Math.floor(k / 6) * 70];
  }
  function ensurePlaced(ids, from) {
    const missing = ids.filter((id) => pos[id] === null);
    if (!missing.length) return;
    if (from !== undefined && pos[from]) {
      placeAround(from, missing);
      return;
    }
    for (const id of missing) {
      const near = adjacency[id].map((i) => other(data.edges[i], id)).find((m) => pos[m] && visible.has(m));
      if (near !== undefined) placeAround(near, [id]);
      else placeOutside(id);
    }
  }

  // ---- what is drawn: the summary, what was revealed, filtered by type and period -----------------------
  const revealed = new Set();
  let period = null; // [from, to] dates as "YYYY..." strings, inclusive, or null
  let coOn = false;
  let visible = new Set();

  function inPeriod(date) {
    return !!date && date.slice(0, period[0].length) >= period[0] && date.slice(0, period[1].length) <= period[1];
  }
  function wanted() {
    const ids = new Set(revealed);
    if (period === null) {
      for (let id = 0; id < data.summary; id++) ids.add(id);
    } else {
      for (let id = 0; id < N; id++) {
        if (kindName(id) === "Event" && inPeriod(info[id][9])) {
          ids.add(id);
          for (const p of participants(id)) ids.add(p);
        }
      }
    }
    return new Set([...ids].filter((id) => shownKinds.has(kindName(id))));
  }

  function visNode(id) {
    const [label, k, , size, font] = data.nodes[id];
    const color = colorOf(id);
    return {
      id: id,
      label: label,
      shape: KINDS[k].shape,
      size: size,
      x: pos[id][0],
      y: pos[id][1],
      // a node shown on demand (a neighbour, a search hit) is labelled from the zoom a focus gives (1)
      font: { size: id < data.summary ? font : Math.max(font, 12), color: data.options.nodes.font.color },
      color: {
        background: color,
        border: darker(color),
        highlight: { background: color, border: "#1f2933" },
        hover: { background: color, border: "#1f2933" },
      },
    };
  }
  const LINE = {
    0: { color: EDGE_COLOR, width: 1.3, arrows: "to", dashes: false },
    1: { color: "#9aa5b1", width: 1, arrows: "to", dashes: false },
    2: { color: "#8e6c8a", width: 2.2, arrows: "", dashes: false },
  };
  function visEdge(i) {
    const [from, to, label, kind] = data.edges[i];
    const line = LINE[kind];
    return {
      id: "e" + i,
      from: from,
      to: to,
      label: label,
      width: line.width,
      dashes: line.dashes,
      arrows: line.arrows,
      color: { color: line.color, highlight: "#1f2933", hover: "#1f2933" },
      font: { color: kind === 2 ? "#6b4f68" : "#52606d" },
    };
  }
  function visCo(i) {
    const [a, b, n] = data.co[i];
    return {
      id: "c" + i,
      from: a,
      to: b,
      width: Math.min(4, 0.6 + Math.log2(n) * 0.6),
      dashes: [2, 5],
      arrows: "",
      smooth: false,
      color: { color: data.colors.co, opacity: 0.7, highlight: "#7b8794", hover: "#7b8794" },
      chosen: false,
    };
  }

  const container = document.getElementById("kg-graph");
  const nodes = new vis.DataSet([]);
  const edges = new vis.DataSet([]);
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  function sync(from) {
    const next = wanted();
    const added = [...next].filter((id) => !visible.has(id));
    const removed = [...visible].filter((id) => !next.has(id));
    visible = next;
    ensurePlaced(added, from);
    if (removed.length) nodes.remove(removed);
    if (added.length) nodes.add(added.map(visNode));
    const want = new Set();
    for (const id of visible) {
      for (const i of adjacency[id]) {
        const e = data.edges[i];
        if (visible.has(e[0]) && visible.has(e[1])) want.add("e" + i);
      }
      if (coOn) {
        for (const i of coAdjacency[id]) {
          const c = data.co[i];
          if (visible.has(c[0]) && visible.has(c[1])) want.add("c" + i);
        }
      }
    }
    const have = new Set(edges.getIds());
    edges.remove([...have].filter((e) => !want.has(e)));
    edges.add([...want].filter((e) => !have.has(e)).map((e) => (e[0] === "e" ? visEdge(+e.slice(1)) : visCo(+e.slice(1)))));
    if (marked !== null) mark(marked);
    if (current !== null && !visible.has(current)) hidePanel();
    refreshLists();
  }

  // ---- marking: a node and its neighbours stand out, the rest is dimmed ----------------------------------
  let marked = null;
  function mark(id) {
    unmark();
    marked = id;
    const near = new Set([id]);
    for (const i of adjacency[id]) near.add(other(data.edges[i], id));
    if (coOn) for (const i of coAdjacency[id]) near.add(other(data.co[i], id));
    const ids = [...visible].filter((n) => !near.has(n));
    nodes.update(ids.map((n) => ({ id: n, color: { background: DIM, border: "#d5dae0" }, font: { color: "#b3bcc6" } })));
    const faint = edges.get({ filter: (e) => e.from !== id && e.to !== id });
    edges.update(faint.map((e) => ({ id: e.id, color: { color: "#edf0f3" }, font: { color: "#c5ccd3" } })));
  }
  function unmark() {
    if (marked === null) return;
    marked = null;
    nodes.update([...visible].map(visNode).map((n) => ({ id: n.id, color: n.color, font: n.font })));
    edges.update(edges.getIds().map((e) => (e[0] === "e" ? visEdge(+e.slice(1)) : visCo(+e.slice(1)))));
  }

  // ---- the first view -------------------------------------------------------------------------------------
  function home(animate) {
    const ids = [...visible].filter((id) => id < data.summary);
    network.fit({ nodes: ids.length ? ids : [...visible], animation: false });
    const scale = Math.min(1, Math.max(0.75, network.getScale())); // 16 px labels stay >= 12 px
    const at = network.getViewPosition();
    network.moveTo({ position: at, scale: scale, animation: animate ? { duration: 300 } : false });
  }

  network.once("afterDrawing", () => {
    root.dataset.kgDrawnMs = String(Math.round(performance.now()));
    root.dataset.kgStableMs = root.dataset.kgDrawnMs;
    root.dataset.kgState = "stable";
  });
  if (window.ResizeObserver) {
    new ResizeObserver(() => network.setSize("100%", "100%")).observe(container);
  }

  // ---- legend: types (shape), communities (colour), lines ----------------------------------------------
  function swatch(shapeName, px, fill) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", String(px));
    svg.setAttribute("height", String(px));
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    let shape;
    if (shapeName === "dot") {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "8");
      shape.setAttribute("cy", "8");
      shape.setAttribute("r", "6.5");
    } else if (shapeName === "square") {
      shape = document.createElementNS(SVG, "rect");
      shape.setAttribute("x", "2");
      shape.setAttribute("y", "2");
      shape.setAttribute("width", "12");
      shape.setAttribute("height", "12");
    } else {
      shape = document.createElementNS(SVG, "polygon");
      shape.setAttribute("points", polygon(shapeName));
    }
    shape.setAttribute("fill", fill);
    shape.setAttribute("stroke", darker(fill));
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
  function lineSwatch(color, width, dash) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "10");
    svg.setAttribute("aria-hidden", "true");
    const line = document.createElementNS(SVG, "line");
    for (const [k, v] of [["x1", "1"], ["y1", "5"], ["x2", "27"], ["y2", "5"]]) line.setAttribute(k, v);
    line.setAttribute("stroke", color);
    line.setAttribute("stroke-width", String(width));
    if (dash) line.setAttribute("stroke-dasharray", dash);
    svg.appendChild(line);
    return svg;
  }

  const legend = document.getElementById("kg-legend");
  const boxes = new Map();
  for (const kind of KINDS) {
    if (!kind.count) continue;
    const item = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = kind.name;
    box.addEventListener("change", () => setShown(kind.name, box.checked));
    boxes.set(kind.name, box);
    label.append(box, swatch(kind.shape, 16, "#7b8794"), el("span", "kg-kind", kind.name), el("span", "kg-count", kind.count));
    item.appendChild(label);
    legend.appendChild(item);
  }
  function setShown(name, on) {
    if (on) shownKinds.add(name);
    else shownKinds.delete(name);
    const box = boxes.get(name);
    if (box) {
      box.checked = on;
      box.parentElement.classList.toggle("kg-off", !on);
    }
    sync();
  }

  const communityList = document.getElementById("kg-communities");
  data.communities.slice(0, 10).forEach(([name, color, size], c) => {
    const item = el("li");
    const dot = el("span", "kg-dot");
    dot.style.background = color;
    const top = data.nodes.findIndex((n) => n[2] === c);
    item.append(dot, button(name, () => select(top)), el("span", "kg-count", size));
    communityList.appendChild(item);
  });
  if (data.communities.length > 10) {
    const item = el("li");
    const dot = el("span", "kg-dot");
    dot.style.background = data.colors.other;
    item.append(dot, el("span", null, count(data.communities.length - 10, "smaller community", "smaller communities")));
    communityList.appendChild(item);
  }
  {
    const item = el("li");
    const dot = el("span", "kg-dot");
    dot.style.background = data.colors.alone;
    item.append(dot, el("span", null, "no community"));
    communityList.appendChild(item);
  }
  const lines = document.getElementById("kg-lines");
  for (const [color, width, dash, text] of [
    [LINE[0].color, 1.3, "", "relation (arrow: subject → object)"],
    [LINE[1].color, 1, "", "event → who or where takes part"],
    [LINE[2].color, 2.2, "", "event between two (its type and date)"],
    [data.colors.co, 1.5, "2 5", "mentioned together (no relation)"],
  ]) {
    const item = el("li");
    item.append(lineSwatch(color, width, dash), el("span", null, text));
    lines.appendChild(item);
  }
  const coBox = document.getElementById("kg-co");
  coBox.disabled = data.co.length === 0;
  coBox.parentElement.title = data.co.length ? "Draw co-mentions: dashed, lighter" : "This graph has no co-mentions";
  coBox.addEventListener("change", () => setCo(coBox.checked));
  function setCo(on) {
    coOn = on;
    coBox.checked = on;
    sync();
  }

  // ---- time ---------------------------------------------------------------------------------------------
  const timeBox = document.getElementById("kg-time");
  const dated = [];
  const undated = [];
  for (let id = 0; id < N; id++) {
    if (kindName(id) !== "Event") continue;
    (info[id][9] ? dated : undated).push(id);
  }
  dated.sort((a, b) => info[a][9].localeCompare(info[b][9]) || a - b);
  const years = [...new Set(dated.map((id) => info[id][9].slice(0, 4)))];
  const byMonth = years.length <= 2;
  const bucket = (date) => (byMonth && date.length >= 7 ? date.slice(0, 7) : date.slice(0, 4));
  const buckets = [...new Set(dated.map((id) => bucket(info[id][9])))].sort();
  const perBucket = buckets.map((b) => dated.filter((id) => bucket(info[id][9]) === b).length);
  let fromInput = null;
  let toInput = null;
  const periodText = el("p", "kg-period");
  const periodList = el("ul", "kg-period-events");
  if (buckets.length) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + buckets.length * 10 + " 40");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    const most = Math.max(...perBucket);
    const bars = perBucket.map((n, i) => {
      const r = document.createElementNS(SVG, "rect");
      const h = Math.max(2, (38 * n) / most);
      r.setAttribute("x", String(i * 10 + 1));
      r.setAttribute("y", String(40 - h));
      r.setAttribute("width", "8");
      r.setAttribute("height", String(h));
      r.setAttribute("fill", "#3d6fb6");
      svg.appendChild(r);
      return r;
    });
    const range = el("div", "kg-range");
    fromInput = el("input");
    toInput = el("input");
    for (const [input, value, name] of [[fromInput, 0, "From"], [toInput, buckets.length - 1, "To"]]) {
      input.type = "range";
      input.min = "0";
      input.max = String(buckets.length - 1);
      input.value = String(value);
      input.setAttribute("aria-label", name + " (period of the events shown)");
      input.addEventListener("input", () => {
        if (+fromInput.value > +toInput.value) (input === fromInput ? toInput : fromInput).value = input.value;
        const full = +fromInput.value === 0 && +toInput.value === buckets.length - 1;
        setPeriod(full ? null : [buckets[+fromInput.value], buckets[+toInput.value]]);
      });
      range.append(el("span", null, name), input);
    }
    timeBox.append(svg, range, periodText, periodList);
    timeBox.bars = bars;
  } else {
    timeBox.append(el("p", "kg-period", "No dated events."));
  }
  if (undated.length) {
    const more = el("details");
    more.append(el("summary", null, "Undated events (" + undated.length.toLocaleString("en") + ")"), idList(undated, 200));
    timeBox.append(more);
  }
  function idList(ids, limit, withDate) {
    const list = el("ul");
    for (const id of ids.slice(0, limit)) {
      const item = el("li");
      if (withDate) item.append(el("span", "kg-date", info[id][9]));
      item.append(button(info[id][0], () => select(id)));
      list.appendChild(item);
    }
    if (ids.length > limit) list.appendChild(el("li", "kg-more", "… and " + (ids.length - limit).toLocaleString("en") + " more: search finds them"));
    return list;
  }
  function setPeriod(p) {
    period = p;
    if (fromInput) {
      const i = p ? buckets.indexOf(p[0]) : 0;
      const j = p ? buckets.indexOf(p[1]) : buckets.length - 1;
      fromInput.value = String(i);
      toInput.value = String(j);
      timeBox.bars.forEach((r, k) => r.setAttribute("fill", k >= i && k <= j ? "#3d6fb6" : "#cbd2d9"));
    }
    sync();
    home(false);
  }
  function refreshLists() {
    if (!fromInput) return;
    const inside = period === null ? dated : dated.filter((id) => inPeriod(info[id][9]));
    const span = period === null ? "all time" : period[0] + " – " + period[1];
    periodText.textContent = "Period: " + span + " · " + count(inside.length, "dated event", "dated events");
    periodList.replaceChildren(...idList(inside, 150, true).childNodes);
  }

  // ---- things with no relation or event: listed by type, not drawn -------------------------------------
  const isolatedBox = document.getElementById("kg-isolated");
  const alone = new Map();
  for (let id = data.isolated; id < N; id++) {
    const k = kindName(id);
    (alone.get(k) || alone.set(k, []).get(k)).push(id);
  }
  if (!alone.size) isolatedBox.append(el("p", "kg-more", "None: everything has a relation or an event."));
  for (const kind of KINDS) {
    const ids = alone.get(kind.name);
    if (!ids) continue;
    const group = el("details");
    group.append(el("summary", null, kind.name + " (" + ids.length.toLocaleString("en") + ")"), idList(ids, 150));
    isolatedBox.append(group);
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
    const id = String(p.edge);
    if (id[0] === "c") {
      const [a, b, n, k] = data.co[+id.slice(1)];
      showTip([document.createTextNode(info[a][0] + " · " + info[b][0] + " "),
        el("span", null, "mentioned together in " + count(n, "sentence", "sentences") + " of " + count(k, "article", "articles"))], p.pointer);
      return;
    }
    const [from, to, label] = data.edges[+id.slice(1)];
    showTip([document.createTextNode(info[from][0] + " "), el("span", null, "→ " + label + " →"),
      document.createTextNode(" " + info[to][0])], p.pointer);
  });
  for (const name of ["blurNode", "blurEdge", "dragStart", "zoom"]) network.on(name, hideTip);

  // ---- side panel ---------------------------------------------------------------------------------------
  const panel = document.getElementById("kg-panel");
  const details = document.getElementById("kg-details");
  let current = null;

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
  function source(article) {
    const line = el("div", "kg-source");
    const [title, date] = article >= 0 ? data.articles[article] : ["(unknown article)", ""];
    line.append(el("b", null, title));
    if (date) line.append(document.createTextNode(" · " + date));
    return line;
  }
  function said(sentence, anchors) {
    const [article, text] = data.sentences[sentence];
    return [source(article), highlighted(text, anchors || [])];
  }
  function section(title, ...content) {
    return [el("h3", null, title), ...content];
  }
  function neighbourIds(id) {
    const ids = new Set(adjacency[id].map((i) => other(data.edges[i], id)));
    if (coOn) for (const i of coAdjacency[id]) ids.add(other(data.co[i], id));
    ids.delete(id);
    return [...ids].sort((a, b) => a - b);
  }

  function showPanel(id) {
    const [label, type, iri, alt, links, codes, evidence, nSentences, nArticles, date, cited] = info[id];
    const kind = KINDS[data.nodes[id][1]];
    const parts = [];
    const head = el("p", "kg-type");
    head.append(swatch(kind.shape, 12, colorOf(id)), document.createTextNode(type === kind.name ? type : type + " · " + kind.name));
    parts.push(head, el("h2", null, label));
    const c = data.nodes[id][2];
    if (c >= 0) parts.push(el("p", "kg-more", "Community of " + data.communities[c][0]));
    if (date) parts.push(el("p", "kg-more", "Date: " + date));
    if (alt.length) parts.push(...section("Also called", el("p", null, alt.join(" · "))));

    const ids = el("ul");
    for (const url of links) {
      const a = safeLink(url);
      if (a) ids.appendChild(el("li")).appendChild(a);
    }
    for (const code of codes) ids.appendChild(el("li", null, "ISO 3166 code: " + code));
    if (iri) ids.appendChild(el("li", "kg-iri", readable(iri)));
    if (ids.childElementCount) parts.push(...section("Identifiers", ids));

    const near = neighbourIds(id);
    const hidden = near.filter((n) => !visible.has(n));
    if (near.length) {
      const text = hidden.length ? "Show neighbours (" + count(hidden.length, "more", "more") + ")" : "All neighbours shown";
      const show = button(text, () => reveal(neighbourIds(id), id), "kg-show");
      show.disabled = !hidden.length;
      parts.push(show);
    }

    const mine = adjacency[id].map((i) => data.edges[i]);
    const relations = mine.filter((e) => e[3] === 0);
    if (relations.length) {
      const list = el("ul", "kg-rel");
      const sorted = [...relations].sort((a, b) => a[2].localeCompare(b[2]) || info[other(a, id)][0].localeCompare(info[other(b, id)][0]));
      for (const e of sorted.slice(0, 60)) {
        const item = el("li");
        const to = other(e, id);
        item.append(el("span", "kg-pred", (e[0] === id ? "→ " : "← ") + e[2]), button(info[to][0], () => select(to)));
        if (e[4] >= 0) item.append(...said(e[4]));
        list.appendChild(item);
      }
      const rest = relations.length > 60 ? [el("p", "kg-more", "… and " + count(relations.length - 60, "more", "more"))] : [];
      parts.push(...section("Relations (" + relations.length + ")", list, ...rest));
    }

    // events in date order (undated last), each with the sentence and article that tell it
    const roles = kind.name === "Event" ? mine.filter((e) => e[3] === 1) : mine.filter((e) => e[3] === 1 && e[1] === id);
    if (roles.length) {
      const list = el("ul", "kg-events kg-rel");
      const key = (e) => info[kind.name === "Event" ? e[1] : e[0]];
      const sorted = [...roles].sort((a, b) => (key(a)[9] || "~").localeCompare(key(b)[9] || "~") || key(a)[0].localeCompare(key(b)[0]));
      for (const e of sorted.slice(0, 80)) {
        const item = el("li");
        const to = kind.name === "Event" ? e[1] : e[0];
        if (kind.name !== "Event") item.append(el("span", "kg-date", info[to][9] || "undated"));
        item.append(button(info[to][0], () => select(to)), el("span", "kg-pred", e[2] + (kind.name === "Event" ? "" : " · " + info[to][1])));
        const told = info[to][6];
        if (kind.name !== "Event" && told.length) item.append(...said(told[0][0], told[0][1]));
        list.appendChild(item);
      }
      const title = kind.name === "Event" ? "Taking part (" + roles.length + ")" : "Events (" + roles.length + ")";
      parts.push(...section(title, list));
    }

    if (nSentences || nArticles) {
      const intro = el("p", "kg-more", "Mentioned in " + count(nSentences, "sentence", "sentences") + " of " + count(nArticles, "article", "articles"));
      const list = el("ul", "kg-evidence");
      for (const [sentence, anchors] of evidence) {
        const item = el("li");
        item.append(...said(sentence, anchors));
        list.appendChild(item);
      }
      const rest = nSentences > evidence.length
        ? [el("p", "kg-more", "… and " + count(nSentences - evidence.length, "more sentence", "more sentences"))]
        : [];
      parts.push(...section("Sources", intro, list, ...rest));
    }
    if (cited.length) {
      const list = el("ul", "kg-articles");
      for (const a of cited.slice(0, 40)) list.appendChild(el("li")).appendChild(source(a));
      const rest = nArticles > 40 ? [el("p", "kg-more", "… and " + count(nArticles - 40, "more article", "more articles"))] : [];
      parts.push(...section("Articles (" + nArticles + ")", list, ...rest));
    }
    details.replaceChildren(...parts);
    panel.scrollTop = 0;
    current = id;
    if (panel.hidden) keepingZoom(() => (panel.hidden = false));
  }

  // The panel takes width from the canvas (or gives it back): keep the zoom and the centre, so labels keep
  // their size.
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
    unmark();
    network.unselectAll();
  }

  function reveal(ids, from) {
    for (const id of ids.slice(0, 300)) {
      revealed.add(id);
      if (!shownKinds.has(kindName(id))) setShown(kindName(id), true);
    }
    sync(from);
    if (current !== null) showPanel(current);
  }

  function select(id, keepView) {
    if (!shownKinds.has(kindName(id))) setShown(kindName(id), true);
    if (!visible.has(id)) reveal([id]);
    network.selectNodes([id]);
    mark(id);
    showPanel(id);
    if (!keepView) {
      network.focus(id, {
        scale: Math.max(1.0, network.getScale()),
        animation: { duration: 450, easingFunction: "easeInOutQuad" },
      });
    }
  }

  function reset() {
    revealed.clear();
    for (const kind of KINDS) if (kind.count) shownKinds.add(kind.name);
    for (const [, box] of boxes) {
      box.checked = true;
      box.parentElement.classList.remove("kg-off");
    }
    hidePanel();
    coOn = false;
    coBox.checked = false;
    period = null;
    setPeriod(null);
    home(true);
  }

  network.on("click", (p) => {
    hideTip();
    if (p.nodes.length) {
      select(p.nodes[0], true);
      if (!inView(p.nodes[0])) network.focus(p.nodes[0], { animation: { duration: 300 } });
    } else if (!p.edges.length) hidePanel();
  });
  document.getElementById("kg-close").addEventListener("click", hidePanel);
  document.getElementById("kg-reset").addEventListener("click", reset);

  // ---- search: every node of the page, drawn or not --------------------------------------------------
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
    return [...best].sort((a, b) => a[1][0] - b[1][0] || a[0] - b[0]).slice(0, 12);
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
    const typing = document.activeElement === input;
    if (event.key === "Escape" && !typing && (!panel.hidden || marked !== null)) hidePanel();
    if (event.key === "/" && !typing) {
      event.preventDefault();
      input.focus();
    }
    if (event.key === "Home" && !typing) {
      event.preventDefault();
      reset();
    }
  });

  // ---- start ------------------------------------------------------------------------------------------
  sync();
  home(false);

  // For tests and for the curious (the browser console): the network and the helpers above.
  window.kgView = {
    network: network,
    nodes: nodes,
    edges: edges,
    select: select,
    setShown: setShown,
    setPeriod: setPeriod,
    setCo: setCo,
    reveal: reveal,
    reset: reset,
    buckets: buckets,
    visibleIds: () => [...visible].sort((a, b) => a - b),
    // label boxes in canvas coordinates as vis-network laid them out at the last drawing
    labelBox: (id) => {
      const n = network.body.nodes[id];
      if (!n) return null;
      const s = n.labelModule.size;
      return { left: s.left, top: s.top, width: s.width, height: s.height, font: n.labelModule.fontOptions.size };
    },
  };
})();

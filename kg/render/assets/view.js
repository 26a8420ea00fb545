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
  const { el, count, button, darker, swatch, lineSwatch } = window.kgDom;
  const EDGE_COLOR = data.options.edges.color.color;
  const DIM = "#e4e7eb";

  function colorOf(id) {
    const c = data.nodes[id][2];
    return c < 0 ? data.colors.alone : data.communities[c][1];
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
  const time = window.kgTime({
    info: info,
    N: N,
    kindName: kindName,
    idList: idList,
    inPeriod: (date) => inPeriod(date),
    setPeriod: (p) => setPeriod(p),
  });
  const buckets = time.buckets;
  function setPeriod(p) {
    period = p;
    time.show(p);
    sync();
    home(false);
  }
  function refreshLists() {
    time.refresh();
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

  function neighbourIds(id) {
    const ids = new Set(adjacency[id].map((i) => other(data.edges[i], id)));
    if (coOn) for (const i of coAdjacency[id]) ids.add(other(data.co[i], id));
    ids.delete(id);
    return [...ids].sort((a, b) => a - b);
  }

  const panelParts = window.kgPanel({
    data: data,
    info: info,
    KINDS: KINDS,
    adjacency: adjacency,
    other: other,
    colorOf: colorOf,
    neighbourIds: neighbourIds,
    isVisible: (id) => visible.has(id),
    select: (id) => select(id),
    reveal: (ids, from) => reveal(ids, from),
  });
  function showPanel(id) {
    details.replaceChildren(...panelParts.render(id));
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
  window.kgSearch(input, info, (id) => select(id));
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

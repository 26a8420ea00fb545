/* kg graph view, DOM helpers: elements made from text (textContent only), SVG swatches, checked links and
 * sentences with their anchors marked. Loaded before view.js, which reads window.kgDom. */
(function () {
  "use strict";
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
  function button(text, onClick, className) {
    const b = el("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function darker(hex) {
    const c = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.72));
    return "#" + c.map((v) => v.toString(16).padStart(2, "0")).join("");
  }

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
  window.kgDom = {
    el: el,
    count: count,
    button: button,
    darker: darker,
    swatch: swatch,
    lineSwatch: lineSwatch,
    safeLink: safeLink,
    readable: readable,
    highlighted: highlighted,
  };
})();

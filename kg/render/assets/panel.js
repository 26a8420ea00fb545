/* kg graph view, the side panel of a node: its names, type, community, links, a "show neighbours" button, its
 * relations and events (in date order) with the sentence and article of each, its sentences and its articles. */
(function () {
  "use strict";

  window.kgPanel = function (ctx) {
    const { el, count, button, swatch, safeLink, readable, highlighted } = window.kgDom;
    const { data, info, KINDS, adjacency, other, colorOf, neighbourIds, isVisible, select, reveal } = ctx;

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
    function render(id) {
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
      const hidden = near.filter((n) => !isVisible(n));
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
      return parts;
    }

    return { render: render };
  };
})();

/* kg graph view, the search box: any name or alternative name of any node in the page, drawn or not, folded
 * (case and accents); arrows and Enter pick a result. */
(function () {
  "use strict";

  window.kgSearch = function (input, info, select) {
    const { el } = window.kgDom;
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
  };
})();

/* kg graph view, the timeline: the events by date as bars, a "from" and a "to" slider that set the period
 * (view.js filters the graph to it), the events of the period and the undated ones listed. */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";

  window.kgTime = function (c) {
    const { el, count } = window.kgDom;
    const { info, N, kindName, idList, inPeriod } = c;
    let period = null;
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
          c.setPeriod(full ? null : [buckets[+fromInput.value], buckets[+toInput.value]]);
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
    function show(p) {
      period = p;
      if (fromInput) {
        const i = p ? buckets.indexOf(p[0]) : 0;
        const j = p ? buckets.indexOf(p[1]) : buckets.length - 1;
        fromInput.value = String(i);
        toInput.value = String(j);
        timeBox.bars.forEach((r, k) => r.setAttribute("fill", k >= i && k <= j ? "#3d6fb6" : "#cbd2d9"));
      }
    }
    function refresh() {
      if (!fromInput) return;
      const inside = period === null ? dated : dated.filter((id) => inPeriod(info[id][9]));
      const span = period === null ? "all time" : period[0] + " – " + period[1];
      periodText.textContent = "Period: " + span + " · " + count(inside.length, "dated event", "dated events");
      periodList.replaceChildren(...idList(inside, 150, true).childNodes);
    }

    return { buckets: buckets, show: show, refresh: refresh };
  };
})();

// The events dashboard: filters, map, timeline, actor network, table.
"use strict";

const form = document.getElementById("filters");
const typeSelect = form.elements.type;
for (const t of PLOVER) typeSelect.append(el("option", { value: t, text: t }));

let offset = 0;
const PAGE = 200;

function filterQuery() {
  const q = new URLSearchParams();
  for (const name of ["actor", "type", "place", "from", "to", "sourcing", "q"]) {
    const v = form.elements[name].value.trim();
    if (v) q.set(name, v);
  }
  return q;
}

function restoreFilters() {
  const q = new URLSearchParams(location.search);
  for (const name of ["actor", "type", "place", "from", "to", "sourcing", "q"]) {
    if (q.has(name)) form.elements[name].value = q.get(name);
  }
}

form.addEventListener("submit", ev => {
  ev.preventDefault();
  const q = filterQuery();
  history.replaceState(null, "", q.toString() ? "?" + q : "/");
  load();
});

document.getElementById("more").addEventListener("click", () => loadEvents(true));

async function load() {
  offset = 0;
  const stats = await api("/api/stats");
  document.getElementById("stats").textContent =
    `${stats.docs} articles · ${stats.events} events · ${stats.actors} actors · ${stats.places} places · ${stats.quotes} quotes`;
  const events = await loadEvents(false);
  drawEventsMap(events);
  drawTimeline(events);
  drawNetwork(events);
  loadDocs();
}

let shown = [];

async function loadEvents(more) {
  const q = filterQuery();
  q.set("limit", String(PAGE));
  q.set("offset", String(more ? offset : 0));
  const page = await api("/api/events?" + q);
  const tbody = document.querySelector("#events tbody");
  if (!more) { tbody.replaceChildren(); shown = []; }
  for (const e of page.items) tbody.append(eventRow(e));
  shown = shown.concat(page.items);
  offset = page.next || 0;
  document.getElementById("more").hidden = page.next == null;
  document.getElementById("event-count").textContent = `(${shown.length}${page.next != null ? "+" : ""})`;
  return shown;
}

function eventRow(e) {
  const type = el("span", { class: "type", text: e.plover + (e.cameo ? " " + e.cameo : ""),
    title: "evidence: " + e.evidence });
  const link = el("a", { href: "/doc/" + encodeURIComponent(e.doc_id), text: e.title || "article " + e.doc_id });
  return el("tr", { "data-event": e.doc_id + "/" + e.event_id },
    el("td", { text: e.date || e.published || "" }),
    el("td", { text: e.source_name || e.source_text || "—", title: e.source }),
    el("td", {}, e.negated ? el("span", { class: "neg", text: "not " }) : null, type,
      el("span", { class: "muted", text: " " + e.modality })),
    el("td", { text: e.target_name || e.target_text || "—", title: e.target }),
    el("td", { text: e.place || "" }),
    el("td", {}, badge(e.speaker_kind), e.speaker ? el("span", { class: "muted", text: " " + e.speaker }) : null),
    el("td", {}, link, el("span", { class: "muted", text: e.outlet ? " · " + e.outlet : "" })));
}

function drawEventsMap(events) {
  const byPlace = new Map();
  for (const e of events) {
    if (e.lat == null || e.lon == null) continue;
    const k = e.place + "|" + e.lat + "|" + e.lon;
    const p = byPlace.get(k) || { lat: e.lat, lon: e.lon, n: 0, tone: 0, name: e.place };
    p.n++;
    p.tone += TONE[e.plover] || 0;
    byPlace.set(k, p);
  }
  const points = [...byPlace.values()].map(p => ({ lat: p.lat, lon: p.lon, tone: p.tone,
    r: 3 + Math.sqrt(p.n) * 2, label: `${p.name}: ${p.n} event${p.n > 1 ? "s" : ""}`,
    href: "/?place=" + encodeURIComponent(p.name) }));
  drawMap("map", points, 640, 340);
}

function drawTimeline(events) {
  const root = d3.select("#timeline");
  root.selectAll("*").remove();
  const counts = d3.rollup(events.filter(e => e.date || e.published),
    v => v.length, e => (e.date || e.published).slice(0, 7));
  const data = [...counts].sort((a, b) => a[0] < b[0] ? -1 : 1);
  const w = 640, h = 220, m = { l: 30, r: 10, t: 10, b: 40 };
  const svg = root.append("svg").attr("viewBox", `0 0 ${w} ${h}`);
  if (data.length === 0) {
    svg.append("text").attr("x", 20).attr("y", 40).text("no dated events");
    return;
  }
  const x = d3.scaleBand().domain(data.map(d => d[0])).range([m.l, w - m.r]).padding(0.15);
  const y = d3.scaleLinear().domain([0, d3.max(data, d => d[1])]).nice().range([h - m.b, m.t]);
  svg.append("g").selectAll("rect").data(data).join("rect").attr("class", "bar")
    .attr("x", d => x(d[0])).attr("y", d => y(d[1])).attr("width", x.bandwidth())
    .attr("height", d => y(0) - y(d[1])).append("title").text(d => `${d[0]}: ${d[1]} events`);
  svg.append("g").attr("transform", `translate(0,${h - m.b})`).call(d3.axisBottom(x))
    .selectAll("text").attr("transform", "rotate(-40)").attr("text-anchor", "end");
  svg.append("g").attr("transform", `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(4));
}

let cy = null;

function drawNetwork(events) {
  const nodes = new Map(), edges = new Map();
  for (const e of events) {
    if (!e.source || !e.target) continue;
    nodes.set(e.source, e.source_name || e.source);
    nodes.set(e.target, e.target_name || e.target);
    const k = e.source + "→" + e.target;
    const ed = edges.get(k) || { source: e.source, target: e.target, n: 0, tone: 0, types: {} };
    ed.n++;
    ed.tone += (e.negated ? 0 : TONE[e.plover] || 0);
    ed.types[e.plover] = (ed.types[e.plover] || 0) + 1;
    edges.set(k, ed);
  }
  const elements = [];
  for (const [id, name] of nodes) elements.push({ data: { id, label: name } });
  for (const [k, ed] of edges) {
    const types = Object.entries(ed.types).map(([t, n]) => `${t}×${n}`).join(", ");
    elements.push({ data: { id: k, source: ed.source, target: ed.target, w: ed.n, tone: ed.tone, label: types } });
  }
  if (cy) cy.destroy();
  cy = cytoscape({
    container: document.getElementById("network"),
    elements,
    layout: { name: nodes.size > 1 ? "cose" : "grid", animate: false },
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#374151", width: 14, height: 14 } },
      { selector: "edge", style: { width: "mapData(w, 1, 10, 1, 6)", "curve-style": "bezier", "target-arrow-shape": "triangle",
        "line-color": "#dc2626", "target-arrow-color": "#dc2626", label: "data(label)", "font-size": 7, "text-rotation": "autorotate" } },
      { selector: "edge[tone > 0]", style: { "line-color": "#2563eb", "target-arrow-color": "#2563eb" } },
    ],
  });
  cy.on("tap", "node", ev => {
    form.elements.actor.value = ev.target.id();
    form.requestSubmit();
  });
}

async function loadDocs() {
  const q = new URLSearchParams();
  if (form.elements.q.value.trim()) q.set("q", form.elements.q.value.trim());
  q.set("limit", "50");
  const page = await api("/api/documents?" + q);
  const ul = document.getElementById("docs");
  ul.replaceChildren();
  for (const d of page.items) {
    ul.append(el("li", {},
      el("a", { href: "/doc/" + encodeURIComponent(d.id), text: d.title || "article " + d.id }),
      el("span", { class: "muted", text: ` · ${d.outlet || "unknown outlet"} · ${d.published || "undated"} · ${d.events} events` })));
  }
}

restoreFilters();
load().catch(err => {
  document.getElementById("stats").textContent = "error: " + err.message;
});

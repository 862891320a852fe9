// Shared helpers of the sitrep pages. Article-derived strings only ever
// reach the page through textContent, attribute properties or d3's .text(),
// never through innerHTML.
"use strict";

const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

// Cooperation (+) versus conflict (-) weight of each PLOVER type, used for
// colours and the network's edge sign.
const TONE = { AGREE: 3, CONSULT: 1, SUPPORT: 3, CONCEDE: 4, COOPERATE: 6, AID: 7, RETREAT: 2,
  REQUEST: 0, ACCUSE: -2, REJECT: -4, THREATEN: -6, PROTEST: -5, SANCTION: -7, MOBILIZE: -6,
  COERCE: -8, ASSAULT: -10 };

const KIND_LABEL = { named_person: "named person", named_org: "named organisation",
  anonymous: "anonymous", outlet: "outlet itself", unattributed: "unattributed" };

// plain drops bidi embedding, override and isolate controls from
// article-derived strings: an outlet "\u202eTASS" would otherwise show as
// "SSAT" (the cleaner already drops them from article text).
function plain(v) {
  return String(v).replace(/[\u202a-\u202e\u2066-\u2069]/g, "");
}

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = plain(v);
    else if (k.startsWith("data-")) e.setAttribute(k, String(v));
    else e[k] = v;
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(plain(c)));
  }
  return e;
}

function badge(kind) {
  const k = KIND_LABEL[kind] ? kind : "unattributed";
  return el("span", { class: "badge " + k, text: KIND_LABEL[k], title: "claim rests on: " + KIND_LABEL[k] });
}

// plural writes a count with its noun: "1 mention", "2 mentions".
function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// safeHref allows only same-site and http(s) links.
function safeHref(u) {
  try {
    const url = new URL(u, location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (e) { return null; }
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  if (!r.ok) throw new Error(path + ": " + r.status);
  return r.json();
}

// drawMap draws the world and one marker per point into the element
// with the given id; points are {lat, lon, label, tone, href}.
async function drawMap(id, points, width, height) {
  const root = d3.select("#" + id);
  root.selectAll("*").remove();
  const svg = root.append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img")
    .attr("aria-label", "map of " + points.length + " places");
  const world = await api("/vendor/world-atlas/countries-110m.json");
  const land = topojson.feature(world, world.objects.countries);
  const located = points.filter(p => p.lat != null && p.lon != null);
  const projection = d3.geoNaturalEarth1();
  // Zoom to the points, with a margin, but never closer than a region.
  // geoBounds gives the smallest box, which for points far apart east and
  // west (the US and China) runs across the antimeridian (x1 < x0): the
  // whole world is shown then, and when the box is that wide anyway.
  let box = null;
  if (located.length > 0 && located.length < 50) {
    const mp = { type: "MultiPoint", coordinates: located.map(p => [p.lon, p.lat]) };
    const [[x0, y0], [x1, y1]] = d3.geoBounds(mp);
    const pad = Math.max(8, (x1 - x0) * 0.4, (y1 - y0) * 0.4);
    if (x1 >= x0 && x1 - x0 + 2 * pad <= 180) {
      box = { type: "MultiPoint", coordinates: [[x0 - pad, Math.max(-85, y0 - pad)], [x1 + pad, Math.min(85, y1 + pad)]] };
    }
  }
  if (box) {
    projection.fitExtent([[10, 10], [width - 10, height - 10]], box);
  } else {
    projection.fitSize([width, height], { type: "Sphere" });
  }
  const path = d3.geoPath(projection);
  svg.append("g").selectAll("path").data(land.features).join("path").attr("class", "country").attr("d", path);
  const g = svg.append("g");
  for (const p of located) {
    const [x, y] = projection([p.lon, p.lat]);
    const c = g.append("circle").attr("class", "marker" + (p.tone > 0 ? " coop" : ""))
      .attr("cx", x).attr("cy", y).attr("r", p.r || 5).attr("data-place", p.label);
    c.append("title").text(plain(p.label));
    if (p.href) c.on("click", () => { location.href = p.href; });
  }
}

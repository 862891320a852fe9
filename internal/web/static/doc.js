// The article view: the cleaned text with actors, places, events, quotes,
// times and numbers highlighted by their byte offsets, and side lists.
"use strict";

const enc = new TextEncoder(), dec = new TextDecoder();

async function main() {
  const id = decodeURIComponent(location.pathname.split("/")[2] || "");
  const doc = await api("/api/documents/" + encodeURIComponent(id));
  document.title = "sitrep — " + plain(doc.title || "article " + id);
  document.getElementById("title").textContent = plain(doc.title || "(untitled)");
  const meta = [doc.outlet, doc.published || "undated"].filter(Boolean).join(" · ");
  const metaEl = document.getElementById("meta");
  metaEl.textContent = plain(meta);
  const href = doc.url && safeHref(doc.url);
  if (href) metaEl.append(" · ", el("a", { href, text: "original", rel: "noopener noreferrer" }));
  renderSourcing(doc.sourcing);

  const actors = new Map(doc.actors.map(a => [a.id, a]));
  const quotes = new Map(doc.quotes.map(q => [q.id, q]));
  const places = new Map(doc.places.map(p => [p.id, p]));
  renderText(doc, actors, places, quotes);
  renderLists(doc, actors, places, quotes);
  drawMap("map", doc.places.map(p => ({ lat: p.lat, lon: p.lon, label: `${p.name} (${p.feature})` })), 420, 260);
  renderCorroboration(id);
}

// renderCorroboration badges each event with how well its claim is
// corroborated across stored articles, and lists the claims with their
// independent reports and denials.
async function renderCorroboration(id) {
  const list = document.getElementById("claim-list");
  let c;
  try {
    c = await api("/api/documents/" + encodeURIComponent(id) + "/corroboration");
  } catch (e) {
    list.append(el("li", { class: "muted", text: "corroboration not available" }));
    return;
  }
  if (!c.claims.length) { list.append(el("li", { class: "muted", text: "no event claims" })); return; }
  for (const cl of c.claims) {
    for (const key of cl.event_ids || []) {
      const evId = key.slice(key.indexOf(":") + 1);
      for (const li of document.querySelectorAll("#event-list li[data-event]")) {
        if (li.getAttribute("data-event") === evId) li.insertBefore(levelBadge(cl), li.querySelector(".evidence"));
      }
    }
    const first = cl.earliest ? ` · first ${cl.earliest.published || "undated"} ${cl.earliest.outlet || ""}` : "";
    const sub = el("ul");
    for (const r of cl.reports) {
      sub.append(el("li", {}, badge(r.speaker_kind), ` ${r.outlet || "unknown outlet"} ${r.published || ""} `,
        el("a", { href: "/doc/" + Number(r.doc_id), text: "article " + Number(r.doc_id) }),
        r.copies.length ? el("span", { class: "muted", text: ` +${r.copies.length} copies collapsed` }) : null));
    }
    for (const r of cl.denials) {
      sub.append(el("li", {}, el("span", { class: "neg", text: "denial " }), badge(r.speaker_kind),
        ` ${r.outlet || "unknown outlet"} ${r.published || ""} ${r.speaker || ""} `,
        el("a", { href: "/doc/" + Number(r.doc_id), text: "article " + Number(r.doc_id) })));
    }
    list.append(el("li", { "data-claim": cl.key }, levelBadge(cl),
      el("strong", { text: ` ${cl.source_name || cl.source || "?"} → ${cl.target_name || cl.target || "?"}` }),
      el("span", { class: "muted", text: ` ${cl.types.join(", ") || cl.family} · ${plural(cl.independent_outlets, "independent outlet", "independent outlets")}${first}` }),
      sub));
  }
}

function levelBadge(cl) {
  return el("span", { class: "badge level-" + cl.level + (cl.contested ? " contested" : ""), text: cl.label,
    title: `corroboration: ${cl.level}, rank ${cl.rank} of 6${cl.contested ? ", denied by someone" : ""}` });
}

function renderSourcing(s) {
  const p = document.getElementById("sourcing");
  if (!s || !s.claims) { p.textContent = "No claims found."; return; }
  p.append(el("strong", { text: `${s.claims} claims: ` }));
  for (const [k, n] of Object.entries(s.by_kind)) {
    if (n > 0) p.append(badge(k), ` ${n}  `);
  }
}

// annotations lists every highlighted span with its class and hover text.
function annotations(doc, actors, places, quotes) {
  const out = [];
  for (const a of doc.actors) for (const m of a.mentions)
    out.push({ s: m.start, e: m.end, cls: "hl-actor", key: "data-actor", val: a.id,
      tip: `actor ${a.id}: ${a.name} (${a.type}${a.country ? ", " + a.country : ""}${a.sector ? ", " + a.sector : ""})` });
  for (const p of doc.places) for (const m of p.mentions)
    out.push({ s: m.start, e: m.end, cls: "hl-place", key: "data-place", val: p.id,
      tip: `place ${p.name}: ${p.feature}${p.admin1 ? ", " + p.admin1 : ""}${p.country ? ", " + p.country : ""}` +
        (p.lat != null ? ` (${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}) geonames ${p.geonameid}` : " (unresolved)") });
  for (const q of doc.quotes)
    out.push({ s: q.start, e: q.end, cls: "hl-quote", key: "data-quote", val: q.id,
      tip: `${q.direct ? "quote" : "claim"} ${q.id} by ${q.speaker.text || "?"} (${KIND_LABEL[q.speaker.kind] || q.speaker.kind})${q.hedged ? ", hedged" : ""}` });
  for (const ev of doc.events) {
    const t = ev.trigger || ev.evidence;
    const src = ev.source ? ev.source.actor : "?", tgt = ev.target ? ev.target.actor : "?";
    const q = quotes.get(ev.attribution);
    out.push({ s: t.start, e: t.end, cls: "hl-event", key: "data-event", val: ev.id,
      tip: `event ${ev.id}: ${src} ${ev.negated ? "NOT " : ""}${ev.plover}${ev.cameo ? " (CAMEO " + ev.cameo + ")" : ""} → ${tgt}; ` +
        `${ev.modality}; according to ${q ? q.speaker.text + " (" + q.speaker.kind + ")" : "the outlet's own voice"}` });
  }
  for (const t of doc.times)
    out.push({ s: t.start, e: t.end, cls: "hl-time", key: "data-time", val: t.value || "", tip: `time: ${t.value || "unresolved"} (${t.type})` });
  for (const q of doc.quantities)
    out.push({ s: q.start, e: q.end, cls: "hl-time", key: "data-quantity", val: q.id,
      tip: `number: ${q.value} (${q.bound})${q.of ? " of " + q.of : ""}` });
  return out;
}

// renderText splits the text at every annotation boundary (in bytes) and
// wraps each piece in spans for the annotations covering it.
function renderText(doc, actors, places, quotes) {
  const bytes = enc.encode(doc.text);
  const anns = annotations(doc, actors, places, quotes).filter(a => a.s < a.e && a.e <= bytes.length);
  const cuts = new Set([0, bytes.length]);
  for (const a of anns) { cuts.add(a.s); cuts.add(a.e); }
  for (const s of doc.sentences) { cuts.add(s.start); cuts.add(s.end); }
  // Paragraph breaks become cut points too.
  for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 10 && bytes[i + 1] === 10) cuts.add(i);
  const points = [...cuts].sort((a, b) => a - b);
  const captions = doc.sentences.filter(s => s.kind === "caption");
  const root = document.getElementById("text");
  root.replaceChildren();
  let para = el("p");
  root.append(para);
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i], e = points[i + 1];
    let piece = dec.decode(bytes.subarray(s, e));
    const parts = piece.split(/\n\n+/);
    for (let j = 0; j < parts.length; j++) {
      if (j > 0) { para = el("p"); root.append(para); }
      if (!parts[j]) continue;
      let node = document.createTextNode(parts[j].replace(/\n/g, " "));
      const covering = anns.filter(a => a.s <= s && e <= a.e).sort((a, b) => (b.e - b.s) - (a.e - a.s));
      for (const a of covering.reverse()) {
        const span = el("span", { class: a.cls, title: a.tip, [a.key]: a.val }, node);
        node = span;
      }
      para.append(node);
      if (captions.some(c => c.start <= s && e <= c.end)) para.classList.add("caption");
    }
  }
}

function renderLists(doc, actors, places, quotes) {
  const evList = document.getElementById("event-list");
  for (const ev of doc.events) {
    const src = ev.source ? (actors.get(ev.source.actor) || {}).name || ev.source.text : "—";
    const tgt = ev.target ? (actors.get(ev.target.actor) || {}).name || ev.target.text : "—";
    const q = quotes.get(ev.attribution);
    const where = ev.places.map(id => (places.get(id) || {}).name).filter(Boolean).join(", ");
    evList.append(el("li", { "data-event": ev.id },
      el("strong", { text: `${src} ` }), ev.negated ? el("span", { class: "neg", text: "NOT " }) : null,
      el("span", { class: "type", text: ev.plover, title: ev.cameo ? "CAMEO " + ev.cameo : "" }),
      el("strong", { text: ` ${tgt}` }),
      el("span", { class: "muted", text: ` · ${ev.modality}${where ? " · " + where : ""}${ev.date ? " · " + ev.date : ""} ` }),
      badge(q ? q.speaker.kind : (ev.attribution ? "unattributed" : "unattributed")),
      el("span", { class: "evidence", text: sliceBytes(doc.text, ev.evidence) })));
  }
  const qList = document.getElementById("quote-list");
  for (const q of doc.quotes) {
    qList.append(el("li", { "data-quote": q.id }, badge(q.speaker.kind),
      el("strong", { text: " " + (q.speaker.text || "unknown") }),
      el("span", { class: "muted", text: ` ${q.cue || ""}${q.hedged ? " (hedged)" : ""}${q.direct ? "" : " (reported)"}` }),
      el("span", { class: "evidence", text: q.text })));
  }
  const aList = document.getElementById("actor-list");
  for (const a of doc.actors) {
    aList.append(el("li", {}, el("strong", { text: a.name }),
      el("span", { class: "muted", text: ` ${a.id} · ${a.type}${a.country ? " · " + a.country : ""}${a.sector ? " · " + a.sector : ""} · ${plural(a.mentions.length, "mention", "mentions")}` })));
  }
  const rList = document.getElementById("removed-list");
  for (const r of doc.removed) rList.append(el("li", {}, el("span", { class: "badge unattributed", text: r.reason }), " " + r.text));
}

function sliceBytes(text, span) {
  return dec.decode(enc.encode(text).subarray(span.start, span.end));
}

main().catch(err => { document.getElementById("title").textContent = "error: " + err.message; });

// The sitrep page: a map, a timeline brush, filters, a table and an event panel with
// review, over the REST API of docs/api.md.  Plain ES2020, no build step.
//
// Everything the server sends is untrusted (article text, titles, actor and place
// names): it only ever enters the document through textContent, text nodes and
// attribute values, never as markup.  The page runs under a CSP without inline script
// or style.

const TAXONOMY = {
  // src/sitrep/taxonomy.py: ACLED's 6 event types and 25 sub-event types.
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": [
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
  ],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  Protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": [
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
  ],
};
const EVENT_TYPES = Object.keys(TAXONOMY);
const TYPE_OF = new Map(EVENT_TYPES.flatMap((type) => TAXONOMY[type].map((sub) => [sub, type])));
// src/sitrep/types.py ACTOR_TYPES.
const ACTOR_TYPES = [
  "state forces",
  "rebel group",
  "political militia",
  "identity militia",
  "rioters",
  "protesters",
  "civilians",
  "external/other forces",
];
// docs/api.md "Editable fields" (src/sitrep/store/review.py EDITABLE_FIELDS).
const EDITABLE_FIELDS = [
  "sub_event_type",
  "actor1",
  "actor1_type",
  "actor2",
  "actor2_type",
  "place",
  "date_start",
  "date_end",
  "fatalities_low",
  "fatalities_best",
  "fatalities_high",
  "is_background",
];
const COLOURS = {
  Battles: "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  Protests: "#2471a3",
  Riots: "#d4ac0d",
  "Strategic developments": "#229954",
};
const OTHER_COLOUR = "#7f8c8d";
const SHORT_TYPES = {
  Battles: "Battles",
  "Explosions/Remote violence": "Explosions",
  "Violence against civilians": "Civilians",
  Protests: "Protests",
  Riots: "Riots",
  "Strategic developments": "Strategic",
};
const FILTERS = [
  "country",
  "event_type",
  "sub_event_type",
  "actor",
  "q",
  "fatalities_min",
  "background",
  "status",
  "since",
  "until",
];
const DEFAULTS = { background: "include", status: "active" };
const MAX_EVENTS = 5000;
const PAGE_SIZE = 1000;
const TOKEN_KEY = "sitrep.token";
const DAY = 86400000;

const state = {
  config: { tiles_url: "", tiles_attribution: "", basemap: "", writable: false },
  events: [],
  markers: new Map(),
  rows: new Map(),
  selected: null,
  loadSeq: 0,
  loads: 0,
  controller: null,
  panelSeq: 0,
  domain: null, // [startMs, endMs) of the timeline, from the last load without dates
  map: null,
  markerLayer: null,
};

// ---------------------------------------------------------------------------
// DOM helpers: the only ways this file puts data into the document
// ---------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  setProps(node, props);
  appendAll(node, children);
  return node;
}

function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setProps(node, attrs);
  appendAll(node, children);
  return node;
}

function setProps(node, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.setAttribute("class", value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "on") {
      for (const [type, handler] of Object.entries(value)) node.addEventListener(type, handler);
    } else if (/^on/i.test(key) || key === "style" || key === "href" || key === "src") {
      throw new Error(`el(): set ${key} through its own helper`);
    } else node.setAttribute(key, value === true ? "" : String(value));
  }
}

function appendAll(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// A link only for http(s) URLs; anything else (javascript:, data:) is shown as text.
function linkOrText(url, label) {
  const text = label || url || "";
  if (typeof url === "string") {
    try {
      const parsed = new URL(url, window.location.href);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") {
        const a = el("a", { rel: "noopener noreferrer", target: "_blank", text });
        a.href = parsed.href;
        return a;
      }
    } catch {
      // not a URL: fall through to text
    }
  }
  return el("span", { class: "not-a-link", text });
}

function clear(node) {
  node.replaceChildren();
  return node;
}

function fmt(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// ---------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

function detailText(data) {
  const detail = data && typeof data === "object" ? data.detail : null;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    // FastAPI's validation errors: [{loc, msg, type}, ...]
    return detail
      .map((d) =>
        d && typeof d === "object" ? [fmtLoc(d.loc), d.msg].filter(Boolean).join(": ") : String(d),
      )
      .join("; ");
  }
  if (detail !== null && detail !== undefined) return JSON.stringify(detail);
  return "";
}

function fmtLoc(loc) {
  return Array.isArray(loc) ? loc.filter((p) => p !== "body").join(".") : "";
}

async function api(path, { method = "GET", body, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    const token = readToken();
    if (token) headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    credentials: "same-origin",
    cache: "no-store",
  });
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      detailText(data) || `${response.status} ${response.statusText}`,
    );
  }
  return data;
}

function readToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  } catch {
    return "";
  }
}

function writeToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token lives only in the box
  }
  showTokenState();
}

function showTokenState() {
  const token = readToken();
  $("token-state").textContent = token ? "token set for this tab" : "no token: read-only";
  $("token-box").classList.toggle("has-token", Boolean(token));
}

function showError(message) {
  const banner = $("error");
  banner.textContent = message;
  banner.hidden = !message;
}

// ---------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------

function fillSelects() {
  const typeSelect = $("f-event_type");
  for (const type of EVENT_TYPES) typeSelect.append(el("option", { value: type, text: type }));
  fillSubTypes("");
}

function fillSubTypes(type) {
  const select = $("f-sub_event_type");
  const keep = select.value;
  clear(select).append(el("option", { value: "", text: "any" }));
  for (const t of type ? [type] : EVENT_TYPES) {
    const group = el("optgroup", { label: t });
    for (const sub of TAXONOMY[t]) group.append(el("option", { value: sub, text: sub }));
    select.append(group);
  }
  select.value = keep && (!type || TYPE_OF.get(keep) === type) ? keep : "";
}

function filterParams() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = $(`f-${name}`).value.trim();
    if (value && value !== DEFAULTS[name]) params.set(name, value);
  }
  return params;
}

function applyParams(params) {
  for (const name of FILTERS) {
    const input = $(`f-${name}`);
    const value = params.get(name);
    if (name === "event_type") {
      input.value = value && TAXONOMY[value] ? value : "";
      fillSubTypes(input.value);
    } else if (input.tagName === "SELECT") {
      input.value = value || DEFAULTS[name] || "";
      if (input.selectedIndex < 0) input.value = DEFAULTS[name] || "";
    } else {
      input.value = value || "";
    }
  }
}

let debounce = null;
function scheduleLoad(delay = 350) {
  clearTimeout(debounce);
  debounce = setTimeout(() => loadEvents(), delay);
}

function wireFilters() {
  for (const name of FILTERS) {
    const input = $(`f-${name}`);
    if (input.tagName === "SELECT" || input.type === "date") {
      input.addEventListener("change", () => {
        if (name === "event_type") fillSubTypes(input.value);
        if (name === "sub_event_type" && input.value) {
          // A sub-event type implies its event type; show the two together.
          $("f-event_type").value = TYPE_OF.get(input.value) || "";
          fillSubTypes($("f-event_type").value);
        }
        scheduleLoad(0);
      });
    } else {
      input.addEventListener("input", () => scheduleLoad());
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter") scheduleLoad(0);
      });
    }
  }
  $("reset-filters").addEventListener("click", () => {
    applyParams(new URLSearchParams());
    scheduleLoad(0);
  });
}

// ---------------------------------------------------------------------------
// Loading events
// ---------------------------------------------------------------------------

// Loads every page of events for the filters (up to MAX_EVENTS) and redraws; ``fit``
// moves the map to them (not after a review, which should leave the view alone).
async function loadEvents({ fit = true } = {}) {
  clearTimeout(debounce);
  if (state.controller) state.controller.abort();
  const controller = new AbortController();
  state.controller = controller;
  const seq = ++state.loadSeq;
  const params = filterParams();
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  document.body.dataset.state = "loading";
  $("count").textContent = "Loading events…";
  const events = [];
  let cursor = null;
  let truncated = false;
  try {
    do {
      const page = new URLSearchParams(params);
      page.set("limit", String(Math.min(PAGE_SIZE, MAX_EVENTS - events.length)));
      if (cursor) page.set("cursor", cursor);
      const data = await api(`/events?${page}`, { signal: controller.signal });
      events.push(...(data.events || []));
      cursor = data.next_cursor || null;
      if (seq !== state.loadSeq) return;
      $("count").textContent = `Loading… ${events.length} events`;
      if (events.length >= MAX_EVENTS && cursor) {
        truncated = true;
        break;
      }
    } while (cursor);
  } catch (err) {
    if (err.name === "AbortError" || seq !== state.loadSeq) return;
    document.body.dataset.state = "error";
    $("count").textContent = "Could not load events";
    showError(`Loading events failed: ${err.message}`);
    finishLoad();
    return;
  }
  if (seq !== state.loadSeq) return;
  showError("");
  state.events = events;
  if (!params.has("since") && !params.has("until")) state.domain = dateExtent(events);
  renderCount(events, truncated);
  renderMarkers(events, fit);
  renderTable(events);
  renderTimeline(events);
  renderCountryList(events);
  if (state.selected) highlight(state.selected);
  document.body.dataset.state = "ready";
  finishLoad();
}

function finishLoad() {
  state.loads += 1;
  document.body.dataset.loads = String(state.loads);
}

function located(ev) {
  return Number.isFinite(ev.lat) && Number.isFinite(ev.lon);
}

function renderCount(events, truncated) {
  const onMap = events.filter(located).length;
  const parts = [`${events.length} event${events.length === 1 ? "" : "s"}`, `${onMap} on the map`];
  if (onMap < events.length) parts.push(`${events.length - onMap} without coordinates`);
  const count = $("count");
  count.textContent = parts.join(" · ");
  count.dataset.events = String(events.length);
  count.dataset.located = String(onMap);
  if (truncated) {
    count.append(
      el("strong", {
        class: "truncated",
        text: ` · the first ${MAX_EVENTS} only: narrow the filters`,
      }),
    );
  }
}

function renderCountryList(events) {
  const list = clear($("country-list"));
  const seen = new Set();
  for (const ev of events) {
    if (ev.country && !seen.has(ev.country)) {
      seen.add(ev.country);
      list.append(el("option", { value: ev.country }));
    }
  }
}

// ---------------------------------------------------------------------------
// The map
// ---------------------------------------------------------------------------

function colourOf(type) {
  return COLOURS[type] || OTHER_COLOUR;
}

function radiusOf(fatalities) {
  const n = Number.isFinite(fatalities) && fatalities > 0 ? fatalities : 0;
  return Math.min(4 + 2.2 * Math.sqrt(n), 34);
}

// Leaflet renders attribution strings as HTML; this control renders them as text.
function plainAttribution(text) {
  return String(text || "")
    .replace(/<[^>]*>/g, "")
    .replace(/&copy;/g, "©")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

function initMap() {
  const map = L.map("map", { attributionControl: false, worldCopyJump: true, minZoom: 1 });
  map.setView([20, 20], 2);
  map.createPane("basemap");
  map.getPane("basemap").classList.add("basemap-pane");
  const attribution = L.control({ position: "bottomright" });
  attribution.onAdd = () =>
    el("div", { class: "leaflet-control-attribution map-attribution", id: "attribution" });
  attribution.addTo(map);
  state.map = map;
  state.markerLayer = L.featureGroup().addTo(map);
  addLegend(map);
  return map;
}

async function addBasemap() {
  const map = state.map;
  const attribution = $("attribution");
  if (state.config.tiles_url) {
    L.tileLayer(state.config.tiles_url, { maxZoom: 18, pane: "basemap" }).addTo(map);
    attribution.textContent = plainAttribution(state.config.tiles_attribution);
    document.body.dataset.basemap = "tiles";
    return;
  }
  attribution.textContent = "Outlines: Natural Earth";
  if (!state.config.basemap) return;
  try {
    const response = await fetch(state.config.basemap, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`${response.status}`);
    const outlines = unwrapAntimeridian(await response.json());
    L.geoJSON(outlines, {
      pane: "basemap",
      renderer: L.canvas({ pane: "basemap" }),
      interactive: false,
      style: { color: "#9aa3ab", weight: 0.6, fillColor: "#e4e7ea", fillOpacity: 1 },
    }).addTo(map);
    document.body.dataset.basemap = "ready";
  } catch (err) {
    attribution.textContent = `No basemap (${err.message})`;
    document.body.dataset.basemap = "error";
  }
}

// Natural Earth cuts Russia and Fiji at the antimeridian, so their rings jump from
// -180 to 180 and back; drawn as is, each jump is a stroke across the whole map.
// Shifting the points between two jumps by 360 degrees keeps each ring in one piece.
function unwrapAntimeridian(collection) {
  const unwrap = (ring) => {
    let jumps = 0;
    for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) jumps++;
    if (jumps === 0 || jumps % 2) return ring; // Antarctica circles the pole: leave it
    let shift = 0;
    return ring.map((point, i) => {
      if (i > 0) {
        const step = point[0] - ring[i - 1][0];
        if (step > 180) shift -= 360;
        else if (step < -180) shift += 360;
      }
      return [point[0] + shift, point[1]];
    });
  };
  for (const feature of collection.features || []) {
    const geometry = feature.geometry;
    if (!geometry) continue;
    if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrap);
    else if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map((polygon) => polygon.map(unwrap));
    }
  }
  return collection;
}

function addLegend(map) {
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const box = el("div", { class: "legend", "aria-label": "Event types" });
    for (const type of EVENT_TYPES) {
      box.append(el("div", { class: "legend-row" }, swatch(type), type));
    }
    box.append(el("div", { class: "legend-note", text: "Size: √ fatalities" }));
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  legend.addTo(map);
}

function swatch(type) {
  return svgEl(
    "svg",
    { class: "swatch", width: 12, height: 12, viewBox: "0 0 12 12", "aria-hidden": "true" },
    svgEl("circle", {
      cx: 6,
      cy: 6,
      r: 5,
      fill: colourOf(type),
      stroke: "#333",
      "stroke-width": 0.6,
    }),
  );
}

function tooltipNode(ev) {
  return el(
    "div",
    { class: "tip" },
    el("strong", { text: ev.sub_event_type || ev.event_type || "event" }),
    el("div", { text: [ev.place_name, ev.country].filter(Boolean).join(", ") || "no place" }),
    el("div", { text: `${dateText(ev)} · killed ${fmt(ev.fatalities_best)}` }),
  );
}

function renderMarkers(events, fit) {
  state.markerLayer.clearLayers();
  state.markers.clear();
  const drawn = events.filter(located);
  // Big circles first, so small ones stay clickable on top.
  drawn.sort((a, b) => (b.fatalities_best || 0) - (a.fatalities_best || 0));
  for (const ev of drawn) {
    const statusClass = /^[a-z]+$/.test(ev.status || "") ? ` status-${ev.status}` : "";
    const marker = L.circleMarker([ev.lat, ev.lon], {
      radius: radiusOf(ev.fatalities_best),
      color: "#263238",
      weight: 1,
      opacity: 0.8,
      fillColor: colourOf(ev.event_type),
      fillOpacity: 0.72,
      className: `event-marker${statusClass}`,
    });
    // A function returning a DOM node: Leaflet then appends it, never parses HTML.
    marker.bindTooltip(() => tooltipNode(ev), { direction: "top", offset: [0, -4] });
    marker.on("click", () => openPanel(ev.id));
    marker.addTo(state.markerLayer);
    const path = marker.getElement();
    if (path) {
      path.setAttribute("data-event-id", ev.id);
      path.setAttribute("data-event-type", ev.event_type || "");
    }
    state.markers.set(ev.id, marker);
  }
  if (fit && drawn.length) {
    state.map.fitBounds(state.markerLayer.getBounds(), { padding: [30, 30], maxZoom: 8 });
  }
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

function dateText(ev) {
  if (!ev.date_start) return "undated";
  return isRange(ev) ? `${ev.date_start} – ${ev.date_end}` : ev.date_start;
}

function isRange(ev) {
  return Boolean(ev.date_start && ev.date_end && ev.date_end !== ev.date_start);
}

function actorsText(ev) {
  return [ev.actor1, ev.actor2].filter(Boolean).join(" vs ") || "—";
}

function renderTable(events) {
  const body = $("events-body");
  const rows = document.createDocumentFragment();
  state.rows.clear();
  for (const ev of events) {
    const place = [ev.place_name, ev.country].filter(Boolean).join(", ");
    const killed = ev.fatalities_best;
    const range =
      ev.fatalities_low !== ev.fatalities_high &&
      ev.fatalities_low !== null &&
      ev.fatalities_high !== null
        ? `${ev.fatalities_low}–${ev.fatalities_high}`
        : null;
    const row = el(
      "tr",
      { tabindex: 0, dataset: { eventId: ev.id, status: ev.status || "" } },
      el(
        "td",
        { class: "date", title: dateText(ev) },
        ev.date_start || "undated",
        isRange(ev) ? el("sup", { text: "+" }) : null,
      ),
      el(
        "td",
        { class: "type", title: ev.event_type },
        swatch(ev.event_type),
        SHORT_TYPES[ev.event_type] || ev.event_type || "—",
      ),
      el("td", { class: "sub", title: ev.sub_event_type, text: ev.sub_event_type || "—" }),
      el("td", { class: "actors", title: actorsText(ev), text: actorsText(ev) }),
      el("td", { class: "place", title: place, text: place || "—" }),
      el("td", {
        class: "num fatalities",
        title: range ? `range ${range}` : null,
        text: fmt(killed),
      }),
      el(
        "td",
        { class: "status" },
        el("span", { class: `badge badge-${safeClass(ev.status)}`, text: ev.status || "—" }),
      ),
    );
    if (ev.is_background) row.classList.add("background");
    state.rows.set(ev.id, row);
    rows.append(row);
  }
  clear(body).append(rows);
  $("table-empty").hidden = events.length > 0;
}

function safeClass(value) {
  return /^[a-z]+$/.test(value || "") ? value : "other";
}

function wireTable() {
  const body = $("events-body");
  const open = (target) => {
    const row = target.closest("tr[data-event-id]");
    if (row) openPanel(row.dataset.eventId);
  };
  body.addEventListener("click", (e) => open(e.target));
  body.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      open(e.target);
    }
  });
}

function highlight(id) {
  for (const row of document.querySelectorAll("#events-body tr.selected"))
    row.classList.remove("selected");
  for (const [markerId, marker] of state.markers) {
    if (marker.options.weight !== 1 && markerId !== id)
      marker.setStyle({ weight: 1, color: "#263238" });
  }
  const row = state.rows.get(id);
  if (row) {
    row.classList.add("selected");
    row.scrollIntoView({ block: "nearest" });
  }
  const marker = state.markers.get(id);
  if (marker) {
    marker.setStyle({ weight: 3, color: "#000" });
    marker.bringToFront();
  }
}

// ---------------------------------------------------------------------------
// The timeline brush
// ---------------------------------------------------------------------------

function dayMs(iso) {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? t : null;
}

function isoOf(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function dateExtent(events) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const ev of events) {
    const start = ev.date_start ? dayMs(ev.date_start) : null;
    if (start === null) continue;
    const end = (ev.date_end && dayMs(ev.date_end)) || start;
    lo = Math.min(lo, start);
    hi = Math.max(hi, end);
  }
  return Number.isFinite(lo) ? [lo, hi + DAY] : null;
}

function binUnit(domain) {
  const days = (domain[1] - domain[0]) / DAY;
  if (days <= 120) return "day";
  if (days <= 3 * 366) return "week";
  return "month";
}

function binStart(ms, unit) {
  if (unit === "day") return ms - (ms % DAY);
  if (unit === "week") {
    const day = ms - (ms % DAY);
    const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
    return day - weekday * DAY;
  }
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function binNext(ms, unit) {
  if (unit === "day") return ms + DAY;
  if (unit === "week") return ms + 7 * DAY;
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

const timeline = { width: 0, height: 84, pad: 8, axis: 16, domain: null, unit: "day" };

function xOf(ms) {
  const [t0, t1] = timeline.domain;
  return timeline.pad + ((ms - t0) / (t1 - t0)) * (timeline.width - 2 * timeline.pad);
}

function msOf(x) {
  const [t0, t1] = timeline.domain;
  const f = (x - timeline.pad) / (timeline.width - 2 * timeline.pad);
  return t0 + Math.min(Math.max(f, 0), 1) * (t1 - t0);
}

function renderTimeline(events) {
  const box = clear($("timeline"));
  const since = $("f-since").value;
  const until = $("f-until").value;
  $("timeline-clear").disabled = !since && !until;
  $("timeline-label").textContent =
    since || until
      ? `Dates: ${since || "…"} to ${until || "…"}`
      : "Drag across the bars to pick dates";
  const extent = dateExtent(events);
  let domain = state.domain || extent;
  if (domain && extent) domain = [Math.min(domain[0], extent[0]), Math.max(domain[1], extent[1])];
  if (!domain) {
    box.append(el("p", { class: "empty", text: "No dated events" }));
    timeline.domain = null;
    return;
  }
  const unit = binUnit(domain);
  domain = [binStart(domain[0], unit), binNext(binStart(domain[1] - 1, unit), unit)];
  timeline.domain = domain;
  timeline.unit = unit;
  timeline.width = Math.max(box.clientWidth, 200);
  timeline.height = Math.max(box.clientHeight, 48);
  const { width, height, axis } = timeline;
  const counts = new Map();
  for (const ev of events) {
    const start = ev.date_start ? dayMs(ev.date_start) : null;
    if (start === null) continue;
    const bin = binStart(start, unit);
    counts.set(bin, (counts.get(bin) || 0) + 1);
  }
  const most = Math.max(1, ...counts.values());
  const svg = svgEl("svg", {
    id: "timeline-svg",
    class: "timeline-svg",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Events per ${unit}`,
    dataset: { unit, start: isoOf(domain[0]), end: isoOf(domain[1] - DAY) },
  });
  const barsHeight = height - axis - 4;
  for (let bin = domain[0]; bin < domain[1]; bin = binNext(bin, unit)) {
    const n = counts.get(bin) || 0;
    if (!n) continue;
    const x0 = xOf(bin);
    const x1 = xOf(binNext(bin, unit));
    const h = Math.max(2, (n / most) * barsHeight);
    svg.append(
      svgEl(
        "rect",
        {
          class: "bar",
          x: x0 + 0.5,
          y: 4 + barsHeight - h,
          width: Math.max(1, x1 - x0 - 1),
          height: h,
          dataset: { bin: isoOf(bin), count: n },
        },
        svgEl("title", { text: `${unit} of ${isoOf(bin)}: ${n} event${n === 1 ? "" : "s"}` }),
      ),
    );
  }
  svg.append(
    svgEl("line", {
      class: "axis",
      x1: timeline.pad,
      x2: width - timeline.pad,
      y1: height - axis,
      y2: height - axis,
    }),
  );
  for (const tick of ticks(domain)) {
    const x = xOf(tick.ms);
    svg.append(
      svgEl("line", { class: "tick", x1: x, x2: x, y1: height - axis, y2: height - axis + 4 }),
    );
    svg.append(svgEl("text", { class: "tick-label", x: x + 2, y: height - 3, text: tick.label }));
  }
  if (since || until) {
    const a = since ? dayMs(since) : domain[0];
    const b = until ? dayMs(until) + DAY : domain[1];
    if (a !== null && b !== null) {
      const x0 = Math.max(xOf(a), timeline.pad);
      const x1 = Math.min(xOf(b), width - timeline.pad);
      if (x1 > x0) {
        svg.append(
          svgEl("rect", {
            class: "selection",
            id: "timeline-selection",
            x: x0,
            y: 0,
            width: x1 - x0,
            height: height - axis,
          }),
        );
      }
    }
  }
  const brush = svgEl("rect", { class: "brush", x: 0, y: 0, width: 0, height: height - axis });
  svg.append(brush);
  wireBrush(svg, brush);
  box.append(svg);
}

function ticks(domain) {
  const days = (domain[1] - domain[0]) / DAY;
  const out = [];
  const first = new Date(domain[0]);
  if (days > 3 * 366) {
    for (let y = first.getUTCFullYear() + 1; Date.UTC(y, 0, 1) < domain[1]; y++) {
      out.push({ ms: Date.UTC(y, 0, 1), label: String(y) });
    }
  } else {
    const step = days > 400 ? 3 : days > 120 ? 1 : 0;
    if (step) {
      for (let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1); m < domain[1];) {
        const d = new Date(m);
        if (d.getUTCMonth() % step === 0) out.push({ ms: m, label: isoOf(m).slice(0, 7) });
        m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      }
    } else {
      const every = Math.max(1, Math.ceil(days / 8));
      for (let t = domain[0]; t < domain[1]; t += every * DAY)
        out.push({ ms: t, label: isoOf(t).slice(5) });
    }
  }
  // Keep labels apart.
  const spaced = [];
  for (const tick of out) {
    if (!spaced.length || xOf(tick.ms) - xOf(spaced[spaced.length - 1].ms) > 60) spaced.push(tick);
  }
  return spaced;
}

function wireBrush(svg, brush) {
  let startX = null;
  const local = (e) => {
    const rect = svg.getBoundingClientRect();
    return Math.min(Math.max(e.clientX - rect.left, timeline.pad), timeline.width - timeline.pad);
  };
  svg.addEventListener("pointerdown", (e) => {
    if (!timeline.domain || e.button !== 0) return;
    startX = local(e);
    svg.setPointerCapture(e.pointerId);
    brush.setAttribute("x", startX);
    brush.setAttribute("width", 0);
    brush.classList.add("active");
    e.preventDefault();
  });
  svg.addEventListener("pointermove", (e) => {
    if (startX === null) return;
    const x = local(e);
    brush.setAttribute("x", Math.min(x, startX));
    brush.setAttribute("width", Math.abs(x - startX));
  });
  const finish = (e) => {
    if (startX === null) return;
    const x = local(e);
    const a = Math.min(x, startX);
    const b = Math.max(x, startX);
    startX = null;
    brush.classList.remove("active");
    const unit = timeline.unit;
    // A click picks the one bin under the pointer; a drag every bin it touches.
    const first = binStart(msOf(a), unit);
    const last = binStart(Math.max(msOf(b) - 1, msOf(a)), unit);
    const since = Math.max(first, timeline.domain[0]);
    const until = Math.min(binNext(last, unit), timeline.domain[1]) - DAY;
    $("f-since").value = isoOf(since);
    $("f-until").value = isoOf(Math.max(until, since));
    loadEvents();
  };
  svg.addEventListener("pointerup", finish);
  svg.addEventListener("pointercancel", () => {
    startX = null;
    brush.classList.remove("active");
    brush.setAttribute("width", 0);
  });
}

function wireTimeline() {
  $("timeline-clear").addEventListener("click", () => {
    $("f-since").value = "";
    $("f-until").value = "";
    loadEvents();
  });
  // The timeline redraws when its size changes (window resized, drawer opened).
  let size = "";
  let pending = null;
  new ResizeObserver((entries) => {
    const rect = entries[entries.length - 1].contentRect;
    const now = `${Math.round(rect.width)}x${Math.round(rect.height)}`;
    if (now === size) return;
    size = now;
    clearTimeout(pending);
    pending = setTimeout(() => renderTimeline(state.events), 100);
  }).observe($("timeline"));
}

function wireLayout() {
  // The drawer starts below the header, whose height depends on how the filters wrap.
  const header = document.querySelector("header.top");
  new ResizeObserver(() => {
    document.documentElement.style.setProperty("--header-height", `${header.offsetHeight}px`);
  }).observe(header);
  new ResizeObserver(() => {
    if (state.map) state.map.invalidateSize();
  }).observe($("map"));
}

// ---------------------------------------------------------------------------
// The event panel
// ---------------------------------------------------------------------------

function confidenceOf(reports, key) {
  for (const report of reports) {
    for (const c of report.field_confidence || []) {
      if (c.field === key) return c;
    }
  }
  return null;
}

function confidenceCell(conf) {
  if (!conf || !Number.isFinite(conf.score)) return el("td", { class: "conf none", text: "—" });
  const pct = Math.round(conf.score * 100);
  const level = conf.score >= 0.75 ? "high" : conf.score >= 0.5 ? "mid" : "low";
  return el(
    "td",
    { class: `conf ${level}`, title: conf.reason || null },
    el("meter", { min: 0, max: 1, value: conf.score, "aria-label": `confidence ${pct}%` }),
    el("span", { class: "conf-score", text: ` ${pct}%` }),
    conf.reason ? el("div", { class: "conf-reason", text: conf.reason }) : null,
  );
}

function placeText(place) {
  const p = place && place.place;
  if (!p) return place && place.span ? `${place.span.text} (not resolved)` : null;
  const where = [p.name, p.admin1, p.country].filter(Boolean).join(", ");
  return `${where} (${Number(p.lat).toFixed(4)}, ${Number(p.lon).toFixed(4)})`;
}

// One row per group of fields: [label, value, key in field_confidence and evidence,
// the editable fields it shows].
function fieldRows(ev) {
  const actor = (r) => (r ? `${r.name}${r.actor_type ? ` (${r.actor_type})` : ""}` : null);
  const dates = ev.date_start
    ? `${dateText(ev)}${ev.time_precision ? ` · time precision ${ev.time_precision}` : ""}`
    : null;
  const place = placeText(ev.place);
  const fatalities =
    ev.fatalities_best === null || ev.fatalities_best === undefined
      ? null
      : `${ev.fatalities_best} (low ${fmt(ev.fatalities_low)}, high ${fmt(ev.fatalities_high)})`;
  return [
    ["Type", `${fmt(ev.event_type)} › ${fmt(ev.sub_event_type)}`, "event_type", ["sub_event_type"]],
    ["Actor 1", actor(ev.actor1), "actor1", ["actor1", "actor1_type"]],
    ["Actor 2", actor(ev.actor2), "actor2", ["actor2", "actor2_type"]],
    [
      "Place",
      place && ev.place.geo_precision
        ? `${place} · geo precision ${ev.place.geo_precision}`
        : place,
      "place",
      ["place"],
    ],
    ["Date", dates, "date", ["date_start", "date_end"]],
    [
      "Fatalities",
      fatalities,
      "fatalities",
      ["fatalities_low", "fatalities_best", "fatalities_high"],
    ],
    ["Background", ev.is_background ? "yes" : "no", "is_background", ["is_background"]],
  ];
}

async function openPanel(id) {
  state.selected = id;
  highlight(id);
  const panel = $("panel");
  const opening = panel.hidden;
  panel.hidden = false;
  document.body.classList.add("panel-open");
  if (opening) state.map.invalidateSize({ pan: false });
  const marker = state.markers.get(id);
  if (marker) state.map.panTo(marker.getLatLng());
  panel.dataset.eventId = id;
  panel.dataset.state = "loading";
  const seq = ++state.panelSeq;
  let detail;
  try {
    detail = await api(`/events/${encodeURIComponent(id)}`);
  } catch (err) {
    if (seq !== state.panelSeq) return;
    clear($("panel-body")).append(
      el("p", { class: "error", text: `Could not load event ${id}: ${err.message}` }),
    );
    panel.dataset.state = "error";
    return;
  }
  if (seq !== state.panelSeq) return;
  renderPanel(detail, seq);
}

function closePanel() {
  state.panelSeq += 1;
  state.selected = null;
  $("panel").hidden = true;
  delete $("panel").dataset.renderedId;
  document.body.classList.remove("panel-open");
  state.map.invalidateSize({ pan: false });
  highlight(null);
}

function renderPanel(detail, seq) {
  const ev = detail.event || detail;
  const status = detail.status || ev.status || "unreviewed";
  const reports = ev.reports || [];
  const overrides = detail.overrides || {};
  const audit = detail.audit || [];
  let articles = detail.articles || [];
  if (!articles.length) {
    articles = [...new Set(reports.map((r) => r.article_id))].map((aid) => ({ id: aid }));
  }
  const panel = $("panel");
  panel.dataset.status = status;
  $("panel-title").textContent = ev.sub_event_type || ev.event_type || "Event";
  // A refresh after a review keeps the reviewer where they were.
  const scroll = panel.dataset.renderedId === ev.id ? $("panel-body").scrollTop : 0;
  panel.dataset.renderedId = ev.id;
  const body = clear($("panel-body"));

  body.append(
    el(
      "div",
      { class: "panel-summary" },
      el("span", { class: `badge badge-${safeClass(status)}`, id: "panel-status", text: status }),
      " ",
      el("span", {
        class: "muted",
        text: `${dateText(ev)} · ${placeText(ev.place) || "no place"}`,
      }),
      el("div", { class: "event-id" }, "id ", el("code", { id: "panel-event-id", text: ev.id })),
    ),
  );

  // Fields and their confidence.
  const fields = el(
    "table",
    { class: "fields", id: "panel-fields" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { text: "Field" }),
        el("th", { text: "Value" }),
        el("th", { text: "Confidence" }),
      ),
    ),
  );
  const tbody = el("tbody");
  for (const [label, value, key, reviewed] of fieldRows(ev)) {
    const isOverridden = reviewed.some((f) => Object.prototype.hasOwnProperty.call(overrides, f));
    const row = el(
      "tr",
      { dataset: { field: key, fields: reviewed.join(" ") } },
      el("th", { scope: "row", text: label }),
      el(
        "td",
        { class: "value" },
        fmt(value),
        isOverridden ? el("span", { class: "reviewed", text: " reviewed" }) : null,
      ),
      isOverridden
        ? el("td", { class: "conf reviewed-conf", text: "set by a reviewer" })
        : confidenceCell(confidenceOf(reports, key)),
    );
    row.addEventListener("click", () => flashEvidence(key));
    tbody.append(row);
  }
  tbody.append(
    el(
      "tr",
      {},
      el("th", { scope: "row", text: "Overall" }),
      el("td", { text: fmt(ev.confidence) }),
      el("td", { text: `${reports.length} report${reports.length === 1 ? "" : "s"}` }),
    ),
  );
  fields.append(tbody);
  body.append(section("Fields", [fields]));

  body.append(reviewSection(ev, status));
  body.append(section("Audit trail", [auditTable(audit)], "panel-audit"));

  // Reports, grouped under their articles (the article text loads after).
  const titles = new Map(articles.map((a) => [a.id, a]));
  const reportList = el("ol", { class: "reports", id: "panel-reports" });
  for (const report of reports) {
    const ref = titles.get(report.article_id) || {};
    reportList.append(
      el(
        "li",
        { class: "report", dataset: { articleId: report.article_id } },
        el(
          "div",
          { class: "report-head" },
          el("strong", { text: report.sub_event_type || "—" }),
          el("span", { class: "muted", text: ` · confidence ${fmt(report.confidence)}` }),
        ),
        el("blockquote", { class: "sentence", text: report.sentence ? report.sentence.text : "" }),
        el("div", { class: "muted", text: `from: ${ref.title || report.article_id}` }),
        report.source
          ? el("div", { class: "muted", text: `according to: ${report.source.source}` })
          : null,
        el(
          "ul",
          { class: "chips" },
          (report.field_confidence || []).map((c) =>
            el(
              "li",
              { class: "chip", title: c.reason || null, dataset: { field: c.field } },
              `${c.field} ${Math.round((c.score || 0) * 100)}%`,
            ),
          ),
        ),
      ),
    );
  }
  body.append(section("Reports", [reportList]));

  const articleBox = el("div", { class: "articles", id: "panel-articles" });
  body.append(
    section("Articles", [
      el("p", { class: "muted", text: "Highlights mark the words each field was read from." }),
      fieldKey(),
      articleBox,
    ]),
  );
  const slots = articles.map((ref) => {
    const slot = el(
      "article",
      { class: "article", dataset: { articleId: ref.id, state: "loading" } },
      el("p", { class: "muted", text: "Loading article…" }),
    );
    articleBox.append(slot);
    return slot;
  });
  body.scrollTop = scroll;
  panel.dataset.state = "ready";
  Promise.all(
    articles.map((ref, i) =>
      loadArticle(
        ref,
        reports.filter((r) => r.article_id === ref.id),
        slots[i],
        seq,
      ),
    ),
  ).then(() => {
    if (seq === state.panelSeq) panel.dataset.articles = "ready";
  });
  panel.dataset.articles = "loading";
}

function section(title, children, id = null) {
  return el("section", { class: "panel-section", id }, el("h3", { text: title }), children);
}

const EVIDENCE_FIELDS = [
  "event_type",
  "actor1",
  "actor2",
  "place",
  "date",
  "fatalities",
  "injured",
  "source",
];

function fieldKey() {
  return el(
    "p",
    { class: "field-key" },
    EVIDENCE_FIELDS.map((f) =>
      el("mark", { class: "evidence key", dataset: { field: f }, text: f }),
    ),
  );
}

async function loadArticle(ref, reports, slot, seq) {
  let data;
  try {
    data = await api(`/articles/${encodeURIComponent(ref.id)}`);
  } catch (err) {
    if (seq !== state.panelSeq) return;
    clear(slot).append(
      el("p", { class: "error", text: `Could not load article ${ref.id}: ${err.message}` }),
    );
    slot.dataset.state = "error";
    return;
  }
  if (seq !== state.panelSeq) return;
  const article = data.article || data;
  const text = typeof article.text === "string" ? article.text : "";
  const spans = [];
  for (const report of reports) {
    for (const ev of report.evidence || []) spans.push(ev);
  }
  const meta = [article.outlet || ref.outlet, article.published || ref.published]
    .filter(Boolean)
    .join(" · ");
  const url = article.url || ref.url;
  appendAll(clear(slot), [
    el("h4", { class: "article-title", text: article.title || ref.title || "(untitled)" }),
    meta ? el("div", { class: "muted article-meta", text: meta }) : null,
    url ? el("div", { class: "article-url" }, linkOrText(url)) : null,
    highlighted(text, spans),
  ]);
  slot.dataset.state = "ready";
}

// Python counts offsets in code points, JavaScript strings in UTF-16 units.
function unitIndex(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (cp) => cp;
  const units = [];
  let u = 0;
  for (const ch of text) {
    units.push(u);
    u += ch.length;
  }
  units.push(u);
  return (cp) => units[Math.min(Math.max(cp, 0), units.length - 1)];
}

// The article text with one <mark class="evidence"> per evidence span.  Spans may nest
// or cross: the text is cut at every span boundary, and marks open and close around the
// pieces, so a crossing span is split into several marks that all carry its offsets.
function highlighted(text, evidence) {
  const toUnit = unitIndex(text);
  const length = [...text].length;
  const spans = evidence
    .filter(
      (e) =>
        Number.isInteger(e.start) &&
        Number.isInteger(e.end) &&
        e.start >= 0 &&
        e.end > e.start &&
        e.end <= length,
    )
    .map((e, i) => ({ ...e, order: i }))
    .sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  const cuts = [...new Set([0, length, ...spans.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  );
  const root = el("div", { class: "article-text" });
  let open = []; // [{span, node}]
  for (let i = 0; i < cuts.length - 1; i++) {
    const a = cuts[i];
    const b = cuts[i + 1];
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    let keep = 0;
    while (keep < open.length && keep < covering.length && open[keep].span === covering[keep])
      keep++;
    open = open.slice(0, keep);
    for (const span of covering.slice(keep)) {
      const parent = open.length ? open[open.length - 1].node : root;
      const mark = el("mark", {
        class: "evidence",
        title: `${span.field}: ${span.text}`,
        dataset: { field: span.field, spanStart: span.start, spanEnd: span.end, start: a },
      });
      if (span.start < a) mark.classList.add("continued");
      parent.append(mark);
      open.push({ span, node: mark });
    }
    const parent = open.length ? open[open.length - 1].node : root;
    parent.append(document.createTextNode(text.slice(toUnit(a), toUnit(b))));
    for (const item of open) item.node.dataset.end = String(b);
  }
  // Each mark covers [data-start, data-end) of the text; a span cut into pieces is
  // marked "part"; the pieces' offsets always join to the span's.
  for (const mark of root.querySelectorAll("mark.evidence")) {
    if (
      mark.dataset.start !== mark.dataset.spanStart ||
      mark.dataset.end !== mark.dataset.spanEnd
    ) {
      mark.classList.add("part");
    }
  }
  return root;
}

function flashEvidence(key) {
  const marks = document.querySelectorAll(
    `#panel-articles mark.evidence[data-field="${CSS.escape(key)}"]`,
  );
  if (!marks.length) return;
  marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
  for (const mark of marks) {
    mark.classList.remove("flash");
    void mark.getBoundingClientRect();
    mark.classList.add("flash");
  }
}

function auditTable(audit) {
  if (!audit.length) return el("p", { class: "muted", id: "audit-empty", text: "No review yet." });
  const table = el(
    "table",
    { class: "audit", id: "audit-table" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ["When", "Who", "Action", "Field", "Before", "After"].map((h) => el("th", { text: h })),
      ),
    ),
  );
  const body = el("tbody");
  for (const entry of audit) {
    body.append(
      el(
        "tr",
        { dataset: { action: entry.action || "", field: entry.field || "" } },
        el("td", {
          class: "when",
          title: entry.at,
          text: (entry.at || "").replace("T", " ").slice(0, 19),
        }),
        el("td", { class: "reviewer", text: fmt(entry.reviewer) }),
        el("td", { class: "action", text: fmt(entry.action) }),
        el("td", { class: "field", text: fmt(entry.field) }),
        el("td", { class: "before", text: fmt(entry.before) }),
        el("td", { class: "after", text: fmt(entry.after) }),
      ),
    );
    if (entry.note)
      body.append(
        el("tr", { class: "note" }, el("td", { colspan: 6, text: `note: ${entry.note}` })),
      );
  }
  table.append(body);
  return table;
}

// ---------------------------------------------------------------------------
// Review
// ---------------------------------------------------------------------------

function reviewSection(ev, status) {
  if (!state.config.writable) {
    return section(
      "Review",
      [el("p", { class: "muted", text: "This server is read-only (no reviewer tokens are set)." })],
      "panel-review",
    );
  }
  const error = el("p", { class: "review-error", id: "review-error", role: "alert", hidden: true });
  const done = el("p", { class: "review-done", id: "review-done", role: "status", hidden: true });
  const note = el("input", {
    type: "text",
    id: "review-note",
    placeholder: "note (optional)",
    autocomplete: "off",
  });
  const buttons = el(
    "div",
    { class: "review-buttons" },
    el("button", {
      type: "button",
      id: "review-confirm",
      class: "good",
      text: "Confirm",
      on: { click: () => submitReview(ev.id, { action: "confirm" }, note) },
    }),
    el("button", {
      type: "button",
      id: "review-reject",
      class: "bad",
      text: "Reject",
      on: { click: () => submitReview(ev.id, { action: "reject" }, note) },
    }),
    note,
  );

  const fieldSelect = el(
    "select",
    { id: "edit-field", "aria-label": "Field to edit" },
    EDITABLE_FIELDS.map((f) => el("option", { value: f, text: f })),
  );
  const valueBox = el("span", { class: "edit-value", id: "edit-value-box" });
  const showValue = () => {
    clear(valueBox).append(valueInput(fieldSelect.value, ev));
  };
  fieldSelect.addEventListener("change", showValue);
  showValue();
  const editForm = el(
    "form",
    { class: "edit-form", id: "edit-form" },
    el("label", {}, "Edit ", fieldSelect),
    valueBox,
    el("button", { type: "submit", id: "edit-submit", text: "Save edit" }),
  );
  editForm.addEventListener("submit", (e) => {
    e.preventDefault();
    let value;
    try {
      value = readValue(fieldSelect.value, valueBox);
    } catch (err) {
      showReviewError(err.message);
      return;
    }
    submitReview(ev.id, { action: "edit", field: fieldSelect.value, value }, note);
  });

  const other = el("input", {
    type: "text",
    id: "merge-other",
    placeholder: "other event id",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
  });
  const mergeForm = el(
    "form",
    { class: "merge-form", id: "merge-form" },
    el("label", {}, "Merge into this one: ", other),
    el("button", { type: "submit", id: "merge-submit", text: "Merge" }),
  );
  mergeForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const id = other.value.trim();
    if (!id) return;
    submitMerge(ev.id, id, note);
  });

  const hint = readToken()
    ? null
    : el("p", {
        class: "muted",
        text: "Paste your reviewer token in the box at the top right first.",
      });
  return section("Review", [hint, buttons, editForm, mergeForm, error, done], "panel-review");
}

function valueInput(field, ev) {
  const current = currentValue(field, ev);
  if (field === "sub_event_type") {
    const select = el("select", { name: "value", "aria-label": "New value" });
    for (const type of EVENT_TYPES) {
      select.append(
        el(
          "optgroup",
          { label: type },
          TAXONOMY[type].map((s) => el("option", { value: s, text: s })),
        ),
      );
    }
    select.value = current || "";
    return select;
  }
  if (field === "actor1_type" || field === "actor2_type") {
    const select = el(
      "select",
      { name: "value", "aria-label": "New value" },
      el("option", { value: "", text: "(none)" }),
      ACTOR_TYPES.map((t) => el("option", { value: t, text: t })),
    );
    select.value = current || "";
    return select;
  }
  if (field === "is_background") {
    const select = el(
      "select",
      { name: "value", "aria-label": "New value" },
      el("option", { value: "false", text: "no" }),
      el("option", { value: "true", text: "yes" }),
    );
    select.value = current ? "true" : "false";
    return select;
  }
  if (field === "place") {
    const p = (ev.place && ev.place.place) || {};
    return el(
      "span",
      { class: "place-inputs" },
      el("input", {
        name: "name",
        placeholder: "name",
        "aria-label": "Place name",
        value: p.name || "",
      }),
      el("input", {
        name: "lat",
        type: "number",
        step: "any",
        min: -90,
        max: 90,
        placeholder: "lat",
        "aria-label": "Latitude",
        value: p.lat ?? "",
      }),
      el("input", {
        name: "lon",
        type: "number",
        step: "any",
        min: -180,
        max: 180,
        placeholder: "lon",
        "aria-label": "Longitude",
        value: p.lon ?? "",
      }),
      el("input", {
        name: "country",
        placeholder: "country",
        "aria-label": "Country",
        value: p.country || "",
        size: 4,
      }),
    );
  }
  if (field.startsWith("fatalities_")) {
    return el("input", {
      name: "value",
      type: "number",
      min: 0,
      step: 1,
      "aria-label": "New value",
      value: current ?? "",
    });
  }
  if (field === "date_start" || field === "date_end") {
    return el("input", {
      name: "value",
      type: "date",
      "aria-label": "New value",
      value: current || "",
    });
  }
  return el("input", {
    name: "value",
    type: "text",
    "aria-label": "New value",
    value: current || "",
    autocomplete: "off",
  });
}

function currentValue(field, ev) {
  if (field === "actor1" || field === "actor2") return ev[field] ? ev[field].name : null;
  if (field === "actor1_type" || field === "actor2_type") {
    const role = ev[field.replace("_type", "")];
    return role ? role.actor_type : null;
  }
  return ev[field];
}

// The JSON value an edit sends: numbers as numbers, booleans as booleans, "" as null.
function readValue(field, box) {
  const get = (name) => {
    const input = box.querySelector(`[name="${name}"]`);
    return input ? input.value.trim() : "";
  };
  if (field === "place") {
    const name = get("name");
    if (!name) return null;
    const lat = Number(get("lat"));
    const lon = Number(get("lon"));
    if (get("lat") === "" || get("lon") === "" || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      throw new Error("place: give a latitude and a longitude as numbers");
    }
    return { name, lat, lon, country: get("country") || null };
  }
  const raw = get("value");
  if (field === "is_background") return raw === "true";
  if (raw === "") return null;
  if (field.startsWith("fatalities_")) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${field}: give a whole number (0 or more)`);
    return n;
  }
  return raw;
}

function showReviewError(message) {
  const box = $("review-error");
  if (box) {
    box.textContent = message;
    box.hidden = !message;
  }
  if (message) {
    const done = $("review-done");
    if (done) done.hidden = true;
  }
}

function setReviewBusy(busy) {
  for (const button of document.querySelectorAll("#panel-review button")) button.disabled = busy;
}

async function submitReview(id, body, noteInput) {
  const note = noteInput.value.trim();
  await sendReview(
    id,
    `/events/${encodeURIComponent(id)}/review`,
    { ...body, ...(note ? { note } : {}) },
    `${body.action}${body.field ? ` ${body.field}` : ""}`,
  );
}

async function submitMerge(id, other, noteInput) {
  const note = noteInput.value.trim();
  await sendReview(
    id,
    `/events/${encodeURIComponent(id)}/merge`,
    { other, ...(note ? { note } : {}) },
    `merge of ${other}`,
  );
}

async function sendReview(id, path, body, what) {
  showReviewError("");
  setReviewBusy(true);
  try {
    await api(path, { method: "POST", body });
  } catch (err) {
    setReviewBusy(false);
    const hint =
      err.status === 401 && !readToken() ? " (paste a reviewer token at the top right)" : "";
    showReviewError(`${what}: ${err.message}${hint}`);
    return;
  }
  await openPanel(id);
  const done = $("review-done");
  if (done) {
    done.textContent = `Saved: ${what}.`;
    done.hidden = false;
  }
  await loadEvents({ fit: false });
}

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------

function wireToken() {
  const input = $("token");
  input.value = readToken();
  const save = () => writeToken(input.value.trim());
  input.addEventListener("change", save);
  $("token-box").addEventListener("submit", (e) => {
    e.preventDefault();
    save();
  });
  $("token-forget").addEventListener("click", () => {
    input.value = "";
    writeToken("");
  });
  showTokenState();
}

async function start() {
  fillSelects();
  wireFilters();
  wireTable();
  wireTimeline();
  wireToken();
  wireLayout();
  $("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("panel").hidden) closePanel();
  });
  applyParams(new URLSearchParams(window.location.search));
  initMap();
  try {
    state.config = { ...state.config, ...(await api("/ui-config")) };
  } catch (err) {
    showError(`Could not read /ui-config: ${err.message}`);
  }
  $("token-box").hidden = !state.config.writable;
  addBasemap();
  await loadEvents();
}

start();

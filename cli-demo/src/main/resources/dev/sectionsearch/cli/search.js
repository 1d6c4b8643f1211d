// The search page. The search and its options live in the address (/?q=...&mode=...&filter=k=v
// &after=...&doc=...&ordinal=...), so a search can be linked and the back button works: every
// change of search pushes an address, and the page shows whatever the address says. It asks
// /api/index what the index can do (search modes, suggestions, metadata to facet by) and shows
// only those controls; /api/search for hits, /api/section for a hit's whole section with its
// passages marked, /api/suggest for completions as you type. Every value from the index goes into
// the page as text, never as HTML.
"use strict";

const form = document.getElementById("search");
const box = document.getElementById("q");
const modeSelect = document.getElementById("mode");
const modeLabel = document.getElementById("mode-label");
const suggestions = document.getElementById("suggestions");
const filtersBar = document.getElementById("filters");
const results = document.getElementById("results");
const hits = document.getElementById("hits");
const status = document.getElementById("status");
const more = document.getElementById("more");
const didYouMean = document.getElementById("didyoumean");
const corrected = document.getElementById("corrected");
const facetsPanel = document.getElementById("facets");
const sectionView = document.getElementById("section");
const back = document.getElementById("back");

/** The address parameters that make up a list of results (a section adds doc and ordinal). */
const LIST = ["q", "mode", "since", "until", "after"];

/** What the index holds and can do, from /api/index; null until known or when unknown. */
let index = null;
const indexKnown = fetch("/api/index")
  .then((r) => (r.ok ? r.json() : null))
  .catch(() => null)
  .then((body) => {
    index = body;
    showControls();
  });

/** The hits on screen by "docId\u0000ordinal", for opening one with its passages marked. */
let shownHits = new Map();
/** The address (list parameters only) whose results are on screen, or null. */
let shownList = null;
let next = null;
let shown = 0;

function showControls() {
  if (!index) return;
  if (index.modes.length > 1) {
    for (const mode of index.modes) {
      const option = document.createElement("option");
      option.value = mode;
      option.textContent = mode;
      modeSelect.append(option);
    }
    modeLabel.hidden = false;
    modeSelect.value = new URLSearchParams(location.search).get("mode") || "";
  }
}

/** The list parameters of an address, in a fixed order: what identifies a list of results. */
function listParameters(p) {
  const list = new URLSearchParams();
  for (const name of LIST) {
    const value = p.get(name);
    if (value) list.set(name, value);
  }
  for (const filter of p.getAll("filter")) list.append("filter", filter);
  return list;
}

/** The search the form describes, with the filters of the address shown now. */
function formParameters() {
  const p = new URLSearchParams();
  if (box.value.trim()) p.set("q", box.value);
  if (modeSelect.value) p.set("mode", modeSelect.value);
  for (const name of ["since", "until"]) {
    const value = document.getElementById(name).value;
    if (value) p.set(name, value);
  }
  for (const filter of new URLSearchParams(location.search).getAll("filter")) {
    p.append("filter", filter);
  }
  return p;
}

function fillForm(p) {
  box.value = p.get("q") || "";
  modeSelect.value = p.get("mode") || "";
  if (modeSelect.value !== (p.get("mode") || "")) modeSelect.value = "";
  document.getElementById("since").value = p.get("since") || "";
  document.getElementById("until").value = p.get("until") || "";
}

function address(p) {
  const query = p.toString();
  return query ? "/?" + query : "/";
}

/** Goes to a new address and shows it; the back button returns to the one before. */
function go(p, state) {
  history.pushState(state || null, "", address(p));
  show();
}

window.addEventListener("popstate", () => show());

/** Shows what the address says: a section, a list of results, or an empty page. */
async function show() {
  const p = new URLSearchParams(location.search);
  fillForm(p);
  showFilters(p);
  if (p.has("doc")) {
    await openSection(p);
    return;
  }
  sectionView.hidden = true;
  results.hidden = false;
  facetsPanel.hidden = facetsPanel.childElementCount === 0;
  const list = listParameters(p);
  if (shownList !== null && list.toString() === shownList) return; // back from a section
  if (![...list.keys()].some((name) => name !== "after")) {
    asked++;
    shownList = null;
    hits.replaceChildren();
    shownHits = new Map();
    status.textContent = "";
    more.hidden = true;
    didYouMean.hidden = true;
    facetsPanel.replaceChildren();
    facetsPanel.hidden = true;
    return;
  }
  await run(list, false);
}

/** The active filters, each a button that removes it. */
function showFilters(p) {
  const filters = p.getAll("filter");
  filtersBar.replaceChildren();
  filtersBar.hidden = filters.length === 0;
  for (const filter of filters) {
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "filter";
    const equals = filter.indexOf("=");
    remove.textContent = filter.slice(0, equals) + ": " + filter.slice(equals + 1) + " \u2715";
    remove.title = "Remove this filter";
    remove.addEventListener("click", () => {
      const list = listParameters(new URLSearchParams(location.search));
      const kept = list.getAll("filter").filter((f) => f !== filter);
      list.delete("filter");
      list.delete("after");
      for (const f of kept) list.append("filter", f);
      go(list);
    });
    filtersBar.append(remove);
  }
}

/**
 * A passage's text with its highlights as <mark> elements, built from text nodes. A passage
 * chosen by meaning (semantic search) holds few of the query's words, so few or no highlights:
 * a label says why it is shown.
 */
function passage(p) {
  const block = document.createElement("p");
  block.className = p.semantic
    ? "passage semantic"
    : p.highlights.length === 0
      ? "passage opening"
      : "passage";
  if (p.semantic) {
    const why = document.createElement("span");
    why.className = "why";
    why.textContent = "by meaning";
    why.title = "chosen by meaning: it holds few of the query's words";
    block.append(why, document.createTextNode(" "));
  }
  appendMarked(block, p.text, p.highlights);
  return block;
}

/** Appends text to an element with the given ranges of it in <mark> elements. */
function appendMarked(element, text, highlights) {
  let at = 0;
  for (const h of highlights) {
    element.append(document.createTextNode(text.slice(at, h.start)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(h.start, h.end);
    element.append(mark);
    at = h.end;
  }
  element.append(document.createTextNode(text.slice(at)));
}

function sectionAddress(h) {
  const p = listParameters(new URLSearchParams(location.search));
  p.set("doc", h.docId);
  p.set("ordinal", String(h.ordinal));
  return p;
}

function hit(h) {
  const item = document.createElement("li");
  item.className = "hit";
  const title = document.createElement("h2");
  const link = document.createElement("a");
  link.textContent = h.title;
  link.href = address(sectionAddress(h));
  link.title = "Read the whole section";
  link.addEventListener("click", (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    go(sectionAddress(h), { fromList: true });
  });
  title.append(link);
  item.append(title);
  const where = document.createElement("p");
  where.className = "where";
  where.textContent =
    (h.headingPath.length ? h.headingPath.join(" \u203a ") + " \u00b7 " : "") +
    (h.date || "no date") + " \u00b7 " + h.source;
  item.append(where);
  for (const p of h.passages) {
    const block = passage(p);
    block.title = h.source + ":" + p.sourceStart + "-" + p.sourceEnd;
    item.append(block);
  }
  return item;
}

/** Counts the searches asked for: an answer to any but the last one is dropped. */
let asked = 0;

/** The parameters /api/search takes for a list's parameters. */
function apiParameters(list) {
  const api = new URLSearchParams(list);
  api.set("limit", "10");
  if (index) for (const key of index.metadataKeys) api.append("facet", key);
  return api;
}

async function run(list, append) {
  const mine = ++asked;
  status.textContent = "Searching\u2026";
  await indexKnown;
  if (mine !== asked) return;
  const response = await fetch("/api/search?" + apiParameters(list));
  const body = await response.json();
  // answers can arrive out of order: a slow one must not replace a newer search's hits
  if (mine !== asked) return;
  if (!response.ok) {
    status.textContent = body.error;
    more.hidden = true;
    didYouMean.hidden = true;
    shownList = null;
    return;
  }
  if (!append) {
    hits.replaceChildren();
    shownHits = new Map();
    shown = 0;
    showDidYouMean(body.didYouMean, list);
    showFacets(body.facets || {}, list);
  }
  for (const h of body.hits) {
    hits.append(hit(h));
    shownHits.set(h.docId + "\u0000" + h.ordinal, h);
  }
  shown += body.hits.length;
  next = body.next;
  more.hidden = next === null;
  shownList = list.toString();
  status.textContent =
    body.totalHits === 0 ? "No matches." : "Showing " + shown + " of " + body.totalHits + ".";
}

/**
 * The query in corrected words, as a link that searches for it: the hits already include the
 * corrected words' matches, the link searches for those words alone.
 */
function showDidYouMean(text, list) {
  didYouMean.hidden = !text;
  corrected.textContent = text || "";
  const p = new URLSearchParams(list);
  p.delete("after");
  if (text) p.set("q", text);
  corrected.href = address(p);
}

corrected.addEventListener("click", (event) => {
  event.preventDefault();
  const p = formParameters();
  p.set("q", corrected.textContent);
  go(p);
});

/** Each metadata key's values with their counts, as links that filter by them. */
function showFacets(facets, list) {
  facetsPanel.replaceChildren();
  const active = new Set(list.getAll("filter"));
  for (const [key, values] of Object.entries(facets)) {
    const entries = Object.entries(values);
    if (entries.length === 0) continue;
    const heading = document.createElement("h3");
    heading.textContent = key;
    const items = document.createElement("ul");
    items.className = "facet";
    for (const [value, count] of entries) {
      const filter = key + "=" + value;
      if (active.has(filter)) continue;
      const p = new URLSearchParams(list);
      p.delete("after");
      p.append("filter", filter);
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = address(p);
      link.textContent = value;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        go(p);
      });
      const number = document.createElement("span");
      number.className = "count";
      number.textContent = " " + count;
      item.append(link, number);
      items.append(item);
    }
    if (items.childElementCount > 0) facetsPanel.append(heading, items);
  }
  facetsPanel.hidden = facetsPanel.childElementCount === 0;
}

/** Counts the sections asked for, like {@link asked} for searches. */
let sectionAsked = 0;

/** Shows one section's whole text with the passages of its hit marked. */
async function openSection(p) {
  const mine = ++sectionAsked;
  const docId = p.get("doc");
  const ordinal = p.get("ordinal") || "0";
  results.hidden = true;
  facetsPanel.hidden = true;
  sectionView.hidden = false;
  const title = document.getElementById("section-title");
  const where = document.getElementById("section-where");
  const text = document.getElementById("section-text");
  title.textContent = "Loading\u2026";
  where.textContent = "";
  text.replaceChildren();
  const api = new URLSearchParams({ doc: docId, ordinal: ordinal });
  const response = await fetch("/api/section?" + api);
  const body = await response.json();
  if (mine !== sectionAsked) return;
  if (!response.ok) {
    title.textContent = body.error;
    return;
  }
  let found = shownHits.get(docId + "\u0000" + ordinal);
  if (!found && p.has("q")) {
    // opened from an address: the search finds the hit's passages again
    found = await findHit(listParameters(p), docId, Number(ordinal));
    if (mine !== sectionAsked) return;
  }
  title.textContent = body.title;
  where.textContent =
    (body.headingPath.length ? body.headingPath.join(" \u203a ") + " \u00b7 " : "") +
    (body.date || "no date") + " \u00b7 " + body.source;
  markPassages(text, body.text, found ? found.passages : []);
  const first = text.querySelector("mark");
  if (first) first.scrollIntoView({ block: "center" });
  else window.scrollTo(0, 0);
}

async function findHit(list, docId, ordinal) {
  const api = new URLSearchParams(list);
  api.delete("after");
  api.set("limit", "100");
  const response = await fetch("/api/search?" + api);
  if (!response.ok) return undefined;
  const body = await response.json();
  return body.hits.find((h) => h.docId === docId && h.ordinal === ordinal);
}

/**
 * The section's text with each passage found in it inside a <mark class="passage">, its
 * highlights as <mark>s within.
 */
function markPassages(element, text, passages) {
  let at = 0;
  for (const p of passages) {
    const start = p.text ? text.indexOf(p.text, at) : -1;
    if (start < 0) continue; // an opening of a subsection, or text that is not the section's
    element.append(document.createTextNode(text.slice(at, start)));
    const mark = document.createElement("mark");
    mark.className = "passage";
    appendMarked(mark, p.text, p.highlights);
    element.append(mark);
    at = start + p.text.length;
  }
  element.append(document.createTextNode(text.slice(at)));
}

back.addEventListener("click", (event) => {
  event.preventDefault();
  if (history.state && history.state.fromList) {
    history.back();
  } else {
    go(listParameters(new URLSearchParams(location.search)));
  }
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(suggestTimer);
  go(formParameters());
});

more.addEventListener("click", () => {
  const list = listParameters(new URLSearchParams(location.search));
  list.set("after", next);
  history.pushState(null, "", address(list));
  run(list, true);
});

modeSelect.addEventListener("change", () => {
  if (box.value.trim()) go(formParameters());
});

/** Suggestions as you type: asked once typing pauses, the newest answer only. */
let suggestTimer = 0;
let suggestAsked = 0;

box.addEventListener("input", (event) => {
  clearTimeout(suggestTimer);
  // a suggestion picked from the list (with the keyboard or the mouse) searches at once
  if (event.inputType === "insertReplacementText" || !(event instanceof InputEvent)) {
    go(formParameters());
    return;
  }
  if (!index || !index.suggestions) return;
  const prefix = box.value;
  if (!prefix.trim()) {
    suggestions.replaceChildren();
    return;
  }
  suggestTimer = setTimeout(async () => {
    const mine = ++suggestAsked;
    const response = await fetch("/api/suggest?" + new URLSearchParams({ q: prefix, limit: "8" }));
    if (!response.ok) return;
    const body = await response.json();
    if (mine !== suggestAsked || box.value !== prefix) return;
    suggestions.replaceChildren(
      ...body.suggestions.map((text) => {
        const option = document.createElement("option");
        option.value = text;
        return option;
      }),
    );
  }, 150);
});

show();

// The search page: asks /api/search and shows hits with their heading path, date and
// highlighted passages. Every value from the index goes into the page as text, never as HTML.
"use strict";

const form = document.getElementById("search");
const hits = document.getElementById("hits");
const status = document.getElementById("status");
const more = document.getElementById("more");
const didYouMean = document.getElementById("didyoumean");
const corrected = document.getElementById("corrected");
let next = null;
let shown = 0;

function parameters(after) {
  const p = new URLSearchParams();
  p.set("q", document.getElementById("q").value);
  p.set("limit", "10");
  for (const name of ["since", "until"]) {
    const value = document.getElementById(name).value;
    if (value) p.set(name, value);
  }
  if (after) p.set("after", after);
  return p;
}

/**
 * A passage's text with its highlights as <mark> elements, built from text nodes. A passage
 * chosen by meaning (semantic search) holds few of the query's words, so few or no highlights:
 * a label says why it is shown.
 */
function passage(p) {
  const block = document.createElement("p");
  block.className = p.semantic ? "passage semantic" : "passage";
  if (p.semantic) {
    const why = document.createElement("span");
    why.className = "why";
    why.textContent = "by meaning";
    why.title = "chosen by meaning: it holds few of the query's words";
    block.append(why, document.createTextNode(" "));
  }
  let at = 0;
  for (const h of p.highlights) {
    block.append(document.createTextNode(p.text.slice(at, h.start)));
    const mark = document.createElement("mark");
    mark.textContent = p.text.slice(h.start, h.end);
    block.append(mark);
    at = h.end;
  }
  block.append(document.createTextNode(p.text.slice(at)));
  return block;
}

function hit(h) {
  const item = document.createElement("li");
  item.className = "hit";
  const title = document.createElement("h2");
  title.textContent = h.title;
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

async function run(after) {
  const mine = ++asked;
  status.textContent = "Searching\u2026";
  const response = await fetch("/api/search?" + parameters(after));
  const body = await response.json();
  // answers can arrive out of order: a slow one must not replace a newer search's hits
  if (mine !== asked) return;
  if (!response.ok) {
    status.textContent = body.error;
    more.hidden = true;
    didYouMean.hidden = true;
    return;
  }
  if (!after) {
    hits.replaceChildren();
    shown = 0;
  }
  if (!after) showDidYouMean(body.didYouMean);
  for (const h of body.hits) hits.append(hit(h));
  shown += body.hits.length;
  next = body.next;
  more.hidden = next === null;
  status.textContent =
    body.totalHits === 0 ? "No matches." : "Showing " + shown + " of " + body.totalHits + ".";
}

/**
 * The query in corrected words, as a link that searches for it: the hits already include the
 * corrected words' matches, the link searches for those words alone.
 */
function showDidYouMean(text) {
  didYouMean.hidden = !text;
  corrected.textContent = text || "";
  corrected.href = text ? "/?q=" + encodeURIComponent(text) : "#";
}

corrected.addEventListener("click", (event) => {
  event.preventDefault();
  document.getElementById("q").value = corrected.textContent;
  run(null);
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run(null);
});
more.addEventListener("click", () => run(next));

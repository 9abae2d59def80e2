// Site search: Pagefind over an index folded for Arabic (build_tools/search.py), in
// Material's search box and result list (overrides/partials/search.html).
//
// The query is folded here exactly as the index is folded there: queryKey() is the
// twin of build_tools.search.query_key, and tests/test_search.py checks that both
// agree on every word of the site. Pagefind itself (../pagefind/pagefind.js, its
// WebAssembly and the index chunks a query needs) loads when the box is first used.

const MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const LETTERS = {
  "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ی": "ي", "ؤ": "و", "ة": "ه", "ک": "ك",
};
const DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹";
export const WORD = /[0-9A-Za-z\u0621-\u065f\u0660-\u0669\u066e-\u06d3\u06d6-\u06ed\u06f0-\u06ff\u0640\u0670]+/g;
const MIN_CORE = 3;
// A conjunction (و ف), then a preposition (ب ك ل) and/or the article; ل + ال is لل. Longest first.
export const PROCLITICS = (() => {
  const all = new Set();
  for (const c of ["", "و", "ف"])
    for (const p of ["", "ب", "ك", "ل", "ال", "بال", "كال", "لل"]) if (c + p) all.add(c + p);
  return [...all].sort((a, b) => b.length - a.length);
})();

export function fold(text) {
  return text.normalize("NFC").replace(MARKS, "")
    .replace(/[أإآٱىئیؤةک]/g, (c) => LETTERS[c])
    .replace(/[٠-٩۰-۹]/g, (d) => String(DIGITS.indexOf(d) % 10))
    .toLowerCase();
}

export function queryKey(word) {
  const w = fold(word);
  for (const p of PROCLITICS) if (w.startsWith(p) && w.length - p.length >= MIN_CORE) return w.slice(p.length);
  return w;
}

export function queryTerms(query) {
  return (query.match(WORD) || []).map(queryKey).join(" ");
}

// The index has each word as written, followed by its readings, each after a tatweel
// («والأسد ـاسد ـوالاسد»): what is shown leaves them out.
const MARK = "\u0640";
const asWritten = (text) => text.split(/\s+/).filter((w) => w && !w.startsWith(MARK)).join(" ");

function el(tag, className) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}

const EXCERPT = 24; // words

// A page's indexed text as the words shown: `words` as written, and for each word of
// the index the shown word it belongs to (a reading belongs to the word before it).
function shownWords(content) {
  const words = [];
  const owner = [];
  for (const w of content.split(/\s+/)) {
    if (!w) continue;
    if (!w.startsWith(MARK) || !words.length) words.push(w.startsWith(MARK) ? "" : w);
    owner.push(words.length - 1);
  }
  return { words, owner };
}

// EXCERPT shown words where the matches after shown word `from` are densest, the matches marked.
function excerpt(text, locations, from) {
  const { words, owner } = text;
  const hits = locations.map((l) => ({ at: owner[l.location] ?? -1, score: l.balanced_score })).filter((h) => h.at >= from);
  let start = Math.min(from, words.length);
  let best = -1;
  for (const hit of hits) {
    const s = Math.max(from, hit.at - 4);
    const score = hits.reduce((sum, h) => sum + (h.at >= s && h.at < s + EXCERPT ? h.score : 0), 0);
    if (score > best) [best, start] = [score, s];
  }
  const marked = new Set(hits.map((h) => h.at));
  const end = Math.min(words.length, start + EXCERPT);
  const nodes = start > 0 ? ["… "] : [];
  for (let i = start; i < end; i++) {
    if (!words[i]) continue;
    if (marked.has(i)) {
      const m = el("mark");
      m.textContent = words[i];
      nodes.push(m, " ");
    } else nodes.push(words[i] + " ");
  }
  if (end < words.length) nodes.push("…");
  return { start, nodes };
}

const wordCount = (text) => text.split(/\s+/).filter(Boolean).length;

function resultLink(url, level, title, nodes) {
  const a = el("a", "md-search-result__link");
  a.href = url;
  const article = el("article", "md-search-result__article md-typeset");
  if (level === "h1") article.append(el("div", "md-search-result__icon md-icon"));
  const heading = el(level);
  heading.textContent = title;
  const p = el("p");
  p.append(...nodes);
  article.append(heading, p);
  a.append(article);
  return a;
}

function resultItem(data) {
  const li = el("li", "md-search-result__item");
  const title = data.meta.title || "";
  const text = shownWords(data.content);
  // The page's <h1> comes first in the index (build_tools/search.py): the excerpt starts after it.
  const page = excerpt(text, data.weighted_locations, wordCount(title));
  li.append(resultLink(data.url, "h1", title, page.nodes));
  // Up to two sections of the page, by their headings, each quoting other words than the page's excerpt.
  let shown = 0;
  for (const s of data.sub_results || []) {
    if (shown === 2 || !s.anchor || s.anchor.element === "h1") continue;
    const heading = asWritten(s.title);
    const part = excerpt(text, s.weighted_locations, (text.owner[s.anchor.location] ?? 0) + wordCount(heading));
    if (Math.abs(part.start - page.start) < EXCERPT) continue;
    li.append(resultLink(s.url, "h2", heading, part.nodes));
    shown++;
  }
  return li;
}

const PAGE = 10; // results shown at once: each costs the download of its page's text
// Pagefind's ranking, but long pages (a person's page gathers what every article says
// of them) are penalised less for their length (BM25's b: 0.75 by default). Searching
// takes milliseconds: no worker, whose script would cost every search 41 KB more.
export const OPTIONS = { ranking: { pageLength: 0.25 }, noWorker: true };

function setup(root) {
  const toggle = document.getElementById("__search");
  const input = root.querySelector(".md-search__input");
  const form = root.querySelector(".md-search__form");
  const meta = root.querySelector(".md-search-result__meta");
  const output = root.querySelector(".md-search-result");
  const list = root.querySelector(".md-search-result__list");
  const more = root.querySelector(".dossier-search__more");
  const say = root.dataset;
  const site = new URL("../", import.meta.url);
  let engine = null;
  let seq = 0;
  let results = [];
  let shown = 0;
  let timer = 0;

  const open = (on) => {
    if (toggle && toggle.checked !== on) {
      toggle.checked = on;
      toggle.dispatchEvent(new Event("change"));
    }
  };
  const load = () => {
    engine ??= import(new URL("pagefind/pagefind.js", site).href).then(async (pagefind) => {
      await pagefind.options({ ...OPTIONS, baseUrl: site.pathname });
      await pagefind.init();
      return pagefind;
    });
    return engine;
  };
  const count = (n) => (n === 0 ? say.none : n === 1 ? say.one : say.other.replace("#", String(n)));

  async function showMore(mine) {
    const batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    const data = await Promise.all(batch.map((r) => r.data()));
    if (mine !== seq) return;
    list.append(...data.map(resultItem));
    more.hidden = shown >= results.length;
  }

  // The result region is aria-busy while a search runs; data-query is the query it shows.
  const done = (query) => {
    output.setAttribute("aria-busy", "false");
    output.dataset.query = query;
  };

  async function run() {
    const mine = ++seq;
    const query = input.value;
    const terms = queryTerms(query);
    output.setAttribute("aria-busy", "true");
    if (!terms) {
      list.replaceChildren();
      more.hidden = true;
      meta.textContent = say.placeholder;
      return done(query);
    }
    let found;
    try {
      found = await (await load()).search(terms);
    } catch {
      if (mine !== seq) return;
      list.replaceChildren();
      more.hidden = true;
      meta.textContent = say.unavailable;
      return done(query);
    }
    if (mine !== seq || !found) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    meta.textContent = count(results.length);
    await showMore(mine);
    if (mine === seq) done(query);
  }

  input.addEventListener("focus", () => {
    // After the click that focused the box: a click on the header's magnifier toggles the dialog itself.
    setTimeout(() => open(true));
    load().catch(() => {});
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    list.querySelector("a")?.click();
  });
  form.addEventListener("reset", () => setTimeout(() => {
    run();
    input.focus();
  }));
  more.addEventListener("click", () => showMore(seq));
  root.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest("a")) open(false);
  });
  // On phones the header's magnifier opens the dialog; the keyboard needs the input focused.
  document.querySelector("header [for=__search]")?.addEventListener("click", () => input.focus());
  document.addEventListener("keydown", (e) => {
    const typing = e.target instanceof HTMLElement && e.target.closest("input, textarea, select, [contenteditable]");
    if (toggle?.checked && e.key === "Escape") {
      open(false);
      input.blur();
    } else if (toggle?.checked && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      const stops = [input, ...list.querySelectorAll("a"), ...(more.hidden ? [] : [more])];
      const at = stops.indexOf(document.activeElement);
      stops[(Math.max(at, 0) + stops.length + (e.key === "ArrowDown" ? 1 : -1)) % stops.length].focus();
      e.preventDefault();
    } else if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "f")) {
      input.focus();
      input.select();
      e.preventDefault();
    }
  });

  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    input.focus();
    run();
  }
}

const root = document.querySelector("[data-dossier-search]");
if (root) setup(root);

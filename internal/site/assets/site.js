// Bits & Logits site: copy buttons, the chapter menu on narrow screens,
// click-to-enlarge charts and search over assets/search-index.js (a script,
// so that it also loads from file://). No network, no framework.
"use strict";

function addCopyButtons() {
  for (const block of document.querySelectorAll(".code")) {
    const pre = block.querySelector("pre");
    if (!pre) continue;
    const b = document.createElement("button");
    b.type = "button";
    b.className = "copy";
    b.textContent = "Copy";
    b.setAttribute("aria-label", "Copy this code");
    b.addEventListener("click", () => copyText(pre.innerText.replace(/\n$/, ""), b));
    block.appendChild(b);
  }
}

function copyText(text, button) {
  const done = () => { button.textContent = "Copied"; setTimeout(() => { button.textContent = "Copy"; }, 1500); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => fallbackCopy(text, done));
  } else {
    fallbackCopy(text, done);
  }
}

function fallbackCopy(text, done) {
  const t = document.createElement("textarea");
  t.value = text;
  t.style.position = "fixed";
  t.style.opacity = "0";
  document.body.appendChild(t);
  t.select();
  try { document.execCommand("copy"); done(); } finally { t.remove(); }
}

function setupMenu() {
  const button = document.querySelector(".menu");
  const nav = document.getElementById("sidebar");
  if (!button || !nav) return;
  button.addEventListener("click", () => {
    const open = nav.classList.toggle("open");
    button.setAttribute("aria-expanded", String(open));
  });
}

function setupZoom() {
  const dialog = document.createElement("dialog");
  dialog.className = "zoom-view";
  const img = document.createElement("img");
  dialog.appendChild(img);
  dialog.addEventListener("click", () => dialog.close());
  document.body.appendChild(dialog);
  for (const a of document.querySelectorAll("a.zoom")) {
    a.addEventListener("click", (e) => {
      if (window.innerWidth < 500) return; // a phone opens the image itself, to pinch and zoom
      e.preventDefault();
      const small = a.querySelector("img");
      img.src = small.src;
      img.alt = small.alt;
      dialog.showModal();
    });
  }
}

// Search: every query word must occur in a section; a word in the chapter
// title counts most, then in the section title, then in its text.
let loading = null;
function loadIndex() {
  if (window.SEARCH_INDEX) return Promise.resolve(window.SEARCH_INDEX);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = "assets/search-index.js";
      s.onload = () => resolve(window.SEARCH_INDEX);
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  return loading;
}

function search(index, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits = [];
  for (const e of index) {
    const ch = e.c.toLowerCase(), sec = e.s.toLowerCase(), text = e.t.toLowerCase();
    let score = 0, ok = true;
    const phrase = words.join(" ");
    for (const w of words) {
      const inText = text.split(w).length - 1;
      if (!ch.includes(w) && !sec.includes(w) && inText === 0) { ok = false; break; }
      score += (ch.includes(w) ? 20 : 0) + (sec.includes(w) ? 8 : 0) + Math.min(inText, 10);
    }
    if (!ok) continue;
    if (words.length > 1 && (text.includes(phrase) || sec.includes(phrase))) score += 15;
    hits.push({ e, score, at: text.indexOf(words.length > 1 && text.includes(phrase) ? phrase : words[0]) });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, 12);
}

function snippet(text, at, words) {
  const start = Math.max(0, at - 60);
  let s = (start > 0 ? "…" : "") + text.slice(start, at + 110) + (at + 110 < text.length ? "…" : "");
  s = s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  for (const w of words) {
    const re = new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
    s = s.replace(re, (m) => "<mark>" + m + "</mark>");
  }
  return s;
}

function setupSearch() {
  const input = document.getElementById("search");
  const box = document.getElementById("search-results");
  if (!input || !box) return;
  const show = () => {
    const q = input.value.trim();
    if (q === "") { box.hidden = true; return; }
    loadIndex().then((index) => {
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      const hits = search(index, q);
      box.innerHTML = hits.length === 0 ? '<div class="none">No section mentions “' + snippet(q, 0, []) + '”.</div>' :
        hits.map((h) => '<a class="result" href="' + h.e.u + '"><span class="r-ch">' + snippet(h.e.c, 0, []) + '</span><br><span class="r-sec">' +
          snippet(h.e.s, 0, []) + '</span><span class="r-snip">' + snippet(h.e.t, Math.max(h.at, 0), words) + "</span></a>").join("");
      box.hidden = false;
    });
  };
  input.addEventListener("input", show);
  input.addEventListener("focus", () => { loadIndex(); if (input.value.trim()) show(); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { box.hidden = true; input.blur(); }
    if (e.key === "Enter") { const first = box.querySelector("a"); if (first) window.location.href = first.href; }
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "/" && document.activeElement !== input) { e.preventDefault(); input.focus(); }
  });
  document.addEventListener("click", (e) => { if (!e.target.closest(".search")) box.hidden = true; });
}

// The outline marks the section being read: the last of its targets (in
// page order) whose top has scrolled past the top bar.
function setupScrollSpy() {
  const links = [...document.querySelectorAll(".toc .outline a")];
  const targets = links.map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1))));
  if (links.length === 0) return;
  let queued = false;
  const mark = () => {
    queued = false;
    let current = -1;
    targets.forEach((t, i) => { if (t && t.getBoundingClientRect().top < 120) current = i; });
    links.forEach((a, i) => a.classList.toggle("active", i === current));
  };
  window.addEventListener("scroll", () => { if (!queued) { queued = true; requestAnimationFrame(mark); } }, { passive: true });
  mark();
}

document.addEventListener("DOMContentLoaded", () => {
  setupScrollSpy();
  addCopyButtons();
  setupMenu();
  setupZoom();
  setupSearch();
});

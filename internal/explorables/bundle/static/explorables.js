// Bits & Logits explorables: the course's Go packages, compiled to
// WebAssembly, behind small widgets. This file only builds controls, calls
// the Go functions (globalThis.BLX, globalThis.BLXPPL) and draws their JSON
// results; no formula is computed here. Every shown number also carries its
// exact float64 value in data-value, which the browser test reads.
(function () {
  "use strict";
  const base = new URL(".", document.currentScript.src);
  const t0 = performance.now();
  const ready = {};
  globalThis.onBLXReady = (name) => ready[name] && ready[name]();
  globalThis.BLXTimings = { updates: [] };

  async function instantiate(file, go) {
    const url = new URL(file, base);
    if (WebAssembly.instantiateStreaming) {
      try { return await WebAssembly.instantiateStreaming(fetch(url), go.importObject); } catch (e) { /* wrong MIME type: fall back */ }
    }
    const resp = await fetch(url);
    if (!resp.ok) throw new Error(file + ": HTTP " + resp.status);
    return WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
  }
  // asset fetches a data file once; start() begins the fetches while the
  // module compiles.
  const assets = {};
  function asset(file) {
    if (!assets[file]) assets[file] = fetch(new URL(file, base)).then((r) => (r.ok ? r.text() : Promise.reject(new Error(file + ": HTTP " + r.status))));
    return assets[file];
  }
  const modules = {};
  function load(file, name) {
    if (!modules[name]) {
      modules[name] = new Promise((resolve, reject) => {
        ready[name] = () => resolve(globalThis[name]);
        const go = new Go();
        instantiate(file, go).then((r) => go.run(r.instance)).catch(reject);
      });
    }
    return modules[name];
  }
  function call(api, fn, ...args) {
    const out = JSON.parse(api[fn](...args));
    if (out && out.error) throw new Error(fn + ": " + out.error);
    return out;
  }
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const k of kids) e.append(k);
    return e;
  }
  // num shows v with the given decimals and keeps its exact value in data-value.
  function num(e, v, digits) {
    e.dataset.value = String(v);
    e.textContent = Number.isFinite(v) ? v.toFixed(digits) : String(v);
  }
  function out(name, label) {
    const v = el("output", { class: "blx-num", "data-name": name });
    return [el("span", { class: "blx-stat" }, el("span", { class: "blx-label", text: label }), v), v];
  }
  function slider(label, name, min, max, step, value, fmt) {
    const input = el("input", { type: "range", name, min, max, step, value, "aria-label": label });
    const shown = el("output", { class: "blx-val" });
    const show = () => { shown.textContent = fmt(+input.value); };
    input.addEventListener("input", show);
    show();
    return [el("label", { class: "blx-control" }, el("span", { class: "blx-label", text: label }), input, shown), input];
  }
  // timed runs f, records how long the Go call plus the redraw took, and
  // exposes it on the widget.
  function timed(root, f) {
    const s = performance.now();
    f();
    const ms = performance.now() - s;
    root.dataset.updateMs = String(ms);
    BLXTimings.updates.push({ widget: root.dataset.explorable, ms });
    collectWhenIdle();
  }
  // collectWhenIdle asks the module to collect its garbage 250 ms after the
  // last update, so that no collection lands inside an update (the module
  // runs with its collector off; see collect in wasm/main).
  let idleTimer = 0;
  function collectWhenIdle() {
    const api = globalThis.BLX;
    if (!api || !api.collect) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => api.collect(), 250);
  }
  // coalesced returns a handler that runs timed(root, f) once in the next
  // animation frame however many input events arrive before it; the widget
  // carries data-pending until then.
  function coalesced(root, f) {
    return () => {
      if (root.dataset.pending) return;
      root.dataset.pending = "1";
      requestAnimationFrame(() => { delete root.dataset.pending; timed(root, f); });
    };
  }
  function fail(root, err) {
    root.hidden = false;
    root.classList.add("blx-failed");
    root.textContent = "The explorable could not start (" + err.message + "). The notebook's charts below show the same quantities.";
  }

  // ---- Decoding lab -------------------------------------------------------
  function byteLabel(id) {
    if (id === 32) return "␣";
    if (id === 10) return "↵";
    if (id < 32 || id > 126) return "0x" + id.toString(16).padStart(2, "0");
    return String.fromCharCode(id);
  }
  async function decoding(root, api) {
    const data = JSON.parse(await asset("decoding.json"));
    const flat = new Float64Array(data.prompts.flatMap((p) => p.logprobs));
    call(api, "loadDecoding", new Uint8Array(flat.buffer), data.prompts.length);
    const select = el("select", { name: "prompt", "aria-label": "next-token distribution" });
    data.prompts.forEach((p, i) => select.append(el("option", { value: i, text: p.model + ": “" + p.text + "”" })));
    const zipf = data.prompts.length;
    select.append(el("option", { value: zipf, text: "Zipf, s = 1.1, V = 50,000 (synthetic)" }));
    const [cT, T] = slider("temperature", "temperature", 0, 2, 0.05, 1, (v) => v.toFixed(2));
    const [cK, K] = slider("top-k", "topk", 0, 50, 1, 0, (v) => (v ? String(v) : "off"));
    const [cP, P] = slider("top-p", "topp", 0, 1, 0.01, 1, (v) => (v > 0 && v < 1 ? v.toFixed(2) : "off"));
    const [cM, M] = slider("min-p", "minp", 0, 0.5, 0.01, 0, (v) => (v ? v.toFixed(2) : "off"));
    const last = el("input", { type: "checkbox", name: "templast" });
    const cLast = el("label", { class: "blx-check" }, last, " temperature last (llama.cpp chain) instead of first (Hugging Face order)");
    const [sKept, oKept] = out("kept", "kept tokens");
    const [sMass, oMass] = out("kept_mass", "kept mass");
    const [sHb, oHb] = out("entropy_before", "H before (nats)");
    const [sHa, oHa] = out("entropy_after", "H after (nats)");
    const rows = el("div", { class: "blx-rows" });
    const legend = el("p", { class: "blx-legend" },
      el("span", { class: "blx-key blx-before" }), " p before (T = 1, no filter) ",
      el("span", { class: "blx-key blx-after" }), " p after (what the sampler draws from) ",
      el("span", { class: "blx-key blx-draws" }), " draws of 1,000 (seed 1)");
    const other = el("p", { class: "blx-other" });
    root.append(el("div", { class: "blx-controls" }, el("label", { class: "blx-control blx-wide" }, el("span", { class: "blx-label", text: "context" }), select), cT, cK, cP, cM, cLast),
      el("div", { class: "blx-stats" }, sKept, sMass, sHb, sHa), legend, rows, other);
    // The rows are built once and updated in place: one Go call, then only
    // attribute, text and width changes.
    const rowEls = [];
    const row = () => {
      const bars = ["blx-before", "blx-after", "blx-draws"].map((c) => el("span", { class: "blx-bar " + c }));
      const r = { tok: el("span", { class: "blx-tok" }), bars, p: el("span", { class: "blx-p" }), c: el("span", { class: "blx-c" }) };
      r.el = el("div", { class: "blx-row" }, r.tok, el("span", { class: "blx-bars" }, ...bars), r.p, r.c);
      return r;
    };
    const draw = () => {
      const g = performance.now();
      const r = call(api, "decode", +select.value, +T.value, +K.value, +P.value, +M.value, last.checked, 1, 1000, 15);
      root.dataset.goMs = String(performance.now() - g);
      oKept.textContent = r.kept + " of " + r.v; oKept.dataset.value = String(r.kept);
      num(oMass, r.kept_mass, 4); num(oHb, r.entropy_before, 4); num(oHa, r.entropy_after, 4);
      const scale = r.top.reduce((m, x) => Math.max(m, x.before, x.after), 0);
      const pct = (v) => (100 * v / scale).toFixed(2) + "%";
      const label = +select.value === zipf ? (id) => "#" + (id + 1) : byteLabel;
      while (rowEls.length < r.top.length) rowEls.push(row());
      r.top.forEach((t, i) => {
        const x = rowEls[i];
        x.el.className = "blx-row" + (t.after > 0 ? "" : " blx-dropped");
        Object.assign(x.el.dataset, { id: t.id, before: String(t.before), after: String(t.after), count: String(t.count) });
        x.tok.textContent = label(t.id);
        x.bars[0].style.width = pct(t.before);
        x.bars[1].style.width = pct(t.after);
        x.bars[2].style.width = (t.count / 10).toFixed(1) + "%";
        x.p.textContent = t.after > 0 ? t.after.toFixed(3) : "cut";
        x.c.textContent = String(t.count);
      });
      if (rows.childElementCount !== r.top.length) rows.replaceChildren(...rowEls.slice(0, r.top.length).map((x) => x.el));
      other.textContent = r.other + " of 1,000 draws fell on tokens not listed";
      other.dataset.value = String(r.other);
    };
    const update = coalesced(root, draw);
    for (const c of [select, T, K, P, M, last]) c.addEventListener("input", update);
    timed(root, draw);
  }

  // ---- Divergence pad -----------------------------------------------------
  function divergence(root, api) {
    const w = { p: [8, 5, 3, 2, 1, 1], q: [3, 3, 3, 3, 3, 3] };
    const names = ["a", "b", "c", "d", "e", "f"];
    const pads = {};
    const table = el("table", { class: "blx-table" });
    const stats = el("div", { class: "blx-stats" });
    const outs = {};
    for (const [k, label] of [["HP", "H(p)"], ["HQ", "H(q)"], ["HPQ", "H(p, q)"], ["KLPQ", "KL(p‖q)"], ["KLQP", "KL(q‖p)"], ["JS", "JS(p, q)"]]) {
      const [s, o] = out(k, label);
      outs[k] = o;
      stats.append(s);
    }
    const padRow = el("div", { class: "blx-pads" });
    for (const which of ["p", "q"]) {
      const pad = el("div", { class: "blx-pad blx-pad-" + which, "data-dist": which });
      w[which].forEach((_, i) => {
        const bar = el("div", { class: "blx-col", role: "slider", tabindex: "0", "aria-label": which + " of " + names[i], "data-index": i },
          el("div", { class: "blx-fill" }), el("span", { class: "blx-colname", text: names[i] }));
        const set = (ev) => {
          const r = bar.getBoundingClientRect();
          w[which][i] = Math.max(0.02, Math.min(1, (r.bottom - ev.clientY) / r.height)) * 10;
          update();
        };
        bar.addEventListener("pointerdown", (ev) => { bar.setPointerCapture(ev.pointerId); set(ev); });
        bar.addEventListener("pointermove", (ev) => { if (ev.buttons) set(ev); });
        bar.addEventListener("keydown", (ev) => {
          const d = { ArrowUp: 0.5, ArrowDown: -0.5 }[ev.key];
          if (d) { ev.preventDefault(); w[which][i] = Math.max(0.2, Math.min(10, w[which][i] + d)); update(); }
        });
        pad.append(bar);
      });
      pads[which] = pad;
      padRow.append(el("figure", { class: "blx-padfig" }, pad, el("figcaption", { text: which + " (drag the bars)" })));
    }
    root.append(padRow, stats, table);
    const draw = () => {
      const r = call(api, "divergence", w.p, w.q);
      root.dataset.p = JSON.stringify(w.p); root.dataset.q = JSON.stringify(w.q);
      for (const k of Object.keys(outs)) num(outs[k], r[k], 4);
      for (const which of ["p", "q"]) {
        const d = which === "p" ? r.P : r.Q;
        [...pads[which].children].forEach((bar, i) => {
          bar.firstChild.style.height = (100 * w[which][i] / 10).toFixed(1) + "%";
          bar.setAttribute("aria-valuenow", d[i].toFixed(3));
        });
      }
      table.replaceChildren(el("tr", {}, ...["token", "p", "q", "p ln(p/q)", "q ln(q/p)", "−p ln q"].map((h) => el("th", { text: h }))),
        ...names.map((n, i) => el("tr", {}, el("td", { text: n }),
          ...[r.P[i], r.Q[i], r.TermPQ[i], r.TermQP[i], r.TermCrossPQ[i]].map((v) => { const c = el("td"); num(c, v, 4); return c; }))));
    };
    const update = coalesced(root, draw);
    timed(root, draw);
  }

  // ---- Calibration --------------------------------------------------------
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  }
  async function calibration(root, api) {
    const fitted = JSON.parse(await asset("calibration.json")).fitted_t;
    const [cT, T] = slider("temperature", "temperature", 0.25, 4, 0.01, 1, (v) => v.toFixed(2));
    const mark = el("span", { class: "blx-mark" });
    cT.append(mark);
    const fit = el("button", { type: "button", name: "fit" }, "set T to the fitted value");
    const outs = {};
    const stats = el("div", { class: "blx-stats" });
    for (const [k, label] of [["ece", "ECE (15 bins)"], ["accuracy", "accuracy"], ["mean_conf", "mean confidence"], ["fitted_t", "fitted T"]]) {
      const [s, o] = out(k, label);
      outs[k] = o;
      stats.append(s);
    }
    const plot = svg("svg", { viewBox: "0 0 320 320", class: "blx-plot", role: "img", "aria-label": "reliability diagram: accuracy against confidence per bin" });
    root.append(el("div", { class: "blx-controls" }, cT, fit), stats, plot);
    const x = (v) => 40 + 270 * v, y = (v) => 290 - 270 * v;
    const draw = () => {
      const r = call(api, "calibration", +T.value, fitted);
      for (const k of Object.keys(outs)) num(outs[k], r[k], 4);
      mark.style.left = "calc(7rem + " + ((r.fitted_t - 0.25) / 3.75).toFixed(4) + " * (100% - 10.5rem))";
      mark.title = "fitted T = " + r.fitted_t.toFixed(3);
      fit.onclick = () => { T.value = r.fitted_t; T.dispatchEvent(new Event("input")); };
      const kids = [svg("line", { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: "blx-diag" })];
      for (const b of r.bins) {
        if (!b.count) continue;
        kids.push(svg("rect", { x: x(b.lo) + 1, y: y(b.acc), width: 270 / r.bins.length - 2, height: 270 * b.acc, class: "blx-acc" }));
        kids.push(svg("circle", { cx: x(b.conf), cy: y(b.acc), r: 3, class: "blx-dot" }));
      }
      for (const v of [0, 0.5, 1]) {
        const tx = svg("text", { x: x(v), y: 306, "text-anchor": "middle" }); tx.textContent = v; kids.push(tx);
        const ty = svg("text", { x: 34, y: y(v) + 4, "text-anchor": "end" }); ty.textContent = v; kids.push(ty);
      }
      const xl = svg("text", { x: 175, y: 319, "text-anchor": "middle" }); xl.textContent = "confidence (bin)"; kids.push(xl);
      const yl = svg("text", { x: 10, y: 150, transform: "rotate(-90 10 150)", "text-anchor": "middle" }); yl.textContent = "accuracy in bin"; kids.push(yl);
      plot.replaceChildren(...kids);
    };
    T.addEventListener("input", coalesced(root, draw));
    timed(root, draw);
  }

  // ---- KL estimators ------------------------------------------------------
  function klestimators(root, api) {
    const [cN, N] = slider("samples N (log scale)", "logn", 0, 4, 0.1, 2, (v) => String(Math.round(10 ** v)));
    const [cB, B] = slider("shift β (p = softmax(z_q + β·d))", "beta", 0, 3, 0.05, 1, (v) => v.toFixed(2));
    const [sKL, oKL] = out("kl", "exact KL(q‖p) (nats)");
    const table = el("table", { class: "blx-table" });
    root.append(el("div", { class: "blx-controls" }, cN, cB), el("div", { class: "blx-stats" }, sKL), table);
    const draw = () => {
      const r = call(api, "klEstimators", +B.value, Math.round(10 ** +N.value), 1);
      num(oKL, r.kl, 5);
      root.dataset.n = String(r.n);
      table.replaceChildren(el("tr", {}, ...["estimator", "E[k]", "bias", "variance of the N-average", "N-sample estimate (seed 1)"].map((h) => el("th", { text: h }))),
        ...r.estimators.map((e) => el("tr", { "data-name": e.name }, el("td", { text: e.name }),
          ...["mean", "bias", "variance", "estimate"].map((k) => { const c = el("td", { "data-field": k }); num(c, e[k], 5); return c; }))));
    };
    const update = coalesced(root, draw);
    N.addEventListener("input", update);
    B.addEventListener("input", update);
    timed(root, draw);
  }

  // ---- Perplexity across tokenizers (its own, lazily fetched module) -------
  function perplexity(root) {
    const text = el("textarea", { name: "text", rows: 4, "aria-label": "text to score" });
    text.value = "And the Rays which differ in Refrangibility will be variously refracted, and by that Refraction will be separated from one another.";
    const go = el("button", { type: "button", name: "score" }, "Score (fetches the tokenizer module, r50k's vocabulary and the training text: 5 MB, 1.6 MB gzipped)");
    const status = el("p", { class: "blx-status" });
    const table = el("table", { class: "blx-table" });
    root.append(text, el("div", { class: "blx-controls" }, go), status, table);
    let api = null;
    const score = () => {
      if (!text.value) return;
      const rs = call(api, "score", text.value);
      table.replaceChildren(el("tr", {}, ...["tokenizer", "V", "tokens", "PPL per token", "bits per byte"].map((h) => el("th", { text: h }))),
        ...rs.map((r) => el("tr", { "data-name": r.tokenizer }, el("td", { text: r.tokenizer }), el("td", { text: String(r.vocab) }),
          el("td", { "data-field": "tokens", "data-value": String(r.tokens), text: String(r.tokens) }),
          ...["perplexity", "bits_per_byte"].map((k) => { const c = el("td", { "data-field": k }); num(c, r[k], 3); return c; }))));
    };
    go.addEventListener("click", async () => {
      if (api) { timed(root, score); return; }
      go.disabled = true;
      status.textContent = "Loading the tokenizers and training a Kneser–Ney model per tokenizer on Opticks…";
      try {
        const s = performance.now();
        const [ppl, train, ranks] = await Promise.all([load("perplexity.wasm", "BLXPPL"), asset("opticks-train.txt"), asset("r50k_base.tiktoken")]);
        call(ppl, "train", train, ranks);
        api = ppl;
        root.dataset.loadMs = String(performance.now() - s);
        status.textContent = "Models: Kneser–Ney 5-gram over bytes, 3-gram over r50k tokens, trained on Opticks' training part. Edit the text; it is scored as you type.";
        go.textContent = "Score";
        go.disabled = false;
        text.addEventListener("input", coalesced(root, score));
        timed(root, score);
      } catch (e) { status.textContent = "Could not load: " + e.message; }
    });
  }

  const widgets = { decoding, divergence, calibration, klestimators };
  async function start() {
    const roots = [...document.querySelectorAll(".blx[data-explorable]")];
    if (!roots.length) return;
    if (location.protocol === "file:") {
      // Browsers refuse to fetch a WebAssembly module from file://: say so
      // instead of failing (`course serve` serves the site over HTTP).
      for (const root of roots) {
        root.hidden = false;
        root.append(el("p", { class: "blx-status", text: "This explorable runs the course's Go code as WebAssembly, which browsers load only over HTTP: run `course serve` and open this page from there. The notebook's charts below show the same quantities." }));
      }
      return;
    }
    for (const root of roots) {
      root.hidden = false;
      if (root.dataset.explorable === "perplexity") { perplexity(root); root.dataset.ready = "1"; continue; }
      root.append(el("p", { class: "blx-status", text: "Loading the course's Go code (WebAssembly)…" }));
    }
    const need = roots.filter((r) => widgets[r.dataset.explorable]);
    if (need.length) {
      try {
        const pending = load("explorables.wasm", "BLX");
        for (const root of need) {
          const file = { decoding: "decoding.json", calibration: "calibration.json" }[root.dataset.explorable];
          if (file) asset(file).catch(() => {});
        }
        const api = await pending;
        BLXTimings.moduleReadyMs = performance.now();
        for (const root of need) {
          root.replaceChildren();
          await widgets[root.dataset.explorable](root, api);
          root.dataset.ready = "1";
        }
      } catch (e) { need.forEach((r) => fail(r, e)); }
    }
    BLXTimings.interactiveMs = performance.now() - t0;
    BLXTimings.sinceNavigationMs = performance.now();
    document.documentElement.dataset.blxReady = String(BLXTimings.sinceNavigationMs);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();

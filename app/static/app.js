// RankUp's page behaviour: language toggle, editor, Run/Submit with live results, drafts, editorial, Q&A cards.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
  const root = document.getElementById("problem");
  const slug = root?.dataset.slug;

  async function api(method, url, body) {
    const response = await fetch(url, {
      method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = response.status === 204 ? null : await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      const retry = response.headers.get("Retry-After");
      const detail = (data && data.detail) || response.statusText || "Request failed";
      throw new Error(detail + (retry ? ` (retry in ${retry} s)` : ""));
    }
    return data;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value; else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }
  const human = (v) => String(v || "").replaceAll("_", " ");

  // Language toggle: both statements are in the page; remember the choice.
  function setLang(lang) {
    if (!document.querySelector(`[data-lang="${lang}"]`)) return;
    document.querySelectorAll("[data-lang]").forEach((n) => { n.hidden = n.dataset.lang !== lang; });
    document.querySelectorAll("[data-set-lang]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.setLang === lang)));
    try { localStorage.setItem("rankup-lang", lang); } catch (e) { /* private mode */ }
    if (root) root.dataset.lang = lang;
  }
  document.querySelectorAll("[data-set-lang]").forEach((b) => b.addEventListener("click", (event) => {
    event.preventDefault(); setLang(b.dataset.setLang);
  }));
  if (root && !new URLSearchParams(location.search).get("lang")) {
    try { const saved = localStorage.getItem("rankup-lang"); if (saved) setLang(saved); } catch (e) { /* ignore */ }
  }
  const currentLang = () => (root?.dataset.lang === "zh" ? "zh" : "en");

  // Results: queued -> running -> the per-test table.
  function renderReport(box, sub) {
    box.replaceChildren();
    if (sub.status !== "done") {
      box.append(el("p", { class: "status-line" }, "Status: ", el("strong", {}, sub.status), sub.status === "queued" ? " (waiting for a grader)" : " (grading)"));
      return;
    }
    const r = sub.report || { verdict: sub.verdict, passed: 0, total: 0, time_ms: 0, tests: [] };
    box.append(el("p", { class: "verdict-line" },
      el("span", { class: `verdict verdict-${r.verdict}` }, human(r.verdict)),
      ` ${r.passed}/${r.total} tests passed · ${Number(r.time_ms).toFixed(1)} ms · `,
      el("a", { href: `/submissions/${sub.id}` }, `#${sub.id}`), sub.mode === "run" ? " (samples only)" : ""));
    const body = el("tbody");
    for (const t of r.tests || []) {
      const cell = el("td");
      if (t.message) cell.append(el("pre", { class: "message" }, t.message));
      if (t.input !== undefined) {
        cell.append(el("details", {}, el("summary", {}, "input / expected / output"),
          el("h3", {}, "Input"), el("pre", {}, t.input), el("h3", {}, "Expected"), el("pre", {}, t.expected ?? ""),
          el("h3", {}, "Your output"), el("pre", {}, t.output ?? "")));
      }
      body.append(el("tr", { class: `test-${t.verdict}` },
        el("td", {}, t.name, t.hidden ? el("span", { class: "muted" }, " (hidden)") : null),
        el("td", {}, el("span", { class: `verdict verdict-${t.verdict}` }, human(t.verdict))),
        el("td", {}, t.time_ms == null ? "—" : `${Number(t.time_ms).toFixed(1)} ms`), cell));
    }
    box.append(el("table", { class: "tests" }, el("thead", {}, el("tr", {},
      el("th", { scope: "col" }, "Test"), el("th", { scope: "col" }, "Verdict"), el("th", { scope: "col" }, "Time"),
      el("th", { scope: "col" }, "Message"))), body));
    if (r.stdout) box.append(el("details", {}, el("summary", {}, "Printed output"), el("pre", {}, r.stdout)));
  }

  async function follow(id, box) {
    for (let i = 0; i < 600; i++) {
      const sub = await api("GET", `/api/submissions/${id}?wait=10`);
      renderReport(box, sub);
      if (sub.status === "done") return sub;
      await new Promise((resolve) => setTimeout(resolve, 200)); // the long poll returned early: do not spin
    }
    throw new Error("Grading is taking unusually long; reload the page later.");
  }

  function addHistory(sub) {
    const list = document.getElementById("history");
    if (!list) return;
    list.querySelector(".empty")?.remove();
    const verdict = sub.mode === "qa" ? `rated ${sub.rating}` : human(sub.verdict || sub.status);
    list.prepend(el("li", {}, el("a", { href: `/submissions/${sub.id}` }, `#${sub.id}`), " ",
      el("span", { class: "mode" }, sub.mode || "qa"), " ",
      el("span", { class: `verdict verdict-${sub.verdict || ""}` }, verdict),
      sub.report ? ` ${sub.report.passed}/${sub.report.total}` : ""));
  }

  // The coding page.
  const form = document.getElementById("code-form");
  if (form && slug) {
    const textarea = document.getElementById("code");
    const box = document.getElementById("result");
    const state = document.getElementById("draft-state");
    const buttons = form.querySelectorAll("button[type=submit]");
    let editor = null;
    let saveTimer = null;
    let lastSaved = textarea.value;
    const getCode = () => (editor ? editor.getValue() : textarea.value);
    const setCode = (code) => { if (editor) editor.setValue(code); else textarea.value = code; };

    async function send(mode) {
      buttons.forEach((b) => { b.disabled = true; });
      box.replaceChildren(el("p", { class: "status-line" }, "Sending…"));
      try {
        const queued = await api("POST", `/api/problems/${slug}/submissions`, { code: getCode(), mode });
        lastSaved = getCode();
        renderReport(box, { ...queued, mode });
        const sub = await follow(queued.id, box);
        addHistory(sub);
        if (sub.mode === "submit" && sub.verdict === "accepted") openEditorial(false);
      } catch (err) {
        box.replaceChildren(el("p", { class: "flash error", role: "alert" }, err.message));
      } finally {
        buttons.forEach((b) => { b.disabled = false; });
      }
    }

    function scheduleSave() {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(async () => {
        const code = getCode();
        if (code === lastSaved) return;
        try { await api("PUT", `/api/problems/${slug}/draft`, { code }); lastSaved = code; state.textContent = "Draft saved"; }
        catch (err) { state.textContent = `Draft not saved: ${err.message}`; }
      }, 800);
    }

    if (window.RankUpEditor) {
      // The page's CSP nonce lets CodeMirror's one <style> element apply.
      const nonce = document.querySelector('meta[name="csp-nonce"]')?.content || "";
      editor = window.RankUpEditor.create(textarea, { onSubmit: () => send("submit"), onChange: scheduleSave, nonce });
    } else {
      document.getElementById("editor-fallback").hidden = false;
      textarea.addEventListener("keydown", (event) => {
        if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); send("submit"); }
        else if (event.key === "Tab" && !event.shiftKey && !event.altKey) {
          event.preventDefault();
          const start = textarea.selectionStart;
          textarea.setRangeText("    ", start, textarea.selectionEnd, "end");
          scheduleSave();
        }
      });
      textarea.addEventListener("input", scheduleSave);
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(event.submitter?.value === "run" ? "run" : "submit");
    });
    document.getElementById("reset")?.addEventListener("click", () => {
      if (confirm("Replace your code with the starter code?")) { setCode(textarea.dataset.starter); scheduleSave(); }
    });
  }

  async function openEditorial(record) {
    const body = document.getElementById("editorial-body");
    if (!body || (!record && !document.getElementById("show-editorial"))) return;
    try {
      const data = await api("POST", `/api/problems/${slug}/editorial?lang=${currentLang()}`);
      const holder = el("div", { class: "markdown" });
      holder.innerHTML = data.html; // sanitised on the server (nh3)
      body.replaceChildren(holder);
    } catch (err) { body.append(el("p", { class: "flash error" }, err.message)); }
  }
  document.getElementById("show-editorial")?.addEventListener("click", () => openEditorial(true));

  // A submission page that is still grading: wait for it, then show the report.
  const pending = document.querySelector("#result[data-attempt]");
  if (pending && pending.dataset.status !== "done") {
    follow(pending.dataset.attempt, pending).catch((err) => pending.append(el("p", { class: "flash error" }, err.message)));
  }

  // Q&A card: answer, reveal, tick key points, rate.
  const qa = document.getElementById("qa-form");
  if (qa && slug) {
    const saved = document.getElementById("qa-saved");
    document.getElementById("qa-reveal").addEventListener("click", async (event) => {
      try {
        const data = await api("POST", `/api/problems/${slug}/reveal?lang=${currentLang()}`);
        document.getElementById("qa-model").innerHTML = data.answer_html; // sanitised on the server (nh3)
        const points = document.getElementById("qa-points");
        points.replaceChildren(...data.key_points.map((p, i) => el("label", { class: "qa-point" },
          el("input", { type: "checkbox", name: "key_point", value: String(i) }), " ", p)));
        document.getElementById("qa-wrong").replaceChildren(...data.wrong_answers.map((w) => el("li", {}, w)));
        document.getElementById("qa-wrong-box").hidden = data.wrong_answers.length === 0;
        document.getElementById("qa-revealed").hidden = false;
        event.target.disabled = true;
        points.querySelector("input")?.focus();
      } catch (err) { saved.hidden = false; saved.textContent = err.message; }
    });
    qa.querySelectorAll("button.rate").forEach((button) => button.addEventListener("click", async () => {
      const hit = [...qa.querySelectorAll('input[name="key_point"]:checked')].map((c) => Number(c.value));
      try {
        const attempt = await api("POST", `/api/problems/${slug}/qa-attempts`, {
          answer: document.getElementById("qa-answer").value, key_points_hit: hit, rating: button.dataset.rating });
        saved.hidden = false;
        saved.textContent = `Saved: rated ${attempt.rating}, ${hit.length} key point${hit.length === 1 ? "" : "s"} hit.`;
        addHistory({ ...attempt, mode: "qa" });
      } catch (err) { saved.hidden = false; saved.textContent = err.message; }
    }));
  }
})();

// Authoring: live Markdown preview, rendered by the server exactly as learners will see it.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
  document.querySelectorAll("textarea[data-preview]").forEach((area) => {
    const target = document.getElementById(area.dataset.preview);
    let timer = null;
    area.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const response = await fetch("/api/preview", { method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf }, body: JSON.stringify({ markdown: area.value }) });
        if (response.ok) target.innerHTML = (await response.json()).html; // sanitised on the server (nh3)
      }, 300);
    });
  });
})();

// RankUp's page behaviour: language toggle, editor, Run/Submit with live results (the last kept across reloads),
// custom input, past code loaded or diffed, drafts, editorial, Q&A cards.
(function () {
  "use strict";
  // Every interface string of this file (one place, for translation: `make messages` extracts the t() calls).
  const TEXT = {
    loading: t("Loading…"),
    running: t("Running your code and the reference…"),
    noVerdict: t("no verdict"),
    yourOutput: t("Your output"),
    referenceOutput: t("Reference output"),
    printed: t("Printed output"),
    none: t("(none)"),
    fieldsFailed: t("The parameters could not be loaded: "),
    otherProblem: t("That attempt belongs to another problem."),
    loaded: (id) => t("Loaded #%(id)s into the editor (Ctrl+Z or \"Undo load\" brings your code back).", { id }),
    unloaded: t("Your code is back."),
    diffTitle: (id) => t("Attempt #%(id)s (lines marked -) compared with the editor (lines marked +)", { id }),
    diffCounts: (added, removed) => t("%(added)s line(s) added, %(removed)s line(s) removed", { added, removed }),
    diffSame: t("No differences: the editor holds the same code."),
    diffMissing: t("The diff bundle is missing (run make assets)."),
    close: t("Close"),
    lastResult: t("Your last result"),
    mistake: t("This looks like a common mistake:"),
    numeric: t("What the numbers say:"),
    requestFailed: t("Request failed"),
    retryIn: (detail, seconds) => t("%(detail)s (retry in %(seconds)s s)", { detail, seconds }),
    status: t("Status:"),
    waiting: t("(waiting for a grader)"),
    grading: t("(grading)"),
    testsPassed: (passed, total) => t("%(passed)s/%(total)s tests passed", { passed, total }),
    samplesOnly: t("(samples only)"),
    hidden: t("(hidden)"),
    notRun: t("not run"),
    inputExpectedOutput: t("input / expected / output"),
    input: t("Input"),
    expected: t("Expected"),
    test: t("Test"),
    verdict: t("Verdict"),
    time: t("Time"),
    message: t("Message"),
    tooLong: t("Grading is taking unusually long; reload the page later."),
    rated: (rating) => t("rated %(rating)s", { rating }),
    loadIntoEditor: t("Load into editor"),
    diffWithCurrent: t("Diff with current"),
    sending: t("Sending…"),
    draftSaved: t("Draft saved"),
    draftNotSaved: (message) => t("Draft not saved: %(message)s", { message }),
    resetConfirm: t("Replace your code with the starter code?"),
    savedRating: (rating, n) => (n === 1
      ? t("Saved: rated %(rating)s, %(n)s key point hit.", { rating, n })
      : t("Saved: rated %(rating)s, %(n)s key points hit.", { rating, n })),
  };
  // The names of stored values, as _labels.html gives them to the templates.
  const VERDICTS = {
    accepted: t("accepted"), wrong_answer: t("wrong answer"), runtime_error: t("runtime error"),
    time_limit_exceeded: t("time limit exceeded"), memory_limit_exceeded: t("memory limit exceeded"),
    output_limit_exceeded: t("output limit exceeded"), syntax_error: t("syntax error"), internal_error: t("internal error"),
  };
  const RATINGS = { again: t("again"), hard: t("hard"), good: t("good"), easy: t("easy") };
  const MODES = { submit: t("submit"), run: t("run"), qa: t("Q&A") };
  const STATUSES = { queued: t("queued"), running: t("running"), done: t("done") };
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
      const detail = (data && data.detail) || response.statusText || TEXT.requestFailed;
      throw new Error(retry ? TEXT.retryIn(detail, retry) : detail);
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
  const verdictName = (v) => VERDICTS[v] || human(v);

  // Content language toggle: both statements are in the page. The server renders the interface language's
  // (`data-content-lang` on #problem, from ?lang= or the interface language); the toggle switches this page (and
  // its address, as the link does without JavaScript), so a choice never overrides the interface language elsewhere.
  function setLang(lang) {
    if (!document.querySelector(`[data-lang="${lang}"]`)) return;
    document.querySelectorAll("[data-lang]").forEach((n) => { n.hidden = n.dataset.lang !== lang; });
    document.querySelectorAll("[data-set-lang]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.setLang === lang)));
    if (root) root.dataset.contentLang = lang;
    // As the link would without JavaScript: the address says ?lang=, so a reload shows the same language.
    const url = new URL(location.href);
    url.searchParams.set("lang", lang);
    history.replaceState(history.state, "", url);
  }
  document.querySelectorAll("[data-set-lang]").forEach((b) => b.addEventListener("click", (event) => {
    event.preventDefault(); setLang(b.dataset.setLang);
  }));
  try { localStorage.removeItem("rankup-lang"); } catch (e) { /* private mode: nothing was stored */ }
  // Editorials and card reveals come in the content language: the toggle's, else the interface's.
  const currentLang = () => {
    const lang = root?.dataset.contentLang || document.documentElement.lang || "en";
    return lang.startsWith("zh") ? "zh" : "en";
  };

  // A diagnosis from the visible samples: the named mistake, or the numeric shape of the wrong answer, in the
  // content language (sanitised HTML rendered by the server).
  function diagnosisBox(d, cls) {
    const body = el("div", { class: "markdown" });
    const html = currentLang() === "zh" ? d.message_zh_html || d.message_html : d.message_html;
    if (html) body.innerHTML = html; // sanitised on the server (nh3)
    else body.textContent = currentLang() === "zh" ? d.message_zh || d.message : d.message;
    return el("div", { class: `diagnosis ${cls}`, role: "note" },
      el("strong", {}, d.kind === "mistake" ? TEXT.mistake : TEXT.numeric), body);
  }

  // A test's time; a fast test would read "0.0 ms", as if it took no time at all.
  const testTime = (ms) => (ms == null ? "—" : Number(ms) < 0.1 ? "<0.1 ms" : `${Number(ms).toFixed(1)} ms`);

  // Results: queued -> running -> the per-test table.
  function renderReport(box, sub) {
    box.replaceChildren();
    if (sub.status !== "done") {
      box.append(el("p", { class: "status-line" }, TEXT.status, " ", el("strong", {}, STATUSES[sub.status] || sub.status), " ",
        sub.status === "queued" ? TEXT.waiting : TEXT.grading));
      return;
    }
    const r = sub.report || { verdict: sub.verdict, passed: 0, total: 0, time_ms: 0, tests: [] };
    box.append(el("p", { class: "verdict-line" },
      el("span", { class: `verdict verdict-${r.verdict}` }, verdictName(r.verdict)),
      ` ${TEXT.testsPassed(r.passed, r.total)} · ${Number(r.time_ms).toFixed(1)} ms · `,
      el("a", { href: `/submissions/${sub.id}` }, `#${sub.id}`), sub.mode === "run" ? ` ${TEXT.samplesOnly}` : ""));
    if (r.diagnosis) box.append(diagnosisBox(r.diagnosis, "diagnosis"));
    const body = el("tbody");
    for (const t of r.tests || []) {
      const cell = el("td");
      const message = currentLang() === "zh" ? t.message_zh || t.message : t.message;
      if (message) cell.append(el("pre", { class: "message" }, message));
      if (t.diagnosis && !t.hidden) cell.append(diagnosisBox(t.diagnosis, "test-diagnosis"));
      if (t.input !== undefined) {
        cell.append(el("details", {}, el("summary", {}, TEXT.inputExpectedOutput),
          el("h3", {}, TEXT.input), el("pre", {}, t.input), el("h3", {}, TEXT.expected), el("pre", {}, t.expected ?? ""),
          el("h3", {}, TEXT.yourOutput), el("pre", {}, t.output ?? "")));
      }
      body.append(el("tr", { class: `test-${t.verdict}` },
        el("td", {}, t.name, t.hidden ? el("span", { class: "muted" }, ` ${TEXT.hidden}`) : null),
        el("td", {}, el("span", { class: `verdict verdict-${t.verdict}` }, verdictName(t.verdict))),
        el("td", {}, testTime(t.time_ms)), cell));
    }
    // The run stopped at a fatal verdict: the tests after it were not run (hidden ones have no name to show).
    for (let i = (r.tests || []).length; i < (r.total || 0); i++) {
      body.append(el("tr", { class: "test-not-run" }, el("td", { class: "muted" }, "—"),
        el("td", { class: "muted" }, TEXT.notRun), el("td", { class: "muted" }, "—"), el("td", {})));
    }
    box.append(el("table", { class: "tests" }, el("thead", {}, el("tr", {},
      el("th", { scope: "col" }, TEXT.test), el("th", { scope: "col" }, TEXT.verdict), el("th", { scope: "col" }, TEXT.time),
      el("th", { scope: "col" }, TEXT.message))), body));
    if (r.stdout) box.append(el("details", {}, el("summary", {}, TEXT.printed), el("pre", {}, r.stdout)));
  }

  async function follow(id, box) {
    for (let i = 0; i < 600; i++) {
      const sub = await api("GET", `/api/submissions/${id}?wait=10`);
      renderReport(box, sub);
      if (sub.status === "done") return sub;
      await new Promise((resolve) => setTimeout(resolve, 200)); // the long poll returned early: do not spin
    }
    throw new Error(TEXT.tooLong);
  }

  function addHistory(sub) {
    const list = document.getElementById("history");
    if (!list) return;
    list.querySelector(".empty")?.remove();
    const verdict = sub.mode === "qa" ? TEXT.rated(RATINGS[sub.rating] || sub.rating)
      : (sub.verdict ? verdictName(sub.verdict) : STATUSES[sub.status] || sub.status);
    list.prepend(el("li", {}, el("a", { href: `/submissions/${sub.id}` }, `#${sub.id}`), " ",
      el("span", { class: "mode" }, MODES[sub.mode || "qa"] || sub.mode), " ",
      el("span", { class: `verdict verdict-${sub.verdict || ""}` }, verdict),
      sub.report ? ` ${sub.report.passed}/${sub.report.total}` : "",
      ...(sub.mode === "qa" || !sub.mode ? [] : [" ", historyButton("load", sub.id), " ", historyButton("diff", sub.id)])));
  }
  function historyButton(kind, id) {
    const template = document.querySelector(`#history [data-${kind}]`);
    const label = template ? template.textContent : (kind === "load" ? TEXT.loadIntoEditor : TEXT.diffWithCurrent);
    return el("button", { type: "button", class: "link", [`data-${kind}`]: String(id) }, label);
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
      box.replaceChildren(el("p", { class: "status-line" }, TEXT.sending));
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
        try { await api("PUT", `/api/problems/${slug}/draft`, { code }); lastSaved = code; state.textContent = TEXT.draftSaved; }
        catch (err) { state.textContent = TEXT.draftNotSaved(err.message); }
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
      if (confirm(TEXT.resetConfirm)) { setCode(textarea.dataset.starter); scheduleSave(); }
    });

    // Past code back in the editor: one undoable change, and a line diff against what the editor holds.
    const undoLoad = document.getElementById("undo-load");
    const undoLoadBox = document.getElementById("undo-load-box"); // buttons are display: inline-block, so hide a box
    const diffPanel = document.getElementById("diff-panel");
    let beforeLoad = null, loadedCode = null;
    async function attemptCode(id) {
      const sub = await api("GET", `/api/submissions/${encodeURIComponent(id)}`);
      if (sub.problem !== slug) throw new Error(TEXT.otherProblem);
      return sub.code ?? "";
    }
    async function loadAttempt(id) {
      try {
        const code = await attemptCode(id);
        beforeLoad = getCode();
        loadedCode = code;
        setCode(code);
        if (!editor) scheduleSave();
        undoLoadBox.hidden = false;
        state.textContent = TEXT.loaded(id);
      } catch (err) { state.textContent = err.message; }
    }
    undoLoad.addEventListener("click", () => {
      // Straight after the load, undo it (as Ctrl+Z would); after later edits, put the old code back as a new change.
      if (editor && editor.canUndo() && getCode() === loadedCode) editor.undo();
      else if (beforeLoad !== null) { setCode(beforeLoad); scheduleSave(); }
      beforeLoad = loadedCode = null;
      undoLoadBox.hidden = true;
      state.textContent = TEXT.unloaded;
      (editor || textarea).focus();
    });
    async function showDiff(id) {
      diffPanel.hidden = false;
      diffPanel.replaceChildren(el("p", { class: "status-line" }, TEXT.loading));
      try {
        if (!window.RankUpDiff) throw new Error(TEXT.diffMissing);
        const parts = window.RankUpDiff.lines(await attemptCode(id), getCode());
        const pre = el("pre", { class: "diff" });
        let added = 0, removed = 0;
        for (const part of parts) {
          const lines = part.value.replace(/\n$/, "").split("\n");
          for (const line of lines) {
            if (part.added) { added++; pre.append(el("ins", {}, `+ ${line}`), "\n"); }
            else if (part.removed) { removed++; pre.append(el("del", {}, `- ${line}`), "\n"); }
            else pre.append(`  ${line}\n`);
          }
        }
        const close = el("button", { type: "button", class: "link" }, TEXT.close);
        close.addEventListener("click", () => { diffPanel.hidden = true; diffPanel.replaceChildren(); });
        diffPanel.replaceChildren(el("h2", {}, TEXT.diffTitle(id)),
          el("p", { class: "muted" }, added || removed ? TEXT.diffCounts(added, removed) : TEXT.diffSame, " ", close), pre);
      } catch (err) { diffPanel.replaceChildren(el("p", { class: "flash error", role: "alert" }, err.message)); }
    }
    document.getElementById("history")?.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-load], button[data-diff]");
      if (!button) return;
      if (button.dataset.load) loadAttempt(button.dataset.load); else showDiff(button.dataset.diff);
    });
    const params = new URLSearchParams(location.search);
    if (/^\d+$/.test(params.get("load") || "")) loadAttempt(params.get("load"));
    if (/^\d+$/.test(params.get("diff") || "")) showDiff(params.get("diff"));

    // The last Run/Submit result, shown again after a reload (and followed if it is still grading).
    (async () => {
      try {
        const [last] = await api("GET", `/api/submissions?problem=${encodeURIComponent(slug)}&limit=1`);
        if (!last || last.mode === "qa" || box.childElementCount) return;
        renderReport(box, last);
        box.prepend(el("h2", { class: "visually-hidden" }, TEXT.lastResult));
        if (last.status !== "done") await follow(last.id, box);
      } catch (err) { /* the result panel stays empty; nothing was lost */ }
    })();

    // Custom input: one field per parameter, prefilled from sample 1; the reference's output beside yours.
    const custom = document.getElementById("custom-run");
    const fields = document.getElementById("custom-fields");
    const customBox = document.getElementById("custom-result");
    const customGo = document.getElementById("custom-run-go");
    let fieldsLoaded = false;
    custom.addEventListener("toggle", async () => {
      if (!custom.open || fieldsLoaded) return;
      fieldsLoaded = true;
      try {
        const data = await api("GET", `/api/problems/${slug}/custom-run`);
        fields.replaceChildren(...Object.entries(data.args).map(([name, value]) => {
          const id = `custom-arg-${name}`;
          const area = el("textarea", { id, name, class: "code custom-arg", spellcheck: "false", autocapitalize: "off",
            rows: String(Math.min(8, Math.max(1, Math.ceil(value.length / 60)))) });
          area.value = value;
          return el("p", {}, el("label", { for: id }, el("code", {}, name)), el("br"), area);
        }));
      } catch (err) {
        fieldsLoaded = false;
        fields.replaceChildren(el("p", { class: "flash error", role: "alert" }, TEXT.fieldsFailed + err.message));
      }
    });
    customGo.addEventListener("click", async () => {
      const args = Object.fromEntries([...fields.querySelectorAll("textarea")].map((a) => [a.name, a.value]));
      customGo.disabled = true;
      customBox.replaceChildren(el("p", { class: "status-line" }, TEXT.running));
      try {
        const r = await api("POST", `/api/problems/${slug}/custom-run`, { code: getCode(), args });
        customBox.replaceChildren(
          el("p", { class: "verdict-line" }, el("span", { class: `verdict verdict-${r.verdict || "none"}` },
            r.verdict ? verdictName(r.verdict) : TEXT.noVerdict), ` · ${Number(r.time_ms).toFixed(1)} ms`),
          r.message ? el("pre", { class: "message" }, r.message) : "",
          el("h3", {}, TEXT.yourOutput), el("pre", { class: "custom-output" }, r.output ?? TEXT.none),
          el("h3", {}, TEXT.referenceOutput), el("pre", { class: "custom-reference" }, r.reference_output ?? TEXT.none),
          r.stdout ? el("details", {}, el("summary", {}, TEXT.printed), el("pre", {}, r.stdout)) : "");
      } catch (err) {
        customBox.replaceChildren(el("p", { class: "flash error", role: "alert" }, err.message));
      } finally { customGo.disabled = false; }
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

  // Progressive hints: open the next one in place (the form posts without JavaScript), in both languages.
  const hintForm = document.getElementById("hint-form");
  hintForm?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const number = Number(hintForm.elements.number.value);
    const button = document.getElementById("next-hint");
    button.disabled = true;
    try {
      const fill = (lang, data) => document.querySelector(`#hints .hint-list[data-lang="${lang}"]`)?.replaceChildren(
        ...data.opened_html.map((html) => {
          const item = el("li", { class: "markdown" });
          item.innerHTML = html; // sanitised on the server (nh3)
          return item;
        }));
      const lang = currentLang(), other = lang === "zh" ? "en" : "zh";
      const data = await api("POST", `/api/problems/${slug}/hints/${number}?lang=${lang}`);
      fill(lang, data);
      fill(other, await api("GET", `/api/problems/${slug}/hints?lang=${other}`));
      const total = data.total;
      if (number >= total) { hintForm.remove(); return; }
      hintForm.elements.number.value = String(number + 1);
      button.textContent = t("Show hint %(n)s of %(total)s", { n: number + 1, total });
      button.disabled = false;
    } catch (err) {
      button.disabled = false;
      hintForm.append(el("p", { class: "flash error" }, err.message));
    }
  });

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
      event.preventDefault(); // the form posts the reveal without JavaScript
      try {
        const data = await api("POST", `/api/problems/${slug}/reveal?lang=${currentLang()}`);
        document.getElementById("qa-model").innerHTML = data.answer_html; // sanitised on the server (nh3)
        const points = document.getElementById("qa-points");
        const html = (tag, markup) => { const node = el(tag); node.innerHTML = markup; return node; }; // nh3-sanitised
        points.replaceChildren(...data.key_points_html.map((p, i) => el("label", { class: "qa-point" },
          el("input", { type: "checkbox", name: "key_point", value: String(i) }), " ", html("span", p))));
        document.getElementById("qa-wrong").replaceChildren(...data.wrong_answers_html.map((w) => html("li", w)));
        document.getElementById("qa-wrong-box").hidden = data.wrong_answers.length === 0;
        document.getElementById("qa-revealed").hidden = false;
        event.target.disabled = true;
        points.querySelector("input")?.focus();
      } catch (err) { saved.hidden = false; saved.textContent = err.message; }
    });
    // One reveal is one attempt: a second rating replaces the first (the server updates it and its review).
    let ratedId = null;
    qa.querySelectorAll("button.rate").forEach((button) => button.addEventListener("click", async (event) => {
      event.preventDefault(); // the form posts the rating without JavaScript
      const hit = [...qa.querySelectorAll('input[name="key_point"]:checked')].map((c) => Number(c.value));
      const body = { answer: document.getElementById("qa-answer").value, key_points_hit: hit, rating: button.dataset.rating };
      try {
        const attempt = ratedId === null
          ? await api("POST", `/api/problems/${slug}/qa-attempts`, body)
          : await api("PUT", `/api/problems/${slug}/qa-attempts/${ratedId}`, body);
        saved.hidden = false;
        saved.textContent = TEXT.savedRating(RATINGS[attempt.rating] || attempt.rating, hit.length);
        if (ratedId === null) addHistory({ ...attempt, mode: "qa" });
        else document.querySelector(`#history a[href="/submissions/${attempt.id}"]`)?.parentElement
          ?.querySelector(".verdict")?.replaceChildren(TEXT.rated(RATINGS[attempt.rating] || attempt.rating));
        ratedId = attempt.id;
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

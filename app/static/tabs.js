// Phone tabs for the problem page (issue 11): at <= 700 px the statement, the editor and the results become tabs
// (WAI-ARIA tabs: arrow keys, Home/End, roving tabindex); wider, or without JavaScript, the page stays stacked.
(function () {
  "use strict";
  const list = document.getElementById("problem-tabs");
  if (!list) return;
  const phone = window.matchMedia("(max-width: 700px)");
  const panelOf = (tab) => document.getElementById(tab.getAttribute("aria-controls"));
  const tabs = [...list.querySelectorAll('[role="tab"]')].filter(panelOf);
  if (!tabs.length) return;
  let current = tabs[0];

  function select(tab, focus) {
    current = tab;
    tabs.forEach((each) => {
      const on = each === tab;
      each.setAttribute("aria-selected", String(on));
      each.tabIndex = on ? 0 : -1;
      panelOf(each).hidden = !on;
    });
    if (focus) tab.focus();
  }

  // Tabs only on a phone: elsewhere the panels are plain sections again, all shown.
  function apply() {
    const on = phone.matches;
    list.hidden = !on;
    tabs.forEach((tab) => {
      const panel = panelOf(tab);
      if (on) {
        panel.setAttribute("role", "tabpanel");
        panel.setAttribute("aria-labelledby", tab.id);
      } else {
        panel.removeAttribute("role");
        panel.removeAttribute("aria-labelledby");
        panel.hidden = false;
      }
    });
    if (on) select(current, false);
  }

  list.addEventListener("click", (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab && tabs.includes(tab)) select(tab, false);
  });
  list.addEventListener("keydown", (event) => {
    const at = tabs.indexOf(current);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length], true);
  });

  // After Run or Submit, show the Results tab as soon as the result box changes. Only then: the last result that
  // app.js restores after a reload must not pull the learner away from the statement.
  const results = tabs.find((tab) => tab.id === "tab-results");
  const box = document.getElementById("result");
  const form = document.getElementById("code-form");
  if (results && box && form) {
    let armed = false;
    form.addEventListener("click", (event) => { if (event.target.closest("#run, #submit")) armed = true; });
    form.addEventListener("submit", () => { armed = true; });
    form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) armed = true;
    }, true);
    new MutationObserver(() => {
      if (!armed || !box.childElementCount) return;
      armed = false;
      if (!phone.matches) return;
      // Keep keyboard focus somewhere sensible when the focused button or editor is hidden with its tab.
      select(results, panelOf(current).contains(document.activeElement));
    }).observe(box, { childList: true, subtree: true });
  }

  // "Load into editor" (a past attempt's button, or ?load= in the address) shows the Code tab with the code in it.
  const code = tabs.find((tab) => tab.id === "tab-code");
  if (code) {
    document.addEventListener("click", (event) => {
      if (phone.matches && event.target.closest("button[data-load]")) select(code, false);
    });
    if (/^\d+$/.test(new URLSearchParams(location.search).get("load") || "")) current = code;
  }

  phone.addEventListener("change", apply);
  apply();
})();

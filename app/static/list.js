// The problem list: each change to a filter or the order applies at once (the results are fetched as the server
// renders them and swapped in, and the address follows), so the search box keeps its focus. Without JavaScript the
// form's Filter button applies them; "Random unsolved" always submits the form as it is.
(function () {
  "use strict";
  // Every interface string of this file (one place, for translation: `make messages` extracts the t() calls).
  const TEXT = {
    failed: t("Could not update the list; press Filter to try again."),
  };
  const form = document.getElementById("problem-filters");
  const results = document.getElementById("problem-results");
  if (!form || !results) return;

  let latest = 0;
  async function apply() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value !== "" && !(name === "sort" && value === "default")) params.append(name, String(value));
    }
    const query = params.toString();
    const url = "/" + (query ? `?${query}` : "");
    const ticket = ++latest;
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (ticket !== latest) return; // a later change is on its way
      const html = await response.text();
      if (ticket !== latest) return; // a later change started while this body was read: its answer wins
      const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("problem-results");
      if (!response.ok || !fresh) throw new Error(String(response.status));
      results.replaceChildren(...fresh.childNodes);
      history.replaceState(null, "", url);
    } catch (error) {
      if (ticket !== latest) return;
      const note = document.createElement("p");
      note.className = "notice";
      note.setAttribute("role", "alert");
      note.textContent = TEXT.failed;
      results.prepend(note);
    }
  }

  let typing = null;
  form.addEventListener("change", (event) => {
    if (event.target.name === "q") return; // the input handler has it
    apply();
  });
  form.addEventListener("input", (event) => {
    if (event.target.name !== "q") return;
    clearTimeout(typing);
    typing = setTimeout(apply, 250);
  });
  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.id === "random-unsolved") return; // a real navigation
    event.preventDefault();
    clearTimeout(typing);
    apply();
  });
})();

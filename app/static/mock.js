// Mock interviews: the countdown (from the seconds the server rendered into the page; at zero, on to the report),
// and on a card in a mock, storing the learner's answer before app.js asks for the model answer.
(function () {
  "use strict";
  // Every interface string of this file (one place, for translation: `make messages` extracts the t() calls).
  const TEXT = {
    timeUp: t("Time is up: opening your report…"),
    answerFirst: t("Write your answer first: in a mock interview the model answer opens after it."),
  };
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

  const timer = document.getElementById("mock-timer");
  if (timer) {
    const total = Number(timer.dataset.remaining) || 0;
    const started = performance.now();
    const show = (seconds) => {
      timer.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    };
    const tick = () => {
      const left = Math.max(0, total - Math.floor((performance.now() - started) / 1000));
      show(left);
      if (left === 0) {
        clearInterval(handle);
        timer.setAttribute("aria-label", TEXT.timeUp);
        window.location.assign(timer.dataset.doneUrl);
      }
    };
    const handle = setInterval(tick, 1000);
    tick();
  }

  // A card in a mock: the first click on "reveal" stores the answer, then lets app.js reveal as usual.
  const banner = document.getElementById("mock-banner");
  const reveal = document.getElementById("qa-reveal");
  const message = document.getElementById("mock-message");
  if (banner && reveal && banner.dataset.position) {
    document.addEventListener("click", async (event) => {
      if (event.target !== reveal || banner.dataset.answered === "true") return;
      event.stopPropagation(); // the capture phase on document runs before app.js's listener on the button
      event.preventDefault();
      const answer = document.getElementById("qa-answer");
      const fail = (text) => { message.hidden = false; message.textContent = text; };
      if (!answer.value.trim()) { fail(TEXT.answerFirst); answer.focus(); return; }
      const response = await fetch(`/api/mock/${banner.dataset.mock}/items/${banner.dataset.position}/answer`, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, Accept: "application/json" },
        body: JSON.stringify({ answer: answer.value }),
      });
      if (!response.ok) {
        let detail = response.statusText;
        try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
        fail(detail);
        return;
      }
      message.hidden = true;
      banner.dataset.answered = "true";
      answer.readOnly = true;
      reveal.click();
    }, true);
  }
})();

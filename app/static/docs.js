// Starts Swagger UI (from app/static/dist/swagger/, built from npm) on /docs; a file, not an inline script, for the CSP.
(function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") return;
  window.ui = window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    domNode: root,
    layout: "BaseLayout",
    deepLinking: false, // a deep link is an <a> inside each operation's toggle button: nested controls
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null, // the validator badge is an image from validator.swagger.io
    presets: [window.SwaggerUIBundle.presets.apis],
  });
  // Swagger UI's own markup, mended where axe-core flags it: the title block sits outside every landmark (its
  // operations are a <main>), and its headings below the <h1> title start at <h3> (each is announced one level up). Re-applied whenever
  // Swagger UI re-renders.
  function mend() {
    const info = root.querySelector(".information-container");
    if (info && !info.hasAttribute("role")) {
      info.setAttribute("role", "region");
      info.setAttribute("aria-label", root.dataset.infoLabel || "About the API");
    }
    root.querySelectorAll("h3, h4, h5, h6").forEach((h) => {
      if (!h.hasAttribute("aria-level")) h.setAttribute("aria-level", String(Number(h.tagName[1]) - 1));
    });
  }
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
  mend();
})();

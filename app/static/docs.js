// Starts Swagger UI (from app/static/dist/swagger/, built from npm) on /docs; a file, not an inline script, for the CSP.
(function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") return;
  window.ui = window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    domNode: root,
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null, // the validator badge is an image from validator.swagger.io
    presets: [window.SwaggerUIBundle.presets.apis],
  });
})();

// Interface messages for scripts: window.t(msgid, params) gives the page language's text, else the English msgid.
// The messages come from the page (<script type="application/json" id="i18n-messages">, the `js` catalog).
(function () {
  "use strict";
  let messages = null;
  function catalog() {
    if (messages === null) {
      const node = document.getElementById("i18n-messages");
      try { messages = node ? JSON.parse(node.textContent) : {}; } catch (e) { messages = {}; }
    }
    return messages;
  }
  // Placeholders are gettext's: t("%(n)s due", {n: 3}).
  window.t = function (msgid, params) {
    const text = Object.prototype.hasOwnProperty.call(catalog(), msgid) ? catalog()[msgid] : msgid;
    if (!params) return text;
    return text.replace(/%\((\w+)\)s/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
})();

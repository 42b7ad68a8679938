/* playbook-gen's interface words for the page scripts: the page carries them, translated, as JSON in
 * <script type="application/json" id="pg-messages"> on site pages, or in the data-messages attribute of the
 * #pg-messages element on the SCORM package page (render/messages.py); pgText(key, {name: value}) fills
 * {name} placeholders. Without them (a page made elsewhere) the key itself is shown. */
(function () {
  "use strict";
  var cache = null;
  function messages() {
    if (cache) return cache;
    var el = document.getElementById("pg-messages");
    var json = el ? (el.getAttribute("data-messages") || el.textContent) : "{}";
    try { cache = JSON.parse(json); } catch (e) { cache = {}; }
    return cache;
  }
  window.pgText = function (key, vars) {
    var text = messages()[key] || key;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return vars && Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m;
    });
  };
})();

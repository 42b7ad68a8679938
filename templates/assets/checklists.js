/* playbook-gen interactive checklists (plus small page-wide accessibility fixes at the end): tick items on screen, keep the ticks in this browser (localStorage,
 * one key per checklist and playbook version, so a new edition starts fresh), show progress, reset, print.
 * Without JavaScript the page shows the same items as a plain list of boxes. No network, works from file://. */
(function () {
  "use strict";

  function store(action, key, value) {
    try {  // storage may be switched off (private windows, some file:// setups): ticks then last for the visit
      if (action === "get") return window.localStorage.getItem(key);
      if (action === "set") window.localStorage.setItem(key, value);
      if (action === "remove") window.localStorage.removeItem(key);
    } catch (e) { /* no storage */ }
    return null;
  }

  function itemText(li) {
    var copy = li.cloneNode(true);
    copy.querySelectorAll("ul, ol, pre, label").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function button(label, cls) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button " + cls;
    b.textContent = label;
    return b;
  }

  function say(labels, name, values) {
    return String(labels[name] || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function setup(box) {
    if (box.classList.contains("pg-js")) return;
    box.classList.add("pg-js");
    var key = box.getAttribute("data-checklist");
    var labels = {};  // every word shown, from the page (templates/checklist.md, through gettext)
    try { labels = JSON.parse(box.getAttribute("data-labels") || "{}"); } catch (e) { labels = {}; }
    var inputs = [];
    box.querySelectorAll("li.task-list-item").forEach(function (li) {
      var input = li.querySelector("input[type=checkbox]");
      if (!input) return;
      var text = itemText(li);
      input.disabled = false;
      input.removeAttribute("disabled");
      input.setAttribute("aria-label", text);
      input.setAttribute("data-item", text);
      inputs.push(input);
      // The whole row toggles, not only the drawn box; links in the row still work as links.
      li.classList.add("pg-row");
      li.addEventListener("click", function (e) {
        if (e.target.closest("a, input, label, button, summary")) return;
        input.checked = !input.checked;
        input.dispatchEvent(new Event("change", {bubbles: true}));
      });
    });
    if (!inputs.length) return;

    var bar = document.createElement("div");
    bar.className = "pg-checklist-bar";
    var progress = document.createElement("p");
    progress.className = "pg-progress";
    progress.setAttribute("role", "status");
    progress.setAttribute("aria-live", "polite");
    var reset = button(labels.reset || "", "pg-checklist-reset");
    var print = button(labels.print || "", "pg-checklist-print");
    bar.appendChild(progress);
    bar.appendChild(reset);
    bar.appendChild(print);
    box.insertBefore(bar, box.firstChild);

    function update(save) {
      var done = inputs.filter(function (i) { return i.checked; });
      progress.textContent = say(labels, done.length === inputs.length ? "complete" : "progress",
                                 {done: done.length, total: inputs.length});
      box.classList.toggle("pg-complete", done.length === inputs.length);
      if (save) {
        if (done.length) store("set", key, JSON.stringify(done.map(function (i) { return i.getAttribute("data-item"); })));
        else store("remove", key);
      }
    }

    var saved = [];
    try { saved = JSON.parse(store("get", key) || "[]"); } catch (e) { saved = []; }
    inputs.forEach(function (input) {
      input.checked = Array.isArray(saved) && saved.indexOf(input.getAttribute("data-item")) >= 0;
      input.addEventListener("change", function () { update(true); });
    });
    reset.addEventListener("click", function () {
      inputs.forEach(function (i) { i.checked = false; });
      update(true);
    });
    print.addEventListener("click", function () { window.print(); });
    update(false);
  }

  // Glossary tooltips (abbr + Material's content.tooltips) open on hover; make them reachable by keyboard too.
  function focusableTerms() {
    document.querySelectorAll(".md-typeset abbr").forEach(function (a) {
      if (!a.hasAttribute("tabindex")) a.setAttribute("tabindex", "0");
    });
  }

  // The theme's search dialog has no accessible name (axe: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", pgText("search"));
  }

  // Task-list boxes elsewhere (printable forms) are named by their item text too (axe: label).
  function nameBoxes() {
    document.querySelectorAll(".md-typeset .task-list-item input[type=checkbox]:not([aria-label])").forEach(function (input) {
      input.setAttribute("aria-label", itemText(input.closest("li")));
    });
  }

  // A table wider than a phone scrolls inside its wrapper: keyboard users must be able to reach and scroll it
  // (axe: scrollable-region-focusable).
  function focusableScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap, .pg-scorecard table").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) wrap.setAttribute("tabindex", "0");
    });
  }

  function init() {
    document.querySelectorAll(".pg-checklist").forEach(setup);
    focusableScrollers();
    window.setTimeout(focusableScrollers, 0);  // again once the other scripts (the scorecard) have drawn their tables
    nameBoxes();
    focusableTerms();
    nameSearchDialog();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);  // Material's page-load stream (also fires with instant navigation)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

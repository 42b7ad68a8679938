/* playbook-gen "My progress" page: read the quiz answers quiz.js keeps in localStorage (one key per playbook
 * version, module and question: "<data-quiz>:<n>" holding the chosen option) and show, per module and learning
 * path, how many questions are answered and how many right. Nothing leaves the browser. */
(function () {
  "use strict";

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function count(el) {
    var answers = (el.getAttribute("data-answers") || "").split(",").filter(function (a) { return a !== ""; });
    var prefix = el.getAttribute("data-quiz"), answered = 0, right = 0;
    answers.forEach(function (a, n) {
      var chosen = stored(prefix + ":" + (n + 1));
      if (chosen === null) return;
      answered += 1;
      if (parseInt(chosen, 10) === parseInt(a, 10)) right += 1;
    });
    return { total: answers.length, answered: answered, right: right };
  }

  function say(labels, name, values) {
    return String(labels[name] || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function init() {
    var cells = document.querySelectorAll(".pg-myprogress[data-quiz]");
    if (!cells.length) return;
    var labels = {};  // the page's words (templates/progress.md, through gettext)
    var holder = document.querySelector("[data-labels].pg-myprogress-none");
    try { labels = JSON.parse((holder && holder.getAttribute("data-labels")) || "{}"); } catch (e) { labels = {}; }
    document.querySelectorAll(".pg-myprogress-none").forEach(function (el) { el.hidden = true; });
    var paths = {};
    cells.forEach(function (el) {
      var c = count(el), show = el.getAttribute("data-show");
      el.textContent = String(show === "right" ? c.right : c.answered);
      if (show !== "right") return;
      var p = paths[el.getAttribute("data-path")] || (paths[el.getAttribute("data-path")] = { total: 0, answered: 0, right: 0 });
      p.total += c.total; p.answered += c.answered; p.right += c.right;
    });
    document.querySelectorAll(".pg-myprogress-total[data-path]").forEach(function (el) {
      var p = paths[el.getAttribute("data-path")] || { total: 0, answered: 0, right: 0 };
      var percent = p.total ? Math.round(100 * p.right / p.total) : 0;
      el.textContent = p.answered === 0 ? pgText("not_started", { total: p.total }) :
        pgText("path_progress", { answered: p.answered, total: p.total, right: p.right, percent: percent + " %" });
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* playbook-gen SCORM runtime, part 2: the package page. One SCO per learning path: an overview, the modules,
 * the result and a certificate, shown one at a time. The learner's place (cmi location) and the visited
 * modules and quiz answers (suspend data) go to the LMS, so a relaunch resumes. The first answer to each
 * question counts. When everything required is done, the score, completion and pass/fail are reported; on
 * leaving, the session time is saved and the session committed and terminated. Without an LMS it all still
 * runs; nothing is stored. */
(function () {
  "use strict";

  var root = document.getElementById("pg-package");
  if (!root) return;
  var started = Date.now();
  var version = root.getAttribute("data-scorm");
  var key = root.getAttribute("data-key");
  var visitAll = root.getAttribute("data-visit-all") === "true";
  var lms = window.PlaybookScorm ? window.PlaybookScorm.connect(version) : null;
  var fromLms = lms ? lms.mastery() : null;  // the LMS's pass mark (from the manifest) wins over the page's
  var mastery = fromLms !== null ? fromLms : parseFloat(root.getAttribute("data-mastery")) || 0;
  var views = Array.prototype.slice.call(root.querySelectorAll(".pg-view"));
  var modules = views.filter(function (v) { return v.hasAttribute("data-module"); });
  var questions = [];  // {el, module, n, answer, choice, show}
  var state = { view: views[0].getAttribute("data-view"), visited: {}, finished: false };

  root.classList.add("pg-js");

  function viewById(id) {
    for (var i = 0; i < views.length; i++) if (views[i].getAttribute("data-view") === id) return views[i];
    return null;
  }

  function result() {
    var right = 0, answered = 0;
    questions.forEach(function (q) { if (q.choice !== null) { answered += 1; if (q.choice === q.answer) right += 1; } });
    var visited = modules.filter(function (m) { return state.visited[m.getAttribute("data-module")]; }).length;
    var needed = questions.length + (visitAll ? modules.length : 0);
    var done = answered + (visitAll ? visited : 0);
    var passed = mastery > 0 ? right / Math.max(questions.length, 1) >= mastery / 100 - 1e-9 : null;
    return { right: right, answered: answered, total: questions.length, visited: visited, passed: passed,
      complete: done === needed, progress: needed ? done / needed : 1 };
  }

  /* Suspend data: {"k": package key, "v": visited flags, "a": one character per question ("-" or the choice)}. */
  function suspend() {
    return JSON.stringify({
      k: key,
      v: modules.map(function (m) { return state.visited[m.getAttribute("data-module")] ? "1" : "0"; }).join(""),
      a: questions.map(function (q) { return q.choice === null ? "-" : String(q.choice); }).join("")
    });
  }

  function restore(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return; }
    if (!data || data.k !== key) return;  // another edition of the path: start afresh
    modules.forEach(function (m, i) { if ((data.v || "").charAt(i) === "1") state.visited[m.getAttribute("data-module")] = true; });
    questions.forEach(function (q, i) {
      var c = parseInt((data.a || "").charAt(i), 10);
      if (c >= 0 && c < q.options) { q.choice = c; q.show(false); }
    });
  }

  function save(commit) {
    var r = result();
    updateResult(r);
    if (!lms) return;
    lms.set("location", state.view);
    lms.set("cmi.suspend_data", suspend());
    if (r.complete && !state.finished) {
      state.finished = true;
      lms.report(r);
      commit = true;
    } else if (!state.finished) {
      lms.progress(r.progress);
    }
    if (commit) lms.commit();
  }

  function show(id, scroll) {
    var view = viewById(id) || views[0];
    id = view.getAttribute("data-view");
    views.forEach(function (v) { v.classList.toggle("pg-current", v === view); });
    root.querySelectorAll("[data-pg-goto]").forEach(function (b) {
      if (b.getAttribute("data-pg-goto") === id) b.setAttribute("aria-current", "step"); else b.removeAttribute("aria-current");
      var m = b.getAttribute("data-pg-goto");
      b.classList.toggle("pg-visited", !!state.visited[m]);
    });
    var i = views.indexOf(view);
    root.querySelector(".pg-prev").disabled = i === 0;
    root.querySelector(".pg-next").disabled = i === views.length - 1;
    state.view = id;
    if (view.hasAttribute("data-module")) state.visited[id] = true;
    if (scroll !== false) window.scrollTo(0, 0);
    save(false);
  }

  function setupQuestion(el, module, n) {
    var list = el.querySelector("ol"), details = el.querySelector("details");
    if (!list || !details) return;
    var q = { el: el, module: module, n: n, answer: parseInt(el.getAttribute("data-answer"), 10), choice: null,
      options: list.children.length };
    var buttons = [];
    var feedback = document.createElement("p");
    feedback.className = "pg-feedback";
    feedback.setAttribute("role", "status");
    feedback.setAttribute("aria-live", "polite");
    list.parentNode.insertBefore(feedback, list.nextSibling);
    details.hidden = true;
    var prompt = (el.querySelector("p") || el).textContent.replace(/\s+/g, " ").trim();

    q.show = function (record) {
      var right = q.choice === q.answer;
      buttons.forEach(function (b, i) {
        b.disabled = true;  // the first answer counts
        b.setAttribute("aria-pressed", i === q.choice ? "true" : "false");
        b.classList.toggle("pg-chosen", i === q.choice);
        // quiz.css prints data-mark beside the right answer and a wrong choice
        b.setAttribute("data-mark", i === q.answer ? pgText("correct_answer") : (i === q.choice ? pgText("your_answer") : ""));
        b.classList.toggle("pg-right", i === q.answer);
        b.classList.toggle("pg-wrong", i === q.choice && !right);
      });
      feedback.textContent = right ? pgText("right") : pgText("not_quite", { letter: String.fromCharCode(65 + q.answer) });
      feedback.className = "pg-feedback " + (right ? "pg-feedback-right" : "pg-feedback-wrong");
      details.hidden = false;
      details.open = true;
      el.setAttribute("data-chosen", String(q.choice));
      if (record && lms) lms.interaction("q-" + module + "-" + n, prompt, q.choice, q.answer);
    };

    Array.prototype.slice.call(list.children).forEach(function (li, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pg-option";
      var mark = document.createElement("span");
      mark.className = "pg-letter";
      mark.textContent = String.fromCharCode(65 + i) + ".";
      button.appendChild(mark);
      while (li.firstChild) button.appendChild(li.firstChild);
      button.addEventListener("click", function () {
        if (q.choice !== null) return;
        q.choice = i;
        q.show(true);
        save(true);
      });
      li.appendChild(button);
      buttons.push(button);
    });
    questions.push(q);
  }

  function text(selector, value) { root.querySelectorAll(selector).forEach(function (el) { el.textContent = value; }); }

  function updateResult(r) {
    var percent = r.total ? Math.round(1000 * r.right / r.total) / 10 : 0;
    text(".pg-out-score", r.total ? pgText("package_score", { right: r.right, total: r.total, percent: percent }) : pgText("no_quiz"));
    text(".pg-out-answered", pgText("n_of_total", { n: r.answered, total: r.total }));
    text(".pg-out-visited", pgText("n_of_total", { n: r.visited, total: modules.length }));
    var outcome = pgText(!r.complete ? "not_finished" : (r.passed === null ? "completed" : (r.passed ? "passed" : "not_passed")));
    text(".pg-out-status", outcome);
    root.setAttribute("data-outcome", !r.complete ? "incomplete" : (r.passed === false ? "failed" : "passed"));
    text(".pg-out-date", new Date().toLocaleDateString());
    root.querySelectorAll(".pg-quiz").forEach(function (quiz) {
      var mine = questions.filter(function (q) { return quiz.contains(q.el); });
      var answered = mine.filter(function (q) { return q.choice !== null; });
      var right = answered.filter(function (q) { return q.choice === q.answer; });
      quiz.querySelector(".pg-score").textContent = pgText("quiz_score", { answered: answered.length, total: mine.length, right: right.length });
    });
  }

  modules.forEach(function (m) {
    var id = m.getAttribute("data-module");
    m.querySelectorAll(".pg-quiz").forEach(function (quiz) {
      quiz.classList.add("pg-js");  // quiz.css: options as buttons
      var note = document.createElement("p");
      note.className = "pg-first-counts";
      note.textContent = pgText("first_answer_counts");
      quiz.insertBefore(note, quiz.firstChild);
      var score = document.createElement("p");
      score.className = "pg-score";
      score.setAttribute("aria-live", "polite");
      quiz.appendChild(score);
    });
    m.querySelectorAll(".pg-question").forEach(function (el, n) { setupQuestion(el, id, n + 1); });
  });

  var nameField = root.querySelector(".pg-name-input");
  if (lms) {
    var name = lms.learner();
    if (name) { text(".pg-learner", name); if (nameField) nameField.parentNode.hidden = true; }
    restore(lms.get("cmi.suspend_data"));
    var earlier = lms.status();
    state.finished = /^(completed|passed|failed)$/.test(earlier.status) && result().complete;
    if (!state.finished) lms.incomplete();
    var place = lms.get("location");
    if (place && viewById(place)) state.view = place;
  }
  if (nameField) nameField.addEventListener("input", function () { text(".pg-learner", nameField.value); });

  root.addEventListener("click", function (event) {
    var target = event.target.closest("[data-pg-goto], [data-pg-module], .pg-prev, .pg-next, .pg-print");
    if (!target) return;
    var i = views.indexOf(viewById(state.view));
    if (target.classList.contains("pg-print")) { window.print(); return; }
    event.preventDefault();
    if (target.classList.contains("pg-prev")) show(views[Math.max(i - 1, 0)].getAttribute("data-view"));
    else if (target.classList.contains("pg-next")) show(views[Math.min(i + 1, views.length - 1)].getAttribute("data-view"));
    else show(target.getAttribute("data-pg-goto") || target.getAttribute("data-pg-module"));
  });

  var ended = false;
  function leave() {
    if (ended || !lms) return;
    ended = true;
    save(false);
    lms.end(state.finished, Date.now() - started);
  }
  window.addEventListener("pagehide", leave);
  window.addEventListener("beforeunload", leave);

  show(state.view, false);
  window.PlaybookPackage = { lms: lms, result: result, leave: leave };
})();

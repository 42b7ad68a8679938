/* playbook-gen quizzes: turn each question's option list into buttons, say right or wrong with the
 * explanation, and remember answers in localStorage (key per playbook version, module and question).
 * The first answer counts: the question locks until the reader presses "Start again". Every word shown
 * comes from the page (data-labels, written by templates/module.md through gettext).
 * Without JavaScript the page still shows the options as a list and the answer in a closed block. */
(function () {
  "use strict";

  function store(action, key, value) {
    try {  // storage can be switched off (private windows, some file:// setups): the quiz still works
      if (action === "get") return window.localStorage.getItem(key);
      if (action === "set") window.localStorage.setItem(key, value);
      if (action === "remove") window.localStorage.removeItem(key);
    } catch (e) { /* no storage: answers last until the page is left */ }
    return null;
  }

  function say(labels, name, values) {
    return String(labels[name] || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function setupQuestion(question, key, onChange, labels) {
    var list = question.querySelector("ol");
    var details = question.querySelector("details");
    if (!list || !details) return null;
    var answer = parseInt(question.getAttribute("data-answer"), 10);
    var items = Array.prototype.slice.call(list.children);
    var buttons = [];
    var feedback = document.createElement("p");
    feedback.className = "pg-feedback";
    feedback.setAttribute("role", "status");
    feedback.setAttribute("aria-live", "polite");
    list.parentNode.insertBefore(feedback, list.nextSibling);
    details.hidden = true;

    function show(choice, save) {
      buttons.forEach(function (b, i) {
        b.setAttribute("aria-pressed", i === choice ? "true" : "false");
        b.classList.toggle("pg-chosen", i === choice);
        b.classList.toggle("pg-right", choice !== null && i === answer);
        b.classList.toggle("pg-wrong", i === choice && i !== answer);
        b.disabled = choice !== null;  // locked: a second pick would not count
        b.setAttribute("data-mark", choice === null ? "" : (i === answer ? labels.correct : (i === choice ? labels.yours : "")));
      });
      if (choice === null) {
        feedback.textContent = "";
        feedback.className = "pg-feedback";
        details.hidden = true;
        details.open = false;
      } else {
        var right = choice === answer;
        feedback.textContent = right ? labels.right : say(labels, "wrong", {letter: String.fromCharCode(65 + answer)});
        feedback.className = "pg-feedback " + (right ? "pg-feedback-right" : "pg-feedback-wrong");
        details.hidden = false;
        details.open = true;
      }
      question.setAttribute("data-chosen", choice === null ? "" : String(choice));
      if (save) {
        if (choice === null) store("remove", key); else store("set", key, String(choice));
        onChange();
      }
    }

    items.forEach(function (li, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pg-option";
      var mark = document.createElement("span");
      mark.className = "pg-letter";
      mark.textContent = String.fromCharCode(65 + i) + ".";
      button.appendChild(mark);
      while (li.firstChild) button.appendChild(li.firstChild);
      button.addEventListener("click", function () {
        if (question.getAttribute("data-chosen") === "") show(i, true);  // the first answer counts
      });
      li.appendChild(button);
      buttons.push(button);
    });

    var saved = parseInt(store("get", key), 10);
    show(saved >= 0 && saved < buttons.length ? saved : null, false);
    return {
      reset: function () { show(null, true); },
      state: function () {
        var c = question.getAttribute("data-chosen");
        return c === "" ? null : (parseInt(c, 10) === answer);
      }
    };
  }

  function setupQuiz(quiz) {
    if (quiz.classList.contains("pg-js")) return;
    quiz.classList.add("pg-js");
    var prefix = quiz.getAttribute("data-quiz");
    var labels = {};
    try { labels = JSON.parse(quiz.getAttribute("data-labels") || "{}"); } catch (e) { labels = {}; }
    var score = document.createElement("p");
    score.className = "pg-score";
    score.setAttribute("aria-live", "polite");
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "pg-reset md-button";
    reset.textContent = labels.again || "";
    var questions = [];

    function update() {
      var answered = 0, right = 0;
      questions.forEach(function (q) {
        var s = q.state();
        if (s !== null) { answered += 1; if (s) right += 1; }
      });
      score.textContent = say(labels, "score", {answered: answered, total: questions.length, right: right});
    }

    quiz.querySelectorAll(".pg-question").forEach(function (el, n) {
      var q = setupQuestion(el, prefix + ":" + (n + 1), function () { update(); }, labels);
      if (q) questions.push(q);
    });
    reset.addEventListener("click", function () { questions.forEach(function (q) { q.reset(); }); update(); });
    quiz.appendChild(score);
    quiz.appendChild(reset);
    update();
  }

  function init() { document.querySelectorAll(".pg-quiz").forEach(setupQuiz); }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);  // Material's page-load stream (also fires with instant navigation)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

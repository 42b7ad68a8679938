/* playbook-gen interactive scorecard: score each criterion on the assessment's scale (or mark it not assessed),
 * see each dimension's result and the weighted overall result, flag showstoppers and gaps, and export the filled
 * scorecard (print or JSON). The arithmetic is scoring.py's, step for step and in the same order: a dimension's
 * percentage is where its assessed criteria's mean score sits on the scale; a not-assessed criterion is left out
 * and listed as a gap (the result is then provisional); the overall result is the weight-weighted sum over the
 * dimensions with an assessed criterion; any showstopper (a yes, or the bottom score on a showstopper criterion)
 * makes the recommendation no-go whatever the total; a dimension under the floor caps a go at go-with-conditions.
 * State stays in this browser (localStorage, per assessment and playbook version). Without JavaScript the page is
 * the printable scorecard. */
(function () {
  "use strict";

  function store(action, key, value) {
    try {
      if (action === "get") return window.localStorage.getItem(key);
      if (action === "set") window.localStorage.setItem(key, value);
      if (action === "remove") window.localStorage.removeItem(key);
    } catch (e) { /* no storage: the scorecard still works for this visit */ }
    return null;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function pct(x) { return x.toFixed(1) + " %"; }

  var NA = "not-assessed";  // scoring.NOT_ASSESSED

  // The result for a state {scores: {criterion: n or NA}, answers: {question: true/false}}; null parts until scored.
  function compute(a, state) {
    var scale = a.scale.map(function (l) { return l.score; });
    var low = Math.min.apply(null, scale), high = Math.max.apply(null, scale);
    var flags = a.showstoppers.filter(function (q) { return state.answers[q.id] === true; }).map(function (q) { return q.id; });
    var gaps = [], complete = true;
    var dims = a.dimensions.map(function (d) {
      var points = 0, assessed = 0, answered = 0;
      d.criteria.forEach(function (c) {
        var s = state.scores[c.id];
        if (s === NA && a.not_assessed) { answered += 1; gaps.push(c.id); return; }
        if (typeof s !== "number") return;
        answered += 1;
        assessed += 1;
        points += s;
        if (c.showstopper && s === low) flags.push(c.id);
      });
      var n = d.criteria.length;
      var row = { id: d.id, title: d.title, weight: d.weight, criteria: n, scored: answered, assessed: assessed,
                  not_assessed: answered - assessed, insufficient: 2 * (answered - assessed) > n, points: points,
                  max_points: assessed * high, percent: null, weighted: null };
      if (answered < n) { complete = false; return row; }
      if (assessed) {
        row.percent = 100 * (points - assessed * low) / (assessed * (high - low));
        row.weighted = row.percent * d.weight / 100;
      }
      return row;
    });
    var total = null, band = null, below = [];
    if (complete) {
      var sum = 0, weights = 0;
      dims.forEach(function (x) { if (x.weighted !== null) { sum += x.weighted; weights += x.weight; } });
      if (weights) total = sum / (weights / 100);
    }
    if (total !== null) {
      a.results.forEach(function (b) { if (total >= b.min_percent && (!band || b.min_percent > band.min_percent)) band = b; });
    }
    if (complete && a.dimension_floor !== null && a.dimension_floor !== undefined) {
      dims.forEach(function (x) { if (x.percent !== null && x.percent < a.dimension_floor) below.push(x.id); });
    }
    var outcome = null;
    if (flags.length) outcome = "no-go";
    else if (band) outcome = (below.length && band.outcome === "go") ? "go-with-conditions" : band.outcome;
    var unanswered = a.showstoppers.filter(function (q) { return typeof state.answers[q.id] !== "boolean"; }).length;
    return { dimensions: dims, complete: complete, total: total, band: band, showstoppers: flags, gaps: gaps,
             provisional: gaps.length > 0, below_floor: below, unanswered: unanswered, outcome: outcome };
  }

  function criterionText(a, id) {
    var found = null;
    a.dimensions.forEach(function (d) { d.criteria.forEach(function (c) { if (c.id === id) found = c.text; }); });
    return found;
  }

  function setup(box) {
    if (box.classList.contains("pg-js")) return;
    box.classList.add("pg-js");
    var a = JSON.parse(box.getAttribute("data-assessment"));
    var key = box.getAttribute("data-scorecard");
    var state = { scores: {}, answers: {}, evidence: {} };
    try {
      var saved = JSON.parse(store("get", key) || "null");
      if (saved && typeof saved === "object") state = { scores: saved.scores || {}, answers: saved.answers || {}, evidence: saved.evidence || {} };
    } catch (e) { /* start empty */ }
    box.textContent = "";
    var form = el("form", { "class": "pg-scorecard-form", "aria-label": pgText("score_form", { title: a.title }) });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var controls = [];

    a.dimensions.forEach(function (d) {
      var fs = el("fieldset", { "class": "pg-dimension" });
      fs.appendChild(el("legend", {}, d.title + " · weight " + d.weight + " %"));
      d.criteria.forEach(function (c) {
        var row = el("div", { "class": "pg-criterion" });
        var id = "pg-sc-" + c.id;
        row.appendChild(el("label", { "for": id }, c.text + (c.showstopper ? " (showstopper if scored " + Math.min.apply(null, a.scale.map(function (l) { return l.score; })) + ")" : "")));
        var select = el("select", { id: id, name: c.id, "data-criterion": c.id });
        select.appendChild(el("option", { value: "" }, pgText("not_scored")));
        a.scale.forEach(function (l) { select.appendChild(el("option", { value: String(l.score) }, l.score + " · " + l.label)); });
        if (a.not_assessed) select.appendChild(el("option", { value: NA }, a.not_assessed.label));
        var saved = state.scores[c.id];
        select.value = typeof saved === "number" ? String(saved) : (saved === NA && a.not_assessed ? NA : "");
        select.addEventListener("change", function () {
          if (select.value === "") delete state.scores[c.id];
          else state.scores[c.id] = select.value === NA ? NA : parseInt(select.value, 10);
          update(true);
        });
        var ev = el("input", { type: "text", id: id + "-evidence", "aria-label": pgText("evidence_for", { text: c.text }), placeholder: pgText("evidence"), "class": "pg-evidence" });
        ev.value = state.evidence[c.id] || "";
        ev.addEventListener("input", function () { state.evidence[c.id] = ev.value; update(true); });
        row.appendChild(select);
        row.appendChild(ev);
        fs.appendChild(row);
        controls.push(select, ev);
      });
      form.appendChild(fs);
    });

    if (a.showstoppers.length) {
      var fs = el("fieldset", { "class": "pg-dimension pg-showstoppers" });
      fs.appendChild(el("legend", {}, pgText("showstopper_questions")));
      a.showstoppers.forEach(function (q) {
        var row = el("div", { "class": "pg-criterion" });
        var id = "pg-ss-" + q.id;
        row.appendChild(el("label", { "for": id }, q.question));
        var select = el("select", { id: id, name: q.id, "data-showstopper": q.id });
        [["", pgText("not_answered")], ["no", pgText("no")], ["yes", pgText("yes")]].forEach(function (o) { select.appendChild(el("option", { value: o[0] }, o[1])); });
        select.value = state.answers[q.id] === true ? "yes" : state.answers[q.id] === false ? "no" : "";
        select.addEventListener("change", function () {
          if (select.value === "") delete state.answers[q.id]; else state.answers[q.id] = select.value === "yes";
          update(true);
        });
        row.appendChild(select);
        fs.appendChild(row);
        controls.push(select);
      });
      form.appendChild(fs);
    }
    box.appendChild(form);

    var results = el("div", { "class": "pg-scorecard-results", "aria-live": "polite" });
    box.appendChild(results);
    var bar = el("div", { "class": "pg-checklist-bar pg-scorecard-bar" });
    var download = el("button", { type: "button", "class": "md-button pg-download" }, pgText("download_json"));
    var print = el("button", { type: "button", "class": "md-button pg-print" }, pgText("print"));
    var reset = el("button", { type: "button", "class": "md-button pg-reset-scores" }, pgText("reset"));
    bar.appendChild(download); bar.appendChild(print); bar.appendChild(reset);
    box.appendChild(bar);

    function filled() {
      var r = compute(a, state);
      return { assessment: a.id, title: a.title, playbook: box.getAttribute("data-playbook"),
               version: box.getAttribute("data-version"), scores: state.scores, answers: state.answers,
               evidence: state.evidence, dimensions: r.dimensions, complete: r.complete, total: r.total,
               band: r.band ? { outcome: r.band.outcome, label: r.band.label } : null,
               showstoppers: r.showstoppers, gaps: r.gaps, provisional: r.provisional, below_floor: r.below_floor,
               outcome: r.outcome };
    }

    function update(save) {
      var r = compute(a, state);
      results.textContent = "";
      var table = el("table", { "class": "pg-scorecard-table" });
      var head = el("tr");
      ["dimension", "weight", "points", "result", "weighted", "notes"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, pgText(h))); });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var tbody = el("tbody");
      r.dimensions.forEach(function (d) {
        var tr = el("tr", { "data-dimension": d.id });
        tr.appendChild(el("th", { scope: "row" }, d.title));
        tr.appendChild(el("td", {}, d.weight + " %"));
        tr.appendChild(el("td", {}, d.points + " of " + d.max_points + (d.scored < d.criteria ? " (" + d.scored + " of " + d.criteria + " scored)" : "")));
        tr.appendChild(el("td", { "class": "pg-percent" }, d.percent === null ? "–" : pct(d.percent)));
        tr.appendChild(el("td", { "class": "pg-weighted" }, d.weighted === null ? "–" : pct(d.weighted)));
        var notes = [];
        if (d.not_assessed) notes.push(d.not_assessed + " not assessed");
        if (d.insufficient) { notes.push(pgText("insufficient_evidence")); tr.setAttribute("data-insufficient", "true"); }
        if (r.below_floor.indexOf(d.id) >= 0) { notes.push(pgText("below_floor", { floor: a.dimension_floor + " %" })); tr.setAttribute("data-below-floor", "true"); }
        tr.appendChild(el("td", { "class": "pg-note" }, notes.join("; ")));
        tbody.appendChild(tr);
      });
      var total = el("tr", { "class": "pg-total" });
      total.appendChild(el("th", { scope: "row" }, pgText("overall")));
      total.appendChild(el("td", {}, "100 %"));
      total.appendChild(el("td", {}, ""));
      total.appendChild(el("td", {}, ""));
      total.appendChild(el("td", { "class": "pg-overall" }, r.total === null ? "–" : pct(r.total)));
      total.appendChild(el("td", { "class": "pg-note" }, r.provisional && r.total !== null ? pgText("provisional") : ""));
      tbody.appendChild(total);
      table.appendChild(tbody);
      results.appendChild(table);

      var verdict = el("p", { "class": "pg-verdict" });
      if (r.showstoppers.length) {
        verdict.className = "pg-verdict pg-flag";
        var names = r.showstoppers.map(function (id) {
          var q = a.showstoppers.filter(function (x) { return x.id === id; })[0];
          return q ? q.question : criterionText(a, id);
        });
        verdict.appendChild(el("strong", {}, pgText("showstopper_verdict")));
        var list = el("ul", { "class": "pg-flags" });
        names.forEach(function (n) { list.appendChild(el("li", {}, n)); });
        results.appendChild(verdict);
        results.appendChild(list);
      } else if (r.band) {
        verdict.className = "pg-verdict pg-band-" + r.outcome;
        var capped = r.outcome !== r.band.outcome;
        verdict.appendChild(el("strong", {}, (r.provisional ? pgText("provisional_recommendation") : pgText("recommendation")) + pgText("outcome_" + r.outcome) +
          (capped ? "" : " · " + r.band.label)));
        if (capped) {
          var weak = r.below_floor.map(function (id) { return a.dimensions.filter(function (d) { return d.id === id; })[0].title; });
          verdict.appendChild(document.createTextNode(" " + pgText(weak.length === 1 ? "capped_one" : "capped_other",
            { outcome: pgText("outcome_" + r.band.outcome), label: r.band.label, weak: weak.join(", "), floor: a.dimension_floor + " %" })));
        } else if (r.band.meaning) {
          verdict.appendChild(document.createTextNode(" " + r.band.meaning));
        }
        results.appendChild(verdict);
      } else if (r.complete) {
        verdict.textContent = pgText("none_assessed");
        results.appendChild(verdict);
      } else {
        var scored = Object.keys(state.scores).length;
        var all = a.dimensions.reduce(function (n, d) { return n + d.criteria.length; }, 0);
        verdict.textContent = pgText("score_every", { scored: scored, all: all });
        results.appendChild(verdict);
      }
      if (r.gaps.length) {
        results.appendChild(el("p", { "class": "pg-provisional" }, pgText(r.gaps.length === 1 ? "gaps_one" : "gaps_other", { n: r.gaps.length })));
        var gapList = el("ul", { "class": "pg-gaps" });
        r.gaps.forEach(function (id) { gapList.appendChild(el("li", { "data-criterion": id }, criterionText(a, id))); });
        results.appendChild(gapList);
      }
      if (r.unanswered && !r.showstoppers.length) {
        results.appendChild(el("p", { "class": "pg-unanswered" }, pgText(r.unanswered === 1 ? "unanswered_one" : "unanswered_other", { n: r.unanswered })));
      }
      box.setAttribute("data-outcome", r.outcome || "");
      if (save) store("set", key, JSON.stringify({ scores: state.scores, answers: state.answers, evidence: state.evidence }));
    }

    download.addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(filled(), null, 2) + "\n"], { type: "application/json" });
      var link = el("a", { href: URL.createObjectURL(blob), download: a.id + "-scorecard.json" });
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    });
    print.addEventListener("click", function () { window.print(); });
    reset.addEventListener("click", function () {
      state = { scores: {}, answers: {}, evidence: {} };
      controls.forEach(function (c) { c.value = ""; });
      store("remove", key);
      update(false);
    });
    box.pgFilled = filled;  // for tests and for anyone scripting an export
    update(false);
  }

  function init() { document.querySelectorAll(".pg-scorecard[data-assessment]").forEach(setup); }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* playbook-gen interactive scorecard: score each criterion on the assessment's scale (or mark it not assessed),
 * see each dimension's result and the weighted overall result, flag showstoppers and gaps, and export the filled
 * scorecard (print or JSON). The arithmetic is scoring.py's, step for step and in the same order: a dimension's
 * percentage is where its assessed criteria's mean score sits on the scale; a not-assessed criterion is left out
 * and listed as a gap (the result is then provisional); the overall result is the weight-weighted sum over the
 * dimensions with an assessed criterion; any showstopper (a yes, or the bottom score on a showstopper criterion)
 * makes the recommendation no-go whatever the total; a dimension under the floor caps a go at go-with-conditions.
 *
 * Assessments per partner: each has a partner, an assessor and a date, and several are kept in this browser
 * (localStorage, one entry per assessment and playbook, not per version, so a new playbook version still finds
 * them); they can be opened, duplicated, deleted, compared side by side (two to four), exported and imported as
 * JSON. Each saved assessment records the criteria it was scored against (STATE_FORMAT 2), so when the criteria
 * change a criterion it never saw opens as not assessed and one the playbook dropped is left out. Every word
 * shown comes from the page (data-messages, translated by templates/assessment.md), none from this file.
 * Without JavaScript the page is the printable scorecard. */
(function () {
  "use strict";

  var STATE_FORMAT = 2;  // 1: a single {scores, answers, evidence} per playbook version (before assessments per partner)
  var EXPORT_KIND = "playbook-gen-scorecard";

  function store(action, key, value) {
    try {
      if (action === "get") return window.localStorage.getItem(key);
      if (action === "set") window.localStorage.setItem(key, value);
      if (action === "remove") window.localStorage.removeItem(key);
      if (action === "keys") return Object.keys(window.localStorage);
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


  // Interface words from the page (data-messages, through gettext there), with {name} placeholders filled in.
  function messages(box) {
    var m = {};
    try { m = JSON.parse(box.getAttribute("data-messages") || "{}"); } catch (e) { m = {}; }
    function t(key, vars) {
      var text = Object.prototype.hasOwnProperty.call(m, key) ? m[key] : key;
      return text.replace(/\{(\w+)\}/g, function (all, name) { return vars && vars[name] !== undefined ? String(vars[name]) : all; });
    }
    t.n = function (key, n, vars) { return t(key + (n === 1 ? "_one" : "_other"), Object.assign({ n: n }, vars || {})); };
    return t;
  }

  function criteriaIds(a) {
    var ids = [];
    a.dimensions.forEach(function (d) { d.criteria.forEach(function (c) { ids.push(c.id); }); });
    return ids;
  }

  function criterionText(a, id) {
    var found = null;
    a.dimensions.forEach(function (d) { d.criteria.forEach(function (c) { if (c.id === id) found = c.text; }); });
    return found;
  }

  function newUid() { return "s" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8); }

  function blank(a, version) {
    return { format: STATE_FORMAT, uid: newUid(), partner: "", assessor: "", date: "", scores: {}, answers: {},
             evidence: {}, version: version, criteria: criteriaIds(a), saved: "" };
  }

  function isMap(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }

  function Invalid(key, vars) { this.key = key; this.vars = vars || {}; }

  // A saved or imported assessment (format 1 or 2) checked and brought to the current criteria. Throws Invalid.
  // `missing`: criteria it was never scored against (a newer playbook added them): not assessed now.
  // `dropped`: scores for criteria the playbook no longer has, left out.
  function normalise(a, raw, current) {
    if (!isMap(raw)) throw new Invalid("bad_shape");
    var format = raw.format === undefined ? 1 : raw.format;
    if (format !== 1 && format !== STATE_FORMAT) throw new Invalid("bad_format", { format: JSON.stringify(raw.format) });
    ["scores", "answers", "evidence"].forEach(function (k) {
      if (raw[k] !== undefined && !isMap(raw[k])) throw new Invalid("bad_field", { field: k });
    });
    ["uid", "partner", "assessor", "date", "version", "saved"].forEach(function (k) {
      if (raw[k] !== undefined && raw[k] !== null && typeof raw[k] !== "string") throw new Invalid("bad_field", { field: k });
    });
    if (raw.date && !/^\d{4}-\d{2}-\d{2}$/.test(raw.date)) throw new Invalid("bad_field", { field: "date" });
    if (raw.criteria !== undefined && !(Array.isArray(raw.criteria) && raw.criteria.every(function (c) { return typeof c === "string"; }))) {
      throw new Invalid("bad_field", { field: "criteria" });
    }
    var allowed = a.scale.map(function (l) { return l.score; });
    var ids = criteriaIds(a), questions = a.showstoppers.map(function (q) { return q.id; });
    var entry = blank(a, current), scores = raw.scores || {}, dropped = [];
    ["uid", "partner", "assessor", "date", "saved"].forEach(function (k) { if (raw[k]) entry[k] = raw[k]; });
    entry.version = raw.version || "";
    Object.keys(scores).forEach(function (id) {
      var v = scores[id];
      if (!(v === NA || (typeof v === "number" && allowed.indexOf(v) >= 0))) throw new Invalid("bad_score", { criterion: id, value: JSON.stringify(v) });
      if (ids.indexOf(id) < 0) { dropped.push(id); return; }
      if (v !== NA || a.not_assessed) entry.scores[id] = v;
    });
    Object.keys(raw.answers || {}).forEach(function (id) {
      if (typeof raw.answers[id] !== "boolean") throw new Invalid("bad_answer", { question: id });
      if (questions.indexOf(id) >= 0) entry.answers[id] = raw.answers[id];
    });
    Object.keys(raw.evidence || {}).forEach(function (id) {
      if (typeof raw.evidence[id] !== "string") throw new Invalid("bad_field", { field: "evidence" });
      if (ids.indexOf(id) >= 0 && raw.evidence[id]) entry.evidence[id] = raw.evidence[id];
    });
    // The criteria it was scored against: format 2 records them; a format-1 state saved under another playbook
    // version knew only those it scored; one under this version had these criteria.
    var seen = raw.criteria || (raw.version && raw.version !== current ? Object.keys(scores) : ids);
    var missing = ids.filter(function (id) { return seen.indexOf(id) < 0; });
    missing.forEach(function (id) { if (a.not_assessed) entry.scores[id] = NA; });
    entry.criteria = ids;
    return { entry: entry, missing: missing, dropped: dropped };
  }

  // Every saved assessment of this scorecard: {format, current, entries}. Format-1 states (one per playbook
  // version, under the older keys) become saved assessments the first time.
  function loadSaved(key, legacyPrefix, legacySuffix) {
    var data = null;
    try { data = JSON.parse(store("get", key) || "null"); } catch (e) { data = null; }
    if (isMap(data) && data.format === STATE_FORMAT && Array.isArray(data.entries)) return data;
    data = { format: STATE_FORMAT, current: null, entries: [] };
    (store("keys") || []).filter(function (k) {
      return k.indexOf(legacyPrefix) === 0 && k.length > legacyPrefix.length + legacySuffix.length && k.slice(-legacySuffix.length) === legacySuffix;
    }).sort().forEach(function (k) {
      try {
        var raw = JSON.parse(store("get", k));
        if (!isMap(raw) || !Object.keys(raw.scores || {}).length && !Object.keys(raw.answers || {}).length) return;
        raw.format = 1;
        raw.uid = newUid();
        raw.version = k.slice(legacyPrefix.length, k.length - legacySuffix.length);
        data.entries.push(raw);
        data.current = raw.uid;
      } catch (e) { /* a damaged old state is left where it is */ }
    });
    return data;
  }

  function setup(box) {
    if (box.classList.contains("pg-js")) return;
    box.classList.add("pg-js");
    var a = JSON.parse(box.getAttribute("data-assessment"));
    var t = messages(box);
    // An outcome in the readers' words ("Go with conditions", the site's labels), never scoring.py's value.
    function said(outcome) { return outcome ? t("outcome_" + outcome) : "–"; }
    var version = box.getAttribute("data-version") || "";
    var key = box.getAttribute("data-store");
    var saved = loadSaved(key, "playbook-gen:scorecard:" + box.getAttribute("data-playbook") + ":", ":" + a.id);
    var low = Math.min.apply(null, a.scale.map(function (l) { return l.score; }));
    var entry = blank(a, version);
    box.textContent = "";
    box.appendChild(el("p", { "class": "pg-print-title" }, a.title));

    var form = el("form", { "class": "pg-scorecard-form", "aria-label": t("form", { title: a.title }) });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var selects = {}, evidence = {}, answers = {}, fields = {};

    var about = el("fieldset", { "class": "pg-dimension pg-about" });
    about.appendChild(el("legend", {}, t("about")));
    [["partner", "text"], ["assessor", "text"], ["date", "date"]].forEach(function (f) {
      var row = el("div", { "class": "pg-criterion pg-field" });
      row.appendChild(el("label", { "for": "pg-sc-field-" + f[0] }, t(f[0])));
      var input = el("input", { type: f[1], id: "pg-sc-field-" + f[0], name: f[0], "class": "pg-field-input", autocomplete: "off" });
      input.addEventListener("input", function () { entry[f[0]] = input.value; update(true); });
      row.appendChild(input);
      about.appendChild(row);
      fields[f[0]] = input;
    });
    form.appendChild(about);

    a.dimensions.forEach(function (d) {
      var fs = el("fieldset", { "class": "pg-dimension" });
      fs.appendChild(el("legend", {}, t("legend", { title: d.title, weight: d.weight })));
      d.criteria.forEach(function (c) {
        var row = el("div", { "class": "pg-criterion" });
        var id = "pg-sc-" + c.id;
        row.appendChild(el("label", { "for": id }, c.showstopper ? t("criterion_showstopper", { text: c.text, low: low }) : c.text));
        var select = el("select", { id: id, name: c.id, "data-criterion": c.id });
        select.appendChild(el("option", { value: "" }, t("not_scored")));
        a.scale.forEach(function (l) { select.appendChild(el("option", { value: String(l.score) }, t("level", { score: l.score, label: l.label }))); });
        if (a.not_assessed) select.appendChild(el("option", { value: NA }, a.not_assessed.label));
        select.addEventListener("change", function () {
          if (select.value === "") delete entry.scores[c.id];
          else entry.scores[c.id] = select.value === NA ? NA : parseInt(select.value, 10);
          update(true);
        });
        var ev = el("input", { type: "text", id: id + "-evidence", "aria-label": t("evidence_for", { text: c.text }), placeholder: t("evidence"), "class": "pg-evidence" });
        ev.addEventListener("input", function () { entry.evidence[c.id] = ev.value; update(true); });
        row.appendChild(select);
        row.appendChild(ev);
        fs.appendChild(row);
        selects[c.id] = select;
        evidence[c.id] = ev;
      });
      form.appendChild(fs);
    });

    if (a.showstoppers.length) {
      var fs = el("fieldset", { "class": "pg-dimension pg-showstoppers" });
      fs.appendChild(el("legend", {}, t("showstopper_questions")));
      a.showstoppers.forEach(function (q) {
        var row = el("div", { "class": "pg-criterion" });
        var id = "pg-ss-" + q.id;
        row.appendChild(el("label", { "for": id }, q.question));
        var select = el("select", { id: id, name: q.id, "data-showstopper": q.id });
        [["", t("not_answered")], ["no", t("no")], ["yes", t("yes")]].forEach(function (o) { select.appendChild(el("option", { value: o[0] }, o[1])); });
        select.addEventListener("change", function () {
          if (select.value === "") delete entry.answers[q.id]; else entry.answers[q.id] = select.value === "yes";
          update(true);
        });
        row.appendChild(select);
        fs.appendChild(row);
        answers[q.id] = select;
      });
      form.appendChild(fs);
    }
    var note = el("p", { "class": "pg-version-note", hidden: "" });
    box.appendChild(note);
    box.appendChild(form);

    var results = el("div", { "class": "pg-scorecard-results", "aria-live": "polite" });
    box.appendChild(results);
    var bar = el("div", { "class": "pg-checklist-bar pg-scorecard-bar" });
    function button(cls, label) { var b = el("button", { type: "button", "class": "md-button " + cls }, label); bar.appendChild(b); return b; }
    var download = button("pg-download", t("download"));
    var importButton = button("pg-import", t("import"));
    var print = button("pg-print", t("print"));
    var fresh = button("pg-new", t("new"));
    var reset = button("pg-reset-scores", t("reset"));
    var file = el("input", { type: "file", accept: "application/json,.json", "class": "pg-import-file", hidden: "", "aria-label": t("import") });
    bar.appendChild(file);
    box.appendChild(bar);
    var message = el("p", { "class": "pg-import-message", role: "status", hidden: "" });
    box.appendChild(message);

    var savedBox = el("section", { "class": "pg-saved", "aria-label": t("saved") });
    savedBox.appendChild(el("p", { "class": "pg-saved-title" }, t("saved")));
    var list = el("ul", { "class": "pg-saved-list" });
    savedBox.appendChild(list);
    var compareButton = el("button", { type: "button", "class": "md-button pg-compare-button" }, t("compare"));
    savedBox.appendChild(compareButton);
    var compareBox = el("div", { "class": "pg-compare", "aria-live": "polite" });
    savedBox.appendChild(compareBox);
    box.appendChild(savedBox);

    function say(text, error) {
      message.textContent = text;
      message.hidden = !text;
      message.setAttribute("data-state", error ? "error" : "ok");
    }

    function named(e) { return e.partner || t("unnamed"); }

    function fill() {
      Object.keys(fields).forEach(function (k) { fields[k].value = entry[k] || ""; });
      Object.keys(selects).forEach(function (id) {
        var s = entry.scores[id];
        selects[id].value = typeof s === "number" ? String(s) : (s === NA && a.not_assessed ? NA : "");
        evidence[id].value = entry.evidence[id] || "";
      });
      Object.keys(answers).forEach(function (id) {
        answers[id].value = entry.answers[id] === true ? "yes" : entry.answers[id] === false ? "no" : "";
      });
    }

    function checked(raw) {
      try { return normalise(a, raw, version); } catch (e) { if (e instanceof Invalid) return null; throw e; }
    }

    function open(raw) {
      var n = checked(raw) || { entry: blank(a, version), missing: [], dropped: [] };
      entry = n.entry;
      var notes = [];
      if (n.missing.length) notes.push(t.n(a.not_assessed ? "missing" : "missing_unscored", n.missing.length, { version: raw.version || "?" }));
      if (n.dropped.length) notes.push(t.n("dropped", n.dropped.length));
      note.textContent = notes.join(" ");
      note.hidden = !notes.length;
      fill();
      update(false);
    }

    function persist() {
      entry.version = version;
      entry.criteria = criteriaIds(a);
      entry.saved = new Date().toISOString();
      var copy = JSON.parse(JSON.stringify(entry));
      var at = saved.entries.map(function (e) { return e.uid; }).indexOf(entry.uid);
      if (at >= 0) saved.entries[at] = copy; else saved.entries.push(copy);
      saved.current = entry.uid;
      store("set", key, JSON.stringify(saved));
      renderList();
    }

    function forget() { store("set", key, JSON.stringify(saved)); renderList(); }

    function renderList() {
      list.textContent = "";
      if (!saved.entries.length) list.appendChild(el("li", { "class": "pg-saved-none" }, t("none_saved")));
      saved.entries.forEach(function (raw) {
        var n = checked(raw);
        var li = el("li", { "data-uid": raw.uid || "" });
        if (raw.uid === entry.uid) li.setAttribute("aria-current", "true");
        var pick = el("input", { type: "checkbox", "class": "pg-compare-pick", value: raw.uid || "", id: "pg-pick-" + raw.uid, "aria-label": t("compare_pick", { partner: n ? named(n.entry) : "?" }) });
        li.appendChild(pick);
        var r = n ? compute(a, n.entry) : null;
        var summary = !n ? t("damaged") : [named(n.entry), n.entry.assessor, n.entry.date].filter(Boolean).join(" · ") + " — " +
          (r.total === null ? "–" : pct(r.total) + " · " + said(r.outcome));
        li.appendChild(el("label", { "for": "pg-pick-" + raw.uid, "class": "pg-saved-summary" }, summary));
        [["open", function () { if (n) { open(raw); say(""); } }],
         ["duplicate", function () {
           if (!n) return;
           open(raw);
           entry.uid = newUid();
           entry.partner = t("copy_of", { partner: named(entry) });
           fill();
           persist();
           update(false);
         }],
         ["delete", function () {
           if (!window.confirm(t("confirm_delete", { partner: n ? named(n.entry) : "?" }))) return;
           saved.entries = saved.entries.filter(function (e) { return e !== raw; });
           if (raw.uid === entry.uid) { saved.current = null; open(blank(a, version)); }
           forget();
         }]].forEach(function (b) {
          var btn = el("button", { type: "button", "class": "md-button pg-saved-" + b[0], "aria-label": t(b[0] + "_label", { partner: n ? named(n.entry) : "?" }) }, t(b[0]));
          btn.addEventListener("click", b[1]);
          li.appendChild(btn);
        });
        list.appendChild(li);
      });
      compareButton.hidden = saved.entries.length < 2;
    }

    function compare(uids) {
      compareBox.textContent = "";
      if (uids.length < 2 || uids.length > 4) { compareBox.appendChild(el("p", { "class": "pg-compare-message" }, t("compare_count"))); return; }
      var rows = uids.map(function (uid) {
        var raw = saved.entries.filter(function (e) { return e.uid === uid; })[0];
        var n = raw && checked(raw);
        return n ? { entry: n.entry, result: compute(a, n.entry) } : null;
      }).filter(Boolean);
      var table = el("table", { "class": "pg-compare-table" });
      var head = el("tr");
      head.appendChild(el("th", { scope: "col" }, t("dimension")));
      rows.forEach(function (x) {
        head.appendChild(el("th", { scope: "col", "class": "pg-compare-partner" }, [named(x.entry), x.entry.assessor, x.entry.date].filter(Boolean).join(" · ")));
      });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var tbody = el("tbody");
      function line(cls, label, cell, attrs) {
        var tr = el("tr", Object.assign({ "class": cls }, attrs || {}));
        tr.appendChild(el("th", { scope: "row" }, label));
        rows.forEach(function (x) { tr.appendChild(el("td", {}, cell(x.result))); });
        tbody.appendChild(tr);
      }
      a.dimensions.forEach(function (d, i) {
        line("pg-compare-dimension", t("legend", { title: d.title, weight: d.weight }), function (r) {
          var x = r.dimensions[i];
          return (x.percent === null ? "–" : pct(x.percent)) + (x.insufficient ? " · " + t("insufficient") : "") +
            (r.below_floor.indexOf(d.id) >= 0 ? " · " + t("below_floor", { floor: a.dimension_floor }) : "");
        }, { "data-compare-dimension": d.id });
      });
      line("pg-compare-total", t("overall"), function (r) { return r.total === null ? "–" : pct(r.total) + (r.provisional ? " · " + t("provisional") : ""); });
      line("pg-compare-outcome", t("recommendation"), function (r) { return said(r.outcome); });
      line("pg-compare-showstoppers", t("showstoppers"), function (r) { return String(r.showstoppers.length); });
      line("pg-compare-gaps", t("gaps"), function (r) { return String(r.gaps.length); });
      table.appendChild(tbody);
      compareBox.appendChild(table);
    }

    function filled() {
      var r = compute(a, entry);
      return { kind: EXPORT_KIND, format: STATE_FORMAT, assessment: a.id, title: a.title, playbook: box.getAttribute("data-playbook"),
               version: version, uid: entry.uid, partner: entry.partner, assessor: entry.assessor, date: entry.date,
               criteria: criteriaIds(a), scores: entry.scores, answers: entry.answers, evidence: entry.evidence,
               dimensions: r.dimensions, complete: r.complete, total: r.total,
               band: r.band ? { outcome: r.band.outcome, label: r.band.label } : null,
               showstoppers: r.showstoppers, gaps: r.gaps, provisional: r.provisional, below_floor: r.below_floor,
               outcome: r.outcome };
    }

    function importText(text) {
      var raw;
      try { raw = JSON.parse(text); } catch (e) { say(t("import_not_json"), true); return; }
      if (!isMap(raw) || (raw.kind !== undefined && raw.kind !== EXPORT_KIND) || raw.assessment === undefined) { say(t("import_not_scorecard"), true); return; }
      if (raw.assessment !== a.id) { say(t("import_other", { found: String(raw.assessment), expected: a.id }), true); return; }
      var n;
      try { n = normalise(a, raw, version); } catch (e) {
        if (!(e instanceof Invalid)) throw e;
        say(t("import_invalid", { reason: t(e.key, e.vars) }), true);
        return;
      }
      var same = saved.entries.filter(function (e) {
        return e.uid === n.entry.uid || (n.entry.partner && typeof e.partner === "string" && e.partner.toLowerCase() === n.entry.partner.toLowerCase());
      })[0];
      if (same && !window.confirm(t("confirm_replace", { partner: named(same) }))) { say(t("import_cancelled")); return; }
      if (same) { raw.uid = same.uid; saved.entries = saved.entries.filter(function (e) { return e !== same; }); }
      else if (saved.entries.some(function (e) { return e.uid === raw.uid; }) || !raw.uid) raw.uid = newUid();
      open(raw);
      persist();
      say(t("imported", { partner: named(entry) }));
    }

    function update(save) {
      var r = compute(a, entry);
      results.textContent = "";
      var table = el("table", { "class": "pg-scorecard-table" });
      var head = el("tr");
      ["dimension", "weight", "points", "result", "weighted", "notes"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, t(h))); });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var tbody = el("tbody");
      r.dimensions.forEach(function (d) {
        var tr = el("tr", { "data-dimension": d.id });
        tr.appendChild(el("th", { scope: "row" }, d.title));
        tr.appendChild(el("td", {}, d.weight + " %"));
        tr.appendChild(el("td", {}, t("points_of", { points: d.points, max: d.max_points }) + (d.scored < d.criteria ? " " + t("scored_of", { n: d.scored, all: d.criteria }) : "")));
        tr.appendChild(el("td", { "class": "pg-percent" }, d.percent === null ? "–" : pct(d.percent)));
        tr.appendChild(el("td", { "class": "pg-weighted" }, d.weighted === null ? "–" : pct(d.weighted)));
        var notes = [];
        if (d.not_assessed) notes.push(t("n_not_assessed", { n: d.not_assessed }));
        if (d.insufficient) { notes.push(t("insufficient")); tr.setAttribute("data-insufficient", "true"); }
        if (r.below_floor.indexOf(d.id) >= 0) { notes.push(t("below_floor", { floor: a.dimension_floor })); tr.setAttribute("data-below-floor", "true"); }
        tr.appendChild(el("td", { "class": "pg-note" }, notes.join("; ")));
        tbody.appendChild(tr);
      });
      var total = el("tr", { "class": "pg-total" });
      total.appendChild(el("th", { scope: "row" }, t("overall")));
      total.appendChild(el("td", {}, "100 %"));
      total.appendChild(el("td", {}, ""));
      total.appendChild(el("td", {}, ""));
      total.appendChild(el("td", { "class": "pg-overall" }, r.total === null ? "–" : pct(r.total)));
      total.appendChild(el("td", { "class": "pg-note" }, r.provisional && r.total !== null ? t("provisional") : ""));
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
        verdict.appendChild(el("strong", {}, t("showstopper_verdict")));
        var flags = el("ul", { "class": "pg-flags" });
        names.forEach(function (n) { flags.appendChild(el("li", {}, n)); });
        results.appendChild(verdict);
        results.appendChild(flags);
      } else if (r.band) {
        verdict.className = "pg-verdict pg-band-" + r.outcome;
        var capped = r.outcome !== r.band.outcome;
        verdict.appendChild(el("strong", {}, t((r.provisional ? "provisional_" : "") + (capped ? "recommendation_capped" : "recommendation_band"),
          { outcome: said(r.outcome), label: r.band.label })));
        if (capped) {
          var weak = r.below_floor.map(function (id) { return a.dimensions.filter(function (d) { return d.id === id; })[0].title; });
          verdict.appendChild(document.createTextNode(" " + t.n("capped", weak.length, { outcome: said(r.band.outcome), label: r.band.label,
            dimensions: weak.join(", "), floor: a.dimension_floor })));
        } else if (r.band.meaning) {
          verdict.appendChild(document.createTextNode(" " + r.band.meaning));
        }
        results.appendChild(verdict);
      } else if (r.complete) {
        verdict.textContent = t("nothing_assessed");
        results.appendChild(verdict);
      } else {
        var scored = Object.keys(entry.scores).length;
        verdict.textContent = t("score_every", { n: scored, all: criteriaIds(a).length });
        results.appendChild(verdict);
      }
      if (r.gaps.length) {
        results.appendChild(el("p", { "class": "pg-provisional" }, t.n("gaps_note", r.gaps.length)));
        var gapList = el("ul", { "class": "pg-gaps" });
        r.gaps.forEach(function (id) { gapList.appendChild(el("li", { "data-criterion": id }, criterionText(a, id))); });
        results.appendChild(gapList);
      }
      if (r.unanswered && !r.showstoppers.length) {
        results.appendChild(el("p", { "class": "pg-unanswered" }, t.n("unanswered", r.unanswered)));
      }
      box.setAttribute("data-outcome", r.outcome || "");
      if (save) persist();
    }

    download.addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(filled(), null, 2) + "\n"], { type: "application/json" });
      var slug = (entry.partner || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
      var link = el("a", { href: URL.createObjectURL(blob), download: a.id + (slug ? "-" + slug : "") + "-scorecard.json" });
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    });
    importButton.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      var reader = new FileReader();
      reader.onload = function () { importText(String(reader.result)); file.value = ""; };
      reader.onerror = function () { say(t("import_not_json"), true); file.value = ""; };
      reader.readAsText(f);
    });
    print.addEventListener("click", function () { window.print(); });
    fresh.addEventListener("click", function () {
      saved.current = null;
      forget();
      open(blank(a, version));
      say("");
    });
    reset.addEventListener("click", function () {
      var any = Object.keys(entry.scores).length || Object.keys(entry.answers).length || Object.keys(entry.evidence).length;
      if (any && !window.confirm(t("confirm_reset", { partner: named(entry) }))) return;
      entry.scores = {}; entry.answers = {}; entry.evidence = {};
      fill();
      update(saved.entries.some(function (e) { return e.uid === entry.uid; }));
    });
    compareButton.addEventListener("click", function () {
      compare(Array.prototype.map.call(list.querySelectorAll(".pg-compare-pick:checked"), function (c) { return c.value; }));
    });
    box.pgFilled = filled;  // for tests and for anyone scripting an export
    box.pgImport = importText;
    var current = saved.entries.filter(function (e) { return e.uid === saved.current; })[0];
    if (current) open(current); else { fill(); update(false); }
    renderList();
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

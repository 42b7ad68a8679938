/* playbook-gen SCORM runtime, part 1: find the LMS's API and speak SCORM 1.2 or SCORM 2004 through one
 * small adapter. Our own code, no CDN. Without an LMS, connect() returns null and the package runs alone.
 * Finding the API is the standard algorithm: this window, then its parents (at most 7 levels up), then the
 * opener and its parents. */
(function () {
  "use strict";

  var NAMES = { "1.2": "API", "2004": "API_1484_11" };
  var CALLS = {
    "1.2": { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", end: "LMSFinish",
      error: "LMSGetLastError" },
    "2004": { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", end: "Terminate",
      error: "GetLastError" }
  };
  var CMI = {
    "1.2": { entry: "cmi.core.entry", name: "cmi.core.student_name", location: "cmi.core.lesson_location",
      exit: "cmi.core.exit", time: "cmi.core.session_time", raw: "cmi.core.score.raw", min: "cmi.core.score.min",
      max: "cmi.core.score.max", status: "cmi.core.lesson_status", mastery: "cmi.student_data.mastery_score" },
    "2004": { entry: "cmi.entry", name: "cmi.learner_name", location: "cmi.location", exit: "cmi.exit",
      time: "cmi.session_time", raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max",
      status: "cmi.completion_status", success: "cmi.success_status", scaled: "cmi.score.scaled",
      progress: "cmi.progress_measure", mastery: "cmi.scaled_passing_score" }
  };
  var MAX_PARENTS = 7;

  function search(win, name) {
    for (var level = 0; win && level <= MAX_PARENTS; level++) {
      try {
        if (win[name]) return win[name];
        if (!win.parent || win.parent === win) return null;
      } catch (e) { return null; }  // a window of another origin: stop here
      win = win.parent;
    }
    return null;
  }

  function find(name) {
    var api = search(window, name);
    try {
      if (!api && window.opener) api = search(window.opener, name);
    } catch (e) { /* opener of another origin */ }
    return api;
  }

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }

  /* Session time in the format of each version: 1.2 "HHHH:MM:SS.SS", 2004 ISO 8601 "PT1H2M3.4S". */
  function duration(version, ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = Math.floor(cs / 100) % 60, frac = cs % 100;
    if (version === "1.2") return pad(Math.min(h, 9999), 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(frac, 2);
    return "PT" + h + "H" + m + "M" + s + (frac ? "." + pad(frac, 2).replace(/0$/, "") : "") + "S";
  }

  function Adapter(version, api) {
    this.version = version;
    this.api = api;
    this.call = CALLS[version];
    this.cmi = CMI[version];
    this.open = false;
  }

  Adapter.prototype.invoke = function (name, a, b) {
    try {
      return name === "set" ? this.api[this.call.set](a, b) : this.api[this.call[name]](a === undefined ? "" : a);
    } catch (e) { return ""; }  // a broken LMS never breaks the page
  };
  Adapter.prototype.get = function (key) { var v = this.invoke("get", this.cmi[key] || key); return v == null ? "" : String(v); };
  Adapter.prototype.set = function (key, value) { return this.invoke("set", this.cmi[key] || key, String(value)); };
  Adapter.prototype.commit = function () { if (this.open) this.invoke("commit"); };
  Adapter.prototype.start = function () {
    var ok = this.invoke("init");
    this.open = ok === true || ok === "true";
    return this.open;
  };

  /* The learner as "First Last": SCORM 1.2 LMSs send "Last, First". */
  Adapter.prototype.learner = function () {
    var name = this.get("name").trim();
    var parts = name.split(",");
    return parts.length === 2 ? (parts[1].trim() + " " + parts[0].trim()).trim() : name;
  };

  /* The pass mark the LMS hands over (from the manifest) as a percentage, or null. */
  Adapter.prototype.mastery = function () {
    var v = parseFloat(this.get("mastery"));
    if (isNaN(v)) return null;
    return this.version === "1.2" ? v : v * 100;
  };

  Adapter.prototype.status = function () {
    return { status: this.get("status"), success: this.version === "2004" ? this.get("success") : "" };
  };

  Adapter.prototype.incomplete = function () {
    this.set("status", "incomplete");
  };

  /* result: {right, total, passed (true, false or null when there is no pass mark), progress (0..1)} */
  Adapter.prototype.report = function (result) {
    if (result.total) {
      var percent = Math.round(10000 * result.right / result.total) / 100;
      this.set("min", 0);
      this.set("max", 100);
      this.set("raw", percent);
      if (this.version === "2004") this.set("scaled", Math.round(10000 * result.right / result.total) / 10000);
    }
    if (this.version === "1.2") {
      this.set("status", result.passed === null ? "completed" : (result.passed ? "passed" : "failed"));
    } else {
      this.set("status", "completed");
      this.set("success", result.passed === null ? "unknown" : (result.passed ? "passed" : "failed"));
      this.set("progress", 1);
    }
  };

  Adapter.prototype.progress = function (fraction) {
    if (this.version === "2004") this.set("progress", Math.round(fraction * 100) / 100);
  };

  /* One answer as cmi.interactions.n: id, type, the learner's and the correct response, the result. */
  Adapter.prototype.interaction = function (id, text, choice, answer) {
    var base = "cmi.interactions." + (parseInt(this.get("cmi.interactions._count"), 10) || 0) + ".";
    var letter = function (i) { return "abcdef".charAt(i); };
    this.set(base + "id", id);
    this.set(base + "type", "choice");
    if (this.version === "2004") this.set(base + "description", text.slice(0, 250));
    this.set(base + (this.version === "1.2" ? "student_response" : "learner_response"), letter(choice));
    this.set(base + "correct_responses.0.pattern", letter(answer));
    this.set(base + "result", choice === answer ? "correct" : (this.version === "1.2" ? "wrong" : "incorrect"));
  };

  /* Save time and exit state, commit, terminate: once. */
  Adapter.prototype.end = function (finished, ms) {
    if (!this.open) return;
    this.set("exit", finished ? (this.version === "1.2" ? "" : "normal") : "suspend");
    this.set("time", duration(this.version, ms));
    this.invoke("commit");
    this.invoke("end");
    this.open = false;
  };

  window.PlaybookScorm = {
    duration: duration,
    find: find,
    connect: function (version) {
      var api = find(NAMES[version]);
      if (!api) return null;
      var adapter = new Adapter(version, api);
      return adapter.start() ? adapter : null;
    }
  };
})();

// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var fold = function (s) {
    return s.normalize("NFKC").toLowerCase()
      .replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); })
      .replace(/[\s\-._・,、。()（）]/g, "");
  };
  var fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  };
  var each = function (root, css, fn) { Array.prototype.forEach.call(root.querySelectorAll(css), fn); };

  // Step 1: filter the service list as the person types, say what the list
  // shows, and say plainly when a service is not one the site holds.
  var q = document.querySelector("input[data-filter=services]");
  var list = document.getElementById("services-list");
  if (q && list) {
    var legend = list.querySelector("legend");
    var live = document.querySelector("[data-live]");
    var held = document.querySelector("[data-not-held]");
    var picked = document.getElementById("picked");
    var total = list.querySelectorAll(".option").length;
    var ticks = function () { return list.querySelectorAll("input[name=service]"); };

    // Whether every match is a shop inside a venue found by the venue's
    // name (楽天 finds only ゲオEショップ 楽天市場店).
    var onlyInside = function (words, matches) {
      if (matches.length === 0 || words.length === 0) return false;
      return matches.every(function (o) {
        var brand = o.getAttribute("data-brand");
        if (!brand) return false;
        return !brand.split(" ").some(function (b) {
          return words.some(function (w) { return b.indexOf(w) >= 0 || w.indexOf(b) >= 0; });
        });
      });
    };

    var filter = function () {
      var text = q.value.trim(), key = fold(text), matches = [];
      var words = text.split(/\s+/).map(fold).filter(function (w) { return w !== ""; });
      each(list, ".option", function (o) {
        var hit = key === "" || fold(o.getAttribute("data-keys") || o.textContent).indexOf(key) >= 0;
        // A chosen service the search does not match stays in the form,
        // hidden; the 「選択中」 line below names it.
        o.hidden = !hit;
        if (hit) matches.push(o);
      });
      var n = key === "" ? total : matches.length;
      var said = key === "" ? legend.getAttribute("data-all") : fill(legend.getAttribute("data-filtered"), { q: text, n: String(n) });
      legend.textContent = said;
      if (live) live.textContent = said;
      list.hidden = n === 0;
      if (held) {
        var inside = key !== "" && onlyInside(words, matches);
        held.hidden = key === "" || (n > 0 && !inside);
        each(held, "[data-q]", function (s) { s.textContent = text; });
        held.querySelector("[data-lead-none]").hidden = n > 0;
        held.querySelector("[data-lead-inside]").hidden = !inside;
        if (inside) {
          held.querySelector("[data-names]").textContent = matches.map(function (o) { return "「" + o.getAttribute("data-name") + "」"; }).join("");
          var notes = held.querySelector("[data-notes]");
          notes.textContent = "";
          matches.forEach(function (o) {
            var p = document.createElement("p");
            p.textContent = o.getAttribute("data-inside-note");
            notes.appendChild(p);
          });
        }
      }
    };

    var showPicked = function () {
      if (!picked) return;
      var names = [];
      Array.prototype.forEach.call(ticks(), function (c) {
        if (c.checked) names.push(c.closest(".option").getAttribute("data-name"));
      });
      picked.textContent = names.length === 0 ? picked.getAttribute("data-none")
        : fill(picked.getAttribute("data-some"), { n: String(names.length), names: names.join("、") });
    };

    q.addEventListener("input", filter);
    list.addEventListener("change", showPicked);
    // The browser may restore ticks after this script ran (back, forward).
    window.addEventListener("pageshow", showPicked);
    showPicked();
  }

  // Step 2: show only the date fields of the chosen way of answering. The
  // stylesheet does it with :has() (right even when the browser restores a
  // choice on back or forward after this script ran); this is the fallback.
  var hasHas = window.CSS && CSS.supports && CSS.supports("selector(:has(*))");
  var whens = document.querySelectorAll("fieldset.when");
  var sync = function (fs) {
    if (hasHas) return;
    var checked = fs.querySelector("input[type=radio]:checked");
    each(fs, ".mode-fields", function (f) {
      f.hidden = !checked || f.getAttribute("data-mode") !== checked.value;
    });
  };
  Array.prototype.forEach.call(whens, function (fs) {
    fs.addEventListener("change", function (e) {
      sync(fs);
      // Answering a date implies the activity applies.
      var act = fs.parentElement.querySelector("input[name=act]");
      if (act && !(e.target.type === "radio" && e.target.value === "unknown")) act.checked = true;
    });
    sync(fs);
  });
  if (whens.length > 0) {
    var form = whens[0].form;
    // Send only the dates of the chosen way of answering, of ticked
    // activities: a date left in a hidden field must not override
    // 「覚えていない」 or an untick (without this script every field is
    // shown and a typed date counts).
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(whens, function (fs) {
        var act = fs.parentElement.querySelector("input[name=act]");
        var checked = fs.querySelector("input[type=radio]:checked");
        each(fs, ".mode-fields", function (f) {
          var off = (act && !act.checked) || !checked || f.getAttribute("data-mode") !== checked.value;
          each(f, "input", function (i) { i.disabled = off; });
        });
      });
    });
    window.addEventListener("pageshow", function () {
      each(form, ".mode-fields input", function (i) { i.disabled = false; });
      Array.prototype.forEach.call(whens, sync);
    });
  }

  // Focus the error summary so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();

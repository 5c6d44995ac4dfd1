// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Step 1: filter the service list as the person types.
  var q = document.querySelector("input[data-filter=services]");
  if (q) {
    var list = document.getElementById("services-list");
    var empty = list && list.querySelector("[data-empty]");
    var fold = function (s) {
      return s.normalize("NFKC").toLowerCase()
        .replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); })
        .replace(/[\s\-._・,、。()（）]/g, "");
    };
    q.addEventListener("input", function () {
      if (!list) return;
      var key = fold(q.value), shown = 0;
      list.querySelectorAll(".option").forEach(function (o) {
        var hit = key === "" || fold(o.getAttribute("data-keys") || o.textContent).indexOf(key) >= 0;
        o.hidden = !hit;
        if (hit) shown++;
      });
      if (empty) empty.hidden = shown !== 0;
    });
  }

  // Step 2: show only the date fields of the chosen way of answering.
  document.querySelectorAll("fieldset.when").forEach(function (fs) {
    var sync = function () {
      var checked = fs.querySelector("input[type=radio]:checked");
      fs.querySelectorAll(".mode-fields").forEach(function (f) {
        f.hidden = !checked || f.getAttribute("data-mode") !== checked.value;
      });
    };
    fs.addEventListener("change", function (e) {
      sync();
      // Answering a date implies the activity applies.
      var act = fs.parentElement.querySelector("input[name=act]");
      if (act && !(e.target.type === "radio" && e.target.value === "unknown")) act.checked = true;
    });
    sync();
  });

  // Focus the error summary so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  // Select the permalink on focus for easy copying.
  var link = document.getElementById("permalink");
  if (link) link.addEventListener("focus", function () { link.select(); });

  // Result: copy the link, share it (Web Share API where the browser has
  // it) and print. The buttons stay hidden without this script; the link to
  // the save section works either way.
  var tools = document.querySelector(".share-tools");
  if (tools) {
    var status = document.querySelector(".share-status");
    var say = function (msg) { if (status) status.textContent = msg; };
    var copy = tools.querySelector("[data-share=copy]");
    var share = tools.querySelector("[data-share=share]");
    var print = tools.querySelector("[data-share=print]");
    if (copy && navigator.clipboard && navigator.clipboard.writeText) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(copy.getAttribute("data-url")).then(function () {
          say("リンクをコピーしました。回答が含まれるので、信頼できる人にだけ送ってください。");
        }, function () {
          if (link) { link.focus(); link.select(); }
          say("コピーできませんでした。下の欄のリンクを選んでコピーしてください。");
        });
      });
    }
    if (share && navigator.share) {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({ title: document.title, url: share.getAttribute("data-url") }).catch(function () {});
      });
    }
    if (print && window.print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  }
  // Print the details too: open the collapsed ones, then close them again.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("main details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();

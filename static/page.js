// Pages worth keeping (the result, incident and service pages): copying,
// sharing and printing. The questionnaire's script is check.js; each page
// loads only its own, so a result's first view carries no questionnaire code.
(function () {
  "use strict";
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

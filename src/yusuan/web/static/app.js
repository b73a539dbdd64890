// Clicking a finding highlights every table cell it cites and scrolls to the first; no framework, no CDN.
(function () {
  function highlight(item) {
    document.querySelectorAll("td.hl").forEach(function (cell) { cell.classList.remove("hl"); });
    document.querySelectorAll("li.finding.active").forEach(function (f) { f.classList.remove("active"); });
    item.classList.add("active");
    var ids = (item.dataset.cells || "").split(" ").filter(Boolean);
    var first = null;
    ids.forEach(function (id) {
      var cell = document.getElementById(id);
      if (cell) { cell.classList.add("hl"); first = first || cell; }
    });
    return first;
  }
  document.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest("li.finding");
    if (!item || event.target.closest("form, details")) { return; }  // marking or viewing the page: stay
    var first = highlight(item);
    if (first && !event.target.closest("a")) { first.scrollIntoView({ block: "center", behavior: "smooth" }); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var match = /^#f-(\d+)$/.exec(window.location.hash);
    var item = match && document.getElementById("f-" + match[1]);
    if (item) { highlight(item); }
  });
})();

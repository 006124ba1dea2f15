/* app.js: conveniences only; every page works without it.
   "/" focuses the query box; changing the sort order submits the form. */
"use strict";
document.addEventListener("keydown", function (e) {
  var q = document.getElementById("q");
  if (e.key === "/" && q && document.activeElement !== q &&
      !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
    e.preventDefault();
    q.focus();
    q.select();
  }
});
document.addEventListener("change", function (e) {
  var t = e.target;
  if (t && t.name === "sort" && t.form) t.form.submit();
});

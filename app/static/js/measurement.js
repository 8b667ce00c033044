// Cut-score what-if: moving the slider updates the figures without a page load.
(function () {
  "use strict";
  var form = document.getElementById("what-if-form");
  if (!form) { return; }
  var range = document.getElementById("cut-range");
  var output = document.getElementById("cut-output");
  var field = document.getElementById("cut_score");
  var timer = null;

  function refresh() {
    var url = form.dataset.preview + "?cut=" + encodeURIComponent(range.value);
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var old = document.getElementById("what-if-results");
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#what-if-results");
        if (old && fresh) { old.replaceWith(fresh); }
      });
  }

  range.addEventListener("input", function () {
    output.textContent = range.value;
    if (field) { field.value = range.value; }
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 200);
  });
}());

// Monitoring: live score preview on the evaluation form (the server scores for real).
(function () {
  "use strict";
  const CREDIT = { yes: 1, partial: 0.5, no: 0 };

  function preview(form, out) {
    let earned = 0, possible = 0, failed = false, complete = true;
    form.querySelectorAll(".qa-criterion").forEach((row) => {
      const checked = row.querySelector("input[type=radio]:checked");
      if (!checked) { complete = false; return; }
      if (checked.value === "na") return;
      const weight = Number(row.dataset.weight);
      if (checked.value === "no" && row.dataset.autoFail === "true") failed = true;
      earned += weight * CREDIT[checked.value];
      possible += weight;
    });
    if (failed) out.textContent = "0 (auto-fail)";
    else if (possible === 0) out.textContent = "—";
    else out.textContent = (100 * earned / possible).toFixed(1) + (complete ? "" : " so far");
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector("form[data-scorecard]");
    const out = document.querySelector("[data-score-preview]");
    if (!form || !out) return;
    form.addEventListener("change", () => preview(form, out));
    preview(form, out);
  });
})();

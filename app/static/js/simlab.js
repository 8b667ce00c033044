// Simulation lab: reload the form when the scenario changes; poll a running job.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    const select = document.querySelector("#lab-form select[name=scenario]");
    if (select) {
      select.addEventListener("change", () => {
        window.location.href = window.location.pathname + "?scenario=" + encodeURIComponent(select.value);
      });
    }
    const fill = document.getElementById("job-progress-fill");
    if (fill) fill.style.width = fill.dataset.percent + "%";
    const box = document.getElementById("job-progress");
    if (!box) return;
    const text = document.getElementById("job-progress-text");
    async function poll() {
      try {
        const response = await fetch(box.dataset.statusUrl, { credentials: "same-origin" });
        const job = await response.json();
        fill.style.width = job.percent + "%";
        fill.parentElement.setAttribute("aria-valuenow", String(job.percent));
        text.textContent = job.done + " of " + job.total + " runs finished";
        if (job.status === "done" || job.status === "failed") { window.location.reload(); return; }
      } catch (err) { text.textContent = "Waiting for the server…"; }
      window.setTimeout(poll, 1000);
    }
    window.setTimeout(poll, 800);
  });
})();

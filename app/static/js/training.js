// Training pages: ask before saving a rotation plan (it creates training periods).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    const save = document.querySelector("form.plan-form button[name=save], form.plan-form input[name=save]");
    if (!save) return;
    save.addEventListener("click", (event) => {
      const ok = window.confirm("Save this plan? Each rotation becomes a training period, during which no live evaluation can be recorded.");
      if (!ok) event.preventDefault();
    });
  });
})();

// Service Academy site script: sortable tables and small progressive enhancements.
(function () {
  "use strict";

  function cellValue(row, index) {
    const cell = row.cells[index];
    if (!cell) return "";
    const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    const num = Number(raw.replace(/[,%]/g, ""));
    return raw !== "" && !Number.isNaN(num) ? num : raw.toLowerCase();
  }

  function sortBy(table, th) {
    const index = Array.prototype.indexOf.call(th.parentNode.children, th);
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach((h) => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const x = cellValue(a, index), y = cellValue(b, index);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    rows.forEach((r) => body.appendChild(r));
  }

  function enhanceSortable(table) {
    table.querySelectorAll("th[data-sort]").forEach((th) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", "Sort by " + th.textContent.trim());
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", () => sortBy(table, th));
    });
  }

  function enhanceConfirm(form) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("table.sortable").forEach(enhanceSortable);
    document.querySelectorAll("form[data-confirm]").forEach(enhanceConfirm);
  });

  window.ServiceAcademy = {
    csrfToken: () => document.querySelector('meta[name="csrf-token"]').content,
  };
})();

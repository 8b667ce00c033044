// Job tryout: keep the shift clock, counters and queue fresh while the candidate works,
// announce new arrivals to screen readers, and autosave the reply being typed. The page
// works without it (every action is a plain form); the server keeps the clock.
(function () {
  "use strict";

  const POLL_MS = 2000;
  const DRAFT_MS = 1200;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function takeForm(root, row) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = root.dataset.actUrl;
    form.className = "inline-form";
    const fields = { csrf_token: window.ServiceAcademy.csrfToken(), seq: String(Number(root.dataset.seq) + 1),
      action: "open", sim_id: String(row.sim_id) };
    Object.entries(fields).forEach(([name, value]) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    });
    const button = el("button", "Take", "btn btn-small");
    button.type = "submit";
    form.append(button);
    return form;
  }

  function render(root, state) {
    document.getElementById("tc-clock").textContent = state.clock;
    document.getElementById("tc-left").textContent =
      Math.floor(state.left / 60) + ":" + String(state.left % 60).padStart(2, "0");
    document.getElementById("tc-handled").textContent = String(state.handled);
    document.getElementById("tc-abandoned").textContent = String(state.abandoned);
    const list = document.getElementById("tc-queue");
    const before = new Set(Array.from(list.children).map((li) => li.dataset.sim));
    const fresh = state.queue.filter((row) => !before.has(String(row.sim_id)));
    list.replaceChildren(...state.queue.map((row) => {
      const li = el("li");
      li.dataset.channel = row.channel;
      li.dataset.sim = String(row.sim_id);
      li.append(el("span", row.channel, "badge badge-info"), document.createTextNode(" "),
        el("span", row.customer, "desk-who"), document.createTextNode(" "),
        el("span", "arrived " + row.arrived + ", waiting " + row.waited + " s", "muted"));
      if (!root.dataset.open) li.append(takeForm(root, row));
      return li;
    }));
    document.getElementById("tc-empty").hidden = state.queue.length > 0;
    if (fresh.length) {
      document.getElementById("tc-announce").textContent = "New in the queue: " +
        fresh.map((row) => row.customer + " (" + row.channel + ")").join(", ");
    }
  }

  function poll(root) {
    fetch(root.dataset.stateUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((r) => r.json().then((body) => ({ ok: r.ok, body })))
      .then(({ ok, body }) => {
        if (!ok || body.phase !== "running" || String(body.seq) !== root.dataset.seq) {
          window.location.reload();
          return;
        }
        render(root, body);
        window.setTimeout(() => poll(root), POLL_MS);
      })
      .catch(() => window.setTimeout(() => poll(root), POLL_MS * 3));
  }

  function autosave(root, area) {
    let timer = null;
    const status = document.getElementById("draft-status");
    area.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        fetch(root.dataset.draftUrl, {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": window.ServiceAcademy.csrfToken() },
          body: JSON.stringify({ sim_id: Number(area.dataset.draft), text: area.value }),
        }).then((r) => {
          if (status) status.textContent = r.ok ? "Draft saved." : "Could not save the draft; it is still here.";
        }).catch(() => { if (status) status.textContent = "Offline: the draft is kept on this page."; });
      }, DRAFT_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("tryout-live");
    if (!root) return;
    const act = document.querySelector("form[action$='/candidate/tryout/act']");
    root.dataset.actUrl = act ? act.action : "";
    window.setTimeout(() => poll(root), POLL_MS);
    document.querySelectorAll("textarea[data-draft]").forEach((area) => autosave(root, area));
    const latest = document.getElementById("latest");
    const area = document.querySelector("textarea[data-draft]");
    if (area) area.focus();
    else if (latest) latest.focus();
  });
})();

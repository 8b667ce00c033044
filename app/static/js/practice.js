// Practice shift: refresh the trainee's queue and the desk figures every few seconds, on the
// queue page and (as a side panel) beside an open contact, while the clock keeps running.
(function () {
  "use strict";

  const POLL_MS = 2500;

  function text(tag, value, className) {
    const el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  function openForm(root, row, label) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = root.dataset.openUrl.replace("/contacts/0/open", "/contacts/" + row.sim_id + "/open");
    const token = document.createElement("input");
    token.type = "hidden";
    token.name = "csrf_token";
    token.value = window.ServiceAcademy.csrfToken();
    const button = text("button", label || (row.next ? "Answer next" : "Answer"),
      "btn btn-small" + (row.next && !label ? " btn-primary" : ""));
    button.type = "submit";
    form.append(token, button);
    return form;
  }

  function queueRow(root, row, index) {
    const tr = document.createElement("tr");
    tr.dataset.contact = row.contact_id;
    tr.dataset.channel = row.channel;
    const subject = document.createElement("td");
    subject.append(document.createTextNode(row.subject));
    if (row.note) {
      subject.append(document.createElement("br"), text("small", row.note, "muted"));
    }
    const action = document.createElement("td");
    action.append(openForm(root, row));
    const channel = document.createElement("td");
    channel.append(text("span", row.channel, "badge badge-info"));
    tr.append(text("td", String(index + 1)), channel, text("td", row.customer), subject,
      text("td", row.arrived), text("td", row.waited + " s", "num"), action);
    return tr;
  }

  function render(root, state) {
    document.getElementById("ps-clock").textContent = state.clock;
    document.getElementById("ps-sl").textContent =
      state.service_level === null ? "—" : state.service_level + "%";
    document.getElementById("ps-waiting").textContent = String(state.queue.length);
    document.getElementById("ps-abandoned").textContent = String(state.abandoned);
    document.getElementById("ps-over").hidden = !state.over;
    document.getElementById("ps-empty").hidden = state.queue.length > 0;
    const body = document.getElementById("ps-queue");
    body.replaceChildren(...state.queue.map((row, i) => queueRow(root, row, i)));
  }

  function poll(root) {
    fetch(root.dataset.stateUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((state) => {
        if (state.status !== "running" || (state.open && state.open.length)) {
          window.location.reload();
          return;
        }
        render(root, state);
        window.setTimeout(() => poll(root), POLL_MS);
      })
      .catch(() => window.setTimeout(() => poll(root), POLL_MS * 4));
  }

  function deskRow(root, row) {
    const li = document.createElement("li");
    li.dataset.channel = row.channel;
    li.dataset.contact = row.contact_id;
    li.append(text("span", row.channel, "badge badge-info"), document.createTextNode(" "),
      text("span", row.customer, "desk-who"), document.createTextNode(" "),
      text("span", "waiting " + row.waited + " s", "muted"),
      row.can_take ? openForm(root, row, "Answer") : text("span", "you are busy", "badge desk-busy"));
    return li;
  }

  function renderDesk(root, state) {
    document.getElementById("pd-clock").textContent = state.clock;
    document.getElementById("pd-waiting").textContent = String(state.queue.length);
    document.getElementById("pd-abandoned").textContent = String(state.abandoned);
    document.getElementById("pd-over").hidden = !state.over;
    document.getElementById("pd-empty").hidden = state.queue.length > 0;
    const strip = document.getElementById("pd-strip");
    if (strip) {
      strip.textContent = state.clock + " · " + state.queue.length + " waiting" +
        (state.queue.length ? ": " + state.queue.map((r) => r.customer + " (" + r.channel + ")").join(", ") : "") +
        " · " + state.abandoned + " hung up";
    }
    const list = document.getElementById("pd-queue");
    list.replaceChildren(...state.queue.map((row) => deskRow(root, row)));
  }

  function pollDesk(root) {
    fetch(root.dataset.stateUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((state) => {
        if (state.status !== "running") {
          window.location.reload();
          return;
        }
        renderDesk(root, state);
        window.setTimeout(() => pollDesk(root), POLL_MS);
      })
      .catch(() => window.setTimeout(() => pollDesk(root), POLL_MS * 4));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("practice-live");
    if (root) window.setTimeout(() => poll(root), POLL_MS);
    const desk = document.getElementById("practice-desk");
    if (desk) window.setTimeout(() => pollDesk(desk), POLL_MS);
    const latest = document.getElementById("latest");
    if (latest && window.location.hash === "#latest") {
      const box = document.getElementById("form-text") || document.querySelector(".practice-say textarea");
      if (box) box.focus();
    }
  });
})();

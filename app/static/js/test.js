// The timed test: autosave every answer, show progress and the server's clock.
(function () {
  "use strict";
  const bar = document.getElementById("test-bar");
  if (!bar) return;
  const saveUrl = bar.dataset.saveUrl;
  const doneUrl = bar.dataset.doneUrl;
  const total = Number(bar.dataset.total);
  const statusEl = document.getElementById("save-status");
  const clockEl = document.getElementById("clock");
  const fill = document.getElementById("progress-fill");
  const progressText = document.getElementById("progress-text");
  const progressBar = fill.parentElement;
  let seq = Number(bar.dataset.seq) || 0;
  let deadline = Date.now() + Number(bar.dataset.remaining) * 1000;
  let lastAnswerAt = Date.now();
  const pending = new Map(); // item -> {value, seq, elapsed}
  let inFlight = false;
  let closed = false;

  function setStatus(text, kind) {
    statusEl.textContent = text;
    statusEl.className = "save-status" + (kind ? " save-" + kind : "");
  }

  function answeredCount() {
    let n = 0;
    document.querySelectorAll("fieldset.item").forEach((fs) => {
      const checked = fs.querySelector("input:checked");
      const text = fs.querySelector("textarea");
      if (checked || (text && text.value.trim())) n += 1;
    });
    return n;
  }

  function showProgress() {
    const n = answeredCount();
    fill.style.width = (total ? (100 * n) / total : 0) + "%";
    progressText.textContent = n + " of " + total + " answered";
    progressBar.setAttribute("aria-valuenow", String(n));
  }

  function tick() {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    clockEl.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left <= 60) clockEl.classList.add("clock-low");
    if (left <= 0 && !closed) {
      closed = true;
      setStatus("Time is up — submitting what you saved…", "warn");
      flush().finally(() => window.setTimeout(() => { window.location.href = doneUrl; }, 1500));
    }
  }

  async function flush() {
    if (inFlight || pending.size === 0) return;
    inFlight = true;
    const [item, entry] = pending.entries().next().value;
    setStatus("Saving…", "busy");
    try {
      const response = await fetch(saveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": window.ServiceAcademy.csrfToken() },
        body: JSON.stringify({ item: item, value: entry.value, seq: entry.seq, elapsed_ms: entry.elapsed }),
      });
      const body = await response.json().catch(() => ({}));
      if (pending.get(item) === entry) pending.delete(item);
      if (response.status === 409) {
        closed = true;
        setStatus(body.error || "Your test is closed.", "warn");
        window.setTimeout(() => { window.location.href = doneUrl; }, 1500);
        return;
      }
      if (!response.ok) {
        setStatus("Not saved: " + (body.error || "please try again"), "error");
      } else {
        deadline = Date.now() + body.remaining * 1000;
        setStatus(pending.size ? "Saving…" : "All answers saved", pending.size ? "busy" : "ok");
      }
    } catch (err) {
      setStatus("Connection lost — your answer will be saved when it is back", "error");
      window.setTimeout(flush, 3000);
    } finally {
      inFlight = false;
      if (pending.size && !closed) flush();
    }
  }

  function queue(item, value) {
    if (closed) return;
    seq += 1;
    const now = Date.now();
    pending.set(item, { value: value, seq: seq, elapsed: now - lastAnswerAt });
    lastAnswerAt = now;
    showProgress();
    flush();
  }

  document.querySelectorAll("fieldset.item").forEach((fs) => {
    const item = fs.dataset.item;
    fs.querySelectorAll("input[type=radio]").forEach((input) => {
      input.addEventListener("change", () => queue(item, input.value));
    });
    const text = fs.querySelector("textarea");
    if (text) {
      let timer = null;
      const counter = fs.querySelector(".char-count");
      text.addEventListener("input", () => {
        if (counter) counter.textContent = String(text.value.length);
        window.clearTimeout(timer);
        timer = window.setTimeout(() => queue(item, text.value), 800);
      });
      text.addEventListener("blur", () => { window.clearTimeout(timer); if (text.value.trim()) queue(item, text.value); });
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (pending.size && !closed) { event.preventDefault(); event.returnValue = ""; }
  });

  showProgress();
  tick();
  window.setInterval(tick, 1000);
})();

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
  const submitForm = document.getElementById("submit-form");
  const unansweredNote = document.getElementById("unanswered-note");
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

  function isAnswered(fs) {
    if (fs.dataset.kind === "ranking_block") {
      return Boolean(fs.querySelector(".rank-most:checked") && fs.querySelector(".rank-least:checked"));
    }
    const text = fs.querySelector("textarea");
    return Boolean(fs.querySelector("input:checked") || (text && text.value.trim()));
  }

  function answeredCount() {
    let n = 0;
    document.querySelectorAll("fieldset.item").forEach((fs) => { if (isAnswered(fs)) n += 1; });
    return n;
  }

  function showProgress() {
    const n = answeredCount();
    fill.style.width = (total ? (100 * n) / total : 0) + "%";
    progressText.textContent = n + " of " + total + " answered";
    progressBar.setAttribute("aria-valuenow", String(n));
    const open = total - n;
    if (submitForm) {
      submitForm.dataset.confirm = open
        ? "You have answered " + n + " of " + total + " items: " + open + " unanswered " +
          (open === 1 ? "item counts" : "items count") + " as not answered. Submit anyway? You cannot change your answers afterwards."
        : "Submit all " + total + " answers now? You cannot change them afterwards.";
    }
    if (unansweredNote) {
      unansweredNote.textContent = open
        ? open + " of " + total + (open === 1 ? " item is" : " items are") + " still unanswered."
        : "Every item is answered.";
      unansweredNote.className = open ? "flash flash-warning" : "flash flash-ok";
    }
  }

  // One section per screen: an option for long tests, chosen by the candidate.
  const sections = Array.from(document.querySelectorAll("section.test-section"));
  const pager = document.getElementById("section-pager");
  let current = 0;

  function showSection(index) {
    current = Math.max(0, Math.min(sections.length - 1, index));
    sections.forEach((s, i) => { s.hidden = i !== current; });
    pager.querySelector("[data-step=prev]").disabled = current === 0;
    pager.querySelector("[data-step=next]").disabled = current === sections.length - 1;
    pager.querySelector(".section-position").textContent = "Section " + (current + 1) + " of " + sections.length;
  }

  function setPaged(paged) {
    pager.hidden = !paged;
    toggle.setAttribute("aria-pressed", String(paged));
    toggle.textContent = paged ? "Show all sections on one page" : "Show one section per screen";
    if (paged) showSection(current);
    else sections.forEach((s) => { s.hidden = false; });
    try { window.localStorage.setItem("sa-test-paged", paged ? "1" : "0"); } catch (e) { /* private mode */ }
  }

  const toggle = document.getElementById("section-toggle");
  if (toggle && pager && sections.length > 1) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => setPaged(pager.hidden));
    pager.querySelector("[data-step=prev]").addEventListener("click", () => { showSection(current - 1); sections[current].querySelector("h2").scrollIntoView(); });
    pager.querySelector("[data-step=next]").addEventListener("click", () => { showSection(current + 1); sections[current].querySelector("h2").scrollIntoView(); });
  }

  // Resume where the candidate left off: the first unanswered item, not the top.
  function resume() {
    const items = Array.from(document.querySelectorAll("fieldset.item"));
    const first = items.find((fs) => !isAnswered(fs));
    let paged = false;
    try { paged = window.localStorage.getItem("sa-test-paged") === "1"; } catch (e) { /* private mode */ }
    if (first) current = Math.max(0, sections.indexOf(first.closest("section.test-section")));
    if (toggle && pager && sections.length > 1 && paged) setPaged(true);
    if (!first || first === items[0]) return;
    first.scrollIntoView({ block: "center" });
    const input = first.querySelector("input, textarea");
    if (input) input.focus({ preventScroll: true });
  }

  function tick() {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    clockEl.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left <= 60) clockEl.classList.add("clock-low");
    if (left <= 0 && !closed) {
      closed = true;
      setStatus("Time is up — submitting what you saved…", "warn");
      // Hand in at once (a POST, so the server closes the attempt) instead of reloading
      // a 0:00 page until the server's grace period has passed.
      waitForSaves().then(() => { if (submitForm) submitForm.submit(); else window.location.href = doneUrl; });
    }
  }

  async function waitForSaves() {
    const until = Date.now() + 5000;
    while ((pending.size || inFlight) && Date.now() < until) {
      if (!inFlight) flush();
      await new Promise((resolve) => window.setTimeout(resolve, 100));
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

  // A ranking set of three: "most like me" and "least like me" give the full order
  // (the value "b>c"); choosing the same statement for both moves the other choice away.
  function rankingChanged(fs, input) {
    const other = input.classList.contains("rank-most") ? ".rank-least" : ".rank-most";
    const clash = fs.querySelector(other + ":checked");
    if (clash && clash.value === input.value) clash.checked = false;
    const most = fs.querySelector(".rank-most:checked");
    const least = fs.querySelector(".rank-least:checked");
    if (most && least) queue(fs.dataset.item, most.value + ">" + least.value);
    else showProgress();
  }

  document.querySelectorAll("fieldset.item").forEach((fs) => {
    const item = fs.dataset.item;
    const ranking = fs.dataset.kind === "ranking_block";
    fs.querySelectorAll("input[type=radio]").forEach((input) => {
      input.addEventListener("change", () => (ranking ? rankingChanged(fs, input) : queue(item, input.value)));
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
  resume();
  tick();
  window.setInterval(tick, 1000);
})();

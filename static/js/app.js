// Behaviour the server cannot provide: keyboard shortcuts for review, focus after htmx
// swaps, and a countdown for timed quizzes. Everything here is an enhancement; each action
// is also a real link or button that works without JavaScript.
(function () {
  "use strict";

  const TYPING = /^(INPUT|TEXTAREA|SELECT)$/;
  let busy = false; // true while an htmx request is in flight: one key press, one request

  // Move focus into the new content so keyboard and screen-reader users continue there.
  function focusNew(root) {
    const target =
      root.querySelector("[autofocus]") ||
      root.querySelector("[tabindex='-1']") ||
      root.querySelector("h1, h2, legend");
    if (!target) return;
    if (!target.hasAttribute("tabindex") && !/^(INPUT|BUTTON|A|TEXTAREA|SELECT)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: false });
  }

  document.addEventListener("htmx:beforeRequest", () => { busy = true; });
  document.addEventListener("htmx:afterRequest", () => { busy = false; });
  document.addEventListener("htmx:afterSwap", (event) => {
    focusNew(event.detail.target);
    startTimers(event.detail.target);
  });

  // Review keys: Space shows the answer, 1 to 4 rate. Ignored while typing or mid-request.
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    const active = document.activeElement;
    if (active && (TYPING.test(active.tagName) || active.isContentEditable)) return;
    const key = event.key === "Spacebar" ? " " : event.key;
    if (!/^[ 1-4]$/.test(key)) return;
    // Space on a focused button already presses it; leave that to the browser.
    if (key === " " && active && active.tagName === "BUTTON") return;
    const control = document.querySelector(`#review [data-key="${key}"]`);
    if (!control) return;
    event.preventDefault();
    if (busy) return;
    control.click();
  });

  // Countdown for timed quizzes; the server enforces the limit, this only shows it.
  function startTimers(root) {
    root.querySelectorAll(".timer[data-seconds-left]").forEach((el) => {
      if (el.dataset.started) return;
      el.dataset.started = "1";
      const end = Date.now() + Number(el.dataset.secondsLeft) * 1000;
      const tick = () => {
        if (!el.isConnected) return;
        const left = Math.max(0, Math.round((end - Date.now()) / 1000));
        const minutes = Math.floor(left / 60);
        const seconds = String(left % 60).padStart(2, "0");
        el.textContent = left ? `${minutes}:${seconds}` : "no time";
        if (left) setTimeout(tick, 1000);
      };
      tick();
    });
  }

  document.addEventListener("DOMContentLoaded", () => startTimers(document));
})();

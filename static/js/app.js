// Behaviour the server cannot provide: keyboard shortcuts for review, focus after htmx
// swaps, and a countdown for timed quizzes. Everything here is an enhancement; each action
// is also a real link or button that works without JavaScript.
(function () {
  "use strict";

  const TYPING = /^(INPUT|TEXTAREA|SELECT)$/;
  // A region ([data-swap-focus]) is busy from its request until htmx has processed the new
  // content. A key pressed meanwhile waits for it: pressing a button htmx has not wired up
  // yet would post the form the slow way and reload the page.
  let busy = false;
  let queuedKey = null;
  let swappedRegion = null;

  const inRegion = (event) => Boolean(event.target.closest && event.target.closest("[data-swap-focus]"));

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
    target.focus();
  }

  function pressKey(key) {
    const control = document.querySelector(`#review [data-key="${key}"]`);
    if (!control) return false;
    control.click();
    return true;
  }

  function idle() {
    busy = false;
    if (queuedKey !== null) {
      const key = queuedKey;
      queuedKey = null;
      pressKey(key);
    }
  }

  document.addEventListener("htmx:beforeRequest", (event) => {
    if (inRegion(event)) busy = true;
  });
  document.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    // Other swaps (the header badge) may come in between; they leave the region alone.
    if (target && target.hasAttribute("data-swap-focus")) swappedRegion = target;
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    // Nothing to swap (an error, or a redirect away): the region is usable again now.
    if (inRegion(event) && !swappedRegion) idle();
  });
  // The element that sent the request is usually replaced by the swap, so events fired on
  // it later never reach the document; act when htmx reports the new content loaded.
  document.addEventListener("htmx:load", (event) => {
    if (!swappedRegion || !swappedRegion.contains(event.target)) return;
    const region = swappedRegion;
    swappedRegion = null;
    focusNew(region);
    startTimers(region);
    idle();
  });

  // "Next question" after a quiz answer's feedback: the question came with the answer,
  // so show it in place of the feedback (without JavaScript the link loads it).
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-show-next]");
    if (!link) return;
    const next = document.getElementById(link.dataset.showNext);
    if (!next) return;
    event.preventDefault();
    link.closest("section").remove();
    next.hidden = false;
    focusNew(next);
    startTimers(next);
  });

  // htmx leaves the page as it was when a request fails (no swap): say so beside the form
  // or link that sent it, so an answer that was not stored is never silently lost, and
  // what the student typed stays in the form to send again.
  function requestProblem(event, status) {
    const sender = event.detail.elt;
    if (!sender || !sender.isConnected) return;
    const form = sender.closest("form");
    const where = form || sender;
    const verb = form ? "Not saved" : "Could not load";
    const kept = form ? " What you entered is still here." : "";
    let text;
    if (status === 503) {
      text = `${verb}: Quizapp is briefly unavailable. Try again in a moment.${kept}`;
    } else if (status) {
      text = `${verb}: something went wrong (error ${status}). Try again.${kept}`;
    } else {
      text = `${verb}: no answer from the server. Check your connection and try again.${kept}`;
    }
    let note = where.parentElement && where.parentElement.querySelector(":scope > .request-error");
    if (!note) {
      note = document.createElement("p");
      note.className = "error request-error";
      note.setAttribute("role", "alert");
      where.before(note);
    }
    note.textContent = text;
  }

  document.addEventListener("htmx:responseError", (event) => {
    requestProblem(event, event.detail.xhr ? event.detail.xhr.status : 0);
  });
  document.addEventListener("htmx:sendError", (event) => requestProblem(event, 0));
  document.addEventListener("htmx:beforeRequest", (event) => {
    const sender = event.detail.elt;
    const where = sender && (sender.closest("form") || sender);
    const note = where && where.parentElement && where.parentElement.querySelector(":scope > .request-error");
    if (note) note.remove();
  });

  // Review keys: Space shows the answer, 1 to 4 rate. Ignored while typing.
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    const active = document.activeElement;
    if (active && (TYPING.test(active.tagName) || active.isContentEditable)) return;
    const key = event.key === "Spacebar" ? " " : event.key;
    if (!/^[ 1-4]$/.test(key)) return;
    // Space on a focused button already presses it; leave that to the browser.
    if (key === " " && active && active.tagName === "BUTTON") return;
    if (!document.getElementById("review")) return;
    if (busy) {
      event.preventDefault();
      queuedKey = key;
    } else if (pressKey(key)) {
      event.preventDefault();
    }
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

  // The print page's button: the browser's own print dialog (Ctrl+P works as well).
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });

  document.addEventListener("DOMContentLoaded", () => startTimers(document));
})();

// The teacher's workspace: review keys (j/k move, p publish, r reject, e edit, u undo),
// focus kept on the item after each htmx swap, and dropping files on the upload form.
// Every action is also a button or link that works without JavaScript.
(function () {
  "use strict";

  const TYPING = /^(INPUT|TEXTAREA|SELECT)$/;
  let pendingFocus = null;

  const items = () => Array.from(document.querySelectorAll("#review-list [data-item]"));

  function currentItem() {
    const active = document.activeElement;
    return (active && active.closest && active.closest("[data-item]")) || null;
  }

  function focusItem(item) {
    if (!item) return;
    const field = item.querySelector("textarea, input:not([type=hidden])");
    (field || item).focus();
    item.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    const all = items();
    if (!all.length) return;
    const index = all.indexOf(currentItem());
    const next = index < 0 ? (step > 0 ? 0 : all.length - 1) : index + step;
    if (next >= 0 && next < all.length) focusItem(all[next]);
  }

  function press(selector, scope) {
    const control = (scope || document).querySelector(selector);
    if (!control || control.disabled) return false;
    control.click();
    return true;
  }

  document.addEventListener("keydown", (event) => {
    if (!document.getElementById("review-list")) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    const active = document.activeElement;
    const item = currentItem();
    if (event.key === "Escape" && item && item.querySelector("form.edit-form")) {
      event.preventDefault();
      press("a.button[hx-get]", item);
      return;
    }
    if (active && (TYPING.test(active.tagName) || active.isContentEditable)) return;
    let done = false;
    if (event.key === "j") { move(1); done = true; }
    else if (event.key === "k") { move(-1); done = true; }
    else if (event.key === "u") done = press('#review-tools [data-key="u"]');
    else if (/^[pre]$/.test(event.key) && item) done = press(`[data-key="${event.key}"]`, item);
    if (done) event.preventDefault();
  });

  // Remember which item a request came from, so focus returns to it after the swap.
  document.addEventListener("htmx:beforeRequest", (event) => {
    const item = event.target.closest && event.target.closest("[data-item]");
    if (item) pendingFocus = item.id;
  });
  document.addEventListener("htmx:load", (event) => {
    const el = event.target;
    if (el.matches && el.matches("#review-list[data-focus]")) {
      focusItem(document.getElementById(el.dataset.focus));
      pendingFocus = null;
    } else if (el.matches && el.matches("[data-item]") && el.id === pendingFocus) {
      pendingFocus = null;
      // Unless the teacher has moved on meanwhile (j or k while the request ran): the
      // replaced element took focus with it, which leaves it on <body>.
      const lost = document.activeElement === document.body || el.contains(document.activeElement);
      if (lost) focusItem(el);
    }
  });

  // Upload form: files dropped anywhere on the drop zone go into the file input.
  function listFiles(input, list) {
    list.replaceChildren(
      ...Array.from(input.files).map((file) => {
        const li = document.createElement("li");
        li.textContent = `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)`;
        return li;
      })
    );
  }

  document.addEventListener("DOMContentLoaded", () => {
    const zone = document.querySelector("[data-dropzone]");
    if (zone) {
      const input = zone.querySelector("input[type=file]");
      const list = zone.querySelector("[data-file-list]");
      input.addEventListener("change", () => listFiles(input, list));
      ["dragenter", "dragover"].forEach((name) =>
        zone.addEventListener(name, (event) => {
          event.preventDefault();
          zone.classList.add("dragging");
        })
      );
      zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
      zone.addEventListener("drop", (event) => {
        event.preventDefault();
        zone.classList.remove("dragging");
        if (event.dataTransfer && event.dataTransfer.files.length) {
          input.files = event.dataTransfer.files;
          listFiles(input, list);
        }
      });
    }
    const focus = document.querySelector("#review-list[data-focus]");
    if (focus) focusItem(document.getElementById(focus.dataset.focus));
  });
})();

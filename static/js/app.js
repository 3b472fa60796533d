// A few lines of behaviour the server cannot provide: focus after htmx swaps.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  const focusable = target.querySelector("[autofocus], h1, h2, legend");
  if (focusable) {
    if (!focusable.hasAttribute("tabindex") && !/^(INPUT|BUTTON|A|TEXTAREA|SELECT)$/.test(focusable.tagName)) {
      focusable.setAttribute("tabindex", "-1");
    }
    focusable.focus();
  }
});

// Draws every ```mermaid block once the page has loaded, in colours that
// match the book's theme. Switching between a light and a dark theme reloads
// the page, because mermaid draws each diagram only once.
(function () {
  "use strict";
  var dark = ["coal", "navy", "ayu"];
  var root = document.documentElement;
  function isDark() {
    return dark.some(function (name) { return root.classList.contains(name); });
  }
  var startedDark = isDark();
  mermaid.initialize({ startOnLoad: true, theme: startedDark ? "dark" : "default" });
  new MutationObserver(function () {
    if (isDark() !== startedDark) {
      window.location.reload();
    }
  }).observe(root, { attributes: true, attributeFilter: ["class"] });
})();

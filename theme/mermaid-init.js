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
  mermaid.initialize({ startOnLoad: false, theme: startedDark ? "dark" : "default" });
  // Mermaid scales each diagram down to the width of the page, text included.
  // Give every SVG a minimum width at which its smallest text is still
  // MIN_TEXT_PX CSS pixels high; a narrower page scrolls the diagram sideways
  // in its box (theme/listings.css). ci/browser/check.mjs fails below 11 px.
  var MIN_TEXT_PX = 12;
  function keepLegible() {
    document.querySelectorAll("pre.mermaid svg, div.mermaid svg").forEach(function (svg) {
      var box = svg.viewBox && svg.viewBox.baseVal;
      if (!box || !box.width) return;
      var smallest = Infinity;
      svg.querySelectorAll("text, foreignObject span, foreignObject div, foreignObject p").forEach(function (el) {
        if (!el.textContent.trim()) return;
        var size = parseFloat(getComputedStyle(el).fontSize);
        if (size > 0 && size < smallest) smallest = size;
      });
      if (smallest === Infinity) return;
      svg.style.minWidth = Math.ceil(box.width * MIN_TEXT_PX / smallest) + "px";
    });
  }
  function draw() {
    mermaid.run().then(keepLegible, keepLegible);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
  new MutationObserver(function () {
    if (isDark() !== startedDark) {
      window.location.reload();
    }
  }).observe(root, { attributes: true, attributeFilter: ["class"] });
})();

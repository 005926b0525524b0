/* AMAP'artage: small enhancements. Every page works without this file. */
(function () {
  "use strict";
  if (window.amapartageEnhanced) { return; }
  window.amapartageEnhanced = true;

  /* Video players: nothing is requested from the video host until the visitor asks. */
  function setUpPlayers() {
    document.querySelectorAll("[data-player-src]").forEach(function (box) {
      var consent = box.querySelector(".player-consent");
      var button = box.querySelector("[data-player-load]");
      if (!consent || !button) { return; }
      consent.hidden = false;
      button.addEventListener("click", function () {
        var frame = document.createElement("iframe");
        frame.src = box.getAttribute("data-player-src");
        frame.title = box.getAttribute("data-player-title") || button.textContent;
        frame.setAttribute("allow", "fullscreen; picture-in-picture");
        frame.setAttribute("allowfullscreen", "");
        frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
        frame.className = "player-frame";
        consent.replaceWith(frame);
        frame.focus();
      });
    });
  }

  /* Training catalogue: filter the activities as soon as a choice changes. The form still
     works without JavaScript (the server marks the same activities hidden). */
  function setUpActivityFilters() {
    var form = document.querySelector("[data-activity-filters]");
    if (!form) { return; }
    var items = document.querySelectorAll(".activity-list .activity");
    var status = document.querySelector("[data-activity-count]");
    var none = document.querySelector("[data-no-activity]");
    var submit = form.querySelector(".filter-submit");
    if (submit) { submit.hidden = true; }

    function apply() {
      var audience = form.elements.public ? form.elements.public.value : "";
      var maximum = form.elements.duree.value ? parseInt(form.elements.duree.value, 10) : null;
      var shown = 0;
      items.forEach(function (item) {
        var audiences = (item.getAttribute("data-audiences") || "").split(" ");
        var duration = item.getAttribute("data-duration");
        var visible = (!audience || audiences.indexOf(audience) !== -1) &&
          (maximum === null || (duration !== "" && parseInt(duration, 10) <= maximum));
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      var total = status.getAttribute("data-total");
      var label = status.getAttribute(shown > 1 ? "data-many" : "data-one");
      status.textContent = shown + " " + label + " " + total;
      if (none) { none.hidden = shown > 0; }
      var params = new URLSearchParams(window.location.search);
      ["public", "duree"].forEach(function (name) {
        if (form.elements[name] && form.elements[name].value) {
          params.set(name, form.elements[name].value);
        } else {
          params.delete(name);
        }
      });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  }

  function start() {
    setUpPlayers();
    setUpActivityFilters();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

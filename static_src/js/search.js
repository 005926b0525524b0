// Autocomplete for the search box: a progressive enhancement. Without JavaScript the form
// works the same; with it, themes and titles are offered as you type (ARIA combobox).
// Every form with data-autocomplete gets it: the search page's box and the header's.
(function () {
  "use strict";
  if (!window.fetch) return;

  // The search page's filters: a <details> folded on phones, open from 48 rem.
  var facets = document.querySelector("details.facets");
  if (facets && window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
    facets.open = true;
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-autocomplete]"), enhance);

  function enhance(form, formIndex) {
    var input = form.querySelector("input[name=q]");
    var endpoint = form.getAttribute("data-autocomplete");
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var items = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";

    if (!input) return;
    list.id = "search-suggestions-" + formIndex;
    list.className = "autocomplete";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.parentNode.appendChild(list);
    form.appendChild(status);

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      items.forEach(function (item, i) {
        item.element.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].element.id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(results) {
      close();
      results.forEach(function (result, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var kind = document.createElement("span");
        kind.className = "autocomplete-kind";
        kind.textContent = result.type === "theme" ? "Thème" : "Ressource";
        li.appendChild(kind);
        li.appendChild(document.createTextNode(" " + result.label));
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = result.url;
        });
        list.appendChild(li);
        items.push({ element: li, url: result.url });
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      status.textContent = items.length
        ? items.length + (items.length > 1 ? " suggestions" : " suggestion")
        : "";
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2 || q === lastQuery) {
        if (q.length < 2) close();
        return;
      }
      lastQuery = q;
      fetch(endpoint + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === q) show(data.results || []); })
        .catch(close);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(Math.min(active + 1, items.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, -1));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].url;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }
})();

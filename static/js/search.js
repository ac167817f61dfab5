// Progressive enhancement for /jobs: results and counts update in place as filters change.
// Without JavaScript the form submits normally; either way the URL holds the whole state.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.DOMParser) return;
  var pending = null;
  var timer = null;

  function queryString() {
    var data = new FormData(form);
    var params = new URLSearchParams();
    var defaults = { radius: "50", sort: "relevance" };
    var hasNear = (data.get("near") || "") !== "";
    data.forEach(function (value, key) {
      if (value === "" || defaults[key] === value) return;
      if (key === "radius" && !hasNear) return;
      params.append(key, value);
    });
    return params.toString();
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("search-root");
    var root = document.getElementById("search-root");
    if (!fresh || !root) return;
    var active = document.activeElement && document.activeElement.id;
    var open = Array.prototype.map.call(form.querySelectorAll("details"), function (d) { return d.open; });
    root.replaceWith(fresh);
    form = document.getElementById("search-form");
    Array.prototype.forEach.call(form.querySelectorAll("details"), function (d, i) { if (open[i]) d.open = true; });
    bind();
    if (active && document.getElementById(active)) {
      var el = document.getElementById(active);
      el.focus();
      if (el.setSelectionRange && el.type === "search") el.setSelectionRange(el.value.length, el.value.length);
    }
  }

  function load(url, push) {
    if (pending) pending.abort();
    pending = new AbortController();
    document.body.classList.add("searching");
    fetch(url, { signal: pending.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        swap(html);
        if (push) history.pushState({ url: url }, "", url);
      })
      .catch(function (e) { if (e.name !== "AbortError") window.location = url; })
      .finally(function () { document.body.classList.remove("searching"); });
  }

  function update(delay) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var qs = queryString();
      load(form.action + (qs ? "?" + qs : ""), true);
    }, delay);
  }

  function bind() {
    form.addEventListener("change", function (e) { if (e.target.id !== "q") update(0); });
    form.addEventListener("input", function (e) {
      if (e.target.id === "q" || e.target.id === "pay_min" || e.target.id === "near") update(300);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); update(0); });
  }

  window.addEventListener("popstate", function () { load(window.location.href, false); });
  bind();
})();

// Staff pages: print buttons, community list filtered by street, live session counts.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // The community and site lists show only what belongs to the chosen street.
  var street = document.getElementById("street");
  ["community", "site"].forEach(function (id) {
    var list = document.getElementById(id);
    if (!street || !list) { return; }
    var filter = function () {
      list.querySelectorAll("option[data-street]").forEach(function (option) {
        option.hidden = option.getAttribute("data-street") !== street.value;
      });
      var chosen = list.selectedOptions[0];
      if (chosen && chosen.hidden) { list.value = ""; }
    };
    street.addEventListener("change", filter);
    filter();
  });

  var live = document.querySelector("[data-progress-url]");
  if (live) {
    var refresh = function () {
      fetch(live.getAttribute("data-progress-url"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          live.querySelector("[data-live=completed]").textContent = data.completed;
          var percent = Math.min(100, Math.floor(data.completed * 100 / data.expected / 5) * 5);
          live.querySelector("[data-live=bar]").className = "w-" + percent;
          Object.keys(data.by_band).forEach(function (band) {
            var cell = live.querySelector("[data-live-band='" + band + "']");
            if (cell) { cell.textContent = data.by_band[band]; }
          });
          live.querySelector("[data-live=overflow]").classList.toggle("hidden", !data.overflow);
          live.querySelector("[data-live=late]").textContent = data.arrived_after_close;
          live.querySelector("[data-live=late-box]").classList.toggle("hidden", !data.arrived_after_close);
          var paper = live.querySelector("[data-live=from-paper]");
          if (paper) { paper.textContent = data.from_paper; }
        })
        .catch(function () { /* offline for a moment: try again on the next tick */ });
    };
    setInterval(refresh, 5000);
  }
})();

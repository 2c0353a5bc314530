// Attendance for fifty people on one screen: a search box that filters the list, select all / clear for the
// people shown, and a live count against the seats. Without JavaScript the page still works: every person is
// listed and a button marks every invitee present.
(function () {
  "use strict";

  function setup(form) {
    var list = form.querySelector("[data-attendance-list]");
    var search = form.querySelector("[data-attendance-search]");
    var counter = form.querySelector("[data-present-count]");
    var over = form.querySelector("[data-over-capacity]");
    var noMatch = form.querySelector("[data-no-match]");
    var info = form.querySelector(".ws-counter");
    var people = list ? Array.prototype.slice.call(list.querySelectorAll(".ws-person")) : [];

    form.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
    form.querySelectorAll("[data-no-js]").forEach(function (el) { el.hidden = true; el.disabled = true; });

    function count() {
      var present = people.filter(function (p) { return p.querySelector("input[type=checkbox]").checked; }).length;
      if (counter) { counter.textContent = String(present); }
      if (over && info) {
        var seats = parseInt(info.getAttribute("data-capacity"), 10) || 0;
        var guests = parseInt(info.getAttribute("data-guests"), 10) || 0;
        over.hidden = present + guests <= seats;
      }
    }

    function filter() {
      var words = (search.value || "").toLowerCase().trim().split(/\s+/).filter(Boolean);
      var shown = 0;
      people.forEach(function (p) {
        var text = p.getAttribute("data-search") || "";
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        p.hidden = !match;
        shown += match ? 1 : 0;
      });
      if (noMatch) { noMatch.hidden = shown > 0; }
    }

    form.querySelectorAll("[data-select]").forEach(function (button) {
      button.addEventListener("click", function () {
        var value = button.getAttribute("data-select") === "all";
        people.forEach(function (p) {
          if (!p.hidden) { p.querySelector("input[type=checkbox]").checked = value; }
        });
        count();
      });
    });

    if (search) {
      search.addEventListener("input", filter);
      // Enter in the search box must not submit the attendance list.
      search.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); }
      });
    }
    form.addEventListener("change", count);
    count();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.ws-attendance").forEach(setup);
  });
})();

// Progressive enhancements; every page works without JavaScript.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// A filter box above a long list of check boxes: typing hides the people who do not match, ticks are kept.
document.addEventListener("input", function (event) {
  var box = event.target;
  var list = box.getAttribute("data-filters") && document.getElementById(box.getAttribute("data-filters"));
  if (!list) {
    return;
  }
  var wanted = box.value.trim().toLowerCase();
  list.querySelectorAll("li").forEach(function (item) {
    item.hidden = wanted !== "" && item.textContent.toLowerCase().indexOf(wanted) === -1;
  });
});

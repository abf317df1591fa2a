// Monthly form: Enter moves to the next field instead of sending the form; only the buttons send it
// (Enter on a focused button still presses it).
(function () {
  var form = document.getElementById("month-form");
  if (!form) return;
  var submitting = false;
  form.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key !== "Enter" || field.tagName !== "INPUT" || field.type === "submit") return;
    event.preventDefault();
    var fields = Array.prototype.filter.call(form.elements, function (element) {
      return !element.disabled && element.type !== "hidden" && element.tabIndex !== -1 && element.offsetParent !== null;
    });
    var next = fields[fields.indexOf(field) + 1];
    if (next) { next.focus(); if (next.select) next.select(); }
  });
  // A second click while the first request is on its way would send the month twice.
  form.addEventListener("submit", function (event) {
    if (submitting) { event.preventDefault(); return; }
    submitting = true;
  });
  // After a refused save, start at the first field that needs attention.
  var first = form.querySelector("input[aria-invalid=true]:not([disabled])") ||
    form.querySelector("input[type=text]:not([disabled])");
  if (first && !location.hash) first.focus();
})();

// Monthly form, by keyboard: Enter and ↓ move to the same column of the next row, ↑ to the previous row, Tab
// to the next field; Enter in the last row goes to the buttons. Only the buttons send the form (Enter on a
// focused button still presses it). "只填数值" hides the text columns and is remembered in this browser.
(function () {
  var form = document.getElementById("month-form");
  if (!form) return;
  var submitting = false;
  var COLUMNS = ["value", "note", "reason", "measures"];

  function usable(element) {
    return element && !element.disabled && element.type !== "hidden" && element.tabIndex !== -1 &&
      element.offsetParent !== null;
  }
  function go(element) {
    element.focus();
    if (element.select) element.select();
  }
  function columnOf(field) {
    var prefix = (field.name || "").split("_")[0];
    return COLUMNS.indexOf(prefix) === -1 ? null : prefix;
  }
  function nextField(field) {
    var fields = Array.prototype.filter.call(form.elements, usable);
    return fields[fields.indexOf(field) + 1];
  }

  form.addEventListener("keydown", function (event) {
    var field = event.target;
    if (field.tagName !== "INPUT" || field.type === "submit") return;
    var key = event.key;
    if (key !== "Enter" && key !== "ArrowDown" && key !== "ArrowUp") return;
    var column = field.type === "text" ? columnOf(field) : null;
    if (!column) {
      if (key === "Enter") { event.preventDefault(); var next = nextField(field); if (next) go(next); }
      return;
    }
    var rows = Array.prototype.slice.call(form.querySelectorAll("tr.entry-row"));
    var index = rows.indexOf(field.closest("tr.entry-row"));
    var step = key === "ArrowUp" ? -1 : 1;
    for (var i = index + step; i >= 0 && i < rows.length; i += step) {
      var target = rows[i].querySelector("input[name^='" + column + "_']");
      if (usable(target)) { event.preventDefault(); go(target); return; }
    }
    if (key === "Enter") {
      event.preventDefault();
      var button = form.querySelector(".entry-actions button");
      if (button) button.focus();
    }
  });

  var toggle = document.getElementById("values-only");
  if (toggle) {
    var remembered = false;
    try { remembered = window.localStorage.getItem("entry-values-only") === "1"; } catch (error) { /* private mode */ }
    function apply() { form.classList.toggle("values-only", toggle.checked); }
    // A refused save shows every column, so the row's 原因 or 下步措施 that is asked for is in sight.
    toggle.checked = remembered && !form.querySelector(".entry-row.has-error, .entry-row.has-warning");
    apply();
    toggle.addEventListener("change", function () {
      apply();
      try { window.localStorage.setItem("entry-values-only", toggle.checked ? "1" : "0"); } catch (error) { /* ignore */ }
    });
  }

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

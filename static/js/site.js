// Behaviour every page shares, here rather than in inline handlers (the Content-Security-Policy forbids them):
// a <select data-autosubmit> sends its form when changed; a button with data-print prints the page.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});

// Excel upload: sent with XMLHttpRequest to show real upload progress, then on to the server-built preview.
// Its messages come from the form's data-* attributes, translated in the template.
(function () {
  var form = document.getElementById("import-form");
  if (!form || !window.FormData) return;
  var bar = document.getElementById("import-progress");
  var text = document.getElementById("import-progress-text");
  var errorBox = document.getElementById("import-error");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action || location.href);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    bar.hidden = false; errorBox.hidden = true;
    request.upload.onprogress = function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.round(e.loaded / e.total * 100);
      bar.value = percent;
      text.textContent = form.dataset.uploaded + " " + percent + "%";
    };
    request.upload.onload = function () { text.textContent = form.dataset.checking; };
    request.onload = function () {
      var data = {};
      try { data = JSON.parse(request.responseText); } catch (e) { data = {error: form.dataset.unreadable}; }
      if (data.redirect) { location.href = data.redirect; return; }
      errorBox.textContent = data.error || form.dataset.failed;
      errorBox.hidden = false; bar.hidden = true; text.textContent = "";
    };
    request.onerror = function () {
      errorBox.textContent = form.dataset.network;
      errorBox.hidden = false; bar.hidden = true; text.textContent = "";
    };
    request.send(new FormData(form));
  });
})();

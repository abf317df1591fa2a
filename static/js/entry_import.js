// Excel 上传：用 XMLHttpRequest 发送，显示真实的上传进度；服务器检查完后跳到预览页。
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
      text.textContent = "已上传 " + percent + "%";
    };
    request.upload.onload = function () { text.textContent = "上传完成，正在检查…"; };
    request.onload = function () {
      var data = {};
      try { data = JSON.parse(request.responseText); } catch (e) { data = {error: "服务器返回了无法识别的结果，请重试。"}; }
      if (data.redirect) { location.href = data.redirect; return; }
      errorBox.textContent = data.error || "上传失败，请重试。";
      errorBox.hidden = false; bar.hidden = true; text.textContent = "";
    };
    request.onerror = function () {
      errorBox.textContent = "网络错误，上传失败，请重试。";
      errorBox.hidden = false; bar.hidden = true; text.textContent = "";
    };
    request.send(new FormData(form));
  });
})();

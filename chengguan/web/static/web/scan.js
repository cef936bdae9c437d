// 扫码入企 (JC-5): where the phone's browser has the BarcodeDetector API, the officer may scan the
// QR code of the 检查通知书 with the camera; everywhere else the code is typed. Progressive: the
// button stays hidden unless both the API and a camera are there, and the form works without it.
(function () {
  "use strict";
  var button = document.getElementById("scan-start");
  var input = document.getElementById("code-input");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var form = document.getElementById("code-form");
  if (!button || !input || !video || !form) return;
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  button.hidden = false;

  // The QR may hold the portal's check URL (…/portal/inspections/CODE) or the bare code.
  function codeOf(text) {
    var m = /inspections\/([0-9A-Za-z]{6,16})\/?(?:[?#].*)?$/.exec(text || "");
    return (m ? m[1] : (text || "")).replace(/\s+/g, "").toUpperCase().slice(0, 16);
  }

  button.addEventListener("click", function () {
    var detector;
    try {
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (e) {
      status.textContent = "本浏览器不支持扫码，请手工输入检查码";
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.hidden = false;
      video.srcObject = stream;
      video.play();
      status.textContent = "请将检查码对准摄像头";
      var stop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        video.hidden = true;
      };
      var tick = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            input.value = codeOf(codes[0].rawValue);
            status.textContent = "已识别检查码 " + input.value;
            stop();
            form.submit();
          } else {
            window.requestAnimationFrame(tick);
          }
        }).catch(function () { window.requestAnimationFrame(tick); });
      };
      tick();
    }).catch(function () {
      status.textContent = "无法打开摄像头，请手工输入检查码";
    });
  });
})();

// Small progressive enhancements: every page reads and works without them.
(function () {
  "use strict";

  var FONT_KEY = "portal-article-font-step";
  var FONT_STEPS = [0.875, 1, 1.0625, 1.2, 1.35, 1.5];
  var DEFAULT_STEP = 2;

  function storedStep() {
    try {
      var step = parseInt(window.localStorage.getItem(FONT_KEY), 10);
      return isNaN(step) ? DEFAULT_STEP : Math.min(Math.max(step, 0), FONT_STEPS.length - 1);
    } catch (error) {
      return DEFAULT_STEP;
    }
  }

  function applyStep(content, step) {
    content.style.setProperty("--article-font-size", FONT_STEPS[step] + "rem");
    try {
      window.localStorage.setItem(FONT_KEY, String(step));
    } catch (error) {
      // Private browsing may refuse storage: the size still applies to this page.
    }
  }

  function setUpArticleTools() {
    var tools = document.querySelector("[data-article-tools]");
    var content = document.querySelector("[data-article-content]");
    if (!tools || !content) {
      return;
    }
    var step = storedStep();
    if (step !== DEFAULT_STEP) {
      applyStep(content, step);
    }
    tools.querySelector("[data-print]").addEventListener("click", function () {
      window.print();
    });
    tools.querySelectorAll("[data-font-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        var change = parseInt(button.getAttribute("data-font-step"), 10);
        step = Math.min(Math.max(step + change, 0), FONT_STEPS.length - 1);
        applyStep(content, step);
      });
    });
    tools.hidden = false;
  }

  // "Lấy lại mã bảo mật": a new captcha for this form from our refresh
  // endpoint, without reloading the page. Without JavaScript (or when the
  // endpoint refuses) the same button submits the form, which comes back
  // with a new captcha, or the reason there is none, and the text kept.
  function setUpCaptchaRefresh(button) {
    var form = button.form;
    var key = form.querySelector("[data-captcha-key]");
    var started = form.querySelector("input[name=started]");
    var image = form.querySelector("[data-captcha-image]");
    var answer = button.parentNode.querySelector("input[type=text]");

    function reloadWithoutScript() {
      var flag = document.createElement("input");
      flag.type = "hidden";
      flag.name = button.name;
      flag.value = button.value;
      form.appendChild(flag);
      form.submit();
    }

    // Enter in a field must send the comment, not refresh the captcha.
    button.type = "button";
    button.addEventListener("click", function () {
      button.disabled = true;
      var url = button.getAttribute("data-captcha-refresh") +
        "?started=" + encodeURIComponent(started.value);
      window.fetch(url, {
        headers: { "X-Requested-With": "XMLHttpRequest" },
        credentials: "same-origin",
        cache: "no-store"
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("captcha refresh answered " + response.status);
          }
          return response.json();
        })
        .then(function (captcha) {
          key.value = captcha.key;
          started.value = captcha.started;
          image.src = captcha.image_url;
          answer.value = "";
          answer.focus();
          button.disabled = false;
        })
        .catch(reloadWithoutScript);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpArticleTools();
    document.querySelectorAll("[data-captcha-refresh]").forEach(setUpCaptchaRefresh);
  });
})();

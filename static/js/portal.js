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

  // The phone's menu scrolls sideways: it fades out on the side where more
  // sections wait, and opens at the current section.
  function setUpMenu() {
    var list = document.querySelector(".portal-menu-list");
    if (!list) {
      return;
    }
    function markMore() {
      var more = list.scrollLeft + list.clientWidth < list.scrollWidth - 1;
      list.toggleAttribute("data-more-right", more);
    }
    var current = list.querySelector("[aria-current]");
    if (current && list.scrollWidth > list.clientWidth) {
      var item = current.getBoundingClientRect();
      var box = list.getBoundingClientRect();
      list.scrollLeft += item.left - box.left - (list.clientWidth - item.width) / 2;
    }
    markMore();
    list.addEventListener("scroll", markMore, { passive: true });
    window.addEventListener("resize", markMore);
  }

  // Sharing: the phone's own share sheet (Zalo is in it where installed),
  // and copying the link, where the browser offers them. The Facebook link
  // works without any of this.
  function setUpSharing() {
    var share = document.querySelector("[data-share-url]");
    if (!share) {
      return;
    }
    var url = share.getAttribute("data-share-url");
    var status = share.querySelector("[data-share-status]");
    var sheet = share.querySelector("[data-share]");
    if (navigator.share) {
      sheet.hidden = false;
      sheet.addEventListener("click", function () {
        navigator.share({ title: share.getAttribute("data-share-title"), url: url }).catch(function () {});
      });
    }
    var copy = share.querySelector("[data-copy-link]");
    if (navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = "Đã sao chép liên kết bài viết.";
        }, function () {
          status.textContent = "Không sao chép được, hãy sao chép địa chỉ trên thanh trình duyệt.";
        });
      });
    }
  }

  // The comment form. The page every reader shares holds no CSRF token,
  // captcha or form token: they are fetched for the reader who starts to
  // write (focus in the form), once. Without JavaScript, or if the fetch
  // fails, the form's first submission brings the page back with them and
  // with everything typed.
  function setUpCommentForm(form) {
    var key = form.querySelector("[data-captcha-key]");
    var started = form.querySelector("input[name=started]");
    var slot = form.querySelector("[data-captcha-slot]");
    var button = form.querySelector("[data-captcha-refresh]");
    var answer = button.parentNode.querySelector("input[type=text]");
    var pending = null;

    function fetchJson(url) {
      return window.fetch(url, {
        headers: { "X-Requested-With": "XMLHttpRequest" },
        credentials: "same-origin",
        cache: "no-store"
      }).then(function (response) {
        if (!response.ok) {
          throw new Error(url + " answered " + response.status);
        }
        return response.json();
      });
    }

    function showCaptcha(captcha) {
      key.value = captcha.key;
      started.value = captcha.started;
      var image = slot.querySelector("img");
      if (!image) {
        image = document.createElement("img");
        image.width = 200;
        image.height = 64;
        image.alt = "Mã xác nhận: hình 5 chữ số";
        image.className = "captcha-image";
        image.setAttribute("data-captcha-image", "");
        slot.appendChild(image);
        var pendingNote = form.querySelector("[data-captcha-pending]");
        if (pendingNote) {
          pendingNote.remove();
        }
      }
      image.src = captcha.image_url;
      showAudio(captcha.audio_url);
    }

    // The same code spoken (comments/audio.py), when the server can speak.
    function showAudio(url) {
      var audio = form.querySelector("[data-captcha-audio]");
      if (!audio) {
        return;
      }
      audio.hidden = !url;
      if (url) {
        audio.querySelector("[data-captcha-audio-link]").href = url;
        var player = audio.querySelector("[data-captcha-audio-player]");
        player.src = url;
      }
    }

    function setToken(token) {
      var field = form.querySelector("input[name=csrfmiddlewaretoken]");
      if (!field) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = "csrfmiddlewaretoken";
        form.insertBefore(field, form.firstChild);
      }
      field.value = token;
    }

    function startSession() {
      if (key.value) {
        return Promise.resolve();
      }
      if (!pending) {
        pending = fetchJson(form.getAttribute("data-comment-session")).then(function (session) {
          setToken(session.csrf_token);
          showCaptcha(session);
        });
        pending.catch(function () {
          pending = null;  // the form still works: its submission brings the parts back
        });
      }
      return pending;
    }

    function submitWithout() {
      var flag = document.createElement("input");
      flag.type = "hidden";
      flag.name = button.name;
      flag.value = button.value;
      form.appendChild(flag);
      form.submit();
    }

    form.addEventListener("focusin", function () {
      startSession().catch(function () {});
    });

    // Enter in a field must send the comment, not refresh the captcha.
    button.type = "button";
    button.addEventListener("click", function () {
      button.disabled = true;
      var refreshed = key.value
        ? fetchJson(button.getAttribute("data-captcha-refresh") +
            "?started=" + encodeURIComponent(started.value)).then(showCaptcha)
        : startSession();
      refreshed
        .then(function () {
          answer.value = "";
          answer.focus();
          button.disabled = false;
        })
        .catch(submitWithout);
    });
  }

  // The answer to a comment (its errors, or the thanks) takes the focus.
  // After the load: going to the page's #viet-binh-luan moves the focus to
  // the page itself, and that undoes `autofocus`. Each error's link puts
  // the cursor in its field.
  function focusAnswer() {
    var answer = document.querySelector("[data-error-summary], .comment-form-section [role=status]");
    if (answer && document.activeElement === document.body) {
      answer.focus();
    }
    document.querySelectorAll("[data-error-field]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.getAttribute("data-error-field"));
        if (field) {
          event.preventDefault();
          field.focus();
        }
      });
    });
  }

  window.addEventListener("load", focusAnswer);

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    setUpArticleTools();
    setUpSharing();
    document.querySelectorAll("form[data-comment-session]").forEach(setUpCommentForm);
  });
})();

// The editors' keyboard, in the comments' queue and on a comment's page:
// j/k move, a approves, r then a digit rejects with a reason, z undoes,
// ? lists the keys. Every decision is also a plain form button: this only
// saves a reload and the mouse.
(function () {
  "use strict";

  var SWITCH_KEY = "newsroom-keys-on";
  var UNDO_KEY = "newsroom-last-decision";
  var MESSAGE_KEY = "newsroom-message";
  var CLAIM_RENEWAL_MS = 2 * 60 * 1000;

  var keys = document.querySelector("[data-newsroom-keys]");
  if (!keys) {
    return;
  }
  var announcer = keys.querySelector("[data-announce]");
  var reasonDialog = keys.querySelector("[data-reason-dialog]");
  var helpDialog = keys.querySelector("[data-help-dialog]");
  var keysSwitch = keys.querySelector("[data-keys-switch]");
  var csrfField = document.querySelector("input[name=csrfmiddlewaretoken]");
  var loadedAtField = document.querySelector("input[name=trang_mo_luc]");
  var decisionForm = document.querySelector("[data-decision-form]");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#result_list tbody tr"));
  var current = -1;
  var chooseReason = null;

  function stored(name, fallback) {
    try {
      var value = window.sessionStorage.getItem(name);
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function store(name, value) {
    try {
      if (value === null) {
        window.sessionStorage.removeItem(name);
      } else {
        window.sessionStorage.setItem(name, value);
      }
    } catch (error) {
      // Storage refused (private browsing): the keys still work on this page.
    }
  }

  function keysOn() {
    try {
      return window.localStorage.getItem(SWITCH_KEY) !== "0";
    } catch (error) {
      return true;
    }
  }

  function say(text, level) {
    announcer.textContent = text;
    announcer.className = "newsroom-message newsroom-" + (level || "info");
  }

  function post(url, fields) {
    var body = new URLSearchParams();
    body.append("csrfmiddlewaretoken", csrfField.value);
    Object.keys(fields).forEach(function (name) {
      body.append(name, fields[name]);
    });
    return window
      .fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        return response.json().then(function (data) {
          data.ok = response.ok;
          return data;
        });
      })
      .catch(function () {
        return { ok: false, level: "error", message: "Không gửi được: hãy kiểm tra kết nối rồi thử lại." };
      });
  }

  function rememberUndo(data, title) {
    store(UNDO_KEY, data.ok && data.undo_url ? JSON.stringify({ url: data.undo_url, title: title }) : null);
  }

  // The reason chooser: r opens it, a digit picks a reason; "Khác" asks for a note.
  var reasonForm = reasonDialog.querySelector("[data-reason-form]");
  var reasonNote = reasonDialog.querySelector("[data-reason-note]");
  var reasonError = reasonDialog.querySelector("[data-reason-error]");

  function openReasons(title, then) {
    reasonForm.reset();
    reasonError.hidden = true;
    reasonDialog.querySelector("[data-reason-title]").textContent = title;
    chooseReason = then;
    reasonDialog.showModal();
    reasonDialog.querySelector("input[type=radio]").focus();
  }

  function submitReason() {
    var checked = reasonForm.querySelector("input[type=radio]:checked");
    var note = reasonNote.value.trim();
    if (!checked) {
      reasonError.textContent = "Hãy chọn lý do từ chối.";
      reasonError.hidden = false;
      return;
    }
    if (checked.value === "other" && !note) {
      reasonError.textContent = "Lý do “Khác”: hãy ghi rõ lý do vào ô ghi chú.";
      reasonError.hidden = false;
      reasonNote.focus();
      return;
    }
    reasonDialog.close();
    if (chooseReason) {
      chooseReason(checked.value, note);
    }
  }

  reasonForm.addEventListener("submit", function (event) {
    event.preventDefault();
    submitReason();
  });
  reasonDialog.addEventListener("keydown", function (event) {
    if (event.target === reasonNote || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var radio = reasonDialog.querySelector('[data-reason-key="' + event.key + '"]');
    if (!radio) {
      return;
    }
    event.preventDefault();
    radio.checked = true;
    if (radio.value === "other") {
      reasonNote.focus();
    } else {
      submitReason();
    }
  });
  Array.prototype.forEach.call(keys.querySelectorAll("[data-dialog-close]"), function (button) {
    button.addEventListener("click", function () {
      button.closest("dialog").close();
    });
  });
  keys.querySelector("[data-keys-help-open]").addEventListener("click", function () {
    helpDialog.showModal();
  });

  // The queue: a current row, decided in place.
  function select(index) {
    if (!rows.length) {
      return;
    }
    index = Math.max(0, Math.min(index, rows.length - 1));
    if (rows[current]) {
      rows[current].classList.remove("is-current");
      rows[current].removeAttribute("aria-current");
    }
    current = index;
    var row = rows[current];
    row.classList.add("is-current");
    row.setAttribute("aria-current", "true");
    var link = row.querySelector("th a, td a");
    if (link) {
      link.focus({ preventScroll: true });
    }
    row.scrollIntoView({ block: "nearest" });
  }

  function rowTitle(row) {
    var link = row.querySelector(".field-title_marked a");
    return link ? link.textContent.trim() : "";
  }

  function showStatus(row, data) {
    var cell = row.querySelector(".field-status");
    if (cell && data.status_label) {
      cell.textContent = data.status_label;
    }
  }

  // One decision at a time: a key pressed twice before the answer comes
  // must not decide a row twice or skip the next one.
  var busy = false;

  function decideRow(row, buttonName, extra) {
    if (busy) {
      return;
    }
    var button = row.querySelector(".row-decision button[name=" + buttonName + "]");
    if (!button) {
      say("Bình luận “" + rowTitle(row) + "” đã có quyết định này.", "info");
      return;
    }
    var fields = { trang_mo_luc: loadedAtField ? loadedAtField.value : "" };
    fields[buttonName] = "";
    Object.keys(extra || {}).forEach(function (name) {
      fields[name] = extra[name];
    });
    busy = true;
    post(button.getAttribute("formaction"), fields).then(function (data) {
      busy = false;
      say(data.message, data.level);
      showStatus(row, data);
      rememberUndo(data, rowTitle(row));
      if (data.ok) {
        row.classList.add("is-decided");
        Array.prototype.forEach.call(row.querySelectorAll(".row-decision button"), function (other) {
          other.disabled = true;
        });
        row.dataset.undoUrl = data.undo_url;
        select(rows.indexOf(row) + 1);
      }
    });
  }

  // Past the last row: the same list again when rows were decided here (what
  // is left moves up), else the list's next page.
  function nextBatch() {
    if (document.querySelector("#result_list tr.is-decided")) {
      say("Đang tải các bình luận tiếp theo…", "info");
      window.location.assign(window.location.href);
      return;
    }
    var here = document.querySelector(".paginator .this-page");
    var next = here && here.nextElementSibling;
    if (next && next.tagName === "A") {
      window.location.assign(next.href);
    } else {
      say("Đã hết danh sách.", "info");
    }
  }

  function rejectRow(row) {
    openReasons(rowTitle(row), function (reason, note) {
      decideRow(row, "_reject", { ly_do: reason, ghi_chu: note });
    });
  }

  function undo() {
    var last = JSON.parse(stored(UNDO_KEY, "null"));
    if (!last) {
      say("Chưa có quyết định nào để hoàn tác.", "info");
      return;
    }
    post(last.url, {}).then(function (data) {
      say(data.message, data.level);
      store(UNDO_KEY, null);
      var row = rows.filter(function (candidate) {
        return candidate.dataset.undoUrl === last.url;
      })[0];
      if (row && data.ok) {
        showStatus(row, data);
        row.classList.remove("is-decided");
        Array.prototype.forEach.call(row.querySelectorAll(".row-decision button"), function (button) {
          button.disabled = false;
        });
        select(rows.indexOf(row));
      } else if (data.ok && !rows.length) {
        window.location.assign(last.url.replace(/hoan-tac\/$/, "change/"));
      }
    });
  }

  rows.forEach(function (row) {
    Array.prototype.forEach.call(row.querySelectorAll(".row-decision button"), function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        select(rows.indexOf(row));
        if (button.name === "_reject") {
          rejectRow(row);
        } else {
          decideRow(row, button.name);
        }
      });
    });
  });

  // A comment's page: the same keys drive its own buttons.
  function decidePage(buttonName, extra) {
    var button = decisionForm.querySelector("[name=" + buttonName + "]");
    if (!button) {
      say("Bình luận này đã có quyết định đó.", "info");
      return;
    }
    var fields = { trang_thai_da_xem: decisionForm.querySelector("[name=trang_thai_da_xem]").value };
    fields[buttonName] = "";
    Object.keys(extra || {}).forEach(function (name) {
      fields[name] = extra[name];
    });
    var title = document.querySelector(".field-title .readonly");
    post(button.getAttribute("formaction"), fields).then(function (data) {
      rememberUndo(data, title ? title.textContent.trim() : "");
      if (data.ok && data.next_url) {
        store(MESSAGE_KEY, data.message);
        window.location.assign(data.next_url);
      } else {
        say(data.message, data.level);
      }
    });
  }

  function follow(selector) {
    var link = document.querySelector(selector);
    if (link) {
      window.location.assign(link.href);
    }
  }

  function isTyping(target) {
    var tag = target.tagName;
    if (target.isContentEditable || tag === "TEXTAREA" || tag === "SELECT") {
      return true;
    }
    return tag === "INPUT" && ["checkbox", "radio", "button", "submit", "reset"].indexOf(target.type) < 0;
  }

  var onQueue = rows.length > 0;
  var actions = {
    j: function () {
      if (onQueue && current === rows.length - 1) {
        nextBatch();
      } else if (onQueue) {
        select(current + 1);
      } else {
        follow("[data-key-next]");
      }
    },
    k: function () {
      if (onQueue) {
        select(current - 1);
      } else {
        follow("[data-key-list]");
      }
    },
    a: function () {
      if (onQueue) {
        decideRow(rows[Math.max(current, 0)], "_approve");
      } else if (decisionForm) {
        decidePage("_approve");
      }
    },
    r: function () {
      if (onQueue) {
        rejectRow(rows[Math.max(current, 0)]);
      } else if (decisionForm) {
        var title = document.querySelector(".field-title .readonly");
        openReasons(title ? title.textContent.trim() : "", function (reason, note) {
          decidePage("_reject", { ly_do: reason, ghi_chu: note });
        });
      }
    },
    o: function () {
      var link = rows[current] && rows[current].querySelector(".field-title_marked a");
      if (link) {
        window.location.assign(link.href);
      }
    },
    z: undo,
    "?": function () {
      helpDialog.showModal();
    },
  };

  document.addEventListener("keydown", function (event) {
    if (!keysOn() || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    if (isTyping(event.target) || document.querySelector("dialog[open]")) {
      return;
    }
    var action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  keysSwitch.checked = keysOn();
  keysSwitch.addEventListener("change", function () {
    try {
      window.localStorage.setItem(SWITCH_KEY, keysSwitch.checked ? "1" : "0");
    } catch (error) {
      // Not stored: the switch holds for this page.
    }
    say(keysSwitch.checked ? "Đã bật phím tắt." : "Đã tắt phím tắt.", "info");
  });
  keys.hidden = false;
  var carried = stored(MESSAGE_KEY, null);
  if (carried) {
    store(MESSAGE_KEY, null);
    say(carried, "success");
  }

  // While a comment's page stays open, the editor's claim on it is renewed.
  if (decisionForm && decisionForm.dataset.claimUrl) {
    var notice = document.querySelector("[data-claim-notice]");
    window.setInterval(function () {
      if (document.visibilityState !== "visible") {
        return;
      }
      post(decisionForm.dataset.claimUrl, {}).then(function (data) {
        if (notice && data.claimed_by) {
          notice.textContent = data.claimed_by + ".";
          notice.hidden = false;
        }
      });
    }, CLAIM_RENEWAL_MS);
  }
})();

// The tablet's outbox: a finished survey waits here until the server confirms it, across dropped
// Wi-Fi and page reloads. Entries hold only what the server will store; each is removed the
// moment the server answers 200/201, or when the server says it can never be accepted.
(function () {
  "use strict";
  var KEY = "mmc-outbox";
  var FINAL = [400, 409, 410, 413, 422];  // retrying cannot help: drop
  var timer = null, busy = false, listeners = [];

  function load() {
    try { var list = JSON.parse(localStorage.getItem(KEY) || "[]"); return Array.isArray(list) ? list : []; }
    catch (e) { return []; }
  }
  function save(list) {
    if (list.length) { localStorage.setItem(KEY, JSON.stringify(list)); } else { localStorage.removeItem(KEY); }
    listeners.forEach(function (fn) { fn(list.length); });
  }
  function remove(id) { save(load().filter(function (e) { return e.id !== id; })); }

  function schedule(attempts) {
    if (timer) { clearTimeout(timer); }
    var delay = Math.min(60000, 1000 * Math.pow(2, Math.min(attempts, 6))) * (0.75 + Math.random() / 2);
    timer = setTimeout(flush, delay);
  }

  function send(entry) {
    return fetch(entry.url, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(entry.body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  // Send every waiting entry, oldest first; resolves with the result for each id sent now.
  function flush() {
    if (busy) { return Promise.resolve({}); }
    busy = true;
    var results = {}, list = load(), failed = 0;
    var chain = list.reduce(function (previous, entry) {
      return previous.then(function () {
        return send(entry).then(function (result) {
          results[entry.id] = result;
          if (result.status === 200 || result.status === 201 || FINAL.indexOf(result.status) >= 0) { remove(entry.id); }
          else { failed += 1; }
        }, function () { failed += 1; results[entry.id] = { status: 0 }; });
      });
    }, Promise.resolve());
    return chain.then(function () {
      busy = false;
      var left = load();
      if (left.length) {
        left.forEach(function (e) { e.attempts = (e.attempts || 0) + (failed ? 1 : 0); });
        save(left);
        schedule(left[0].attempts || 1);
      }
      return results;
    });
  }

  function add(id, url, body) {
    var list = load().filter(function (e) { return e.id !== id; });
    list.push({ id: id, url: url, body: body, attempts: 0 });
    save(list);
    return flush().then(function (results) { return results[id] || { status: 0 }; });
  }

  window.addEventListener("online", flush);
  window.MMCOutbox = {
    add: add, flush: flush, pending: function () { return load().length; },
    onChange: function (fn) { listeners.push(fn); }
  };

  var status = document.querySelector("[data-outbox-status]");
  if (status) {
    MMCOutbox.onChange(function (n) { status.textContent = n ? n + " …" : ""; });
  }
  if (load().length) { flush(); }
})();

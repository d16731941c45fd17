// The tablet's outbox: a finished survey waits here until the server has it, across dropped Wi-Fi,
// page reloads and closing time. Entries hold only what the server will store (and when the child
// started, which the server uses to tell a queued survey from a new one and never stores).
// An entry leaves only when the server says it has the survey: 200/201, or 409 (that id is stored).
// A closed session (410) keeps the entry and retries slowly, so extending the session gets it in;
// a refusal that retrying cannot change (400/413/422) keeps it too, held for the facilitator.
(function () {
  "use strict";
  var KEY = "mmc-outbox";
  var STORED = [200, 201, 409];
  var HELD = [400, 413, 422];
  var SLOW = 5 * 60 * 1000;
  var timer = null, busy = false, listeners = [];

  function load() {
    try { var list = JSON.parse(localStorage.getItem(KEY) || "[]"); return Array.isArray(list) ? list : []; }
    catch (e) { return []; }
  }
  function save(list) {
    if (list.length) { localStorage.setItem(KEY, JSON.stringify(list)); } else { localStorage.removeItem(KEY); }
    listeners.forEach(function (fn) { fn(list.length); });
  }
  function update(id, change) {
    save(load().map(function (e) { if (e.id === id) { change(e); } return e; }));
  }
  function remove(id) { save(load().filter(function (e) { return e.id !== id; })); }

  function schedule(attempts, slow) {
    if (timer) { clearTimeout(timer); }
    var delay = slow ? SLOW : Math.min(60000, 1000 * Math.pow(2, Math.min(attempts, 6)));
    timer = setTimeout(function () { flush(); }, delay * (0.75 + Math.random() / 2));
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

  // Send waiting entries, oldest first (held ones too when `all`); resolves with the result per id.
  function flush(all) {
    if (busy) { return Promise.resolve({}); }
    busy = true;
    var results = {}, failed = 0;
    var list = load().filter(function (e) { return all || !e.held; });
    var chain = list.reduce(function (previous, entry) {
      return previous.then(function () {
        return send(entry).then(function (result) {
          results[entry.id] = result;
          if (STORED.indexOf(result.status) >= 0) { remove(entry.id); return; }
          failed += 1;
          update(entry.id, function (e) {
            e.closed = result.status === 410;
            e.held = HELD.indexOf(result.status) >= 0 ? result.status : 0;
          });
        }, function () { failed += 1; results[entry.id] = { status: 0 }; });
      });
    }, Promise.resolve());
    return chain.then(function () {
      busy = false;
      var everything = load(), waiting = everything.filter(function (e) { return !e.held; });
      if (waiting.length) {
        if (failed) { waiting.forEach(function (e) { e.attempts = (e.attempts || 0) + 1; }); save(everything); }
        schedule(waiting[0].attempts || 1, waiting.every(function (e) { return e.closed; }));
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

  // What the facilitator sees behind the PIN: how many wait, how many because the session closed,
  // how many the server refused outright.
  function counts() {
    var list = load();
    return { waiting: list.length,
             closed: list.filter(function (e) { return e.closed; }).length,
             held: list.filter(function (e) { return e.held; }).length };
  }

  window.addEventListener("online", function () { flush(); });
  window.MMCOutbox = {
    add: add, flush: flush, counts: counts, pending: function () { return load().length; },
    onChange: function (fn) { listeners.push(fn); }
  };

  var status = document.querySelector("[data-outbox-status]");
  if (status) {
    MMCOutbox.onChange(function (n) { status.textContent = n ? n + " …" : ""; });
    if (load().length) { status.textContent = load().length + " …"; }
  }
  if (load().length) { flush(); }
})();

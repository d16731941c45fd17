// The child's survey on a shared tablet: one question per screen, read aloud, offline-safe.
// Answers live in this page's memory until sent; a reset reloads the page, so nothing of one
// child survives for the next (no history entries, no storage but the outbox of sent surveys).
(function () {
  "use strict";
  var app = document.getElementById("app");
  var data = JSON.parse(document.getElementById("survey-data").textContent);
  var IDLE = Number(app.dataset.idle) * 1000, RESET = Number(app.dataset.reset);
  var state = { lang: data.session.defaultLang === "en" ? "en" : "zh", phase: "welcome", band: null,
                answers: {}, practice: {}, index: 0, help: false };
  var idleTimer = null, timers = [];
  // The server's clock as this tablet keeps it (a tablet's own clock may be hours off). A page the
  // service worker kept from earlier carries an old server time: then the last measurement wins.
  var CLOCK = "mmc-clock";
  var pageTime = Date.parse(data.session.serverNow) || Date.now();
  var skew = pageTime - Date.now();
  function measured(serverTime) {
    try { localStorage.setItem(CLOCK, JSON.stringify({ skew: skew, at: serverTime })); } catch (e) { /* full */ }
  }
  try {
    var kept = JSON.parse(localStorage.getItem(CLOCK) || "null");
    if (kept && kept.at > pageTime) { skew = kept.skew; } else { measured(pageTime); }
  } catch (e) { measured(pageTime); }
  var facts = { closesAt: Date.parse(data.session.closesAt), state: "open" };

  // ---- small helpers -----------------------------------------------------------------------
  function t(key, n) {
    var text = data.strings[state.lang === "en" ? "en" : "zh"][key] || key;
    return n === undefined ? text : text.replace("%(n)s", n);
  }
  function loc(text) { return text ? (text[state.lang] || text.zh || "") : ""; }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "onclick") { node.addEventListener("click", attrs[k]); }
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  function icon(sprite, id, cls) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", cls || "icon");
    svg.setAttribute("aria-hidden", "true");
    var use = document.createElementNS("http://www.w3.org/2000/svg", "use");
    use.setAttribute("href", "#" + id);  // the sprites are inline in the page: icons survive a dropped Wi-Fi
    svg.appendChild(use);
    return svg;
  }
  function button(label, onclick, cls, iconNode) {
    return el("button", { type: "button", "class": cls || "big", onclick: onclick }, [iconNode, el("span", { text: label })]);
  }
  function say(text) { if (window.MMCSpeech && MMCSpeech.available(state.lang) && text) { MMCSpeech.speak(text, state.lang); } }
  function listen(text, name) {
    if (!window.MMCSpeech || !MMCSpeech.available(state.lang) || !text) { return null; }
    return el("button", { type: "button", "class": "listen", "aria-label": name || t("listen"),
                          onclick: function (e) { e.stopPropagation(); MMCSpeech.speak(text, state.lang); } },
              [icon("faces", "speaker")]);
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16); crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // ---- which items are asked -------------------------------------------------------------------
  function band() { return data.bands.filter(function (b) { return b.id === state.band; })[0]; }
  function relevant(item) { return !item.relevant || MMCRules.evaluate(item.relevant, state.answers, state.band); }
  function asked() { return band().items.filter(relevant); }
  function current() { return asked()[state.index]; }
  function prune() {  // answers to items that are no longer asked are never sent
    var codes = asked().map(function (i) { return i.code; });
    Object.keys(state.answers).forEach(function (c) { if (codes.indexOf(c) < 0) { delete state.answers[c]; } });
  }

  // ---- navigation --------------------------------------------------------------------------
  function go(phase) { state.phase = phase; MMCSpeech && MMCSpeech.stop(); render(); }
  function serverNow() { return Date.now() + skew; }
  // At closing time the tablet starts no new child; a child already answering may finish and send.
  function isClosed() { return facts.state !== "open" || serverNow() >= facts.closesAt; }
  function start() {
    if (isClosed()) { go("welcome"); return; }
    state.started = new Date(Math.floor(serverNow() / 60000) * 60000).toISOString();  // to the minute
    if (data.bands.length === 1) { state.band = data.bands[0].id; go("assent"); } else { go("age"); }
  }
  // Between children, ask the server whether the session is still open (an adult may have closed
  // or extended it); offline, the closing time the page came with still holds.
  function refreshFacts() {
    if (!window.fetch) { return; }
    fetch(data.session.stateUrl, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (f) {
        if (!f) { return; }
        learn(f);
        renderIfClosingChanged();
      }, function () {});
  }
  function learn(f) {
    if (f.serverNow) { skew = Date.parse(f.serverNow) - Date.now(); measured(Date.parse(f.serverNow)); }
    facts.closesAt = Date.parse(f.closesAt) || facts.closesAt;
    facts.state = f.locked === false ? "relock" : (f.state || facts.state);
  }
  function next() {
    prune();
    var wasPractice = current() && current().practice;
    if (state.index + 1 < asked().length) {
      state.index += 1;
      go(wasPractice && !current().practice ? "practiceDone" : "item");
    } else { go("done"); }
  }
  function back() {
    if (state.phase === "done") { state.index = asked().length - 1; go("item"); return; }
    if (state.index > 0) { state.index -= 1; go("item"); } else { go("assent"); }
  }
  function store(item, value) {
    var target = item.practice ? state.practice : state.answers;
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) { delete target[item.code]; }
    else { target[item.code] = value; }
  }
  function answerOf(item) { return (item.practice ? state.practice : state.answers)[item.code]; }

  function send() {
    prune();
    var id = uuid(), body = { submission_id: id, band: state.band, answers: state.answers, started: state.started };
    var wroteText = asked().some(function (i) { return i.type === "text" && typeof state.answers[i.code] === "string" && state.answers[i.code].charAt(0) !== "_"; });
    state.answers = {};
    go("sending");
    MMCOutbox.add(id, data.session.submitUrl, body).then(function (result) {
      state.queued = !(result.status === 200 || result.status === 201);
      state.help = (result.data && result.data.help) || (state.queued && wroteText);
      go("thanks");
    });
  }
  // Every countdown goes through here, so a reset can stop them all.
  function every(ms, fn) { var id = setInterval(fn, ms); timers.push(id); return id; }
  // The next child starts in memory: a reload would need the network (pages are never cached) and
  // would strand the tablet on an error page while the Wi-Fi is down.
  function reset() {
    if (window.MMCSpeech) { MMCSpeech.stop(); }
    timers.forEach(clearInterval); timers = [];
    if (idleTimer) { clearTimeout(idleTimer); idleTimer = null; }
    document.querySelectorAll(".overlay").forEach(function (o) { o.remove(); });
    app.removeAttribute("aria-hidden"); app.classList.remove("hidden-behind");
    state.lang = data.session.defaultLang === "en" ? "en" : "zh";
    state.band = null; state.answers = {}; state.practice = {}; state.index = 0;
    state.help = false; state.queued = false; state.returnTo = null; state.started = null;
    document.documentElement.lang = state.lang === "en" ? "en" : "zh-Hans";
    go("welcome");
    MMCOutbox.flush();
    refreshFacts();
  }

  // ---- idle: after a while without a touch, ask, then start again for the next child --------
  function touched() {
    if (idleTimer) { clearTimeout(idleTimer); }
    if (state.phase !== "welcome") { idleTimer = setTimeout(idle, IDLE); }
  }
  function idle() {
    var left = 30, overlay = el("div", { "class": "overlay", role: "alertdialog", "aria-modal": "true",
                                         "aria-labelledby": "idle-title", "aria-describedby": "idle-text" });
    var text = el("p", { id: "idle-text", text: t("idleText", left) });
    var words = t("idleTitle") + " " + t("idleText", left);
    overlay.appendChild(el("div", { "class": "card center" }, [
      el("div", { "class": "question-row" }, [el("h2", { id: "idle-title", text: t("idleTitle") }), listen(words)]), text]));
    // The screen behind is hidden (a child's typed words must not stay readable for the next one).
    app.setAttribute("aria-hidden", "true");
    app.classList.add("hidden-behind");
    document.body.appendChild(overlay);
    say(words);  // a child who cannot read hears that the survey is about to start again
    var tick = every(1000, function () {
      left -= 1; text.textContent = t("idleText", left);
      if (left <= 0) { reset(); }
    });
    overlay.addEventListener("pointerdown", function (e) {
      if (e.target.closest && e.target.closest(".listen")) { return; }  // listening is not "I'm still here" yet
      clearInterval(tick); overlay.remove(); app.removeAttribute("aria-hidden"); app.classList.remove("hidden-behind"); touched();
    });
  }
  document.addEventListener("pointerdown", touched, true);
  document.addEventListener("keydown", touched, true);
  window.addEventListener("pageshow", function (e) { if (e.persisted) { reset(); } });  // never restore a child

  window.MMCKiosk = { state: state, data: data, t: t, loc: loc, el: el, icon: icon, button: button, listen: listen, say: say,
                      band: band, asked: asked, current: current, answerOf: answerOf, store: store,
                      go: go, start: start, next: next, back: back, send: send, reset: reset, touched: touched,
                      every: every, isClosed: isClosed, learn: learn };

  var shownClosed = null;  // what the welcome screen last showed: open (Start) or closed
  function render() {
    if (state.phase === "welcome") { shownClosed = isClosed(); }
    window.MMCScreens.render(app);
  }
  // Redraw the welcome screen only when it must change, so an adult's finger is never under a
  // button that is being replaced.
  function renderIfClosingChanged() { if (state.phase === "welcome" && isClosed() !== shownClosed) { render(); } }
  // On the welcome screen, notice closing time (and an extension) without a touch.
  setInterval(function () { if (state.phase === "welcome") { refreshFacts(); renderIfClosingChanged(); } }, 60000);
  window.MMCScreens.boot(app);

  // Offline reloads: a service worker keeps this page and its files (secure contexts only: HTTPS or
  // localhost). The page is kept now too, since it loaded before the worker existed.
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(data.session.workerUrl, { scope: data.session.workerScope }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      return caches.open("mmc-pages").then(function (cache) { return cache.add(location.pathname); });
    }).catch(function () { /* no worker: the survey still runs; only an offline reload cannot */ });
  }
})();

// The child's screens: welcome, age, assent, one question, finish, thanks. Built with DOM calls
// (textContent only), so nothing from a definition is ever interpreted as HTML.
(function () {
  "use strict";
  var K = null;

  function header() {
    var s = K.state, items = s.phase === "item" ? K.asked() : [];
    var langButton = K.el("button", { type: "button", "class": "lang", lang: s.lang === "en" ? "zh-Hans" : "en",
      onclick: function () { s.lang = s.lang === "en" ? "zh" : "en"; document.documentElement.lang = s.lang === "en" ? "en" : "zh-Hans"; K.go(s.phase); },
      text: s.lang === "en" ? "中文" : "English" });
    var bar = null;
    if (s.phase === "item" && !K.current().practice) {
      var real = items.filter(function (i) { return !i.practice; }), position = real.indexOf(K.current()) + 1;
      bar = K.el("div", { "class": "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": real.length,
                          "aria-valuenow": position, "aria-label": K.t("question").replace("%(n)s", position).replace("%(total)s", real.length) },
                 [K.el("span", { "class": "w-" + Math.round(position * 20 / real.length) * 5 })]);
    }
    var stop = ["item", "done"].indexOf(s.phase) >= 0 ? K.button(K.t("stop"), function () { s.returnTo = s.phase; K.go("stop"); }, "small ghost", K.icon("faces", "stop")) : null;
    return K.el("header", { "class": "bar" }, [langButton, bar, stop]);
  }

  // Everything a child acts on can be heard: the title's speaker also reads the screen's
  // instructions (elements marked data-say), and the buttons row has its own speaker.
  function spoken(first, body) {
    var parts = [first];
    (body || []).forEach(function (node) {
      if (!node || !node.querySelectorAll) { return; }
      var marked = Array.prototype.slice.call(node.querySelectorAll("[data-say]"));
      if (node.hasAttribute("data-say")) { marked.unshift(node); }
      marked.forEach(function (m) { if (parts.indexOf(m.textContent) < 0) { parts.push(m.textContent); } });
    });
    return parts.join(" ");
  }
  function buttonsSpeaker(actions) {
    var labels = (actions || []).filter(Boolean).map(function (b) { return b.textContent; });
    if (!labels.length) { return null; }
    return K.listen(K.t("youCanTap", labels.join(K.state.lang === "en" ? ", " : "、")), K.t("listenButtons"));
  }
  function screen(title, body, actions, speakText) {
    var row = (actions || []).slice();
    var speaker = buttonsSpeaker(row);
    return K.el("section", { "class": "screen" }, [
      K.el("div", { "class": "question-row" }, [K.el("h1", { text: title, id: "question" }),
                                                 K.listen(spoken(speakText || title, body))]),
    ].concat(body || []).concat([K.el("div", { "class": "actions" + (speaker ? " has-listen" : "") },
                                      speaker ? [speaker].concat(row) : row)]));
  }

  var phases = {
    welcome: function () {
      if (K.isClosed()) {  // closing time: no new child starts; the adult can still reach the tablet
        return screen(K.t("closedTitle"), [K.el("p", { "class": "lead", "data-say": "1", text: K.t("closedText") }), facilitatorControl()],
                      [], K.t("closedTitle") + " " + K.t("closedText"));
      }
      return screen(K.loc(K.data.title), [K.el("p", { "class": "lead", "data-say": "1", text: K.t("welcome") }), facilitatorControl()],
                    [K.button(K.t("start"), K.start, "big primary", K.icon("faces", "next"))], K.t("welcome"));
    },
    age: function () {
      var ages = [];
      K.data.bands.forEach(function (b) { for (var a = b.minAge; a <= b.maxAge; a++) { ages.push([a, b.id]); } });
      var grid = K.el("div", { "class": "age-grid" }, ages.map(function (pair) {
        return K.el("button", { type: "button", "class": "big age", text: String(pair[0]),
                                onclick: function () { K.state.band = pair[1]; K.go("assent"); } });
      }));
      return screen(K.t("howOld"), [grid], [K.button(K.t("back"), function () { K.go("welcome"); }, "big", K.icon("faces", "back"))]);
    },
    assent: function () {
      var b = K.band();
      // A child who tapped the wrong age goes back to the ages from here (with one band: to the start).
      var again = K.button(K.t("back"), function () { K.state.band = K.data.bands.length === 1 ? K.state.band : null;
                                                      K.go(K.data.bands.length === 1 ? "welcome" : "age"); },
                           "big", K.icon("faces", "back"));
      return screen(K.t("assentTitle"), [K.el("p", { "class": "lead assent", "data-say": "1", text: K.loc(b.assent) })], [
        again,
        K.button(K.t("notNow"), function () { K.go("notnow"); }, "big", K.icon("faces", "neutral")),
        K.button(K.t("agree"), function () { K.state.index = 0; K.go(K.asked().length ? "item" : "done"); }, "big primary", K.icon("faces", "happy"))]);
    },
    notnow: function () { return ending(K.t("notNowThanks"), false); },
    item: function () { return window.MMCItems.render(K.current()); },
    practiceDone: function () {
      return screen(K.t("practiceDone"), [], [K.button(K.t("next"), function () { K.go("item"); }, "big primary", K.icon("faces", "next"))]);
    },
    done: function () {
      return screen(K.t("doneTitle"), [K.el("p", { "class": "lead", "data-say": "1", text: K.t("doneText") })],
                    [K.button(K.t("back"), K.back, "big", K.icon("faces", "back")),
                     K.button(K.t("send"), K.send, "big primary", K.icon("faces", "check"))]);
    },
    stop: function () {
      var answered = Object.keys(K.state.answers).length > 0;
      return screen(K.t("stopTitle"), [], [
        answered ? K.button(K.t("stopSend"), K.send, "big primary", K.icon("faces", "check")) : null,
        K.button(K.t("stopDiscard"), K.reset, "big", K.icon("faces", "stop")),
        K.button(K.t("stopContinue"), function () { K.go(K.state.returnTo || "item"); }, "big")]);
    },
    sending: function () { return screen(K.t("sending"), [], []); },
    thanks: function () { return ending(K.state.queued ? K.t("queued") : K.t("thanks"), K.state.help); }
  };

  // After a disclosure the help stays until the child taps on: no countdown and no happy face.
  function ending(text, help) {
    var left = K.data.resetSeconds || 10;
    var counter = help ? null : K.el("p", { "class": "hint countdown", "aria-live": "polite", text: K.t("resetIn", left) });
    var body = help ? [] : [K.icon("faces", "happy", "big-face")];
    if (help) {
      body.push(K.el("div", { "class": "help-box", role: "note" }, [
        K.el("div", { "class": "question-row" }, [K.el("h2", { text: K.t("helpTitle") }),
                                                   K.listen(K.t("helpTitle") + " " + K.t("helpText"))]),
        K.el("p", { text: K.t("helpText") })]));
    }
    if (counter) {
      body.push(counter);
      K.every(1000, function () {
        left -= 1; counter.textContent = K.t("resetIn", left);
        if (left <= 0) { K.reset(); }
      });
    }
    return screen(text, body, [K.button(K.t("nextChild"), K.reset, "big primary", K.icon("faces", "next"))], text);
  }

  function render(app) {
    app.replaceChildren(header(), phases[K.state.phase]());
    app.dataset.phase = K.state.phase;
    var heading = app.querySelector("h1");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({ preventScroll: true }); }
    K.touched();
  }

  function boot(app) {
    K = window.MMCKiosk;
    K.data.resetSeconds = Number(app.dataset.reset);
    document.documentElement.lang = K.state.lang === "en" ? "en" : "zh-Hans";
    if (window.MMCSpeech) { MMCSpeech.onVoices(function () { render(app); }); }
    render(app);
  }

  function facilitatorControl() { return window.MMCFacilitator.control(); }

  window.MMCScreens = { render: render, boot: boot, screen: screen };
})();

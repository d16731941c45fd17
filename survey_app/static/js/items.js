// One question on one screen, by type. Single answers move on by themselves after a short pause
// (young children expect it); everything else has a Next button. Skip is always there.
(function () {
  "use strict";
  var K = null, ADVANCE_MS = 450;

  function choiceButton(item, choice, position, pressed, onpick) {
    var art = null;
    if (choice.face) { art = K.icon("faces", choice.face, "face"); }
    else if (choice.picture) { art = K.icon("pictures", choice.picture, "picture"); }
    else if (item.key === "circles") { art = K.el("span", { "class": "circle size" + (position + 1), "aria-hidden": "true" }); }
    var label = K.loc(choice.label), speaker = K.listen(label);
    var main = K.el("button", { type: "button", "class": "choice" + (art ? " with-art" : ""), "aria-pressed": pressed ? "true" : "false",
                                "data-code": choice.code, onclick: function () { onpick(choice.code); } },
                    [art, K.el("span", { "class": "choice-label", text: label })]);
    return K.el("div", { "class": "choice-wrap" + (speaker ? " has-listen" : "") }, [main, speaker]);
  }

  function pickOne(item) {
    return function (code) {
      K.store(item, code);
      K.go("item");
      setTimeout(function () { if (K.current() === item && K.state.phase === "item") { K.next(); } }, ADVANCE_MS);
    };
  }

  function togglePick(item, limit) {
    return function (code) {
      var chosen = (K.answerOf(item) || []).slice(), at = chosen.indexOf(code);
      var exclusive = item.choices.filter(function (c) { return c.exclusive; }).map(function (c) { return c.code; });
      if (!Array.isArray(chosen)) { chosen = []; }
      if (at >= 0) { chosen.splice(at, 1); }
      else if (exclusive.indexOf(code) >= 0) { chosen = [code]; }
      else {
        chosen = chosen.filter(function (c) { return exclusive.indexOf(c) < 0; });
        if (!limit || chosen.length < limit) { chosen.push(code); }
      }
      K.store(item, chosen);
      K.go("item");
    };
  }

  function choices(item, value, onpick, ranked) {
    var chosen = Array.isArray(value) ? value : [value];
    var cls = "choices" + (item.key === "faces" ? " faces n" + item.choices.length : "") + (item.key === "pictures" ? " pictures" : "") +
              (item.type === "scale" ? " scale" : "");
    return K.el("div", { "class": cls, role: "group", "aria-labelledby": "question" }, item.choices.map(function (c, position) {
      var wrap = choiceButton(item, c, position, chosen.indexOf(c.code) >= 0, onpick);
      if (ranked && chosen.indexOf(c.code) >= 0) { wrap.firstChild.insertBefore(K.el("span", { "class": "rank", text: String(chosen.indexOf(c.code) + 1) }), wrap.firstChild.firstChild); }
      return wrap;
    }));
  }

  function optouts(item, value) {
    if (!item.optouts) { return null; }
    return K.el("div", { "class": "optouts" }, item.optouts.map(function (code) {
      var art = K.icon("faces", code === "_dk" ? "thinking" : "no_answer", "face mini"), label = K.loc(K.data.optouts[code]);
      return K.el("div", { "class": "optout-wrap" }, [
        K.el("button", { type: "button", "class": "optout", "aria-pressed": value === code ? "true" : "false", "data-code": code,
                         onclick: function () { pickOne(item)(code); } }, [art, K.el("span", { text: label })]),
        K.listen(label)]);
    }));
  }

  function field(item, value) {
    if (item.type === "text") {
      var area = K.el("textarea", { maxlength: item.maxLength || 200, rows: 4, autocomplete: "off", spellcheck: "false",
                                    "aria-labelledby": "question", name: "a" + Math.random().toString(36).slice(2) });
      area.value = typeof value === "string" && value.charAt(0) !== "_" ? value : "";
      var left = K.el("p", { "class": "hint" });
      var update = function () { K.store(item, area.value.trim()); left.textContent = K.t("charactersLeft", (item.maxLength || 200) - area.value.length); };
      area.addEventListener("input", update); update();
      return K.el("div", { "class": "field" }, [K.el("p", { "class": "prompt", "data-say": "1", text: K.loc(item.prompt) }), area, left]);
    }
    if (item.type === "number") {
      var input = K.el("input", { type: "number", inputmode: "numeric", min: item.min, max: item.max, autocomplete: "off",
                                  "aria-labelledby": "question", placeholder: K.t("numberPlaceholder") });
      input.value = typeof value === "number" ? String(value) : "";
      input.addEventListener("input", function () { K.store(item, input.value === "" ? null : Number(input.value)); });
      return K.el("div", { "class": "field" }, [input]);
    }
    var select = K.el("select", { "aria-labelledby": "question", autocomplete: "off" },
      [K.el("option", { value: "", text: K.t("placeChoose") })].concat((item.places || []).map(function (p) {
        return K.el("option", { value: p.code, text: p.name, selected: value === p.code ? "selected" : null });
      })));
    select.addEventListener("change", function () { K.store(item, select.value); });
    return K.el("div", { "class": "field" }, [select]);
  }

  function valid(item) {
    var value = K.answerOf(item);
    if (value === undefined || typeof value === "string" && value.charAt(0) === "_") { return true; }
    if (item.type === "number") {
      if (isNaN(value) || (item.min !== undefined && value < item.min) || (item.max !== undefined && value > item.max)) { return false; }
      if (item.integer && Math.round(value) !== value) { return false; }
    }
    return !item.constraint || MMCRules.evaluate(item.constraint, K.state.answers, K.state.band, value);
  }

  function render(item) {
    K = window.MMCKiosk;
    var value = K.answerOf(item), body = [], single = ["scale", "single", "consent"].indexOf(item.type) >= 0;
    if (item.practice) { body.push(K.el("p", { "class": "practice", "data-say": "1", text: K.t("practice") })); }
    // The hint is read aloud too, unless the author's spoken text (readAloud) already says it.
    if (item.help) { body.push(K.el("p", { "class": "hint", "data-say": item.readAloud ? null : "1", text: K.loc(item.help) })); }
    if (single) { body.push(choices(item, value, pickOne(item))); }
    else if (item.type === "multiple") {
      if (item.max && !item.help) { body.push(K.el("p", { "class": "hint", "data-say": "1", text: K.t("chooseUpTo", item.max) })); }
      body.push(choices(item, value, togglePick(item, item.max)));
    } else if (item.type === "rank") {
      body.push(K.el("p", { "class": "hint", "data-say": "1", text: K.t("rankTop", item.top) }));
      body.push(choices(item, value, togglePick(item, item.top), true));
    } else if (item.type !== "note") { body.push(field(item, value)); }
    body.push(optouts(item, value));
    var error = K.el("p", { "class": "error", role: "alert" });
    body.push(error);
    var nextButton = K.button(K.t("next"), function () {
      if (!valid(item)) { error.textContent = K.loc(item.constraintMessage) || K.t("checkAnswer"); K.say(error.textContent); return; }
      K.next();
    }, "big primary", K.icon("faces", "next"));
    var skip = K.button(K.t("skip"), function () { K.store(item, null); K.next(); }, "big ghost", K.icon("faces", "skip"));
    return window.MMCScreens.screen(K.loc(item.text), body,
      [K.button(K.t("back"), K.back, "big", K.icon("faces", "back")), skip, nextButton], K.loc(item.readAloud) || K.loc(item.text));
  }

  window.MMCItems = { render: render };
})();

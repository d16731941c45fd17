// The facilitator's corner of the tablet: a small control that opens only on a long press (a child's
// tap does nothing but show a hint), then the PIN, then what this tablet still holds and its release.
// The PIN is checked by the server and throttled per tablet; it is kept only while the panel is open.
(function () {
  "use strict";
  var HOLD = 1500;

  function K() { return window.MMCKiosk; }

  function control() {
    var k = K(), timer = null;
    var hint = k.el("span", { "class": "facilitator-hint", "aria-live": "polite" });
    var button = k.el("button", { type: "button", "class": "release", "aria-describedby": "facilitator-hint" },
                      [k.el("span", { text: k.t("release") })]);
    hint.id = "facilitator-hint";
    function cancel() { if (timer) { clearTimeout(timer); timer = null; } button.classList.remove("holding"); }
    button.addEventListener("pointerdown", function (e) {
      e.preventDefault();
      button.classList.add("holding");
      timer = setTimeout(function () { cancel(); pinDialog(); }, HOLD);
    });
    ["pointerup", "pointerleave", "pointercancel"].forEach(function (name) {
      button.addEventListener(name, function () { if (timer) { hint.textContent = k.t("releaseHold"); } cancel(); });
    });
    button.addEventListener("contextmenu", function (e) { e.preventDefault(); });
    // A keyboard (an adult's, on a desktop) opens it directly: children on tablets have none.
    button.addEventListener("click", function (e) { if (e.detail === 0) { pinDialog(); } });
    return k.el("div", { "class": "facilitator-corner" }, [button, hint]);
  }

  function overlay(children, labelledBy) {
    var node = K().el("div", { "class": "overlay", role: "dialog", "aria-modal": "true", "aria-labelledby": labelledBy },
                      [K().el("div", { "class": "card center facilitator-panel" }, children)]);
    document.body.appendChild(node);
    return node;
  }

  function post(url, body) {
    return fetch(url, { method: "POST", credentials: "same-origin", cache: "no-store",
                        headers: { "Content-Type": "application/json", "Accept": "application/json" },
                        body: JSON.stringify(body) })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (d) { d.status = r.status; return d; }); });
  }

  function pinDialog() {
    var k = K();
    var pin = k.el("input", { type: "password", name: "pin", inputmode: "numeric", maxlength: "8", autocomplete: "off",
                              id: "facilitator-pin" });
    var message = k.el("p", { "class": "error", role: "alert" });
    var form = k.el("form", { "class": "kiosk-form" }, [
      k.el("label", { "for": "facilitator-pin", text: k.t("releasePin") }), pin, message,
      k.el("div", { "class": "actions" }, [
        k.el("button", { type: "submit", "class": "big primary", text: k.t("checkPin") }),
        k.el("button", { type: "button", "class": "big", text: k.t("cancel"), onclick: function () { box.remove(); } })])]);
    var box = overlay([k.el("h2", { id: "facilitator-title", text: k.t("facilitatorTitle") }), form], "facilitator-title");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      message.textContent = "";
      post(k.data.session.facilitatorUrl, { pin: pin.value }).then(function (answer) {
        if (answer.ok) { k.learn(answer); box.remove(); panel(pin.value, answer); }
        else { message.textContent = answer.error || k.t("wrongPin"); pin.value = ""; pin.focus(); }
      }, function () { message.textContent = k.t("offline"); });
    });
    pin.focus();
  }

  function panel(pinValue, facts) {
    var k = K(), c = MMCOutbox.counts();
    var lines = [k.el("h2", { id: "panel-title", text: k.t("facilitatorTitle") }),
                 k.el("p", { "class": "lead", text: c.waiting ? k.t("waiting", c.waiting) : k.t("waitingNone") })];
    if (c.waiting && (c.closed || facts.state !== "open")) { lines.push(k.el("p", { text: k.t("waitingClosed") })); }
    if (c.held) { lines.push(k.el("p", { "class": "error", text: k.t("waitingHeld", c.held) })); }
    var status = k.el("p", { "aria-live": "polite" });
    lines.push(status);
    var buttons = [];
    if (c.waiting) {
      buttons.push(k.el("button", { type: "button", "class": "big primary", text: k.t("sendNow"), onclick: function () {
        status.textContent = k.t("sending");
        MMCOutbox.flush(true).then(function () { box.remove(); panel(pinValue, facts); });
      } }));
    }
    if (!facts.locked && facts.state === "open") {  // a new PIN or a reopened session: lock this tablet again
      buttons.push(k.el("button", { type: "button", "class": "big primary", text: k.t("lockAgain"), onclick: function () {
        window.location.assign(k.data.session.unlockUrl);
      } }));
    }
    buttons.push(k.el("button", { type: "button", "class": "big", text: k.t("releaseTitle"), onclick: function () {
      post(k.data.session.releaseUrl, { pin: pinValue }).then(function (answer) {
        if (answer.ok) { window.location.replace(answer.next); } else { status.textContent = answer.error; }
      }, function () { status.textContent = k.t("offline"); });
    } }));
    buttons.push(k.el("button", { type: "button", "class": "big", text: k.t("cancel"), onclick: function () { box.remove(); } }));
    if (c.waiting) { lines.push(k.el("p", { "class": "hint", text: k.t("releaseKeeps") })); }
    lines.push(k.el("div", { "class": "actions" }, buttons));
    var box = overlay(lines, "panel-title");
  }

  window.MMCFacilitator = { control: control };
})();

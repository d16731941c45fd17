// Read aloud with the browser's own speech synthesis (no network). Where the device has no voice
// for a language, speaking is not offered in that language at all.
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var tags = { zh: "zh", en: "en" };
  var listeners = [];

  function voiceFor(lang) {
    if (!synth) { return null; }
    var prefix = tags[lang];
    var voices = synth.getVoices().filter(function (v) { return v.lang && v.lang.toLowerCase().indexOf(prefix) === 0; });
    var preferred = voices.filter(function (v) { return /zh-cn|zh_cn|en-gb|en-us/i.test(v.lang); });
    return preferred[0] || voices[0] || null;
  }

  function speak(text, lang) {
    var voice = voiceFor(lang);
    if (!voice || !text) { return; }
    synth.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    synth.speak(utterance);
  }

  if (synth && "onvoiceschanged" in synth) {
    synth.addEventListener("voiceschanged", function () { listeners.forEach(function (fn) { fn(); }); });
  }

  window.MMCSpeech = {
    available: function (lang) { return voiceFor(lang) !== null; },
    speak: speak,
    stop: function () { if (synth) { synth.cancel(); } },
    onVoices: function (fn) { listeners.push(fn); }
  };
})();

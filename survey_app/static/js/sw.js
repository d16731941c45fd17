// The kiosk's service worker (served as /k/sw.js, scope /k/): after a reload with no Wi-Fi the
// survey page, its scripts, styles and pictures still load, and the outbox keeps its surveys.
// The survey page is network-first (a fresh copy replaces the kept one whenever the server
// answers); it holds the questionnaire only, never a child's answers. Posts are never touched.
// VERSION and ASSETS are written above this by the server (kiosk/offline.py).
/* global VERSION, ASSETS */
"use strict";
var ASSET_CACHE = "mmc-assets-" + VERSION;
var PAGE_CACHE = "mmc-pages";
var SURVEY_PAGE = /^\/k\/[A-Za-z0-9]+\/$/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(ASSET_CACHE).then(function (cache) { return cache.addAll(ASSETS); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf("mmc-assets-") === 0 && key !== ASSET_CACHE; })
      .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function surveyPage(request, path) {
  return fetch(request).then(function (response) {
    return caches.open(PAGE_CACHE).then(function (cache) {
      // Keep only a real survey page; a redirect (to the PIN) or a closed page replaces nothing
      // but removes the kept copy, so a closed session does not come back offline.
      var keep = response.ok && !response.redirected && response.type === "basic";
      return (keep ? cache.put(path, response.clone()) : cache.delete(path)).then(function () { return response; });
    });
  }, function () {
    return caches.open(PAGE_CACHE).then(function (cache) { return cache.match(path); }).then(function (kept) {
      return kept || Response.error();
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (ASSETS.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(url.pathname).then(function (hit) { return hit || fetch(request); }));
  } else if (request.mode === "navigate" && SURVEY_PAGE.test(url.pathname)) {
    event.respondWith(surveyPage(request, url.pathname));
  }
});

// The offline verifier's service worker (docs/credentials.md#verifying), served as
// /verify/credential/offline.js: the network first, and when it is gone, the copy of the page and its
// files that the page put in the cache 'dancu-verifier'. It answers only GETs of this origin; a request
// it has no copy of fails as it would without it.
var CACHE = 'dancu-verifier';

self.addEventListener('install', function () {
    self.skipWaiting();
});

self.addEventListener('activate', function (event) {
    event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', function (event) {
    var request = event.request;
    if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
    var page = request.mode === 'navigate';
    event.respondWith(fetch(request).then(function (response) {
        if (page && response.ok) {
            var copy = response.clone();
            caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
        }
        return response;
    }).catch(function () {
        return caches.open(CACHE)
            .then(function (cache) { return cache.match(request, {ignoreSearch: page}); })
            .then(function (copy) { return copy || Response.error(); });
    }));
});

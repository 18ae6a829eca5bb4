// The offline verifier of /verify/credential (docs/credentials.md#verifying): the rules of the server's
// credentials.PresentationVerifier, run here with WebCrypto so that a verifier with no network still
// checks a presentation. The issuer's keys and every status list are kept in localStorage with the
// time they were fetched, fetched again whenever the page is online, and their age is shown.
(function () {
    'use strict';

    var KEYS = 'dancu-verifier-keys', LISTS = 'dancu-verifier-lists';
    var MAX_AGE = 10 * 60, SKEW = 60;
    var ORDER = ['TAMPERED', 'REVOKED', 'EXPIRED', 'STATUS_UNKNOWN', 'NOT_BOUND', 'VALID'];
    var OUTCOME = {
        WRONG_TYPE: 'TAMPERED', UNKNOWN_ISSUER_KEY: 'TAMPERED', ISSUER_SIGNATURE_INVALID: 'TAMPERED', UNKNOWN_ISSUER: 'TAMPERED',
        UNSUPPORTED_DIGEST: 'TAMPERED', DISCLOSURE_MALFORMED: 'TAMPERED', DISCLOSURE_REPEATED: 'TAMPERED',
        DISCLOSURE_NOT_SIGNED: 'TAMPERED', KEY_BINDING_UNEXPECTED: 'TAMPERED', KEY_BINDING_MISSING: 'TAMPERED',
        KEY_BINDING_MALFORMED: 'TAMPERED', KEY_BINDING_SIGNATURE_INVALID: 'TAMPERED', KEY_BINDING_SD_HASH: 'TAMPERED',
        KEY_BINDING_STALE: 'TAMPERED', KEY_BINDING_AUDIENCE: 'TAMPERED', STATUS_MISSING: 'TAMPERED',
        REVOKED: 'REVOKED', EXPIRED: 'EXPIRED', NOT_YET_VALID: 'EXPIRED', STATUS_UNKNOWN: 'STATUS_UNKNOWN', NOT_BOUND: 'NOT_BOUND'
    };
    var page, issuer;

    function message(code) {
        var known = document.querySelector('#verifier-messages [data-code="' + code + '"]');
        return known ? known.textContent : code;
    }

    // Times in the page's language (vi: 21:53 5/12/2026), not the browser's: the page says what it checked.
    function when(epochMillis) {
        var lang = document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN';
        return new Date(epochMillis).toLocaleString(lang, {timeZone: 'Asia/Ho_Chi_Minh'});
    }

    function claimLabel(name) {
        var known = document.querySelector('#verifier-messages [data-claim="' + name + '"]');
        return known ? known.textContent : name;
    }

    function bytes(b64url) {
        var base64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
        var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
        var out = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) {
            out[i] = binary.charCodeAt(i);
        }
        return out;
    }

    function json(b64url) {
        return JSON.parse(new TextDecoder().decode(bytes(b64url)));
    }

    function b64url(buffer) {
        var binary = '';
        new Uint8Array(buffer).forEach(function (b) { binary += String.fromCharCode(b); });
        return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    async function sha256(text) {
        return b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    }

    async function verifies(jwt, jwk) {
        try {
            var key = await crypto.subtle.importKey('jwk', {kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y},
                {name: 'ECDSA', namedCurve: 'P-256'}, false, ['verify']);
            var dot = jwt.lastIndexOf('.');
            return await crypto.subtle.verify({name: 'ECDSA', hash: 'SHA-256'}, key, bytes(jwt.substring(dot + 1)),
                new TextEncoder().encode(jwt.substring(0, dot)));
        } catch (e) {
            return false;
        }
    }

    function load(name) {
        try {
            return JSON.parse(localStorage.getItem(name)) || null;
        } catch (e) {
            return null;
        }
    }

    /** The platform's own address for an issuer URL: the page fetches from where it was loaded. */
    function local(uri) {
        return uri.indexOf(issuer) === 0 ? uri.substring(issuer.length) : null;
    }

    async function refresh() {
        if (!navigator.onLine) {
            showCache();
            return;
        }
        try {
            var meta = await (await fetch('/.well-known/jwt-vc-issuer', {cache: 'no-store'})).json();
            localStorage.setItem(KEYS, JSON.stringify({fetchedAt: Date.now(), jwks: meta.jwks}));
            var lists = load(LISTS) || {};
            var uris = (page.dataset.statusLists || '').split(' ').filter(Boolean).concat(Object.keys(lists));
            for (var uri of new Set(uris)) {
                var answer = await fetch(local(uri), {cache: 'no-store'});
                if (answer.ok) {
                    lists[uri] = {fetchedAt: Date.now(), token: await answer.text()};
                }
            }
            localStorage.setItem(LISTS, JSON.stringify(lists));
        } catch (offline) {
            // kept copies stay in use; their age is shown
        }
        showCache();
    }

    function age(at) {
        var minutes = Math.round((Date.now() - at) / 60000);
        return when(at) + ' (' + minutes + ' min)';
    }

    function showCache() {
        var keys = load(KEYS), lists = load(LISTS) || {};
        var oldest = Object.values(lists).reduce(function (min, l) { return Math.min(min, l.fetchedAt); }, Infinity);
        document.getElementById('cache-state').textContent = !keys ? message('NEVER_FETCHED')
            : message('CACHED').replace('{0}', age(keys.fetchedAt)).replace('{1}', oldest === Infinity ? '—' : age(oldest))
            + (navigator.onLine ? '' : ' · ' + message('OFFLINE'));
    }

    async function statusBits(uri, keys, now) {
        var kept = (load(LISTS) || {})[uri];
        if (!kept) {
            return null;
        }
        var parts = kept.token.split('.'), header = json(parts[0]), claims = json(parts[1]);
        var key = keys.find(function (k) { return k.kid === header.kid; });
        if (header.typ !== 'statuslist+jwt' || !key || !(await verifies(kept.token, key)) || claims.sub !== uri || claims.exp <= now) {
            return null;
        }
        var inflated = new Response(new Blob([bytes(claims.status_list.lst)]).stream().pipeThrough(new DecompressionStream('deflate')));
        return {bits: claims.status_list.bits, bytes: new Uint8Array(await inflated.arrayBuffer()), fetchedAt: kept.fetchedAt};
    }

    async function verify(presentation) {
        var text = presentation.trim();
        if (!/^[A-Za-z0-9_\-.~]+$/.test(text) || text.indexOf('~') < 0 || text.split('~')[0].split('.').length !== 3) {
            return {outcome: 'MALFORMED', reasons: [], disclosed: {}};
        }
        var pieces = text.split('~'), jwt = pieces[0], disclosures = pieces.slice(1, -1), kb = pieces[pieces.length - 1];
        var now = Math.floor(Date.now() / 1000), reasons = [], header, payload;
        try {
            header = json(jwt.split('.')[0]);
            payload = json(jwt.split('.')[1]);
        } catch (e) {
            return {outcome: 'MALFORMED', reasons: [], disclosed: {}};
        }
        var keys = ((load(KEYS) || {}).jwks || {}).keys || [];
        if (!keys.length) {
            return {outcome: 'STATUS_UNKNOWN', reasons: ['NO_KEYS'], disclosed: {}};
        }
        if (header.typ !== 'dc+sd-jwt') reasons.push('WRONG_TYPE');
        var key = keys.find(function (k) { return k.kid === header.kid; });
        if (header.alg !== 'ES256' || !key) reasons.push('UNKNOWN_ISSUER_KEY');
        else if (!(await verifies(jwt, key))) reasons.push('ISSUER_SIGNATURE_INVALID');
        if (payload.iss !== issuer || typeof payload.vct !== 'string' || payload.vct.indexOf(issuer + '/credentials/types/') !== 0) {
            reasons.push('UNKNOWN_ISSUER');
        }
        if (payload._sd_alg !== 'sha-256') reasons.push('UNSUPPORTED_DIGEST');
        var signed = new Set(payload._sd || []), seen = new Set(), disclosed = {};
        for (var d of disclosures) {
            var digest = await sha256(d), decoded = null;
            try { decoded = json(d); } catch (e) { decoded = null; }
            if (!Array.isArray(decoded) || decoded.length !== 3 || typeof decoded[1] !== 'string' || decoded[1].charAt(0) === '_'
                || decoded[1] === '...' || decoded[1] in payload) reasons.push('DISCLOSURE_MALFORMED');
            else if (seen.has(digest) || decoded[1] in disclosed) reasons.push('DISCLOSURE_REPEATED');
            else if (!signed.has(digest)) reasons.push('DISCLOSURE_NOT_SIGNED');
            else disclosed[decoded[1]] = decoded[2];
            seen.add(digest);
        }
        if (typeof payload.exp !== 'number' || payload.exp <= now) reasons.push('EXPIRED');
        if (typeof payload.nbf === 'number' && payload.nbf > now + SKEW) reasons.push('NOT_YET_VALID');
        var presentedAt = null;
        if (!payload.cnf) {
            reasons.push('NOT_BOUND');
            if (kb) reasons.push('KEY_BINDING_UNEXPECTED');
        } else if (!kb) {
            reasons.push('KEY_BINDING_MISSING');
        } else {
            presentedAt = await keyBinding(kb, payload.cnf.jwk, text.substring(0, text.length - kb.length), now, reasons);
        }
        var status = payload.status && payload.status.status_list;
        if (!status || typeof status.idx !== 'number' || typeof status.uri !== 'string') {
            reasons.push('STATUS_MISSING');
        } else {
            var list = await statusBits(status.uri, keys, now);
            var bit = list ? status.idx * list.bits : -1;
            if (!list || status.idx < 0 || bit / 8 >= list.bytes.length) reasons.push('STATUS_UNKNOWN');
            else if (((list.bytes[Math.floor(bit / 8)] >> (bit % 8)) & ((1 << list.bits) - 1)) !== 0) reasons.push('REVOKED');
        }
        var outcome = reasons.map(function (r) { return OUTCOME[r]; })
            .reduce(function (worst, o) { return ORDER.indexOf(o) < ORDER.indexOf(worst) ? o : worst; }, 'VALID');
        return {outcome: outcome, reasons: reasons, disclosed: outcome === 'TAMPERED' ? {} : disclosed,
            issuedAt: payload.iat, presentedAt: presentedAt};
    }

    async function keyBinding(kb, jwk, boundPart, now, reasons) {
        var header, claims;
        try {
            header = json(kb.split('.')[0]);
            claims = json(kb.split('.')[1]);
        } catch (e) {
            reasons.push('KEY_BINDING_MALFORMED');
            return null;
        }
        if (header.typ !== 'kb+jwt' || header.alg !== 'ES256' || !jwk || jwk.crv !== 'P-256' || kb.split('.').length !== 3) {
            reasons.push('KEY_BINDING_MALFORMED');
            return null;
        }
        if (!(await verifies(kb, jwk))) reasons.push('KEY_BINDING_SIGNATURE_INVALID');
        if (claims.sd_hash !== await sha256(boundPart)) reasons.push('KEY_BINDING_SD_HASH');
        if (typeof claims.iat !== 'number' || claims.iat > now + SKEW || claims.iat + MAX_AGE < now) reasons.push('KEY_BINDING_STALE');
        if (claims.aud !== 'offline') reasons.push('KEY_BINDING_AUDIENCE');
        return claims.iat;
    }

    /** A claim's value as the pages write it: yes or no, a day as dd/mm/yyyy, a gender in words. */
    function shown(value) {
        if (typeof value === 'boolean') {
            return message(value ? 'YES' : 'NO');
        }
        var day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
        if (day) {
            return day[3] + '/' + day[2] + '/' + day[1];
        }
        var known = document.querySelector('#verifier-messages [data-value="' + String(value).replace(/"/g, '') + '"]');
        return known ? known.textContent : String(value);
    }

    function show(result) {
        document.getElementById('verdict').hidden = false;
        var outcome = document.getElementById('outcome');
        outcome.textContent = message(result.outcome);
        outcome.dataset.outcome = result.outcome;
        var reasons = document.getElementById('reasons');
        reasons.replaceChildren.apply(reasons, result.reasons.filter(function (r) { return r !== result.outcome; }).map(function (r) {
            var li = document.createElement('li');
            li.textContent = message(r);
            li.dataset.code = r;
            return li;
        }));
        var list = document.getElementById('disclosed');
        list.replaceChildren();
        Object.keys(result.disclosed).forEach(function (name) {
            var dt = document.createElement('dt'), dd = document.createElement('dd');
            dt.textContent = claimLabel(name);
            var value = result.disclosed[name];
            dd.textContent = shown(value);
            dd.dataset.claim = name;
            list.append(dt, dd);
        });
        var times = [];
        if (result.issuedAt) times.push(message('ISSUED').replace('{0}', when(result.issuedAt * 1000)));
        if (result.presentedAt) times.push(message('PRESENTED_AT').replace('{0}', when(result.presentedAt * 1000)));
        document.getElementById('times').textContent = times.join(' · ');
        showCache();
    }

    async function check(presentation) {
        document.getElementById('presentation-in').value = presentation;
        show(await verify(presentation).catch(function () { return {outcome: 'MALFORMED', reasons: [], disclosed: {}}; }));
    }

    function scanner() {
        return new window.Html5Qrcode('reader');
    }

    // The page and every file it loaded go into the browser's cache, and a service worker answers from
    // it when the network is gone (/verify/credential/offline.js): the verifier opens again offline,
    // not only while this tab stays open. The keys and status lists are not in it: they stay in
    // localStorage with the time they were fetched, so the page never takes a cached list for a fresh one.
    function keepForOffline() {
        if (!('serviceWorker' in navigator) || !window.caches) return;
        navigator.serviceWorker.register('/verify/credential/offline.js', {scope: '/verify/credential'}).catch(function () {});
        var urls = [location.pathname + location.search].concat(performance.getEntriesByType('resource')
            .map(function (entry) { return entry.name; })
            .filter(function (url) { return url.indexOf(location.origin + '/') === 0 && /\/(js|css|webjars|images)\//.test(url); }));
        caches.open('dancu-verifier').then(function (cache) { return cache.addAll(urls); }).catch(function () {});
    }

    function start() {
        page = document.getElementById('verifier');
        issuer = page.dataset.issuer;
        if (navigator.onLine) keepForOffline();
        refresh();
        window.addEventListener('online', refresh);
        document.getElementById('refresh').addEventListener('click', refresh);
        document.getElementById('verify').addEventListener('click', function () {
            check(document.getElementById('presentation-in').value);
        });
        document.getElementById('image').addEventListener('change', async function (event) {
            var file = event.target.files[0];
            if (!file) return;
            if (!file.type.startsWith('image/')) {
                check(await file.text());
                return;
            }
            scanner().scanFile(file, false).then(check).catch(function () { show({outcome: 'MALFORMED', reasons: [], disclosed: {}}); });
        });
        document.getElementById('camera').addEventListener('click', function () {
            var camera = scanner();
            camera.start({facingMode: 'environment'}, {fps: 10, qrbox: 300}, function (decoded) {
                camera.stop();
                check(decoded);
            }).catch(function () { show({outcome: 'MALFORMED', reasons: ['CAMERA_FAILED'], disclosed: {}}); });
        });
    }

    // Opened by a link of a boosted page (htmx), the document is loaded already: start at once.
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();

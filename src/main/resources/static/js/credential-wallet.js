// The citizen's side of a credential (docs/credentials.md#holder-key): a holder key made by WebCrypto
// (ECDSA P-256, the private part not extractable) and kept in this browser's IndexedDB; its public part
// goes with the issue form, so the credential is bound to it. After issuance: the ticked claims'
// disclosures, a Key Binding JWT signed here (aud "offline", a fresh nonce, the time now), shown as a
// QR code the platform draws, as text and as a file. A static file: the pages allow no inline script.
(function () {
    'use strict';

    var DB = 'dancu-wallet', STORE = 'keys', HOLDER = 'holder';

    function text(code) {
        var known = document.querySelector('#wallet-messages [data-code="' + code + '"]');
        return known ? known.textContent : code;
    }

    function b64url(bytes) {
        var binary = '';
        new Uint8Array(bytes).forEach(function (b) { binary += String.fromCharCode(b); });
        return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function b64urlJson(value) {
        return b64url(new TextEncoder().encode(JSON.stringify(value)));
    }

    function store(mode) {
        return new Promise(function (resolve, reject) {
            var open = indexedDB.open(DB, 1);
            open.onupgradeneeded = function () { open.result.createObjectStore(STORE); };
            open.onerror = function () { reject(open.error); };
            open.onsuccess = function () { resolve(open.result.transaction(STORE, mode).objectStore(STORE)); };
        });
    }

    function request(r) {
        return new Promise(function (resolve, reject) {
            r.onsuccess = function () { resolve(r.result); };
            r.onerror = function () { reject(r.error); };
        });
    }

    /** The holder key pair, made once per browser; the private key cannot leave it. */
    async function holderKey() {
        var found = await request((await store('readonly')).get(HOLDER));
        if (found) {
            return found;
        }
        var pair = await crypto.subtle.generateKey({name: 'ECDSA', namedCurve: 'P-256'}, false, ['sign', 'verify']);
        await request((await store('readwrite')).put(pair, HOLDER));
        return pair;
    }

    async function publicJwk(pair) {
        var jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
        return {kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y};
    }

    async function prepareIssue() {
        var field = document.getElementById('holder-key');
        if (!field || !window.crypto || !crypto.subtle || !window.indexedDB) {
            return;
        }
        try {
            field.value = JSON.stringify(await publicJwk(await holderKey()));
            document.getElementById('holder-key-note').textContent = text('HOLDER_KEY');
        } catch (e) {
            field.value = '';
        }
    }

    async function keyBinding(boundPart) {
        var pair = await holderKey();
        var sdHash = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(boundPart)));
        var nonce = b64url(crypto.getRandomValues(new Uint8Array(16)));
        var input = b64urlJson({alg: 'ES256', typ: 'kb+jwt'}) + '.'
            + b64urlJson({iat: Math.floor(Date.now() / 1000), aud: 'offline', nonce: nonce, sd_hash: sdHash});
        var signature = await crypto.subtle.sign({name: 'ECDSA', hash: 'SHA-256'}, pair.privateKey, new TextEncoder().encode(input));
        return input + '.' + b64url(signature);
    }

    async function present(credential) {
        var error = document.getElementById('present-error');
        error.hidden = true;
        var disclosures = JSON.parse(credential.dataset.disclosures);
        var chosen = Array.prototype.map.call(credential.querySelectorAll('input[name=claim]:checked'), function (box) {
            return disclosures[box.value];
        });
        var jwt = credential.dataset.sdJwt.split('~')[0];
        var boundPart = jwt + '~' + chosen.map(function (d) { return d + '~'; }).join('');
        var presentation = boundPart + (credential.dataset.bound === 'true' ? await keyBinding(boundPart) : '');
        document.getElementById('presentation').value = presentation;
        document.getElementById('presentation-file').href = URL.createObjectURL(new Blob([presentation], {type: 'application/dc+sd-jwt'}));
        document.getElementById('presentation-out').hidden = false;
        var answer = await fetch('/eid/wallet/credentials/' + encodeURIComponent(credential.dataset.item) + '/qr', {
            method: 'POST', credentials: 'same-origin',
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': credential.dataset.csrf},
            body: JSON.stringify({presentation: presentation})
        });
        var json = await answer.json().catch(function () { return {}; });
        var qr = document.getElementById('presentation-qr');
        if (answer.ok) {
            qr.src = json.qr;
            qr.hidden = false;
        } else {
            qr.hidden = true;
            error.textContent = text(json.code || 'FAILED');
            error.hidden = false;
        }
        credential.dataset.presented = 'true';
    }

    function start() {
        prepareIssue();
        var credential = document.getElementById('credential');
        if (credential) {
            document.getElementById('present').addEventListener('click', function () {
                present(credential).catch(function () {
                    var error = document.getElementById('present-error');
                    error.textContent = text('NO_KEY');
                    error.hidden = false;
                });
            });
        }
    }

    // Opened by a link of a boosted page (htmx), the document is loaded already: start at once.
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();

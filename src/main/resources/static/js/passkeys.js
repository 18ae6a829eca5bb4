// Passkeys of the citizen's e-ID account (WebAuthn): adding one on the account page (form#passkey-add),
// logging in with one on the login page (button#passkey-login). A static file because the pages'
// Content-Security-Policy allows no inline script; the texts it shows come from the page
// (#passkey-messages), in the page's language. The JSON is Spring Security's WebAuthn JSON:
// byte strings in base64url. See docs/architecture.md#passkeys.
(function () {
    'use strict';

    function toBuffer(base64url) {
        var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
        var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) {
            bytes[i] = binary.charCodeAt(i);
        }
        return bytes.buffer;
    }

    function toBase64url(buffer) {
        var bytes = new Uint8Array(buffer);
        var binary = '';
        for (var i = 0; i < bytes.length; i++) {
            binary += String.fromCharCode(bytes[i]);
        }
        return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function text(code) {
        var known = document.querySelector('#passkey-messages [data-code="' + code + '"]')
            || document.querySelector('#passkey-messages [data-code="PASSKEY_FAILED"]');
        return known ? known.textContent : code;
    }

    function fail(code) {
        var error = new Error(code);
        error.code = code;
        return error;
    }

    /** POST to the platform with the page's CSRF token; a refusal becomes its problem code (or its first field's). */
    async function post(url, token, body) {
        var response = await fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': token},
            body: body === undefined ? undefined : JSON.stringify(body)
        });
        var json = null;
        try {
            json = await response.json();
        } catch (notJson) {
            json = null;
        }
        if (!response.ok) {
            var first = json && json.errors && json.errors.length ? json.errors[0].code : null;
            throw fail(first || (json && json.code) || 'PASSKEY_FAILED');
        }
        return json;
    }

    /** What the browser throws when the person cancels or the device does not answer: one message for both. */
    function browserFailure(error) {
        if (error && error.code) {
            return error;
        }
        return fail(error && (error.name === 'NotAllowedError' || error.name === 'AbortError') ? 'PASSKEY_CANCELLED' : 'PASSKEY_FAILED');
    }

    function supported() {
        return !!(window.PublicKeyCredential && navigator.credentials && navigator.credentials.create);
    }

    async function register(form) {
        var token = form.querySelector('input[name="_csrf"]').value;
        var label = form.querySelector('input[name="label"]').value;
        var options = await post('/eid/webauthn/register/options', token);
        options.challenge = toBuffer(options.challenge);
        options.user.id = toBuffer(options.user.id);
        options.excludeCredentials = (options.excludeCredentials || []).map(function (c) {
            return Object.assign({}, c, {id: toBuffer(c.id)});
        });
        var created;
        try {
            created = await navigator.credentials.create({publicKey: options});
        } catch (e) {
            throw browserFailure(e);
        }
        var response = created.response;
        await post('/eid/webauthn/register', token, {
            label: label,
            credential: {
                id: created.id,
                rawId: toBase64url(created.rawId),
                type: created.type,
                response: {
                    attestationObject: toBase64url(response.attestationObject),
                    clientDataJSON: toBase64url(response.clientDataJSON),
                    transports: response.getTransports ? response.getTransports() : []
                },
                clientExtensionResults: created.getClientExtensionResults(),
                authenticatorAttachment: created.authenticatorAttachment
            }
        });
        window.location.assign('/eid/account?notice=passkeyAdded#passkeys');
    }

    async function login(button) {
        var token = button.form.querySelector('input[name="_csrf"]').value;
        var options = await post('/eid/webauthn/authenticate/options', token);
        options.challenge = toBuffer(options.challenge);
        options.allowCredentials = (options.allowCredentials || []).map(function (c) {
            return Object.assign({}, c, {id: toBuffer(c.id)});
        });
        var got;
        try {
            got = await navigator.credentials.get({publicKey: options});
        } catch (e) {
            throw browserFailure(e);
        }
        var response = got.response;
        var answer = await post('/eid/login/webauthn', token, {
            id: got.id,
            rawId: toBase64url(got.rawId),
            type: got.type,
            response: {
                authenticatorData: toBase64url(response.authenticatorData),
                clientDataJSON: toBase64url(response.clientDataJSON),
                signature: toBase64url(response.signature),
                userHandle: response.userHandle ? toBase64url(response.userHandle) : null
            },
            clientExtensionResults: got.getClientExtensionResults(),
            authenticatorAttachment: got.authenticatorAttachment
        });
        window.location.assign(answer.redirectUrl);
    }

    function report(target, error) {
        target.textContent = text(error.code || 'PASSKEY_FAILED');
        target.hidden = false;
    }

    function start() {
        var form = document.getElementById('passkey-add');
        var button = document.getElementById('passkey-login');
        var alert = document.getElementById('passkey-alert');
        if ((form || button) && !supported()) {
            report(alert, fail('PASSKEY_UNSUPPORTED'));
            if (form) {
                form.querySelector('button').disabled = true;
            }
            if (button) {
                button.disabled = true;
            }
            return;
        }
        if (form) {
            form.addEventListener('submit', function (event) {
                event.preventDefault();
                alert.hidden = true;
                form.querySelector('button').disabled = true;
                register(form).catch(function (error) {
                    form.querySelector('button').disabled = false;
                    report(alert, error);
                });
            });
        }
        if (button) {
            button.addEventListener('click', function (event) {
                event.preventDefault();
                alert.hidden = true;
                button.disabled = true;
                login(button).catch(function (error) {
                    button.disabled = false;
                    report(alert, error);
                });
            });
        }
    }

    // Also when htmx swaps a page in (hx-boost): the document has loaded long before.
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());

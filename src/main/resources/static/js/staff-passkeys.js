// Staff passkeys: registration and login with Spring Security's WebAuthn endpoints at the staff
// chain's own paths (identity.StaffWebAuthn). Buttons say what to do through data attributes:
// data-passkey-login="<login url>" (its options at <url>/options), data-passkey-register="<url>"
// (options at <url>/options) with data-label-input (the id of the name field) and data-then-login.
"use strict";
(function () {
    const b64 = {
        decode(text) {
            const base64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
            return Uint8Array.from(atob(base64), c => c.charCodeAt(0)).buffer;
        },
        encode(buffer) {
            return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        }
    };

    function status(message) {
        const element = document.querySelector("[data-passkey-status]");
        if (element) {
            element.textContent = message;
            element.hidden = !message;
            element.classList.toggle("alert", !!message);
        }
    }

    async function post(url, csrf, body) {
        const response = await fetch(url, {
            method: "POST", credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-CSRF-TOKEN": csrf, "Accept": "application/json"},
            body: body === undefined ? undefined : JSON.stringify(body)
        });
        if (!response.ok) {
            let detail = "HTTP " + response.status;
            try {
                const problem = await response.json();
                detail = problem.detail || problem.code || detail;
            } catch (ignored) {
                // no JSON body
            }
            throw new Error(detail);
        }
        return response.json();
    }

    async function login(url, csrf) {
        const options = await post(url + "/options", csrf);
        options.challenge = b64.decode(options.challenge);
        options.allowCredentials = (options.allowCredentials || []).map(c => ({...c, id: b64.decode(c.id)}));
        const credential = await navigator.credentials.get({publicKey: options});
        const response = credential.response;
        const result = await post(url, csrf, {
            id: credential.id,
            rawId: b64.encode(credential.rawId),
            response: {
                authenticatorData: b64.encode(response.authenticatorData),
                clientDataJSON: b64.encode(response.clientDataJSON),
                signature: b64.encode(response.signature),
                userHandle: response.userHandle ? b64.encode(response.userHandle) : undefined
            },
            credType: credential.type,
            clientExtensionResults: credential.getClientExtensionResults(),
            authenticatorAttachment: credential.authenticatorAttachment
        });
        window.location.href = result.redirectUrl;
    }

    async function register(url, csrf, label) {
        const options = await post(url + "/options", csrf);
        options.challenge = b64.decode(options.challenge);
        options.user = {...options.user, id: b64.decode(options.user.id)};
        options.excludeCredentials = (options.excludeCredentials || []).map(c => ({...c, id: b64.decode(c.id)}));
        const credential = await navigator.credentials.create({publicKey: options});
        const response = credential.response;
        const result = await post(url, csrf, {
            publicKey: {
                credential: {
                    id: credential.id,
                    rawId: b64.encode(credential.rawId),
                    response: {
                        attestationObject: b64.encode(response.attestationObject),
                        clientDataJSON: b64.encode(response.clientDataJSON),
                        transports: response.getTransports ? response.getTransports() : []
                    },
                    type: credential.type,
                    clientExtensionResults: credential.getClientExtensionResults(),
                    authenticatorAttachment: credential.authenticatorAttachment
                },
                label: label
            }
        });
        if (!result.success) {
            throw new Error("not registered");
        }
    }

    document.addEventListener("click", async event => {
        const button = event.target.closest("[data-passkey-login], [data-passkey-register]");
        if (!button) {
            return;
        }
        event.preventDefault();
        if (!window.PublicKeyCredential) {
            status(document.documentElement.lang === "en" ? "This browser has no passkeys." : "Trình duyệt này không hỗ trợ khóa truy cập.");
            return;
        }
        button.disabled = true;
        status("");
        try {
            if (button.dataset.passkeyLogin) {
                await login(button.dataset.passkeyLogin, button.dataset.csrf);
            } else {
                const label = document.getElementById(button.dataset.labelInput).value.trim();
                await register(button.dataset.passkeyRegister, button.dataset.csrf, label);
                if (button.dataset.thenLogin) {
                    await login("/login/passkey", button.dataset.csrf);
                } else {
                    window.location.href = "/staff/account/security?done=passkey";
                }
            }
        } catch (e) {
            status((document.documentElement.lang === "en" ? "Passkey failed: " : "Không dùng được khóa truy cập: ") + e.message);
        } finally {
            button.disabled = false;
        }
    });
})();

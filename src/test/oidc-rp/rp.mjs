// An independent relying party: openid-client (https://github.com/panva/openid-client) meets the
// provider as a portal would. It discovers the provider, logs one citizen in on two devices with the
// authorization code flow and PKCE (driving the provider's login and consent pages over HTTP, one
// cookie jar per device), lets openid-client check each authorization response (iss, RFC 9207; state)
// and ID token (signature, iss, aud, nonce), refreshes, and logs out from each device, the first with
// the ID token it had before the refresh. Every check that fails ends the script with a non-zero exit
// and the reason on stderr; on success it prints one JSON line of what it saw.
//
// Input, all in the environment:
//   DANCU_ISSUER              the provider's issuer, e.g. http://127.0.0.1:8080
//   RP_CLIENT_ID, RP_CLIENT_SECRET
//                             a confidential relying party (client_secret_basic) registered with
//   RP_REDIRECT_URI           its redirect URI (never called: the script reads the redirect), and
//   RP_POST_LOGOUT_URI        its post-logout redirect URI; scopes openid and profile, claim name
//   CITIZEN_ID, CITIZEN_PASSWORD
//                             a level-1 citizen who logs in with the password only
import * as client from 'openid-client';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

const ISSUER = env('DANCU_ISSUER');
const CLIENT_ID = env('RP_CLIENT_ID');
const CLIENT_SECRET = env('RP_CLIENT_SECRET');
const REDIRECT_URI = env('RP_REDIRECT_URI');
const POST_LOGOUT_URI = env('RP_POST_LOGOUT_URI');
const CITIZEN_ID = env('CITIZEN_ID');
const CITIZEN_PASSWORD = env('CITIZEN_PASSWORD');

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** A browser on one device: its own cookies, redirects not followed. */
class Device {
  constructor(name) {
    this.name = name;
    this.cookies = new Map();
  }

  async request(url, form) {
    const headers = { accept: 'text/html' };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const response = await fetch(url, { method: form ? 'POST' : 'GET', headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location === null ? null : new URL(location, url).href,
      body: await response.text(),
    };
  }
}

const field = (html, name) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];
const all = (html, regex) => [...html.matchAll(regex)].map((m) => m[1]);
const decode = (s) => s.replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

/**
 * Walks the user agent from the authorization request through the provider's pages until the
 * provider sends it back to the relying party. Returns that URL and whether a password was asked;
 * without signIn, stops where the password is asked.
 */
async function authorize(device, url, signIn = true) {
  let page = await device.request(url);
  let askedPassword = false;
  for (let i = 0; i < 15; i++) {
    const to = page.location;
    check(to, `${device.name}: the provider stopped at ${page.status} instead of redirecting`);
    if (to.startsWith(REDIRECT_URI)) {
      return { callback: new URL(to), askedPassword };
    }
    const next = await device.request(to);
    const path = new URL(to).pathname;
    if (path === '/eid/login') {
      askedPassword = true;
      if (!signIn) {
        return { callback: null, askedPassword };
      }
      page = await device.request(new URL('/eid/login', to).href, [
        ['_csrf', decode(field(next.body, '_csrf') ?? '')],
        ['personalId', CITIZEN_ID],
        ['password', CITIZEN_PASSWORD],
      ]);
      check(page.status === 302, `${device.name}: login answered ${page.status}`);
    } else if (path === '/oauth2/consent') {
      const form = [
        ['_csrf', decode(field(next.body, '_csrf') ?? '')],
        ['client_id', new URL(to).searchParams.get('client_id')],
        ['state', decode(field(next.body, 'state') ?? '')],
      ];
      all(next.body, /name="scope" value="([^"]+)"/g).forEach((scope) => form.push(['scope', scope]));
      page = await device.request(new URL('/oauth2/authorize', to).href, form);
    } else {
      page = next;
    }
  }
  throw new Error(`${device.name}: too many redirects`);
}

/** One login of the relying party on this device, checked by openid-client; returns its tokens. */
async function logIn(config, device) {
  return (await startLogIn(config, device)).finish();
}

/** The login up to the redirect back; finish() exchanges the code (later, as a slow portal might). */
async function startLogIn(config, device) {
  const verifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    nonce,
    state,
  });
  const { callback, askedPassword } = await authorize(device, url.href);
  check(callback.searchParams.get('iss') === ISSUER, `${device.name}: the authorization response names the issuer (RFC 9207)`);
  const finish = async () => ({
    askedPassword,
    tokens: await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      expectedState: state,
      idTokenExpected: true,
    }),
  });
  return { finish };
}

function header(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));
}

async function logOut(config, device, idToken, state) {
  const url = client.buildEndSessionUrl(config, {
    id_token_hint: idToken,
    post_logout_redirect_uri: POST_LOGOUT_URI,
    state,
  });
  const answer = await device.request(url.href);
  check(answer.status === 302 && answer.location === `${POST_LOGOUT_URI}?state=${state}`,
    `${device.name}: logout answered ${answer.status} ${answer.location ?? answer.body.slice(0, 300)}`);
}

async function main() {
  const config = await client.discovery(new URL(ISSUER), CLIENT_ID, { redirect_uris: [REDIRECT_URI] },
    client.ClientSecretBasic(CLIENT_SECRET), { execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks] });
  const metadata = config.serverMetadata();
  check(metadata.issuer === ISSUER, `discovery's issuer ${metadata.issuer} is the one configured`);
  check(metadata.authorization_response_iss_parameter_supported === true, 'discovery announces iss in authorization responses');
  check(metadata.tls_client_certificate_bound_access_tokens === undefined, 'no certificate-bound tokens announced');
  check(metadata.dpop_signing_alg_values_supported === undefined, 'no DPoP announced');

  // The same provider called by another host name still names itself by its one issuer.
  const otherName = new URL(ISSUER);
  otherName.hostname = otherName.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  const elsewhere = await (await fetch(new URL('/.well-known/openid-configuration', otherName))).json();
  check(elsewhere.issuer === ISSUER, `discovery by ${otherName.host} names ${elsewhere.issuer}`);

  const older = new Device('older device');
  const newer = new Device('newer device');
  // The older device's code is exchanged after the newer device signed in.
  const olderLogin = await startLogIn(config, older);
  const second = await logIn(config, newer);
  const first = await olderLogin.finish();
  check(first.askedPassword && second.askedPassword, 'each device signs in on its own');
  const a = first.tokens.claims();
  const b = second.tokens.claims();
  check(a.iss === ISSUER && b.iss === ISSUER, 'the ID tokens are issued by the issuer');
  check(a.sub === b.sub, 'one person, one subject at this relying party');
  check(a.sid && b.sid && a.sid !== b.sid, `each device's ID token names its own session (${a.sid}, ${b.sid})`);
  check(header(first.tokens.access_token).typ === 'at+jwt', 'the access token is typed at+jwt (RFC 9068)');

  const userInfo = await client.fetchUserInfo(config, first.tokens.access_token, a.sub);
  check(typeof userInfo.name === 'string' && userInfo.name.length > 0, 'UserInfo releases the name');

  // A refresh: openid-client checks that the new ID token is about the same person from the same issuer.
  const refreshed = await client.refreshTokenGrant(config, first.tokens.refresh_token);
  const r = refreshed.claims();
  check(refreshed.id_token && refreshed.id_token !== first.tokens.id_token, 'the refresh brings a new ID token');
  check(r.sid === a.sid && r.sub === a.sub, 'the refreshed ID token keeps the session');

  // The older device logs out with the ID token it had before the refresh; the newer one stays signed in.
  await logOut(config, older, first.tokens.id_token, 'older-out');
  const again = await authorize(older, client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI, scope: 'openid', nonce: client.randomNonce(), state: client.randomState(),
  }).href, false);
  check(again.askedPassword, 'after logout the older device must sign in again');
  const still = await logIn(config, newer);
  check(!still.askedPassword, 'the newer device is still signed in');
  check(still.tokens.claims().sid === b.sid, 'and its session is the same');
  await logOut(config, newer, second.tokens.id_token, 'newer-out');

  // An error goes back with iss as well: openid-client checks it before it reports the error.
  const verifier = client.randomPKCECodeVerifier();
  const failing = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid no-such-scope',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'error-state',
  });
  const errorAnswer = await new Device('third device').request(failing.href);
  check(errorAnswer.location?.startsWith(REDIRECT_URI), `the error goes back to the client (${errorAnswer.status})`);
  let reported;
  try {
    await client.authorizationCodeGrant(config, new URL(errorAnswer.location), { pkceCodeVerifier: verifier, expectedState: 'error-state' });
  } catch (e) {
    reported = e;
  }
  check(reported instanceof client.AuthorizationResponseError && reported.error === 'invalid_scope',
    `the error response passed openid-client's iss and state checks (${reported})`);

  console.log(JSON.stringify({ issuer: metadata.issuer, sub: a.sub, sids: [a.sid, b.sid], refreshedSid: r.sid }));
}

main().catch((e) => {
  console.error(`FAILED: ${e.message}${e.cause ? ` (${JSON.stringify(e.cause)})` : ''}`);
  process.exit(1);
});

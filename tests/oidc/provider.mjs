// A real OpenID Connect provider for the test suite (npm oidc-provider), shaped like
// Ansattporten: authorization code flow with PKCE, ID-porten's acr levels, a pseudonymous
// `sub`, `pid`, and the chosen organisation in `authorization_details`
// (type ansattporten:altinn:resource). Its login page plays the person: who logs in, for which
// organisation (Ansattporten's organisation picker), at which level.
//
//   node tests/oidc/provider.mjs <client_id> <client_secret> <public JWK of a second client>
//
// The first client authenticates with its secret (client_secret_basic), the second with a
// private key (private_key_jwt), as Digdir recommends.
//
// Listens on a free port of 127.0.0.1 and prints one line, `ISSUER <url>`, when it is ready.
import { generateKeyPairSync, createHash } from 'node:crypto';
import http from 'node:http';
import { URLSearchParams } from 'node:url';

import Provider from 'oidc-provider';

const [clientId, clientSecret, nokkelklientJwk] = process.argv.slice(2);
if (!clientId || !clientSecret || !nokkelklientJwk) {
  console.error('bruk: node provider.mjs <client_id> <client_secret> <jwk>');
  process.exit(2);
}

const NIVAER = ['idporten-loa-low', 'idporten-loa-substantial', 'idporten-loa-high'];
// What the person chose at the last login, per account: read when the token is made.
const valg = new Map();

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pid = (konto) => {
  const sifre = createHash('sha256').update(konto).digest().readUInt32BE(0).toString().padStart(11, '7');
  return sifre.slice(0, 11);
};

const privat = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const jwk = { ...privat.export({ format: 'jwk' }), kid: 'test-1', use: 'sig', alg: 'RS256' };

// A native client's loopback addresses match on any port (RFC 8252), so the live server's
// random port needs no registration; a real registration is exact.
function klient(metadata) {
  return {
    ...metadata,
    application_type: 'native',
    redirect_uris: [
      'http://127.0.0.1/logg-inn/ansattporten/retur/',
      'http://localhost/logg-inn/ansattporten/retur/',
    ],
    post_logout_redirect_uris: [
      'http://127.0.0.1/logg-inn/ansattporten/utlogget/',
      'http://localhost/logg-inn/ansattporten/utlogget/',
    ],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  };
}

const server = http.createServer();
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    klient({ client_id: clientId, client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic' }),
    klient({
      client_id: `${clientId}-nokkel`,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      jwks: { keys: [JSON.parse(nokkelklientJwk)] },
    }),
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: ['en-nokkel-bare-for-testene'] },
  acrValues: NIVAER,
  claims: { openid: ['sub'], profile: ['name', 'pid', 'authorization_details'] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = side('Logg ut', `<h1>Vil du logge ut av Ansattporten (test)?</h1>${form}
          <button type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logg ut</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = side('Logget ut', '<h1>Du er logget ut av Ansattporten (test).</h1>');
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const orgno = valg.get(id)?.orgno;
        return {
          sub: id,
          pid: pid(id),
          name: valg.get(id)?.navn || id,
          authorization_details: orgno
            ? [
                {
                  type: 'ansattporten:altinn:resource',
                  resource: 'urn:altinn:resource:samhandlingsavtaler',
                  authorized_parties: [
                    {
                      orgno: { authority: 'iso6523-actorid-upis', ID: `0192:${orgno}` },
                      name: `Organisasjon ${orgno}`,
                      resource: 'samhandlingsavtaler',
                    },
                  ],
                },
              ]
            : [],
        };
      },
    };
  },
});

function side(tittel, innhold) {
  return `<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>${tittel}</title></head>
    <body><main>${innhold}</main></body></html>`;
}

function lesSkjema(req) {
  return new Promise((ok, feil) => {
    let data = '';
    req.on('data', (d) => { data += d; });
    req.on('end', () => ok(Object.fromEntries(new URLSearchParams(data))));
    req.on('error', feil);
  });
}

async function interaksjon(req, res) {
  const detaljer = await provider.interactionDetails(req, res);
  const { uid, prompt, params } = detaljer;
  if (prompt.name === 'consent') {
    // Ansattporten asks no consent for the client's own scopes: granted at once.
    const grant = new provider.Grant({ accountId: detaljer.session.accountId, clientId: params.client_id });
    grant.addOIDCScope(params.scope);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  if (req.method === 'POST') {
    const skjema = await lesSkjema(req);
    const konto = (skjema.konto || '').trim();
    const acr = NIVAER.includes(skjema.acr) ? skjema.acr : NIVAER[1];
    valg.set(konto, { orgno: (skjema.orgno || '').trim(), navn: (skjema.navn || '').trim() });
    return provider.interactionFinished(req, res, { login: { accountId: konto, acr, amr: ['Minid-PIN'] } }, { mergeWithLastSubmission: false });
  }
  const onsket = String(params.acr_values || '').split(' ')[0];
  const valgt = NIVAER.includes(onsket) ? onsket : NIVAER[1];
  const nivaer = NIVAER.map((n) => `<option${n === valgt ? ' selected' : ''}>${n}</option>`).join('');
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(side('Ansattporten (test)', `<h1>Ansattporten (test)</h1>
    <p>Ber om nivå: <span id="onsket-niva">${escape(params.acr_values || '')}</span></p>
    <form method="post" action="/interaction/${uid}">
      <label>Person <input name="konto" required></label>
      <label>Navn <input name="navn"></label>
      <label>Organisasjonsnummer <input name="orgno"></label>
      <label>Nivå <select name="acr">${nivaer}</select></label>
      <button type="submit">Logg inn</button>
    </form>`));
}

const standard = provider.callback();
server.on('request', (req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaksjon(req, res).catch((feil) => {
      res.statusCode = 500;
      res.end(String(feil));
    });
    return;
  }
  standard(req, res);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
console.log(`ISSUER ${issuer}`);

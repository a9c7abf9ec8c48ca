/**
 * A real OpenID Connect provider process for the tests (the npm `oidc-provider` package),
 * set up like ProConnect: PKCE required, an `acr` value, userinfo answered as a signed
 * JWT (RS256) for our client. Its login and consent "interactions" sign in whatever
 * account the test chose (`provider.nextAccount`) without a form.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

export type TestAccount = { sub: string; email: string; email_verified: boolean; given_name: string; usual_name: string };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  acr: string;
  /** The account the next login interaction signs in. */
  nextAccount: TestAccount | null;
  /** Content-Type of each userinfo answer (to check the JWT form really was used). */
  userinfoContentTypes: string[];
  close: () => Promise<void>;
};

export async function startOidcProvider(options: { redirectUri: string; acr?: string }): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "test-rs256", use: "sig", alg: "RS256" };
  const acr = options.acr ?? "eidas1";
  const state: TestProvider = {
    issuer,
    clientId: "reseau-epn-test",
    clientSecret: crypto.randomBytes(32).toString("base64url"),
    acr,
    nextAccount: null,
    userinfoContentTypes: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const accounts = new Map<string, TestAccount>();
  const configuration: Configuration = {
    clients: [
      {
        client_id: state.clientId,
        client_secret: state.clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [`${new URL(options.redirectUri).origin}/connexion?deconnecte`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_post",
        id_token_signed_response_alg: "RS256",
        userinfo_signed_response_alg: "RS256",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [crypto.randomBytes(32).toString("base64url")] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    acrValues: [acr],
    scopes: ["openid", "email", "given_name", "usual_name"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], given_name: ["given_name"], usual_name: ["usual_name"], acr: null },
    features: { devInteractions: { enabled: false }, jwtUserinfo: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ ...account }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  async function interact(req: http.IncomingMessage, res: http.ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === "login") {
      const account = state.nextAccount;
      if (!account) {
        await provider.interactionFinished(req, res, { error: "access_denied", error_description: "no test account" }, { mergeWithLastSubmission: false });
        return;
      }
      accounts.set(account.sub, account);
      await provider.interactionFinished(req, res, { login: { accountId: account.sub, acr } }, { mergeWithLastSubmission: false });
      return;
    }
    // consent: grant what the client asked for.
    const { session, params, prompt } = details;
    const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(" "));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  server.on("request", (req, res) => {
    const path = (req.url ?? "").split("?")[0]!;
    if (path.startsWith("/interaction/")) {
      interact(req, res).catch(() => {
        res.statusCode = 500;
        res.end("interaction failed");
      });
      return;
    }
    if (path === "/me") {
      const setHeader = res.setHeader.bind(res);
      res.setHeader = (name: string, value: number | string | readonly string[]) => {
        if (name.toLowerCase() === "content-type") state.userinfoContentTypes.push(String(value));
        return setHeader(name, value);
      };
    }
    callback(req, res);
  });
  return state;
}

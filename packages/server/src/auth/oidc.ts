/**
 * Organisation sign-in through OpenID Connect (authorization code flow with PKCE, state and nonce)
 * using openid-client. Only existing active accounts may sign in this way: the provider vouches
 * for the email, the platform's own roles still decide what the user may do.
 */
import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';
import { createSecret } from './tokens.ts';
import { localSharedState, type SharedState } from '../cluster/shared-state.ts';

/** A pending sign-in: what the callback must find again. */
interface PendingLogin {
  codeVerifier: string;
  state: string;
  nonce: string;
  expiresAt: number;
}

const PENDING_TTL_MS = 10 * 60_000;

/** The OIDC client of one deployment. */
export interface OidcClient {
  /** Start a sign-in: the provider URL to redirect to and the id of the pending login (kept in a cookie). */
  beginLogin(): Promise<{ url: URL; loginId: string }>;
  /** Finish a sign-in from the callback URL; returns the verified email. */
  finishLogin(loginId: string, callbackUrl: URL): Promise<{ email: string; subject: string }>;
}

/**
 * Create the client; `metadata` skips discovery (tests, or providers without a discovery document).
 * Pending sign-ins are kept in `shared`, so the callback may reach another process of the server.
 */
export function createOidcClient(
  config: OidcConfig,
  metadata?: client.ServerMetadata,
  shared: Pick<SharedState, 'put' | 'take'> = localSharedState(),
): OidcClient {
  let configuration: Promise<client.Configuration> | undefined;
  const getConfiguration = () => {
    configuration ??= metadata
      ? Promise.resolve(new client.Configuration(metadata, config.clientId, config.clientSecret))
      : client.discovery(new URL(config.issuer), config.clientId, config.clientSecret);
    // A failed discovery is retried on the next attempt instead of being cached.
    configuration.catch(() => (configuration = undefined));
    return configuration;
  };
  return {
    async beginLogin() {
      const oidc = await getConfiguration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const loginId = createSecret();
      const expiresAt = Date.now() + PENDING_TTL_MS;
      await shared.put(`oidc:${loginId}`, { codeVerifier, state, nonce, expiresAt } satisfies PendingLogin, expiresAt);
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: config.redirectUri,
        scope: config.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, loginId };
    },
    async finishLogin(loginId, callbackUrl) {
      const login = (await shared.take(`oidc:${loginId}`, Date.now())) as PendingLogin | undefined;
      if (!login) throw new Error('the sign-in attempt is unknown or expired; start again');
      const oidc = await getConfiguration();
      const tokens = await client.authorizationCodeGrant(oidc, callbackUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      const email = typeof claims?.email === 'string' ? claims.email.toLowerCase() : undefined;
      if (!claims || !email) throw new Error('the provider did not return an email claim');
      if (claims.email_verified === false) throw new Error('the provider has not verified this email');
      const domain = email.split('@')[1] ?? '';
      if (config.allowedDomains.length > 0 && !config.allowedDomains.includes(domain))
        throw new Error(`email domain ${domain} is not allowed to sign in here`);
      return { email, subject: claims.sub };
    },
  };
}

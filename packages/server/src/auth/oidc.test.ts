import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFromEnv } from '../config.ts';
import { createOidcClient } from './oidc.ts';

const ENV = {
  MIGOV_PUBLIC_URL: 'https://migov.example.org',
  MIGOV_OIDC_ISSUER: 'https://login.example.org/realms/iom',
  MIGOV_OIDC_CLIENT_ID: 'migov',
  MIGOV_OIDC_CLIENT_SECRET: 'secret',
  MIGOV_OIDC_ALLOWED_DOMAINS: 'iom.int, Example.org',
};

describe('OpenID Connect configuration', () => {
  it('reads the provider from the environment, with the callback under the public URL', () => {
    const config = loadConfigFromEnv(ENV);
    expect(config.oidc).toEqual({
      issuer: 'https://login.example.org/realms/iom',
      clientId: 'migov',
      clientSecret: 'secret',
      redirectUri: 'https://migov.example.org/api/v1/auth/oidc/callback',
      scopes: 'openid email profile',
      allowedDomains: ['iom.int', 'example.org'],
    });
  });

  it('is off without an issuer, and fails fast on a missing client id or a bad URL', () => {
    expect(loadConfigFromEnv({}).oidc).toBeUndefined();
    expect(() => loadConfigFromEnv({ MIGOV_OIDC_ISSUER: 'https://login.example.org' })).toThrow(/MIGOV_OIDC_CLIENT_ID/);
    expect(() => loadConfigFromEnv({ MIGOV_OIDC_ISSUER: 'not a url', MIGOV_OIDC_CLIENT_ID: 'x' })).toThrow(ConfigError);
    expect(() => loadConfigFromEnv({ MIGOV_SESSION_TTL_SECONDS: '-5' })).toThrow(
      'invalid MIGOV_SESSION_TTL_SECONDS: "-5" (expected a positive integer)',
    );
  });

  it('builds the authorization redirect with PKCE, state and nonce', async () => {
    const config = loadConfigFromEnv(ENV).oidc!;
    const client = createOidcClient(config, {
      issuer: config.issuer,
      authorization_endpoint: 'https://login.example.org/realms/iom/protocol/openid-connect/auth',
      token_endpoint: 'https://login.example.org/realms/iom/protocol/openid-connect/token',
    });
    const first = await client.beginLogin();
    const second = await client.beginLogin();
    const url = first.url;
    expect(url.origin + url.pathname).toBe('https://login.example.org/realms/iom/protocol/openid-connect/auth');
    expect(url.searchParams.get('client_id')).toBe('migov');
    expect(url.searchParams.get('redirect_uri')).toBe('https://migov.example.org/api/v1/auth/oidc/callback');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).not.toBe(second.url.searchParams.get('state'));
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(first.loginId).not.toBe(second.loginId);
  });

  it('refuses a callback for an unknown sign-in attempt', async () => {
    const config = loadConfigFromEnv(ENV).oidc!;
    const client = createOidcClient(config, {
      issuer: config.issuer,
      authorization_endpoint: `${config.issuer}/auth`,
      token_endpoint: `${config.issuer}/token`,
    });
    await expect(client.finishLogin('unknown', new URL(`${config.redirectUri}?code=x&state=y`))).rejects.toThrow(
      /unknown or expired/,
    );
  });
});

/**
 * A one-time password reset link: a new token (only its hash is stored), valid
 * `passwordResetTtlSeconds`, at the reset page in the account's language. The e-mailed reset
 * (POST /api/v1/password-reset) and `migov users reset-password` both make their links here, so the
 * same expiry and one-time rules apply to both.
 */
import { createPasswordReset, type MigovDatabase, type User } from '@migov/db';
import type { ServerConfig } from '../config.ts';
import { onboardingUrl } from '../mail/notices.ts';
import { createSecret, hashSecret } from './tokens.ts';

/** A reset link and when it stops working. */
export interface PasswordResetLink {
  url: string;
  expiresAt: string;
}

/** Make a reset link for an account (the caller checks it is active). Audited as `password-reset.request`. */
export async function createPasswordResetLink(
  db: MigovDatabase,
  config: Pick<ServerConfig, 'publicUrl' | 'passwordResetTtlSeconds'>,
  user: Pick<User, 'id' | 'preferredLanguage'>,
  input: { now: Date; ip?: string; via?: string },
): Promise<PasswordResetLink> {
  const token = createSecret();
  const expiresAt = new Date(input.now.getTime() + config.passwordResetTtlSeconds * 1000).toISOString();
  await createPasswordReset(db, {
    userId: user.id,
    tokenHash: hashSecret(token),
    expiresAt,
    now: input.now,
    ...(input.ip ? { ip: input.ip } : {}),
    ...(input.via ? { via: input.via } : {}),
  });
  return { url: onboardingUrl(config.publicUrl, user.preferredLanguage, 'password-reset', token), expiresAt };
}

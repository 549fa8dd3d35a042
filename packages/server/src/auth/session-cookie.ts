/** The session cookie: HttpOnly, SameSite=Lax, Secure (and the __Host- prefix) when the public URL is HTTPS. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.ts';

/** Whether cookies must be Secure: the server is reached over HTTPS. */
export function isSecure(config: ServerConfig): boolean {
  return config.publicUrl.startsWith('https://');
}

/** The cookie name; __Host- binds it to this origin when HTTPS is on. */
export function sessionCookieName(config: ServerConfig): string {
  return isSecure(config) ? '__Host-migov_session' : 'migov_session';
}

/** Set the session cookie. */
export function setSessionCookie(reply: FastifyReply, config: ServerConfig, token: string, expiresAt: Date): void {
  void reply.setCookie(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(config),
    path: '/',
    expires: expiresAt,
  });
}

/** Clear the session cookie. */
export function clearSessionCookie(reply: FastifyReply, config: ServerConfig): void {
  void reply.clearCookie(sessionCookieName(config), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(config),
  });
}

/** The session token the request carries, if any. */
export function readSessionCookie(request: FastifyRequest, config: ServerConfig): string | undefined {
  return request.cookies?.[sessionCookieName(config)] || undefined;
}

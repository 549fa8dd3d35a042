/**
 * Whether this browser may hold a session, so that the observatory's public pages ask the server for
 * the session only then: a visitor who never signed in causes no 401 (and no console error) there.
 * The session cookie is HttpOnly and cannot be read; this hint is set when a session is seen and
 * cleared when it ends. Workspace pages always ask (a session started elsewhere, by an organisation's
 * sign-in for example, is found there and sets the hint).
 */
import { pageOf, type View } from './routes.ts';

const HINT_KEY = 'migov.session';

/** Remember that a session was seen (true) or ended (false). */
export function rememberSession(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // Private modes may refuse storage: public pages then show no user until a workspace page is opened.
  }
}

function maySignedIn(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

/** Whether to ask the server for the session on this view. */
export function shouldAskSession(view: View): boolean {
  // The public pages show the signed-in user in the header only when the hint says there may be one.
  return pageOf(view).access !== 'observatory' || maySignedIn();
}

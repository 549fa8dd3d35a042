/** The one-time token of an onboarding link (`…#token=…`), read once and taken out of the address bar and history. */
export function takeFragmentToken(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  const match = /^#token=([A-Za-z0-9_-]{10,200})$/.exec(window.location.hash);
  if (window.location.hash) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  return match?.[1];
}

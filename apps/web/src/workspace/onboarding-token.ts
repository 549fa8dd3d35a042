/** The page's token, kept in memory once read: the page may mount again after the fragment is gone. */
let taken: { path: string; token: string } | undefined;

/** Read the one-time token from the link's fragment (`#token=…`) and remove it from the address bar and history. */
export function takeFragmentToken(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  const match = /^#token=([A-Za-z0-9_-]{10,200})$/.exec(window.location.hash);
  if (window.location.hash)
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  if (match?.[1]) taken = { path: window.location.pathname, token: match[1] };
  return match?.[1] ?? (taken?.path === window.location.pathname ? taken.token : undefined);
}

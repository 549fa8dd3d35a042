/* @jsxRuntime automatic */
/** Pieces the governance workspace pages share: a signed-in read of one API resource, and the end of a saving form. */
import type { ReactNode } from 'react';
import { ErrorMessage } from '../../app/shared.tsx';
import { SignedInLoader } from '../../app/SignedInLoader.tsx';
import { getJson } from '../../api/api-client.ts';

/** Read `path` for the signed-in reader (a sign-in link otherwise), with the loading and error states. */
export function SignedInRead<T>({ path, children }: { path: string; children: (data: T) => ReactNode }) {
  return (
    <SignedInLoader load={(api) => getJson<T>(api, path)} loadKey={path}>
      {(data: T) => children(data)}
    </SignedInLoader>
  );
}

/** The submit button of a saving form, its announced status and its error. */
export function SaveFooter({ label, status, error }: { label: string; status: string; error: unknown }) {
  return (
    <>
      <button type="submit">{label}</button>
      <p role="status">{status}</p>
      {error ? <ErrorMessage error={error} /> : null}
    </>
  );
}

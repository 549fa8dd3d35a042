/* @jsxRuntime automatic */
/** Loads one assessment with everything its pages show, asking the visitor to sign in first; the form and the review page both stand on it. */
import type { ReactNode } from 'react';
import { SignedInLoader } from '../app/SignedInLoader.tsx';
import { loadAssessmentBundle, type AssessmentBundle } from './assessment-data.ts';

export function AssessmentBundleLoader({
  id,
  children,
}: {
  id: string;
  children: (bundle: AssessmentBundle, reload: () => void) => ReactNode;
}) {
  return (
    <SignedInLoader load={(api) => loadAssessmentBundle(api, id)} loadKey={id}>
      {children}
    </SignedInLoader>
  );
}

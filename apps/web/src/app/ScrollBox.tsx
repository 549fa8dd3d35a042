/* @jsxRuntime automatic */
/**
 * A box that scrolls sideways by itself when its content (a wide table) is wider than the screen, so
 * that the page never does. It is a labelled region reachable by keyboard, so that the arrow keys
 * scroll it without a mouse.
 */
import type { ReactNode } from 'react';

export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

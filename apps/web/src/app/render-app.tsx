/* @jsxRuntime automatic */
/** Render the browser app into its root element (loaded by main.tsx once the first reads are under way). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientApp } from './ClientApp.tsx';

export function renderApp(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <ClientApp />
    </StrictMode>,
  );
}

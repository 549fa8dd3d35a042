/* @jsxRuntime automatic */
/** The browser entry. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientApp, currentRoute, prefetchFirstPage } from './app/ClientApp.tsx';
import { loadCatalogue } from './i18n/catalogues/load.ts';
import './styles.css';

prefetchFirstPage();
// The page's language is ready before the first render (language links reload the page).
await loadCatalogue(currentRoute().lang).catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientApp />
  </StrictMode>,
);

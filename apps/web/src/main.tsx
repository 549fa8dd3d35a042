/* @jsxRuntime automatic */
/** The browser entry. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientApp, prefetchFirstPage } from './app/ClientApp.tsx';
import './styles.css';

prefetchFirstPage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientApp />
  </StrictMode>,
);

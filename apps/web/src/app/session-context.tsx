/* @jsxRuntime automatic */
/** The signed-in session and the API client for workspace pages. */
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import type { Session } from '@migov/server/api';

export interface SessionState {
  api: ApiClient;
  session: Session | undefined;
  setSession(session: Session | undefined): void;
}

export const SessionContext = createContext<SessionState | undefined>(undefined);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside the client app');
  return state;
}

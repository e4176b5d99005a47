// Who is logged in, shared by every page; refreshed after login, logout and role changes.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, type SessionView } from './api.ts';

interface SessionState {
  session: SessionView | null;
  refresh: () => Promise<void>;
}

const Ctx = createContext<SessionState>({ session: null, refresh: async () => {} });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null>(null);
  const refresh = useCallback(async () => setSession(await api<SessionView>('GET', '/api/auth/session')), []);
  useEffect(() => {
    refresh().catch(() => setSession({ person: null, roles: [], csrfToken: '' }));
  }, [refresh]);
  return <Ctx.Provider value={{ session, refresh }}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);

export function hasRole(s: SessionView | null, ...roles: string[]) {
  return !!s?.roles.some((r) => roles.includes(r.role));
}

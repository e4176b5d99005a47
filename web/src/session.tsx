// Who is logged in, shared by every page; refreshed after login, logout and role changes.
// The person's language follows them: applied when they log in (in any browser), and the
// header's switch saves it to their profile.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { api, type SessionView } from './api.ts';
import { isLang, type Lang, setLanguage } from './lib/i18n.ts';

interface SessionState {
  session: SessionView | null;
  refresh: () => Promise<void>;
  /** Switch language here and, when logged in, for the person everywhere. */
  chooseLanguage: (lang: Lang) => Promise<void>;
}

const Ctx = createContext<SessionState>({
  session: null,
  refresh: async () => {},
  chooseLanguage: async () => {},
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null>(null);
  // The person the language was last applied for: a login (or another person) applies theirs once,
  // a later refresh of the same session leaves the current choice alone.
  const appliedFor = useRef<string | null>(null);
  const refresh = useCallback(async () => {
    const s = await api<SessionView>('GET', '/api/auth/session');
    const id = s.person?.id ?? null;
    if (id && id !== appliedFor.current && isLang(s.person?.locale)) await setLanguage(s.person.locale);
    appliedFor.current = id;
    setSession(s);
  }, []);
  useEffect(() => {
    refresh().catch(() =>
      setSession({ person: null, roles: [], twoFactor: { enabled: false, mustEnrol: false }, csrfToken: '' }),
    );
  }, [refresh]);
  const chooseLanguage = useCallback(
    async (lang: Lang) => {
      // Saved first, so a page reload after the switch cannot re-apply the old language; the
      // switch happens here even when saving fails (the next login then brings the old one back).
      if (session?.person && session.person.locale !== lang) {
        try {
          const saved = await api<{ locale: string }>('PUT', '/api/profile/locale', { locale: lang });
          setSession((s) => (s?.person ? { ...s, person: { ...s.person, locale: saved.locale } } : s));
        } catch {}
      }
      await setLanguage(lang);
      // Names in the session (the organisations of my roles) come in the reader's language.
      if (session?.person) await refresh().catch(() => {});
    },
    [session, refresh],
  );
  return <Ctx.Provider value={{ session, refresh, chooseLanguage }}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);

export function hasRole(s: SessionView | null, ...roles: string[]) {
  return !!s?.roles.some((r) => roles.includes(r.role));
}

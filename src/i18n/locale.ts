// The two languages people read the platform in, and how a request's language is chosen.

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A text in both languages. */
export type Localized = Record<Locale, string>;

export function isLocale(x: unknown): x is Locale {
  return x === 'zh-CN' || x === 'en';
}

/**
 * The reader's language: the profile's choice when signed in, else the first language of
 * Accept-Language that we speak (q-weighted), else Chinese.
 */
export function pickLocale(profileLocale?: string | null, acceptLanguage?: string | null): Locale {
  if (isLocale(profileLocale)) return profileLocale;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part, i) => {
        const [tag, ...rest] = part.trim().split(';');
        const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
        return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q || a.i - b.i);
    for (const { tag } of ranked) {
      if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
      if (tag === 'en' || tag.startsWith('en-')) return 'en';
    }
  }
  return DEFAULT_LOCALE;
}

/** A name in the reader's language, falling back to the other when that one is empty. */
export function nameIn(locale: Locale, zh: string | null | undefined, en: string | null | undefined): string {
  const [first, second] = locale === 'en' ? [en, zh] : [zh, en];
  return (first?.trim() ? first : second) ?? '';
}

/** The language of a command-line run: LC_ALL, else LC_MESSAGES, else LANG (zh… → Chinese, else English). */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(tag) ? 'zh-CN' : 'en';
}

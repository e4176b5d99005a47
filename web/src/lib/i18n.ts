// The i18next instance and per-feature namespaces. Each feature keeps its strings in
// features/<x>/i18n.ts, zh-CN and en side by side, and registers them as its own namespace:
//
//   export const NS = defineStrings('home', { 'zh-CN': { title: '待办' }, en: { title: 'My tasks' } });
//   const { t } = useTranslation(NS);  t('title')
//
// Older pages use the default namespace ('translation', web/src/i18n/{zh-CN,en}.ts).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const isLang = (x: unknown): x is Lang => LANGS.includes(x as Lang);

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('jiebang.lang');
const initial: Lang = isLang(stored)
  ? stored
  : typeof navigator !== 'undefined' && !navigator.language.startsWith('zh')
    ? 'en'
    : 'zh-CN';

i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
if (typeof document !== 'undefined') document.documentElement.lang = initial;

/** The UI language now. */
export const currentLang = (): Lang => (isLang(i18n.language) ? i18n.language : 'zh-CN');

/** Switch language and remember the choice in this browser. */
export function setLanguage(lang: Lang) {
  localStorage.setItem('jiebang.lang', lang);
  document.documentElement.lang = lang;
  return i18n.changeLanguage(lang);
}

type Strings = { [k: string]: string | Strings };
/** Same keys as `T`, any text. */
type Shaped<T> = { [K in keyof T]: T[K] extends string ? string : Shaped<T[K]> };

/** Register a namespace's strings in both languages (en must have zh-CN's keys); returns the namespace. */
export function defineStrings<const NS extends string, T extends Strings>(
  ns: NS,
  strings: { 'zh-CN': T; en: Shaped<T> },
): NS {
  i18n.addResourceBundle('zh-CN', ns, strings['zh-CN'], true, true);
  i18n.addResourceBundle('en', ns, strings.en, true, true);
  return ns;
}

/** A person's or organisation's name in the reader's language, falling back to the other. */
export function nameIn(lang: string, zh?: string | null, en?: string | null): string {
  return (lang === 'en' ? en || zh : zh || en) ?? '';
}

export default i18n;

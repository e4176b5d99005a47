// Kept for older pages: the instance now lives in lib/i18n.ts.
export { default, LANGS, setLanguage } from '../lib/i18n.ts';

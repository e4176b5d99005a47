// Messages people read, as stable keys with parameters. Each module declares its catalogue
// in `<module>.messages.ts` with defineMessages and registers it in catalogue.ts; the edge
// renders a key in the reader's language (render), and API bodies keep key and params.

import { type Locale, type Localized, nameIn } from './locale.ts';

/** A parameter: plain text or a number, a text in both languages (a name, a label), or a nested message. */
export type MessageParam = string | number | Localized | { zh: string | null; en: string | null } | Msg;
export type MessageParams = Record<string, MessageParam>;

/** A message to render later: its key in the catalogue and its parameters. */
export interface Msg {
  key: string;
  params?: MessageParams;
}

const catalogue = new Map<string, Localized>();

/** Declare a module's messages; templates use {name} placeholders. Keys must be unique. */
export function defineMessages<const T extends Record<string, Localized>>(messages: T): T {
  for (const [key, text] of Object.entries(messages)) {
    const seen = catalogue.get(key);
    if (seen && (seen.en !== text.en || seen['zh-CN'] !== text['zh-CN']))
      throw new Error(`message key ${key} declared twice`);
    catalogue.set(key, text);
  }
  return messages;
}

/** A message value: `t('bid.deadlinePassed', { deadline })`. */
export function t(key: string, params?: MessageParams): Msg {
  return params ? { key, params } : { key };
}

export function hasMessage(key: string): boolean {
  return catalogue.has(key);
}

/** Every declared key (for tests that check both languages are present and used). */
export function messageKeys(): string[] {
  return [...catalogue.keys()];
}

function paramText(v: MessageParam, locale: Locale): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return v.toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN');
  if ('key' in v) return render(v, locale);
  if ('zh' in v) return nameIn(locale, v.zh, v.en);
  return nameIn(locale, v['zh-CN'], v.en);
}

/** The message in `locale`; an unknown key renders as itself so nothing is silently lost. */
export function render(msg: Msg, locale: Locale): string {
  const text = catalogue.get(msg.key);
  if (!text) return msg.key;
  const template = text[locale] || text.en;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = msg.params?.[name];
    return v === undefined ? whole : paramText(v, locale);
  });
}

// An error body's message in English, rendered from its key and parameters whatever language
// the server answered in (test users read Chinese by default).
import '../../src/i18n/catalogue.ts';
import { type MessageParams, render } from '../../src/i18n/messages.ts';

export function messageEn(body: { key?: string; params?: MessageParams; message?: string }): string {
  return body.key ? render({ key: body.key, params: body.params }, 'en') : (body.message ?? '');
}

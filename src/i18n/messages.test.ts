import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickLocale } from './locale.ts';
import { defineMessages, render, t } from './messages.ts';

defineMessages({
  'test.greeting': { 'zh-CN': '{name}，截止日期为{deadline}', en: '{name}, the deadline is {deadline}' },
});

test('renders a key in the reader language, names picked per locale with fallback', () => {
  const msg = t('test.greeting', { name: { zh: '华晶石英', en: null }, deadline: '2026-12-31' });
  assert.equal(render(msg, 'zh-CN'), '华晶石英，截止日期为2026-12-31');
  assert.equal(render(msg, 'en'), '华晶石英, the deadline is 2026-12-31');
  assert.equal(
    render(t('test.greeting', { name: { 'zh-CN': '甲', en: 'A' }, deadline: 'x' }), 'en'),
    'A, the deadline is x',
  );
});

test('an unknown key renders as itself', () => {
  assert.equal(render(t('no.such.key'), 'en'), 'no.such.key');
});

test('picks the profile locale, then Accept-Language by weight, then Chinese', () => {
  assert.equal(pickLocale('en', 'zh-CN'), 'en');
  assert.equal(pickLocale(null, 'fr;q=1, en-GB;q=0.8, zh;q=0.5'), 'en');
  assert.equal(pickLocale(null, 'en;q=0.2, zh-TW;q=0.9'), 'zh-CN');
  assert.equal(pickLocale(null, 'fr'), 'zh-CN');
  assert.equal(pickLocale(undefined, undefined), 'zh-CN');
});

// The password policy (ASVS 5.0 V6.2): length, no composition rules, common and leaked
// passwords refused, the account's own words refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './password-policy.ts';

const key = (p: string, account?: Parameters<typeof passwordProblem>[1]) =>
  passwordProblem(p, account)?.key ?? null;

test('at least 8 characters, counted as characters (not bytes), at most 200', () => {
  assert.equal(PASSWORD_MIN, 8);
  assert.equal(key('seven c'), 'validation.password.tooShort');
  assert.equal(key('eight ch'), null);
  assert.equal(key('揭榜挂帅赛马制度'), null, '8 Chinese characters are enough');
  assert.equal(key('揭榜挂帅赛马制'), 'validation.password.tooShort');
  assert.equal(key(`${'x'.repeat(PASSWORD_MAX - 1)}y`), null);
  assert.equal(key(`${'x'.repeat(PASSWORD_MAX)}y`), 'validation.password.tooLong');
});

test('no composition rules: lower-case words and spaces are fine', () => {
  for (const p of ['correct horse battery staple', 'tea garden in spring', 'lowercaseonlyphrase'])
    assert.equal(key(p), null, p);
});

test('common and leaked passwords are refused, whatever their case', () => {
  for (const p of [
    'password',
    'PASSWORD',
    '12345678',
    'qwertyuiop',
    'iloveyou',
    'woaini1314',
    '88888888',
    'a123456789',
  ])
    assert.equal(key(p), 'validation.password.common', p);
  assert.equal(key('abababab'), 'validation.password.common', 'a repeated unit');
});

test('the account’s own email or name is refused', () => {
  const account = { email: 'wang.fang@example.cn', names: ['王芳芳', 'Wang Fangfang'] };
  assert.equal(key('wang.fang@example.cn', account), 'validation.password.personal');
  assert.equal(key('wang.fang1', account), 'validation.password.personal');
  assert.equal(key('Wang Fangfang!', account), 'validation.password.personal');
  assert.equal(key('王芳芳123456', account), 'validation.password.personal');
  assert.equal(key('wang.fang likes green tea', account), null, 'a longer phrase around it is fine');
});

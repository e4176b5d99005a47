// Every message people can read is a declared key with natural text in both languages.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import './catalogue.ts';
import { hasMessage, messageKeys, render, t } from './messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const hasHan = (text: string) => /\p{Script=Han}/u.test(text);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('message catalogue', () => {
  const keys = messageKeys();

  test('declares the messages of every module', () => {
    assert.ok(keys.length > 400, `only ${keys.length} keys declared`);
    for (const k of [
      'bid.deadlinePassed',
      'validation.required',
      'funding.awardClosed',
      'notFound.challenge',
    ])
      assert.ok(hasMessage(k), k);
  });

  test('every key has non-empty zh-CN and en texts with the same {placeholders}', () => {
    const problems: string[] = [];
    for (const key of keys) {
      const zh = render(t(key), 'zh-CN');
      const en = render(t(key), 'en');
      if (!zh.trim() || zh === key) problems.push(`${key}: no zh-CN text`);
      if (!en.trim() || en === key) problems.push(`${key}: no en text`);
      if (placeholders(zh).join() !== placeholders(en).join())
        problems.push(`${key}: {${placeholders(zh)}} in zh-CN but {${placeholders(en)}} in en`);
      // Chinese texts are Chinese; those that are a bare placeholder or a code pass through.
      if (!hasHan(zh) && !/^[{}\w\s:：.-]*$/.test(zh) && !/Idempotency|CSRF|JSON|ORCID/.test(zh))
        problems.push(`${key}: zh-CN text has no Chinese: ${zh}`);
    }
    assert.deepEqual(problems, []);
  });

  test('every literal key used in src is declared', async () => {
    // Task titles (home page "My tasks") are declared next to their sources, loaded with the routes.
    for (const file of sourceFiles('src/modules').filter((f) => f.endsWith('.tasks.ts')))
      await import(`../../${file}`);
    const used = new Map<string, string>();
    for (const file of sourceFiles('src')) {
      // Comments may show examples; only code counts.
      const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '');
      for (const m of text.matchAll(/\b(?:t|msg|zkey)\(\s*'([a-zA-Z][\w.-]*)'/g)) used.set(m[1], file);
    }
    assert.ok(used.size > 300, `only ${used.size} keys found in use`);
    const undeclared = [...used].filter(([k]) => !hasMessage(k)).map(([k, f]) => `${k} (${f})`);
    assert.deepEqual(undeclared, []);
  });

  test('parameters render in the reader language: bilingual names, numbers and nested messages', () => {
    const msg = t('integrity.sanctioned', {
      label: { zh: '依托单位', en: 'the host organisation' },
      what: { zh: '揭榜申报', en: 'bidding' },
      until: '2027-03-31',
    });
    assert.equal(render(msg, 'zh-CN'), '依托单位：受科研诚信处理限制，2027-03-31（含）前不得揭榜申报');
    assert.equal(
      render(msg, 'en'),
      'the host organisation: barred from bidding by an integrity sanction until 2027-03-31',
    );
    const nested = t('challenge.bidRefused', { id: 'B-1', reason: t('bid.deadlinePassed') });
    assert.equal(render(nested, 'zh-CN'), '揭榜申请 B-1：揭榜截止时间已过');
    assert.equal(render(nested, 'en'), 'bid B-1: the bidding deadline has passed');
  });
});

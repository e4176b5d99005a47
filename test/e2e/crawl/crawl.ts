// The crawl: every listed page (test/e2e/crawl/*.pages.ts) as every demo login and a signed-out
// reader, in Chinese and English, at 390 px and 1366 px. It fails on sideways scrolling of the page,
// a visible UUID, untranslated interface text (i18n keys; Latin words on Chinese pages beyond an
// allow-list), and axe-core serious or critical violations. At 390 px the menu drawer is checked too.
// The visitors are dealt round-robin to the shards test/e2e/crawl-<n>.browser.test.ts, so each file
// stays within the per-file time bound.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../../src/demo/load.ts';
import { browserUnavailable, serveForBrowser } from '../../support/browser.ts';
import { freshDatabase } from '../../support/db.ts';
import { readmeLogins } from '../../support/demo.ts';
import { allPages, type CrawlPage, visits } from './pages.ts';

const skip = browserUnavailable();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LANGS = ['zh-CN', 'en'] as const;
const WIDTHS = [390, 1366] as const;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** An i18n key shown as text: 'nav.home', 'shell:group.admin'. */
const KEY = /^([a-z][a-zA-Z]*:)?[a-z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9_]*)+$/;
/** Latin words allowed on Chinese pages: the brand, units, standards and file formats. */
const LATIN_OK = new Set(
  'Jiebang API CSV Excel XLSX ORCID USCC HNTE ppm ppb Wh kg mm cm km ms arcmin ICP MS QC PDF MB KB GB SMTP RV SHA IPC ZL'.split(
    ' ',
  ),
);

/** What the checks read from the page: sideways scroll, the visible text and its text nodes. */
async function readPage(page: Page) {
  return page.evaluate(() => {
    const el = document.scrollingElement!;
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const parent = node.parentElement;
      if (!parent || parent.closest('pre,code,kbd,script,style,[translate="no"]')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const s = node.textContent?.trim();
      if (s) texts.push(s);
    }
    return {
      scrollWidth: el.scrollWidth,
      innerWidth: window.innerWidth,
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is checked
      text: document.body.innerText,
      texts,
    };
  });
}

function textProblems(texts: string[], lang: string): string[] {
  const out: string[] = [];
  for (const text of texts) {
    const plain = text.replace(/\S+@\S+|https?:\/\/\S+/g, ' ');
    for (const token of plain.split(/[\s,，。：:;；()（）「」“”"'、/]+/))
      if (KEY.test(token) && !/\.(cn|com|org|net)$/.test(token)) out.push(`i18n key shown: "${token}"`);
    if (lang === 'zh-CN')
      for (const word of plain.match(/[A-Za-z][A-Za-z'-]*[A-Za-z]/g) ?? [])
        if (!LATIN_OK.has(word))
          out.push(`Latin word on a Chinese page: "${word}" in "${text.slice(0, 80)}"`);
  }
  return [...new Set(out)];
}

async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      where: v.nodes.slice(0, 3).map((n: any) => {
        const d = n.any[0]?.data;
        // Colour contrast: say which colours, so the failure can be fixed without a rerun.
        return d?.contrastRatio
          ? `${n.target.join(' ')} (${d.fgColor} on ${d.bgColor}: ${d.contrastRatio})`
          : n.target.join(' ');
      }),
    }));
  });
  return violations
    .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: any) => `axe ${v.impact} ${v.id}: ${v.help} at ${v.where.join(' | ')}`);
}

async function check(page: Page, what: string, lang: string, width: number, problems: string[]) {
  const seen = await readPage(page);
  const add = (p: string) => problems.push(`${what} [${lang} ${width}px]: ${p}`);
  if (seen.scrollWidth > seen.innerWidth)
    add(`the page scrolls sideways (${seen.scrollWidth} > ${seen.innerWidth})`);
  const uuid = UUID.exec(seen.text);
  if (uuid) add(`a UUID is visible: ${uuid[0]}`);
  for (const p of textProblems(seen.texts, lang)) add(p);
  for (const p of await axeProblems(page)) add(p);
}

/** Wait until the page has loaded its data: no spinner in the main area and the network quiet. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('main .ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {});
}

/** Shard `shard` (0-based) of `shards`: its share of the visitors, every page each of them sees. */
export const crawlShard = (shard: number, shards: number) =>
  describe(`crawl ${shard + 1}/${shards}: every page, every demo role, both languages, phone and desktop`, {
    skip: skip ?? false,
  }, () => {
    let browser: Browser;
    let base: string;
    let close: (() => Promise<void>) | undefined;
    let pages: CrawlPage[];
    const { password, rows } = readmeLogins();

    before(async () => {
      const database = await freshDatabase('pglite');
      // The server first: building it registers the jobs the demo's actions enqueue.
      ({ base, browser, close } = await serveForBrowser(database));
      await loadDemo({ db: database.db, now: () => new Date() });
      pages = await allPages();
    });
    after(() => close?.());

    // One login per role of the README table (CRAWL_ALL=1: every login), and a signed-out reader.
    const byRole = new Map<string, string>();
    for (const [label, email] of rows) {
      const role = label.split(' — ')[0].replace(/\s*\(.*\)\s*$/, '');
      if (process.env.CRAWL_ALL || !byRole.has(role)) byRole.set(process.env.CRAWL_ALL ? email : role, email);
    }
    const people = ([null, ...byRole.values()] as (string | null)[]).filter((_, i) => i % shards === shard);
    for (const email of people)
      test(email ?? 'signed-out reader', { timeout: 600_000 }, async () => {
        const problems: string[] = [];
        const context: BrowserContext = await browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        const csrf = async () =>
          (await (await context.request.get(`${base}/api/auth/session`)).json()).csrfToken;
        if (email) {
          const r = await context.request.post(`${base}/api/auth/login`, {
            data: { email, password },
            headers: { 'x-csrf-token': await csrf() },
          });
          assert.equal(r.status(), 200, `${email} signs in`);
        }
        const api = async (url: string) => (await context.request.get(`${base}${url}`)).json();
        const mine = pages.filter((p) => visits(p, email));
        for (const lang of LANGS) {
          if (email) {
            const r = await context.request.put(`${base}/api/profile/locale`, {
              data: { locale: lang },
              headers: { 'x-csrf-token': await csrf() },
            });
            assert.equal(r.status(), 200);
          }
          await page.goto(`${base}/`);
          await page.evaluate((l) => localStorage.setItem('jiebang.lang', l), lang);
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: width < 768 ? 844 : 900 });
            for (const p of mine) {
              const path = typeof p.path === 'string' ? p.path : await p.path(api);
              const what = `${email ?? 'signed out'} ${path ?? p.name}`;
              if (!path) continue;
              await page.goto(`${base}${path}`);
              await settle(page);
              assert.equal(
                await page.evaluate(() => document.documentElement.lang),
                lang,
                `${what} opens in ${lang}`,
              );
              await check(page, what, lang, width, problems);
            }
            if (width < 768) {
              // The shell's drawer menu on a phone.
              await page.goto(`${base}/`);
              await settle(page);
              await page.getByRole('button', { name: /^(打开菜单|Open the menu)$/ }).click();
              await page.locator('.ant-drawer-open .ant-menu').waitFor();
              await page.waitForTimeout(400); // the drawer's slide-in
              await check(page, `${email ?? 'signed out'} menu drawer`, lang, width, problems);
            }
          }
        }
        await context.close();
        assert.deepEqual(problems, []);
      });
  });

// First-load JavaScript of a web page, gzip-compressed, as a browser fetches it: the built web
// (web/dist) served by the real server on a throwaway database, opened in Chromium, every script
// response gzipped (level 9, as a static server would) and summed.
//   npx vite build --config web/vite.config.ts --logLevel warn
//   node --import tsx bench/web/first-load.ts [/challenges]
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/db.ts';
import { buildServer } from '../../src/http/server.ts';
import { launchBrowser } from '../../test/support/browser.ts';

const path = process.argv[2] ?? '/challenges';
const database = await openDatabase({ dataDir: 'memory://' });
const app = await buildServer({ database, config: loadConfig({}) });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as import('node:net').AddressInfo).port}`;
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ locale: 'zh-CN' });
  const scripts: Promise<{ url: string; raw: number; gzip: number }>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    scripts.push(
      res.body().then((b) => ({
        url: res.url().replace(base, ''),
        raw: b.length,
        gzip: gzipSync(b, { level: 9 }).length,
      })),
    );
  });
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  const rows = (await Promise.all(scripts)).sort((a, b) => b.gzip - a.gzip);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  for (const r of rows)
    console.log(`${kb(r.gzip).padStart(10)} gzip ${kb(r.raw).padStart(10)} raw  ${r.url}`);
  const gzip = rows.reduce((s, r) => s + r.gzip, 0);
  const raw = rows.reduce((s, r) => s + r.raw, 0);
  console.log(`first load of ${path}: ${rows.length} scripts, ${kb(gzip)} gzip (${kb(raw)} raw)`);
} finally {
  await browser.close();
  await app.close();
  await database.close();
}

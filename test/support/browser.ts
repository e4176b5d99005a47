// Headless Chromium (Debian's package) driven by playwright-core, against a real server.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here (null when they can). In CI a missing browser is a failure. */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  if (process.env.CI)
    throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run must apt-get install chromium`);
  return `no Chromium at ${CHROMIUM}`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  });
}

/** The real server on `database`, listening on a free loopback port, and a Chromium to drive it. */
export async function serveForBrowser(database: import('../../src/db/db.ts').Database) {
  const { buildServer } = await import('../../src/http/server.ts');
  const { loadConfig } = await import('../../src/config.ts');
  const app = await buildServer({ database, config: loadConfig({}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as import('node:net').AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    app,
    base,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/** A new page in Chinese, signed in as `email` through the login form (keyboard submit). */
export async function signIn(
  browser: Browser,
  base: string,
  email: string,
  password = 'correct horse battery',
): Promise<import('playwright-core').Page> {
  const page = await browser.newPage({ locale: 'zh-CN' });
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/login`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /欢迎/ }).waitFor();
  return page;
}

/** The shell's main menu (side bar at ≥ 768 px; on phones open it first with openMenu). */
export function mainNav(page: import('playwright-core').Page) {
  return page.getByRole('navigation', { name: /^(主导航|Main menu)$/ });
}

/** On a phone-sized page: open the menu drawer. */
export async function openMenu(page: import('playwright-core').Page) {
  await page.getByRole('button', { name: /^(打开菜单|Open the menu)$/ }).click();
}

/** Switch the interface language through the header's language menu. */
export async function chooseLanguage(page: import('playwright-core').Page, lang: 'zh-CN' | 'en') {
  await page.getByRole('button', { name: /^(语言|Language)[：:]/ }).click();
  await page.getByRole('menuitem', { name: lang === 'en' ? 'English' : '中文' }).click();
}

/** Open the header's user menu and choose an entry, e.g. '个人资料' or 'Log out'. */
export async function userMenu(page: import('playwright-core').Page, entry: string) {
  await page.getByRole('button', { name: /^(我的账号|My account)[：:]/ }).click();
  await page.getByRole('menuitem', { name: entry, exact: true }).click();
}

/** Click `action`, then the confirmation pop-up's `ok` button, and wait for the pop-up to close. */
export async function confirmed(page: import('playwright-core').Page, action: string, ok: string | RegExp) {
  // antd spaces out a two-character Chinese button label ('确 认').
  const spaced = (x: string | RegExp) =>
    typeof x === 'string' && x.length === 2 ? new RegExp(`^${x[0]}\\s?${x[1]}$`) : x;
  const act = spaced(action);
  await page.getByRole('button', { name: act, exact: typeof act === 'string' }).click();
  const name = spaced(ok);
  const pop = page.locator('.ant-popconfirm:visible');
  await pop.getByRole('button', { name, exact: typeof name === 'string' }).click();
  // The pop-up closes once the action is under way.
  await pop.waitFor({ state: 'hidden' });
}

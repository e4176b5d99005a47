// The crawl's page lists. Each feature keeps its own list in test/e2e/crawl/<feature>.pages.ts:
//
//   import type { CrawlPage } from './pages.ts';
//   export const PAGES: CrawlPage[] = [{ path: '/races', who: 'anyone' }, { path: '/funding', who: ['organizer@'] }];
//
// `who`: 'anyone' (every demo login and a signed-out reader), 'signedIn' (every demo login),
// 'signedOut', or demo logins by the start of their email ('organizer@', 'expert@' …).
// A path may be a function of the demo data, resolved through the API as that person.
import { readdirSync } from 'node:fs';

export type Who = 'anyone' | 'signedIn' | 'signedOut' | readonly string[];

export interface CrawlPage {
  /** A web path, or how to find one as the signed-in person (null: nothing to visit for them). */
  path: string | ((api: (url: string) => Promise<any>) => Promise<string | null>);
  who: Who;
  /** What the page is, for failure messages when `path` is a function. */
  name?: string;
}

/** Every *.pages.ts list in this folder; CRAWL_PAGES=accounts,transfer: only those lists. */
export async function allPages(only = process.env.CRAWL_PAGES): Promise<CrawlPage[]> {
  const dir = new URL('.', import.meta.url);
  const wanted = only ? new Set(only.split(',').map((x) => `${x.trim()}.pages.ts`)) : null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pages.ts') && (!wanted || wanted.has(f)))
    .sort();
  const lists = await Promise.all(
    files.map(async (f) => (await import(new URL(f, dir).href)).PAGES as CrawlPage[]),
  );
  return lists.flat();
}

export function visits(page: CrawlPage, email: string | null): boolean {
  const { who } = page;
  if (who === 'anyone') return true;
  if (who === 'signedIn') return email !== null;
  if (who === 'signedOut') return email === null;
  return email !== null && who.some((w) => email.startsWith(w));
}

// The rankings file of `jiebang delphi stats`: CSV lines `panellist,item,rank` after a header
// line `panellist,item,rank`. Ties are equal ranks (average ranks are assigned). Every problem
// names its line; a panellist who leaves items unranked is reported at their last line.
import { parse as parseCsv } from 'csv-parse/sync';
import { type Msg, t } from '../../i18n/messages.ts';
import './insight.messages.ts';
import type { Ranking } from './kendall.ts';

export interface RankTable {
  panellists: string[];
  items: string[];
  /** rankings[p][i]: panellist p's rank of item i (as written). */
  rankings: Ranking[];
}

export type RanksParse = { ok: true; table: RankTable } | { ok: false; errors: Msg[] };

interface Entry {
  line: number;
  panellist: string;
  item: string;
  rank: string;
}

/** Parses the rankings CSV; all problems are collected, each naming its line. */
export function parseRanksCsv(text: string): RanksParse {
  const errors: Msg[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { ok: false, errors: [t('insight.ranks.fields', { line, count: '?' })] };
  }
  const head = records.shift();
  const header = head?.record.map((h) => h.trim().toLowerCase()).join(',');
  if (header !== 'panellist,item,rank')
    return { ok: false, errors: [t('insight.ranks.header', { line: head?.info.lines ?? 1 })] };

  const entries: Entry[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    if (record.length !== 3) {
      errors.push(t('insight.ranks.fields', { line, count: record.length }));
      continue;
    }
    const [panellist, item, rank] = record.map((c) => c.trim());
    if (!panellist) errors.push(t('insight.ranks.noPanellist', { line }));
    else if (!item) errors.push(t('insight.ranks.noItem', { line }));
    else entries.push({ line, panellist, item, rank });
  }

  const items = [...new Set(entries.map((e) => e.item))];
  const panellists = [...new Set(entries.map((e) => e.panellist))];
  const n = items.length;
  const itemIndex = new Map(items.map((it, i) => [it, i]));
  const byPanellist = new Map<
    string,
    { values: (number | undefined)[]; firstLine: number[]; last: number }
  >();
  for (const p of panellists)
    byPanellist.set(p, { values: new Array(n).fill(undefined), firstLine: new Array(n).fill(0), last: 0 });

  for (const e of entries) {
    const slot = byPanellist.get(e.panellist);
    const i = itemIndex.get(e.item);
    if (!slot || i === undefined) continue;
    slot.last = e.line;
    if (slot.firstLine[i]) {
      errors.push(
        t('insight.ranks.twice', {
          line: e.line,
          panellist: e.panellist,
          item: e.item,
          first: slot.firstLine[i],
        }),
      );
      continue;
    }
    slot.firstLine[i] = e.line;
    if (e.rank === '') {
      errors.push(t('insight.ranks.noRank', { line: e.line, panellist: e.panellist, item: e.item }));
      continue;
    }
    const value = /^\d+(\.\d+)?$/.test(e.rank) ? Number(e.rank) : Number.NaN;
    if (!(value >= 1 && value <= n)) {
      errors.push(t('insight.ranks.badRank', { line: e.line, rank: e.rank, n }));
      continue;
    }
    slot.values[i] = value;
  }
  for (const [p, slot] of byPanellist) {
    const missing = items.filter((_, i) => !slot.firstLine[i]);
    if (missing.length)
      errors.push(
        t('insight.ranks.missingItems', { line: slot.last, panellist: p, items: missing.join(', ') }),
      );
  }
  if (errors.length) return { ok: false, errors };
  if (panellists.length < 2 || n < 2)
    return { ok: false, errors: [t('insight.ranks.tooFew', { panellists: panellists.length, items: n })] };
  const rankings = panellists.map((p) => (byPanellist.get(p)?.values ?? []) as number[]);
  return { ok: true, table: { panellists, items, rankings } };
}

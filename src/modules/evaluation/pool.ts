// The expert-pool import file, pure apart from decoding: CSV or XLSX (first sheet) with one row
// per expert and the columns below; list cells use a small documented syntax (docs/expert-import.md).
// Every problem is reported as {row, field, reason}; row numbers are those of the spreadsheet
// (the header is row 1). Organisations are resolved by the service (they need the database).
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { type Msg, t } from '../../i18n/messages.ts';

export const IMPORT_COLUMNS = [
  'email',
  'name_zh',
  'name_en',
  'organisation',
  'discipline_codes',
  'keywords_zh',
  'keywords_en',
  'max_load',
  'availability',
  'employment',
  'publications',
  'projects',
  'relations',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const RELATION_KINDS = ['advisor', 'advisee', 'family', 'business', 'other'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface RowError {
  row: number;
  field: string;
  /** Why, as a message key with parameters (rendered in the reader's language by the caller). */
  reason: Msg;
}

/** An organisation as written in the file: a USCC or a name. */
export type OrgRef = { uscc: string } | { name: string };

export interface ExpertRow {
  row: number;
  email: string;
  nameZh: string;
  nameEn: string;
  organisation: OrgRef;
  disciplineCodes: string[];
  keywords: string[];
  maxLoad: number;
  availability: { from: string; to: string }[];
  /** Empty column = keep what the person has; otherwise the whole list is replaced. */
  employment: { org: OrgRef; start: string; end: string | null }[] | null;
  publications: { year: number; title: string; coauthors: string[] }[] | null;
  projects: { startYear: number; endYear: number | null; title: string }[] | null;
  relations: { kind: RelationKind; other: string; note: string }[] | null;
}

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const DISCIPLINE = /^[A-Z]\d{2,6}$|^\d{3}(\.\d{1,4})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const emailSchema = z.email().max(254);

const validDate = (s: string) =>
  DATE.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Splits a list cell on ';' (also '；' and new lines), dropping empty entries. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const orgRef = (s: string): OrgRef =>
  USCC.test(s.trim().toUpperCase()) ? { uscc: s.trim().toUpperCase() } : { name: s.trim() };

/**
 * Reads an import file into header-keyed string records (headers lower-cased): XLSX (first sheet)
 * by its zip signature, else UTF-8 CSV. `required` columns must be present and no column outside
 * `known` may appear. Shared by every CSV/XLSX import (expert pool, commissioners).
 */
export async function readSheet(
  bytes: Uint8Array,
  columns: { required: readonly string[]; known: readonly string[] },
): Promise<{ records: Record<string, string>[]; error?: Msg }> {
  if (bytes.length === 0) return { records: [], error: t('import.emptyFile') };
  if (bytes.length > MAX_IMPORT_BYTES)
    return { records: [], error: t('import.fileTooLarge', { max: MAX_IMPORT_BYTES }) };
  let rows: string[][];
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) return { records: [], error: t('import.noSheet') };
      rows = [];
      ws.eachRow({ includeEmpty: true }, (r, n) => {
        const vals: string[] = [];
        for (let c = 1; c <= r.cellCount; c++) vals.push(cellText(r.getCell(c).value));
        rows[n - 1] = vals;
      });
      for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    } catch {
      return { records: [], error: t('import.badXlsx') };
    }
  } else {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
    try {
      rows = parseCsv(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
    } catch (e) {
      return { records: [], error: t('import.badCsv', { message: (e as Error).message }) };
    }
  }
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = columns.required.filter((c) => !header.includes(c));
  if (missing.length)
    return { records: [], error: t('import.missingColumns', { missing: missing.join(', ') }) };
  const unknown = header.filter((h) => h && !columns.known.includes(h));
  if (unknown.length)
    return { records: [], error: t('import.unknownColumns', { unknown: unknown.join(', ') }) };
  const records: Record<string, string>[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const rec: Record<string, string> = {};
    header.forEach((h, j) => {
      if (h) rec[h] = (r[j] ?? '').trim();
    });
    records.push(rec);
  }
  return { records };
}

/** The expert-pool file's records. */
export const readTable = (bytes: Uint8Array) =>
  readSheet(bytes, { required: ['email', 'organisation'], known: IMPORT_COLUMNS });

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

/** Validates one record (row number as in the spreadsheet); returns the row or its errors. */
export function validateRecord(
  rec: Record<string, string>,
  row: number,
): { row: ExpertRow } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (field: ImportColumn, reason: Msg) => errors.push({ row, field, reason });
  const cell = (c: ImportColumn) => rec[c] ?? '';

  const email = cell('email');
  if (!email) err('email', t('validation.required'));
  else if (!emailSchema.safeParse(email).success) err('email', t('validation.format.email'));
  const nameZh = cell('name_zh');
  const nameEn = cell('name_en');
  if (!nameZh && !nameEn) err('name_zh', t('import.nameRequired'));
  if (nameZh.length > 100) err('name_zh', t('import.atMost100Chars'));
  if (nameEn.length > 100) err('name_en', t('import.atMost100Chars'));
  const org = cell('organisation');
  if (!org) err('organisation', t('import.orgRequired'));

  const disciplineCodes = splitList(cell('discipline_codes')).map((c) => c.toUpperCase());
  for (const c of disciplineCodes)
    if (!DISCIPLINE.test(c)) err('discipline_codes', t('import.badDisciplineCode', { c }));
  if (disciplineCodes.length > 20) err('discipline_codes', t('import.tooManyCodes'));
  const keywords = [...splitList(cell('keywords_zh')), ...splitList(cell('keywords_en'))];
  if (keywords.length > 50) err('keywords_zh', t('import.tooManyKeywords'));
  for (const k of keywords)
    if (k.length > 60)
      err(
        /[\u4e00-\u9fff]/.test(k) ? 'keywords_zh' : 'keywords_en',
        t('import.keywordTooLong', { k: k.slice(0, 20) }),
      );

  let maxLoad = 10;
  const ml = cell('max_load');
  if (ml) {
    if (!/^\d{1,4}$/.test(ml) || Number(ml) > 1000) err('max_load', t('import.maxLoad'));
    else maxLoad = Number(ml);
  }

  const availability: ExpertRow['availability'] = [];
  for (const w of splitList(cell('availability'))) {
    const m = /^(\S+)\s*\.\.\s*(\S+)$/.exec(w);
    if (!m || !validDate(m[1]) || !validDate(m[2])) err('availability', t('import.availabilityShape', { w }));
    else if (m[2] < m[1]) err('availability', t('import.endsBeforeStart', { w }));
    else availability.push({ from: m[1], to: m[2] });
  }

  let employment: ExpertRow['employment'] = null;
  if (cell('employment')) {
    employment = [];
    for (const e of splitList(cell('employment'))) {
      const [o = '', start = '', end = ''] = e.split('|').map((s) => s.trim());
      if (!o || !validDate(start) || (end && !validDate(end)))
        err('employment', t('import.employmentShape', { e }));
      else if (end && end < start) err('employment', t('import.employmentEndsBeforeStart', { e }));
      else employment.push({ org: orgRef(o), start, end: end || null });
    }
  }

  let publications: ExpertRow['publications'] = null;
  if (cell('publications')) {
    publications = [];
    for (const p of splitList(cell('publications'))) {
      const [y = '', title = '', co = ''] = p.split('|').map((s) => s.trim());
      if (!/^\d{4}$/.test(y) || Number(y) < 1900 || Number(y) > 2100 || !title)
        err('publications', t('import.publicationShape', { p: p.slice(0, 40) }));
      else if (title.length > 500) err('publications', t('import.titleTooLong'));
      else
        publications.push({
          year: Number(y),
          title,
          coauthors: co
            .split(/[,，、]/)
            .map((s) => s.trim())
            .filter(Boolean),
        });
    }
  }

  let projects: ExpertRow['projects'] = null;
  if (cell('projects')) {
    projects = [];
    for (const p of splitList(cell('projects'))) {
      const m = /^(\d{4})\s*-\s*(\d{4})?\s*\|\s*(.+)$/.exec(p);
      if (!m) err('projects', t('import.projectShape', { p: p.slice(0, 40) }));
      else if (m[2] && Number(m[2]) < Number(m[1]))
        err('projects', t('import.projectEndsBeforeStart', { p: p.slice(0, 40) }));
      else
        projects.push({ startYear: Number(m[1]), endYear: m[2] ? Number(m[2]) : null, title: m[3].trim() });
    }
  }

  let relations: ExpertRow['relations'] = null;
  if (cell('relations')) {
    relations = [];
    for (const r of splitList(cell('relations'))) {
      const [kind = '', other = '', note = ''] = r.split('|').map((s) => s.trim());
      if (!(RELATION_KINDS as readonly string[]).includes(kind))
        err('relations', t('import.relationKind', { r: r.slice(0, 40), kinds: RELATION_KINDS.join(', ') }));
      else if (!other) err('relations', t('import.relationShape', { r: r.slice(0, 40) }));
      else relations.push({ kind: kind as RelationKind, other, note });
    }
  }

  if (errors.length) return { errors };
  return {
    row: {
      row,
      email,
      nameZh,
      nameEn,
      organisation: orgRef(org),
      disciplineCodes: [...new Set(disciplineCodes)],
      keywords: [...new Set(keywords)],
      maxLoad,
      availability,
      employment,
      publications,
      projects,
      relations,
    },
  };
}

/** Validates every record; a repeated email is an error on its later rows. */
export function validateRecords(records: Record<string, string>[]): {
  rows: ExpertRow[];
  errors: RowError[];
} {
  const rows: ExpertRow[] = [];
  const errors: RowError[] = [];
  if (records.length > MAX_IMPORT_ROWS)
    return {
      rows,
      errors: [
        {
          row: MAX_IMPORT_ROWS + 2,
          field: 'file',
          reason: t('import.tooManyRows', { max: MAX_IMPORT_ROWS }),
        },
      ],
    };
  const seen = new Map<string, number>();
  records.forEach((rec, i) => {
    const rowNo = i + 2;
    if (Object.values(rec).every((v) => v === '')) return; // blank line
    const v = validateRecord(rec, rowNo);
    if ('errors' in v) {
      errors.push(...v.errors);
      return;
    }
    const key = v.row.email.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row: rowNo, field: 'email', reason: t('import.repeatsRow', { first }) });
      return;
    }
    seen.set(key, rowNo);
    rows.push(v.row);
  });
  return { rows, errors };
}

/** Whether some availability window covers the date ('YYYY-MM-DD'); no windows = always available. */
export function availableOn(windows: readonly { from: string; to: string }[], date: string): boolean {
  return windows.length === 0 || windows.some((w) => w.from <= date && date <= w.to);
}

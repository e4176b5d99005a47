// Synthetic expert profiles and items with topical structure, in Chinese and English.
//
// Disciplines form an NSFC-like tree: 8 departments (A–H) × 6–12 second-level × 4–10 leaf codes
// (e.g. F0207). Each leaf, second-level area and department has its own Chinese and English word
// lists; a text about a leaf draws 45% of its words from the leaf, 20% from its area, 10% from
// its department and 25% from a shared background (log-uniform, so a few background words are
// very common). Chinese words come from jieba's own dictionary (nouns and verbs, 2–4 characters)
// and are written without spaces, so jieba re-segments them as it would real text; English words
// are pronounceable pseudo-words. Everything is a pure function of (seed, index).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ExpertProfile, ItemProfile } from '../../src/core/affinity/index.ts';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hash2(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** Log-uniform rank: word i is drawn with probability ∝ roughly 1/(i+1). */
const zipf = <T>(r: () => number, xs: readonly T[]): T =>
  xs[Math.min(xs.length - 1, Math.floor(Math.exp(r() * Math.log(xs.length + 1)) - 1))];
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

interface Vocab {
  zh: string[];
  en: string[];
}

interface Leaf {
  code: string;
  leaf: Vocab;
  area: Vocab;
  dept: Vocab;
}

export interface World {
  leaves: Leaf[];
  background: Vocab;
  seed: number;
}

function chineseWords(): string[] {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@node-rs/jieba/dict.txt');
  const out: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [w, f, tag] = line.split(' ');
    if (!w || !tag || !/^\p{Script=Han}{2,4}$/u.test(w)) continue;
    if (!(tag.startsWith('n') || tag === 'v' || tag === 'vn') || Number(f) < 3) continue;
    out.push(w);
  }
  return out;
}

function englishWords(r: () => number, n: number): string[] {
  const on = [
    'b',
    'c',
    'd',
    'f',
    'g',
    'h',
    'k',
    'l',
    'm',
    'n',
    'p',
    'r',
    's',
    't',
    'v',
    'tr',
    'pl',
    'st',
    'cr',
  ];
  const nu = ['a', 'e', 'i', 'o', 'u', 'io', 'ea', 'ou'];
  const co = ['', 'n', 'r', 's', 'l', 'x', 'm', 'nt', 'st'];
  const suf = ['', '', 'ation', 'ic', 'al', 'ity', 'ing', 'er', 'ism', 'ase', 'ene', 'ide'];
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < n) {
    let w = '';
    const syl = int(r, 2, 3);
    for (let i = 0; i < syl; i++) w += pick(r, on) + pick(r, nu) + pick(r, co);
    w += pick(r, suf);
    if (w.length >= 5 && !seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

function shuffle<T>(r: () => number, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Builds the discipline tree and its vocabularies. */
export function makeWorld(seed: number): World {
  const r = rng(seed);
  const zhAll = shuffle(r, chineseWords());
  const enAll = englishWords(r, 60000);
  let zi = 0;
  let ei = 0;
  const take = (nz: number, ne: number): Vocab => {
    const v = { zh: zhAll.slice(zi, zi + nz), en: enAll.slice(ei, ei + ne) };
    zi = (zi + nz) % (zhAll.length - nz);
    ei = (ei + ne) % (enAll.length - ne);
    return v;
  };
  const background = take(3000, 3000);
  const leaves: Leaf[] = [];
  for (const d of 'ABCDEFGH') {
    const dept = take(150, 150);
    const areas = int(r, 6, 12);
    for (let a = 1; a <= areas; a++) {
      const area = take(80, 80);
      const ls = int(r, 4, 10);
      for (let l = 1; l <= ls; l++) {
        leaves.push({
          code: `${d}${String(a).padStart(2, '0')}${String(l).padStart(2, '0')}`,
          leaf: take(50, 50),
          area,
          dept,
        });
      }
    }
  }
  return { leaves, background, seed };
}

function words(r: () => number, w: World, leaf: Leaf, n: number, lang: 'zh' | 'en'): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    const v = u < 0.45 ? leaf.leaf : u < 0.65 ? leaf.area : u < 0.75 ? leaf.dept : w.background;
    out.push(zipf(r, v[lang]));
  }
  return out;
}

function text(r: () => number, w: World, leaf: Leaf, n: number, lang: 'zh' | 'en'): string {
  const ws = words(r, w, leaf, n, lang);
  if (lang === 'en') return ws.join(' ');
  // Chinese runs with occasional punctuation and a number, as in real abstracts.
  let s = '';
  for (let i = 0; i < ws.length; i++) {
    s += ws[i];
    if (i % 9 === 8) s += r() < 0.2 ? `${int(r, 2, 2024)}年，` : '，';
  }
  return `${s}。`;
}

const leafOf = (r: () => number, w: World): Leaf => zipf(r, w.leaves);

function nearbyLeaf(r: () => number, w: World, leaf: Leaf): Leaf {
  if (r() < 0.5) {
    const same = w.leaves.filter((l) => l.code.slice(0, 3) === leaf.code.slice(0, 3));
    return pick(r, same);
  }
  return leafOf(r, w);
}

/** Expert number i: keywords, 10–25 publication titles, one or two discipline codes. */
export function makeExpert(w: World, i: number): ExpertProfile {
  const r = rng(hash2(w.seed, 2 * i + 1));
  const leaf = leafOf(r, w);
  const second = r() < 0.3 ? nearbyLeaf(r, w, leaf) : undefined;
  const keywords: string[] = [];
  for (let k = int(r, 4, 8); k > 0; k--) {
    const lf = second && r() < 0.3 ? second : leaf;
    keywords.push(r() < 0.6 ? words(r, w, lf, 1, 'zh')[0] : words(r, w, lf, int(r, 1, 2), 'en').join(' '));
  }
  const publicationTitles: string[] = [];
  for (let p = int(r, 10, 25); p > 0; p--) {
    const lf = second && r() < 0.3 ? second : leaf;
    const zh = r() < 0.6;
    publicationTitles.push(text(r, w, lf, int(r, 5, 10), zh ? 'zh' : 'en'));
  }
  return { keywords, publicationTitles, disciplineCodes: second ? [leaf.code, second.code] : [leaf.code] };
}

/** Item number i: title, abstract (80% Chinese), keywords in both languages, one or two codes. */
export function makeItem(w: World, i: number): ItemProfile {
  const r = rng(hash2(w.seed, 2 * i + 2));
  const leaf = leafOf(r, w);
  const second = r() < 0.3 ? nearbyLeaf(r, w, leaf) : undefined;
  const lang = r() < 0.8 ? 'zh' : 'en';
  const keywords: string[] = [];
  for (let k = int(r, 3, 5); k > 0; k--) keywords.push(words(r, w, leaf, 1, r() < 0.5 ? 'zh' : 'en')[0]);
  return {
    title: text(r, w, leaf, int(r, 6, 12), lang),
    abstract: text(r, w, second && r() < 0.5 ? second : leaf, int(r, 60, 120), lang),
    keywords,
    disciplineCodes: second ? [leaf.code, second.code] : [leaf.code],
  };
}

// Synthetic corpora of Chinese and English paragraphs with planted
// near-duplicates (reordered sentences, replaced words, inserted and deleted
// passages). Deterministic for a seed. Words follow a Zipf law so unrelated
// paragraphs share common words the way real ones do.

export interface GeneratedDoc {
  id: string;
  text: string;
}

export interface PlantedVariant {
  /** Index (into docs) of the variant and of the document it was derived from. */
  variant: number;
  source: number;
  /** Edits applied, e.g. "reorder+replace3+insert1". */
  edits: string;
}

export interface Corpus {
  docs: GeneratedDoc[];
  planted: PlantedVariant[];
  /** Group of each document: documents derived from the same original share it. */
  group: Int32Array;
}

export interface CorpusOptions {
  size: number;
  seed?: number;
  /** Share of documents that are planted variants. Default 0.2. */
  variantShare?: number;
}

function rng(seed: number): () => number {
  // mulberry32: fast, good enough for synthetic text.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Samples ranks 0..n-1 with P(r) ∝ 1/(r+1)^s by binary search on the CDF.
function zipf(n: number, s: number, rand: () => number): () => number {
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let r = 0; r < n; r++) cdf[r] = acc += 1 / (r + 1) ** s;
  for (let r = 0; r < n; r++) cdf[r] /= acc;
  return () => {
    const u = rand();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const EN_FUNCTION = (
  'the of and to in a is that for it as with was on be by this are or from at which an have not has ' +
  'we our will their its these can been more also such than between based using new study research results'
).split(' ');
const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'st',
  'pr',
  'tr',
  'ch',
  'sh',
  'th',
  'gr',
  'cl',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ea', 'io', 'ou', 'ai'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ng', 'ct', 'x'];
const SUFFIXES = ['', '', '', 'tion', 'ing', 'ed', 'ity', 'al', 'ic', 'ment', 'ous', 'ive', 's'];

function englishVocabulary(size: number, rand: () => number): string[] {
  const words = new Set(EN_FUNCTION);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  while (words.size < size) {
    const syllables = 1 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    words.add(w + pick(SUFFIXES));
  }
  return [...words];
}

// Characters come from the start of the CJK block with their own Zipf law;
// words are 1–4 characters, mostly 2, as in running Chinese text.
function chineseVocabulary(size: number, rand: () => number): string[] {
  const char = zipf(3500, 0.9, rand);
  const words = new Set<string>([
    '的',
    '了',
    '和',
    '是',
    '在',
    '对',
    '与',
    '及',
    '研究',
    '项目',
    '技术',
    '发展',
  ]);
  while (words.size < size) {
    const u = rand();
    const len = u < 0.1 ? 1 : u < 0.75 ? 2 : u < 0.92 ? 3 : 4;
    let w = '';
    for (let i = 0; i < len; i++) w += String.fromCharCode(0x4e00 + ((char() * 7919) % 20902));
    words.add(w);
  }
  return [...words];
}

type Lang = 'zh' | 'en';

class TextMaker {
  readonly rand: () => number;
  readonly #zh: string[];
  readonly #en: string[];
  readonly #zhRank: () => number;
  readonly #enRank: () => number;
  constructor(seed: number) {
    this.rand = rng(seed);
    this.#zh = chineseVocabulary(30_000, this.rand);
    this.#en = englishVocabulary(30_000, this.rand);
    this.#zhRank = zipf(this.#zh.length, 1.0, this.rand);
    this.#enRank = zipf(this.#en.length, 1.0, this.rand);
  }
  word(lang: Lang): string {
    return lang === 'zh' ? this.#zh[this.#zhRank()] : this.#en[this.#enRank()];
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  /** A sentence as a list of words (punctuation is added when joined). */
  sentence(lang: Lang): string[] {
    const n = lang === 'zh' ? this.int(6, 18) : this.int(8, 22);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.word(lang));
    return out;
  }
  paragraph(lang: Lang): string[][] {
    const n = this.int(3, 7);
    const out: string[][] = [];
    for (let i = 0; i < n; i++) out.push(this.sentence(lang));
    return out;
  }
}

function render(lang: Lang, all: string[][]): string {
  const sentences = all.filter((s) => s.length > 0);
  if (lang === 'zh')
    return sentences.map((s) => `${s.slice(0, 6).join('')}，${s.slice(6).join('')}。`).join('');
  return sentences
    .map((s) => {
      const w = s.join(' ');
      const comma = w.indexOf(' ', Math.floor(w.length / 2));
      const body = comma > 0 ? `${w.slice(0, comma)},${w.slice(comma)}` : w;
      return `${body[0].toUpperCase()}${body.slice(1)}.`;
    })
    .join(' ');
}

// Applies 1–3 random edits; their strength is spread so the resulting Jaccard
// falls on both sides of 0.8 (tested against exact Jaccard by the benchmark).
function mutate(m: TextMaker, lang: Lang, source: string[][]): { sentences: string[][]; edits: string } {
  const s = source.map((x) => [...x]);
  const edits: string[] = [];
  const kinds = ['reorder', 'replace', 'insert', 'delete'];
  const count = m.int(1, 3);
  for (let e = 0; e < count; e++) {
    const kind = kinds[m.int(0, kinds.length - 1)];
    if (kind === 'reorder' && s.length > 1) {
      for (let i = s.length - 1; i > 0; i--) {
        const j = m.int(0, i);
        [s[i], s[j]] = [s[j], s[i]];
      }
      edits.push('reorder');
    } else if (kind === 'replace') {
      const r = m.int(1, 6);
      for (let i = 0; i < r; i++) {
        const si = m.int(0, s.length - 1);
        s[si][m.int(0, s[si].length - 1)] = m.word(lang);
      }
      edits.push(`replace${r}`);
    } else if (kind === 'insert') {
      const words = m.int(3, 12);
      const passage: string[] = [];
      for (let i = 0; i < words; i++) passage.push(m.word(lang));
      s.splice(m.int(0, s.length), 0, passage);
      edits.push(`insert${words}`);
    } else if (kind === 'delete' && s.length > 3) {
      const si = m.int(0, s.length - 1);
      const from = m.int(0, s[si].length - 1);
      const n = Math.min(m.int(2, 8), s[si].length - from);
      s[si].splice(from, n);
      edits.push(`delete${n}`);
    } else {
      edits.push('none');
    }
  }
  return { sentences: s, edits: edits.join('+') };
}

/** Generates `size` documents, about variantShare of them variants of others. */
export function generateCorpus({ size, seed = 20240601, variantShare = 0.2 }: CorpusOptions): Corpus {
  const m = new TextMaker(seed);
  const width = String(size - 1).length;
  // Slots are shuffled so variants are scattered across the corpus, not adjacent.
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  for (let i = size - 1; i > 0; i--) {
    const j = m.int(0, i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const docs: GeneratedDoc[] = new Array(size);
  const group = new Int32Array(size);
  const planted: PlantedVariant[] = [];
  let made = 0;
  while (made < size) {
    const lang: Lang = m.rand() < 0.5 ? 'zh' : 'en';
    const base = m.paragraph(lang);
    const slot = order[made++];
    docs[slot] = { id: `d${String(slot).padStart(width, '0')}`, text: render(lang, base) };
    group[slot] = slot;
    // Each original spawns variants so that about variantShare of all documents are variants.
    let variants = 0;
    const share = variantShare / (1 - variantShare);
    while (m.rand() < share / (variants === 0 ? 1 : 2 * share + 0.5) && variants < 4) variants++;
    let parent = base;
    let parentSlot = slot;
    for (let v = 0; v < variants && made < size; v++) {
      const { sentences, edits } = mutate(m, lang, parent);
      const vs = order[made++];
      docs[vs] = { id: `d${String(vs).padStart(width, '0')}`, text: render(lang, sentences) };
      group[vs] = slot;
      planted.push({ variant: vs, source: parentSlot, edits });
      // Half the time chain (variant of a variant), else another variant of the original.
      if (m.rand() < 0.5) {
        parent = sentences;
        parentSlot = vs;
      }
    }
  }
  return { docs, planted, group };
}

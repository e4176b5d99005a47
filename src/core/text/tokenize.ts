// Tokenisation of mixed Chinese/English scientific text into index terms.
//
// Pipeline: NFKC (full-width letters and digits become ASCII) → lower case → split into Han runs
// and Latin/Greek/digit words. Han runs are segmented with jieba; other words are split at
// hyphens/slashes, English words are stemmed (Porter, `stemmer`), stop words of both languages
// are dropped. Numbers: bare numbers (years, quantities) carry no topic and are dropped; a
// number glued to a known unit keeps only the unit ("3.5GHz" → "ghz", "10nm" → "nm"); other
// letter–digit mixes are names and are kept whole ("cas9", "h2o", "5g", "covid-19" → "covid19").
//
// Deterministic and free of I/O except that importing the jieba dictionary module reads the
// bundled dictionary once; the jieba instance itself is created on first use.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { stemmer } from 'stemmer';
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from './stopwords.ts';

export interface TokenizeOptions {
  /** Stem English words (Porter). Default true. */
  stem?: boolean;
  /** Drop stop words of both languages. Default true. */
  dropStopWords?: boolean;
  /** jieba mode: 'precise' (cut) or 'search' (cutForSearch, adds overlapping sub-words). Default 'precise'. */
  chineseMode?: 'precise' | 'search';
}

let jieba: Jieba | undefined;

/** The shared jieba instance, created on first use (loading the dictionary takes ~0.2 s). */
export function getJieba(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const UNITS: ReadonlySet<string> = new Set(
  (
    'nm um μm µm mm cm km hz khz mhz ghz thz mw kw gw tw mwh kwh gwh twh mv kv ev kev mev gev tev ' +
    'mg kg ug μg µg ml ul μl µl db dbm kb mb gb tb pb ms ns ps fs us μs µs mol mmol umol nmol kpa mpa gpa ' +
    'pa bar mbar kda da bp kb mbp rpm fps bps kbps mbps gbps nit lux ppm ppb'
  ).split(' '),
);

// Han runs, or words of Latin/Greek/Cyrillic letters and digits joined by in-word punctuation.
const WORD_RE =
  /(\p{Script=Han}+)|([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]+(?:[-_./'’][\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]+)*)/gu;
const NUMBER_RE = /^\d+(?:\.\d+)?$/;
const NUMBER_UNIT_RE = /^\d+(?:\.\d+)?([^\d.]+)$/;
const LETTERS_RE = /^[a-z]+$/;
const DIGITS_RE = /^\d+$/;
const HAS_LETTER_RE = /\p{L}/u;

const STEM_CACHE_LIMIT = 200_000;
let stemCache = new Map<string, string>();

function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache = new Map();
    stemCache.set(word, s);
  }
  return s;
}

function pushWordPart(part: string, out: string[], doStem: boolean, dropStop: boolean): void {
  if (part.length === 0 || NUMBER_RE.test(part)) return;
  const unit = NUMBER_UNIT_RE.exec(part);
  if (unit && UNITS.has(unit[1])) {
    out.push(unit[1]);
    return;
  }
  if (LETTERS_RE.test(part)) {
    if (part.length < 2 || (dropStop && ENGLISH_STOP_WORDS.has(part))) return;
    out.push(doStem ? stem(part) : part);
    return;
  }
  if (!HAS_LETTER_RE.test(part)) return;
  // Greek letters alone ("β") or mixed names ("cas9", "h2o", "5g") are kept verbatim.
  out.push(part);
}

function pushWord(word: string, out: string[], doStem: boolean, dropStop: boolean): void {
  // "alzheimer's" → "alzheimer"
  const w = word.replace(/['’]s$/, '').replace(/['’]/g, '');
  const parts = w.split(/[-_/]|\.(?!\d)|(?<!\d)\./);
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i];
    // "covid-19", "il-6": a letter word followed by a bare number names one thing.
    if (i + 1 < parts.length && LETTERS_RE.test(p) && DIGITS_RE.test(parts[i + 1])) {
      p += parts[i + 1];
      i++;
    }
    pushWordPart(p, out, doStem, dropStop);
  }
}

/** Splits mixed Chinese/English text into normalised index terms (see the file comment for the rules). */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const doStem = options.stem ?? true;
  const dropStop = options.dropStopWords ?? true;
  const search = options.chineseMode === 'search';
  const out: string[] = [];
  const norm = text.normalize('NFKC').toLowerCase();
  for (const m of norm.matchAll(WORD_RE)) {
    if (m[1] !== undefined) {
      const j = getJieba();
      const words = search ? j.cutForSearch(m[1], true) : j.cut(m[1], true);
      for (const w of words) if (!(dropStop && CHINESE_STOP_WORDS.has(w))) out.push(w);
    } else {
      pushWord(m[2], out, doStem, dropStop);
    }
  }
  return out;
}

// Incremental near-duplicate index: MinHash + LSH banding to find candidates,
// then exact shingle Jaccard (or the MinHash estimate) to confirm. Storage is a
// handful of growable typed arrays, no per-document objects, so a million
// documents fit in well under 2 GB.
import { jaccardAtLeast } from './jaccard.ts';
import { type Banding, bandKeys, chooseBanding } from './lsh.ts';
import { minhashSeeds, minhashSignature } from './minhash.ts';
import { normalizeText } from './normalize.ts';
import { DEFAULT_SHINGLE_LENGTH, shingleSet } from './shingle.ts';

export type SimilarityMode = 'exact' | 'estimate';

export interface DedupOptions {
  /** Report pairs with similarity ≥ threshold. Default 0.8. */
  threshold?: number;
  /** Shingle length in normalised characters. Default 5. */
  shingleLength?: number;
  /** MinHash functions. Default 128. */
  numHashes?: number;
  /** LSH banding; default chooseBanding(threshold, numHashes). */
  banding?: Banding;
  /** 'exact' (default): confirm with exact shingle Jaccard; 'estimate': MinHash estimate only. */
  similarity?: SimilarityMode;
  /** Seed of the hash functions. Default 1. Changing it invalidates prepared documents. */
  seed?: number;
}

export interface DedupParams {
  readonly threshold: number;
  readonly shingleLength: number;
  readonly numHashes: number;
  readonly banding: Banding;
  readonly similarity: SimilarityMode;
  readonly seed: number;
  /** Identifies everything a PreparedDocument depends on; store it beside persisted ones. */
  readonly fingerprint: string;
}

/** What the index keeps of a document; can be persisted and re-added without the text. */
export interface PreparedDocument {
  /** Shingle hashes, ascending, no repeats. */
  readonly shingles: Uint32Array;
  /** MinHash signature (numHashes values). */
  readonly signature: Uint32Array;
  /** One key per LSH band. */
  readonly bandKeys: Uint32Array;
}

export interface Match {
  readonly id: string;
  readonly similarity: number;
}

/** Resolves options to concrete parameters, validating them. */
export function resolveDedupParams(options: DedupOptions = {}): DedupParams {
  const threshold = options.threshold ?? 0.8;
  if (!(threshold > 0 && threshold <= 1))
    throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  const shingleLength = options.shingleLength ?? DEFAULT_SHINGLE_LENGTH;
  if (!Number.isInteger(shingleLength) || shingleLength < 1) {
    throw new RangeError(`shingleLength must be a positive integer, got ${shingleLength}`);
  }
  const numHashes = options.numHashes ?? 128;
  const banding = options.banding ?? chooseBanding(threshold, numHashes);
  if (banding.bands * banding.rows > numHashes || banding.bands < 1 || banding.rows < 1) {
    throw new RangeError(`banding ${banding.bands}×${banding.rows} does not fit ${numHashes} hashes`);
  }
  const similarity = options.similarity ?? 'exact';
  const seed = options.seed ?? 1;
  const fingerprint = `k${shingleLength}-h${numHashes}-b${banding.bands}r${banding.rows}-s${seed}`;
  return { threshold, shingleLength, numHashes, banding, similarity, seed, fingerprint };
}

const CHUNK = 1 << 22; // shingle pool chunk, in uint32 (16 MiB)

function grownInt32(a: Int32Array, min: number): Int32Array {
  const b = new Int32Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}
function grownUint32(a: Uint32Array, min: number): Uint32Array {
  const b = new Uint32Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

/** Near-duplicate index: add documents one by one, each checked against all earlier ones. */
export class DedupIndex {
  readonly params: DedupParams;
  readonly #seeds: Uint32Array;
  readonly #ids: string[] = [];
  readonly #byId = new Map<string, number>();
  // Shingle sets, chunked so growth never copies the bulk.
  readonly #chunks: Uint32Array[] = [];
  #chunkUsed = 0;
  #docChunk: Int32Array = new Int32Array(0);
  #docOffset: Int32Array = new Int32Array(0);
  #docLength: Int32Array = new Int32Array(0);
  // Signatures, kept only in 'estimate' mode (numHashes per document).
  #signatures: Uint32Array = new Uint32Array(0);
  // LSH table: entry e = doc * bands + band; chains through #next from #heads.
  #entryKey: Uint32Array = new Uint32Array(0);
  #next: Int32Array = new Int32Array(0);
  #heads: Int32Array = new Int32Array(1 << 10).fill(-1);
  #linked = 0;
  // Marks documents already seen in the current query (stamp per query).
  #seen: Int32Array = new Int32Array(0);
  #stamp = 0;
  // Documents whose text was replaced: 1 for a retired slot, never matched again.
  #retired: Int32Array = new Int32Array(0);
  #retiredCount = 0;

  constructor(options: DedupOptions = {}) {
    this.params = resolveDedupParams(options);
    this.#seeds = minhashSeeds(this.params.numHashes, this.params.seed);
  }

  /** Number of documents held (a replaced text counts once). */
  get size(): number {
    return this.#ids.length - this.#retiredCount;
  }

  /** Whether a document with this id was added. */
  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** Normalises, shingles and signs `text` for this index's parameters. */
  prepare(text: string): PreparedDocument {
    const shingles = shingleSet(normalizeText(text).chars, this.params.shingleLength);
    const signature = minhashSignature(shingles, this.#seeds);
    return { shingles, signature, bandKeys: bandKeys(signature, this.params.banding) };
  }

  /** Earlier documents with similarity ≥ threshold, most similar first (ties by id). */
  query(doc: string | PreparedDocument): Match[] {
    const p = typeof doc === 'string' ? this.prepare(doc) : doc;
    this.#checkPrepared(p);
    return this.#matches(p).map(([i, similarity]) => ({ id: this.#ids[i], similarity }));
  }

  /** Checks the document against all earlier ones, then adds it. Returns its matches. */
  add(id: string, doc: string | PreparedDocument): Match[] {
    if (this.#byId.has(id)) throw new Error(`duplicate document id ${JSON.stringify(id)}`);
    const p = typeof doc === 'string' ? this.prepare(doc) : doc;
    const matches = this.query(p);
    this.#insert(id, p);
    return matches;
  }

  /**
   * Replaces the text of a document (adding it if absent): later queries match only the new text.
   * The old slot is retired, not reclaimed — replacements are rare (a revised, resubmitted text).
   */
  replace(id: string, doc: string | PreparedDocument): void {
    const p = typeof doc === 'string' ? this.prepare(doc) : doc;
    this.#checkPrepared(p);
    const old = this.#byId.get(id);
    if (old !== undefined) {
      this.#retired[old] = 1;
      this.#retiredCount++;
      this.#byId.delete(id);
    }
    this.#insert(id, p);
  }

  /** Bytes held in typed arrays (ids and the id map excluded). */
  memoryBytes(): number {
    let bytes = 0;
    for (const c of this.#chunks) bytes += c.byteLength;
    for (const a of [
      this.#docChunk,
      this.#docOffset,
      this.#docLength,
      this.#signatures,
      this.#entryKey,
      this.#retired,
    ]) {
      bytes += a.byteLength;
    }
    return bytes + this.#next.byteLength + this.#heads.byteLength + this.#seen.byteLength;
  }

  /** Stored shingle set of a document (a view into the pool; do not modify). */
  shinglesOf(id: string): Uint32Array | undefined {
    const i = this.#byId.get(id);
    return i === undefined ? undefined : this.#shingles(i);
  }

  #shingles(i: number): Uint32Array {
    const off = this.#docOffset[i];
    return this.#chunks[this.#docChunk[i]].subarray(off, off + this.#docLength[i]);
  }

  #checkPrepared(p: PreparedDocument): void {
    const { numHashes, banding } = this.params;
    if (p.signature.length !== numHashes || p.bandKeys.length !== banding.bands) {
      throw new Error(`prepared document does not fit parameters ${this.params.fingerprint}`);
    }
  }

  #matches(p: PreparedDocument): Array<[number, number]> {
    if (p.shingles.length === 0) return [];
    const { bands } = this.params.banding;
    const keys = p.bandKeys;
    const heads = this.#heads;
    const mask = heads.length - 1;
    const entryKey = this.#entryKey;
    const next = this.#next;
    const seen = this.#seen;
    const stamp = ++this.#stamp;
    const candidates: number[] = [];
    for (let b = 0; b < bands; b++) {
      const key = keys[b];
      for (let e = heads[key & mask]; e !== -1; e = next[e]) {
        if (entryKey[e] !== key || e % bands !== b) continue;
        const doc = (e / bands) | 0;
        if (seen[doc] !== stamp && this.#retired[doc] === 0) {
          seen[doc] = stamp;
          candidates.push(doc);
        }
      }
    }
    const { threshold, similarity, numHashes } = this.params;
    const out: Array<[number, number]> = [];
    for (const doc of candidates) {
      let s: number;
      if (similarity === 'exact') s = jaccardAtLeast(p.shingles, this.#shingles(doc), threshold);
      else {
        let eq = 0;
        const sig = this.#signatures;
        const base = doc * numHashes;
        for (let i = 0; i < numHashes; i++) if (sig[base + i] === p.signature[i]) eq++;
        s = eq / numHashes;
      }
      if (s >= threshold) out.push([doc, s]);
    }
    const ids = this.#ids;
    return out.sort((x, y) => y[1] - x[1] || (ids[x[0]] < ids[y[0]] ? -1 : ids[x[0]] > ids[y[0]] ? 1 : 0));
  }

  #insert(id: string, p: PreparedDocument): void {
    const doc = this.#ids.length;
    this.#ids.push(id);
    this.#byId.set(id, doc);
    if (doc >= this.#docChunk.length) {
      this.#docChunk = grownInt32(this.#docChunk, doc + 1);
      this.#docOffset = grownInt32(this.#docOffset, doc + 1);
      this.#docLength = grownInt32(this.#docLength, doc + 1);
      this.#seen = grownInt32(this.#seen, doc + 1);
      this.#retired = grownInt32(this.#retired, doc + 1);
    }
    this.#storeShingles(doc, p.shingles);
    const { numHashes, similarity } = this.params;
    if (similarity === 'estimate') {
      if ((doc + 1) * numHashes > this.#signatures.length) {
        this.#signatures = grownUint32(this.#signatures, (doc + 1) * numHashes);
      }
      this.#signatures.set(p.signature, doc * numHashes);
    }
    const { bands } = this.params.banding;
    const first = doc * bands;
    if (first + bands > this.#entryKey.length) {
      this.#entryKey = grownUint32(this.#entryKey, first + bands);
      this.#next = grownInt32(this.#next, first + bands);
    }
    this.#entryKey.set(p.bandKeys, first);
    if (p.shingles.length === 0) {
      // An empty text is similar to nothing: leave it out of the buckets.
      this.#next.fill(-1, first, first + bands);
      return;
    }
    this.#linked += bands;
    if (this.#linked > this.#heads.length) this.#rehash(this.#heads.length * 2);
    const heads = this.#heads;
    const mask = heads.length - 1;
    for (let e = first; e < first + bands; e++) {
      const bucket = this.#entryKey[e] & mask;
      this.#next[e] = heads[bucket];
      heads[bucket] = e;
    }
  }

  #rehash(size: number): void {
    const heads = new Int32Array(size).fill(-1);
    const mask = size - 1;
    const { bands } = this.params.banding;
    const entries = this.#ids.length * bands - bands; // the document being inserted links itself after
    for (let e = 0; e < entries; e++) {
      const doc = (e / bands) | 0;
      if (this.#docLength[doc] === 0) continue;
      const bucket = this.#entryKey[e] & mask;
      this.#next[e] = heads[bucket];
      heads[bucket] = e;
    }
    this.#heads = heads;
  }

  #storeShingles(doc: number, s: Uint32Array): void {
    let c = this.#chunks.length - 1;
    if (c < 0 || this.#chunkUsed + s.length > this.#chunks[c].length) {
      this.#chunks.push(new Uint32Array(Math.max(CHUNK, s.length)));
      c++;
      this.#chunkUsed = 0;
    }
    this.#chunks[c].set(s, this.#chunkUsed);
    this.#docChunk[doc] = c;
    this.#docOffset[doc] = this.#chunkUsed;
    this.#docLength[doc] = s.length;
    this.#chunkUsed += s.length;
  }
}

/** A reported pair: ids with a < b, and their similarity. */
export interface DuplicatePair {
  readonly a: string;
  readonly b: string;
  readonly similarity: number;
}

export interface BatchOptions extends DedupOptions {
  /** Called every `progressEvery` documents (default 10,000) and at the end. */
  onProgress?: (done: number, total: number | undefined) => void;
  progressEvery?: number;
}

/** Orders a pair's ids so a < b (UTF-16 code unit order, as JS `<`). */
export function orderedPair(x: string, y: string, similarity: number): DuplicatePair {
  return x < y ? { a: x, b: y, similarity } : { a: y, b: x, similarity };
}

/** Compares pairs by a, then b. */
export function comparePairs(p: DuplicatePair, q: DuplicatePair): number {
  if (p.a !== q.a) return p.a < q.a ? -1 : 1;
  if (p.b !== q.b) return p.b < q.b ? -1 : 1;
  return 0;
}

/** Every pair of documents with similarity ≥ threshold, each once with a < b, sorted by (a, b). */
export function findDuplicatePairs(
  docs: Iterable<{ id: string; text: string }>,
  options: BatchOptions = {},
): DuplicatePair[] {
  const index = new DedupIndex(options);
  const total = Array.isArray(docs) ? docs.length : undefined;
  const every = options.progressEvery ?? 10_000;
  const pairs: DuplicatePair[] = [];
  let done = 0;
  for (const { id, text } of docs) {
    for (const m of index.add(id, text)) pairs.push(orderedPair(id, m.id, m.similarity));
    done++;
    if (options.onProgress && done % every === 0) options.onProgress(done, total);
  }
  options.onProgress?.(done, total);
  return pairs.sort(comparePairs);
}

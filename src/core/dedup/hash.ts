// 32-bit hashing primitives shared by shingling and MinHash. All arithmetic is
// Math.imul / shifts on int32 so V8 keeps it in registers without boxing.

/** MurmurHash3's 32-bit finaliser: a bijection on uint32 with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Deterministic stream of uint32 values (SplitMix32-style); same seed, same stream. */
export function uint32Stream(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    return fmix32(state);
  };
}

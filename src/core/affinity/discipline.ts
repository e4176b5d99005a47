// Discipline-code agreement. Codes are hierarchical; two codes agree more the deeper their
// shared prefix. Recognised schemes (a code of one scheme never agrees with another scheme):
//   NSFC    letter + pairs of digits: "F" (科学部) → "F02" (二级) → "F0201" (三级) → "F020101"
//   GB/T 13745 three digits, dot, pairs of digits: "520" (一级) → "520.20" (二级) → "520.2010" (三级)
//   other   compared whole (one level)
// Agreement of an item code c (depth D) with an expert's code set E:
//   agree(c, E) = CUM[s] / CUM[D],  s = max over e in E of the number of shared levels,
//   CUM = cumulative level weights [0, 0.25, 0.6, 0.85, 1] (same department 0.25, same
//   second level 0.6, same third level 0.85, same fourth level 1), so matching the item's code
//   down to its own depth is 1 whatever that depth is.
// An item with several codes (priority order) gets the weighted mean of its codes' agreements,
// weights codeWeights (default 1, 0.5, 0.25, ...) normalised to sum 1.
// Because prefixes nest, agree(c, E) = Σ over levels L ≤ s of INC[L]/CUM[D]: one additive
// "pseudo-term" per prefix, which lets the inverted index score discipline agreement exactly.

/** Cumulative agreement by number of shared levels (index 0 = nothing shared). */
export const LEVEL_CUMULATIVE: readonly number[] = [0, 0.25, 0.6, 0.85, 1];

const NSFC_RE = /^([A-Z])((?:\d{2}){0,3})$/;
const GBT_RE = /^(\d{3})(?:\.(\d{2})(\d{2})?)?$/;

/** The prefixes of a code from coarsest to finest, each tagged with its scheme ("N:F02", "G:520.20"). */
export function codePrefixes(code: string): string[] {
  const c = code.normalize('NFKC').trim().toUpperCase();
  if (c.length === 0) return [];
  const n = NSFC_RE.exec(c);
  if (n) {
    const out = [`N:${n[1]}`];
    for (let i = 0; i < n[2].length; i += 2) out.push(`N:${n[1]}${n[2].slice(0, i + 2)}`);
    return out;
  }
  const g = GBT_RE.exec(c);
  if (g) {
    const out = [`G:${g[1]}`];
    if (g[2] !== undefined) out.push(`G:${g[1]}.${g[2]}`);
    if (g[3] !== undefined) out.push(`G:${g[1]}.${g[2]}${g[3]}`);
    return out;
  }
  return [`X:${c}`];
}

function cumulative(level: number): number {
  return LEVEL_CUMULATIVE[Math.min(level, LEVEL_CUMULATIVE.length - 1)];
}

/** Default priority weights of an item's codes: 1, 0.5, 0.25, … */
export function defaultCodeWeight(rank: number): number {
  return 0.5 ** rank;
}

/**
 * The weighted prefix "pseudo-terms" of an item's codes: matching all prefixes of a code that an
 * expert shares adds up to that code's agreement. Duplicate prefixes are merged by summing.
 */
export function itemCodeTerms(
  codes: readonly string[],
  codeWeights: readonly number[] = [],
): Map<string, number> {
  const parsed = codes.map(codePrefixes).filter((p) => p.length > 0);
  const out = new Map<string, number>();
  if (parsed.length === 0) return out;
  const w = parsed.map((_, i) => codeWeights[i] ?? defaultCodeWeight(i));
  const total = w.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return out;
  parsed.forEach((prefixes, i) => {
    const depth = prefixes.length;
    const norm = cumulative(depth);
    for (let level = 1; level <= depth; level++) {
      const inc = (cumulative(level) - cumulative(level - 1)) / norm;
      const key = prefixes[level - 1];
      out.set(key, (out.get(key) ?? 0) + (w[i] / total) * inc);
    }
  });
  return out;
}

/** All prefixes of an expert's codes: the pseudo-terms the expert is indexed under. */
export function expertCodeTerms(codes: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const c of codes) for (const p of codePrefixes(c)) out.add(p);
  return out;
}

/** Discipline agreement in [0, 1] computed directly (reference for the additive form). */
export function disciplineAgreement(
  itemCodes: readonly string[],
  expertCodes: readonly string[],
  codeWeights: readonly number[] = [],
): number {
  const items = itemCodes.map(codePrefixes).filter((p) => p.length > 0);
  if (items.length === 0) return 0;
  const experts = expertCodes.map(codePrefixes);
  let num = 0;
  let den = 0;
  items.forEach((ip, i) => {
    const w = codeWeights[i] ?? defaultCodeWeight(i);
    let shared = 0;
    for (const ep of experts) {
      let s = 0;
      while (s < ip.length && s < ep.length && ip[s] === ep[s]) s++;
      if (s > shared) shared = s;
    }
    num += (w * cumulative(shared)) / cumulative(ip.length);
    den += w;
  });
  return den > 0 ? num / den : 0;
}

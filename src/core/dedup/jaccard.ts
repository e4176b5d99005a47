// Exact Jaccard similarity of sorted, repeat-free uint32 sets.

/** |a ∩ b| for two ascending, repeat-free arrays (linear merge). */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let c = 0;
  const na = a.length;
  const nb = b.length;
  while (i < na && j < nb) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      c++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return c;
}

/** Jaccard |a∩b| / |a∪b| of two ascending, repeat-free sets; 0 when both are empty. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  const c = intersectionSize(a, b);
  return c / (a.length + b.length - c);
}

/**
 * Jaccard if it can reach `threshold`, else -1, skipping the merge when the
 * sizes alone rule it out (J ≤ min/max) and stopping early once too many
 * elements are missed.
 */
export function jaccardAtLeast(a: Uint32Array, b: Uint32Array, threshold: number): number {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return -1;
  const small = Math.min(na, nb);
  const large = Math.max(na, nb);
  if (small < threshold * large - 1e-9) return -1;
  // J ≥ t ⇔ |a∩b| ≥ t(na+nb)/(1+t); each element of a (or b) outside the
  // intersection uses up slack, so stop when the misses make that impossible.
  const need = Math.ceil((threshold * (na + nb)) / (1 + threshold) - 1e-9);
  const maxMissA = na - need;
  const maxMissB = nb - need;
  let i = 0;
  let j = 0;
  let c = 0;
  let missA = 0;
  let missB = 0;
  while (i < na && j < nb) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      c++;
      i++;
      j++;
    } else if (x < y) {
      i++;
      if (++missA > maxMissA) return -1;
    } else {
      j++;
      if (++missB > maxMissB) return -1;
    }
  }
  const jac = c / (na + nb - c);
  return jac >= threshold ? jac : -1;
}

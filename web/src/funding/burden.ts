// The burden meter's hook: remembers when a form was opened and which pre-filled fields the person
// changed, and reports {fieldsTotal, fieldsPrefilled, documents, openedAt} on submit.
import { useCallback, useRef } from 'react';
import { api } from '../api.ts';

export interface BurdenReport {
  fieldsTotal: number;
  fieldsPrefilled: number;
  documents: number;
  openedAt: string;
}

/** `fields`: every field of the form; `prefilled`: those the form filled in from earlier records. */
export function useBurdenMeter(fields: readonly string[], prefilled: readonly string[]) {
  const openedAt = useRef(new Date().toISOString());
  const changed = useRef(new Set<string>());
  const touch = useCallback((name: string) => changed.current.add(name), []);
  const report = useCallback(
    (documents = 0): BurdenReport => ({
      fieldsTotal: fields.length,
      fieldsPrefilled: prefilled.filter((f) => !changed.current.has(f)).length,
      documents,
      openedAt: openedAt.current,
    }),
    [fields, prefilled],
  );
  /** Start measuring the next submission of the same form. */
  const restart = useCallback(() => {
    openedAt.current = new Date().toISOString();
    changed.current = new Set();
  }, []);
  return { touch, report, restart };
}

/** For forms whose own request does not carry the measurement (e.g. the bid form). */
export const recordBurden = (form: 'bid' | 'expense', challengeId: string, r: BurdenReport) =>
  api('POST', '/api/funding/burden', { form, challengeId, ...r }).catch(() => {});

// A reference to a named thing (person, organisation, fund, challenge…) in both languages, so the
// web shows the name in the reader's language and never the id.
import { z } from 'zod';

export const NameRef = z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() });
export type NameRef = z.infer<typeof NameRef>;

/** A NameRef from a row's id and names, or null when the row is absent (a left join found none). */
export function nameRef(
  id: string | null | undefined,
  zh: string | null | undefined,
  en: string | null | undefined,
): NameRef | null {
  return id ? { id, nameZh: zh ?? '', nameEn: en ?? '' } : null;
}

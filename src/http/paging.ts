// One shape for every list that grows: ?page=&pageSize=&sort=&order= in, {items, total, page,
// pageSize} out. Lists page, sort and filter on the server; the web table reads `total`.
import { z } from 'zod';

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** The query of a list sortable by the given columns (the first is the default). */
export function pageQuery<const K extends readonly [string, ...string[]]>(sortable: K) {
  return PageQuery.extend({ sort: z.enum(sortable).default(sortable[0]) });
}

/** The response schema of a page of `item`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Offset of the first row of the page. */
export const offsetOf = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;

// Throwaway PostgreSQL databases for tests, cloned from a migrated template.
export const TEMPLATE_DB = 'jiebang_test_template';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

// Shapes saved worksheets for responses (rows never leave the service).
import type { WorksheetRow } from './policy.repo.ts';

export const presentWorksheet = (w: WorksheetRow) => ({
  id: w.id,
  orgId: w.org_id,
  kind: w.kind,
  taxYear: w.tax_year,
  input: w.input as Record<string, unknown>,
  savedBy: w.created_by,
  savedAt: w.created_at.toISOString(),
});

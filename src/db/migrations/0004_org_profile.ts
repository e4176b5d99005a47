// Enterprise profile of an organisation: the facts its admin fills once and the policy tools
// pre-fill from (registration date, GB/T 4754 industry, main business, HNTE domain, head-count,
// integrated-circuit / industrial mother machine status). Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE organisation
  ADD COLUMN registration_date date,
  ADD COLUMN industry_code text CHECK (industry_code ~ '^[A-T]([0-9]{2}([0-9]{1,2})?)?$'),
  ADD COLUMN main_business text NOT NULL DEFAULT '',
  ADD COLUMN hnte_domain text CHECK (hnte_domain IN ('electronicInformation','biotechMedicine','aerospace',
    'newMaterials','highTechServices','newEnergyEfficiency','resourcesEnvironment','advancedManufacturing')),
  ADD COLUMN employee_count integer CHECK (employee_count >= 0),
  ADD COLUMN special_category text CHECK (special_category IN ('none','integratedCircuit','industrialMotherMachine'));
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE organisation
  DROP COLUMN special_category,
  DROP COLUMN employee_count,
  DROP COLUMN hnte_domain,
  DROP COLUMN main_business,
  DROP COLUMN industry_code,
  DROP COLUMN registration_date;
`.execute(db);
}

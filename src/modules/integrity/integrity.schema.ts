// Request schemas of integrity records and duplicate flags.
import { z } from 'zod';

export const SANCTION_BLOCKS = ['bid', 'review', 'funds'] as const;

export const RecordBody = z
  .strictObject({
    subjectPersonId: z.uuid().nullable().default(null),
    subjectOrgId: z.uuid().nullable().default(null),
    findingType: z.enum([
      'fabrication',
      'falsification',
      'plagiarism',
      'duplicate_submission',
      'misuse_of_funds',
      'ethics_violation',
      'other',
    ]),
    severity: z.enum(['minor', 'serious', 'grave']),
    evidence: z.string().trim().min(1, { message: 'is required' }).max(20000),
    decision: z.string().trim().min(1, { message: 'is required' }).max(20000),
    sanction: z
      .strictObject({
        blocks: z.array(z.enum(SANCTION_BLOCKS)).min(1, { message: 'name what the sanction blocks' }),
        startsOn: z.iso.date({ message: 'must be a date YYYY-MM-DD' }),
        endsOn: z.iso.date({ message: 'must be a date YYYY-MM-DD' }),
      })
      .refine((s) => s.endsOn >= s.startsOn, { message: 'must not be before the start', path: ['endsOn'] })
      .nullable()
      .default(null),
  })
  .refine((b) => b.subjectPersonId || b.subjectOrgId, {
    message: 'name a person or an organisation',
    path: ['subjectPersonId'],
  });
export type RecordInput = z.infer<typeof RecordBody>;

export const AppealBody = z.strictObject({ appealStatus: z.enum(['pending', 'upheld', 'overturned']) });
export const FlagDecisionBody = z.strictObject({
  decision: z.enum(['dismissed', 'confirmed']),
  note: z.string().trim().min(1, { message: 'record why' }).max(5000),
});

// Every CLI subcommand registers itself here; keep the list sorted.
import type { Command } from 'commander';
import { registerAdmin } from './admin.ts';
import { registerAssign } from './assign.ts';
import { registerAudit } from './audit.ts';
import { registerBackup } from './backup.ts';
import { registerCommissioners } from './commissioners.ts';
import { registerDatabase } from './database.ts';
import { registerDb } from './db.ts';
import { registerDedup } from './dedup.ts';
import { registerDelphi } from './delphi.ts';
import { registerDemo } from './demo.ts';
import { registerExperts } from './experts.ts';
import { registerIntegrity } from './integrity.ts';
import { registerIp } from './ip.ts';
import { registerLedger } from './ledger.ts';
import { registerPolicy } from './policy.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerAdmin,
  registerAssign,
  registerAudit,
  registerBackup,
  registerCommissioners,
  registerDatabase,
  registerDb,
  registerDedup,
  registerDelphi,
  registerDemo,
  registerExperts,
  registerIntegrity,
  registerIp,
  registerLedger,
  registerPolicy,
];

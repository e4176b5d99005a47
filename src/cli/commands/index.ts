// Every CLI subcommand registers itself here; keep the list sorted.
import type { Command } from 'commander';
import { registerAdmin } from './admin.ts';
import { registerAudit } from './audit.ts';
import { registerDatabase } from './database.ts';
import { registerDemo } from './demo.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerAdmin, registerAudit, registerDatabase, registerDemo];

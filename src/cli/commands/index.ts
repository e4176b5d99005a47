// Every CLI subcommand registers itself here; keep the list sorted.
import type { Command } from 'commander';
import { registerDedup } from './dedup.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerDedup];

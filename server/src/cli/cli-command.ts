import type { DataSource } from 'typeorm';
import type { AppConfig } from '../common/config/app-config';
import type { ChangeContext } from '../common/database/actor-transaction';

/** What the command line reads and writes: process values in production, fakes in tests. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin?: AsyncIterable<string | Buffer>;
}

export interface CommandContext {
  io: CliIo;
  config: AppConfig;
  dataSource: DataSource;
}

export interface CommandOption {
  type: 'string' | 'boolean';
  /** Placeholder of a string option's value in the usage, e.g. `<login>`. */
  value?: string;
  required?: boolean;
  description: string;
}

export interface CommandInput {
  options: Record<string, string | boolean | undefined>;
  args: string[];
}

/** One `crm` command; run-cli parses its arguments from this description and prints its usage. */
export interface CliCommand {
  /** The words that call it, e.g. `migrate down`. */
  name: string;
  summary: string;
  /** Required positional arguments, e.g. `['login']`. */
  args?: string[];
  options?: Record<string, CommandOption>;
  /** More help after the options. */
  notes?: string;
  run(context: CommandContext, input: CommandInput): Promise<number>;
}

/** Exit codes: 0 done, 1 failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A wrong command line: run-cli prints the message with the command's usage and exits 2. */
export class UsageError extends Error {}

/** A command that cannot do what was asked: run-cli prints the message and exits 1. */
export class CommandFailure extends Error {}

/** The system acting from the command line: no user, the command as request id in the audit trail. */
export const cliContext = (command: string): ChangeContext => ({ actorId: null, requestId: `cli:${command.replace(/ /g, '-')}` });

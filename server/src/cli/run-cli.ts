import 'reflect-metadata';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { loadConfig } from '../common/config/app-config';
import { openDatabase } from '../common/database/open-database';
import { createBootLogger } from '../common/logging';
import { AUDIT_COMMANDS } from './audit.commands';
import { BACKUP_COMMANDS } from './backup.commands';
import { DEMO_COMMANDS } from './demo.commands';
import { IMPORT_COMMANDS } from './import.commands';
import { CliCommand, CliIo, EXIT, UsageError } from './cli-command';
import { MIGRATE_COMMANDS } from './migrate.commands';
import { USER_COMMANDS } from './user.commands';

export const COMMANDS: CliCommand[] = [...MIGRATE_COMMANDS, ...USER_COMMANDS, ...BACKUP_COMMANDS, ...DEMO_COMMANDS, ...AUDIT_COMMANDS, ...IMPORT_COMMANDS];

const HELP = ['--help', '-h'];

const synopsis = (command: CliCommand): string =>
  [
    `crm ${command.name}`,
    ...(command.args ?? []).map((a) => `<${a}>`),
    ...Object.entries(command.options ?? {}).map(([name, o]) => {
      const flag = o.type === 'string' ? `--${name} ${o.value ?? '<value>'}` : `--${name}`;
      return o.required ? flag : `[${flag}]`;
    }),
  ].join(' ');

function commandUsage(command: CliCommand): string {
  const options: [string, string][] = [
    ...Object.entries(command.options ?? {}).map(([name, o]): [string, string] => [
      o.type === 'string' ? `--${name} ${o.value ?? '<value>'}` : `--${name}`,
      o.required ? `${o.description} (required)` : o.description,
    ]),
    ['-h, --help', 'show this help'],
  ];
  const width = Math.max(...options.map(([flag]) => flag.length)) + 2;
  return [
    `Usage: ${synopsis(command)}`,
    '',
    `${command.summary[0].toUpperCase()}${command.summary.slice(1)}.`,
    '',
    'Options:',
    ...options.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
    ...(command.notes ? ['', command.notes] : []),
  ].join('\n');
}

function usage(commands: CliCommand[], heading = 'Usage: crm <command> [options]'): string {
  return [
    heading,
    '',
    'Commands:',
    ...commands.flatMap((c) => [`  ${synopsis(c)}`, `      ${c.summary}`]),
    '',
    'Run "crm <command> --help" for its options. Configuration comes from the same environment',
    'variables as the server (see docs/configuration.md). Exit codes: 0 done, 1 failed, 2 wrong usage.',
  ].join('\n');
}

/** The first sentence of a parseArgs error, e.g. "Unknown option '--foo'". */
const firstSentence = (message: string): string => message.split(/\.\s/)[0].replace(/\.$/, '');

function parseInput(command: CliCommand, argv: string[]): { help: boolean; options: Record<string, string | boolean | undefined>; args: string[] } {
  const options: ParseArgsConfig['options'] = { help: { type: 'boolean', short: 'h' } };
  for (const [name, option] of Object.entries(command.options ?? {})) {
    options[name] = { type: option.type };
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError(firstSentence((error as Error).message));
  }
  const { help, ...values } = parsed.values;
  if (help) {
    return { help: true, options: values, args: [] };
  }
  const expected = command.args ?? [];
  if (parsed.positionals.length < expected.length) {
    throw new UsageError(`missing <${expected[parsed.positionals.length]}>`);
  }
  if (parsed.positionals.length > expected.length) {
    throw new UsageError(`unexpected argument "${parsed.positionals[expected.length]}"`);
  }
  for (const [name, option] of Object.entries(command.options ?? {})) {
    if (option.required && values[name] === undefined) {
      throw new UsageError(`missing --${name} ${option.value ?? '<value>'}`);
    }
  }
  return { help: false, options: values, args: parsed.positionals };
}

type Lookup = { command: CliCommand; rest: string[] } | { commands: CliCommand[]; heading?: string; problem?: string };

/** The command the first words of argv name; otherwise the commands to list, with the problem if it is not a request for help. */
function findCommand(argv: string[]): Lookup {
  const command = COMMANDS.filter((c) => c.name.split(' ').every((word, i) => argv[i] === word)).sort((a, b) => b.name.length - a.name.length)[0];
  if (command) {
    return { command, rest: argv.slice(command.name.split(' ').length) };
  }
  const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
  if (group.length === 0) {
    return { commands: COMMANDS, problem: `unknown command "${argv[0]}"` };
  }
  const heading = `Usage: crm ${argv[0]} <command> [options]`;
  if (argv[1] === undefined) {
    return { commands: group, heading, problem: `missing command after "${argv[0]}"` };
  }
  return { commands: group, heading, problem: HELP.includes(argv[1]) ? undefined : `unknown command "${argv[0]} ${argv[1]}"` };
}

/**
 * The `crm` command line. Parses argv, opens the database the environment names, runs the
 * command and returns its exit code: 0 done, 1 failed, 2 wrong usage. Never throws.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    io.stderr.write(`${usage(COMMANDS)}\n`);
    return EXIT.usage;
  }
  if (HELP.includes(argv[0]) || argv[0] === 'help') {
    io.stdout.write(`${usage(COMMANDS)}\n`);
    return EXIT.ok;
  }
  const found = findCommand(argv);
  if (!('command' in found)) {
    const text = usage(found.commands, found.heading);
    if (found.problem === undefined) {
      io.stdout.write(`${text}\n`);
      return EXIT.ok;
    }
    io.stderr.write(`crm: ${found.problem}\n\n${text}\n`);
    return EXIT.usage;
  }
  const { command } = found;
  const usageError = (error: UsageError): number => {
    io.stderr.write(`crm ${command.name}: ${error.message}\n\n${commandUsage(command)}\n`);
    return EXIT.usage;
  };
  let input: ReturnType<typeof parseInput>;
  try {
    input = parseInput(command, found.rest);
  } catch (error) {
    return usageError(error as UsageError);
  }
  if (input.help) {
    io.stdout.write(`${commandUsage(command)}\n`);
    return EXIT.ok;
  }
  try {
    const config = loadConfig(io.env);
    const log = createBootLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
    const database = await openDatabase(config, log, { migrate: false });
    try {
      return await command.run({ io, config, dataSource: database.dataSource }, input);
    } finally {
      await database.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      return usageError(error);
    }
    // CommandFailure, ConfigError, AppError (a taken login) and the rest: the message says what went wrong.
    io.stderr.write(`crm ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  }
}

import { runCli } from './cli/run-cli';

/** Entry of the `crm` command line (`npm run crm -- <command>`): see cli/run-cli.ts. */
runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

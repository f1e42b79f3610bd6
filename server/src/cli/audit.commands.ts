import { join } from 'node:path';
import { configuredOrFileSecret } from '../common/config/secrets';
import { AuditChain } from '../modules/audit/audit-chain';
import { CliCommand, EXIT } from './cli-command';

export const AUDIT_COMMANDS: CliCommand[] = [
  {
    name: 'audit verify',
    summary: 'seal pending audit events, then verify the hash chain',
    notes: 'Prints the result as JSON; exits 1 when the chain is broken.',
    async run({ io, config, dataSource }) {
      const key = configuredOrFileSecret(config.auditKey, config.dataDir, 'audit-chain.key');
      const chain = new AuditChain(dataSource, key, join(config.dataDir, 'audit', 'chain-head.jsonl'));
      const result = await chain.verify();
      io.stdout.write(`${JSON.stringify(result)}\n`);
      return result.ok ? EXIT.ok : EXIT.failure;
    },
  },
];

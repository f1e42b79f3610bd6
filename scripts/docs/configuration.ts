/**
 * docs/configuration.md from the validated configuration class: every environment variable the
 * server reads, its default and its description (the JSDoc above it). `npm run docs:config`
 * writes it; server/test/app-config.spec.ts fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const SOURCE = join(__dirname, '../../server/src/common/config/app-config.ts');
export const CONFIGURATION_DOC = join(__dirname, '../../docs/configuration.md');

interface Variable {
  name: string;
  defaultValue: string | null;
  description: string;
}

export function configurationVariables(): Variable[] {
  const source = ts.createSourceFile(SOURCE, readFileSync(SOURCE, 'utf8'), ts.ScriptTarget.ES2022, true);
  const variables: Variable[] = [];
  source.forEachChild((node) => {
    if (!ts.isClassDeclaration(node) || node.name?.text !== 'EnvironmentVariables') {
      return;
    }
    for (const member of node.members) {
      if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) {
        continue;
      }
      const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
      const description = docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join(' ').replace(/\s+/g, ' ').trim();
      variables.push({ name: member.name.text, defaultValue: member.initializer?.getText(source).replace(/^'(.*)'$/, '$1') ?? null, description });
    }
  });
  return variables;
}

export function renderConfigurationDoc(): string {
  const rows = configurationVariables().map(
    (v) => `| \`${v.name}\` | ${v.defaultValue === null ? '—' : `\`${v.defaultValue}\``} | ${v.description.replace(/\|/g, '\\|')} |`,
  );
  return [
    '# Configuration reference',
    '',
    'The server reads these environment variables once, at start, and validates them: a bad value',
    'stops start-up with exit code 78 and a message naming each variable. Nothing else configures',
    'it. Generated from `server/src/common/config/app-config.ts` by `npm run docs:config`; do not edit.',
    '',
    '| variable | default | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(CONFIGURATION_DOC, renderConfigurationDoc());
  process.stdout.write(`wrote ${CONFIGURATION_DOC}\n`);
}

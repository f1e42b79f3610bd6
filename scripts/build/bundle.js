// `npm run bundle`: one tar.gz with the built server and client and their production dependencies,
// for servers without internet access. Unpack it, then `node dist/server/server/src/main.js` (or
// scripts/install.sh). Built for this machine's platform and Node.js major: the embedded
// PostgreSQL and the password hashing ship native binaries.
'use strict';
const { execFileSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '../..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const folderName = `${name}-${version}`;
const target = `${folderName}-${process.platform}-${process.arch}-node${process.versions.node.split('.')[0]}.tar.gz`;
const outDir = process.argv[2] ?? join(root, 'dist');
const staging = join(outDir, 'bundle', folderName);

for (const built of ['dist/server/server/src/main.js', 'dist/server/server/src/cli.js', 'dist/client/browser/index.html']) {
  if (!existsSync(join(root, built))) {
    process.stderr.write(`${built} is missing: run npm run build first (npm run bundle does).\n`);
    process.exit(1);
  }
}

rmSync(join(outDir, 'bundle'), { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
const copy = (path) => existsSync(join(root, path)) && cpSync(join(root, path), join(staging, path), { recursive: true });
for (const path of ['dist/server', 'dist/client', 'package.json', 'package-lock.json', 'README.md', 'docs', 'deploy', 'scripts/install.sh']) {
  copy(path);
}

// The lock file pins every version; only the production tree is installed, with the same install-script approvals.
execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, stdio: 'inherit' });
writeFileSync(
  join(staging, 'BUNDLE.txt'),
  [
    `${name} ${version}, built ${new Date().toISOString()} for ${process.platform}-${process.arch} with Node.js ${process.version}.`,
    'Start: node dist/server/server/src/main.js   (configuration: docs/configuration.md)',
    'Install as a service: sudo scripts/install.sh (Debian/Ubuntu, systemd)',
    'Command line: node dist/server/server/src/cli.js --help',
    '',
  ].join('\n'),
);
execFileSync('tar', ['-czf', join(outDir, target), '-C', join(outDir, 'bundle'), folderName]);
rmSync(join(outDir, 'bundle'), { recursive: true, force: true });
process.stdout.write(`${relative(process.cwd(), join(outDir, target))}\n`);

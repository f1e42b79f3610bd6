// Writes .br and .gz beside each text file of the built client, so the server sends them
// compressed without spending CPU per request (@fastify/static `preCompressed`).
'use strict';
const { readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { brotliCompressSync, constants, gzipSync } = require('node:zlib');

const root = process.argv[2] ?? join(__dirname, '../../dist/client/browser');
const COMPRESSIBLE = /\.(js|css|html|json|svg|txt|map|webmanifest)$/;

let files = 0;
let before = 0;
let after = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
    } else if (COMPRESSIBLE.test(name) && statSync(path).size >= 512) {
      const content = readFileSync(path);
      const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      writeFileSync(`${path}.br`, br);
      writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      files += 1;
      before += content.length;
      after += br.length;
    }
  }
}
walk(root);
console.log(`compressed ${files} files in ${root}: ${(before / 1024).toFixed(0)} KiB -> ${(after / 1024).toFixed(0)} KiB (brotli)`);

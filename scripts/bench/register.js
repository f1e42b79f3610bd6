// Runs TypeScript benchmark scripts directly: compiles each .ts file with swc as it is required.
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');

const options = (filename) => ({
  filename,
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), options(filename));
  module._compile(code, filename);
};

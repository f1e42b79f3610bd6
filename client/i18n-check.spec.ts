/**
 * Every text in every language: each translation file (public/i18n/<lang>.json and, per feature,
 * public/i18n/<feature>/<lang>.json) has the same keys with non-empty texts and the same
 * {{ params }}, and every key the code names literally exists.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const LANGUAGES = ['az', 'tr', 'en', 'ru'];
const I18N = join(__dirname, 'public/i18n');
const SOURCES = join(__dirname, 'src/app');

type Texts = Record<string, string>;

function flatten(value: unknown, prefix = ''): Texts {
  const out: Texts = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof child === 'object' && child !== null) {
      Object.assign(out, flatten(child, path));
    } else {
      out[path] = child as string;
    }
  }
  return out;
}

const folders = ['', ...readdirSync(I18N).filter((name) => statSync(join(I18N, name)).isDirectory())];
const texts = new Map<string, Map<string, Texts>>(
  folders.map((folder) => [
    folder,
    new Map(LANGUAGES.filter((lang) => existsSync(join(I18N, folder, `${lang}.json`))).map((lang) => [lang, flatten(JSON.parse(readFileSync(join(I18N, folder, `${lang}.json`), 'utf8')))])),
  ]),
);
const params = (text: string): string[] => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe.each(folders.map((folder) => [folder === '' ? '(root)' : folder, folder]))('translations %s', (_name, folder) => {
  const byLanguage = texts.get(folder)!;

  it('exist in az, tr, en and ru', () => {
    expect([...byLanguage.keys()].sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES)('in %s have every key of the others, with a text and the same parameters', (lang) => {
    const own = byLanguage.get(lang) ?? {};
    const allKeys = new Set([...byLanguage.values()].flatMap((t) => Object.keys(t)));
    const missing = [...allKeys].filter((key) => typeof own[key] !== 'string' || own[key].trim() === '');
    expect(missing).toEqual([]);
    const reference = byLanguage.get('en') ?? {};
    const differing = Object.keys(reference).filter((key) => own[key] !== undefined && params(own[key]).join() !== params(reference[key]).join());
    expect(differing).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }
    return /\.(html|ts)$/.test(name) && !name.endsWith('.spec.ts') && name !== 'api-schema.ts' ? [path] : [];
  });
}

it('has a text for every key the code names', () => {
  const used = /'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'\s*(?:\|\s*transloco|\))/g;
  const unknown: string[] = [];
  for (const file of sourceFiles(SOURCES)) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(used)) {
      const key = match[1];
      const isCall = !match[0].includes('transloco');
      if (isCall && !new RegExp(`(translate|success|t)\\(\\s*'${key.replace(/\./g, '\\.')}'`).test(source)) {
        continue;
      }
      const [first, ...rest] = key.split('.');
      const scoped = texts.has(first) && first !== '' ? texts.get(first)!.get('en') : undefined;
      const found = scoped !== undefined ? scoped[rest.join('.')] !== undefined : texts.get('')!.get('en')![key] !== undefined;
      if (!found) {
        unknown.push(`${relative(SOURCES, file)}: ${key}`);
      }
    }
  }
  expect(unknown).toEqual([]);
});

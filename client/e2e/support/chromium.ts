import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/** The Chromium the browser tests drive: CHROME_PATH, else the system's. Fails, never skips, when there is none. */
export function chromiumExecutable(): string {
  const configured = process.env['CHROME_PATH'];
  if (configured !== undefined && configured !== '') {
    if (!existsSync(configured)) {
      throw new Error(`CHROME_PATH=${configured} does not exist. Point it at a Chromium or Chrome binary.`);
    }
    return configured;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      'The browser tests need Chromium and none was found. Install it (Debian/Ubuntu: sudo apt-get install chromium; ' +
        'Fedora: sudo dnf install chromium) or set CHROME_PATH to a Chromium or Chrome binary.',
    );
  }
  return found;
}

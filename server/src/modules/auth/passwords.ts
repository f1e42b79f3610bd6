import * as argon2 from 'argon2';
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    await argon2.hash(password, { type: argon2.argon2id }); // same time as a real check: no hint that the user exists
    return false;
  }
  return argon2.verify(hash, password);
}

/** A one-time password without look-alike characters, for a person to type once. */
export function generateOneTimePassword(length = 16): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

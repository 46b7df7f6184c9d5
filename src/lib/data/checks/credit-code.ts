/**
 * The 统一社会信用代码 (unified social credit code) of GB 32100-2015: 18 characters from a 31-character
 * set (digits and capital letters without I, O, Z, S, V), the 18th a check character over the first
 * 17; characters 9-17 are the organisation code of GB 11714-1997, whose 9th character is its own
 * check digit. Both checks are implemented, so a typing slip in either part is caught.
 */
import { CREDIT_CHARSET, CREDIT_WEIGHTS, ORG_WEIGHTS } from '../../sql/checks';

// One set of constants for the SQL check and this one, so the two cannot disagree.
export { CREDIT_CHARSET, CREDIT_WEIGHTS, ORG_WEIGHTS };

/** Why a code is not valid; `null` from {@link checkCreditCode} means it is. */
export type CreditCodeFault = 'length' | 'charset' | 'check' | 'org-check';

export interface CreditCodeCheck {
  /** The code as checked: spaces removed, upper case. */
  code: string;
  fault: CreditCodeFault | null;
  /** The check character the first 17 characters call for (when they are in the charset). */
  expected: string | null;
  /** The organisation-code check character positions 9-16 call for. */
  expectedOrg: string | null;
}

/** Check character (position 18) for the first 17 characters of a code; null if one is outside the charset. */
export function creditCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/** Check character of an organisation code's 8-character body (digits and A-Z): 0-9 or X. */
export function orgCheckChar(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body.charCodeAt(i);
    sum += (ch <= 57 ? ch - 48 : ch - 55) * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Spaces (also full-width ones) removed and letters upper-cased, as staff type codes in. */
export const normalizeCreditCode = (raw: string): string => raw.replace(/[\s\u3000]+/g, '').toUpperCase();

/** Checks one code: its length, characters, check character, and its organisation-code check digit. */
export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = normalizeCreditCode(raw);
  const expected = code.length >= 17 ? creditCheckChar(code.slice(0, 17)) : null;
  const expectedOrg = code.length >= 16 ? orgCheckChar(code.slice(8, 16)) : null;
  let fault: CreditCodeFault | null = null;
  if (code.length !== 18) fault = 'length';
  else if (![...code].every((c) => CREDIT_CHARSET.includes(c))) fault = 'charset';
  else if (expected !== code[17]) fault = 'check';
  else if (expectedOrg !== code[16]) fault = 'org-check';
  return { code, fault, expected, expectedOrg };
}

/** A valid code made of a 17-character stem whose org-code check digit is recomputed (test data, fixtures). */
export function completeCreditCode(stem16: string): string {
  const org = orgCheckChar(stem16.slice(8, 16));
  if (stem16.length !== 16 || org === null) throw new Error(`not a 16-character code stem: ${stem16}`);
  const first17 = stem16 + org;
  const check = creditCheckChar(first17);
  if (check === null) throw new Error(`characters outside the credit-code charset in ${stem16}`);
  return first17 + check;
}

// The password policy of OWASP ASVS 5.0 (V6.2): at least 8 characters (15 or more recommended),
// up to 200, any characters, no composition rules; refused when it is a common or breached
// password (the 49 233 of @zxcvbn-ts/language-common, bundled, and the commonest of Chinese
// leaks below) or built from the account's own email or name. Nothing leaves the server.
import { dictionary } from '@zxcvbn-ts/language-common';
import { type Msg, t } from '../../i18n/messages.ts';

export const PASSWORD_MIN = 8;
export const PASSWORD_RECOMMENDED = 15;
export const PASSWORD_MAX = 200;

/** The commonest passwords of Chinese leaks (8+ characters) that the bundled list lacks. */
const COMMON_ZH = [
  '11111111',
  '00000000',
  '88888888',
  '66666666',
  '12341234',
  '11223344',
  '12121212',
  '22222222',
  '123123123',
  '111111111',
  '000000000',
  '147258369',
  '987654321',
  '789456123',
  '123654789',
  '87654321',
  '12344321',
  '31415926',
  '110110110',
  '123321123',
  '0123456789',
  '1111111111',
  '0000000000',
  'a123456789',
  'a12345678',
  'a1234567',
  'abc123456',
  '123456abc',
  '123456789a',
  'qq123456',
  'qq123456789',
  'woaini1314',
  'woaini520',
  'iloveyou',
  'dearbook',
  'xiazhili',
  '1qaz2wsx',
  '1q2w3e4r',
  'qazwsxedc',
  'asdfghjkl',
  'qwertyui',
  'qwertyuiop',
  'aaaaaaaa',
  'qqqqqqqq',
  'abcd1234',
  '1234qwer',
  'asdasdasd',
  'zxcvbnm123',
  'wang123456',
  'zhang123456',
  'li123456',
  'password1',
  'admin123',
  'admin888',
  'admin123456',
  'jiebang123',
];

const COMMON = new Set([...dictionary['passwords-common'], ...COMMON_ZH].map((p) => p.toLowerCase()));

/** One character (or a short unit) over and over: 'aaaaaaaa', 'abababab', '12121212'. */
const repeats = (p: string) => /^(.{1,3})\1+$/su.test(p);

/** What is wrong with `password` for this account, or null. `field` names the refused field. */
export function passwordProblem(
  password: string,
  account: { email?: string; names?: readonly string[] } = {},
): Msg | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return t('validation.password.tooShort', { min: PASSWORD_MIN });
  if (length > PASSWORD_MAX) return t('validation.password.tooLong', { max: PASSWORD_MAX });
  const folded = password.toLowerCase();
  if (COMMON.has(folded) || repeats(folded)) return t('validation.password.common');
  const email = account.email?.trim().toLowerCase() ?? '';
  const local = email.split('@')[0] ?? '';
  const words = [email, local, ...(account.names ?? []).map((n) => n.trim().toLowerCase())].filter(
    (w) => [...w].length >= 3,
  );
  // The account's own email or name, with only a few characters, digits or signs around it.
  const bare = (w: string) => {
    const rest = folded.replace(w, '');
    return [...rest].length < 4 || /^[\p{N}\p{P}\p{S}\s]*$/u.test(rest);
  };
  if (words.some((w) => folded.includes(w) && bare(w))) return t('validation.password.personal');
  return null;
}

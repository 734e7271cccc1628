/**
 * A value in its JSON text form (`USD 11000000000`, `2.14`, `1.5%`, `60 days`) made readable in a language: amounts
 * abbreviated and, in French, numbers, percentages and durations written the French way (`11 Md USD`, `2,14`,
 * `1,5 %`, `60 jours`). Other text (dates, parties, periods) is returned as is.
 */
import type { Lang } from '../messages/define-messages.js';
import type { DurationUnit } from './dates.js';
import { humanDuration } from './dates.js';
import { humanDecimal, humanPercent } from './decimal.js';
import { humanAmounts } from './money.js';

const NUMBER = /^-?\d+(\.\d+)?$/;
const PERCENT = /^(-?\d+(?:\.\d+)?)%$/;
const DURATION = /^(-?\d+(?:\.\d+)?) (days|weeks|months|years|business days|hours|minutes|seconds)$/;

export function humanText(text: string, lang: Lang): string {
  if (NUMBER.test(text)) return humanDecimal(text, lang);
  const p = PERCENT.exec(text);
  if (p) return humanPercent(p[1]!, lang);
  const d = DURATION.exec(text);
  if (d) return humanDuration({ amount: Number(d[1]), unit: d[2] as DurationUnit }, lang);
  return humanAmounts(text, lang);
}

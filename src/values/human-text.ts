/**
 * A value in its JSON text form (`USD 11000000000`, `2.14`, `1.5%`, `60 days`, `1.4 GW`) made readable in a language:
 * amounts abbreviated and, in French, numbers, percentages, durations and quantities written the French way
 * (`11 Md USD`, `2,14`, `1,5 %`, `60 jours`, `1,4 GW`). Other text (dates, parties, periods) is returned as is.
 */
import type { Lang } from '../messages/define-messages.js';
import type { DurationUnit } from './dates.js';
import { humanDuration } from './dates.js';
import { humanDecimal, humanPercent } from './decimal.js';
import { humanAmounts } from './money.js';
import { humanQuantity, parseQuantity } from './quantity.js';

const NUMBER = /^-?\d+(\.\d+)?$/;
const PERCENT = /^(-?\d+(?:\.\d+)?)%$/;
const DURATION = /^(-?\d+(?:\.\d+)?) (days|weeks|months|years|business days|hours|minutes|seconds)$/;

export function humanText(text: string, lang: Lang): string {
  if (NUMBER.test(text)) return humanDecimal(text, lang);
  const p = PERCENT.exec(text);
  if (p) return humanPercent(p[1]!, lang);
  const d = DURATION.exec(text);
  if (d) return humanDuration({ amount: Number(d[1]), unit: d[2] as DurationUnit }, lang);
  // A quantity of a declared unit (`1.4 GW`: `1,4 GW` in French).
  const q = parseQuantity(text, null);
  if (q) return humanQuantity(q, lang);
  return humanAmounts(text, lang);
}

/**
 * `judgeEvent`: what one act did, read from the fold with it and without it on its day — the powers it exercised,
 * the permissions it used, the violations it is, the norms whose status it changed — and the verdict: the gravest.
 */
import type { LedgerEvent } from '../ledger/event.js';
import type { Because } from './explain.js';
import type { FoldState, ViolationKind } from './fold-state.js';
import type { StateJson } from './state.js';

export type CanVerdict =
  | 'breach'
  | 'possible-breach'
  | 'needs-consent'
  | 'not-entitled'
  | 'indeterminate'
  | 'invalid-exercise'
  | 'exercise'
  | 'permitted'
  | 'no-norm-applies'
  | 'no-clause';

export interface CanFinding {
  /** `exercise` and `permission` for what the act validly does; else the kind of violation it is. */
  readonly kind: 'exercise' | 'permission' | ViolationKind;
  readonly norm: string;
  readonly version: string;
  readonly reason?: string;
  /** Undisclosed terms the finding depends on. */
  readonly waitsFor?: readonly string[];
  /** For a consent: its status that day (requested, refused, …). */
  readonly consent?: { readonly norm: string; readonly status: string };
  readonly because: Because;
}

export interface CanEffect {
  readonly norm: string;
  readonly before: string;
  readonly after: string;
}

export interface Judgement {
  readonly verdict: CanVerdict;
  readonly findings: readonly CanFinding[];
  readonly effects: readonly CanEffect[];
}

const ORDER: readonly CanVerdict[] = [
  'breach',
  'possible-breach',
  'needs-consent',
  'not-entitled',
  'indeterminate',
  'invalid-exercise',
  'exercise',
  'permitted',
];

function verdictOf(f: CanFinding): CanVerdict {
  switch (f.kind) {
    case 'exercise':
      return 'exercise';
    case 'permission':
      return 'permitted';
    case 'without-consent':
      return 'needs-consent';
    case 'invalid-exercise':
      return f.reason?.endsWith('-unknown') ? 'indeterminate' : 'invalid-exercise';
    case 'breach':
    case 'possible-breach':
    case 'not-entitled':
      return f.kind;
    default:
      return 'breach';
  }
}

/**
 * `before` and `after`: the fold on the act's day without and with it; `state`: the state that day with it (for the
 * explanations); `concerned`: whether any clause of the governing versions names the act's type.
 */
export function judgeEvent(before: FoldState, after: FoldState, state: StateJson, probe: LedgerEvent, concerned: boolean): Judgement {
  const norms = new Map(state.norms.map((n) => [n.id, n]));
  const findings: CanFinding[] = [];
  for (const v of state.violations) {
    if (v.event?.id !== probe.id) continue;
    const n = norms.get(v.norm);
    const consent = v.kind === 'without-consent' && n ? { consent: { norm: n.id, status: n.status } } : {};
    const waits = v.reason?.endsWith('-unknown') && n?.waitsFor?.length ? { waitsFor: n.waitsFor } : {};
    findings.push({
      kind: v.kind as ViolationKind,
      norm: v.norm,
      version: v.version,
      ...(v.reason ? { reason: v.reason } : {}),
      ...waits,
      ...consent,
      because: v.because,
    });
  }
  for (const [id, n] of after.norms) {
    const b = before.norms.get(id);
    const json = norms.get(id);
    if (!json) continue;
    if (n.norm.kind === 'power' && n.status === 'exercised' && n.events.includes(probe))
      findings.push({ kind: 'exercise', norm: id, version: json.version, because: json.because });
    else if (n.norm.kind === 'permission' && n.uses > (b?.uses ?? 0))
      findings.push({ kind: 'permission', norm: id, version: json.version, because: json.because });
  }
  const effects: CanEffect[] = [];
  for (const [id, n] of after.norms) {
    const b = before.norms.get(id);
    if (b && b.status !== n.status) effects.push({ norm: id, before: b.status, after: n.status });
  }
  const verdicts = findings.map(verdictOf);
  const verdict = ORDER.find((v) => verdicts.includes(v)) ?? (concerned ? 'no-norm-applies' : 'no-clause');
  return { verdict, findings, effects };
}

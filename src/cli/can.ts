/** `pacte can <family-dir> --as-of <date> <party> <event-type> [--data '{…}']`: would this act be valid? Nothing is written. */
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { renderAll, toJson } from '../diagnostics/render.js';
import { can } from '../engine/can.js';
import { PROBE_ID, probeEvent } from '../engine/probe-event.js';
import { renderCan } from '../engine/render-can.js';
import { parseDate } from '../values/dates.js';
import { loadForEvaluation } from './load.js';
import type { CommonOptions, Io } from './options.js';
import { UsageError } from './options.js';
import { requireVersion } from './state.js';

/** What a question is asked under: a version alone, overlaid events (a scenario will be one more option here). */
export interface CanCliOptions extends CommonOptions {
  readonly asOf: string;
  readonly data?: string;
  readonly version?: string;
  readonly events?: string[];
  readonly lenient?: boolean;
}

function parseData(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new UsageError('bad-data', { text });
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError('bad-data', { text });
  return v as Record<string, unknown>;
}

export function runCan(dir: string, party: string, type: string, opts: CanCliOptions, io: Io): number {
  const asOf = parseDate(opts.asOf);
  if (!asOf) throw new UsageError('bad-as-of', { text: JSON.stringify(opts.asOf) });
  const data = parseData(opts.data);
  const loaded = loadForEvaluation(dir, [...(opts.events ?? []), probeEvent({ asOf, party, type, data })], opts.lenient ?? false);
  const diags = sortDiagnostics(loaded.diagnostics);
  if (!loaded.family || hasErrors(diags)) {
    if (opts.json)
      io.out(
        JSON.stringify(
          diags.map((d) => toJson(d, opts.lang)),
          null,
          2,
        ),
      );
    else io.err(renderAll(diags, opts.lang, loaded.files));
    return 1;
  }
  requireVersion(loaded.family, opts.version);
  const probe = loaded.events.find((e) => e.id === PROBE_ID && e.hypothetical);
  if (!probe) throw new UsageError('bad-data', { text: opts.data ?? '{}' });
  if (diags.length > 0 && !opts.json) io.err(renderAll(diags, opts.lang, loaded.files));
  const answer = can(loaded.family, loaded.events, probe, data, { version: opts.version ?? null, lang: opts.lang });
  io.out(opts.json ? JSON.stringify(answer, null, 2) : renderCan(answer, opts.lang));
  return 0;
}

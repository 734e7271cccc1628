/**
 * `pacte can <family-dir> --as-of <date> <party> <event-type> [--data '{…}'] [--scenario s…] [--assume t=v…]
 * [--retract id…]`: would this act be valid, in reality or under the scenarios? Nothing is written.
 */
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { renderAll, toJson } from '../diagnostics/render.js';
import { can } from '../engine/can.js';
import { PROBE_ID, probeEvent } from '../engine/probe-event.js';
import { renderCan } from '../engine/render-can.js';
import { parseDate } from '../values/dates.js';
import type { ScenarioOptions } from './load.js';
import { loadUnderScenarios } from './load.js';
import type { Io } from './options.js';
import { UsageError } from './options.js';
import { requireVersion } from './state.js';

/** What a question is asked under: a version alone, overlaid events, scenarios, assumptions, retractions. */
export interface CanCliOptions extends ScenarioOptions {
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
  const loaded = loadUnderScenarios(dir, opts, [probeEvent({ asOf, party, type, data })]);
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
  const version = opts.version ?? loaded.version;
  const probe = loaded.events.find((e) => e.id === PROBE_ID && e.hypothetical);
  if (!probe) throw new UsageError('bad-data', { text: opts.data ?? '{}' });
  if (diags.length > 0 && !opts.json) io.err(renderAll(diags, opts.lang, loaded.files));
  const answer = can(loaded.family, loaded.events, probe, data, {
    version,
    lang: opts.lang,
    ...(loaded.scenarios ? { scenarios: loaded.scenarios } : {}),
  });
  io.out(opts.json ? JSON.stringify(answer, null, 2) : renderCan(answer, opts.lang));
  return 0;
}

/**
 * The probe of `pacte can`: the act asked about, written as one hypothetical ledger line so that it is validated like
 * any ledger event (its party, its type, its declared fields: a mistake is a diagnostic with its position). It is
 * dated on the day asked and comes after that day's real events (overlays follow the ledger). Nothing is written.
 */
export const PROBE_ID = 'pacte-can-probe';
export const PROBE_PATH = '<can>';

export interface ProbeQuery {
  readonly asOf: string;
  readonly party: string;
  readonly type: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export function probeEvent(q: ProbeQuery): { readonly path: string; readonly text: string } {
  const line = JSON.stringify({ id: PROBE_ID, type: q.type, date: q.asOf, actor: q.party, data: q.data ?? {} });
  return { path: PROBE_PATH, text: `${line}\n` };
}

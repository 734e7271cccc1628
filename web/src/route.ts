/**
 * The page's address: `#/` lists the families; `#/families/<family>?at=<date>&view=<state|redline|whatif|compare>&from=&to=&scenarios=`
 * is one family at a date. Kept in the hash, so that the server only ever serves index.html.
 */
export interface Route {
  readonly family: string | null;
  readonly at?: string;
  readonly view?: string;
  readonly from?: string;
  readonly to?: string;
  /** The stored scenarios compared (`scenarios=a,b`), in the order chosen. */
  readonly scenarios?: readonly string[];
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const m = /^\/families\/([^/]+)/.exec(path);
  if (!m) return { family: null };
  const q = new URLSearchParams(query);
  const at = q.get('at');
  const view = q.get('view');
  const from = q.get('from');
  const to = q.get('to');
  const scenarios = q.get('scenarios');
  return {
    family: decodeURIComponent(m[1] ?? ''),
    ...(at && /^\d{4}-\d{2}-\d{2}$/.test(at) ? { at } : {}),
    ...(view ? { view } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(scenarios ? { scenarios: scenarios.split(',').filter((x) => x !== '') } : {}),
  };
}

export function formatRoute(r: Route): string {
  if (!r.family) return '#/';
  const q = new URLSearchParams();
  if (r.at) q.set('at', r.at);
  if (r.view) q.set('view', r.view);
  if (r.from) q.set('from', r.from);
  if (r.to) q.set('to', r.to);
  if (r.scenarios?.length) q.set('scenarios', r.scenarios.join(','));
  const s = q.toString();
  return `#/families/${encodeURIComponent(r.family)}${s ? `?${s}` : ''}`;
}

/** Replaces the address (no new history entry for each move of the cursor) and tells the app. */
export function setRoute(r: Route): void {
  history.replaceState(null, '', formatRoute(r));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

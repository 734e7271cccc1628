/**
 * The client of the HTTP API: every request carries the session's token and the page's language; an error answer
 * becomes an ApiError with the server's code and message.
 */
import type {
  ApiErrorBody,
  CompareJson,
  FamilyInfo,
  LedgerEventJson,
  Me,
  OneOff,
  RedlineJson,
  ScenarioDetail,
  ScenarioInfo,
  StateJson,
  StoredEvent,
  VersionDetail,
} from './api-types';
import type { Lang } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

export interface Api {
  readonly me: () => Promise<Me>;
  readonly families: () => Promise<FamilyInfo[]>;
  readonly family: (family: string) => Promise<FamilyInfo>;
  readonly version: (family: string, version: string) => Promise<VersionDetail>;
  readonly events: (family: string) => Promise<StoredEvent[]>;
  readonly state: (family: string, asOf: string, version?: string) => Promise<StateJson>;
  readonly whatIf: (
    family: string,
    asOf: string,
    version: string | undefined,
    events: readonly LedgerEventJson[],
    oneOff?: OneOff,
  ) => Promise<StateJson>;
  readonly diff: (family: string, from: string, to: string, asOf: string) => Promise<RedlineJson>;
  readonly scenarios: (family: string) => Promise<ScenarioInfo[]>;
  readonly scenario: (family: string, name: string) => Promise<ScenarioDetail>;
  readonly compare: (family: string, asOf: string, names: readonly string[], all: boolean) => Promise<CompareJson>;
  readonly putScenario: (family: string, name: string, source: string, events: readonly LedgerEventJson[]) => Promise<ScenarioInfo>;
}

const enc = encodeURIComponent;

export function createApi(token: string, lang: Lang): Api {
  async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json', 'accept-language': lang };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    if (!res.ok) {
      const err = (json as { error?: ApiErrorBody } | null)?.error;
      throw new ApiError(res.status, err ?? { code: `http-${res.status}`, message: text.slice(0, 200) || res.statusText });
    }
    return json as T;
  }
  const f = (family: string): string => `/api/families/${enc(family)}`;
  return {
    me: () => call('/api/me'),
    families: () => call('/api/families'),
    family: (family) => call(f(family)),
    version: (family, version) => call(`${f(family)}/versions/${enc(version)}`),
    async events(family) {
      const all: StoredEvent[] = [];
      let after = 0;
      for (;;) {
        const page = await call<{ events: StoredEvent[]; next: number | null }>(`${f(family)}/events?after=${after}&limit=1000`);
        all.push(...page.events);
        if (page.next === null || page.events.length === 0) return all;
        after = page.next;
      }
    },
    state: (family, asOf, version) => call(`${f(family)}/state?asOf=${enc(asOf)}&lang=${lang}${version ? `&version=${enc(version)}` : ''}`),
    whatIf: (family, asOf, version, events, oneOff) =>
      call(`${f(family)}/what-if?lang=${lang}`, {
        method: 'POST',
        body: {
          asOf,
          lang,
          events,
          ...(version ? { version } : {}),
          ...(oneOff?.assume.length ? { assume: oneOff.assume } : {}),
          ...(oneOff?.retract.length ? { retract: oneOff.retract } : {}),
        },
      }),
    diff: (family, from, to, asOf) => call(`${f(family)}/diff?from=${enc(from)}&to=${enc(to)}&impact=true&asOf=${enc(asOf)}&lang=${lang}`),
    scenarios: (family) => call(`${f(family)}/scenarios`),
    scenario: (family, name) => call(`${f(family)}/scenarios/${enc(name)}`),
    compare: (family, asOf, names, all) =>
      call(
        `${f(family)}/compare?asOf=${enc(asOf)}${names.map((n) => `&scenario=${enc(n)}`).join('')}${all ? '&all=true' : ''}&lang=${lang}`,
      ),
    putScenario: (family, name, source, events) =>
      call(`${f(family)}/scenarios/${enc(name)}?lang=${lang}`, { method: 'PUT', body: { source, ...(events.length ? { events } : {}) } }),
  };
}

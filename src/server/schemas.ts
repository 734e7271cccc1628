/**
 * The request and response schemas of the HTTP API (zod 4 through @hono/zod-openapi, which also writes them into
 * /openapi.json). Request objects are strict: an unknown field is a 400, never silently dropped. Response schemas
 * name the shapes; the state, explanation and redline objects are documented in docs/state.md and docs/diff.md.
 */
import { z } from '@hono/zod-openapi';
import { eventDate } from '../ledger/ledger.js';
import { parseDate } from '../values/dates.js';
import { DEFAULT_FISCAL_YEARS } from '../values/periods.js';

export const Lang = z
  .enum(['en', 'fr'])
  .optional()
  .openapi({ description: 'language of messages and explanations (default: Accept-Language, then en)' });

export const IsoDate = z
  .string()
  .refine((s) => parseDate(s) !== undefined, { message: 'not a calendar date YYYY-MM-DD' })
  .openapi({ example: '2025-09-12', description: 'a calendar date YYYY-MM-DD' });

const Name = z.string().min(1).max(200);

/**
 * Whether a date text is one an event may have (`eventDate`), remembered: the ledger's check reads the date again
 * (event-check.ts), and the events posted to a server mostly carry a few dates (today's, a period's), each parsed
 * once here instead of once per request. Bounded: forgotten all at once past 1024 texts.
 */
const dateTexts = new Map<string, boolean>();
function dateTextOk(text: string): boolean {
  let ok = dateTexts.get(text);
  if (ok === undefined) {
    ok = eventDate(text, DEFAULT_FISCAL_YEARS) !== 'bad';
    if (dateTexts.size >= 1024) dateTexts.clear();
    dateTexts.set(text, ok);
  }
  return ok;
}

/**
 * An event's date as the ledger file takes it (ledger.ts `eventDate`): a calendar day, or a period the day is known
 * only to lie in. Stored and returned as given. `FY…` is checked again against the family's fiscal years.
 */
export const EventDate = z
  .union([
    z.string().openapi({ description: 'YYYY-MM-DD, or a period: YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM, FYYYYY' }),
    z.strictObject({ between: z.tuple([z.string(), z.string()]) }).openapi({ description: 'the first and last days it may be' }),
  ])
  .refine((d) => (typeof d === 'string' ? dateTextOk(d) : eventDate(d, DEFAULT_FISCAL_YEARS) !== 'bad'), {
    message: 'not a date: YYYY-MM-DD, a period (2021, 2021-Q3, 2021-H2, 2021-03, FY2022) or {"between": [from, to]}',
  })
  .openapi({
    example: '2025-09-12',
    description:
      'the day it happened (YYYY-MM-DD), or, when only a period is known, the period: `2021`, `2021-Q3`, `2021-H2`, `2021-03`, `FY2022` (the fiscal year of the family\'s first version) or `{"between": ["2021-03-01", "2021-04-15"]}` (docs/format.md, "Events known only to a period")',
  });

export const FamilyParams = z.strictObject({
  family: Name.openapi({ param: { name: 'family', in: 'path' }, example: 'openai-microsoft' }),
});
export const VersionParams = z.strictObject({
  family: Name.openapi({ param: { name: 'family', in: 'path' }, example: 'openai-microsoft' }),
  version: Name.openapi({ param: { name: 'version', in: 'path' }, example: '2025-10-definitive' }),
});
export const ExplainParams = z.strictObject({
  family: Name.openapi({ param: { name: 'family', in: 'path' }, example: 'openai-microsoft' }),
  name: Name.openapi({ param: { name: 'name', in: 'path' }, example: 'restructuring_consent' }),
});

export const LangQuery = z.strictObject({ lang: Lang });

export const EventSourceSchema = z.union([
  z.string().openapi({ description: 'a source id declared in the front matter' }),
  z.strictObject({ title: z.string(), url: z.string().optional(), status: z.enum(['official', 'reported', 'unverified']) }),
]);

/** One ledger event as posted. Its `data` is checked against the event type the agreement declares (engine/ledger.ts). */
export const EventInput = z
  .strictObject({
    id: Name,
    type: Name,
    date: EventDate,
    actor: Name,
    data: z.record(z.string(), z.unknown()).optional(),
    source: EventSourceSchema.optional(),
    visibility: z
      .array(Name)
      .min(1)
      .optional()
      .openapi({ description: 'the parties that may see the event (default: every party of the family)' }),
    recorded: z.string().optional().openapi({ description: 'when it was written down (2025-01-31T09:30:00Z)' }),
  })
  .openapi('Event', {
    example: {
      id: 'openai-2026-05-15-report',
      type: 'report_revenue',
      date: '2026-05-15',
      actor: 'openai',
      data: { period: '2026-Q1', revenue: 'USD 9000000000', partner_cloud_revenue: 'USD 1000000000', summary: 'an example' },
    },
  });

export const EventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).optional().openapi({ description: 'return events with a sequence after this one (default 0)' }),
  limit: z.coerce.number().optional().openapi({ description: 'at most this many (clamped to [1, 1000]; default 100)' }),
});

/** A scenario's name: `scenarios/<name>.pacte.md` in a family directory. */
export const ScenarioName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a scenario name (letters, digits, `.`, `_`, `-`)')
  .refine((s) => !s.endsWith('.pacte.md') && !s.endsWith('.jsonl'), { message: 'a scenario name, without .pacte.md or .jsonl' });

/** `?scenario=a&scenario=b`: the stored scenarios to apply, in order (one value, or several). */
const ScenarioQuery = z
  .union([ScenarioName, z.array(ScenarioName).max(16)])
  .optional()
  .openapi({ description: 'a stored scenario of the family to apply (repeatable, applied in order): `GET …/scenarios`' });

export const StateQuery = z.strictObject({
  asOf: IsoDate,
  version: Name.optional().openapi({ description: 'evaluate under this version alone (counterfactual)' }),
  scenario: ScenarioQuery,
  lang: Lang,
});

/** `instances=all`: every instance of a recurring clause; `summary` (the default) summarizes one past 20 (docs/state.md). */
const InstancesMode = z.enum(['summary', 'all']).optional().openapi({
  description:
    'summary (the default): a recurring clause with more than 20 instances lists the open ones and the latest, and `instanceSummary` counts them all; all: every instance',
});

export const FullStateQuery = StateQuery.extend({ instances: InstancesMode });

export const NormParams = z.strictObject({
  family: Name.openapi({ param: { name: 'family', in: 'path' }, example: 'openai-microsoft' }),
  id: Name.openapi({ param: { name: 'id', in: 'path' }, example: 'revenue_share' }),
});

/** A page of one norm's instances: `offset` from 0, at most `limit` (1 to 1000, default 100). */
export const InstancesQuery = StateQuery.extend({
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ type: 'integer', minimum: 0, description: 'the first instance of the page, counted from 0 in their order (default 0)' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ type: 'integer', minimum: 1, maximum: 1000, description: 'at most this many instances (1 to 1000; default 100)' }),
});

export const InstancePageSchema = z
  .object({
    family: z.string(),
    asOf: z.string(),
    norm: z.string(),
    total: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    offset: z.number().int(),
    limit: z.number().int(),
    instances: z.array(z.record(z.string(), z.unknown())),
    next: z.number().int().nullable().openapi({ description: 'the offset of the next page, or null after the last' }),
  })
  .openapi('InstancePage');

export const WhatIfInput = z
  .strictObject({
    asOf: IsoDate,
    version: Name.optional(),
    lang: Lang,
    instances: InstancesMode,
    events: z.array(EventInput).max(1000),
    scenarios: z
      .array(ScenarioName)
      .max(16)
      .optional()
      .openapi({ description: 'stored scenarios of the family to apply first, in order (`GET …/scenarios`)' }),
    assume: z
      .array(z.string().min(1).max(1000))
      .max(64)
      .optional()
      .openapi({
        description:
          'one-off assumptions, `TERM=VALUE` as `--assume`: an undisclosed term of the family (`GET …/{family}`, `undisclosed`) and a value within its bounds',
        example: ['microsoft_return_cap_multiple=100'],
      }),
    retract: z
      .array(z.string().min(1).max(1000))
      .max(1000)
      .optional()
      .openapi({ description: 'real events of the ledger to set aside, by id, as `--retract`', example: ['2025-10-28-consent'] }),
  })
  .openapi('WhatIf');

export const CanInput = z
  .strictObject({
    asOf: IsoDate,
    party: Name,
    type: Name,
    data: z.record(z.string(), z.unknown()).optional(),
    version: Name.optional(),
    lang: Lang,
    scenarios: z
      .array(ScenarioName)
      .max(16)
      .optional()
      .openapi({ description: 'stored scenarios of the family to ask the question under, in order (`GET …/scenarios`)' }),
  })
  .openapi('Can', {
    example: { asOf: '2026-06-01', party: 'microsoft', type: 'pursue_agi', data: { uses_openai_ip: true, summary: 'an example' } },
  });

export const DiffQuery = z.strictObject({
  from: Name,
  to: Name,
  impact: z.enum(['true', 'false']).optional(),
  asOf: IsoDate.optional(),
  scenario: ScenarioQuery,
  lang: Lang,
});

export const VersionInput = z
  .strictObject({
    file: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.pacte\.md$/, 'a file name ending in .pacte.md (letters, digits, `.`, `_`, `-`)'),
    source: z.string().min(1),
  })
  .openapi('VersionInput');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      path: z.string().optional(),
      diagnostics: z.array(z.record(z.string(), z.unknown())).optional(),
    }),
  })
  .openapi('Error');

export const VersionInfoSchema = z
  .object({
    id: z.string(),
    file: z.string(),
    title: z.string(),
    date: z.string().openapi({ description: 'effective date' }),
    binding: z.boolean(),
    amends: z.string().nullable(),
    supersedes: z.array(z.string()),
    signed: z.string().optional(),
  })
  .openapi('VersionInfo');

export const FamilySchema = z
  .object({
    family: z.string(),
    title: z.string(),
    parties: z.array(z.object({ id: z.string(), name: z.string() })),
    versions: z.array(VersionInfoSchema),
    events: z.number().int().openapi({ description: 'events visible to the token' }),
    lastEvent: z.object({ seq: z.number().int(), id: z.string(), date: z.string(), type: z.string() }).nullable(),
    undisclosed: z
      .array(
        z.object({
          name: z.string(),
          type: z.string().openapi({ description: '`money`, `money USD`, `number`, `date`…' }),
          version: z.string().openapi({ description: 'the version whose text defines it' }),
          known: z.string().openapi({ description: 'what is known of it, as written: `undisclosed at least USD 13bn`' }),
          lo: z.string().nullable().openapi({ description: 'its lower bound in pacte syntax, or null' }),
          loOpen: z.boolean(),
          hi: z.string().nullable().openapi({ description: 'its upper bound in pacte syntax, or null' }),
          hiOpen: z.boolean(),
        }),
      )
      .openapi({
        description: 'the undisclosed terms of the last binding version: what a what-if may assume (`assume`: `TERM=VALUE`)',
      }),
  })
  .openapi('Family');

export const VersionDetailSchema = VersionInfoSchema.extend({
  source: z.string(),
  html: z.string(),
  clauses: z.array(z.object({ id: z.string(), kind: z.string(), heading: z.string().nullable(), anchor: z.string(), version: z.string() })),
  definitions: z.array(z.object({ id: z.string(), anchor: z.string(), version: z.string() })),
  eventTypes: z.array(
    z.object({
      name: z.string(),
      actors: z.array(z.string()),
      fields: z.array(z.object({ name: z.string(), type: z.string(), optional: z.boolean().optional() })),
      anchor: z.string(),
      version: z.string(),
    }),
  ),
}).openapi('VersionDetail');

export const AppendResultSchema = z.object({ seq: z.number().int(), id: z.string(), hash: z.string() }).openapi('Appended');

export const EventPageSchema = z
  .object({
    events: z.array(
      z.object({
        seq: z.number().int(),
        id: z.string(),
        hash: z.string().nullable().openapi({
          description:
            'null when the event was stored before salts existed and follows one hidden from this token: its hash would confirm guesses about the hidden one, until an admin runs pacte rechain',
        }),
        event: z.record(z.string(), z.unknown()),
      }),
    ),
    next: z.number().int().nullable(),
  })
  .openapi('EventPage');

export const StateSchema = z
  .record(z.string(), z.unknown())
  .openapi('State', { description: 'the JSON of `pacte state --json` (docs/state.md)' });
export const ExplainSchema = z
  .record(z.string(), z.unknown())
  .openapi('Explanation', { description: 'the JSON of `pacte explain --json`' });
export const CanSchema = z
  .record(z.string(), z.unknown())
  .openapi('CanAnswer', { description: 'the JSON of `pacte can --json` (docs/cli.md, Would this act be valid?)' });
export const RedlineSchema = z
  .record(z.string(), z.unknown())
  .openapi('Redline', { description: 'the JSON of `pacte diff --json` (docs/diff.md)' });
export const MeSchema = z
  .object({
    party: z.string().nullable(),
    family: z.string().nullable(),
    admin: z.boolean(),
    org: z
      .object({ name: z.string(), grants: z.array(z.object({ family: z.string(), party: z.string() })) })
      .optional()
      .openapi({ description: "an organisation's token: its name, and the party it acts as in each family it may see" }),
  })
  .openapi('Me');
export const HealthSchema = z.object({ ok: z.boolean(), store: z.string() }).openapi('Health');

export const ScenarioParams = z.strictObject({
  family: Name.openapi({ param: { name: 'family', in: 'path' }, example: 'openai-microsoft' }),
  name: ScenarioName.openapi({ param: { name: 'name', in: 'path' }, example: 'no-restructuring' }),
});

/** A scenario as stored (`PUT …/scenarios/{name}`): the Markdown of `scenarios/<name>.pacte.md`, its hypothetical events. */
export const ScenarioInput = z
  .strictObject({
    source: z.string().min(1).openapi({ description: 'the Markdown of scenarios/<name>.pacte.md (docs/format.md, Scenarios)' }),
    events: z
      .array(EventInput)
      .max(1000)
      .optional()
      .openapi({ description: 'its hypothetical events (scenarios/<name>.jsonl), each a ledger event' }),
  })
  .openapi('ScenarioInput', {
    example: { source: '---\ntitle: Had the consent not been given\nretract: [2025-10-28-consent]\n---\n' },
  });

export const ScenarioInfoSchema = z
  .object({
    name: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    version: z.string().nullable().openapi({ description: 'the version it is a counterfactual of' }),
    branch: z.string().nullable().openapi({ description: 'real events after this date are set aside' }),
    retract: z.array(z.string()).openapi({ description: 'the real events it sets aside' }),
    events: z.number().int().openapi({ description: 'how many hypothetical events it adds' }),
    addedAt: z.string(),
  })
  .openapi('ScenarioInfo');

export const ScenarioDetailSchema = ScenarioInfoSchema.extend({
  source: z.string(),
  hypotheticalEvents: z.array(z.record(z.string(), z.unknown())),
}).openapi('ScenarioDetail');

export const CompareQuery = z.strictObject({
  asOf: IsoDate,
  scenario: ScenarioQuery,
  all: z.enum(['true', 'false']).optional().openapi({ description: 'every row, not only those that differ' }),
  lang: Lang,
});

export const CompareSchema = z
  .object({
    asOf: z.string(),
    family: z.string(),
    columns: z.array(z.string()),
    rows: z.array(
      z.object({
        kind: z.enum(['governing', 'norm', 'value', 'account']),
        name: z.string(),
        cells: z.array(z.unknown()),
        differs: z.boolean(),
      }),
    ),
  })
  .openapi('Compare', { description: 'the JSON of `pacte compare --json`: the baseline, then one column per scenario' });

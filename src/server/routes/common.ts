/** What the route handlers share: the JSON response declaration, and the family and ledger a token may see. */
import type { Context } from 'hono';
import type { Deps } from '../deps.js';
import type { AuthEnv } from '../auth.js';
import { notFound } from '../errors.js';
import type { CheckedFamily, PartyLedger } from '../family-cache.js';
import type { Version } from '../../check/ir.js';
import { ErrorSchema } from '../schemas.js';

export const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export const errors = {
  400: json(ErrorSchema, 'malformed request: unknown field, bad JSON, date or money (with `path`)'),
  401: json(ErrorSchema, 'no or unknown token'),
  404: json(ErrorSchema, 'no such family (or not one this token may see)'),
} as const;

export async function familyFor(deps: Deps, c: Context<AuthEnv>, name: string): Promise<CheckedFamily> {
  const seen = c.get('family');
  if (seen && seen.name === name) return seen;
  const fam = await deps.cache.visibleFamily(name, c.get('principal'));
  if (!fam) throw notFound('family', name);
  return fam;
}

export async function ledgerFor(deps: Deps, c: Context<AuthEnv>, fam: CheckedFamily): Promise<PartyLedger> {
  return deps.cache.ledger(fam, c.get('principal'));
}

export function versionOf(fam: CheckedFamily, id: string): Version {
  const v = fam.family.versions.find((x) => x.id === id);
  if (!v) throw notFound('version', id);
  return v;
}

/**
 * An evaluation worker (a Node worker thread started by evaluator-pool.ts): it applies each job's sync to its
 * replica of the families, answers the query with `answerQuery` over its own FamilyCache (checked families, parsed
 * ledgers per party, evaluators with their checkpoints), and posts the JSON text back. The server's thread stops it
 * (`terminate`) when a job runs past the budget, and starts another.
 */
import { parentPort } from 'node:worker_threads';
import { ApiError, apiErrorParts } from '../errors.js';
import { FamilyCache } from '../family-cache.js';
import { answerQuery } from './answer-query.js';
import type { FromWorker, Job } from './protocol.js';
import { Replica } from './replica.js';

const port = parentPort;
if (!port) throw new Error('server/evaluator/worker.ts runs in a worker thread (evaluator-pool.ts starts it)');

const replica = new Replica();
const cache = new FamilyCache(replica);
const post = (m: FromWorker): void => port.postMessage(m);

port.on('message', (job: Job) => {
  replica.apply(job.sync);
  answerQuery(cache, job.principal, job.query).then(
    (text) => post({ kind: 'answer', id: job.id, text }),
    (e: unknown) => {
      if (e instanceof ApiError) post({ kind: 'refused', id: job.id, error: apiErrorParts(e) });
      else post({ kind: 'failed', id: job.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    },
  );
});
post({ kind: 'ready' });

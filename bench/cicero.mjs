#!/usr/bin/env node
/**
 * Item 3 of the benchmarks (issue 8): pacte against a peer engine, Accord Project Cicero 0.21.26 (the last release
 * that runs on Node 20), in process, on an installment sale.
 *
 * Cicero runs the Accord Project's own `installment-sale` template (bench/cicero/installment-sale/: its Ergo logic,
 * model and sample text unchanged, Apache-2.0, from github.com/accordproject/cicero-template-library at ef2d7ce, the
 * release for Cicero 0.21: 10,000 EUR, 1.5% a month on the balance left after each installment, rounded to the cent).
 * pacte runs the same clause written in pacte (bench/cicero/installment-sale.pacte.md, a running definition). Both get the same generated sequence of payments for each of a number
 * of contracts: installments of at least the minimum, one a month from month 3, then the closing payment. Cicero
 * gets them as requests (`Engine.trigger`, the state carried from one to the next); pacte as ledger events, each
 * contract's ledger evaluated in full (`evaluate`). Before timing, every answer is compared: after each payment,
 * Cicero's balance and total paid and pacte's values as of that date, and the final status (Fulfilled / fulfilled).
 *
 * node bench/cicero.mjs [--quick]   (needs `npm run build` and `npm ci --prefix bench`)
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dist, emit, fmt, log, now, QUICK, ROOT, rng } from './lib/common.mjs';

const BENCH = join(ROOT, 'bench');
if (!existsSync(join(BENCH, 'node_modules', '@accordproject', 'cicero-engine'))) {
  throw new Error('Cicero is not installed: run `npm ci --prefix bench` (bench/package.json holds the comparators)');
}
const require = createRequire(join(BENCH, 'package.json'));
const { Template, Clause } = require('@accordproject/cicero-core');
const { Engine } = require('@accordproject/cicero-engine');
const { checkFamily } = await dist('check/family.js');
const { createEvaluator, evaluate } = await dist('engine/evaluate.js');
const { readLedger: parseLedger } = await dist('engine/read-ledger.js');
const { sourceFile } = await dist('source/source-file.js');

const CONTRACTS = QUICK ? 10 : 400;
const NS = 'org.accordproject.installmentsale';
const MONEY = 'org.accordproject.money.MonetaryAmount';

// ---------------------------------------------------------------- the template, offline

// Cicero fetches the models a template imports from models.accordproject.org; this machine has no network, and
// ergo-compiler ships the same models: they go into a copy of the template's model/ folder.
const dir = mkdtempSync(join(tmpdir(), 'pacte-cicero-'));
cpSync(join(BENCH, 'cicero', 'installment-sale'), dir, { recursive: true });
const external = join(BENCH, 'node_modules', '@accordproject', 'ergo-compiler', 'lib', 'externalModels');
writeFileSync(join(dir, 'model', 'contract.cto'), require(join(external, 'ContractModel.js')).ContractModel);
writeFileSync(join(dir, 'model', 'runtime.cto'), require(join(external, 'RuntimeModel.js')).RuntimeModel);
writeFileSync(join(dir, 'model', 'money.cto'), require(join(external, 'MoneyModel.js')).MoneyModel);
let t0 = now();
const template = await Template.fromDirectory(dir, { offline: true, skipUpdateExternalModels: true });
const clause = new Clause(template);
clause.parse(readFileSync(join(dir, 'text', 'sample.md'), 'utf8'));
rmSync(dir, { recursive: true, force: true });
const engine = new Engine();
log(`Cicero ${require('@accordproject/cicero-engine/package.json').version}: template loaded and compiled in ${fmt(now() - t0)} ms`);

const text = readFileSync(join(BENCH, 'cicero', 'installment-sale.pacte.md'), 'utf8');
const checked = checkFamily([{ path: 'installment-sale.pacte.md', text }]);
if (!checked.family || checked.diagnostics.length > 0) throw new Error('installment-sale.pacte.md does not check');
const family = checked.family;

// ---------------------------------------------------------------- the payments

const monthDate = (m) => `${2024 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-01`;
const random = rng(20250102);
/**
 * One contract's payments in cents: installments of at least 500 EUR from month 3 (at most 20: the template stops at
 * month 22), then the closing payment (the balance plus 500 EUR). After an installment the balance left bears 1.5%,
 * rounded to the cent; an amount whose interest would end in exactly half a cent is moved by a cent (Cicero computes
 * in binary floating point, where such a tie may round either way).
 */
function payments() {
  let balance = 1_000_000;
  const out = [];
  const count = random.int(4, 20);
  for (let k = 0; k < count && balance >= 50_000; k++) {
    const room = Math.max(50_000, Math.floor((balance / (count - k)) * 2));
    let cents = Math.min(balance, random.int(50_000, room));
    if (((balance - cents) * 15) % 1000 === 500) cents += cents < balance ? 1 : -1;
    out.push({ kind: 'installment', cents, date: monthDate(3 + k) });
    const left = balance - cents;
    balance = Math.floor((left * 1015 + 500) / 1000);
  }
  out.push({ kind: 'closing', cents: balance + 50_000, date: monthDate(3 + out.length) });
  return out;
}
const euros = (c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
const contracts = Array.from({ length: CONTRACTS }, (_, k) => {
  const pays = payments();
  const ledger = pays
    .map((p, i) =>
      JSON.stringify({
        id: `c${k}-${i + 1}`,
        type: p.kind === 'closing' ? 'closing_payment' : 'installment',
        date: p.date,
        actor: 'buyer',
        data: { amount: `EUR ${euros(p.cents)}` },
      }),
    )
    .join('\n');
  const parsed = parseLedger(sourceFile(`contract-${k}.jsonl`, ledger), family);
  if (parsed.diagnostics.length > 0) throw new Error(`contract ${k}: invalid ledger: ${parsed.diagnostics[0].code}`);
  const requests = pays.map((p) => ({
    $class: `${NS}.${p.kind === 'closing' ? 'ClosingPayment' : 'Installment'}`,
    amount: { $class: MONEY, doubleValue: p.cents / 100, currencyCode: 'EUR' },
  }));
  return { pays, events: parsed.events, last: parsed.events[parsed.events.length - 1].date, requests };
});
const requests = contracts.reduce((s, c) => s + c.requests.length, 0);

// ---------------------------------------------------------------- the same answers

async function runCicero(c, answers) {
  let state = (await engine.init(clause, '2024-01-01T00:00:00Z')).state;
  for (let i = 0; i < c.requests.length; i++) {
    const r = await engine.trigger(clause, c.requests[i], state, `${c.pays[i].date}T12:00:00Z`);
    state = r.state;
    answers?.push({ balance: r.response.balance.doubleValue, total: r.response.total_paid.doubleValue, status: state.status });
  }
  return state;
}
const amount = (v) => Number(String(v.value).split(' ')[1]);
t0 = now();
for (const c of contracts.slice(0, QUICK ? CONTRACTS : 100)) {
  const answers = [];
  await runCicero(c, answers);
  const ev = createEvaluator(family, c.events);
  c.pays.forEach((p, i) => {
    const st = ev.at(p.date);
    const a = answers[i];
    const balance = amount(st.values.balance_remaining);
    const total = amount(st.values.total_paid);
    const status = st.norms.find((n) => n.id === 'closing').status;
    // Cicero computes in doubles (110.00000000000001): equal to 9 decimal places counts as equal.
    const same =
      Math.abs(balance - a.balance) < 1e-9 &&
      Math.abs(total - a.total) < 1e-9 &&
      (status === 'fulfilled') === (a.status === 'Fulfilled') &&
      (st.values.closed.value === true) === (a.status === 'Fulfilled');
    if (!same)
      throw new Error(
        `answers differ after payment ${i + 1} of a contract: Cicero ${JSON.stringify(a)}, pacte balance ${balance} total ${total} ${status}`,
      );
  });
}
log(
  `answers agree (balance, total paid, status after every payment) on ${QUICK ? CONTRACTS : 100} contracts, checked in ${fmt((now() - t0) / 1000, 1)} s`,
);

// ---------------------------------------------------------------- timing

const ROUNDS = QUICK ? 2 : 3;
const cicero = [];
const pacte = [];
for (let r = 0; r < ROUNDS; r++) {
  let t = now();
  for (const c of contracts) await runCicero(c, null);
  cicero.push(now() - t);
  t = now();
  for (const c of contracts) evaluate(family, c.events, c.last);
  pacte.push(now() - t);
  log(`  round ${r + 1}: Cicero ${fmt(cicero[r])} ms, pacte ${fmt(pacte[r])} ms for ${fmt(requests)} payments`);
}
emit({
  id: 'cicero',
  title: `Peer engine: installment sale, ${fmt(CONTRACTS)} contracts, ${fmt(requests)} payments`,
  figure: requests / (Math.min(...pacte) / 1000),
  unit: 'payments/s',
  comparator: {
    name: 'Accord Project Cicero 0.21.26 (Engine.trigger, in process)',
    figure: requests / (Math.min(...cicero) / 1000),
    unit: 'payments/s',
  },
  target: 100,
  notes: `best of ${ROUNDS}; pacte: evaluate() of each contract's ledger (state JSON with explanations); Cicero: init + one trigger per payment, state carried`,
});

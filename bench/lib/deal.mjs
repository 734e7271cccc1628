/**
 * The benchmark's agreement family: a supply, royalty and licence agreement with clauses of every kind, whose terms
 * (delays, royalty rate, cap, consent delays, termination threshold) vary from one agreement to the next; a seeded
 * generator of its ledger (orders, deliveries, invoices, payments, sales reports and royalties, licence uses,
 * supplies to other customers, consents, an audit, a termination); and a hand-written fold of the same rules with
 * the engine's semantics, over the same parsed events (the practical limit for an interpreter), with summaries to
 * check that both give the same answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './common.mjs';

const { Decimal } = await import(join(ROOT, 'dist/values/decimal.js'));

/** Calendar days as ISO strings, from 2024-01-01, far enough past the end for every deadline. */
const FIRST = Date.UTC(2024, 0, 1);
export const DAYS = 1461; // 2024-01-01 .. 2027-12-31
export const CALENDAR = Array.from({ length: DAYS + 400 }, (_, i) => new Date(FIRST + i * 86_400_000).toISOString().slice(0, 10));
const DAY_INDEX = new Map(CALENDAR.map((d, i) => [d, i]));
export const dayOf = (date) => DAY_INDEX.get(date);

const cents = (c) => `USD ${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
const tenThousandths = (x) => `USD ${Math.floor(x / 10_000)}.${String(x % 10_000).padStart(4, '0')}`;

/** The terms of the fixture (bench/fixtures/bench-deal.pacte.md). */
export const DEFAULT_TERMS = {
  deliveryDays: 14,
  invoiceDays: 30,
  royaltyPct: 2,
  royaltyDays: 45,
  royaltyCapM: 5000,
  lapseDays: 15,
  deemedDays: 10,
  terminationM: 100,
};

/** Random terms for one agreement of a portfolio. */
export function randomTerms(random) {
  const { int } = random;
  return {
    deliveryDays: int(7, 21),
    invoiceDays: int(15, 45),
    royaltyPct: int(1, 4),
    royaltyDays: int(30, 60),
    royaltyCapM: int(1, 4),
    lapseDays: int(10, 20),
    deemedDays: int(5, 15),
    terminationM: int(5, 40),
  };
}

/** The agreement's text with the given terms (the fixture's text, its numbers replaced). */
export function agreementText(id, p) {
  const text = readFileSync(join(ROOT, 'bench', 'fixtures', 'bench-deal.pacte.md'), 'utf8');
  const subs = [
    ['agreement: bench-deal', `agreement: ${id}`],
    ['for each order within 14 days', `for each order within ${p.deliveryDays} days`],
    ['for each invoice within 30 days', `for each invoice within ${p.invoiceDays} days`],
    ['buyer must pay 2% of report.revenue', `buyer must pay ${p.royaltyPct}% of report.revenue`],
    ['for each report within 45 days capped at USD 5bn', `for each report within ${p.royaltyDays} days capped at USD ${p.royaltyCapM}m`],
    ['lapses after 15 days', `lapses after ${p.lapseDays} days`],
    ['deemed given after 10 days', `deemed given after ${p.deemedDays} days`],
    ['when paid_total >= USD 100m', `when paid_total >= USD ${p.terminationM}m`],
  ];
  let out = text;
  for (const [a, b] of subs) {
    if (!out.includes(a)) throw new Error(`bench-deal.pacte.md no longer contains "${a}"`);
    out = out.replace(a, b);
  }
  return out;
}

/**
 * A realistic mix: orders delivered within days (sometimes split, sometimes late), invoices paid within 5–60 days
 * (some late, a few in two parts, a few never), daily sales reports each followed by a 2% royalty payment, licence
 * uses, a few supplies to other customers (some to competitors), consents asked and given, one audit, one
 * termination. About 2/3 of the events update sums; half of them perform an instance of a recurring obligation.
 */
export function generateLedger(n, p, random) {
  const { next: rand, int, pick } = random;
  // A little more than needed, then the first n lines (the ledger is in date order: the last day is cut short).
  const perDay = n / (DAYS * 0.9);
  const later = Array.from({ length: DAYS }, () => []);
  const lines = [];
  let id = 0;
  const emit = (day, type, actor, data) => lines.push(JSON.stringify({ id: `e${++id}`, type, date: CALENDAR[day], actor, data }));
  /** Runs `f(day)` when the generator reaches `day`. */
  const schedule = (day, f) => {
    if (day < DAYS) later[day].push(f);
  };
  const sites = ['lyon', 'porto', 'gdansk', 'austin', 'osaka'];
  const customers = ['Contoso', 'Fabrikam', 'Globex', 'Initech', 'Umbrella', 'Hooli'];
  const products = ['widget', 'gadget', 'sprocket', 'gizmo'];
  // Fixed events of the relationship's story.
  const story = new Map([
    [45, () => emit(45, 'pay', 'buyer', { amount: 'USD 1000000', recipient: 'supplier', kind: 'fee' })],
    [60, () => emit(60, 'publish', 'buyer', { title: 'Launch' })],
    [91, () => emit(91, 'consent_request', 'buyer', { clause: 'publicity' })],
    [130, () => emit(130, 'audit', 'buyer', { scope: 'royalties 2024-Q1' })],
    [182, () => emit(182, 'pay', 'buyer', { amount: 'USD 5000000', recipient: 'supplier', kind: 'deposit' })],
    [213, () => emit(213, 'assign', 'supplier', { assignee: 'Supplier Holdings' })],
    [375, () => emit(375, 'consent_request', 'supplier', { clause: 'assignment_consent' })],
    [385, () => emit(385, 'consent_given', 'buyer', { clause: 'assignment_consent' })],
    [397, () => emit(397, 'assign', 'supplier', { assignee: 'Supplier Holdings' })],
    [425, () => emit(425, 'audit', 'buyer', { scope: 'deliveries 2024' })],
    [500, () => emit(500, 'consent_refused', 'buyer', { clause: 'publicity' })],
    [1018, () => emit(1018, 'terminate', 'buyer', { reason: 'convenience' })],
  ]);
  for (let day = 0; day < DAYS; day++) {
    story.get(day)?.();
    for (const f of later[day]) f(day);
    const base = Math.floor(perDay * (0.5 + rand()) + rand());
    for (let k = 0; k < base; k++) {
      const r = rand();
      if (r < 0.25) {
        const units = int(10, 500);
        const site = pick(sites);
        emit(day, 'order', 'buyer', { units, site });
        const q = rand();
        if (q < 0.85) schedule(day + (rand() < 0.92 ? int(1, 14) : int(15, 25)), (d) => emit(d, 'deliver', 'supplier', { units, site }));
        else if (q < 0.95) {
          const first = int(1, units - 1);
          schedule(day + int(1, 7), (d) => emit(d, 'deliver', 'supplier', { units: first, site }));
          schedule(day + int(8, 16), (d) => emit(d, 'deliver', 'supplier', { units: units - first, site }));
        }
      } else if (r < 0.45) {
        const c = int(100_000, 20_000_000);
        const m = int(1, 12);
        emit(day, 'invoice', 'supplier', { amount: cents(c), period: `${CALENDAR[day].slice(0, 4)}-${String(m).padStart(2, '0')}` });
        const q = rand();
        const delay = q < 0.7 ? int(5, 25) : q < 0.92 ? int(26, 30) : int(31, 60);
        const payAt = (when, amount) =>
          schedule(when, (d) => emit(d, 'pay', 'buyer', { amount: cents(amount), recipient: 'supplier', kind: 'invoice' }));
        if (q < 0.95) payAt(day + delay, c);
        else if (q < 0.98) {
          payAt(day + int(5, 15), Math.floor(c / 2));
          payAt(day + int(16, 40), c - Math.floor(c / 2));
        }
      } else if (r < 0.51) {
        const revenue = int(1_000_000, 200_000_000);
        emit(day, 'report', 'supplier', {
          period: `${CALENDAR[day].slice(0, 4)}-Q${Math.floor(Number(CALENDAR[day].slice(5, 7)) / 3.01) + 1}`,
          revenue: cents(revenue),
          units: int(100, 5000),
        });
        if (rand() < 0.97) {
          const d = day + (rand() < 0.95 ? int(10, 45) : int(46, 70));
          schedule(d, (on) =>
            emit(on, 'pay', 'buyer', { amount: tenThousandths(revenue * p.royaltyPct), recipient: 'supplier', kind: 'royalty' }),
          );
        }
      } else if (r < 0.57) {
        emit(day, 'use_ip', 'buyer', { product: rand() < 0.01 ? 'competing' : pick(products) });
      } else if (r < 0.582) {
        emit(day, 'supply_other', 'supplier', { customer: pick(customers), competitor: rand() < 0.2 });
      } else if (r < 0.585) {
        emit(day, 'publish', 'buyer', { title: `Note ${id}` });
      }
    }
  }
  if (lines.length < n) throw new Error(`generated ${lines.length} events, fewer than ${n}`);
  return lines.slice(0, n).join('\n');
}

// ---------------------------------------------------------------- the hand-written fold

/**
 * The rules of bench-deal.pacte.md written by hand over the same parsed events, with the engine's semantics:
 * day by day (timers, then the day's events in ledger order, then conditions); a payment goes to the earliest-due
 * open instance first (overdue ones included) until its amount is used up; an instance not performed by its due date
 * is violated the next day; powers are exercised once; consents are requested, then given, refused, lapsed or deemed.
 */
export function handFold(events, asOf, p) {
  const ZERO = new Decimal(0);
  const v = {
    paid_total: ZERO,
    paid_2025: ZERO,
    invoiced_total: ZERO,
    units_ordered: 0,
    units_delivered: 0,
    revenue_total: ZERO,
    reports: 0,
    last_revenue: null,
    first_delivery: null,
    any_breach: false,
    ip_uses_2026: 0,
  };
  const violations = [];
  const norm = (id, extra = {}) => ({ id, status: 'active', since: '2024-01-01', ...extra });
  const recurring = (id, days, cap = null) => norm(id, { instances: [], next: 0, due: 0, days, cap, instanced: ZERO });
  const delivery = recurring('delivery', p.deliveryDays);
  const invoicePayment = recurring('invoice_payment', p.invoiceDays);
  const royalty = recurring('royalty', p.royaltyDays, new Decimal(p.royaltyCapM).times(1_000_000));
  const signingFee = norm('signing_fee', { deadline: '2024-03-31', amount: new Decimal(1_000_000), performed: ZERO });
  const deposit = norm('deposit', {
    status: 'pending',
    started: false,
    start: '2024-06-01',
    deadline: '2024-09-30',
    amount: new Decimal(5_000_000),
    performed: ZERO,
  });
  const firstReport = norm('first_report', { deadline: '2024-02-29' });
  const ipLicence = norm('ip_licence', { until: '2027-06-30', uses: 0 });
  const ipMisuse = norm('ip_misuse');
  const exclusivity = norm('exclusivity', { until: '2026-12-31' });
  const carveOut = norm('carve_out', { uses: 0 });
  const termination = norm('termination');
  const auditRight = norm('audit_right', { until: '2025-12-31' });
  const assignment = norm('assignment_consent', { status: 'pending', requestedAt: null, lapse: p.lapseDays, deemed: null });
  const publicity = norm('publicity', { status: 'pending', requestedAt: null, lapse: null, deemed: p.deemedDays });
  const all = [
    delivery,
    invoicePayment,
    royalty,
    signingFee,
    deposit,
    firstReport,
    ipLicence,
    ipMisuse,
    exclusivity,
    carveOut,
    termination,
    auditRight,
    assignment,
    publicity,
  ];
  const byClause = { assignment_consent: assignment, publicity };
  let exercisedTermination = false;

  const FINAL = new Set(['fulfilled', 'expired', 'terminated', 'exercised', 'given', 'refused', 'lapsed']);
  const isFinal = (n) => FINAL.has(n.status) || (n.status === 'violated' && n !== exclusivity && n !== ipMisuse);
  const inForce = (n) => n.status !== 'pending' && !isFinal(n) && n.status !== 'suspended';
  const nextDay = (d) => CALENDAR[dayOf(d) + 1];
  const violate = (kind, n, date, event = null, instance = null, reason = null) =>
    violations.push({ kind, norm: n.id, date, event, instance, reason });

  const newInstance = (n, e, amount) => {
    // Nothing is due once a cap is reached: the instance is recorded, already fulfilled.
    const nothing = amount instanceof Decimal ? amount.isZero() : amount === 0;
    n.instances.push({
      n: n.instances.length + 1,
      trigger: e,
      due: CALENDAR[dayOf(e.date) + n.days],
      amount,
      performed: amount instanceof Decimal ? ZERO : 0,
      status: nothing ? 'fulfilled' : 'active',
      since: e.date,
    });
  };
  /** Allocates an amount to the open instances of `n`, earliest due first. */
  const perform = (n, e, paid) => {
    let remaining = paid;
    const isNumber = typeof paid === 'number';
    for (let k = n.next; k < n.instances.length; k++) {
      const i = n.instances[k];
      if (isNumber ? remaining <= 0 : remaining.lte(0)) break;
      if (i.status !== 'active' && i.status !== 'violated') continue;
      const left = isNumber ? i.amount - i.performed : i.amount.minus(i.performed);
      if (isNumber ? left <= 0 : left.lte(0)) continue;
      const take = isNumber ? Math.min(left, remaining) : Decimal.min(left, remaining);
      remaining = isNumber ? remaining - take : remaining.minus(take);
      i.performed = isNumber ? i.performed + take : i.performed.plus(take);
      if ((isNumber ? i.performed >= i.amount : i.performed.gte(i.amount)) && i.status === 'active') {
        i.status = 'fulfilled';
        i.since = e.date;
      }
    }
    while (n.next < n.instances.length) {
      const i = n.instances[n.next];
      const done = i.status === 'fulfilled' || (isNumber ? i.performed >= i.amount : i.performed.gte(i.amount));
      if (!done) break;
      n.next++;
    }
  };
  const performOnce = (n, e, paid) => {
    // A payment during a suspension counts too.
    if (n.status !== 'active' && n.status !== 'violated' && n.status !== 'suspended') return;
    n.performed = n.performed.plus(paid);
    if ((n.status === 'active' || n.status === 'suspended') && n.performed.gte(n.amount)) {
      n.status = 'fulfilled';
      n.since = e.date;
    }
  };
  const consentEvent = (n, e) => {
    const holder = n === assignment ? 'buyer' : 'supplier';
    const asker = n === assignment ? 'supplier' : 'buyer';
    if (e.type === 'consent_request') {
      if ((e.actor === asker || e.actor === holder) && n.status === 'pending') {
        n.status = 'requested';
        n.since = e.date;
        n.requestedAt = e.date;
      }
      return;
    }
    if (e.actor !== holder) return violate('not-entitled', n, e.date, e, null, 'not-holder');
    if (!inForce(n)) return;
    n.status = e.type === 'consent_given' ? 'given' : 'refused';
    n.since = e.date;
  };
  const actConsent = (n, e) => {
    if (n.status === 'given' || n.status === 'expired' || n.status === 'terminated') return;
    const reason = { refused: 'refused', requested: 'not-answered', lapsed: 'lapsed' }[n.status] ?? 'not-requested';
    violate('without-consent', n, e.date, e, null, reason);
  };
  const breach = (n, e) => {
    violate('breach', n, e.date, e);
    if (n.status !== 'violated') {
      n.status = 'violated';
      n.since = e.date;
    }
  };
  const exercise = (n, e, condition) => {
    if (n.status === 'exercised') return violate('invalid-exercise', n, e.date, e, null, 'already-exercised');
    if (!inForce(n)) return violate('invalid-exercise', n, e.date, e, null, 'not-in-force');
    if (!condition) return violate('invalid-exercise', n, e.date, e, null, 'condition-false');
    n.status = 'exercised';
    n.since = e.date;
    if (n === termination) {
      exercisedTermination = true;
      // A condition met earlier the same day applies to the acts after it (the end of exclusivity).
      if (!isFinal(exclusivity)) {
        exclusivity.status = 'terminated';
        exclusivity.since = e.date;
      }
    }
  };

  const timers = (day) => {
    const date = CALENDAR[day];
    if (!deposit.started && deposit.start <= date) {
      deposit.started = true;
      deposit.status = 'active';
      deposit.since = date;
    }
    for (const n of [ipLicence, exclusivity, auditRight]) {
      if (!isFinal(n) && n.until < date) {
        n.status = 'expired';
        n.since = nextDay(n.until);
      }
    }
    // Deadlines, clause by clause in the agreement's order (the order of same-day violations).
    for (const n of [delivery, invoicePayment, royalty, signingFee, deposit, firstReport]) {
      if (n.instances) {
        while (n.due < n.instances.length && n.instances[n.due].due < date) {
          const i = n.instances[n.due++];
          if (i.status !== 'active') continue;
          i.status = 'violated';
          i.since = nextDay(i.due);
          violate('missed-deadline', n, i.since, i.trigger, i.n);
        }
      } else if (n.status === 'active' && n.deadline < date) {
        n.status = 'violated';
        n.since = nextDay(n.deadline);
        violate('missed-deadline', n, n.since);
      }
    }
    for (const n of [assignment, publicity]) {
      if (n.status !== 'requested') continue;
      const from = dayOf(n.requestedAt);
      const deemed = n.deemed === null ? null : CALENDAR[from + n.deemed];
      const lapse = n.lapse === null ? null : CALENDAR[from + n.lapse];
      if (deemed && deemed < date && (!lapse || deemed <= lapse)) {
        n.status = 'given';
        n.since = nextDay(deemed);
      } else if (lapse && lapse < date) {
        n.status = 'lapsed';
        n.since = nextDay(lapse);
      }
    }
  };

  const apply = (e) => {
    const d = e.data;
    switch (e.type) {
      case 'order': {
        const units = d.get('units').v.toNumber();
        v.units_ordered += units;
        if (inForce(delivery)) newInstance(delivery, e, units);
        return;
      }
      case 'deliver': {
        const units = d.get('units').v.toNumber();
        v.units_delivered += units;
        if (v.first_delivery === null) v.first_delivery = e.date;
        perform(delivery, e, units);
        return;
      }
      case 'invoice': {
        const amount = d.get('amount').v.amount;
        v.invoiced_total = v.invoiced_total.plus(amount);
        if (inForce(invoicePayment)) newInstance(invoicePayment, e, amount);
        return;
      }
      case 'pay': {
        const amount = d.get('amount').v.amount;
        if (d.get('recipient').v === 'supplier') {
          v.paid_total = v.paid_total.plus(amount);
          if (e.date >= '2025-01-01' && e.date <= '2025-12-31') v.paid_2025 = v.paid_2025.plus(amount);
        }
        const kind = d.get('kind').v;
        if (kind === 'invoice') perform(invoicePayment, e, amount);
        else if (kind === 'royalty') perform(royalty, e, amount);
        else if (kind === 'fee') performOnce(signingFee, e, amount);
        else if (kind === 'deposit') performOnce(deposit, e, amount);
        return;
      }
      case 'report': {
        const revenue = d.get('revenue').v.amount;
        v.revenue_total = v.revenue_total.plus(revenue);
        v.reports++;
        v.last_revenue = revenue;
        if (firstReport.status === 'active' || firstReport.status === 'violated') {
          if (firstReport.status === 'active') {
            firstReport.status = 'fulfilled';
            firstReport.since = e.date;
          }
        }
        if (inForce(royalty)) {
          const room = Decimal.max(0, royalty.cap.minus(royalty.instanced));
          const amount = Decimal.min(room, revenue.times(p.royaltyPct).div(100));
          royalty.instanced = royalty.instanced.plus(amount);
          newInstance(royalty, e, amount);
        }
        return;
      }
      case 'use_ip': {
        if (e.date >= '2026-01-01' && e.date <= '2026-12-31') v.ip_uses_2026++;
        const competing = d.get('product').v === 'competing';
        if (!competing && inForce(ipLicence)) ipLicence.uses++;
        if (competing && inForce(ipMisuse)) breach(ipMisuse, e);
        return;
      }
      case 'supply_other': {
        const competitor = d.get('competitor').v;
        if (competitor) v.any_breach = true;
        const contoso = d.get('customer').v === 'Contoso';
        if (contoso && inForce(carveOut)) carveOut.uses++;
        if (competitor && inForce(exclusivity) && !(contoso && inForce(carveOut))) breach(exclusivity, e);
        return;
      }
      case 'terminate':
        return exercise(termination, e, v.paid_total.gte(p.terminationM * 1_000_000));
      case 'audit':
        return exercise(auditRight, e, v.reports >= 4);
      case 'assign':
        return actConsent(assignment, e);
      case 'publish':
        return actConsent(publicity, e);
      case 'consent_request':
      case 'consent_given':
      case 'consent_refused': {
        const n = byClause[d.get('clause').v];
        if (n) consentEvent(n, e);
        return;
      }
    }
  };

  const conditions = (date) => {
    if (exercisedTermination && !isFinal(exclusivity)) {
      exclusivity.status = 'terminated';
      exclusivity.since = date;
    }
    if (deposit.started && !isFinal(deposit)) {
      if (v.reports === 0 && deposit.status === 'active') {
        deposit.status = 'suspended';
        deposit.since = date;
      } else if (v.reports > 0 && deposit.status === 'suspended') {
        deposit.status = 'active';
        deposit.since = date;
      }
    }
  };

  // Ordered by (date, ledger order), as the engine orders them.
  events = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq));
  let k = 0;
  const last = dayOf(asOf);
  for (let day = 0; day <= last; day++) {
    timers(day);
    const date = CALENDAR[day];
    while (k < events.length && events[k].date === date) apply(events[k++]);
    conditions(date);
  }
  return { values: v, norms: all, violations };
}

// ---------------------------------------------------------------- comparing the two folds

export function summaryOfHand(h) {
  // As pacte writes money: whole amounts whole, a fraction with at least USD's two minor units.
  const usd = (d) => `USD ${d.isInteger() ? d.toFixed() : d.toFixed(Math.max(2, d.decimalPlaces()))}`;
  const v = h.values;
  const instances = {};
  for (const n of h.norms.filter((x) => x.instances)) {
    const c = {};
    for (const i of n.instances) c[i.status] = (c[i.status] ?? 0) + 1;
    instances[n.id] = c;
  }
  return {
    values: {
      any_breach: v.any_breach,
      first_delivery: v.first_delivery,
      invoiced_total: usd(v.invoiced_total),
      ip_uses_2026: String(v.ip_uses_2026),
      last_revenue: v.last_revenue ? usd(v.last_revenue) : null,
      outstanding: usd(v.invoiced_total.minus(v.paid_total)),
      paid_2025: usd(v.paid_2025),
      paid_total: usd(v.paid_total),
      reports: String(v.reports),
      revenue_total: usd(v.revenue_total),
      units_delivered: String(v.units_delivered),
      units_ordered: String(v.units_ordered),
    },
    norms: Object.fromEntries(h.norms.map((n) => [n.id, `${n.status} since ${n.since}`])),
    instances,
    violations: h.violations.map(
      (x) => `${x.kind} ${x.norm} ${x.date}${x.instance ? ` #${x.instance}` : ''}${x.reason ? ` ${x.reason}` : ''}`,
    ),
  };
}

export function summaryOfState(st) {
  const instances = {};
  for (const n of st.norms.filter((x) => x.instances.length > 0)) {
    const c = {};
    for (const i of n.instances) c[i.status] = (c[i.status] ?? 0) + 1;
    instances[n.id] = c;
  }
  return {
    values: Object.fromEntries(Object.entries(st.values).map(([k, x]) => [k, x.value])),
    norms: Object.fromEntries(st.norms.map((n) => [n.id, `${n.status} since ${n.since}`])),
    instances,
    violations: st.violations.map(
      (x) => `${x.kind} ${x.norm} ${x.date}${x.instance ? ` #${x.instance}` : ''}${x.reason ? ` ${x.reason}` : ''}`,
    ),
  };
}

export function differences(a, b) {
  const out = [];
  for (const part of ['values', 'norms', 'instances']) {
    for (const k of new Set([...Object.keys(a[part]), ...Object.keys(b[part])])) {
      const x = JSON.stringify(a[part][k]);
      const y = JSON.stringify(b[part][k]);
      if (x !== y) out.push(`${part}.${k}: pacte ${x}, hand-written ${y}`);
    }
  }
  if (a.violations.length !== b.violations.length)
    out.push(`violations: pacte ${a.violations.length}, hand-written ${b.violations.length}`);
  const i = a.violations.findIndex((x, k) => x !== b.violations[k]);
  if (i >= 0) out.push(`violation ${i}: pacte ${a.violations[i]}, hand-written ${b.violations[i]}`);
  return out;
}

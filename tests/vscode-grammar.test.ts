/**
 * The VS Code extension's TextMate grammars (editors/vscode/syntaxes/), run by the engine VS Code runs
 * (vscode-textmate with vscode-oniguruma): the flagship's documents tokenized as `*.pacte.md` files, and a `pacte`
 * fence inside any Markdown file through the injection grammar. Each construct of the language gets its scope. And
 * the extension bundles (as `npm run build:vscode` does, without packaging) into a module with its entry points.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import type { IGrammar, IRawGrammar } from 'vscode-textmate';
import { INITIAL, parseRawGrammar, Registry } from 'vscode-textmate';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SYNTAXES = join(ROOT, 'editors/vscode/syntaxes');
const FILES: Record<string, string> = {
  'source.pacte': 'pacte.tmLanguage.json',
  'text.pacte.markdown': 'pacte-markdown.tmLanguage.json',
  'markdown.pacte.codeblock': 'markdown-pacte-injection.tmLanguage.json',
};
/** A stand-in for VS Code's Markdown grammar: paragraphs only, so that what the injection adds is what is seen. */
const MARKDOWN: IRawGrammar = parseRawGrammar(
  JSON.stringify({ scopeName: 'text.html.markdown', patterns: [{ match: '^#+ .*$', name: 'markup.heading.markdown' }] }),
  'markdown.json',
);

let registry: Registry;

beforeAll(async () => {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new OnigScanner(p),
      createOnigString: (s: string) => new OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope === 'text.html.markdown') return MARKDOWN;
      const file = FILES[scope];
      return file ? parseRawGrammar(readFileSync(join(SYNTAXES, file), 'utf8'), join(SYNTAXES, file)) : null;
    },
    getInjections: (scope) => (scope === 'text.html.markdown' ? ['markdown.pacte.codeblock'] : undefined),
  });
});

/** Each token of the text as `text → innermost scope`, with every scope the token has. */
function tokenize(grammar: IGrammar, text: string): { text: string; scopes: string[]; line: number }[] {
  let state = INITIAL;
  const out: { text: string; scopes: string[]; line: number }[] = [];
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: i + 1 });
    state = r.ruleStack;
  });
  return out;
}

function scopeOf(tokens: ReturnType<typeof tokenize>, text: string, line?: number): string[] {
  const t = tokens.find((x) => x.text === text && (line === undefined || x.line === line));
  if (!t) throw new Error(`no token ${JSON.stringify(text)}${line ? ` on line ${line}` : ''}`);
  return t.scopes;
}

const flagship = (name: string): string => readFileSync(join(ROOT, 'examples/openai-microsoft', name), 'utf8');

describe('the pacte grammar', () => {
  it('tokenizes each construct of the flagship’s amendment', async () => {
    const g = (await registry.loadGrammar('text.pacte.markdown'))!;
    const tokens = tokenize(g, flagship('2026-04-amendment.pacte.md'));
    expect(scopeOf(tokens, 'replace', 63)).toContain('keyword.other.amendment.pacte');
    expect(scopeOf(tokens, 'permission', 63)).toContain('storage.type.norm.permission.pacte');
    expect(scopeOf(tokens, 'microsoft_ip', 63)).toContain('entity.name.function.clause.pacte');
    expect(scopeOf(tokens, 'microsoft_ip', 63)).toContain('meta.embedded.block.pacte');
    expect(scopeOf(tokens, 'may', 63)).toContain('keyword.other.modal.pacte');
    expect(scopeOf(tokens, 'where', 64)).toContain('keyword.control.pacte');
    expect(scopeOf(tokens, 'not', 64)).toContain('keyword.other.modal.pacte');
    expect(scopeOf(tokens, '2032-12-31', 65)).toContain('constant.numeric.date.pacte');
    expect(scopeOf(tokens, 'ip_exclusivity', 68)).toContain('entity.name.function.clause.pacte');
    expect(scopeOf(tokens, '20%', 82)).toContain('constant.numeric.percent.pacte');
    expect(scopeOf(tokens, 'revenue_share_cap', 85)).toContain('entity.name.constant.definition.pacte');
    expect(scopeOf(tokens, 'undisclosed', 85)).toContain('constant.language.undisclosed.pacte');
    expect(scopeOf(tokens, 'money', 85)).toContain('support.type.pacte');
    expect(scopeOf(tokens, 'report_revenue', 88)).toContain('variable.other.object.event.pacte');
    expect(scopeOf(tokens, 'partner_cloud_revenue', 88)).toContain('variable.other.property.field.pacte');
    expect(scopeOf(tokens, 'for', 89)).toContain('keyword.control.pacte');
    expect(scopeOf(tokens, 'official', 66)).toContain('keyword.control.pacte');
  });

  it('leaves the prose and the front matter out of pacte blocks', async () => {
    const g = (await registry.loadGrammar('text.pacte.markdown'))!;
    const tokens = tokenize(g, flagship('2026-04-amendment.pacte.md'));
    expect(tokens.filter((t) => t.line <= 21).every((t) => !t.scopes.includes('meta.embedded.block.pacte'))).toBe(true);
    expect(scopeOf(tokens, 'version', 4)).toEqual(['text.pacte.markdown', 'meta.embedded.block.frontmatter.pacte', 'entity.name.tag.yaml']);
    const prose = tokens.filter((t) => t.line === 101);
    expect(prose.length).toBeGreaterThan(0);
    expect(prose.every((t) => !t.scopes.includes('meta.embedded.block.pacte'))).toBe(true);
  });

  it('tokenizes events, money, durations, strings and comments', async () => {
    const g = (await registry.loadGrammar('source.pacte'))!;
    const text = [
      'event report_revenue by openai { revenue: money }',
      'obligation azure_commitment: openai must buy_azure USD 250bn to microsoft',
      '  within 60 business days  # a comment',
      '  where cloud != "Microsoft Azure"',
    ].join('\n');
    const tokens = tokenize(g, text);
    expect(scopeOf(tokens, 'event')).toContain('storage.type.event.pacte');
    expect(scopeOf(tokens, 'report_revenue')).toContain('entity.name.type.event.pacte');
    expect(scopeOf(tokens, 'obligation')).toContain('storage.type.norm.obligation.pacte');
    expect(scopeOf(tokens, 'must')).toContain('keyword.other.modal.pacte');
    expect(scopeOf(tokens, 'USD 250bn')).toContain('constant.numeric.money.pacte');
    expect(scopeOf(tokens, '60 business days')).toContain('constant.numeric.duration.pacte');
    expect(scopeOf(tokens, '# a comment')).toContain('comment.line.number-sign.pacte');
    expect(scopeOf(tokens, '!=')).toContain('keyword.operator.pacte');
    expect(scopeOf(tokens, 'Microsoft Azure')).toContain('string.quoted.double.pacte');
  });

  it('tokenizes what another clause came to: `is`, `in force`, `became`', async () => {
    const g = (await registry.loadGrammar('source.pacte'))!;
    const text = [
      'define cap = if tranche is expired then USD 2bn else USD 3bn',
      'define open = in force tranche',
      'define missed_on = date repay became violated',
    ].join('\n');
    const tokens = tokenize(g, text);
    expect(scopeOf(tokens, 'is')).toContain('keyword.operator.logical.pacte');
    expect(scopeOf(tokens, 'in force')).toContain('keyword.operator.logical.pacte');
    expect(scopeOf(tokens, 'became')).toContain('keyword.operator.logical.pacte');
    expect(scopeOf(tokens, 'tranche')).toContain('variable.other.pacte');
  });

  it('highlights a pacte fence inside any Markdown file, and no other fence', async () => {
    const g = (await registry.loadGrammar('text.html.markdown'))!;
    const text = ['# Notes', '', '```pacte', 'define cap = USD 5m', '```', '', '```js', 'define cap = 1', '```'].join('\n');
    const tokens = tokenize(g, text);
    expect(scopeOf(tokens, 'define', 4)).toContain('storage.type.define.pacte');
    expect(scopeOf(tokens, 'USD 5m', 4)).toContain('constant.numeric.money.pacte');
    expect(tokens.filter((t) => t.line === 8).every((t) => !t.scopes.some((s) => s.endsWith('.pacte')))).toBe(true);
  });
});

describe('the extension manifest', () => {
  it('points at the grammars this test runs, and declares the commands', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'editors/vscode/package.json'), 'utf8')) as {
      main: string;
      contributes: { grammars: { scopeName: string; path: string }[]; commands: { command: string }[] };
    };
    for (const g of manifest.contributes.grammars) {
      expect(FILES[g.scopeName]).toBe(g.path.replace('./syntaxes/', ''));
      const raw = JSON.parse(readFileSync(join(ROOT, 'editors/vscode', g.path), 'utf8')) as { scopeName: string };
      expect(raw.scopeName).toBe(g.scopeName);
    }
    expect(manifest.contributes.commands.map((c) => c.command)).toEqual(['pacte.stateAsOf', 'pacte.explainAtCursor', 'pacte.restart']);
    expect(manifest.main).toBe('./dist/extension.js');
  });

  it('bundles into a module that exports activate and deactivate (vscode is the editor’s)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pacte-vscode-'));
    try {
      const outfile = join(dir, 'extension.cjs');
      await build({
        entryPoints: [join(ROOT, 'editors/vscode/src/extension.ts')],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        external: ['vscode'],
        outfile,
        logLevel: 'silent',
      });
      const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
      (Module as unknown as { _load: typeof load })._load = (request: string, ...rest: unknown[]) =>
        request === 'vscode' ? new Proxy({}, { get: () => class {} }) : load(request, ...rest);
      try {
        const ext = createRequire(import.meta.url)(outfile) as Record<string, unknown>;
        expect(typeof ext['activate']).toBe('function');
        expect(typeof ext['deactivate']).toBe('function');
      } finally {
        (Module as unknown as { _load: typeof load })._load = load;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

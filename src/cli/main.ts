/**
 * The `pacte` command line. `main(argv)` returns the exit code: 0 ok, 1 the input has errors, 2 usage error.
 *
 * Only commander and the shared options are loaded up front: each command's module (and through it the pipeline, the
 * store drivers, the server, the MCP SDK or the language server) is imported by its action, so that `pacte --help`
 * loads none of them and `pacte check` loads no store and no server (`bench/startup.mjs` measures it). Type-only
 * imports below are erased by the compiler.
 */
import { Command, CommanderError, Option } from 'commander';
import type { DiffOptions } from './diff.js';
import type { FmtOptions } from './fmt.js';
import type { HeadOptions } from './head.js';
import type { LoadDbOptions } from './load-db.js';
import type { LspCliOptions } from './lsp.js';
import type { McpCliOptions } from './mcp.js';
import type { CommonOptions, Io } from './options.js';
import { defaultLang, langOf, parseLang, processIo, UsageError } from './options.js';
import type { RechainOptions } from './rechain.js';
import type { ServeOptions } from './serve.js';
import type { StateOptions } from './state.js';
import type { CanCliOptions } from './can.js';
import type { CompareOptions } from './compare.js';
import type { StoryOptions } from './story.js';
import type { TokenOptions } from './token.js';
import type { VerifyOptions } from './verify.js';
import { DEFAULT_BUDGET_MS, DEFAULT_WORKERS } from '../server/evaluator/defaults.js';

function common(cmd: Command): Command {
  return cmd
    .addOption(new Option('--json', 'print JSON'))
    .addOption(new Option('--lang <lang>', 'language of messages: en or fr').argParser(parseLang).default(defaultLang()));
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--scenario`, `--assume`, `--retract`: each repeatable, applied in the order given (docs/cli.md, Scenarios). */
function scenarioOptions(cmd: Command): Command {
  return cmd
    .option('--scenario <name>', 'apply the scenario scenarios/<name>.pacte.md (repeatable, in order)', collect)
    .option('--assume <term=value>', 'assume a value for an undisclosed term, labelled ASSUMED-n (repeatable)', collect)
    .option('--retract <event-id>', 'set a ledger event aside: had it not happened (repeatable)', collect);
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const program = new Command('pacte')
    .description('Computable agreements: check, evaluate, explain and compare versions of an agreement.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError(false);
  common(program.command('check').description('check documents or family directories').argument('<paths...>')).action(
    async (paths: string[], opts: CommonOptions) => {
      code = (await import('./check.js')).runCheck(paths, opts, io);
    },
  );
  const evalOptions = (cmd: Command): Command =>
    scenarioOptions(
      common(cmd)
        .requiredOption('--as-of <date>', 'the date of the state (YYYY-MM-DD)')
        .option('--version <version>', 'evaluate under this version alone (counterfactual)')
        .option('--events <files...>', 'overlay hypothetical events (JSON lines)')
        .option('--lenient', 'skip invalid ledger events instead of refusing the ledger'),
    );
  evalOptions(program.command('state').description('the state of a family as of a date').argument('<family-dir>'))
    .option('--instances <which>', 'a recurring clause past 20 instances: summary (the default: counts, open and latest) or all')
    .action(async (dir: string, opts: StateOptions) => {
      code = (await import('./state.js')).runState(dir, opts, io);
    });
  common(
    program
      .command('compare')
      .description('the baseline and each variant (a version alone, a file of hypothetical events, a scenario) side by side')
      .argument('<family-dir>'),
  )
    .option('--as-of <date>', 'the date of the states (YYYY-MM-DD)')
    .option('--from <date>', 'over a range: its first date (with --to)')
    .option('--to <date>', 'over a range: its last date')
    .option('--every <unit>', 'over a range: day, week, month (the default), quarter or year')
    .option('--version <versions...>', 'a column per version evaluated alone (counterfactual)')
    .option('--events <files...>', 'a column per file of hypothetical events overlaid on the ledger')
    .option('--scenario <name>', 'a column per scenario scenarios/<name>.pacte.md, applied alone (repeatable)', collect)
    .option('--assume <term=value>', 'a column with these assumed values and the retractions (repeatable)', collect)
    .option('--retract <event-id>', 'a column with these ledger events set aside and the assumptions (repeatable)', collect)
    .option('--all', 'every row, not only those that differ')
    .option('--lenient', 'skip invalid ledger events instead of refusing the ledger')
    .action(async (dir: string, opts: CompareOptions) => {
      code = (await import('./compare.js')).runCompare(dir, opts, io);
    });
  evalOptions(
    program
      .command('can')
      .description('would this act, done on that date, be valid? (nothing is written)')
      .argument('<family-dir>')
      .argument('<party>')
      .argument('<event-type>')
      .option('--data <json>', "the event's fields, a JSON object"),
  ).action(async (dir: string, party: string, type: string, opts: CanCliOptions) => {
    code = (await import('./can.js')).runCan(dir, party, type, opts, io);
  });
  evalOptions(
    program
      .command('explain')
      .description('why a norm has its status, or a definition its value')
      .argument('<family-dir>')
      .argument('<name>'),
  ).action(async (dir: string, name: string, opts: StateOptions) => {
    code = (await import('./state.js')).runExplain(dir, name, opts, io);
  });
  common(
    program
      .command('test')
      .description("run the expectations of each family's tests.md: pass or fail, a diff on failure")
      .argument('<family-dirs...>'),
  ).action(async (dirs: string[], opts: CommonOptions) => {
    code = (await import('./test.js')).runTest(dirs, opts, io);
  });
  scenarioOptions(common(program.command('story').description('the relationship told version by version').argument('<family-dir>')))
    .option('--as-of <date>', 'end the story at this date (default: the last event)')
    .option('--focus <ids>', 'comma-separated norms and definitions to show at each date (default: every norm)')
    .action(async (dir: string, opts: StoryOptions) => {
      code = (await import('./story.js')).runStory(dir, opts, io);
    });
  const diffCmd = common(
    program
      .command('diff')
      .description('the redline between two versions, and its impact on the ledger')
      .argument('<family-dir>')
      .argument('<from>')
      .argument('<to>'),
  )
    .option('--impact', 'also evaluate the ledger under each version alone and list the norms whose status differs')
    .option('--as-of <date>', 'the date of the impact (YYYY-MM-DD)')
    .option('--events <files...>', 'overlay hypothetical events (JSON lines) for the impact')
    .option('--lenient', 'skip invalid ledger events instead of refusing the ledger');
  scenarioOptions(diffCmd).action(async (dir: string, from: string, to: string, opts: DiffOptions) => {
    code = (await import('./diff.js')).runDiff(dir, from, to, opts, io);
  });
  const db = (cmd: Command): Command =>
    cmd.option('--db <url>', 'the store: sqlite:<file>, postgres://… or memory: (default $PACTE_DB, else sqlite:./pacte.db)');
  db(
    common(
      program.command('load').description('store a family (versions and ledger) in the database, idempotently').argument('<family-dir>'),
    ),
  ).action(async (dir: string, opts: LoadDbOptions) => {
    code = await (await import('./load-db.js')).runLoadDb(dir, opts, io);
  });
  const token = program.command('token').description('tokens for the HTTP API');
  db(common(token.command('add').description('create a token, print it once, store only its hash')))
    .option('--family <family>', 'the family the token belongs to (with --party)')
    .option('--party <id>', 'the party of that family the token acts for')
    .option('--admin', 'an administrator token (may add versions; sees every family)')
    .option('--org <name>', "an organisation's token (with --map)")
    .option('--map <family:party,...>', 'the party the organisation acts as in each family it may see')
    .option('--label <text>', 'a note to tell tokens apart')
    .option('--expires <date|instant>', 'the last day it works (YYYY-MM-DD, UTC) or the instant it stops working')
    .action(async (opts: TokenOptions) => {
      code = await (await import('./token.js')).runTokenAdd(opts, io);
    });
  db(common(token.command('list').description('every token, without its secret: id, family, party, dates, status'))).action(
    async (opts: TokenOptions) => {
      code = await (await import('./token.js')).runTokenList(opts, io);
    },
  );
  db(common(token.command('revoke').description('revoke a token: every later use of it is a 401').argument('<id>'))).action(
    async (id: string, opts: TokenOptions) => {
      code = await (await import('./token.js')).runTokenRevoke(id, opts, io);
    },
  );
  db(common(token.command('scope').description('give a party token made before tokens had families its family').argument('<id>')))
    .option('--family <family>', 'the family it belongs to')
    .action(async (id: string, opts: TokenOptions) => {
      code = await (await import('./token.js')).runTokenScope(id, opts, io);
    });
  db(common(program.command('verify').description('check every chain in the database (ledgers, versions, tokens) and report every damage')))
    .option('--expect-head <family=hash...>', 'a head published earlier (pacte head): the family must have passed through it')
    .action(async (opts: VerifyOptions) => {
      code = await (await import('./verify.js')).runVerify(opts, io);
    });
  db(
    common(
      program.command('head').description("print each family's chain head (and the token log's), to publish").argument('[families...]'),
    ),
  ).action(async (families: string[], opts: HeadOptions) => {
    code = await (await import('./head.js')).runHead(families, opts, io);
  });
  db(
    common(
      program
        .command('rechain')
        .description('salt the events stored before salts existed and recompute their chain, recorded so old heads still verify')
        .argument('[families...]'),
    ),
  ).action(async (families: string[], opts: RechainOptions) => {
    code = await (await import('./rechain.js')).runRechain(families, opts, io);
  });
  db(common(program.command('serve').description('the HTTP API and the web UI over a store (docs/http.md)')))
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option('--port <n>', 'the port to listen on (0: a free one)', '8080')
    .option('--budget-ms <ms>', 'how long one request may evaluate (and wait for a worker) before a 503', String(DEFAULT_BUDGET_MS))
    .option('--workers <n>', 'evaluation worker threads (0: evaluate on the main thread, without a budget)', String(DEFAULT_WORKERS))
    .option('--demo', 'load the flagship into pacte-demo.db when absent, print its story, the URL and a demo admin token')
    .action(async (opts: ServeOptions) => {
      code = await (await import('./serve.js')).runServe(opts, io);
    });
  common(program.command('fmt').description('format the pacte blocks of documents or family directories').argument('<paths...>'))
    .option('--check', 'write nothing; exit 1 when a document is not formatted')
    .action(async (paths: string[], opts: FmtOptions) => {
      code = (await import('./fmt.js')).runFmt(paths, opts, io);
    });
  common(
    program
      .command('mcp')
      .description('a Model Context Protocol server over stdio, for AI assistants (docs/mcp.md)')
      .argument('[paths...]', 'family directories, or directories of them (default: .)'),
  ).action(async (paths: string[], opts: McpCliOptions) => {
    code = await (await import('./mcp.js')).runMcp(paths, opts, io);
  });
  common(
    program
      .command('lsp')
      .description('a language server over stdio for *.pacte.md files (docs/editor.md)')
      .option('--stdio', 'talk over stdin and stdout (the default; accepted for editors that pass it)'),
  ).action(async (opts: LspCliOptions) => {
    code = await (await import('./lsp.js')).runLsp(opts, io);
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`pacte: ${e.text(langOf(argv))}`);
      return 2;
    }
    // Anything else (a damaged database, a disk error, a bug): one line, never a stack trace unless asked for.
    const fr =
      (argv.includes('--lang=fr') || argv[argv.indexOf('--lang') + 1] === 'fr' || defaultLang() === 'fr') &&
      !argv.includes('--lang=en') &&
      argv[argv.indexOf('--lang') + 1] !== 'en';
    const hint = fr ? ' (PACTE_DEBUG=1 montre où)' : ' (PACTE_DEBUG=1 shows where)';
    io.err(
      `pacte: ${e instanceof Error ? e.message : String(e)}${process.env['PACTE_DEBUG'] ? `\n${e instanceof Error ? e.stack : ''}` : hint}`,
    );
    return 1;
  }
}

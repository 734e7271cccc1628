/** The `pacte` command line. `main(argv)` returns the exit code: 0 ok, 1 the input has errors, 2 usage error. */
import { Command, CommanderError, Option } from 'commander';
import { runCheck } from './check.js';
import type { CommonOptions, Io } from './options.js';
import { defaultLang, parseLang, processIo, UsageError } from './options.js';

function common(cmd: Command): Command {
  return cmd
    .addOption(new Option('--json', 'print JSON'))
    .addOption(new Option('--lang <lang>', 'language of messages: en or fr').argParser(parseLang).default(defaultLang()));
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const program = new Command('pacte')
    .description('Computable agreements: check, evaluate, explain and compare versions of an agreement.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError(false);
  common(program.command('check').description('check documents or family directories').argument('<paths...>'))
    .action((paths: string[], opts: CommonOptions) => {
      code = runCheck(paths, opts, io);
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
      io.err(`pacte: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

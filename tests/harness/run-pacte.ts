/** Runs the CLI in process and captures its output; the temporary family directory is shown as `$DIR`. */
import { main } from '../../src/cli/main.js';

export async function runPacte(args: readonly string[], dir?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`),
  });
  const clean = (s: string): string => (dir ? s.split(dir).join('$DIR') : s);
  return { code, out: clean(out), err: clean(err) };
}

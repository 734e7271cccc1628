// Builds the VS Code extension (`npm run build:vscode`): bundles editors/vscode/src/extension.ts with the language
// client into editors/vscode/dist/extension.js (esbuild; `vscode` is provided by the editor), then packages
// editors/vscode/ into dist/pacte-vscode.vsix with @vscode/vsce 3.x (4.x needs Node 22).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXT = join(ROOT, 'editors', 'vscode');
const OUT = join(ROOT, 'dist', 'pacte-vscode.vsix');

await build({
  entryPoints: [join(EXT, 'src', 'extension.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  outfile: join(EXT, 'dist', 'extension.js'),
  minify: true,
  logLevel: 'warning',
});
mkdirSync(dirname(OUT), { recursive: true });
execFileSync(
  'npx',
  ['--yes', '@vscode/vsce@3.9.2', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', OUT],
  { cwd: EXT, stdio: 'inherit' },
);
console.log(`built ${OUT}`);

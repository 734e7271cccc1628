/** `pacte mcp` over stdio: the server reads JSON-RPC on stdin and writes on stdout; nothing else may write to stdout. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { McpOptions } from './create-mcp-server.js';
import { createMcpServer } from './create-mcp-server.js';

/** Serves until stdin closes; resolves then. */
export async function runMcpStdio(opts: McpOptions): Promise<void> {
  const server = await createMcpServer(opts);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  await server.connect(transport);
  await closed;
  await server.close();
}

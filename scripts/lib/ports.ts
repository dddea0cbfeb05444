// Checks, before anything starts, that the ports a command needs are free, so a second
// `npm start` says which one is taken instead of starting half a console.
import net from 'node:net';

export interface PortNeed {
  port: number;
  host: string;
  /** What would listen there, for the message: "the console", "lattice-local". */
  label: string;
}

/** Resolves to the error code (EADDRINUSE, EACCES…) when the port cannot be listened on, or null when it is free. */
export function portProblem(port: number, host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'EUNKNOWN'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/** One line per port that cannot be used, saying what needed it; empty when all are free. */
export async function takenPorts(needs: readonly PortNeed[]): Promise<string[]> {
  const problems = await Promise.all(needs.map(async (n) => ({ ...n, code: await portProblem(n.port, n.host) })));
  return problems
    .filter((p) => p.code)
    .map((p) =>
      p.code === 'EADDRINUSE'
        ? `port ${p.port} on ${p.host} (for ${p.label}) is already in use; stop what listens there or choose another port`
        : p.code === 'EACCES'
          ? `port ${p.port} on ${p.host} (for ${p.label}) needs more privileges than this user has; choose a port above 1023`
          : `port ${p.port} on ${p.host} (for ${p.label}) cannot be listened on (${p.code})`,
    );
}

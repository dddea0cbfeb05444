// The Trellis command line: users and API tokens, for set-up and automation.
//   npm run trellis -- users add NAME --role ROLE [--role ROLE] [--display-name TEXT] [--password-stdin]
//   npm run trellis -- users list | users disable NAME | users enable NAME
//   npm run trellis -- users roles NAME --role ROLE [--role ROLE]
//   npm run trellis -- users password NAME [--password-stdin]
//   npm run trellis -- tokens create --user NAME --name LABEL [--expires-days N] [--read-only]
//   npm run trellis -- tokens list | tokens revoke ID|LABEL
// It works on the database the console uses (TRELLIS_DATA_DIR or DATABASE_URL). With the
// embedded database, stop the console first (or use its admin pages): only one process may
// open it at a time.
import os from 'node:os';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { createToken, createUser, getTokens, getUsers, revokeToken, updateUser, type Actor } from '@/lib/auth/accounts';
import { RequestError } from '@/lib/auth/errors';
import { ConfigError } from '@/lib/config';
import { closeDb } from '@/lib/db';

const USAGE = `Usage: npm run trellis -- <command>

Users
  users list
  users add NAME --role ROLE [--role ROLE ...] [--display-name TEXT] [--password-stdin]
  users roles NAME --role ROLE [--role ROLE ...]
  users password NAME [--password-stdin]
  users disable NAME          ends their sessions at once
  users enable NAME

API tokens
  tokens list
  tokens create --user NAME --name LABEL [--expires-days N] [--read-only]    prints the token once (expires in 90 days unless --expires-days)
  tokens revoke ID|LABEL

Roles: viewer, editor, approver, admin (several allowed).
Without --password-stdin, the password is asked for in the terminal.`;

/** Wrong use of the command line: the message and the usage. */
class UsageError extends Error {}
/** A problem to report on its own, without the usage. */
class CliError extends Error {}

const actor: Actor = { id: null, name: `cli:${os.userInfo().username}` };

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `Expected one ${what}, got ${positionals.length}: ${positionals.join(' ')}` : `Missing ${what}`);
  return positionals[0];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    let prompted = false;
    output._writeToOutput = (s: string) => {
      if (!prompted) {
        process.stdout.write(s);
        prompted = true;
      }
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new CliError('No terminal to ask for the password: pipe it in with --password-stdin');
  const first = await askHidden('Password: ');
  const second = await askHidden('Repeat the password: ');
  if (first !== second) throw new CliError('The two passwords differ; nothing was changed');
  return first;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}

const time = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '-');

async function users(sub: string | undefined, args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string', multiple: true }, 'display-name': { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  });
  switch (sub) {
    case 'list': {
      const list = await getUsers();
      if (!list.length) return console.log('No users yet. Add one with: npm run trellis -- users add NAME --role admin');
      console.log(
        table([
          ['NAME', 'ROLES', 'SIGN-IN', 'STATUS', 'SESSIONS', 'LAST SIGN-IN (UTC)'],
          ...list.map((u) => [u.name, u.roles.join(',') || '-', u.source === 'oidc' ? 'sso' : 'password', u.disabledAt ? 'disabled' : 'active', String(u.activeSessions), time(u.lastSignInAt)]),
        ]),
      );
      return;
    }
    case 'add': {
      const name = one(positionals, 'user name');
      const password = await readPassword(values['password-stdin'] ?? false);
      const user = await createUser({ name, password, roles: values.role ?? [], ...(values['display-name'] ? { displayName: values['display-name'] } : {}) }, actor);
      return console.log(`Created user ${user.name} with roles ${user.roles.join(', ')}.`);
    }
    case 'roles': {
      const name = one(positionals, 'user name');
      if (!values.role?.length) throw new UsageError('Give the new roles with --role ROLE (repeat for several)');
      const user = await updateUser(name, { roles: values.role }, actor);
      return console.log(`${user.name} now has roles ${user.roles.join(', ')}.`);
    }
    case 'password': {
      const name = one(positionals, 'user name');
      const password = await readPassword(values['password-stdin'] ?? false);
      await updateUser(name, { password }, actor);
      return console.log(`Password of ${name} changed; their sessions have ended.`);
    }
    case 'disable': {
      const name = one(positionals, 'user name');
      await updateUser(name, { disabled: true }, actor);
      return console.log(`${name} is disabled; their sessions have ended.`);
    }
    case 'enable': {
      const name = one(positionals, 'user name');
      await updateUser(name, { disabled: false }, actor);
      return console.log(`${name} is enabled.`);
    }
    default:
      throw new UsageError(sub ? `Unknown command: users ${sub}` : 'Missing command after "users"');
  }
}

async function tokens(sub: string | undefined, args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { user: { type: 'string' }, name: { type: 'string' }, 'expires-days': { type: 'string' }, 'read-only': { type: 'boolean' } },
  });
  switch (sub) {
    case 'list': {
      const list = await getTokens();
      if (!list.length) return console.log('No API tokens yet. Create one with: npm run trellis -- tokens create --user NAME --name LABEL');
      console.log(
        table([
          ['ID', 'LABEL', 'USER', 'TOKEN', 'STATUS', 'CREATED (UTC)', 'LAST USED', 'EXPIRES'],
          ...list.map((t) => [
            t.id,
            t.name,
            t.userName,
            `${t.prefix}…`,
            t.status,
            time(t.createdAt),
            time(t.lastUsedAt),
            time(t.expiresAt),
          ]),
        ]),
      );
      return;
    }
    case 'create': {
      if (positionals.length) throw new UsageError(`Unexpected argument: ${positionals.join(' ')}`);
      const days = values['expires-days'];
      const { token, secret } = await createToken(
        { user: values.user, name: values.name, ...(values['read-only'] ? { scope: 'read-only' } : {}), ...(days !== undefined ? { expiresInDays: /^\d+$/.test(days) ? Number(days) : days } : {}) },
        actor,
      );
      console.error(`Created token "${token.name}" for ${token.userName} (id ${token.id}${token.expiresAt ? `, expires ${time(token.expiresAt)} UTC` : ''}${token.scope === 'read-only' ? ', read-only' : ''}).`);
      console.error('This is the only time it is shown; store it now:');
      console.log(secret);
      return;
    }
    case 'revoke': {
      const token = await revokeToken(one(positionals, 'token id or label'), actor);
      return console.log(`Revoked token "${token.name}" of ${token.userName}.`);
    }
    default:
      throw new UsageError(sub ? `Unknown command: tokens ${sub}` : 'Missing command after "tokens"');
  }
}

async function main(argv: string[]): Promise<number> {
  const [area, sub, ...rest] = argv;
  try {
    if (!area || area === 'help' || area === '--help' || area === '-h') {
      console.log(USAGE);
      return area ? 0 : 2;
    }
    if (area === 'users') await users(sub, rest);
    else if (area === 'tokens') await tokens(sub, rest);
    else throw new UsageError(`Unknown command: ${area}`);
    return 0;
  } catch (err) {
    if (err instanceof RequestError) {
      if (err.status === 400 && err.fields?.length) {
        console.error('trellis: invalid input, nothing was changed:');
        for (const f of err.fields) console.error(`  ${cliName(area, f.path)}: ${f.rule}`);
      } else console.error(`trellis: ${err.message}`);
      return 1;
    }
    if (err instanceof CliError) {
      console.error(`trellis: ${err.message}`);
      return 1;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`trellis: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      console.error(`trellis: ${err.message}`);
      return 2;
    }
    console.error(`trellis: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await closeDb().catch(() => undefined);
  }
}

/** Field paths as the CLI spells them: `roles.1` is the second --role, `expiresInDays` is --expires-days. */
function cliName(area: string, path: string): string {
  const [head, index] = path.split('.');
  const names: Record<string, string> = { roles: '--role', displayName: '--display-name', expiresInDays: '--expires-days', user: '--user', name: area === 'tokens' ? '--name' : 'NAME', password: 'password' };
  const flag = names[head] ?? head;
  return index !== undefined ? `${flag} #${Number(index) + 1}` : flag;
}

main(process.argv.slice(2)).then((code) => process.exit(code));

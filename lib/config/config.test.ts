import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, demoSecret, parseConfig, parseRoleMap } from './index';

const secret = 's'.repeat(32);
const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(env, { cwd: '/srv/trellis' });
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
};

describe('configuration', () => {
  it('has defaults for demo mode', () => {
    const config = parseConfig({ TRELLIS_DEMO: '1' }, { cwd: '/srv/trellis' });
    expect(config).toMatchObject({
      demo: true,
      dataDir: '/srv/trellis/.trellis',
      databaseUrl: null,
      publicUrl: 'http://localhost:3000',
      secret: null,
      secureCookies: false,
      session: { idleSeconds: 1800, maxAgeSeconds: 43200 },
      oidc: null,
      requireApproval: false,
    });
    expect(parseConfig({ TRELLIS_DEMO: 'true', PORT: '3411' }).publicUrl).toBe('http://localhost:3411');
  });

  it('requires a URL and a secret outside demo mode, saying how to make one', () => {
    expect(problemsOf({})).toEqual([
      "NEXTAUTH_URL: required outside demo mode (the console's public URL, e.g. https://trellis.example.com)",
      'NEXTAUTH_SECRET: required outside demo mode (at least 32 characters, e.g. from `openssl rand -base64 32`)',
    ]);
    const config = parseConfig({ NEXTAUTH_URL: 'https://trellis.example.com/', NEXTAUTH_SECRET: secret });
    expect(config).toMatchObject({ demo: false, publicUrl: 'https://trellis.example.com', secureCookies: true, secret });
    // The CLI needs neither.
    expect(parseConfig({}, { forServer: false }).demo).toBe(false);
  });

  it('names each bad value with its rule, and never echoes a secret', () => {
    const problems = problemsOf({
      TRELLIS_DEMO: 'yes',
      DATABASE_URL: 'mysql://db/trellis',
      NEXTAUTH_URL: 'ftp://x',
      NEXTAUTH_SECRET: 'short-secret-value',
      TRELLIS_SESSION_IDLE_MINUTES: '0',
      TRELLIS_SESSION_MAX_HOURS: 'twelve',
      AUTH_OIDC_ROLE_MAP: 'admins=superuser',
    });
    expect(problems).toEqual([
      'TRELLIS_DEMO: must be 1 or 0 (true or false) (got "yes")',
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
      'NEXTAUTH_URL: must be an http:// or https:// URL (got "ftp://x")',
      'NEXTAUTH_SECRET: must be at least 32 characters',
      'TRELLIS_SESSION_IDLE_MINUTES: must be a whole number of minutes from 1 to 1440 (got "0")',
      'TRELLIS_SESSION_MAX_HOURS: must be a whole number of hours from 1 to 720 (got "twelve")',
      'AUTH_OIDC_ROLE_MAP: must be entries "GROUP=ROLE[,ROLE]" separated by ";", each ROLE one of viewer, editor, approver, admin (got "admins=superuser")',
    ]);
    expect(problems.join('\n')).not.toContain('short-secret-value');
    expect(problems.join('\n')).not.toContain('mysql://db');
  });

  it('keeps the idle timeout within the absolute lifetime', () => {
    expect(problemsOf({ TRELLIS_DEMO: '1', TRELLIS_SESSION_IDLE_MINUTES: '120', TRELLIS_SESSION_MAX_HOURS: '1' })).toEqual([
      'TRELLIS_SESSION_IDLE_MINUTES: must not exceed TRELLIS_SESSION_MAX_HOURS × 60 (60)',
    ]);
  });

  it('turns on single sign-on only with issuer, client id and secret together', () => {
    expect(problemsOf({ TRELLIS_DEMO: '1', AUTH_OIDC_ISSUER: 'https://idp.example.com' })).toEqual([
      'AUTH_OIDC_CLIENT_ID: required when AUTH_OIDC_ISSUER is set',
      'AUTH_OIDC_CLIENT_SECRET: required when AUTH_OIDC_ISSUER is set',
    ]);
    const config = parseConfig({
      TRELLIS_DEMO: '1',
      AUTH_OIDC_ISSUER: 'https://idp.example.com/',
      AUTH_OIDC_CLIENT_ID: 'trellis',
      AUTH_OIDC_CLIENT_SECRET: 'x',
      AUTH_OIDC_ROLE_MAP: 'net-admins=admin; network=editor,approver',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://idp.example.com',
      clientId: 'trellis',
      clientSecret: 'x',
      name: 'Single sign-on',
      scope: 'openid profile email',
      roleClaim: 'groups',
      roleMap: { 'net-admins': ['admin'], network: ['editor', 'approver'] },
    });
  });

  it('parses role maps, keeping "=" inside group names', () => {
    expect(parseRoleMap('cn=admins,ou=groups=admin;*=viewer')).toEqual({ 'cn=admins,ou=groups': ['admin'], '*': ['viewer'] });
    expect(parseRoleMap('a=viewer\nb=editor,admin')).toEqual({ a: ['viewer'], b: ['editor', 'admin'] });
    expect(parseRoleMap('no-equals')).toBeNull();
    expect(parseRoleMap('=admin')).toBeNull();
    expect(parseRoleMap('')).toBeNull();
  });

  it('keeps a generated demo secret in the data directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-config-'));
    const first = demoSecret(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(demoSecret(dir)).toBe(first);
    expect(fs.statSync(path.join(dir, 'nextauth-secret')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });

  it('lists every variable it reads, with its meaning', () => {
    const names = configVariables.map((v) => v.name);
    for (const name of ['TRELLIS_DEMO', 'TRELLIS_DATA_DIR', 'DATABASE_URL', 'NEXTAUTH_URL', 'NEXTAUTH_SECRET', 'TRELLIS_SESSION_IDLE_MINUTES', 'TRELLIS_SESSION_MAX_HOURS', 'AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET', 'AUTH_OIDC_ROLE_CLAIM', 'AUTH_OIDC_ROLE_MAP', 'TRELLIS_REQUIRE_APPROVAL']) {
      expect(names).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const v of configVariables) expect(v.meaning.length).toBeGreaterThan(10);
  });
});

describe('README table', () => {
  it('has one row per variable, with its default', async () => {
    const { configTableMarkdown } = await import('./index');
    const rows = configTableMarkdown().split('\n');
    expect(rows).toHaveLength(configVariables.length + 2);
    expect(rows.some((r) => r.startsWith('| `TRELLIS_SESSION_IDLE_MINUTES` | `30` |'))).toBe(true);
    expect(rows.find((r) => r.startsWith('| `DATABASE_URL` |'))).toContain('| (unset) |');
  });
});

describe('README', () => {
  it('carries the configuration table exactly as configVariables describes it', async () => {
    const { configTableMarkdown } = await import('./index');
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(configTableMarkdown());
  });
});

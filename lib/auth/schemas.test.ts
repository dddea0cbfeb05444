import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeFields, fieldProblems, parseInput, RequestError } from './errors';
import { auditFilterSchema, createTokenSchema, createUserSchema, queryObject, updateUserSchema } from './schemas';

const problems = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : fieldProblems(r.error);
};

describe('input rules', () => {
  it('names every missing field as required', () => {
    expect(problems(createUserSchema, {})).toEqual([
      { path: 'name', rule: 'required' },
      { path: 'password', rule: 'required' },
      { path: 'roles', rule: 'required' },
    ]);
  });

  it('states the user name rule', () => {
    const rule = '3–64 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter';
    for (const name of ['ab', 'Alice', '1bob', 'bob smith', 'x'.repeat(65), 'é-user', 5]) {
      expect(problems(createUserSchema, { name, password: 'long enough', roles: ['viewer'] })).toEqual([{ path: 'name', rule }]);
    }
    for (const name of ['bob', 'a.b_c-d', 'x'.repeat(64)]) {
      expect(problems(createUserSchema, { name, password: 'long enough', roles: ['viewer'] })).toEqual([]);
    }
  });

  it('names unknown roles by position, an empty role list, and unknown fields', () => {
    expect(problems(createUserSchema, { name: 'bob', password: 'long enough', roles: ['viewer', 'root'], extra: true })).toEqual([
      { path: 'roles.1', rule: 'one of viewer, editor, approver, admin' },
      { path: 'extra', rule: 'not a field of this request' },
    ]);
    expect(problems(createUserSchema, { name: 'bob', password: 'long enough', roles: [] })).toEqual([
      { path: 'roles', rule: 'a list of at least one role, each one of viewer, editor, approver, admin' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'text', 3]) expect(problems(createUserSchema, body)).toEqual([{ path: '(body)', rule: 'must be a JSON object' }]);
  });

  it('checks updates and tokens', () => {
    expect(problems(updateUserSchema, { disabled: 'yes' })).toEqual([{ path: 'disabled', rule: 'true or false' }]);
    expect(problems(updateUserSchema, { roles: [] })).toEqual([]);
    expect(problems(createTokenSchema, { user: 'bob', name: '-bad', expiresInDays: 0 })).toEqual([
      { path: 'name', rule: expect.stringContaining('starting with a letter or digit') },
      { path: 'expiresInDays', rule: 'a whole number of days from 1 to 3650' },
    ]);
  });

  it('turns a refusal into a 400 that names the fields', () => {
    let thrown: unknown;
    try {
      parseInput(createUserSchema, { name: 'bob' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(RequestError);
    expect(thrown).toMatchObject({ status: 400, message: 'Invalid input: password: required; roles: required' });
    expect(describeFields([{ path: 'a', rule: 'b' }])).toBe('a: b');
  });

  it('reads audit filters from a query string, in UTC', () => {
    const q = queryObject(new URLSearchParams('actor=&action=user.create&from=2026-05-01T13:30&to=2026-05-02&limit=50'));
    expect(q).toEqual({ action: 'user.create', from: '2026-05-01T13:30', to: '2026-05-02', limit: '50' });
    const parsed = auditFilterSchema.parse(q);
    expect(parsed.from?.toISOString()).toBe('2026-05-01T13:30:00.000Z');
    expect(parsed.to?.toISOString()).toBe('2026-05-02T00:00:00.000Z');
    expect(parsed.limit).toBe(50);
    expect(problems(auditFilterSchema, { from: 'yesterday', limit: '9999', outcome: 'maybe' }).map((p) => p.path)).toEqual(['outcome', 'from', 'limit']);
  });
});

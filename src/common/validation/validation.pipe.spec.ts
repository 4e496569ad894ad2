import { IsString } from 'class-validator';
import { DomainException } from '../errors/domain.exception';
import { StrictValidationPipe } from './validation.pipe';

class Body {
  @IsString()
  name!: string;
}

const meta = { type: 'body' as const, metatype: Body, data: '' };

async function fields(value: unknown): Promise<Record<string, string[]>> {
  try {
    await new StrictValidationPipe().transform(value, meta);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainException);
    return ((error as DomainException).details as { fields: Record<string, string[]> }).fields;
  }
  throw new Error('expected a validation error');
}

describe('StrictValidationPipe', () => {
  it('accepts a valid body and returns the DTO instance', async () => {
    const out = await new StrictValidationPipe().transform({ name: 'x' }, meta);
    expect(out).toBeInstanceOf(Body);
  });

  it('names unknown and invalid fields', async () => {
    expect(Object.keys(await fields({ name: 1, extra: true })).sort()).toEqual(['extra', 'name']);
  });

  it('refuses prototype keys at any depth', async () => {
    const proto = await fields(JSON.parse('{"name":"x","__proto__":{"polluted":true}}'));
    expect(Object.entries(proto)).toEqual([['__proto__', ['property __proto__ should not exist']]]);
    expect(Object.keys(await fields({ name: 'x', a: { constructor: 1 } }))).toEqual([
      'a.constructor',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses hostile nesting without recursing', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const result = await fields({ name: 'x', deep });
    expect(Object.values(result)[0][0]).toMatch(/nesting deeper than/);
  });

  it('refuses bodies that are not objects, and validates a missing body as empty', async () => {
    expect(await fields([1, 2])).toEqual({ body: ['body must be a JSON object'] });
    expect(await fields('text')).toEqual({ body: ['body must be a JSON object'] });
    expect(Object.keys(await fields(undefined))).toEqual(['name']);
  });
});
